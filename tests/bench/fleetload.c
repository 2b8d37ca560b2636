/* fleetload.c: the fleet's benchmarks (make bench, section "fleet"), with the game's own fleet
 * code (src/sdl/fleet.c, linked in): no copy of its SQL or its outbox.
 *
 *   fleetload saves URL DIR KIOSKS SAVES   KIOSKS fleet workers (each a kiosk: its own outbox in
 *                                          DIR, its own connection), each sent SAVES entries by
 *                                          its own thread as fast as fleet_submit takes them (a
 *                                          crash-safe outbox write each); waits until the server
 *                                          holds them all
 *   fleetload raw URL KIOSKS SAVES         the floor: KIOSKS threads, each its own connection,
 *                                          the same INSERT ... ON CONFLICT straight away (no
 *                                          outbox, no worker)
 *   fleetload board URL RUNS [DECKS]       RUNS runs of the boards' query (fleet_query_boards)
 *                                          for the decks (comma list; none: every deck)
 *
 * saves/raw print one JSON line: saves, seconds from the first submit until the server has the
 * last, and each save's latency: ms from its submit (the entry's name carries that time) to its
 * notification reaching a listening connection (NOTIFY is delivered at commit: the moment every
 * board could show it). PACE_MS > 0: each kiosk saves every PACE_MS instead of all at once.
 * board prints the ms of each run. */
#include <libpq-fe.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/scores.h"
#include "sdl/fleet.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

typedef struct job {
    const char *url;
    fleet *f;
    int kiosk, saves, pace_ms;
    double t0;
} job;

/* the listening connection's record: each notification's id and arrival */
typedef struct heard {
    PGconn *c;
    long want;
    char (*ids)[128];
    double *at;
    long n;
} heard;

static void *listen_all(void *arg)
{
    heard *h = arg;
    while (h->n < h->want) {
        struct pollfd pf = {.fd = PQsocket(h->c), .events = POLLIN};
        if (poll(&pf, 1, 120000) <= 0 || !PQconsumeInput(h->c)) {
            fprintf(stderr, "fleetload: the listener heard %ld of %ld\n", h->n, h->want);
            exit(1);
        }
        PGnotify *m;
        double t = now_ms();
        while ((m = PQnotifies(h->c))) {
            if (h->n < h->want) {
                snprintf(h->ids[h->n], sizeof h->ids[0], "%s", m->extra);
                h->at[h->n++] = t;
            }
            PQfreemem(m);
        }
    }
    return NULL;
}

/* an entry whose name holds its submit time, ms after t0 */
static void make_entry(score_entry *e, const job *j, int i)
{
    memset(e, 0, sizeof *e);
    snprintf(e->deck, sizeof e->deck, "deck%d", (j->kiosk * 7 + i) % 20);
    snprintf(e->name, sizeof e->name, "L%.0f", now_ms() - j->t0);
    e->score = (int32_t)((j->kiosk * 7919 + i * 104729) % 100000);
    e->right = 5;
    e->total = 10;
    e->best_streak = 3;
    e->when = (int64_t)time(NULL);
}

static void *submit_all(void *arg)
{
    job *j = arg;
    for (int i = 0; i < j->saves; i++) {
        if (j->pace_ms > 0) /* each kiosk at its own phase: not all on the same tick */
            usleep((useconds_t)((i == 0 ? j->kiosk * j->pace_ms / 50 : j->pace_ms) * 1000));
        score_entry e;
        make_entry(&e, j, i);
        char *err = NULL;
        if (fleet_submit(j->f, &e, 1, &err) != 0) {
            fprintf(stderr, "fleetload: %s\n", err);
            exit(1);
        }
    }
    return NULL;
}

static void *insert_all(void *arg)
{
    job *j = arg;
    PGconn *c = PQconnectdb(j->url);
    if (PQstatus(c) != CONNECTION_OK) {
        fprintf(stderr, "fleetload: %s", PQerrorMessage(c));
        exit(1);
    }
    for (int i = 0; i < j->saves; i++) {
        if (j->pace_ms > 0)
            usleep((useconds_t)((i == 0 ? j->kiosk * j->pace_ms / 50 : j->pace_ms) * 1000));
        score_entry e;
        make_entry(&e, j, i);
        char id[64], kiosk[32], score[16], when[24];
        snprintf(id, sizeof id, "raw%d/%d", j->kiosk, i);
        snprintf(kiosk, sizeof kiosk, "raw%d", j->kiosk);
        snprintf(score, sizeof score, "%d", (int)e.score);
        snprintf(when, sizeof when, "%lld", (long long)e.when);
        const char *p[9] = {id, kiosk, e.deck, e.name, score, "5", "10", "3", when};
        PGresult *r = PQexecParams(c,
                                   "INSERT INTO qb_scores (id, kiosk, deck, name, score, right_answers, total, "
                                   "best_streak, played_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
                                   "ON CONFLICT (id) DO NOTHING",
                                   9, NULL, p, NULL, NULL, 0);
        if (PQresultStatus(r) != PGRES_COMMAND_OK) {
            fprintf(stderr, "fleetload: %s", PQerrorMessage(c));
            exit(1);
        }
        PQclear(r);
    }
    PQfinish(c);
    return NULL;
}

