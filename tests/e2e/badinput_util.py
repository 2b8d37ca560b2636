"""badinput_util.py: helpers of test_bad_input.py (kept apart from qb.py, which they build on):
temporary directories that clean up after chattr, a known-good score file made by the game
itself, immutable files, a tiny tmpfs, and generated decks."""
import contextlib
import os
import shutil
import subprocess
import tempfile

from qb import BIN, DECK, env, questions, run, tool

# Sanitizer reports that must never appear in what the user sees (make check-asan runs these
# tests with QB_BUILD=build-asan).
SANITIZER_MARKS = ("runtime error:", "AddressSanitizer", "LeakSanitizer", "UndefinedBehaviorSanitizer",
                   "Segmentation fault", "Aborted", "core dumped")

# Names of the known-good score file's entries (made by playing, see known_scores()).
KNOWN_NAMES = ("KNOWNA", "KNOWNB")


def is_root():
    return hasattr(os, "geteuid") and os.geteuid() == 0


def chattr(path, flag):
    """chattr +i / -i; returns True when it worked (needs root and ext2/3/4, xfs, btrfs...)."""
    try:
        p = subprocess.run(["chattr", flag, path], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return False
    return p.returncode == 0


def tempdir(test):
    """A fresh directory removed when the test ends (immutable flags are cleared first)."""
    d = tempfile.mkdtemp(prefix="qb-bad-")

    def clean():
        for root, dirs, files in os.walk(d):
            for n in dirs + files:
                p = os.path.join(root, n)
                if not os.path.islink(p):
                    subprocess.run(["chattr", "-i", p], capture_output=True)
        subprocess.run(["chattr", "-i", d], capture_output=True)
        shutil.rmtree(d, ignore_errors=True)

    test.addCleanup(clean)
    return d


def assert_no_crash(test, text):
    for m in SANITIZER_MARKS:
        test.assertNotIn(m, text, "the program crashed or a sanitizer fired:\n" + text[-4000:])


def round_script(qs, name=None, quit_after=True):
    """Plays the dealt questions right and, when name is given, types it into the name entry."""
    s = ["wait 300", "key Return"]
    for q in qs:
        s += ["wait 1800", "key %d" % (q["correct"] + 1), "wait 2600", "key Return"]
    s.append("wait 1600")  # the results count up, then Enter goes on to the name entry
    if name:
        s += ["key Return", "wait 800", "text " + name, "key Return", "wait 1000", "key Return", "wait 500"]
    if quit_after:
        s.append("quit")
    return "\n".join(s) + "\n"


ROUND_ARGS = ("--round", "3")
_known_cache = {}


def known_scores(seed=5):
    """Bytes of a good score file with the two KNOWN_NAMES entries, made by playing two short
    rounds with the real binary (so it follows the file format wherever it goes)."""
    if "bytes" in _known_cache:
        return _known_cache["bytes"]
    tmp = tempfile.mkdtemp(prefix="qb-known-")
    try:
        for i, name in enumerate(KNOWN_NAMES):
            qs = questions(seed=seed + i, args=ROUND_ARGS)
            r = run(round_script(qs, name), args=ROUND_ARGS, seed=seed + i, tmp=tmp)
            if r.rc != 0:
                raise AssertionError("cannot make the known score file: rc %d\n%s" % (r.rc, r.err))
        with open(os.path.join(tmp, "scores.tsv"), "rb") as f:
            data = f.read()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    for n in KNOWN_NAMES:
        if n.encode() not in data:
            raise AssertionError("the known score file lacks %s:\n%r" % (n, data))
    _known_cache["bytes"] = data
    return data


def write(path, data):
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


def read(path):
    with open(path, "rb") as f:
        return f.read()


def list_scores(path):
    """(rc, out, err) of --list-scores on a score file."""
    return tool(["--scores", path, "--list-scores"])


def assert_known_listed(test, path):
    rc, out, err = list_scores(path)
    assert_no_crash(test, err)
    for n in KNOWN_NAMES:
        test.assertIn(n, out, "score entry %s lost; --list-scores said:\n%s\n%s" % (n, out, err))
    return rc, out, err


def card_md(i, nwrong=3, question=None):
    q = question or "Question number %d?" % i
    lines = ["## " + q, "level: " + ("easy", "medium", "hard")[i % 3], "",
             "- [x] Right answer %d" % i]
    lines += ["- [ ] Wrong answer %d.%d" % (i, j) for j in range(nwrong)]
    lines += ["", "> Explanation %d." % i, ""]
    return "\n".join(lines) + "\n"


def deck_md(ncards, title="Generated"):
    return "# %s\n\n" % title + "".join(card_md(i) for i in range(ncards))


@contextlib.contextmanager
def tiny_tmpfs(size_kb):
    """A tmpfs of size_kb KiB mounted on a fresh directory (root only); yields its path, or None
    when it cannot be mounted."""
    d = tempfile.mkdtemp(prefix="qb-tmpfs-")
    mounted = False
    try:
        if is_root():
            p = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=%dk" % size_kb, "tmpfs", d],
                               capture_output=True, timeout=30)
            mounted = p.returncode == 0
        yield d if mounted else None
    finally:
        if mounted:
            subprocess.run(["umount", d], capture_output=True, timeout=30)
        shutil.rmtree(d, ignore_errors=True)


