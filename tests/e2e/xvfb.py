"""xvfb.py: the base of the tests that play in a real X11 window: a private Xvfb started for
each test (a free display found with -displayfd), the game's environment pointed at it, xdotool
to type, and everything stopped and removed when the test ends, pass or fail."""
import json
import os
import shutil
import subprocess
import time
import unittest

from qb import TestCase, env


def wait_for(pred, timeout=15.0, step=0.02):
    """pred()'s first true value within timeout seconds, else None."""
    end = time.time() + timeout
    while time.time() < end:
        v = pred()
        if v:
            return v
        time.sleep(step)
    return None


@unittest.skipIf(os.environ.get("QB_NO_X11") == "1", "make check-headless: no X server wanted")
@unittest.skipUnless(shutil.which("Xvfb") and shutil.which("xdotool"), "Xvfb and xdotool are not installed")
class XvfbCase(TestCase):
    SCREEN = "1280x800x24"

    def setUp(self):
        super().setUp()
        self.tmp = self.case_dir
        r, w = os.pipe()
        # -noreset: without it the server resets when its last client leaves and drops whoever is
        # connecting then, so the game's XOpenDisplay could race the test's first xdotool and fail
        # ("cannot open display"; seen under load, 2 starts in 40)
        self.xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(w), "-screen", "0", self.SCREEN, "-nolisten", "tcp",
                                      "-noreset"],
                                     pass_fds=(w,), stderr=subprocess.DEVNULL)
        os.close(w)
        num = b""
        while not num.endswith(b"\n"):
            c = os.read(r, 1)
            if not c:
                break
            num += c
        os.close(r)
        self.addCleanup(self._stop)
        self.display = ":" + num.decode().strip()
        self.env = env({"DISPLAY": self.display})
        self.env.pop("SDL_VIDEODRIVER")
        # Under `make check-asan`, LeakSanitizer would report what libX11, libdbus and the GL
        # drivers (dlopened, then closed: "unknown module") keep at exit. Not ours: our own
        # allocations are leak-checked in every headless run and under valgrind.
        self.env["ASAN_OPTIONS"] = "detect_leaks=0"
        self.game = None

    def _stop(self):
        if self.game:
            if self.game.poll() is None:
                self.game.kill()
            self.game.communicate()  # reaps it and closes its pipes
        self.xvfb.terminate()
        self.xvfb.wait()

    def open_window(self, argv):
        """Starts the game (argv) on this display with its output piped, and returns its
        window's id once the window is there. When none comes, the failure says whether the game
        exited (and what it printed) or still runs, and what xdotool said."""
        self.game = subprocess.Popen(argv, env=self.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        last = []

        def window_or_exit():
            r = self.xdo("search", "--name", "^quizblitz$")
            last[:] = [r.returncode, r.stderr.strip()]
            return r.stdout.split() or self.game.poll() is not None

        win = wait_for(window_or_exit, timeout=30)
        if isinstance(win, list):
            return win[0]
        alive = self.game.poll() is None
        if alive:
            self.game.kill()
        out, err = self.game.communicate()
        self.fail("no quizblitz window appeared on %s: the game %s; it printed %r %r; xdotool search: %r; "
                  "windows: %r" % (self.display, "still ran" if alive else "exited %d" % self.game.returncode,
                                   out[-2000:], err[-2000:], last, self.xdo("search", "--name", ".").stdout[:500]))

    def xdo(self, *args):
        return subprocess.run(["xdotool"] + list(args), env=self.env, capture_output=True, text=True, timeout=20)

    def events(self, kind=None):
        """The game's --events log (written to ev.jsonl in the test's directory) so far."""
        try:
            with open(os.path.join(self.tmp, "ev.jsonl"), encoding="utf-8") as f:
                ev = [json.loads(l) for l in f if l.endswith("\n")]
        except FileNotFoundError:
            return []
        return [e for e in ev if kind is None or e["event"] == kind]
