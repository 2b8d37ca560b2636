/* fleet.c: the fleet's PostgreSQL side (libpq): the schema's migrations, the worker thread that
 * sends the outbox with INSERT ... ON CONFLICT (id) DO NOTHING and back-off, and the boards'
 * query. The game thread only appends to the outbox file and writes a byte to the worker's
 * wake-up pipe: every network call happens on the worker thread (or in a command-line tool). */
#include "fleet.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "core/outbox.h"
#include "core/util.h"
#include "pq.h"

/* The schema, as numbered migrations: --fleet-init applies those the server lacks, in order, each
 * in one transaction. Never edit a released one: add the next. */
static const char *const migrations[FLEET_SCHEMA_VERSION] = {
    /* 1: the scores, the boards' index, and a notification per new entry (its id: LISTEN/NOTIFY
     * payloads are small; a listener reads the row) */
    "CREATE TABLE qb_scores (\n"
    "  id text PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 127),\n"
    "  kiosk text NOT NULL CHECK (length(kiosk) BETWEEN 1 AND 63),\n"
    "  deck text NOT NULL CHECK (length(deck) BETWEEN 1 AND 63),\n"
    "  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 48),\n"
    "  score integer NOT NULL,\n"
    "  right_answers integer NOT NULL CHECK (right_answers >= 0),\n"
    "  total integer NOT NULL CHECK (total >= 0),\n"
    "  best_streak integer NOT NULL CHECK (best_streak >= 0),\n"
    "  played_at bigint NOT NULL,\n"
    "  received_at timestamptz NOT NULL DEFAULT now());\n"
    "CREATE INDEX qb_scores_board ON qb_scores (deck, score DESC, played_at);\n"
    "CREATE INDEX qb_scores_day ON qb_scores (deck, played_at);\n"
    "CREATE FUNCTION qb_scores_notify() RETURNS trigger LANGUAGE plpgsql AS $$\n"
    "BEGIN PERFORM pg_notify('qb_scores', NEW.id); RETURN NULL; END $$;\n"
    "CREATE TRIGGER qb_scores_notify AFTER INSERT ON qb_scores\n"
    "  FOR EACH ROW EXECUTE FUNCTION qb_scores_notify();\n",
};

/* Connection settings added to the operator's: a dead server costs seconds, not minutes. */
#define CONNECT_TIMEOUT_S "5"
#define STATEMENT_TIMEOUT "SET statement_timeout = '10s'"
/* back-off after a failure: doubles from the first to the last, reset by a success */
#define BACKOFF_MIN_MS 500
#define BACKOFF_MAX_MS 60000
/* entries per send */
#define BATCH 200
/* at most this many decks' boards are fetched */
#define BOARD_DECKS 200

/* the boards are fetched this often, and after a notification at most this often */
#define FETCH_EVERY_MS 15000
#define FETCH_GAP_MS 300

struct fleet {
    char *url;
    char kiosk[OUTBOX_KIOSK_BYTES];
    /* NULL: nothing to send (the --board screen) */
    char *outbox_path;
    /* 1: fetch the boards; of these deck keys ('\n'-joined), or of every deck (NULL) */
    int boards;
    char *decks;
    /* 1: the snapshots name the entries notifications announce (fleet_board_opts.added) */
    int name_added;
    /* called on the worker thread after each snapshot (wakes the game's loop) */
    void (*published)(void *ud);
    void *published_ud;
    pthread_t thread;
    /* written to wake the worker from its poll() (new entries, stop) */
    int wake_fd[2];
    /* guards the fields below it; never held across a network call or a file write */
    pthread_mutex_t mu;
    /* 1: the game asked the worker to stop */
    int stop;
    /* 1: new entries are in the outbox */
    int wake;
    /* the last snapshot of the boards (at_ms: monotonic ms of its fetch), its number, and the
     * number of the one the game took last */
    fleet_boards snap;
    uint64_t snap_gen, taken_gen;
    /* worker thread only: LISTEN is in force on conn; a notification asked for the boards;
     * the ids notifications named since the last fetch */
    int listening;
    int board_due;
    char notified[FLEET_ADDED_MAX][OUTBOX_ID_BYTES];
    int nnotified;
    /* the worker's connection (worker thread only) */
    PGconn *conn;
    /* the last problem reported, so a server that stays down is reported once, not every try */
    char last_err[256];
};

/* ---- connecting ---- */

/* Connects with the operator's URL (string or URI) plus our time-out and application name.
 * Returns the connection, or NULL with err filled. */
