"""tests/tmpcheck.py, the check at the end of tests/run.sh, fires: a file left in the suite's own
TMPDIR fails the run, a qb-... entry new in the shared directory is listed (a failure, or a
warning when other quizblitz tests run at the same time), and a clean run passes. It runs on a
stand-in for /tmp (QB_TMPCHECK_ROOT) inside this test's own directory."""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CHECK = os.path.join(ROOT, "tests", "tmpcheck.py")


class TmpCheck(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="qb-tmpcheck-")
        self.addCleanup(shutil.rmtree, self.dir)
        self.shared = os.path.join(self.dir, "shared")
        self.private = os.path.join(self.shared, "qb-tests.private")
        os.makedirs(self.private)
        os.mkdir(os.path.join(self.shared, "qb-old"))  # there before the run: not counted
        self.state = os.path.join(self.dir, "state.json")
        self.env = dict(os.environ, QB_TMPCHECK_ROOT=self.shared)
        self.check("start", self.state, str(os.getpid()))

    def check(self, *args):
        p = subprocess.run([sys.executable, CHECK] + list(args), env=self.env, capture_output=True, text=True,
                           timeout=60)
        return p.returncode, p.stdout + p.stderr

    def end(self):
        return self.check("end", self.state, str(os.getpid()), self.private)

    def test_a_clean_run_passes(self):
        rc, out = self.end()
        self.assertEqual(rc, 0, out)
        self.assertIn("nothing left in " + self.private, out)

    def test_a_file_left_in_the_suites_tmpdir_fails(self):
        os.makedirs(os.path.join(self.private, "qb-e2e-x1"))
        with open(os.path.join(self.private, "qb-e2e-x1", "shot.bmp"), "wb") as f:
            f.write(b"BM")
        rc, out = self.end()
        self.assertEqual(rc, 1, out)
        self.assertIn("qb-e2e-x1/shot.bmp", out)

    def test_a_new_entry_in_the_shared_directory_is_named(self):
        os.mkdir(os.path.join(self.shared, "qb-leak-abc"))
        os.mkdir(os.path.join(self.shared, "unrelated"))
        rc, out = self.end()
        self.assertIn("qb-leak-abc", out)
        self.assertNotIn("unrelated", out)
        self.assertNotIn("qb-old", out)
        if "warning" not in out:  # alone on the machine: a failure
            self.assertEqual(rc, 1, out)


if __name__ == "__main__":
    unittest.main()