static int loads(int raw, const char *url, const char *dir, int kiosks, int saves, int pace_ms)
{
    PGconn *c = PQconnectdb(url);
    if (PQstatus(c) != CONNECTION_OK) {
        fprintf(stderr, "fleetload: %s", PQerrorMessage(c));
        return 1;
    }
    heard h = {.c = PQconnectdb(url), .want = (long)kiosks * saves};
    PQclear(PQexec(h.c, "LISTEN qb_scores"));
    h.ids = calloc((size_t)h.want, sizeof *h.ids);
    h.at = calloc((size_t)h.want, sizeof *h.at);
    pthread_t lt;
    pthread_create(&lt, NULL, listen_all, &h);
    job *jobs = calloc((size_t)kiosks, sizeof *jobs);
    pthread_t *th = calloc((size_t)kiosks, sizeof *th);
    double t0 = now_ms();
    for (int k = 0; k < kiosks; k++) {
        jobs[k] = (job){.url = url, .kiosk = k, .saves = saves, .pace_ms = pace_ms, .t0 = t0};
        if (!raw) {
            char name[32], path[4096];
            snprintf(name, sizeof name, "bench%02d", k);
            snprintf(path, sizeof path, "%s/%s.outbox", dir, name);
            jobs[k].f = fleet_start(url, name, path, NULL);
        }
    }
    for (int k = 0; k < kiosks; k++)
        pthread_create(&th[k], NULL, raw ? insert_all : submit_all, &jobs[k]);
    for (int k = 0; k < kiosks; k++)
        pthread_join(th[k], NULL);
    pthread_join(lt, NULL);
    double t1 = h.at[h.want - 1];
    for (int k = 0; k < kiosks; k++)
        fleet_stop(jobs[k].f);
    /* each save's submit time, from its name */
    PGresult *r = PQexec(c, raw ? "SELECT id, substr(name, 2) FROM qb_scores WHERE kiosk LIKE 'raw%'"
                                : "SELECT id, substr(name, 2) FROM qb_scores WHERE kiosk LIKE 'bench%'");
    if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != h.want) {
        fprintf(stderr, "fleetload: %ld rows expected: %s", h.want, PQerrorMessage(c));
        return 1;
    }
    printf("{\"saves\": %ld, \"seconds\": %.4f, \"latency_ms\": [", h.want, (t1 - t0) / 1000.0);
    long n = h.want;
    int printed = 0;
    for (int i = 0; i < PQntuples(r); i++) {
        const char *id = PQgetvalue(r, i, 0);
        double sub = atof(PQgetvalue(r, i, 1));
        for (long k = 0; k < n; k++) { /* 10k x 10k compares at most: well under a second */
            if (h.ids[k][0] && !strcmp(h.ids[k], id)) {
                printf("%s%.3f", printed++ ? ", " : "", h.at[k] - t0 - sub);
                h.ids[k][0] = 0;
                break;
            }
        }
    }
    printf("]}\n");
    PQclear(r);
    PQfinish(c);
    PQfinish(h.c);
    free(h.ids);
    free(h.at);
    free(jobs);
    free(th);
    return 0;
}

static int board(const char *url, int runs, const char *decks)
{
    PGconn *c = PQconnectdb(url);
    if (PQstatus(c) != CONNECTION_OK) {
        fprintf(stderr, "fleetload: %s", PQerrorMessage(c));
        return 1;
    }
    char *d = NULL;
    if (decks && *decks) {
        d = strdup(decks);
        for (char *p = d; *p; p++)
            if (*p == ',')
                *p = '\n';
    }
    printf("[");
    for (int i = 0; i < runs; i++) {
        scores *t = scores_new();
        char err[512];
        double a = now_ms();
        if (fleet_query_boards(c, (int64_t)time(NULL), d, t, err, sizeof err) != 0) {
            fprintf(stderr, "fleetload: %s\n", err);
            return 1;
        }
        double b = now_ms();
        printf("%s%.4f", i ? ", " : "", b - a);
        scores_free(t);
    }
    printf("]\n");
    free(d);
    PQfinish(c);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 6 && !strcmp(argv[1], "saves"))
        return loads(0, argv[2], argv[3], atoi(argv[4]), atoi(argv[5]), argc > 6 ? atoi(argv[6]) : 0);
    if (argc >= 5 && !strcmp(argv[1], "raw"))
        return loads(1, argv[2], NULL, atoi(argv[3]), atoi(argv[4]), argc > 5 ? atoi(argv[5]) : 0);
    if (argc >= 4 && !strcmp(argv[1], "board"))
        return board(argv[2], atoi(argv[3]), argc > 4 ? argv[4] : NULL);
    fprintf(stderr, "usage: fleetload saves URL DIR KIOSKS SAVES [PACE_MS] | raw URL KIOSKS SAVES [PACE_MS] | "
                    "board URL RUNS [DECKS]\n");
    return 64;
}