static PGconn *connect_db(const char *url, char *err, size_t errlen)
{
    /* libpq itself first: loaded at the first connection, not at start-up (pq.h) */
    if (pq_load(err, errlen) != 0)
        return NULL;
    const char *keys[] = {"dbname", "connect_timeout", "application_name", NULL};
    const char *vals[] = {url, CONNECT_TIMEOUT_S, "quizblitz", NULL};
    PGconn *c = pq.PQconnectdbParams(keys, vals, 1);
    if (!c || pq.PQstatus(c) != CONNECTION_OK) {
        const char *m = c ? pq.PQerrorMessage(c) : "out of memory";
        snprintf(err, errlen, "cannot connect to the fleet's server: %s", m);
        /* libpq's messages end with a newline: one line in the journal */
        for (char *p = err; *p; p++)
            if (*p == '\n')
                *p = (p[1] ? ' ' : 0);
        pq.PQfinish(c);
        return NULL;
    }
    PGresult *r = pq.PQexec(c, STATEMENT_TIMEOUT);
    pq.PQclear(r);
    return c;
}

/* The server's schema version: 0 when it has none of ours, -1 on an error (err filled). */
static int schema_version(PGconn *c, char *err, size_t errlen)
{
    PGresult *r = pq.PQexec(c, "SELECT to_regclass('qb_schema_version') IS NOT NULL");
    if (pq.PQresultStatus(r) != PGRES_TUPLES_OK) {
        snprintf(err, errlen, "%s", pq.PQerrorMessage(c));
        pq.PQclear(r);
        return -1;
    }
    int has = !strcmp(pq.PQgetvalue(r, 0, 0), "t");
    pq.PQclear(r);
    if (!has)
        return 0;
    r = pq.PQexec(c, "SELECT coalesce(max(version), 0) FROM qb_schema_version");
    if (pq.PQresultStatus(r) != PGRES_TUPLES_OK) {
        snprintf(err, errlen, "%s", pq.PQerrorMessage(c));
        pq.PQclear(r);
        return -1;
    }
    int v = atoi(pq.PQgetvalue(r, 0, 0));
    pq.PQclear(r);
    return v;
}

/* A connection whose schema this build can use, or NULL with err filled. */
static PGconn *connect_ready(const char *url, char *err, size_t errlen)
{
    PGconn *c = connect_db(url, err, errlen);
    if (!c)
        return NULL;
    int v = schema_version(c, err, errlen);
    if (v < FLEET_SCHEMA_VERSION) {
        if (v >= 0)
            snprintf(err, errlen,
                     "the fleet's server has schema version %d, this quizblitz needs %d: run quizblitz --fleet-init URL",
                     v, FLEET_SCHEMA_VERSION);
        pq.PQfinish(c);
        return NULL;
    }
    return c;
}

/* ---- sending ---- */

/* 1 when an INSERT failed because of the row itself (data exception, integrity violation):
 * sending it again would fail again, so it leaves the outbox (it stays in the local file). */
static int row_rejected(const PGresult *r)
{
    const char *st = pq.PQresultErrorField(r, PG_DIAG_SQLSTATE);
    return st && (!strncmp(st, "22", 2) || !strncmp(st, "23", 2));
}

/* One entry's INSERT; a resend of an entry the server has is a no-op. */
static PGresult *insert_entry(PGconn *c, const outbox_entry *e)
{
    char score[16], right[16], total[16], streak[16], when[24];
    snprintf(score, sizeof score, "%d", (int)e->e.score);
    snprintf(right, sizeof right, "%d", (int)e->e.right);
    snprintf(total, sizeof total, "%d", (int)e->e.total);
    snprintf(streak, sizeof streak, "%d", (int)e->e.best_streak);
    snprintf(when, sizeof when, "%lld", (long long)e->e.when);
    const char *p[9] = {e->id, e->kiosk, e->e.deck, e->e.name, score, right, total, streak, when};
    return pq.PQexecParams(c,
                        "INSERT INTO qb_scores (id, kiosk, deck, name, score, right_answers, total, best_streak, "
                        "played_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING",
                        9, NULL, p, NULL, NULL, 0);
}

/* Sends up to BATCH entries of the outbox. Returns how many were acknowledged and removed, 0
 * when it was empty, -1 on a failure (err filled; the connection dropped). */
