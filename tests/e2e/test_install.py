"""The installed game: `make install` into a temporary DESTDIR puts every file in its place
(binary in BINDIR, decks and sounds in DATADIR, man page, desktop file, metainfo and icon in the
freedesktop places); the installed binary, run from another directory, checks the installed
decks and plays a scripted headless round with them; `make uninstall` removes it all again.

Build directory from QB_BUILD (default build). The install uses the PREFIX the build was made
for (inherited from make's command line through MAKEFLAGS when run by `make check`)."""
import os
import re
import shutil
import subprocess
import tempfile
import unittest
import xml.etree.ElementTree as ET

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BUILD = os.environ.get("QB_BUILD", "build")
APP_ID = "io.github.quizblitz.quizblitz"


def source_files(subdir, ext):
    """The files install copies from the source tree (sounds exist once make all has run)."""
    d = os.path.join(ROOT, subdir)
    return sorted(f for f in os.listdir(d) if f.endswith(ext)) if os.path.isdir(d) else []


def make(*args, timeout=600):
    """Runs make in the source tree with the build directory the suite tests. "-o deps" skips
    packaging/deps.sh (the build already exists; a package build must not apt-get)."""
    cmd = ["make", "-s", "--no-print-directory", "-o", "deps", "BUILD=" + BUILD]
    if os.path.basename(os.path.normpath(BUILD)) == "build-asan":
        cmd.append("SAN=1")
    p = subprocess.run(cmd + list(args), cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    if p.returncode != 0:
        raise AssertionError("%s failed (%d):\n%s%s" % (" ".join(cmd + list(args)), p.returncode, p.stdout, p.stderr))
    return p.stdout


def install_dirs():
    dirs = {}
    for line in make("install-dirs").splitlines():
        k, _, v = line.partition("=")
        dirs[k] = v
    return dirs


def files_under(top):
    out = set()
    for d, _, fs in os.walk(top):
        for f in fs:
            out.add(os.path.relpath(os.path.join(d, f), top))
    return out


def headless_env(tmp, datadir=None):
    e = dict(os.environ)
    e.update({"SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "TZ": "UTC", "HOME": os.path.join(tmp, "home"),
              "XDG_DATA_HOME": os.path.join(tmp, "xdg-data"), "XDG_CONFIG_HOME": os.path.join(tmp, "xdg-config")})
    e.pop("DISPLAY", None)
    e.pop("WAYLAND_DISPLAY", None)
    e.pop("QUIZBLITZ_DATADIR", None)
    if datadir:
        e["QUIZBLITZ_DATADIR"] = datadir
    return e


@unittest.skipUnless(shutil.which("make"), "make is not installed")
class Installed(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="qb-install-")
        cls.dest = os.path.join(cls.tmp, "dest")
        cls.dirs = install_dirs()
        make("install", "DESTDIR=" + cls.dest)
        d = cls.dirs
        cls.prefix_bin = os.path.join(cls.dest + d["BINDIR"], "quizblitz")
        cls.data = cls.dest + d["DATADIR"]
        # runs happen from here: neither the source tree nor the install tree
        cls.elsewhere = os.path.join(cls.tmp, "elsewhere")
        os.makedirs(cls.elsewhere)
        os.makedirs(os.path.join(cls.tmp, "home"))

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def run_bin(self, args, datadir=None, timeout=60):
        return subprocess.run([self.prefix_bin] + list(args), cwd=self.elsewhere, env=headless_env(self.tmp, datadir),
                              capture_output=True, text=True, timeout=timeout)

    def test_every_file_in_its_place(self):
        d = self.dirs
        want = {d["BINDIR"] + "/quizblitz", d["MANDIR"] + "/man6/quizblitz.6",
                d["APPDIR"] + "/quizblitz.desktop", d["METAINFODIR"] + "/" + APP_ID + ".metainfo.xml",
                d["ICONDIR"] + "/quizblitz.svg", d["DOCDIR"] + "/README.md"}
        sounds = source_files("assets/sounds", ".wav")
        want |= {d["DATADIR"] + "/cards/" + f for f in source_files("cards", ".md")}
        want |= {d["DATADIR"] + "/assets/sounds/" + f for f in sounds}
        got = {"/" + f for f in files_under(self.dest)}
        self.assertEqual(got, want)
        self.assertTrue(os.access(self.prefix_bin, os.X_OK))
        self.assertGreaterEqual(len(sounds), 1, "no sounds were generated (make all)")
        # Debian games policy: binary in .../games, data in .../share/games; the freedesktop
        # files never under share/games
        self.assertTrue(d["BINDIR"].endswith("/games"), d["BINDIR"])
        self.assertTrue(d["DATADIR"].endswith("/share/games/quizblitz"), d["DATADIR"])
        for k in ("APPDIR", "METAINFODIR", "ICONDIR", "MANDIR"):
            self.assertNotIn("/share/games", d[k])
        for f in sorted(got):
            mode = os.stat(self.dest + f).st_mode & 0o777
            self.assertEqual(mode, 0o755 if f == d["BINDIR"] + "/quizblitz" else 0o644, f)

    def test_data_directory_compiled_in(self):
        with open(self.prefix_bin, "rb") as f:
            self.assertIn(self.dirs["DATADIR"].encode() + b"\0", f.read())

    def test_check_installed_decks(self):
        p = self.run_bin(["--check", os.path.join(self.data, "cards")])
        self.assertEqual(p.returncode, 0, p.stderr)
        lines = p.stdout.splitlines()
        self.assertEqual(len(lines), len(source_files("cards", ".md")), p.stdout)
        for line in lines:
            self.assertRegex(line, r"^%s/cards/[^/]+\.md: \d+ cards \(\d+ easy, \d+ medium, \d+ hard\)$"
                             % re.escape(self.data))

    def test_scripted_round_from_another_directory(self):
        # no deck named: the game finds the installed decks (and sounds) through its data directory
        scores = os.path.join(self.tmp, "scores.tsv")
        events = os.path.join(self.tmp, "events.jsonl")
        shutil.copy(os.path.join(ROOT, "tests", "scripts", "round.txt"), os.path.join(self.elsewhere, "round.txt"))
        p = self.run_bin(["--seed", "3", "--script", "round.txt", "--scores", scores, "--events", events,
                          "--window", "1280x720"], datadir=self.data)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertNotIn("missing", p.stderr)  # "a sound file is missing": sounds not found
        with open(events, encoding="utf-8") as f:
            kinds = [re.search(r'"event":"(\w+)"', line).group(1) for line in f if line.strip()]
        self.assertIn("round_start", kinds)
        self.assertEqual(kinds.count("answer"), 10)
        self.assertIn("round_end", kinds)
        with open(scores, encoding="utf-8") as f:
            self.assertIn("\tAda\t", f.read())
        for shot in ("title.bmp", "question.bmp", "results.bmp"):
            self.assertTrue(os.path.getsize(os.path.join(self.elsewhere, shot)) > 0, shot)

    def test_without_override_uses_compiled_in_directory(self):
        # no QUIZBLITZ_DATADIR: the binary looks in the compiled-in DATADIR (not in the cwd, not
        # next to itself); under a DESTDIR that is empty unless the game is really installed
        p = self.run_bin(["--script", "/dev/null", "--scores", os.path.join(self.tmp, "s2.tsv")])
        cards = self.dirs["DATADIR"] + "/cards"
        if os.path.isdir(cards):
            self.assertEqual(p.returncode, 0, p.stderr)
        else:
            self.assertEqual(p.returncode, 66, p.stderr)
            self.assertIn(cards, p.stderr)

    def test_desktop_file(self):
        path = self.dest + self.dirs["APPDIR"] + "/quizblitz.desktop"
        with open(path, encoding="utf-8") as f:
            entry = dict(line.rstrip("\n").split("=", 1) for line in f if "=" in line and not line.startswith("#"))
        self.assertEqual(entry["Type"], "Application")
        # the full path: a desktop session's PATH may lack /usr/games
        self.assertEqual(entry["Exec"].split()[0], self.dirs["BINDIR"] + "/quizblitz")
        self.assertEqual(entry["Categories"], "Game;Education;")
        self.assertTrue(entry.get("Keywords"))
        self.assertTrue(os.path.exists(self.dest + self.dirs["ICONDIR"] + "/" + entry["Icon"] + ".svg"))
        if shutil.which("desktop-file-validate"):
            p = subprocess.run(["desktop-file-validate", path], capture_output=True, text=True)
            self.assertEqual(p.returncode, 0, p.stdout + p.stderr)

    def test_metainfo(self):
        path = self.dest + self.dirs["METAINFODIR"] + "/" + APP_ID + ".metainfo.xml"
        root = ET.parse(path).getroot()
        self.assertEqual(root.findtext("id"), APP_ID)
        self.assertEqual(root.find("launchable").text, "quizblitz.desktop")
        self.assertEqual(root.find("provides/binary").text, "quizblitz")
        self.assertIsNotNone(root.find("content_rating"))
        version = self.run_bin(["--version"]).stdout.split()[-1]
        self.assertEqual(root.find("releases/release").get("version"), version)

    def test_man_page(self):
        path = self.dest + self.dirs["MANDIR"] + "/man6/quizblitz.6"
        with open(path, encoding="utf-8") as f, open(os.path.join(ROOT, "packaging", "quizblitz.6"), encoding="utf-8") as g:
            self.assertEqual(f.read(), g.read())


@unittest.skipUnless(shutil.which("make"), "make is not installed")
class Uninstall(unittest.TestCase):
    def test_uninstall_leaves_nothing(self):
        tmp = tempfile.mkdtemp(prefix="qb-uninstall-")
        try:
            dest = os.path.join(tmp, "dest")
            make("install", "DESTDIR=" + dest)
            self.assertTrue(files_under(dest))
            make("uninstall", "DESTDIR=" + dest)
            self.assertEqual(files_under(dest), set())
            datadir = install_dirs()["DATADIR"]
            self.assertFalse(os.path.exists(dest + datadir), "uninstall left " + datadir)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


class DebianPackaging(unittest.TestCase):
    """The version is the same everywhere; debian/ asks for what the issue asks."""

    def read(self, *path):
        with open(os.path.join(ROOT, *path), encoding="utf-8") as f:
            return f.read()

    def test_versions_agree(self):
        version = re.search(r"^VERSION := (\S+)$", self.read("Makefile"), re.M).group(1)
        changelog = self.read("packaging", "debian", "changelog").splitlines()[0]
        self.assertRegex(changelog, r"^quizblitz \(%s-\d+\) " % re.escape(version))
        self.assertIn('"quizblitz %s"' % version, self.read("packaging", "quizblitz.6"))

    def test_control_and_rules(self):
        control = self.read("packaging", "debian", "control")
        self.assertRegex(control, r"(?m)^Section: games$")
        self.assertIn("debhelper-compat (= 13)", control)
        self.assertRegex(control, r"(?m)^Depends:.*\bfonts-dejavu-core\b")
        rules = self.read("packaging", "debian", "rules")
        self.assertRegex(rules, r"(?m)^export DEB_BUILD_MAINT_OPTIONS = hardening=\+all$")
        self.assertIn("check-headless", rules)
        self.assertTrue(os.access(os.path.join(ROOT, "packaging", "debian", "rules"), os.X_OK))


if __name__ == "__main__":
    unittest.main()
