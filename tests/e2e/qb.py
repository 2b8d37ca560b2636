"""qb.py: helpers for the end-to-end tests: run the real binary headless on a script,
read its JSON Lines event log, and read the BMP screenshots it saves."""
import json
import os
import shutil
import struct
import subprocess
import tempfile
import unittest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BUILD = os.environ.get("QB_BUILD", "build")
BIN = os.path.join(ROOT, BUILD, "quizblitz")
DECK = os.path.join(ROOT, "cards", "virtualization.md")
TESTDECKS = os.path.join(ROOT, "tests", "decks")


def env(extra=None):
    e = dict(os.environ)
    e.update({"SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "TZ": "UTC"})
    e.pop("DISPLAY", None)
    # the interface in English, whatever the developer's language (test_i18n sets its own)
    for k in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        e.pop(k, None)
    e["LANG"] = "C.UTF-8"
    if extra:
        e.update(extra)
    return e



def without_libs(*names):
    """Extra environment for a machine without the shared libraries whose file names contain
    names (tests/preload/nolib.c refuses their dlopen and says "nolib: refused FILE")."""
    asan = os.environ.get("ASAN_OPTIONS", "")
    return {"LD_PRELOAD": os.path.join(ROOT, BUILD, "tests", "nolib.so"), "QB_NOLIB": ",".join(names),
            # an ASan build wants its runtime first in the library list; the preload comes first
            "ASAN_OPTIONS": (asan + ":" if asan else "") + "verify_asan_link_order=0"}

# The directory of the qb.TestCase test running now (None between tests): run() without tmp=
# makes each run's directory inside it, so the test's clean-up removes them all.
_case_dir = None


class TestCase(unittest.TestCase):
    """A test whose runs own their temporary directories: run() without tmp= makes one inside
    this test's directory, which addCleanup removes when the test ends, pass or fail (a
    screenshot stays readable through r.tmp until then)."""

    def setUp(self):
        super().setUp()
        global _case_dir
        self.case_dir = tempfile.mkdtemp(prefix="qb-e2e-")
        _case_dir = self.case_dir
        self.addCleanup(self._remove_case_dir)

    def _remove_case_dir(self):
        global _case_dir
        _case_dir = None
        shutil.rmtree(self.case_dir)


class Run:
    """The result of one run: exit code, output, events, the temp dir."""

    def __init__(self, rc, out, err, events, tmp):
        self.rc, self.out, self.err, self.events, self.tmp = rc, out, err, events, tmp

    def of(self, kind):
        return [e for e in self.events if e["event"] == kind]


def run(script, args=(), decks=None, seed=1, window="1280x720", scores=True, tmp=None, extra_env=None, timeout=120):
    """Runs quizblitz on a script (a string) in tmp, or in a new directory of the running
    qb.TestCase's (removed when the test ends). Returns a Run."""
    if tmp is None:
        if _case_dir is None:
            raise RuntimeError("run() without tmp= belongs in a qb.TestCase test, whose clean-up removes its "
                               "directory; elsewhere pass tmp= and remove it yourself")
        tmp = tempfile.mkdtemp(prefix="run-", dir=_case_dir)
    sp = os.path.join(tmp, "script.txt")
    with open(sp, "w", encoding="utf-8") as f:
        f.write(script)
    ev = os.path.join(tmp, "events.jsonl")
    cmd = [BIN, "--seed", str(seed), "--script", sp, "--events", ev, "--window", window]
    if scores:
        cmd += ["--scores", os.path.join(tmp, "scores.tsv")]
    cmd += list(args)
    cmd += list(decks if decks is not None else [DECK])
    p = subprocess.run(cmd, cwd=tmp, env=env(extra_env), capture_output=True, text=True, timeout=timeout)
    events = []
    if os.path.exists(ev):
        with open(ev, encoding="utf-8") as f:
            events = [json.loads(line) for line in f if line.strip()]
    return Run(p.returncode, p.stdout, p.stderr, events, tmp)


def tool(args, extra_env=None, cwd=None):
    p = subprocess.run([BIN] + list(args), env=env(extra_env), capture_output=True, text=True, timeout=120, cwd=cwd)
    return p.returncode, p.stdout, p.stderr


def questions(seed=1, n=10, decks=None, args=(), title=()):
    """The questions a seed deals: a run that answers 1 to every question as soon as the
    choices are up and moves on from each reveal after its reading time (the whole round is
    dealt when it starts, from the seed alone, never from the answers). title: script lines
    played on the title first (e.g. picking another deck)."""
    s = ["wait 200"] + list(title) + ["key Return"] + ["wait 1100", "key 1", "wait 2600", "key Return"] * n
    with tempfile.TemporaryDirectory(prefix="qb-questions-") as tmp:
        r = run("\n".join(s) + "\n", args=args, decks=decks, seed=seed, tmp=tmp)
    qs = []
    for e in r.events:
        if e["event"] == "round_end":
            break
        if e["event"] == "question":
            qs.append(e)
    return qs


class Image:
    """A 24/32-bit BMP as written by SDL_SaveBMP; pixel(x, y) -> (r, g, b)."""

    def __init__(self, path):
        with open(path, "rb") as f:
            data = f.read()
        assert data[:2] == b"BM", "not a BMP"
        off = struct.unpack_from("<I", data, 10)[0]
        hsize = struct.unpack_from("<I", data, 14)[0]
        w, h = struct.unpack_from("<ii", data, 18)
        bpp = struct.unpack_from("<H", data, 28)[0]
        comp = struct.unpack_from("<I", data, 30)[0]
        self.w, self.h = w, abs(h)
        self.topdown = h < 0
        self.bpp = bpp
        self.stride = ((w * bpp // 8) + 3) & ~3
        self.data = data
        self.off = off
        masks = (0x00FF0000, 0x0000FF00, 0x000000FF)
        if comp == 3 and hsize >= 52:
            masks = struct.unpack_from("<III", data, 54)
        elif comp == 3:
            masks = struct.unpack_from("<III", data, 14 + hsize)
        self.shifts = [self._shift(m) for m in masks]
        assert bpp in (24, 32), "unsupported bpp %d" % bpp

    @staticmethod
    def _shift(m):
        s = 0
        while m and not (m & 1):
            m >>= 1
            s += 1
        return s

    def pixel(self, x, y):
        row = y if self.topdown else self.h - 1 - y
        i = self.off + row * self.stride + x * (self.bpp // 8)
        if self.bpp == 24:
            b, g, r = self.data[i], self.data[i + 1], self.data[i + 2]
            return (r, g, b)
        v = struct.unpack_from("<I", self.data, i)[0]
        return tuple((v >> s) & 0xFF for s in self.shifts)

    def count(self, rgb, box=None, tol=0):
        x0, y0, x1, y1 = box or (0, 0, self.w, self.h)
        n = 0
        for y in range(y0, y1, 2):
            for x in range(x0, x1, 2):
                p = self.pixel(x, y)
                if abs(p[0] - rgb[0]) <= tol and abs(p[1] - rgb[1]) <= tol and abs(p[2] - rgb[2]) <= tol:
                    n += 1
        return n * 4

    def bbox(self, rgb, tol=0, box=None):
        """Bounding box (x0, y0, x1, y1) of the pixels of a colour (inside box, if given),
        sampled every 2 px."""
        x0, y0, x1, y1 = box or (0, 0, self.w, self.h)
        xs, ys = [], []
        for y in range(y0, y1, 2):
            for x in range(x0, x1, 2):
                p = self.pixel(x, y)
                if abs(p[0] - rgb[0]) <= tol and abs(p[1] - rgb[1]) <= tol and abs(p[2] - rgb[2]) <= tol:
                    xs.append(x)
                    ys.append(y)
        if not xs:
            return None
        return (min(xs), min(ys), max(xs) + 1, max(ys) + 1)


BLUE = (0x00, 0x72, 0xB2)
ORANGE = (0xE6, 0x9F, 0x00)
GREEN = (0x00, 0x9E, 0x73)
PURPLE = (0xCC, 0x79, 0xA7)
VERMILLION = (0xD5, 0x5E, 0x00)
CHOICE_FILLS = [BLUE, ORANGE, GREEN, PURPLE]