static int send_batch(fleet *f, char *err, size_t errlen)
{
    outbox ob = {0};
    char *oerr = NULL;
    int done = -1;
    char **ids = NULL;
    int nids = 0;
    if (outbox_snapshot(f->outbox_path, &ob, &oerr) != 0) {
        snprintf(err, errlen, "%s", oerr);
        goto cleanup;
    }
    if (ob.n == 0) {
        done = 0;
        goto cleanup;
    }
    if (!f->conn && !(f->conn = connect_ready(f->url, err, errlen)))
        goto cleanup;
    int n = ob.n < BATCH ? ob.n : BATCH;
    ids = xcalloc((size_t)n, sizeof *ids);
    /* the batch in one transaction: one commit (one flush of the server's log) for all of it,
     * which is what lets a fleet drain its outboxes after an outage at the server's pace rather
     * than one log flush per round */
    if (n > 1) {
        int sent = 0;
        pq.PQclear(pq.PQexec(f->conn, "BEGIN"));
        while (sent < n) {
            PGresult *r = insert_entry(f->conn, &ob.v[sent]);
            int ok = pq.PQresultStatus(r) == PGRES_COMMAND_OK;
            pq.PQclear(r);
            if (!ok)
                break;
            sent++;
        }
        if (sent == n) {
            PGresult *r = pq.PQexec(f->conn, "COMMIT");
            int ok = pq.PQresultStatus(r) == PGRES_COMMAND_OK;
            pq.PQclear(r);
            if (ok) {
                for (int i = 0; i < n; i++)
                    ids[nids++] = ob.v[i].id;
                n = 0; /* all acknowledged */
            }
        } else {
            pq.PQclear(pq.PQexec(f->conn, "ROLLBACK"));
        }
        /* a failed batch (a row the server refuses, a dropped connection) goes row by row */
        if (n && pq.PQstatus(f->conn) != CONNECTION_OK) {
            snprintf(err, errlen, "fleet: sending a score failed: %s", pq.PQerrorMessage(f->conn));
            pq.PQfinish(f->conn);
            f->conn = NULL;
            f->listening = 0;
            n = 0;
        }
    }
    for (int i = 0; i < n; i++) {
        const outbox_entry *e = &ob.v[i];
        /* one statement, autocommitted: acknowledged when PQexecParams returns COMMAND_OK */
        PGresult *r = insert_entry(f->conn, e);
        ExecStatusType st = pq.PQresultStatus(r);
        if (st == PGRES_COMMAND_OK) {
            ids[nids++] = ob.v[i].id;
        } else if (row_rejected(r)) {
            fprintf(stderr, "quizblitz: fleet: the server refused entry %s (%s); it stays in the local table only\n",
                    e->id, pq.PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY));
            ids[nids++] = ob.v[i].id;
        } else {
            snprintf(err, errlen, "fleet: sending a score failed: %s", pq.PQerrorMessage(f->conn));
            pq.PQclear(r);
            pq.PQfinish(f->conn);
            f->conn = NULL;
            f->listening = 0;
            break;
        }
        pq.PQclear(r);
    }
    /* what the server has is struck from the outbox even when a later one failed */
    if (nids > 0 && outbox_remove(f->outbox_path, ids, nids, &oerr) != 0) {
        snprintf(err, errlen, "%s", oerr);
        goto cleanup;
    }
    done = f->conn ? nids : -1;
cleanup:
    free(oerr);
    free(ids);
    outbox_free(&ob);
    return done;
}

/* Reports a failure on one line, once until the message changes (a server that stays down is
 * said once, not at every try); what follows it in parentheses says what happens meanwhile. */
static void say_once(fleet *f, const char *err, const char *meanwhile)
{
    char m[512];
    snprintf(m, sizeof m, "%s", err);
    for (char *p = m; *p; p++)
        if (*p == '\n')
            *p = ' ';
    if (strcmp(m, f->last_err) != 0) /* said once until it changes */
        fprintf(stderr, "quizblitz: %s (%s)\n", m, meanwhile);
    if (snprintf(f->last_err, sizeof f->last_err, "%s", m) >= (int)sizeof f->last_err)
        f->last_err[sizeof f->last_err - 1] = 0; /* a long message compares by its start */
}

/* Sends until the outbox is empty or a failure. Returns 0 or -1. */
static int send_all(fleet *f)
{
    char err[512] = "";
    int n;
    while ((n = send_batch(f, err, sizeof err)) > 0)
        ;
    if (n < 0) {
        say_once(f, err, "kept in the outbox; retrying");
        return -1;
    }
    if (f->last_err[0])
        fprintf(stderr, "quizblitz: fleet: the server is back; the outbox is sent\n");
    f->last_err[0] = 0;
    return 0;
}

/* ---- the boards ---- */

static int row_to_entry(const PGresult *r, int i, score_entry *e);

/* Monotonic milliseconds (the snapshot's age; back-off deadlines). */
static uint64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* Reads the entries a notification named (ids joined by '\n') into f->added, bounded: the
 * events of --board, never the boards themselves (those come from fleet_query_boards). */
