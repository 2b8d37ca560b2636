"""The kiosk unit (packaging/kiosk/) as systemd reads it: `systemd-analyze verify` on an
instance of the template must say nothing; the hardening stays; the README's deploy step names
groups that exist on Debian."""
import grp
import os
import shutil
import subprocess
import tempfile
import unittest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
UNIT = os.path.join(ROOT, "packaging", "kiosk", "quizblitz-kiosk@.service")


class KioskUnit(unittest.TestCase):
    @unittest.skipUnless(shutil.which("systemd-analyze"), "LOUD SKIP: systemd-analyze is not installed (deps.sh test)")
    def test_verify(self):
        with tempfile.TemporaryDirectory(prefix="qb-unit-") as tmp:
            inst = os.path.join(tmp, "quizblitz-kiosk@tty1.service")
            shutil.copy(UNIT, inst)
            r = subprocess.run(["systemd-analyze", "verify", inst], capture_output=True, text=True, timeout=60)
            self.assertEqual(r.returncode, 0, r.stderr)
            # unknown keys and bad values are only warnings: any output is a failure
            self.assertEqual((r.stdout + r.stderr).strip(), "")
            # the check can fail: a bad key is reported
            with open(inst, "a") as f:
                f.write("NoSuchKey=1\n")
            r = subprocess.run(["systemd-analyze", "verify", inst], capture_output=True, text=True, timeout=60)
            self.assertIn("NoSuchKey", r.stderr)

    def test_hardening_and_devices(self):
        with open(UNIT) as f:
            text = f.read()
        for key in ("NoNewPrivileges=yes", "ProtectSystem=strict", "PrivateTmp=yes", "PAMName=quizblitz-kiosk",
                    "Environment=SDL_VIDEODRIVER=wayland,x11", "StartLimitIntervalSec=0", "Restart=always"):
            self.assertIn(key, text)
        # nothing that would take the seat's devices away from cage
        for key in ("PrivateDevices=yes", "DevicePolicy=closed", "ProtectHome=yes"):
            self.assertNotIn(key, text)

    def test_cage_without_vt_switching(self):
        """cage switches VTs (Ctrl+Alt+F2 to a getty) only with -s: the unit never passes it."""
        with open(UNIT) as f:
            starts = [l for l in f.read().splitlines() if l.startswith("ExecStart=")]
        self.assertEqual(len(starts), 1)
        words = starts[0].split("=", 1)[1].split()
        self.assertTrue(words[0].endswith("/cage"), starts[0])
        cage_args = words[1:words.index("--")]
        self.assertNotIn("-s", cage_args)
        self.assertFalse(any(a.startswith("-") and "s" in a[1:] and not a.startswith("--") for a in cage_args),
                         starts[0])
        self.assertIn("--kiosk", words[words.index("--"):])

    def test_readme_groups_exist(self):
        with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as f:
            readme = f.read()
        line = [l for l in readme.splitlines() if "useradd" in l][0]
        groups = line.split("--groups ")[1].split()[0].split(",")
        for g in groups:
            grp.getgrnam(g)  # KeyError: the README names a group Debian does not have


if __name__ == "__main__":
    unittest.main()
