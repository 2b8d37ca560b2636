"""test_scorefile.py: fault tests of the score file, driving build/tests/tools/scoresave (a small
CLI over scorefile.c) and the real binary's --list-scores/--reset-scores:

- kill -9 during saves, at each step of a save, of the repair of a damaged file and of a reset
  (paused there by tests/preload/savepause.c, see paused() below) and at random times: the file is always byte-for-byte the complete old or
  the complete new table, never a mix, and the next save (the lock released by the kernel) goes
  on and cleans up; a reader polling the file during 300 saves only ever sees complete tables;
- two processes saving 500 scores each at once (their saves shown to interleave) lose none;
  two players tying to the second both stay;
- damaged files of every kind keep their good lines and are moved aside byte-identical;
- an unwritable place (a read-only directory: as the user nobody when the tests run as root)
  or a failing write/fsync/rename/link keeps the old file and leaves no temporary file;
- the real binary: a scripted round that enters a name writes the expected line, the next run
  lists it; --list-scores aligns UTF-8 names by terminal width; unknown decks exit 64;
  --reset-scores says where its backup is.

Every entry scoresave writes is known in advance (deck DECK-I, name PREFIXI, score BASE+I, ...),
so the exact bytes of the file after k saves are computed here and compared whole."""
import calendar
import os
import random
import re
import select
import shutil
import signal
import subprocess
import tempfile
import time
import unicodedata
import unittest

from qb import BIN, BUILD, DECK, ROOT, env, questions, run

TOOL = os.path.join(ROOT, BUILD, "tests", "tools", "scoresave")
HEADER = b"# quizblitz scores v1\n# deck\tname\tscore\tright\ttotal\tbest_streak\twhen\n"
WHEN = 1795000000  # scoresave's default first time (2026-11-18T11:06:40Z)
SANITIZER_MARKS = ("runtime error:", "AddressSanitizer", "LeakSanitizer", "Segmentation fault")
# The kill -9 tests must kill the save path players run, so nothing in src/core pauses for them:
# this LD_PRELOAD library (tests/preload/savepause.c, built by make test) holds the real,
# unmodified binary (quizblitz, or scoresave built from the same scorefile.c) at one step of a
# save by wrapping libc's flock, write, rename and link, and says "PAUSE" there.
SAVEPAUSE = os.path.join(ROOT, BUILD, "tests", "savepause.so")


def paused(point, ms=20000):
    """The environment that pauses a save at point for ms milliseconds (see savepause.c)."""
    if not os.path.exists(SAVEPAUSE):
        raise AssertionError("%s is not built (make test builds it)" % SAVEPAUSE)
    asan = os.environ.get("ASAN_OPTIONS", "")
    return env({"LD_PRELOAD": SAVEPAUSE, "QB_TEST_SAVE_PAUSE": str(ms), "QB_TEST_SAVE_PAUSE_AT": point,
                # an ASan build wants its runtime first in the library list; the preload comes first
                "ASAN_OPTIONS": (asan + ":" if asan else "") + "verify_asan_link_order=0"})


def is_root():
    return hasattr(os, "geteuid") and os.geteuid() == 0