static void fetch_added(fleet *f, scores_added *out)
{
    if (!f->nnotified)
        return;
    strbuf ids = {0};
    for (int i = 0; i < f->nnotified; i++)
        sb_printf(&ids, "%s%s", i ? "\n" : "", f->notified[i]);
    const char *p[1] = {ids.s};
    PGresult *r = pq.PQexecParams(f->conn,
                               "SELECT deck, name, score, right_answers, total, best_streak, played_at, kiosk, id "
                               "FROM qb_scores WHERE id = ANY (string_to_array($1, E'\\n')) ORDER BY received_at, id",
                               1, NULL, p, NULL, NULL, 0);
    if (pq.PQresultStatus(r) == PGRES_TUPLES_OK) {
        for (int i = 0; i < pq.PQntuples(r) && out->n < FLEET_ADDED_MAX; i++) {
            fleet_added *a = &out->v[out->n];
            memset(a, 0, sizeof *a);
            if (row_to_entry(r, i, &a->e) != 0)
                continue;
            snprintf(a->id, sizeof a->id, "%.*s", (int)sizeof a->id - 1, pq.PQgetvalue(r, i, 8));
            out->n++;
        }
    }
    pq.PQclear(r);
    free(ids.s);
    f->nnotified = 0;
}

/* Fetches the boards and hands them over (a new snapshot, published under the mutex). On a
 * failure the snapshot keeps its table and says the server is out of reach. */
static int refresh_boards(fleet *f, char *err, size_t errlen)
{
    if (!f->conn && !(f->conn = connect_ready(f->url, err, errlen)))
        goto failed;
    if (!f->listening) {
        /* LISTEN first, then read: an entry saved between the two is in the read or notified */
        PGresult *r = pq.PQexec(f->conn, "LISTEN qb_scores");
        int ok = pq.PQresultStatus(r) == PGRES_COMMAND_OK;
        pq.PQclear(r);
        if (!ok) {
            snprintf(err, errlen, "fleet: LISTEN failed: %s", pq.PQerrorMessage(f->conn));
            goto dropped;
        }
        f->listening = 1;
    }
    scores *t = scores_new();
    if (fleet_query_boards(f->conn, (int64_t)time(NULL), f->decks, t, err, errlen) != 0) {
        scores_free(t);
        goto dropped;
    }
    scores_added added = {0};
    fetch_added(f, &added);
    pthread_mutex_lock(&f->mu);
    scores_free(f->snap.table); /* a snapshot the game never took */
    f->snap.table = t;
    for (int i = 0; i < added.n && f->snap.added.n < FLEET_ADDED_MAX; i++)
        f->snap.added.v[f->snap.added.n++] = added.v[i];
    f->snap.reachable = 1;
    f->snap.at_ms = mono_ms();
    f->snap.err[0] = 0;
    f->snap_gen++;
    pthread_mutex_unlock(&f->mu);
    if (f->published)
        f->published(f->published_ud);
    return 0;
dropped:
    pq.PQfinish(f->conn);
    f->conn = NULL;
    f->listening = 0;
failed:
    pthread_mutex_lock(&f->mu);
    f->snap.reachable = 0;
    f->snap.at_ms = mono_ms();
    snprintf(f->snap.err, sizeof f->snap.err, "%s", err);
    f->snap_gen++;
    pthread_mutex_unlock(&f->mu);
    if (f->published)
        f->published(f->published_ud);
    return -1;
}

/* Reads what the server sent on the idle connection: notifications (a new entry: the boards
 * are due), or the end of the connection. */
static void read_notifications(fleet *f)
{
    if (!f->conn)
        return;
    if (!pq.PQconsumeInput(f->conn)) {
        /* the server went away while we listened: reconnect at the next fetch, soon */
        pq.PQfinish(f->conn);
        f->conn = NULL;
        f->listening = 0;
        f->board_due = 1;
        return;
    }
    PGnotify *n;
    while ((n = pq.PQnotifies(f->conn))) {
        f->board_due = 1;
        if (f->name_added && f->nnotified < FLEET_ADDED_MAX && n->extra && strlen(n->extra) < OUTBOX_ID_BYTES)
            snprintf(f->notified[f->nnotified++], OUTBOX_ID_BYTES, "%s", n->extra);
        pq.PQfreemem(n);
    }
}

/* The wait after one more failure: BACKOFF_MIN_MS first, then doubling up to max. */
static int next_backoff(int ms, int max)
{
    return ms == 0 ? BACKOFF_MIN_MS : ms * 2 > max ? max : ms * 2;
}

