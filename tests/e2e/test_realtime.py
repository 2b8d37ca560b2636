"""Real time, as a player plays: the real loop (sleeping in SDL_WaitEventTimeout, woken by
X11 key events) in a real X11 window under Xvfb, keys typed with xdotool, real sleeps. The
fair-clock and no-dead-end cases of test_fair_play.py, measured against the wall clock."""
import os
import subprocess
import time

from qb import BIN, DECK, Image, questions
from xvfb import XvfbCase, wait_for


class RealTime(XvfbCase):
    def setUp(self):
        super().setUp()
        self.wid = None
        self.sent = []  # (s since start, key): said when a test fails
        self.t0 = time.monotonic()

    def start(self, seed, args=()):
        self.wid = self.open_window([BIN, "--seed", str(seed), "--events", os.path.join(self.tmp, "ev.jsonl"), "--scores",
                                     os.path.join(self.tmp, "scores.tsv"), "--window", "1024x600"] + list(args) + [DECK])
        self.xdo("windowfocus", "--sync", self.wid)
        # the first frame is out and the loop sleeps: the game's clock is what the player sees
        time.sleep(0.5)

    def key(self, name):
        """Types a key; returns the wall time it was sent."""
        t = time.monotonic()
        self.xdo("key", "--window", self.wid, name)
        self.sent.append((round(t - self.t0, 3), name))
        return t

    def press(self, name, kind):
        """Types a key and waits for the event it must log; returns the wall time it was sent."""
        n = len(self.events(kind))
        t = self.key(name)
        self.wait_event(kind, n + 1, timeout=2.0)
        return t

    def wait_event(self, kind, n=1, timeout=15.0):
        got = wait_for(lambda: (lambda e: e if len(e) >= n else None)(self.events(kind)), timeout=timeout)
        self.assertTrue(got, "no %s event (%d wanted); last events: %s" % (kind, n, self.events()[-5:]))
        return got[n - 1]

    def sleep_until(self, t):
        d = t - time.monotonic()
        if d > 0:
            time.sleep(d)

    def test_fair_clock(self):
        qs = questions(seed=3, n=3)
        self.start(3)
        time.sleep(2.0)  # idle on the title: this time must not leak into the round
        t_return = self.key("Return")
        self.wait_event("question")
        # choices appear 1 s after Enter; answer 1.5 s after that
        self.sleep_until(t_return + 2.5)
        self.key(str(qs[0]["correct"] + 1))
        a = self.wait_event("answer")
        self.assertTrue(a["correct"])
        self.assertAlmostEqual(a["ms"], 1500, delta=300)
        # one Enter after a 3 s read moves on, every time
        time.sleep(3.0)
        t_next = self.key("Return")
        self.wait_event("question", 2, timeout=2.0)
        # a 10 s pause costs no countdown: 1 s, pause, 10 s, resume, 0.5 s, answer = 1.5 s
        q2 = self.events("question")[1]
        self.sleep_until(t_next + 2.0)
        self.press("Escape", "pause")
        time.sleep(10.0)
        t_resume = self.press("Escape", "resume")
        self.sleep_until(t_resume + 0.5)
        self.key(str(qs[1]["correct"] + 1))
        a = self.wait_event("answer", 2)
        self.assertTrue(a["correct"])
        pause, resume = self.events("pause")[0], self.events("resume")[0]
        self.assertGreater(resume["t_ms"] - pause["t_ms"], 9500, "keys sent: %s\nevents: %s" % (
            self.sent, [(e["event"], e["t_ms"]) for e in self.events()]))
        # what the countdown ran: before the pause and after it, nothing of the 10 s between
        ran = (pause["t_ms"] - (q2["t_ms"] + 1000)) + (a["t_ms"] - resume["t_ms"])
        self.assertAlmostEqual(a["ms"], ran, delta=40)
        self.assertEqual(resume["clock_ms"], pause["clock_ms"])
        self.assertAlmostEqual(a["ms"], 1500, delta=300)
        time.sleep(3.0)
        self.key("Return")
        self.wait_event("question", 3, timeout=2.0)

    def test_kiosk_left_alone_returns_to_attract(self):
        conf = os.path.join(self.tmp, "k.conf")
        with open(conf, "w") as f:
            f.write("[kiosk]\nenabled = true\nattract_after = 5\nround_idle = 10\nstill_there = 3\n"
                    "reveal_auto = 2\nscreen_idle = 5\nname_timeout = 5\n")
        self.start(5, ["--config", conf, "--round", "1"])
        # a player starts, presses Esc and walks away from the pause menu: "Still there?" in
        # 10 s, the round abandoned 3 s later, and attract mode (the round scored nothing)
        self.key("Return")
        self.wait_event("question")
        time.sleep(1.2)
        self.key("Escape")
        self.wait_event("still_there", timeout=14)
        self.wait_event("attract", timeout=8)
        # the next player answers the one question and leaves: the reveal, the results, the name
        # entry and the board each go on by themselves, back to attract mode
        self.key("space")
        self.wait_event("attract_end")
        time.sleep(0.3)
        self.key("Return")
        q = self.wait_event("question", 2)  # the log says which choice is right
        time.sleep(1.3)
        self.key(str(q["correct"] + 1))
        self.wait_event("round_end", 2, timeout=10)
        self.wait_event("highscore", timeout=15)
        n = len(self.events("attract"))
        self.wait_event("attract", n + 1, timeout=10)


    def test_f11_fills_a_bare_x_server_and_comes_back(self):
        # no window manager to apply the fullscreen state: the window takes the screen itself,
        # the layout follows it, and F11 again gives the old window back
        self.start(1)
        self.key("F11")
        geo = wait_for(lambda: (lambda o: o if "Geometry: 1280x800" in o else None)(
            self.xdo("getwindowgeometry", self.wid).stdout), timeout=5)
        self.assertTrue(geo, self.xdo("getwindowgeometry", self.wid).stdout)
        time.sleep(0.8)
        shot = os.path.join(self.tmp, "f11.bmp")
        subprocess.run(["import", "-display", self.display, "-window", "root", "BMP3:" + shot], env=self.env,
                       check=True, timeout=30)
        img = Image(shot)
        box = img.bbox((0x00, 0x9E, 0x73), tol=2)  # the start button, laid out for 1280x800
        self.assertIsNotNone(box)
        self.assertLess(box[0], 1280 * 5 // 100)
        self.assertGreater(box[3], 800 * 75 // 100)
        self.key("F11")
        geo = wait_for(lambda: (lambda o: o if "Geometry: 1024x600" in o else None)(
            self.xdo("getwindowgeometry", self.wid).stdout), timeout=5)
        self.assertTrue(geo, self.xdo("getwindowgeometry", self.wid).stdout)


if __name__ == "__main__":
    unittest.main()
