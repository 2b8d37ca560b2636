"""test_fleet.py: a fleet of kiosks sharing boards on a real PostgreSQL server, started by the
test (pgserver.py): every entry reaches the server exactly once, whatever happens to the server
or to a kiosk in between; the outbox drains."""
import calendar
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

if __name__ == "__main__":
    unittest.main()