/* The worker: sends the outbox when woken (or after a failure, when its back-off is over),
 * fetches the boards every FETCH_EVERY_MS and on a notification, and otherwise sleeps in
 * poll() on its wake-up pipe and the listening connection. */
static void *worker(void *arg)
{
    fleet *f = arg;
    int backoff = 0, fetch_backoff = 0;
    uint64_t next_send = 0, next_fetch = 0, last_fetch = 0;
    int send_due = f->outbox_path != NULL; /* what an earlier run left goes first */
    for (;;) {
        char junk[64];
        while (read(f->wake_fd[0], junk, sizeof junk) > 0)
            ;
        pthread_mutex_lock(&f->mu);
        int stop = f->stop;
        send_due |= f->wake;
        f->wake = 0;
        pthread_mutex_unlock(&f->mu);
        uint64_t now = mono_ms();
        if (f->outbox_path && send_due && (stop || now >= next_send)) {
            int rc = send_all(f);
            if (rc == 0) {
                backoff = 0;
                send_due = 0;
            } else {
                /* a down server is not hammered: new entries do not cut the back-off short */
                backoff = next_backoff(backoff, BACKOFF_MAX_MS);
                next_send = now + (uint64_t)backoff;
            }
        }
        if (stop)
            break; /* that was the last attempt */
        read_notifications(f);
        now = mono_ms();
        /* a notification fetches at once, but not more often than every FETCH_GAP_MS */
        if (f->boards && ((f->board_due && now >= last_fetch + FETCH_GAP_MS) || now >= next_fetch)) {
            char err[512] = "";
            last_fetch = now;
            f->board_due = 0;
            if (refresh_boards(f, err, sizeof err) == 0) {
                fetch_backoff = 0;
                next_fetch = mono_ms() + FETCH_EVERY_MS;
                if (f->last_err[0] && !send_due)
                    fprintf(stderr, "quizblitz: fleet: the server is back\n");
                if (!send_due)
                    f->last_err[0] = 0;
            } else {
                say_once(f, err, "retrying; the game plays on its local table");
                fetch_backoff = next_backoff(fetch_backoff, FETCH_EVERY_MS);
                next_fetch = mono_ms() + (uint64_t)fetch_backoff;
            }
        }
        /* sleep until woken, a notification, or the next thing due */
        now = mono_ms();
        uint64_t until = now + 60000;
        if (f->outbox_path && send_due && next_send < until)
            until = next_send;
        if (f->boards && next_fetch < until)
            until = next_fetch;
        if (f->boards && f->board_due && last_fetch + FETCH_GAP_MS < until)
            until = last_fetch + FETCH_GAP_MS;
        struct pollfd pf[2] = {{.fd = f->wake_fd[0], .events = POLLIN}, {.fd = -1, .events = POLLIN}};
        if (f->conn && f->listening)
            pf[1].fd = pq.PQsocket(f->conn);
        int ms = until > now ? (int)(until - now) : 0;
        if (ms > 0)
            poll(pf, 2, ms);
    }
    pq.PQfinish(f->conn);
    f->conn = NULL;
    return NULL;
}

fleet *fleet_start(const char *url, const char *kiosk, const char *outbox_path, const fleet_board_opts *bo)
{
    fleet *f = xcalloc(1, sizeof *f);
    f->url = xstrdup(url);
    f->outbox_path = outbox_path ? xstrdup(outbox_path) : NULL;
    if (bo) {
        f->boards = 1;
        if (bo->ndecks > 0) {
            strbuf d = {0};
            for (int i = 0; i < bo->ndecks; i++)
                sb_printf(&d, "%s%s", i ? "\n" : "", bo->decks[i]);
            f->decks = d.s;
        }
        f->name_added = bo->added;
        f->published = bo->published;
        f->published_ud = bo->ud;
    }
    if (kiosk && *kiosk) {
        snprintf(f->kiosk, sizeof f->kiosk, "%s", kiosk);
    } else {
        char host[256] = "";
        gethostname(host, sizeof host - 1);
        /* a host name longer than a kiosk name may be is cut, then checked like any name */
        if (snprintf(f->kiosk, sizeof f->kiosk, "%s", host) >= (int)sizeof f->kiosk)
            f->kiosk[sizeof f->kiosk - 1] = 0;
        if (!outbox_kiosk_name_ok(f->kiosk))
            snprintf(f->kiosk, sizeof f->kiosk, "kiosk");
    }
    pthread_mutex_init(&f->mu, NULL);
    int piped = pipe(f->wake_fd) == 0;
    for (int i = 0; piped && i < 2; i++) {
        fcntl(f->wake_fd[i], F_SETFL, O_NONBLOCK);
        fcntl(f->wake_fd[i], F_SETFD, FD_CLOEXEC);
    }
    if (!piped || pthread_create(&f->thread, NULL, worker, f) != 0) {
        fprintf(stderr, "quizblitz: fleet: cannot start the worker thread: %s\n", strerror(errno));
        if (piped) {
            close(f->wake_fd[0]);
            close(f->wake_fd[1]);
        }
        pthread_mutex_destroy(&f->mu);
        free(f->url);
        free(f->outbox_path);
        free(f->decks);
        free(f);
        return NULL;
    }
    return f;
}

