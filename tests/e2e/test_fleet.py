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


class FleetTest(qb.TestCase):
    def setUp(self):
        super().setUp()
        self.pg = pgserver.PgServer()
        self.addCleanup(self.pg.destroy)
        self.pg.start()
        rc, out, err = qb.tool(["--fleet-init", self.pg.url()])
        self.assertEqual(rc, 0, err)

    def kiosk_dir(self, name):
        d = os.path.join(self.case_dir, name)
        os.makedirs(d, exist_ok=True)
        return d

    def start_kiosk(self, name, script, seed=1, extra_env=None):
        d = self.kiosk_dir(name)
        sp = os.path.join(d, "script-%d.txt" % seed)
        with open(sp, "w", encoding="utf-8") as f:
            f.write(script)
        cmd = [qb.BIN, "--seed", str(seed), "--script", sp, "--scores", os.path.join(d, "scores.tsv"),
               "--fleet", self.pg.url(), "--kiosk-name", name, qb.DECK]
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
                want.append((k, deck, name, score, when))
            self.assertEqual(outbox_ids(os.path.join(d, "scores.tsv.outbox")), [], k)
        got = sorted((r[1], r[2], r[3], r[4], r[5]) for r in rows)
        self.assertEqual(got, sorted(want))
        return rows

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

    def title_run(self, name, window="1280x720"):
        """A kiosk that shows its title for 1.5 s of real time (the worker fetches the boards
        meanwhile) and takes a screenshot."""
        return qb.run("wait 1500\nscreenshot title.bmp\n", window=window, tmp=self.kiosk_dir(name),
                      args=["--script-realtime", "--fleet", self.pg.url(), "--kiosk-name", name])

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


if __name__ == "__main__":
    unittest.main()
