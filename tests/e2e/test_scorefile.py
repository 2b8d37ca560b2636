"""test_scorefile.py: fault tests of the score file, driving build/tests/tools/scoresave (a small
CLI over scorefile.c) and the real binary's --list-scores/--reset-scores:

- kill -9 during saves, at each step of a save (QB_TEST_SAVE_PAUSE) and at random times: the
  file is always byte-for-byte the complete old or the complete new table, never a mix, and the
  next save (the lock released by the kernel) goes on and cleans up;
- two processes saving 500 scores each at once lose none;
- damaged files of every kind keep their good lines and are moved aside byte-identical;
- an unwritable place or a failing write/fsync/rename keeps the old file and leaves no
  temporary file.

Every entry scoresave writes is known in advance (deck DECK-I, name PREFIXI, score BASE+I, ...),
so the exact bytes of the file after k saves are computed here and compared whole."""
import os
import random
import select
import shutil
import signal
import subprocess
import tempfile
import time
import unittest

from qb import BIN, BUILD, ROOT, env

TOOL = os.path.join(ROOT, BUILD, "tests", "tools", "scoresave")
HEADER = b"# quizblitz scores v1\n# deck\tname\tscore\tright\ttotal\tbest_streak\twhen\n"
WHEN = 1795000000  # scoresave's default first time (2026-11-18T11:06:40Z)
SANITIZER_MARKS = ("runtime error:", "AddressSanitizer", "LeakSanitizer", "Segmentation fault")


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


def tool(args, extra_env=None, timeout=300):
    p = subprocess.run([TOOL] + list(args), env=env(extra_env), capture_output=True, timeout=timeout)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


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
        if not os.path.exists(TOOL):
            self.skipTest("%s is not built (make test builds it)" % TOOL)
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
                             env=env({"QB_TEST_SAVE_PAUSE": "20000", "QB_TEST_SAVE_PAUSE_AT": point}))
        try:
            wait_for(p, p.stderr, b"PAUSE\n")
            p.send_signal(signal.SIGKILL)
            p.wait(timeout=30)
        finally:
            if p.poll() is None:
                p.kill()
                p.wait()
            p.stdout.close()
            p.stderr.close()
        new = entries("new", "NEW", 1)
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
        for attempt in range(12):
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

    def test_kill_while_another_waits_for_the_lock(self):
        """A writer killed while holding the lock does not block the other one for good, and
        the other one's save merges over the last complete file."""
        rc, out, err = self.save("old", 2, "OLD")
        self.assertEqual(rc, 0, err)
        a = subprocess.Popen([TOOL, self.path, "a", "1", "A"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             env=env({"QB_TEST_SAVE_PAUSE": "20000", "QB_TEST_SAVE_PAUSE_AT": "rename"}))
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


class TwoWriters(Base):
    def test_two_processes_lose_nothing(self):
        """500 saves each at once, every entry in a deck of its own: all 1000 are in the file."""
        procs = [subprocess.Popen([TOOL, self.path, deck, "500", prefix], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, env=env())
                 for deck, prefix in (("pa", "PA"), ("pb", "PB"))]
        done = [p.communicate(timeout=600) for p in procs]
        for p, (out, err) in zip(procs, done):
            self.assertEqual(p.returncode, 0, err.decode())
            self.assertClean(err.decode())
        want = table_bytes(entries("pa", "PA", 500) + entries("pb", "PB", 500))
        self.assertEqual(read(self.path), want)
        self.assertNoTemp()

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
        if is_root():
            self.skipTest("running as root: a read-only directory does not stop root's writes "
                          "(the failing-call tests cover this)")
        old = self.known()
        os.chmod(self.tmp, 0o500)
        try:
            rc, out, err = self.save("new", 1, "NEW")
        finally:
            os.chmod(self.tmp, 0o700)
        self.assertEqual(rc, 1, err)
        self.assertIn("Permission denied", err)
        self.assertEqual(read(self.path), old)
        self.assertNoTemp()

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
        self.assertIn("3", out)
        baks = self.names("scores.tsv.bak-")
        self.assertEqual(len(baks), 1)
        self.assertRegex(baks[0], r"^scores\.tsv\.bak-\d{8}-\d{6}$")
        self.assertEqual(read(os.path.join(self.tmp, baks[0])), old)
        rc, out, err = quizblitz(["--scores", self.path, "--list-scores"])
        self.assertEqual(rc, 0, err)
        self.assertNotIn("V0", out)
        self.assertIn("O0", out)
        self.assertNoTemp()


if __name__ == "__main__":
    unittest.main()