/* Wakes the worker from its poll(). */
static void wake_worker(fleet *f)
{
    ssize_t w;
    do
        w = write(f->wake_fd[1], "w", 1);
    while (w < 0 && errno == EINTR);
    /* EAGAIN: the pipe is full of wake-ups already */
}

int fleet_take_boards(fleet *f, scores **held, fleet_boards *out)
{
    if (!f)
        return 0;
    int got = 0;
    pthread_mutex_lock(&f->mu);
    if (f->snap_gen != f->taken_gen) {
        f->taken_gen = f->snap_gen;
        *out = f->snap;
        uint64_t age = mono_ms() - f->snap.at_ms; /* handed over as an age */
        out->at_ms = age > 3600000 ? 3600000 : age;
        f->snap.table = NULL;
        f->snap.added.n = 0;
        got = 1;
    }
    pthread_mutex_unlock(&f->mu);
    if (got && out->table) {
        scores_free(*held);
        *held = out->table;
    }
    return got;
}

/* An id no other entry of any kiosk has: the kiosk's name and 128 random bits. */
static int make_id(const fleet *f, char *out, size_t n)
{
    unsigned char r[16];
    size_t got = 0;
    while (got < sizeof r) {
        ssize_t k = getrandom(r + got, sizeof r - got, 0);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0)
            return -1;
        got += (size_t)k;
    }
    int w = snprintf(out, n, "%s/", f->kiosk);
    for (size_t i = 0; i < sizeof r; i++)
        w += snprintf(out + w, n - (size_t)w, "%02x", r[i]);
    return 0;
}

int fleet_submit(fleet *f, const score_entry *e, int n, char **err)
{
    outbox_entry *v = xcalloc((size_t)n, sizeof *v);
    int rc = 0;
    for (int i = 0; i < n && rc == 0; i++) {
        if (make_id(f, v[i].id, sizeof v[i].id) != 0) {
            *err = xasprintf("fleet: no random bytes for an id: %s", strerror(errno));
            rc = -1;
        }
        snprintf(v[i].kiosk, sizeof v[i].kiosk, "%s", f->kiosk);
        v[i].e = e[i];
    }
    if (rc == 0)
        rc = outbox_add(f->outbox_path, v, n, err);
    free(v);
    if (rc == 0) {
        pthread_mutex_lock(&f->mu);
        f->wake = 1;
        pthread_mutex_unlock(&f->mu);
        wake_worker(f);
    }
    return rc;
}

void fleet_stop(fleet *f)
{
    if (!f)
        return;
    pthread_mutex_lock(&f->mu);
    f->stop = 1;
    pthread_mutex_unlock(&f->mu);
    wake_worker(f);
    pthread_join(f->thread, NULL);
    pthread_mutex_destroy(&f->mu);
    close(f->wake_fd[0]);
    close(f->wake_fd[1]);
    scores_free(f->snap.table);
    free(f->url);
    free(f->outbox_path);
    free(f->decks);
    free(f);
}

/* ---- the command-line tools ---- */

