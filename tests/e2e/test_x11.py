"""A real X11 window under Xvfb, driven by xdotool key presses (as a player would type)."""
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
import unittest

from qb import BIN, DECK, Image, env


def wait_for(pred, timeout=15.0, step=0.05):
    end = time.time() + timeout
    while time.time() < end:
        v = pred()
        if v:
            return v
        time.sleep(step)
    return None


@unittest.skipIf(os.environ.get("QB_NO_X11") == "1", "make check-headless: no X server wanted")
@unittest.skipUnless(shutil.which("Xvfb") and shutil.which("xdotool"), "Xvfb and xdotool are not installed")
class X11Window(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="qb-x11-")
        r, w = os.pipe()
        self.xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(w), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                                     pass_fds=(w,), stderr=subprocess.DEVNULL)
        os.close(w)
        num = b""
        while not num.endswith(b"\n"):
            c = os.read(r, 1)
            if not c:
                break
            num += c
        os.close(r)
        self.display = ":" + num.decode().strip()
        self.env = env({"DISPLAY": self.display})
        self.env.pop("SDL_VIDEODRIVER")
        # Under `make check-asan`, LeakSanitizer would report what libX11, libdbus and the GL
        # drivers (dlopened, then closed: "unknown module") keep at exit. Not ours: our own
        # allocations are leak-checked in every headless run and under valgrind.
        self.env["ASAN_OPTIONS"] = "detect_leaks=0"
        self.game = None

    def tearDown(self):
        if self.game:
            if self.game.poll() is None:
                self.game.kill()
            self.game.communicate()  # reaps it and closes its pipes
        self.xvfb.terminate()
        self.xvfb.wait()
        shutil.rmtree(self.tmp)

    def events(self):
        try:
            with open(os.path.join(self.tmp, "ev.jsonl"), encoding="utf-8") as f:
                return [json.loads(l) for l in f if l.endswith("\n")]
        except FileNotFoundError:
            return []

    def xdo(self, *args):
        return subprocess.run(["xdotool"] + list(args), env=self.env, capture_output=True, text=True, timeout=20)

    def test_keys_play_a_round(self):
        self.game = subprocess.Popen([BIN, "--seed", "11", "--events", os.path.join(self.tmp, "ev.jsonl"), "--scores",
                                      os.path.join(self.tmp, "scores.tsv"), "--window", "1024x600", DECK],
                                     env=self.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        win = wait_for(lambda: self.xdo("search", "--name", "^quizblitz$").stdout.split())
        self.assertTrue(win, "no quizblitz window appeared")
        wid = win[0]
        self.xdo("windowfocus", "--sync", wid)
        self.xdo("key", "--window", wid, "Return")
        start = wait_for(lambda: [e for e in self.events() if e["event"] == "question"])
        self.assertTrue(start, "Return did not start a round")
        q = start[0]
        time.sleep(1.4)  # the question shows alone for a second
        self.xdo("key", "--window", wid, str(q["correct"] + 1))
        ans = wait_for(lambda: [e for e in self.events() if e["event"] == "answer"])
        self.assertTrue(ans, "the key press was not taken as an answer")
        self.assertTrue(ans[0]["correct"])
        self.assertEqual(ans[0]["choice"], q["correct"])
        # the window shows the reveal: grab the screen and look for the green of the right answer
        shot = os.path.join(self.tmp, "x.bmp")
        time.sleep(0.6)
        subprocess.run(["import", "-display", self.display, "-window", "root", "BMP3:" + shot], env=self.env,
                       check=True, timeout=30)
        img = Image(shot)
        self.assertGreater(img.count((0x00, 0x9E, 0x73), tol=2), 1024 * 600 // 40)
        # SIGTERM (systemctl stop) ends it cleanly
        self.game.send_signal(signal.SIGTERM)
        self.assertEqual(self.game.wait(timeout=10), 0)

    def test_kiosk_fills_a_bare_x_server(self):
        # no window manager (a kiosk started by xinit): nobody applies the fullscreen state, so
        # the window itself must be the screen's size, at its corner, with the layout drawn to it
        self.game = subprocess.Popen([BIN, "--kiosk", "--scores", os.path.join(self.tmp, "scores.tsv"), DECK],
                                     env=self.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        win = wait_for(lambda: self.xdo("search", "--name", "^quizblitz$").stdout.split())
        self.assertTrue(win, "no quizblitz window appeared")
        geo = wait_for(lambda: (lambda o: o if "Geometry: 1280x800" in o else None)(
            self.xdo("getwindowgeometry", win[0]).stdout), timeout=5)
        self.assertTrue(geo, self.xdo("getwindowgeometry", win[0]).stdout)
        self.assertIn("Position: 0,0", geo)
        time.sleep(0.8)
        shot = os.path.join(self.tmp, "k.bmp")
        subprocess.run(["import", "-display", self.display, "-window", "root", "BMP3:" + shot], env=self.env,
                       check=True, timeout=30)
        img = Image(shot)
        # the start button (green) spans the left column near the bottom: drawn for 1280x800,
        # not for a smaller window in the middle; no black (X root) border is left around
        box = img.bbox((0x00, 0x9E, 0x73), tol=2)
        self.assertIsNotNone(box)
        self.assertLess(box[0], 1280 * 5 // 100)
        self.assertGreater(box[3], 800 * 75 // 100)
        for x, y in ((2, 2), (1277, 2), (2, 797), (1277, 797)):
            self.assertNotEqual(img.pixel(x, y), (0, 0, 0), "the screen's corner (%d,%d) is not drawn" % (x, y))
        self.game.send_signal(signal.SIGTERM)
        self.assertEqual(self.game.wait(timeout=10), 0)


if __name__ == "__main__":
    unittest.main()
