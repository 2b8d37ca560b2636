#!/usr/bin/env python3
"""fleetframes.py: does a hung fleet server cost the game's frames anything?

Plays the same real-time kiosk round (title, one question, the reveal, results, the name
entry, the save) with `--frame-log` (each loop step's work in ms), interleaved: without a fleet,
and with a fleet whose server hangs (another session holds ACCESS EXCLUSIVE on the scores, so
the worker's INSERT waits until its statement timeout). Prints p50/p95/p99/max of the loop
steps, medians over the runs. A real PostgreSQL (tests/e2e/pgserver.py), started and removed.

    make && python3 tests/bench/fleetframes.py [--runs N]      (about 30 s a run)
"""
import os
import statistics
import subprocess
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "e2e"))
import qb  # noqa: E402
import test_fleet  # noqa: E402

RUNS = 3


def pct(v, p):
    v = sorted(v)
    return v[min(len(v) - 1, int(round(p / 100 * (len(v) - 1))))]


class FleetFrames(test_fleet.BadServerTest):
    def test_frames(self):
        res = {"no fleet": [], "hung fleet": []}
        script = test_fleet.realtime_round("HUNG", 2000)
        for i in range(RUNS):
            for mode in res:
                name = "k%d%s" % (i, mode[0])
                d = self.kiosk_dir(name)
                args = ["--script-realtime", "--round", "1", "--frame-log", os.path.join(d, "frames.log")]
                release = None
                if mode == "hung fleet":
                    _, release = self.hold_lock()
                    p = self.start_kiosk(name, script, args=args)
                else:
                    sp = os.path.join(d, "script.txt")
                    with open(sp, "w", encoding="utf-8") as f:
                        f.write(script)
                    p = subprocess.Popen([qb.BIN, "--seed", "1", "--script", sp, "--scores",
                                          os.path.join(d, "scores.tsv")] + args + [qb.DECK],
                                         cwd=d, env=qb.env(None), stdout=subprocess.PIPE,
                                         stderr=subprocess.PIPE, text=True)
                _, err = p.communicate(timeout=120)
                self.assertEqual(p.returncode, 0, err)
                if release:
                    release()
                fr = self.frames(name)
                res[mode].append((len(fr), pct(fr, 50), pct(fr, 95), pct(fr, 99), max(fr)))
        base = None
        for mode, rows in res.items():
            med = [statistics.median(r[k] for r in rows) for k in range(5)]
            base = base or med
            print("%-10s %4d steps  p50 %.2f  p95 %.2f  p99 %.2f  max %.2f ms  (p99 %.2fx no fleet; median of %d)"
                  % ((mode,) + tuple(med) + (med[3] / base[3], len(rows))))


if __name__ == "__main__":
    if "--runs" in sys.argv:
        RUNS = int(sys.argv[sys.argv.index("--runs") + 1])
    unittest.main(argv=[sys.argv[0], "FleetFrames.test_frames"])