int fleet_init_schema(const char *url)
{
    char err[1024];
    PGconn *c = connect_db(url, err, sizeof err);
    if (!c) {
        fprintf(stderr, "quizblitz: %s\n", err);
        return EXIT_FAIL;
    }
    int rc = EXIT_FAIL;
    pq.PQclear(pq.PQexec(c, "SET client_min_messages = warning")); /* no NOTICE for IF NOT EXISTS */
    PGresult *r = pq.PQexec(c, "CREATE TABLE IF NOT EXISTS qb_schema_version (version integer PRIMARY KEY, "
                            "applied_at timestamptz NOT NULL DEFAULT now())");
    if (pq.PQresultStatus(r) != PGRES_COMMAND_OK) {
        fprintf(stderr, "quizblitz: --fleet-init: %s", pq.PQerrorMessage(c));
        goto cleanup;
    }
    pq.PQclear(r);
    r = NULL;
    for (int v = 1; v <= FLEET_SCHEMA_VERSION; v++) {
        /* each migration in a transaction, under an advisory lock, applied only when missing */
        pq.PQclear(pq.PQexec(c, "BEGIN"));
        pq.PQclear(pq.PQexec(c, "SELECT pg_advisory_xact_lock(7170217)"));
        char vs[16];
        snprintf(vs, sizeof vs, "%d", v);
        const char *p[1] = {vs};
        r = pq.PQexecParams(c, "SELECT 1 FROM qb_schema_version WHERE version = $1", 1, NULL, p, NULL, NULL, 0);
        int have = pq.PQresultStatus(r) == PGRES_TUPLES_OK && pq.PQntuples(r) > 0;
        pq.PQclear(r);
        r = NULL;
        if (!have) {
            r = pq.PQexec(c, migrations[v - 1]);
            if (pq.PQresultStatus(r) != PGRES_COMMAND_OK) {
                fprintf(stderr, "quizblitz: --fleet-init: migration %d: %s", v, pq.PQerrorMessage(c));
                pq.PQclear(pq.PQexec(c, "ROLLBACK"));
                goto cleanup;
            }
            pq.PQclear(r);
            r = pq.PQexecParams(c, "INSERT INTO qb_schema_version (version) VALUES ($1)", 1, NULL, p, NULL, NULL, 0);
            pq.PQclear(r);
            r = NULL;
        }
        r = pq.PQexec(c, "COMMIT");
        if (pq.PQresultStatus(r) != PGRES_COMMAND_OK) {
            fprintf(stderr, "quizblitz: --fleet-init: migration %d: %s", v, pq.PQerrorMessage(c));
            goto cleanup;
        }
        pq.PQclear(r);
        r = NULL;
        if (!have)
            printf("applied migration %d\n", v);
    }
    printf("fleet schema at version %d\n", FLEET_SCHEMA_VERSION);
    rc = 0;
cleanup:
    pq.PQclear(r);
    pq.PQfinish(c);
    return rc;
}

/* A row of (deck, name, score, right, total, streak, played_at, kiosk) as an entry, within our
 * bounds: a name longer than ours is cut (scores_sanitize_name), a kiosk's name too; a deck key
 * longer than ours is refused (-1: cutting it could merge two decks' boards). */
static int row_to_entry(const PGresult *r, int i, score_entry *e)
{
    memset(e, 0, sizeof *e);
    const char *deck = pq.PQgetvalue(r, i, 0);
    size_t dl = strlen(deck);
    if (dl == 0 || dl >= sizeof e->deck || !utf8_valid(deck, dl))
        return -1;
    memcpy(e->deck, deck, dl + 1);
    char name[SCORES_NAME_BYTES * 4];
    snprintf(name, sizeof name, "%.*s", (int)sizeof name - 1, pq.PQgetvalue(r, i, 1));
    if (!utf8_valid(name, strlen(name)))
        snprintf(name, sizeof name, "%s", SCORES_DEFAULT_NAME);
    scores_sanitize_name(name, e->name);
    e->score = (int32_t)atol(pq.PQgetvalue(r, i, 2));
    e->right = (int32_t)atol(pq.PQgetvalue(r, i, 3));
    e->total = (int32_t)atol(pq.PQgetvalue(r, i, 4));
    e->best_streak = (int32_t)atol(pq.PQgetvalue(r, i, 5));
    e->when = (int64_t)atoll(pq.PQgetvalue(r, i, 6));
    /* the kiosk's name, cut to our bound (scores_insert cleans it as it does a deck key) */
    const char *k = pq.PQgetvalue(r, i, 7);
    size_t kl = strnlen(k, sizeof e->kiosk - 1);
    memcpy(e->kiosk, k, kl);
    e->kiosk[kl] = 0;
    return 0;
}

/* Unix seconds of the local day's start and of the next day's, for `now`. */
static void day_bounds(int64_t now, int64_t *start, int64_t *end)
{
    time_t t = (time_t)now;
    struct tm tm;
    localtime_r(&t, &tm);
    tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
    tm.tm_isdst = -1;
    *start = (int64_t)mktime(&tm);
    tm.tm_mday++;
    tm.tm_isdst = -1;
    *end = (int64_t)mktime(&tm);
}

/* The boards' query, after a WITH that names the decks ($3: at most this many, $4: rows a board,
 * $1..$2: today's bounds): each deck's all-time and today's top rows by the index. */
