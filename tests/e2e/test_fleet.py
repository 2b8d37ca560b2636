"""test_fleet.py: a fleet of kiosks sharing boards on a real PostgreSQL server, started by the
test (pgserver.py): every entry reaches the server exactly once, whatever happens to the server
or to a kiosk in between; the outbox drains."""
import calendar
import json
import os
import signal
import subprocess
import time
import unittest

import pgserver
import qb

# one scripted round (tests/scripts/round.txt without its screenshots) ending in name entry
with open(os.path.join(qb.ROOT, "tests", "scripts", "round.txt"), encoding="utf-8") as _f:
    ROUND = [line for line in _f if not line.startswith("screenshot")]


# the fleet's name of a deck (its title) by the local table's (its file name)
TITLES = {"virtualization": "Virtualization"}


def rounds(names):
    """A script playing one round per name, entering that name each time."""
    out = []
    for n in names:
        out += [line.replace("text Ada", "text " + n) for line in ROUND]
    return "".join(out)


def local_entries(path):
    """(deck, name, score, when) of each entry of a score file."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()[1:]
    out = set()
    for line in lines:
        if line.startswith("#"):
            continue
        v = line.split("\t")
        when = calendar.timegm(time.strptime(v[-1], "%Y-%m-%dT%H:%M:%SZ"))
        out.add((v[0], v[1], v[2], str(when)))
    return out


def outbox_ids(path):
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return [line.split("\t")[0] for line in f.read().splitlines()[1:]]


class FleetBase(qb.TestCase):
    """A real server for each test, and the helpers that drive kiosks and boards against it."""
    def setUp(self):
        super().setUp()
        self.pg = pgserver.PgServer(tcp=True)
        self.addCleanup(self.pg.destroy)
        self.pg.start()
        rc, out, err = qb.tool(["--fleet-init", self.pg.url()])
        self.assertEqual(rc, 0, err)

    def kiosk_dir(self, name):
        d = os.path.join(self.case_dir, name)
        os.makedirs(d, exist_ok=True)
        return d

    def start_kiosk(self, name, script, seed=1, extra_env=None, args=(), url=None, deck=None):
        d = self.kiosk_dir(name)
        sp = os.path.join(d, "script-%d.txt" % seed)
        with open(sp, "w", encoding="utf-8") as f:
            f.write(script)
        cmd = [qb.BIN, "--seed", str(seed), "--script", sp, "--scores", os.path.join(d, "scores.tsv"),
               "--fleet", url or self.pg.url(), "--kiosk-name", name] + list(args) + [deck or qb.DECK]
        return subprocess.Popen(cmd, cwd=d, env=qb.env(extra_env), stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)

    def play(self, kiosks, script_of, seed=1):
        procs = [self.start_kiosk(k, script_of(k), seed) for k in kiosks]
        results = []
        for p in procs:
            out, err = p.communicate(timeout=120)
            results.append((p.returncode, err))
        for k, (rc, err) in zip(kiosks, results):
            self.assertEqual(rc, 0, "%s: %s" % (k, err))
        return results

    def server_entries(self):
        rows = self.pg.sql("SELECT id, kiosk, deck, name, score, played_at FROM qb_scores")
        return rows

    def assert_exactly_once(self, kiosks):
        """Every kiosk's local entries are on the server exactly once, under its name, and no
        entry is there that no kiosk saved; every outbox is empty."""
        rows = self.server_entries()
        ids = [r[0] for r in rows]
        self.assertEqual(len(ids), len(set(ids)))
        want = []
        for k in kiosks:
            d = self.kiosk_dir(k)
            for deck, name, score, when in local_entries(os.path.join(d, "scores.tsv")):
                # the fleet knows a deck by its title, the local table by its file name
                want.append((k, TITLES.get(deck, deck), name, score, when))
            self.assertEqual(outbox_ids(os.path.join(d, "scores.tsv.outbox")), [], k)
        got = sorted((r[1], r[2], r[3], r[4], r[5]) for r in rows)
        self.assertEqual(got, sorted(want))
        return rows

    def title_run(self, name, window="1280x720"):
        """A kiosk that shows its title for 1.5 s of real time (the worker fetches the boards
        meanwhile) and takes a screenshot."""
        return qb.run("wait 1500\nscreenshot title.bmp\n", window=window, tmp=self.kiosk_dir(name),
                      args=["--script-realtime", "--fleet", self.pg.url(), "--kiosk-name", name])

    def start_board(self, name, script, window):
        """A --board process on a script (real-time waits), its events in NAME/events.jsonl."""
        d = self.kiosk_dir(name)
        sp = os.path.join(d, "script.txt")
        with open(sp, "w", encoding="utf-8") as f:
            f.write(script)
        cmd = [qb.BIN, "--board", "--fleet", self.pg.url(), "--script", sp, "--events",
               os.path.join(d, "events.jsonl"), "--window", window]
        return subprocess.Popen(cmd, cwd=d, env=qb.env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True)

    def board_events(self, name):
        path = os.path.join(self.kiosk_dir(name), "events.jsonl")
        if not os.path.exists(path):
            return []
        with open(path, encoding="utf-8") as f:
            return [json.loads(line) for line in f if line.endswith("\n")]

    def wait_for(self, cond, timeout=30):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if cond():
                return True
            time.sleep(0.05)
        return False


class FleetTest(FleetBase):
    def test_three_kiosks_at_once(self):
        kiosks = ["k1", "k2", "k3"]
        self.play(kiosks, lambda k: rounds([k.upper() + "A", k.upper() + "B", k.upper() + "C"]))
        rows = self.assert_exactly_once(kiosks)
        self.assertEqual(len(rows), 9)
        for r in rows:
            self.assertTrue(r[0].startswith(r[1] + "/"), r[0])
        # the fleet's board holds every kiosk's best round, in --list-scores' format
        rc, out, err = qb.tool(["--list-scores", "--fleet", "--fleet", self.pg.url()])
        self.assertEqual(rc, 0, err)
        self.assertIn("All time", out)
        self.assertIn("KIOSK", out)
        for k in kiosks:  # each entry names the kiosk it was played on
            row = [line for line in out.splitlines() if k.upper() + "A " in line][0]
            self.assertIn(" %s " % k, row)

    def test_a_deck_is_known_by_its_title(self):
        # k2 holds another version of the deck (its blurb changed) under another file name
        with open(qb.DECK, encoding="utf-8") as f:
            lines = f.read().split("\n")
        lines[1] = "An older copy of this deck, kept under another name."
        other = os.path.join(self.kiosk_dir("k2"), "virt-2025.md")
        with open(other, "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
        p1 = self.start_kiosk("k1", rounds(["ONE"]))
        p2 = self.start_kiosk("k2", rounds(["TWO"]), deck=other)
        for p in (p1, p2):
            out, err = p.communicate(timeout=120)
            self.assertEqual(p.returncode, 0, err)
        # the local tables keep their file names; the fleet has one board, the title's
        self.assertEqual({e[0] for e in local_entries(os.path.join(self.kiosk_dir("k2"), "scores.tsv"))},
                         {"virt-2025"})
        self.assertEqual(sorted((r[2], r[3]) for r in self.server_entries()),
                         [("Virtualization", "ONE"), ("Virtualization", "TWO")])
        rc, out, err = qb.tool(["--list-scores", "Virtualization", "--fleet", self.pg.url()])
        self.assertEqual(rc, 0, err)
        self.assertIn("ONE", out)
        self.assertIn("TWO", out)

    def test_server_down_in_the_middle(self):
        kiosks = ["k1", "k2", "k3"]
        self.play(kiosks, lambda k: rounds([k.upper() + "A"]), seed=1)
        self.pg.stop()
        res = self.play(kiosks, lambda k: rounds([k.upper() + "B", k.upper() + "C"]), seed=2)
        for rc, err in res:
            self.assertIn("cannot connect to the fleet's server", err)
        for k in kiosks:  # the rounds played offline wait in each outbox
            self.assertEqual(len(outbox_ids(os.path.join(self.kiosk_dir(k), "scores.tsv.outbox"))), 2, k)
        self.pg.start()
        # the next start of each kiosk drains its outbox (a script that plays nothing)
        self.play(kiosks, lambda k: "wait 500\n", seed=3)
        rows = self.assert_exactly_once(kiosks)
        self.assertEqual(len(rows), 9)

    def test_without_libpq_local_play_goes_on(self):
        """libpq is loaded at the first connection, not at start-up: a game without a fleet
        never asks for it, and a kiosk on a machine without it (tests/preload/nolib.c) says
        once what to install and keeps its rounds for the server, as when the server is down."""
        nolibpq = qb.without_libs("libpq.so")
        r = qb.run("wait 300\nkey Return\nwait 2000\nkey 1\nwait 500\n", tmp=self.kiosk_dir("plain"),
                   extra_env=nolibpq)
        self.assertEqual(r.rc, 0, r.err)
        self.assertNotIn("nolib:", r.err)
        p = self.start_kiosk("k1", rounds(["NOPQ1"]), extra_env=nolibpq)
        out, err = p.communicate(timeout=120)
        self.assertEqual(p.returncode, 0, err)
        self.assertEqual(err.count("libpq (libpq.so.5) cannot be loaded: libquizblitz-test-not-installed.so.0"), 1, err)
        self.assertIn("apt-get install libpq5", err)
        self.assertEqual([e[1] for e in local_entries(os.path.join(self.kiosk_dir("k1"), "scores.tsv"))], ["NOPQ1"])
        self.assertEqual(len(outbox_ids(os.path.join(self.kiosk_dir("k1"), "scores.tsv.outbox"))), 1)
        self.assertEqual(self.server_entries(), [])
        # with libpq there again, the next start sends it
        p = self.start_kiosk("k1", "wait 500\n", seed=3)
        out, err = p.communicate(timeout=120)
        self.assertEqual(p.returncode, 0, err)
        self.assertEqual([r[3] for r in self.assert_exactly_once(["k1"])], ["NOPQ1"])

    def test_kill_between_insert_and_outbox_update(self):
        preload = os.path.join(qb.ROOT, qb.BUILD, "tests", "savepause.so")
        asan = os.environ.get("ASAN_OPTIONS", "")
        env = {"LD_PRELOAD": preload, "QB_TEST_SAVE_PAUSE": "60000", "QB_TEST_SAVE_PAUSE_AT": "outbox2",
               # an ASan build wants its runtime first in the library list; the preload comes first
               "ASAN_OPTIONS": (asan + ":" if asan else "") + "verify_asan_link_order=0"}
        p = self.start_kiosk("k1", rounds(["KILLED"]), extra_env=env)
        try:
            line = p.stderr.readline()
            self.assertEqual(line, "PAUSE\n")
            # the server has the entry, the outbox still holds it: the worst moment to die
            self.assertEqual(len(self.server_entries()), 1)
            self.assertEqual(len(outbox_ids(os.path.join(self.kiosk_dir("k1"), "scores.tsv.outbox"))), 1)
            p.send_signal(signal.SIGKILL)
        finally:
            p.communicate(timeout=30)
        # the next start sends it again: ON CONFLICT (id) DO NOTHING keeps it once
        self.play(["k1"], lambda k: "wait 500\n", seed=3)
        rows = self.assert_exactly_once(["k1"])
        self.assertEqual([r[3] for r in rows], ["KILLED"])

    def test_title_shows_the_fleets_boards_or_offline(self):
        sky, vermillion = (0x56, 0xB4, 0xE9), (0xD5, 0x5E, 0x00)
        self.play(["k1", "k2"], lambda k: rounds([k.upper() + "A"]))
        # a kiosk with an empty local table shows the others' rounds, its boards marked "ALL
        # KIOSKS" (two sky-blue pills in the boards' right half), nothing marked offline
        r = self.title_run("k3")
        self.assertEqual(r.rc, 0, r.err)
        self.assertEqual([e["state"] for e in r.of("fleet")], ["connecting", "live"])
        live = qb.Image(os.path.join(r.tmp, "title.bmp"))
        right = (live.w // 2, 0, live.w, live.h)
        self.assertEqual(live.count(vermillion, right), 0)
        # the server gone: the local boards, marked offline (vermillion pills), said once
        self.pg.stop()
        r = self.title_run("k3")
        self.assertEqual(r.rc, 0, r.err)
        self.assertEqual([e["state"] for e in r.of("fleet")], ["connecting", "offline"])
        self.assertEqual(r.err.count("cannot connect to the fleet's server"), 1, r.err)
        off = qb.Image(os.path.join(r.tmp, "title.bmp"))
        self.assertGreater(off.count(vermillion, right), 3000)
        self.assertGreater(live.count(sky, right) - off.count(sky, right), 3000)
        # the deck list's "best 1 234" (yellow) is the fleet's: offline, the empty local table has none
        yellow, deck_row = (0xF0, 0xE4, 0x42), (live.w // 4, 0, live.w // 2, live.h // 3)
        self.assertGreater(live.count(yellow, deck_row) - off.count(yellow, deck_row), 100)
        self.pg.start()

    def test_board_shows_a_new_entry_within_a_second(self):
        self.play(["k1"], lambda k: rounds(["OLDIE"]))
        # two big displays, landscape and portrait; each screenshots once the new entry is in
        script = "wait 14000\nscreenshot board.bmp\nquit\n"
        boards = {"land": self.start_board("land", script, "1920x1080"),
                  "port": self.start_board("port", script, "1080x1920")}
        try:
            for b in boards:
                self.assertTrue(self.wait_for(lambda: any(e.get("state") == "live" for e in self.board_events(b))),
                                self.board_events(b))
            # a kiosk plays and saves a round: its worker sends it, the server notifies
            self.play(["k2"], lambda k: rounds(["NEWBIE"]), seed=2)
            row = self.pg.sql("SELECT id, extract(epoch FROM received_at) * 1000 FROM qb_scores WHERE name = 'NEWBIE'")
            self.assertEqual(len(row), 1)
            for b in boards:
                self.assertTrue(self.wait_for(lambda: any(e["event"] == "board_new" for e in self.board_events(b))))
                new = [e for e in self.board_events(b) if e["event"] == "board_new"]
                self.assertEqual([(e["id"], e["name"], e["kiosk"]) for e in new], [(row[0][0], "NEWBIE", "k2")])
                # on screen within a second of its save
                self.assertLess(new[0]["wall_ms"] - float(row[0][1]), 1000, new)
                # and its deck's page is the one shown
                pages = [e for e in self.board_events(b) if e["event"] == "board_page"]
                self.assertEqual(pages[-1]["deck"], new[0]["deck"])
            for b, p in boards.items():
                out, err = p.communicate(timeout=60)
                self.assertEqual(p.returncode, 0, err)
                img = qb.Image(os.path.join(self.kiosk_dir(b), "board.bmp"))
                self.assertEqual((img.w, img.h), (1920, 1080) if b == "land" else (1080, 1920))
                # the new entry's row: orange (two boards: today and all time), the state LIVE in green
                self.assertGreater(img.count(qb.ORANGE, tol=40), 20000, b)
                self.assertGreater(img.count((0x00, 0x9E, 0x73)), 3000, b)
        finally:
            for p in boards.values():
                if p.poll() is None:
                    p.kill()
                    p.communicate()

    def test_board_says_offline_and_reconnects(self):
        self.play(["k1"], lambda k: rounds(["OLDIE"]))
        p = self.start_board("b", "wait 30000\nscreenshot board.bmp\nquit\n", "1280x720")
        try:
            self.assertTrue(self.wait_for(lambda: any(e.get("state") == "live" for e in self.board_events("b"))))
            self.pg.stop("immediate")  # the server dies under the listening connection
            self.assertTrue(self.wait_for(lambda: any(e.get("state") == "offline" for e in self.board_events("b"))),
                            self.board_events("b"))
            self.pg.start()
            # back by itself (the back-off is at most 15 s): live again, and a new entry still shows
            self.assertTrue(self.wait_for(lambda: [e.get("state") for e in self.board_events("b")
                                                   if e["event"] == "board_state"][-1] == "live", timeout=25))
            self.play(["k2"], lambda k: rounds(["AFTER"]), seed=2)
            self.assertTrue(self.wait_for(lambda: any(e["event"] == "board_new" for e in self.board_events("b"))))
        finally:
            p.kill()
            p.communicate()


# a one-question round (--round 1, seed 1) on the real clock (about 7 s), answered right so it
# ends in the name entry, then a wait
def realtime_round(name, wait_after):
    right = qb.questions(seed=1, n=1, args=["--round", "1"])[0]["correct"] + 1
    return ("wait 300\nkey Return\nwait 1800\nkey %d\nwait 2600\nkey Return\nwait 1600\nkey Return\n"
            "wait 800\ntext %s\nkey Return\nwait %d\nquit\n" % (right, name, wait_after))


class BadServerTest(FleetBase):
    """The server misbehaves; the game plays on, its frames never wait, nothing is lost."""

    def hold_lock(self):
        """Another session holds ACCESS EXCLUSIVE on the scores (every INSERT and SELECT on it
        waits) until release() is called (it ends that session on the server: a killed psql
        would leave its backend asleep, holding the lock)."""
        p = subprocess.Popen([os.path.join(self.pg.bin, "psql"), "-X", "-q", "-c",
                              "BEGIN; LOCK TABLE qb_scores IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(120);",
                              self.pg.url()], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             env=dict(os.environ, PGAPPNAME="qb-locker"))

        def release():
            if p.poll() is None:
                self.pg.sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'qb-locker'")
                p.wait(timeout=30)
        self.addCleanup(release)
        self.assertTrue(self.wait_for(lambda: self.pg.sql(
            "SELECT count(*) FROM pg_locks WHERE mode = 'AccessExclusiveLock' AND granted "
            "AND relation = 'qb_scores'::regclass")[0][0] == "1"))
        return p, release

    def frames(self, name):
        with open(os.path.join(self.kiosk_dir(name), "frames.log"), encoding="utf-8") as f:
            return [float(line.split()[1]) for line in f]

    def test_hung_server_never_stalls_a_frame(self):
        locker, release = self.hold_lock()
        log = os.path.join(self.kiosk_dir("k1"), "frames.log")
        p = self.start_kiosk("k1", realtime_round("HUNG", 4000), args=["--script-realtime", "--round", "1",
                                                                          "--frame-log", log])
        out, err = p.communicate(timeout=120)
        self.assertEqual(p.returncode, 0, err)
        self.assertIsNone(locker.poll())  # the server hung the whole time
        # the worker's INSERT waited on the lock until statement_timeout; the game's steps never did
        # (a step that waited for the server would take seconds: the bound is far above any frame)
        frames = self.frames("k1")
        self.assertGreater(len(frames), 100)
        self.assertLess(max(frames), 500, sorted(frames)[-5:])
        self.assertIn("statement timeout", err)
        self.assertEqual(len(outbox_ids(os.path.join(self.kiosk_dir("k1"), "scores.tsv.outbox"))), 1)
        release()
        self.play(["k1"], lambda k: "wait 500\n", seed=3)
        self.assertEqual([r[3] for r in self.assert_exactly_once(["k1"])], ["HUNG"])

    def test_connection_dropped_mid_insert(self):
        locker, release = self.hold_lock()
        p = self.start_kiosk("k1", realtime_round("DROP", 8000), args=["--script-realtime", "--round", "1"])
        try:
            # the kiosk's INSERT is running (waiting on the lock): its connection is cut mid-query
            active = "SELECT pid FROM pg_stat_activity WHERE application_name = 'quizblitz' AND query LIKE 'INSERT%'"
            self.assertTrue(self.wait_for(lambda: self.pg.sql(active + " AND state = 'active'"), timeout=30))
            self.pg.sql("SELECT pg_terminate_backend(pid) FROM (%s) a" % active)
            release()
            # the worker reconnects by itself (back-off 0.5 s) and sends it, while the game runs
            self.assertTrue(self.wait_for(lambda: len(self.server_entries()) == 1, timeout=8))
            self.assertIsNone(p.poll())
        finally:
            out, err = p.communicate(timeout=60)
        self.assertEqual(p.returncode, 0, err)
        self.assertIn("terminat", err)
        self.assertEqual([r[3] for r in self.assert_exactly_once(["k1"])], ["DROP"])

    def test_wrong_password_said_once_local_play_goes_on(self):
        self.pg.sql("CREATE ROLE kiosk LOGIN PASSWORD 'right'; GRANT SELECT ON qb_schema_version TO kiosk; "
                    "GRANT INSERT, SELECT ON qb_scores TO kiosk")
        pgpass = os.path.join(self.case_dir, "pgpass")
        with open(pgpass, "w", encoding="utf-8") as f:
            f.write("127.0.0.1:%d:*:kiosk:wrong\n" % self.pg.port)
        os.chmod(pgpass, 0o600)
        p = self.start_kiosk("k1", rounds(["LOCAL1", "LOCAL2"]), url=self.pg.tcp_url(),
                             extra_env={"PGPASSFILE": pgpass})
        out, err = p.communicate(timeout=120)
        self.assertEqual(p.returncode, 0, err)
        self.assertEqual(err.count("password authentication failed"), 1, err)
        self.assertEqual(len(local_entries(os.path.join(self.kiosk_dir("k1"), "scores.tsv"))), 2)
        self.assertEqual(len(outbox_ids(os.path.join(self.kiosk_dir("k1"), "scores.tsv.outbox"))), 2)
        self.assertEqual(self.server_entries(), [])
        # the right password: the least-privileged role sends them (INSERT, SELECT: enough)
        with open(pgpass, "w", encoding="utf-8") as f:
            f.write("127.0.0.1:%d:*:kiosk:right\n" % self.pg.port)
        p = self.start_kiosk("k1", "wait 500\n", seed=3, url=self.pg.tcp_url(), extra_env={"PGPASSFILE": pgpass})
        out, err = p.communicate(timeout=120)
        self.assertEqual(p.returncode, 0, err)
        self.assertEqual(sorted(r[3] for r in self.assert_exactly_once(["k1"])), ["LOCAL1", "LOCAL2"])

    def test_older_schema_is_named_and_play_goes_on(self):
        # a server whose schema predates this build's (here: none of ours yet)
        self.pg.sql("DROP TABLE qb_scores; DROP FUNCTION qb_scores_notify(); DELETE FROM qb_schema_version")
        p = self.start_kiosk("k1", rounds(["OLDSCHEMA"]))
        out, err = p.communicate(timeout=120)
        self.assertEqual(p.returncode, 0, err)
        self.assertEqual(err.count("has schema version 0, this quizblitz needs 1: run quizblitz --fleet-init"), 1, err)
        self.assertEqual(len(outbox_ids(os.path.join(self.kiosk_dir("k1"), "scores.tsv.outbox"))), 1)
        rc, out, err = qb.tool(["--list-scores", "--fleet", "--fleet", self.pg.url()])
        self.assertEqual(rc, 1)
        self.assertIn("run quizblitz --fleet-init", err)
        rc, out, err = qb.tool(["--fleet-init", self.pg.url()])
        self.assertEqual(rc, 0, err)
        self.play(["k1"], lambda k: "wait 500\n", seed=3)
        self.assertEqual([r[3] for r in self.assert_exactly_once(["k1"])], ["OLDSCHEMA"])

    def test_server_data_beyond_our_limits_is_bounded(self):
        # a server that holds anything (its checks dropped): long names, kiosks and decks, and a
        # million rows over 500 decks
        self.pg.sql("ALTER TABLE qb_scores DROP CONSTRAINT qb_scores_name_check, "
                    "DROP CONSTRAINT qb_scores_deck_check, DROP CONSTRAINT qb_scores_kiosk_check")
        # (loaded as a bulk load is: the trigger off, the indexes built after)
        self.pg.sql("ALTER TABLE qb_scores DISABLE TRIGGER qb_scores_notify, DROP CONSTRAINT qb_scores_pkey; "
                    "DROP INDEX qb_scores_board, qb_scores_day; "
                    "INSERT INTO qb_scores (id, kiosk, deck, name, score, right_answers, total, best_streak, played_at) "
                    "SELECT 'g/' || i, 'k' || (i % 50), 'deck' || lpad((i % 500)::text, 3, '0'), 'N' || i, "
                    "(i::bigint * 7919) % 100000, 5, 10, 3, extract(epoch FROM now())::bigint - (i % 100) * 86400 "
                    "FROM generate_series(1, 1000000) i; "
                    "INSERT INTO qb_scores VALUES ('long/1', repeat('K', 300), 'virtualization', repeat('N', 500), "
                    "999999, 10, 10, 10, extract(epoch FROM now())::bigint), "
                    "('long/2', 'k1', repeat('d', 100), 'ADA', 5, 1, 1, 1, 0), "
                    "('long/3', 'k1', repeat('\u00e9', 63), 'ADA', 5, 1, 1, 1, 0); "
                    "ALTER TABLE qb_scores ADD PRIMARY KEY (id); "
                    "CREATE INDEX qb_scores_board ON qb_scores (deck, score DESC, played_at); "
                    "CREATE INDEX qb_scores_day ON qb_scores (deck, played_at); ANALYZE qb_scores", timeout=600)
        rc, out, err = qb.tool(["--list-scores", "--fleet", "--fleet", self.pg.url()])
        self.assertEqual(rc, 0, err)
        lines = out.splitlines()
        # 200 decks at most, each with its two boards of ten: bounded whatever the table holds
        decks = [line for line in lines if line and not line.startswith(" ")]
        self.assertGreaterEqual(len(decks), 198)  # 200 read, the two of names too long for us left out
        self.assertLessEqual(len(decks), 200)
        self.assertLess(len(lines), 200 * 26)
        self.assertNotIn("d" * 64, out)
        self.assertIn("with a deck name over 63 bytes left out", err)
        # the long name cut to our 12, the kiosk's name to 63 bytes
        rc, out, err = qb.tool(["--list-scores", "virtualization", "--fleet", self.pg.url()])
        self.assertEqual(rc, 0, err)
        self.assertIn("N" * 12 + " ", out)
        self.assertNotIn("N" * 13, out)
        self.assertIn("K" * 63 + " ", out)
        self.assertNotIn("K" * 64, out)
        # a kiosk shows it on its title, live
        r = qb.run("wait 2000\nscreenshot title.bmp\n", tmp=self.kiosk_dir("k9"),
                   args=["--script-realtime", "--fleet", self.pg.url(), "--kiosk-name", "k9"])
        self.assertEqual(r.rc, 0, r.err)
        self.assertEqual([e["state"] for e in r.of("fleet")], ["connecting", "live"])


if __name__ == "__main__":
    unittest.main()
