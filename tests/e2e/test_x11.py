"""A real X11 window under Xvfb, driven by xdotool key presses (as a player would type)."""
import os
import signal
import subprocess
import time

from qb import BIN, DECK, Image
from xvfb import XvfbCase, wait_for


class X11Window(XvfbCase):
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

    def test_kiosk_ways_out_are_shut_on_a_real_x_server(self):
        # the keys a passer-by tries, typed into the real X server (the X server's own handling of
        # them included, not a script's SDL events): the game stays, fullscreen, and logs no exit
        ev = os.path.join(self.tmp, "ev.jsonl")
        self.game = subprocess.Popen([BIN, "--kiosk", "--events", ev, "--scores", os.path.join(self.tmp, "scores.tsv"),
                                      DECK], env=self.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        win = wait_for(lambda: self.xdo("search", "--name", "^quizblitz$").stdout.split())
        self.assertTrue(win, "no quizblitz window appeared")
        wid = win[0]
        self.xdo("windowfocus", "--sync", wid)
        time.sleep(0.5)
        tries = ["Escape", "alt+F4", "alt+Tab", "ctrl+alt+BackSpace", "ctrl+alt+F2", "super", "F11", "alt+Return",
                 "ctrl+q", "ctrl+w", "Return", "Escape", "Escape", "4", "Return", "alt+F4"]
        for k in tries:  # on the title, then in a round (Return started one) and its pause menu
            self.xdo("key", "--window", wid, k)
            time.sleep(0.15)
        # (a window manager's close button sends WM_DELETE_WINDOW, SDL's close event: the scripted
        # test_kiosk sends that one; a bare X server has no close button to press)
        time.sleep(1.0)
        self.assertIsNone(self.game.poll(), "a key ended the kiosk: %s" % (self.game.stderr.read() if
                                                                             self.game.poll() is not None else ""))
        self.assertEqual([e for e in self.events() if e["event"] == "exit"], [])
        self.assertTrue([e for e in self.events() if e["event"] == "round_start"], "Return did not start a round")
        geo = self.xdo("getwindowgeometry", wid).stdout
        self.assertIn("Geometry: 1280x800", geo)
        self.assertIn("Position: 0,0", geo)
        # only the operator's chord, held, takes it down
        for k in ("ctrl", "alt", "shift", "q"):
            self.xdo("keydown", "--window", wid, k)
        ended = wait_for(lambda: self.game.poll() is not None, timeout=8)
        for k in ("q", "shift", "alt", "ctrl"):
            self.xdo("keyup", "--window", wid, k)
        self.assertTrue(ended, "the operator chord did not end the kiosk")
        self.assertEqual([e["reason"] for e in self.events() if e["event"] == "exit"], ["operator"])

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