#define BOARDS_SELECT                                                                                            \
    "SELECT s.deck, s.name, s.score, s.right_answers, s.total, s.best_streak, s.played_at, s.kiosk FROM decks "    \
    "CROSS JOIN LATERAL (SELECT * FROM qb_scores q WHERE q.deck = decks.deck "                                   \
    "  ORDER BY q.score DESC, q.played_at LIMIT $4::int) s "                                                     \
    "UNION ALL "                                                                                                 \
    "SELECT s.deck, s.name, s.score, s.right_answers, s.total, s.best_streak, s.played_at, s.kiosk FROM decks "    \
    "CROSS JOIN LATERAL (SELECT * FROM qb_scores q WHERE q.deck = decks.deck "                                   \
    "  AND q.played_at >= $1::bigint AND q.played_at < $2::bigint "                                              \
    "  ORDER BY q.score DESC, q.played_at LIMIT $4::int) s"
/* the decks: those named ($5: a kiosk's own), or every deck the table holds (a skip scan of the
 * index: as many probes as decks, whatever the number of rows) */
static const char boards_named_query[] =
    "WITH decks AS (SELECT DISTINCT unnest(string_to_array($5::text, E'\\n')) AS deck LIMIT $3::int) " BOARDS_SELECT;
static const char boards_every_query[] =
    "WITH RECURSIVE d(deck) AS (SELECT min(deck) FROM qb_scores UNION ALL "
    "  SELECT (SELECT min(deck) FROM qb_scores WHERE deck > d.deck) FROM d WHERE d.deck IS NOT NULL), "
    "decks AS (SELECT deck FROM d WHERE deck IS NOT NULL LIMIT $3::int) " BOARDS_SELECT;

/* The fleet's boards (today's and all time's top ten of each deck, at most BOARD_DECKS decks)
 * into t: a bounded number of rows whatever the table holds (a skip scan over the decks, then the
 * index of each). Rows with names or decks beyond our limits are cut or skipped. Returns 0, or -1
 * with err filled. */
int fleet_query_boards(PGconn *c, int64_t now, const char *decks, scores *t, char *err, size_t errlen)
{
    int64_t d0, d1;
    day_bounds(now, &d0, &d1);
    char s0[24], s1[24], nd[16], top[16];
    snprintf(s0, sizeof s0, "%lld", (long long)d0);
    snprintf(s1, sizeof s1, "%lld", (long long)d1);
    snprintf(nd, sizeof nd, "%d", BOARD_DECKS);
    snprintf(top, sizeof top, "%d", SCORES_BOARD_SIZE);
    const char *p[5] = {s0, s1, nd, top, decks};
    PGresult *r = pq.PQexecParams(c, decks ? boards_named_query : boards_every_query, decks ? 5 : 4, NULL, p, NULL,
                               NULL, 0);
    if (pq.PQresultStatus(r) != PGRES_TUPLES_OK) {
        snprintf(err, errlen, "fleet: reading the boards failed: %s", pq.PQerrorMessage(c));
        pq.PQclear(r);
        return -1;
    }
    int skipped = 0;
    for (int i = 0; i < pq.PQntuples(r); i++) {
        score_entry e;
        if (row_to_entry(r, i, &e) != 0)
            skipped++;
        else
            scores_insert(t, &e);
    }
    pq.PQclear(r);
    if (skipped)
        fprintf(stderr, "quizblitz: fleet: %d board entr%s with a deck name over %d bytes left out\n", skipped,
                skipped == 1 ? "y" : "ies", SCORES_DECK_BYTES - 1);
    return 0;
}

int fleet_list_scores(const char *url, const char *deck, int64_t now)
{
    if (!url || !*url) {
        fprintf(stderr, "quizblitz: --list-scores --fleet: no fleet: set [fleet] url in the config or give --fleet URL\n");
        return EXIT_USAGE;
    }
    char err[1024];
    PGconn *c = connect_ready(url, err, sizeof err);
    if (!c) {
        fprintf(stderr, "quizblitz: %s\n", err);
        return EXIT_FAIL;
    }
    scores *t = scores_new();
    int rc = 0;
    /* one deck (its title, the fleet's name for it): its boards whatever the number of decks */
    char key[SCORES_DECK_BYTES] = "";
    if (deck)
        snprintf(key, sizeof key, "%.*s", (int)sizeof key - 1, deck);
    if (fleet_query_boards(c, now, deck ? key : NULL, t, err, sizeof err) != 0) {
        fprintf(stderr, "quizblitz: %s", err);
        rc = EXIT_FAIL;
    } else if (deck && !scores_find_deck(t, deck)) {
        fprintf(stderr, "quizblitz: the fleet's boards hold no deck '%s'\n", deck);
        rc = EXIT_USAGE;
    } else {
        char *text = scores_format_boards(t, deck, now);
        fputs(text, stdout);
        free(text);
    }
    scores_free(t);
    pq.PQfinish(c);
    return rc;
}