def entries(deck, prefix, n, base=1000, start=0):
    """The entries scoresave DECK N PREFIX writes (one deck each), as tuples of the fields."""
    out = []
    for k in range(start, start + n):
        right = k % 11
        out.append(("%s-%d" % (deck, k), "%s%d" % (prefix[:6], k), base + k, right, 10, right // 2, WHEN + k))
    return out


def table_bytes(es):
    """The exact file for a set of entries that each have a deck of their own."""
    lines = []
    for e in sorted(es, key=lambda e: e[0].encode()):
        when = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(e[6]))
        lines.append(("%s\t%s\t%d\t%d\t%d\t%d\t%s\n" % (e[:6] + (when,))).encode())
    return HEADER + b"".join(lines)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


def tool(args, extra_env=None, timeout=300, as_nobody=False):
    p = subprocess.run([TOOL] + list(args), env=env(extra_env), capture_output=True, timeout=timeout,
                       preexec_fn=become_nobody if as_nobody else None)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def become_nobody():
    """In a child about to exec: drop root, so directory permissions apply."""
    os.setgroups([])
    os.setgid(65534)
    os.setuid(65534)


def width(text):
    """Terminal columns of a string (East Asian wide: 2, combining: 0)."""
    w = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        w += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return w


def quizblitz(args, timeout=120):
    p = subprocess.run([BIN] + list(args), env=env(), capture_output=True, timeout=timeout)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def wait_for(p, stream, needle, timeout=30.0):
    """Reads the pipe until needle appears; returns what was read."""
    got = b""
    end = time.monotonic() + timeout
    fd = stream.fileno()
    while needle not in got:
        left = end - time.monotonic()
        if left <= 0:
            raise AssertionError("timed out waiting for %r; got %r" % (needle, got))
        r, _, _ = select.select([fd], [], [], left)
        if r:
            chunk = os.read(fd, 4096)
            if not chunk:
                raise AssertionError("process ended before %r (rc %s); got %r" % (needle, p.poll(), got))
            got += chunk
    return got


class Base(unittest.TestCase):
    def setUp(self):
        if not os.path.exists(TOOL):  # a missing tool must not quietly stop these tests
            raise AssertionError("%s is not built (make test builds it)" % TOOL)
        self.tmp = tempfile.mkdtemp(prefix="qb-scorefile-")
        self.addCleanup(self.cleanup)
        self.path = os.path.join(self.tmp, "scores.tsv")

    def cleanup(self):
        for root, dirs, _ in os.walk(self.tmp):
            for d in dirs:
                try:
                    os.chmod(os.path.join(root, d), 0o700)
                except OSError:
                    pass
        shutil.rmtree(self.tmp, ignore_errors=True)

    def names(self, part, d=None):
        return sorted(n for n in os.listdir(d or self.tmp) if part in n)

    def assertNoTemp(self, d=None):
        self.assertEqual(self.names(".tmp-", d), [], "temporary file left behind")

    def assertClean(self, text):
        for m in SANITIZER_MARKS:
            self.assertNotIn(m, text, text[-3000:])

    def save(self, deck, n, prefix, *opts, path=None, extra_env=None):
        rc, out, err = tool(list(opts) + [path or self.path, deck, str(n), prefix], extra_env=extra_env)
        self.assertClean(err)
        return rc, out, err


class KillDuringSave(Base):
    """kill -9 at every step of a save: the file is the whole old or the whole new table."""

    def kill_at(self, point, new_is_in_place):
        old = entries("old", "OLD", 3)
        rc, out, err = self.save("old", 3, "OLD")
        self.assertEqual(rc, 0, err)
        self.assertEqual(read(self.path), table_bytes(old))
        p = subprocess.Popen([TOOL, self.path, "new", "1", "NEW"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             env=paused(point))
        new = entries("new", "NEW", 1)
        try:
            wait_for(p, p.stderr, b"PAUSE\n")
            # the pause is where it says: no temporary file yet, half of one, or all of it
            temps = self.names(".tmp-")
            whole = table_bytes(old + new)
            if point == "locked":
                self.assertEqual(temps, [])
            elif point in ("written", "rename"):
                self.assertEqual(len(temps), 1)
                got = read(os.path.join(self.tmp, temps[0]))
                if point == "written":
                    self.assertTrue(0 < len(got) < len(whole) and whole.startswith(got), got)
                else:
                    self.assertEqual(got, whole)
            p.send_signal(signal.SIGKILL)
            p.wait(timeout=30)
        finally:
            if p.poll() is None:
                p.kill()
                p.wait()
            p.stdout.close()
            p.stderr.close()
        want = table_bytes(old + new) if new_is_in_place else table_bytes(old)
        self.assertEqual(read(self.path), want, "after kill -9 at %s" % point)
        self.assertEqual(self.names(".corrupt-"), [])
        # the kernel dropped the dead process's lock: the next save runs, merges, cleans up
        rc, out, err = self.save("after", 2, "AFTER")
        self.assertEqual(rc, 0, err)
        self.assertEqual(read(self.path), table_bytes(old + (new if new_is_in_place else []) + entries("after", "AFTER", 2)))
        self.assertNoTemp()

    def test_kill_holding_the_lock(self):
        self.kill_at("locked", False)

    def test_kill_with_half_a_temp_file(self):
        self.kill_at("written", False)

    def test_kill_before_rename(self):
        self.kill_at("rename", False)

    def test_kill_after_rename(self):
        self.kill_at("renamed", True)

    def test_kill_at_random_times(self):
        rnd = random.Random(20261124)
        n = 300
        every = entries("r", "R", n)
        # how long a whole run takes here (ASan builds and slow disks differ): kill within it
        t0 = time.monotonic()
        rc, out, err = self.save("r", n, "R", path=os.path.join(self.tmp, "calibrate.tsv"))
        self.assertEqual(rc, 0, err)
        span = time.monotonic() - t0
        mid_run = 0
        # kills at random times until 8 have landed mid-run (on a loaded machine a run's time
        # varies, so some land before the first save or after the last): at most 30 tries
        for attempt in range(30):
            if mid_run >= 8:
                break
            d = os.path.join(self.tmp, "run%d" % attempt)
            os.mkdir(d)
            path = os.path.join(d, "scores.tsv")
            p = subprocess.Popen([TOOL, path, "r", str(n), "R"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 env=env())
            time.sleep(rnd.uniform(0.0, 0.9 * span))
            p.send_signal(signal.SIGKILL)
            out, err = p.communicate(timeout=30)
            saved = [int(l.split()[1]) for l in out.decode().splitlines() if l.startswith("saved ")]
            done = saved[-1] + 1 if saved else 0
            mid_run += 0 < done < n
            if os.environ.get("QB_VERBOSE"):
                print("attempt %d: killed after %d saves" % (attempt, done))
            if not os.path.exists(path):
                self.assertEqual(done, 0, "the file vanished after %d saves" % done)
                continue
            data = read(path)
            # reported saves are in; the save under way when killed may be in too
            ok = [k for k in (done, done + 1) if k <= n and data == table_bytes(every[:k])]
            self.assertTrue(ok, "attempt %d: after %d reported saves the file is no complete table:\n%r"
                            % (attempt, done, data[-400:]))
            self.assertEqual(self.names(".corrupt-", d), [])
            # and the next save goes on from there
            rc, out2, err2 = self.save("z", 1, "Z", path=path)
            self.assertEqual(rc, 0, err2)
            self.assertNoTemp(d)
        # the kills did land at many points of the run, not all before the first save or after
        # the last one
        self.assertGreaterEqual(mid_run, 8, "only %d of 30 kills landed during the run" % mid_run)

    def test_reader_never_sees_a_mix(self):
        """A reader polling the file while 300 saves go on only ever sees complete tables (an
        in-place rewrite shows it empty or half written), and sees many of them."""
        n = 300
        every = entries("r", "R", n)
        valid = {table_bytes(every[:k]): k for k in range(1, n + 1)}
        p = subprocess.Popen([TOOL, self.path, "r", str(n), "R"], stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, env=env())
        seen = set()
        reads = 0
        try:
            while p.poll() is None:
                try:
                    data = read(self.path)
                except FileNotFoundError:
                    continue
                reads += 1
                if data not in valid:
                    self.fail("read %d: not a complete table (%d bytes):\n%r" % (reads, len(data), data[-300:]))
                seen.add(valid[data])
        finally:
            if p.poll() is None:
                p.kill()
            err = p.communicate(timeout=60)[1].decode()
        self.assertEqual(p.returncode, 0, err)
        self.assertEqual(read(self.path), table_bytes(every))
        self.assertGreater(len(seen), 20, "the reader saw only %d versions in %d reads" % (len(seen), reads))

    def pause_and_kill(self, cmd, point):
        """Runs cmd with the save pause at point, kills it -9 there; returns its stderr."""
        p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             env=paused(point))
        try:
            got = wait_for(p, p.stderr, b"PAUSE\n")
            p.send_signal(signal.SIGKILL)
            p.wait(timeout=30)
        finally:
            if p.poll() is None:
                p.kill()
                p.wait()
            p.stdout.close()
            p.stderr.close()
        self.assertEqual(p.returncode, -signal.SIGKILL)
        return got

    def test_kill_while_moving_a_damaged_file_aside(self):
        """A save finds the file damaged and keeps its bytes as .corrupt-...; killed there,
        before the rewrite: the file is still the damaged one, byte for byte; the next save
        reuses that copy (no second one), keeps the good lines and adds its own."""
        good = entries("g", "GOOD", 2)
        damaged = table_bytes(good) + b"junk\tline\n"
        write(self.path, damaged)
        self.pause_and_kill([TOOL, self.path, "new", "1", "NEW"], "aside")
        self.assertEqual(read(self.path), damaged)
        aside = self.names(".corrupt-")
        self.assertEqual(len(aside), 1)
        self.assertEqual(read(os.path.join(self.tmp, aside[0])), damaged)
        rc, out, err = self.save("after", 1, "AFTER")
        self.assertEqual(rc, 0, err)
        self.assertEqual(read(self.path), table_bytes(good + entries("after", "AFTER", 1)))
        self.assertEqual(self.names(".corrupt-"), aside)
        self.assertNoTemp()

    def test_kill_while_loading_a_damaged_file(self):
        """The game (here --list-scores) repairs a damaged file at load: killed between the
        copy and the rewrite, then run again: one copy, the good lines, said once."""
        good = entries("g", "GOOD", 3)
        damaged = table_bytes(good)[:-5]
        write(self.path, damaged)
        self.pause_and_kill([BIN, "--scores", self.path, "--list-scores"], "aside")
        self.assertEqual(read(self.path), damaged)
        rc, out, err = quizblitz(["--scores", self.path, "--list-scores"])
        self.assertEqual(rc, 0, err)
        self.assertEqual(len([l for l in err.splitlines() if "moved aside" in l]), 1, err)
        self.assertEqual(len(self.names(".corrupt-")), 1)
        self.assertEqual(read(self.path), table_bytes(good[:2]))
        self.assertNoTemp()

    def test_kill_during_reset(self):
        """--reset-scores killed after its backup or before its rename: the table is the old
        one, its backup complete; the reset run again finishes the job."""
        for point in ("backup", "rename"):
            with self.subTest(point=point):
                for f in os.listdir(self.tmp):
                    os.unlink(os.path.join(self.tmp, f))
                self.assertEqual(self.save("virt", 3, "V", "--same-deck")[0], 0)
                self.assertEqual(self.save("other", 1, "O", "--same-deck")[0], 0)
                old = read(self.path)
                self.pause_and_kill([BIN, "--scores", self.path, "--reset-scores", "virt"], point)
                self.assertEqual(read(self.path), old)
                baks = self.names(".bak-")
                self.assertEqual(len(baks), 1)
                self.assertEqual(read(os.path.join(self.tmp, baks[0])), old)
                rc, out, err = quizblitz(["--scores", self.path, "--reset-scores", "virt"])
                self.assertEqual(rc, 0, err)
                self.assertIn("removed 3 entries", out)
                rc, out, err = tool(["--list", self.path])
                self.assertNotIn("V0", out)
                self.assertIn("O0", out)
                self.assertNoTemp()

    def test_kill_while_another_waits_for_the_lock(self):
        """A writer killed while holding the lock does not block the other one for good, and
        the other one's save merges over the last complete file."""
        rc, out, err = self.save("old", 2, "OLD")
        self.assertEqual(rc, 0, err)
        a = subprocess.Popen([TOOL, self.path, "a", "1", "A"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             env=paused("rename"))
        try:
            wait_for(a, a.stderr, b"PAUSE\n")
            b = subprocess.Popen([TOOL, self.path, "b", "3", "B"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 env=env())
            time.sleep(0.3)
            waited = b.poll() is None
            a.send_signal(signal.SIGKILL)
            a.wait(timeout=30)
            bout, berr = b.communicate(timeout=60)
            self.assertTrue(waited, "the second writer did not wait for the lock")
            self.assertEqual(b.returncode, 0, berr)
        finally:
            for p in (a,):
                if p.poll() is None:
                    p.kill()
                    p.wait()
                p.stdout.close()
                p.stderr.close()
        self.assertEqual(read(self.path), table_bytes(entries("old", "OLD", 2) + entries("b", "B", 3)))
        self.assertNoTemp()


def run_together(cmds, timeout=600):
    """Starts every command at once and reads their "saved I" lines as they come. Returns
    (returncodes, stderrs, order): order lists the index of the command of each line read, so a
    test can see that the saves really interleaved."""
    procs = [subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env()) for c in cmds]
    order, bufs = [], [b""] * len(procs)
    open_fds = {p.stdout.fileno(): i for i, p in enumerate(procs)}
    end = time.monotonic() + timeout
    try:
        while open_fds and time.monotonic() < end:
            r, _, _ = select.select(list(open_fds), [], [], 1.0)
            for fd in r:
                i = open_fds[fd]
                chunk = os.read(fd, 65536)
                if not chunk:
                    del open_fds[fd]
                    continue
                bufs[i] += chunk
                while b"\n" in bufs[i]:
                    line, bufs[i] = bufs[i].split(b"\n", 1)
                    if line.startswith(b"saved "):
                        order.append(i)
        errs = [p.communicate(timeout=60)[1].decode("utf-8", "replace") for p in procs]
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait()
    return [p.returncode for p in procs], errs, order


class TwoWriters(Base):
    def test_two_processes_lose_nothing(self):
        """500 saves each at once, every entry in a deck of its own: all 1000 are in the file.
        The saves interleave (each process re-reads and merges the other's), so this is a test
        of the lock and the merge, not of two runs one after the other."""
        rcs, errs, order = run_together([[TOOL, self.path, deck, "500", prefix]
                                         for deck, prefix in (("pa", "PA"), ("pb", "PB"))])
        for rc, err in zip(rcs, errs):
            self.assertEqual(rc, 0, err)
            self.assertClean(err)
        self.assertEqual(len(order), 1000)
        switches = sum(1 for a, b in zip(order, order[1:]) if a != b)
        # both were saving while the other was: the first to finish had the other's saves
        # between its own, many times over
        self.assertGreaterEqual(switches, 100, "the two writers hardly overlapped: %d switches" % switches)
        want = table_bytes(entries("pa", "PA", 500) + entries("pb", "PB", 500))
        self.assertEqual(read(self.path), want)
        self.assertNoTemp()

    def test_two_players_tying_to_the_second_both_stay(self):
        """Two processes, one deck, every entry the same score at the same second (only the
        names differ): all ten are different rounds and all ten stay; saving them again adds
        nothing."""
        cmds = [[TOOL, "--same-deck", "--tie", "--score", "5000", self.path, "tie", "5", prefix]
                for prefix in ("PA", "PB")]
        rcs, errs, order = run_together(cmds)
        for rc, err in zip(rcs, errs):
            self.assertEqual(rc, 0, err)
        before = read(self.path)
        lines = [l for l in before.decode().splitlines() if not l.startswith("#")]
        self.assertEqual(sorted(l.split("\t")[1] for l in lines),
                         sorted("%s%d" % (p, k) for p in ("PA", "PB") for k in range(5)))
        rc, out, err = tool(cmds[0][1:])
        self.assertEqual(rc, 0, err)
        self.assertEqual(read(self.path), before, "a retry of saved entries doubled them")

    def test_two_processes_same_deck_keep_the_best(self):
        """Both on one deck (boards of 10): what survives is exactly the best 10 of both."""
        procs = [subprocess.Popen([TOOL, "--same-deck", "--score", str(base), self.path, "one", "200", prefix],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env())
                 for base, prefix in ((1000, "PA"), (1100, "PB"))]
        done = [p.communicate(timeout=600) for p in procs]
        for p, (out, err) in zip(procs, done):
            self.assertEqual(p.returncode, 0, err.decode())
        rc, out, err = tool(["--list", self.path])
        self.assertEqual(rc, 0, err)
        got = sorted(int(l.split("\t")[2]) for l in out.splitlines() if l and not l.startswith("#"))
        # PA scores 1000..1199, PB 1100..1299: the top 10 are PB's 1290..1299
        self.assertEqual(got, list(range(1290, 1300)))


class Damaged(Base):
    """Damaged files of every kind: the good lines are kept, the file is moved aside as it was."""

    def good(self):
        es = entries("g", "GOOD", 4)
        return es, table_bytes(es)

    def check(self, data, good_names):
        write(self.path, data)
        rc, out, err = quizblitz(["--scores", self.path, "--list-scores"])
        self.assertClean(err)
        self.assertEqual(rc, 0, err)
        self.assertIn("moved aside", err)
        self.assertEqual(len([l for l in err.splitlines() if "moved aside" in l]), 1, err)
        aside = self.names("scores.tsv.corrupt-")
        self.assertEqual(len(aside), 1, os.listdir(self.tmp))
        self.assertRegex(aside[0], r"^scores\.tsv\.corrupt-\d{8}-\d{6}$")
        self.assertIn(aside[0], err)
        self.assertEqual(read(os.path.join(self.tmp, aside[0])), data, "the damaged file is kept as it was")
        for n in good_names:
            self.assertIn(n, out)
        if not good_names:
            self.assertIn("No scores yet", out)
        # the file now holds just the good lines: a second look reports nothing
        rc, out2, err2 = quizblitz(["--scores", self.path, "--list-scores"])
        self.assertEqual(rc, 0, err2)
        self.assertNotIn("moved aside", err2)
        self.assertEqual(out2, out)
        self.assertEqual(self.names(".corrupt-"), aside)
        self.assertNoTemp()
        # and a save adds to them
        rc, o, e = self.save("later", 1, "LATER")
        self.assertEqual(rc, 0, e)
        rc, out3, err3 = tool(["--list", self.path])
        self.assertEqual(rc, 0, err3)
        for n in list(good_names) + ["LATER0"]:
            self.assertIn(n, out3)

    def test_empty(self):
        self.check(b"", [])

    def test_binary_garbage(self):
        self.check(random.Random(7).randbytes(8192), [])

    def test_half_a_line(self):
        es, data = self.good()
        self.check(data + b"g-9\tHALF\t12", [e[1] for e in es])

    def test_cut_mid_line(self):
        es, data = self.good()
        cut = data[:len(data) - 20]
        kept = [e[1] for e in es[:-1]]
        self.check(cut, kept)

    def test_megabyte_line(self):
        es, data = self.good()
        lines = data.split(b"\n")
        self.check(b"\n".join(lines[:3] + [b"x" * (1 << 20)] + lines[3:]), [e[1] for e in es])

    def test_nul_and_junk_between_good_lines(self):
        es, data = self.good()
        lines = data.split(b"\n")
        self.check(b"\n".join(lines[:3] + [b"\x00\xff garbage\tline", b"g-7\tBAD\t-5\t1\t10\t0\t2026-11-18T11:06:40Z"]
                              + lines[3:]), [e[1] for e in es])

    def test_wrong_version(self):
        es, data = self.good()
        self.check(data.replace(b"scores v1", b"scores v7", 1), [e[1] for e in es])

    def test_foreign_file(self):
        self.check(b"[Desktop Entry]\nName=Something else\nExec=/bin/true\n", [])

    def test_not_utf8_and_out_of_range(self):
        es, data = self.good()
        bad = (b"g-8\tN\xe9\t5\t1\t10\t0\t2026-11-18T11:06:40Z\n"
               b"g-8\tBIG\t100000001\t1\t10\t0\t2026-11-18T11:06:40Z\n"
               b"g-8\tFEB\t5\t1\t10\t0\t2026-02-30T11:06:40Z\n")
        self.check(data + bad, [e[1] for e in es])


class CannotWrite(Base):
    """Nowhere to write: -1 and a reason, the old file intact, no temporary file left."""

    def known(self):
        rc, out, err = self.save("k", 3, "KNOWN")
        self.assertEqual(rc, 0, err)
        return read(self.path)

    def assertFailsKeepingOld(self, old, *opts, words):
        rc, out, err = self.save("new", 1, "NEW", *opts)
        self.assertEqual(rc, 1, err)
        self.assertIn(words, err)
        self.assertIn(self.path, err)
        self.assertEqual(read(self.path), old, "the old file changed")
        self.assertNoTemp()
        # the next save, with room again, brings the entry in
        rc, out, err = self.save("new", 1, "NEW")
        self.assertEqual(rc, 0, err)
        self.assertEqual(read(self.path), table_bytes(entries("k", "KNOWN", 3) + entries("new", "NEW", 1)))

    def test_full_disk_on_write(self):
        self.assertFailsKeepingOld(self.known(), "--fail", "write:ENOSPC", words="No space left on device")

    def test_write_fails_midway(self):
        self.assertFailsKeepingOld(self.known(), "--fail", "write:ENOSPC:2", words="No space left on device")

    def test_fsync_error(self):
        self.assertFailsKeepingOld(self.known(), "--fail", "fsync:EIO", words="Input/output error")

    def test_rename_error(self):
        self.assertFailsKeepingOld(self.known(), "--fail", "rename:EIO", words="Input/output error")

    def test_read_only_directory(self):
        """Root writes into a read-only directory anyway: then the save runs as nobody."""
        old = self.known()
        os.chmod(self.tmp, 0o555)
        try:
            rc, out, err = tool([self.path, "new", "1", "NEW"], as_nobody=is_root())
        finally:
            os.chmod(self.tmp, 0o700)
        self.assertClean(err)
        self.assertEqual(rc, 1, err)
        self.assertIn("Permission denied", err)
        self.assertIn(self.path, err)
        self.assertEqual(read(self.path), old)
        self.assertNoTemp()

    def test_no_hard_links_and_a_full_disk(self):
        """Where hard links fail (FAT) a damaged file is copied aside; when that copy cannot be
        written either, the save refuses to drop the bad lines: the file stays as it was."""
        damaged = read(self.path) if os.path.exists(self.path) else table_bytes(entries("k", "KNOWN", 3))
        damaged += b"junk\n"
        write(self.path, damaged)
        rc, out, err = self.save("new", 1, "NEW", "--fail", "link:EPERM", "--fail", "write:ENOSPC")
        self.assertEqual(rc, 1, err)
        self.assertIn("No space left on device", err)
        self.assertEqual(read(self.path), damaged)
        self.assertEqual(self.names(".corrupt-"), [])
        self.assertNoTemp()
        rc, out, err = self.save("new", 1, "NEW", "--fail", "link:EPERM")
        self.assertEqual(rc, 0, err)
        aside = self.names(".corrupt-")
        self.assertEqual(len(aside), 1)
        self.assertEqual(read(os.path.join(self.tmp, aside[0])), damaged)
        self.assertEqual(read(self.path), table_bytes(entries("k", "KNOWN", 3) + entries("new", "NEW", 1)))

    def test_path_is_a_directory(self):
        os.mkdir(self.path)
        rc, out, err = self.save("new", 1, "NEW")
        self.assertEqual(rc, 1, err)
        self.assertIn("Is a directory", err)
        self.assertTrue(os.path.isdir(self.path))
        self.assertNoTemp()
        rc, out, err = quizblitz(["--scores", self.path, "--list-scores"])
        self.assertEqual(rc, 66, err)
        self.assertIn("Is a directory", err)

    def test_path_under_a_regular_file(self):
        """ENOTDIR works as root too."""
        plain = os.path.join(self.tmp, "plain")
        write(plain, b"not a directory")
        path = os.path.join(plain, "sub", "scores.tsv")
        rc, out, err = self.save("new", 1, "NEW", path=path)
        self.assertEqual(rc, 1, err)
        self.assertIn("Not a directory", err)
        self.assertEqual(read(plain), b"not a directory")


class Reset(Base):
    def test_reset_keeps_a_backup(self):
        rc, out, err = self.save("virt", 3, "V", "--same-deck")
        self.assertEqual(rc, 0, err)
        rc, out, err = self.save("other", 1, "O", "--same-deck")
        self.assertEqual(rc, 0, err)
        old = read(self.path)
        rc, out, err = quizblitz(["--scores", self.path, "--reset-scores", "virt"])
        self.assertEqual(rc, 0, err)
        self.assertIn("removed 3 entries of deck 'virt'", out)
        baks = self.names("scores.tsv.bak-")
        self.assertEqual(len(baks), 1)
        self.assertRegex(baks[0], r"^scores\.tsv\.bak-\d{8}-\d{6}$")
        # it says where the backup is
        self.assertIn("kept as " + os.path.join(self.tmp, baks[0]), out)
        self.assertEqual(read(os.path.join(self.tmp, baks[0])), old)
        rc, out, err = quizblitz(["--scores", self.path, "--list-scores"])
        self.assertEqual(rc, 0, err)
        self.assertNotIn("V0", out)
        self.assertIn("O0", out)
        self.assertNoTemp()


    def test_unknown_deck(self):
        """A deck the table does not hold: said clearly, with the decks it holds, exit 64, and
        nothing written (for --reset-scores no backup either)."""
        self.assertEqual(self.save("virt", 1, "V", "--same-deck")[0], 0)
        self.assertEqual(self.save("other", 1, "O", "--same-deck")[0], 0)
        old = read(self.path)
        for opt in ("--list-scores", "--reset-scores"):
            with self.subTest(opt=opt):
                rc, out, err = quizblitz(["--scores", self.path, opt, "nope"])
                self.assertEqual(rc, 64, err)
                self.assertEqual(out, "")
                self.assertIn("no deck 'nope'", err)
                self.assertIn("its decks: other, virt", err)
                self.assertEqual(read(self.path), old)
                self.assertEqual(self.names(".bak-"), [])
        # a deck named by its file name is found
        rc, out, err = quizblitz(["--scores", self.path, "--list-scores", "cards/virt.md"])
        self.assertEqual(rc, 0, err)
        self.assertIn("V0", out)
        # no table at all: --list-scores says so and succeeds, a deck in it does not exist
        missing = os.path.join(self.tmp, "none.tsv")
        rc, out, err = quizblitz(["--scores", missing, "--list-scores"])
        self.assertEqual((rc, out), (0, "No scores yet.\n"), err)
        rc, out, err = quizblitz(["--scores", missing, "--reset-scores", "virt"])
        self.assertEqual(rc, 64, err)
        self.assertIn("holds no scores yet", err)
        self.assertFalse(os.path.exists(missing))


class Listing(Base):
    def test_columns_align_by_terminal_width(self):
        """--list-scores: per deck a today and an all-time board with rank, name, score,
        right/total, best streak and date, in columns that line up in a terminal whatever
        the names' scripts (wide CJK, combining accents, emoji)."""
        now = int(time.time())
        stamp = lambda t: time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))
        names = ["ALICE", "\u00c9MILE", "\u674e\u5c0f\u9f8d", "Zoe\u0301 \U0001F680", "x"]
        rows = ["virtualization\t%s\t%d\t%d\t10\t%d\t%s" % (n, 15000 - 1000 * i, 9 - i, 5 - i,
                                                              stamp(now - i * 86400 * 3))
                for i, n in enumerate(names)]
        write(self.path, HEADER + ("\n".join(rows) + "\n").encode())
        rc, out, err = quizblitz(["--scores", self.path, "--list-scores"])
        self.assertEqual(rc, 0, err)
        self.assertEqual(err, "")
        lines = out.splitlines()
        self.assertEqual(lines[0], "virtualization")
        self.assertEqual(lines[1], "  Today (%s)" % time.strftime("%Y-%m-%d", time.gmtime(now)))
        alltime = lines.index("  All time")
        head = lines[alltime + 1]
        self.assertEqual(head.split(), ["RANK", "NAME", "SCORE", "RIGHT", "STREAK", "DATE"])
        board = lines[alltime + 2:]
        self.assertEqual(len(board), len(names))
        # where each column ends, in terminal columns
        ends = lambda line, part: width(line[:line.index(part) + len(part)])
        for i, (line, name) in enumerate(zip(board, names)):
            self.assertTrue(line.lstrip().startswith("%d  %s" % (i + 1, name)), line)
            self.assertEqual(ends(line, name) - width(name), ends(head, "NAME") - 4, line)
            # grouped as the interface's language writes it (English: 15,000)
            self.assertEqual(ends(line, "{:,}".format(15000 - 1000 * i)), ends(head, "SCORE"), line)
            self.assertEqual(ends(line, "%d/10" % (9 - i)), ends(head, "RIGHT"), line)
            self.assertTrue(line.endswith(time.strftime("%Y-%m-%d", time.gmtime(now - i * 86400 * 3))), line)
        # the today board: today's entry only, in the same columns
        today = lines[2:alltime]
        self.assertEqual(len(today), 2)
        self.assertEqual(today[0], head)
        self.assertEqual(today[1], board[0])


class PlayedRound(Base):
    def test_round_with_a_name_is_saved_and_listed(self):
        """A scripted round that enters a name writes exactly the expected line; the next run
        lists it on both boards."""
        qs = questions(seed=9, args=("--round", "3"))
        script = ["wait 300", "key Return"]
        for q in qs:
            script += ["wait 1800", "key %d" % (q["correct"] + 1), "wait 2600", "key Return"]
        script += ["wait 1600", "key Return", "wait 800", "text Zo\u00eb", "key Return", "wait 1000", "key Return", "wait 500", "quit"]
        t0 = int(time.time())
        r = run("\n".join(script) + "\n", args=("--round", "3"), seed=9, tmp=self.tmp)
        t1 = int(time.time())
        self.assertEqual(r.rc, 0, r.err)
        end = r.of("round_end")[0]
        self.assertEqual(r.of("highscore")[0]["name"], "Zo\u00eb")
        lines = read(self.path).decode("utf-8").splitlines()
        self.assertEqual(lines[:2], HEADER.decode().splitlines())
        self.assertEqual(len(lines), 3, lines)
        f = lines[2].split("\t")
        self.assertEqual(f[:6], ["virtualization", "Zo\u00eb", str(end["score"]), str(end["right"]),
                                 str(end["total"]), str(end["best_streak"])])
        # the game's clock: the wall time at start plus the script's virtual time (under a minute)
        when = calendar.timegm(time.strptime(f[6], "%Y-%m-%dT%H:%M:%SZ"))
        self.assertTrue(t0 <= when <= t1 + 60, (t0, f[6], t1))
        rc, out, err = quizblitz(["--scores", self.path, "--list-scores"])
        self.assertEqual(rc, 0, err)
        rows = [l for l in out.splitlines() if "Zo\u00eb" in l]
        self.assertEqual(len(rows), 2, out)
        for row in rows:
            self.assertEqual(row.split(), ["1", "Zo\u00eb", "{:,}".format(end["score"]), "%d/%d" % (end["right"], end["total"]),
                                           str(end["best_streak"]), time.strftime("%Y-%m-%d", time.gmtime(when))])


if __name__ == "__main__":
    unittest.main()
