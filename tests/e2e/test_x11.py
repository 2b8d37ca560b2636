"""A real X11 window under Xvfb, driven by xdotool key presses (as a player would type)."""
import os
import shutil
import signal
import subprocess
import time
import unittest

from qb import BIN, CHOICE_FILLS, DECK, GREEN, Image
from xvfb import XvfbCase, wait_for


class X11Window(XvfbCase):
    def start(self, *args):
        """Starts the game on this display (args, then a score file in the test's directory and
        the deck) and returns its window's id once the window is there."""
        return self.open_window([BIN] + list(args) + ["--scores", os.path.join(self.tmp, "scores.tsv"), DECK])

    def grab(self, name):
        shot = os.path.join(self.tmp, name + ".bmp")
        subprocess.run(["import", "-display", self.display, "-window", "root", "BMP3:" + shot], env=self.env,
                       check=True, timeout=30)
        return Image(shot)

    def end_with_the_chord(self, wid):
        """Only the operator's chord, held, takes the kiosk down: it ends, saying why."""
        for k in ("ctrl", "alt", "shift", "q"):
            self.xdo("keydown", "--window", wid, k)
        ended = wait_for(lambda: self.game.poll() is not None, timeout=8)
        for k in ("q", "shift", "alt", "ctrl"):
            self.xdo("keyup", "--window", wid, k)
        self.assertTrue(ended, "the operator chord did not end the kiosk")
        self.assertEqual([e["reason"] for e in self.events("exit")], ["operator"])

    def test_keys_play_a_round(self):
        wid = self.start("--seed", "11", "--events", os.path.join(self.tmp, "ev.jsonl"), "--window", "1024x600")
        self.xdo("windowfocus", "--sync", wid)
        self.xdo("key", "--window", wid, "Return")
        start = wait_for(lambda: self.events("question"))
        self.assertTrue(start, "Return did not start a round")
        q = start[0]
        time.sleep(1.4)  # the question shows alone for a second
        asked = self.grab("q").count(GREEN, tol=2)  # a choice's fill is this green too
        self.xdo("key", "--window", wid, str(q["correct"] + 1))
        ans = wait_for(lambda: self.events("answer"))
        self.assertTrue(ans, "the key press was not taken as an answer")
        self.assertTrue(ans[0]["correct"])
        self.assertEqual(ans[0]["choice"], q["correct"])
        # the window shows the reveal: more of the right answer's green than the question had
        # (about 129,000 px against 62,000 at this size)
        shown = wait_for(lambda: self.grab("x").count(GREEN, tol=2) > asked + 1024 * 600 // 20, timeout=5)
        self.assertTrue(shown, "no reveal in the window (%d green px on the question)" % asked)
        # SIGTERM (systemctl stop) ends it cleanly
        self.game.send_signal(signal.SIGTERM)
        self.assertEqual(self.game.wait(timeout=10), 0)

    def test_kiosk_ways_out_are_shut_on_a_real_x_server(self):
        # the keys a passer-by tries, typed into the real X server (the X server's own handling of
        # them included, not a script's SDL events): the game stays, fullscreen, and logs no exit
        wid = self.start("--kiosk", "--events", os.path.join(self.tmp, "ev.jsonl"))
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
        self.assertEqual(self.events("exit"), [])
        self.assertTrue(self.events("round_start"), "Return did not start a round")
        geo = self.xdo("getwindowgeometry", wid).stdout
        self.assertIn("Geometry: 1280x800", geo)
        self.assertIn("Position: 0,0", geo)
        self.end_with_the_chord(wid)

    def hold_button(self, button, x, y, seconds):
        """A real pointer's button held down at (x, y): a long press, as an X touch screen's
        pointer emulation (or a mouse) sends it; XTEST cannot make touch events themselves."""
        self.xdo("mousemove", str(x), str(y))
        time.sleep(0.1)
        self.xdo("mousedown", str(button))
        time.sleep(seconds)
        self.xdo("mouseup", str(button))
        time.sleep(0.2)

    @unittest.skipUnless(shutil.which("setxkbmap"), "LOUD SKIP: setxkbmap (x11-xkb-utils) is not installed")
    def test_kiosk_long_press_and_a_new_keyboard(self):
        """A long press through a real X server's pointer, left and right buttons (some touch
        drivers turn a long press into a right click), and a keyboard plugged in again (what
        every X client sees of that: the server's new keymap, here from setxkbmap) with half the
        chord held across it: one tap per press, nothing for a right button, keys still play,
        nothing leaves the game but the whole chord held."""
        # 60 s a question: room for the holds below on a busy machine
        wid = self.start("--kiosk", "--seed", "11", "--time", "60", "--events", os.path.join(self.tmp, "ev.jsonl"))
        self.xdo("windowfocus", "--sync", wid)
        # the green START button: the green of the bottom quarter (the logo's I and the how-to's
        # circle are green too), once the title is drawn
        bottom = (0, 800 * 3 // 4, 1280, 800)
        img = wait_for(lambda: (lambda i: i if i.count(GREEN, box=bottom, tol=2) > 16000 else None)(
            self.grab("title")), timeout=10)
        self.assertTrue(img, "no START button on the title")
        x0, y0, x1, y1 = img.bbox(GREEN, tol=2, box=bottom)
        sx, sy = (x0 + x1) // 2, (y0 + y1) // 2
        self.hold_button(3, sx, sy, 1.5)  # a right button held on START: nothing
        time.sleep(0.3)
        self.assertEqual(self.events("round_start"), [], "a right-button long press started a round")
        self.hold_button(1, sx, sy, 3.2)  # the left one: START, once
        q = wait_for(lambda: self.events("question"))
        self.assertTrue(q, "a long press on START did not start a round")
        time.sleep(1.5)  # the choices slide in
        img = self.grab("question")
        fill = CHOICE_FILLS[q[0]["correct"]]
        lower = (0, img.h // 3, img.w, img.h)
        self.assertGreater(img.count(fill, box=lower, tol=2), 16000, "the right choice is not on the screen")
        # inside the right choice, left of its shape
        x0, y0, x1, y1 = img.bbox(fill, tol=2, box=lower)
        cx, cy = x0 + 10, (y0 + y1) // 2
        self.hold_button(3, cx, cy, 1.5)
        self.assertEqual(self.events("answer"), [], "a right-button long press answered")
        self.hold_button(1, cx, cy, 3.2)
        ans = wait_for(lambda: self.events("answer"))
        self.assertTrue(ans, "a long press on the right choice did not answer")
        self.assertEqual([(a["n"], a["correct"]) for a in ans], [(1, True)], self.events())
        # a keyboard plugged in again: the server loads its keymap and tells every client (SDL's
        # KEYMAPCHANGED); the half chord held across it neither fires nor sticks
        for k in ("ctrl", "alt", "shift"):
            self.xdo("keydown", "--window", wid, k)
        r = subprocess.run(["setxkbmap", "-layout", "us"], env=self.env, capture_output=True, text=True, timeout=20)
        self.assertEqual(r.returncode, 0, r.stderr)
        time.sleep(3.5)
        for k in ("shift", "alt", "ctrl"):
            self.xdo("keyup", "--window", wid, k)
        self.assertIsNone(self.game.poll(), "the kiosk ended")
        self.assertEqual(self.events("exit"), [])
        # keys still play after it: Return moves on from the reveal to question 2
        self.xdo("key", "--window", wid, "Return")
        self.assertTrue(wait_for(lambda: len(self.events("question")) >= 2), "keys stopped after the new keymap")
        self.assertEqual(len(self.events("round_start")), 1)
        # and only the whole chord, held, ends it
        self.end_with_the_chord(wid)

    def test_kiosk_fills_a_bare_x_server(self):
        # no window manager (a kiosk started by xinit): nobody applies the fullscreen state, so
        # the window itself must be the screen's size, at its corner, with the layout drawn to it
        wid = self.start("--kiosk")
        geo = wait_for(lambda: (lambda o: o if "Geometry: 1280x800" in o else None)(
            self.xdo("getwindowgeometry", wid).stdout), timeout=5)
        self.assertTrue(geo, self.xdo("getwindowgeometry", wid).stdout)
        self.assertIn("Position: 0,0", geo)
        # the start button (green) spans the left column near the bottom: drawn for 1280x800,
        # not for a smaller window in the middle; no black (X root) border is left around

        def drawn():
            img = self.grab("k")
            box = img.bbox(GREEN, tol=2)
            return (img, box) if box and box[0] < 1280 * 5 // 100 and box[3] > 800 * 75 // 100 else None

        got = wait_for(drawn, timeout=10)
        self.assertTrue(got, "START is not laid out for the screen: %s" % (self.grab("k").bbox(GREEN, tol=2),))
        img = got[0]
        for x, y in ((2, 2), (1277, 2), (2, 797), (1277, 797)):
            self.assertNotEqual(img.pixel(x, y), (0, 0, 0), "the screen's corner (%d,%d) is not drawn" % (x, y))
        self.game.send_signal(signal.SIGTERM)
        self.assertEqual(self.game.wait(timeout=10), 0)


if __name__ == "__main__":
    unittest.main()