def fill_disk(d):
    """Fills the filesystem of d to the last byte."""
    with open(os.path.join(d, "filler"), "wb", buffering=0) as f:
        try:
            while True:
                f.write(b"\0" * 4096)
                f.flush()
        except OSError:
            pass
    # the last partial block (the file itself may not fit any more)
    try:
        with open(os.path.join(d, "filler2"), "wb", buffering=0) as f:
            while True:
                f.write(b"\0")
                f.flush()
    except OSError:
        pass


def raw(args, extra_env=None, cwd=None, timeout=300, stdin=None):
    """Runs the binary with arbitrary arguments and environment; (rc, out, err)."""
    p = subprocess.run([BIN] + list(args), env=env(extra_env), capture_output=True, text=True,
                       errors="replace", timeout=timeout, cwd=cwd, stdin=stdin)
    return p.returncode, p.stdout, p.stderr


__all__ = ["BIN", "DECK", "KNOWN_NAMES", "ROUND_ARGS", "assert_known_listed", "assert_no_crash", "card_md",
           "chattr", "deck_md", "fill_disk", "is_root", "known_scores", "list_scores", "raw", "read",
           "round_script", "tempdir", "tiny_tmpfs", "write"]


class Played:
    """What one scripted run gave: exit code, stdout, stderr (decoded leniently), events."""

    def __init__(self, rc, out, err, events):
        self.rc, self.out, self.err, self.events = rc, out, err, events

    def of(self, kind):
        return [e for e in self.events if e.get("event") == kind]


def play(tmp, script="wait 100\n", decks=None, scores=None, args=(), extra_env=None, seed=1, timeout=300):
    """Runs a scripted headless game in tmp (like qb.run, but stderr may hold any bytes and the
    score file is whatever path is given; scores=None means tmp/scores.tsv)."""
    import json
    sp = os.path.join(tmp, "script.txt")
    write(sp, script)
    ev = os.path.join(tmp, "events.jsonl")
    if os.path.exists(ev):
        os.unlink(ev)
    cmd = [BIN, "--seed", str(seed), "--script", sp, "--events", ev, "--window", "1280x720",
           "--scores", scores or os.path.join(tmp, "scores.tsv")]
    cmd += list(args) + list(decks if decks is not None else [DECK])
    p = subprocess.run(cmd, cwd=tmp, env=env(extra_env), capture_output=True, text=True, errors="replace",
                       timeout=timeout)
    events = []
    if os.path.exists(ev):
        with open(ev, encoding="utf-8", errors="replace") as f:
            events = [json.loads(line) for line in f if line.strip()]
    return Played(p.returncode, p.stdout, p.stderr, events)


__all__ += ["Played", "play"]
