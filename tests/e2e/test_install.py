"""The installed game. `make install` into a temporary DESTDIR, once with PREFIX=/usr (Debian's
layout) and once with the default PREFIX (/usr/local), puts every file in its place: the binary
in BINDIR ($(PREFIX)/games), decks and sounds in DATADIR ($(PREFIX)/share/games/quizblitz), the
man page, desktop file, metainfo and icon in the freedesktop places under $(PREFIX)/share. The
installed binary, run from another directory, checks the installed decks and plays a scripted
headless round with them (QUIZBLITZ_DATADIR points into the DESTDIR: the compiled-in DATADIR
does not exist there); installed into a real temporary PREFIX it finds them through the
compiled-in DATADIR alone. `make uninstall` removes everything install put there.

Each install builds in its own copy of the suite's build directory (QB_BUILD, default build),
so a PREFIX other than the suite's never rebuilds the binary the other tests run. Validators
(desktop-file-validate, appstreamcli, lintian, hardening-check) are used when installed, and
their tests skip with the reason when not."""
import glob
import os
import re
import shutil
import subprocess
import tempfile
import unittest
import xml.etree.ElementTree as ET

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BUILD = os.environ.get("QB_BUILD", "build")
BUILD_DIR = os.path.join(ROOT, BUILD)
APP_ID = "io.github.quizblitz.quizblitz"

# make's own variables and our install settings: the makes run here get only what we pass
# (make check's MAKEFLAGS would carry its PREFIX=/usr and jobserver into them otherwise).
MAKE_ENV_DROP = ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES", "BUILD", "SAN", "PREFIX", "DESTDIR",
                 "BINDIR", "DATADIR", "LOCALEDIR", "MANDIR", "DOCDIR", "APPDIR", "METAINFODIR", "ICONDIR", "MAN6DIR")


def layout(prefix):
    """The install directories for a PREFIX, as the issue (and Debian's games policy) wants them."""
    return {"BINDIR": prefix + "/games", "DATADIR": prefix + "/share/games/quizblitz",
            "MANDIR": prefix + "/share/man", "APPDIR": prefix + "/share/applications",
            "METAINFODIR": prefix + "/share/metainfo", "ICONDIR": prefix + "/share/icons/hicolor/scalable/apps",
            "DOCDIR": prefix + "/share/doc/quizblitz", "LOCALEDIR": prefix + "/share/locale"}


def source_files(subdir, ext):
    """The files install copies from the source tree (sounds exist once make all has run)."""
    d = os.path.join(ROOT, subdir)
    return sorted(f for f in os.listdir(d) if f.endswith(ext)) if os.path.isdir(d) else []


def make(build, *args, timeout=600):
    """Runs make in the source tree with build directory BUILD. "-o deps" skips
    packaging/deps.sh (the build exists; a package build must never apt-get)."""
    cmd = ["make", "-s", "--no-print-directory", "-o", "deps", "BUILD=" + build] + list(getattr(build, "keep", ()))
    if os.path.basename(os.path.normpath(BUILD)) == "build-asan":
        cmd.append("SAN=1")
    env = {k: v for k, v in os.environ.items() if k not in MAKE_ENV_DROP}
    p = subprocess.run(cmd + list(args), cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    if p.returncode != 0:
        raise AssertionError("%s failed (%d):\n%s%s" % (" ".join(cmd + list(args)), p.returncode, p.stdout, p.stderr))
    return p.stdout


class Build(str):
    """A build directory; .keep are make's "-o FILE" arguments that keep its files as they are."""
    keep = ()


def copy_build(dest):
    """A copy of the suite's build (objects, binary, sfxgen). Every object but paths.o (the one
    with DATADIR compiled in, rebuilt when DATADIR differs), sfxgen and the sounds are kept as
    built ("-o"): the install test tests what the suite built, even while the sources change,
    and never rewrites the sounds in the source tree."""
    if not os.path.exists(os.path.join(BUILD_DIR, "quizblitz")):
        raise AssertionError("%s/quizblitz is missing: run make first" % BUILD)
    os.makedirs(dest)
    for sub in ("core", "sdl"):
        shutil.copytree(os.path.join(BUILD_DIR, sub), os.path.join(dest, sub))
    for f in ("quizblitz", "sfxgen", "datadir.stamp"):
        if os.path.exists(os.path.join(BUILD_DIR, f)):
            shutil.copy2(os.path.join(BUILD_DIR, f), os.path.join(dest, f))
    keep = ["assets/sounds/.stamp", os.path.join(dest, "sfxgen")]
    for sub in ("core", "sdl"):
        keep += [os.path.join(dest, sub, f) for f in sorted(os.listdir(os.path.join(dest, sub)))
                 if f.endswith(".o") and (sub, f) != ("sdl", "paths.o")]
    b = Build(dest)
    b.keep = tuple(a for k in keep for a in ("-o", k))
    return b


def install_dirs(build, args):
    dirs = {}
    for line in make(build, "install-dirs", *args).splitlines():
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
    for k in ("DISPLAY", "WAYLAND_DISPLAY", "QUIZBLITZ_DATADIR", "QUIZBLITZ_FONT_DIR", "QUIZBLITZ_LOCALEDIR",
              "LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        e.pop(k, None)
    e["LANG"] = "C.UTF-8"
    if datadir:
        e["QUIZBLITZ_DATADIR"] = datadir
    return e


def event_kinds(path):
    with open(path, encoding="utf-8") as f:
        return [re.search(r'"event":"(\w+)"', line).group(1) for line in f if line.strip()]


def scripted_round(binary, tmp, cwd, datadir=None, decks=()):
    """Plays tests/scripts/round.txt (a whole round, a name entered) with seed 3 from CWD.
    Returns (process, events file); the score file is scores.tsv next to it."""
    out = tempfile.mkdtemp(prefix="round-", dir=tmp)
    scores = os.path.join(out, "scores.tsv")
    events = os.path.join(out, "events.jsonl")
    shutil.copy(os.path.join(ROOT, "tests", "scripts", "round.txt"), os.path.join(cwd, "round.txt"))
    p = subprocess.run([binary, "--seed", "3", "--script", "round.txt", "--scores", scores, "--events", events,
                        "--window", "1280x720"] + list(decks), cwd=cwd, env=headless_env(tmp, datadir),
                       capture_output=True, text=True, timeout=120)
    return p, events


_reference = {}


def reference_events(tmp):
    """The same round played by the suite's own binary on the source tree's decks (all of
    cards/, as the installed game loads all of its cards/ directory)."""
    if "events" not in _reference:
        d = tempfile.mkdtemp(prefix="qb-ref-", dir=tmp)
        p, events = scripted_round(os.path.join(BUILD_DIR, "quizblitz"), d, d,
                                   decks=[os.path.join(ROOT, "cards")])
        assert p.returncode == 0, p.stderr
        with open(events, encoding="utf-8") as f:
            _reference["events"] = f.read()
    return _reference["events"]


class StagedInstall:
    """make install DESTDIR=... [PREFIX=...]; PREFIX None is the Makefile's default."""
    PREFIX = None

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="qb-install-")
        cls.build = copy_build(os.path.join(cls.tmp, "build"))
        cls.args = ["PREFIX=" + cls.PREFIX] if cls.PREFIX else []
        cls.dirs = install_dirs(cls.build, cls.args)
        cls.dest = os.path.join(cls.tmp, "dest")
        make(cls.build, "install", "DESTDIR=" + cls.dest, *cls.args)
        d = cls.dirs
        cls.bin = os.path.join(cls.dest + d["BINDIR"], "quizblitz")
        cls.data = cls.dest + d["DATADIR"]
        # runs happen from here: neither the source tree nor the install tree
        cls.elsewhere = os.path.join(cls.tmp, "elsewhere")
        os.makedirs(cls.elsewhere)
        os.makedirs(os.path.join(cls.tmp, "home"))

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def run_bin(self, args, datadir=None, timeout=60):
        return subprocess.run([self.bin] + list(args), cwd=self.elsewhere, env=headless_env(self.tmp, datadir),
                              capture_output=True, text=True, timeout=timeout)

    def want_files(self):
        d = self.dirs
        want = {d["BINDIR"] + "/quizblitz", d["MANDIR"] + "/man6/quizblitz.6",
                d["APPDIR"] + "/quizblitz.desktop", d["METAINFODIR"] + "/" + APP_ID + ".metainfo.xml",
                d["ICONDIR"] + "/quizblitz.svg", d["DOCDIR"] + "/README.md"}
        want |= {d["DATADIR"] + "/cards/" + f for f in source_files("cards", ".md")}
        want |= {d["DATADIR"] + "/assets/sounds/" + f for f in source_files("assets/sounds", ".wav")}
        # the interface's catalogs, one per po/LANG.po
        want |= {d["LOCALEDIR"] + "/" + f[:-3] + "/LC_MESSAGES/quizblitz.mo" for f in source_files("po", ".po")}
        return want

    def test_install_directories(self):
        # Debian games policy: binary in .../games, data in .../share/games; the freedesktop
        # files never under share/games
        self.assertEqual(self.dirs, layout(self.PREFIX or "/usr/local"))

    def test_every_file_in_its_place(self):
        got = {"/" + f for f in files_under(self.dest)}
        self.assertEqual(got, self.want_files())
        self.assertGreaterEqual(len(source_files("assets/sounds", ".wav")), 1, "no sounds were generated (make all)")
        self.assertGreaterEqual(len(source_files("cards", ".md")), 1)
        for f in sorted(got):
            mode = os.stat(self.dest + f).st_mode & 0o777
            self.assertEqual(mode, 0o755 if f == self.dirs["BINDIR"] + "/quizblitz" else 0o644, f)

    def test_data_directory_compiled_in(self):
        with open(self.bin, "rb") as f:
            self.assertIn(self.dirs["DATADIR"].encode() + b"\0", f.read())

    def test_locale_directory_compiled_in(self):
        with open(self.bin, "rb") as f:
            self.assertIn(self.dirs["LOCALEDIR"].encode() + b"\0", f.read())

    def test_installed_catalogs_translate(self):
        # the installed German catalog (found as the installed binary would, at LOCALEDIR, here
        # under DESTDIR) changes the title screen; no catalog there leaves it English
        shots = {}
        for name, localedir in (("de", self.dest + self.dirs["LOCALEDIR"]), ("none", self.elsewhere)):
            out = tempfile.mkdtemp(prefix="lang-", dir=self.tmp)
            with open(os.path.join(out, "s.txt"), "w", encoding="utf-8") as f:
                f.write("wait 300\nscreenshot title.bmp\n")
            env = dict(headless_env(self.tmp, self.data), LANG="C.UTF-8", LANGUAGE="de", QUIZBLITZ_LOCALEDIR=localedir)
            p = subprocess.run([self.bin, "--script", "s.txt", "--scores", os.path.join(out, "s.tsv")], cwd=out,
                               env=env, capture_output=True, text=True, timeout=60)
            self.assertEqual(p.returncode, 0, p.stderr)
            with open(os.path.join(out, "title.bmp"), "rb") as f:
                shots[name] = f.read()
        self.assertNotEqual(shots["de"], shots["none"])

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
        p, events = scripted_round(self.bin, self.tmp, self.elsewhere, datadir=self.data)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertNotIn("missing", p.stderr)  # "a sound file is missing": sounds not found
        kinds = event_kinds(events)
        self.assertEqual(kinds[0], "round_start")
        self.assertEqual(kinds.count("question"), 10)
        self.assertEqual(kinds.count("answer"), 10)
        self.assertEqual(kinds.count("round_end"), 1)
        self.assertEqual(kinds.count("highscore"), 1)
        self.assertEqual(kinds[-1], "exit")
        # deterministic: the very events the source tree's binary and deck give
        with open(events, encoding="utf-8") as f:
            self.assertEqual(f.read(), reference_events(self.tmp))
        scores = os.path.join(os.path.dirname(events), "scores.tsv")
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

    def desktop_path(self):
        return self.dest + self.dirs["APPDIR"] + "/quizblitz.desktop"

    def test_desktop_file(self):
        with open(self.desktop_path(), encoding="utf-8") as f:
            entry = dict(line.rstrip("\n").split("=", 1) for line in f if "=" in line and not line.startswith("#"))
        self.assertEqual(entry["Type"], "Application")
        # the full path: a desktop session's PATH may lack /usr/games
        self.assertEqual(entry["Exec"].split()[0], self.dirs["BINDIR"] + "/quizblitz")
        self.assertEqual(entry["Categories"], "Game;Education;")
        self.assertTrue(entry.get("Keywords"))
        self.assertTrue(os.path.exists(self.dest + self.dirs["ICONDIR"] + "/" + entry["Icon"] + ".svg"))

    @unittest.skipUnless(shutil.which("desktop-file-validate"), "desktop-file-validate is not installed "
                         "(apt-get install desktop-file-utils)")
    def test_desktop_file_validates(self):
        for path in (self.desktop_path(), os.path.join(ROOT, "packaging", "quizblitz.desktop")):
            p = subprocess.run(["desktop-file-validate", path], capture_output=True, text=True, timeout=60)
            self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
            # only the hint that Game;Education; (the categories) names two main ones
            for line in (p.stdout + p.stderr).splitlines():
                self.assertIn("more than one main category", line)

    def metainfo_path(self):
        return self.dest + self.dirs["METAINFODIR"] + "/" + APP_ID + ".metainfo.xml"

    def test_metainfo(self):
        root = ET.parse(self.metainfo_path()).getroot()
        self.assertEqual(root.findtext("id"), APP_ID)
        self.assertEqual(root.find("launchable").text, "quizblitz.desktop")
        self.assertEqual(root.find("provides/binary").text, "quizblitz")
        self.assertIsNotNone(root.find("content_rating"))
        version = self.run_bin(["--version"]).stdout.split()[-1]
        self.assertEqual(root.find("releases/release").get("version"), version)

    @unittest.skipUnless(shutil.which("appstreamcli"), "appstreamcli is not installed (apt-get install appstream)")
    def test_metainfo_validates(self):
        p = subprocess.run(["appstreamcli", "validate", "--no-net", "--pedantic", self.metainfo_path()],
                           capture_output=True, text=True, timeout=60)
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)

    def test_man_page(self):
        path = self.dest + self.dirs["MANDIR"] + "/man6/quizblitz.6"
        with open(path, encoding="utf-8") as f, open(os.path.join(ROOT, "packaging", "quizblitz.6"), encoding="utf-8") as g:
            self.assertEqual(f.read(), g.read())

    def test_uninstall_leaves_nothing(self):
        dest = os.path.join(self.tmp, "dest-uninstall")
        make(self.build, "install", "DESTDIR=" + dest, *self.args)
        self.assertEqual({"/" + f for f in files_under(dest)}, self.want_files())
        make(self.build, "uninstall", "DESTDIR=" + dest, *self.args)
        self.assertEqual(files_under(dest), set())
        for k in ("DATADIR", "DOCDIR"):
            self.assertFalse(os.path.exists(dest + self.dirs[k]), "uninstall left " + self.dirs[k])


@unittest.skipUnless(shutil.which("make"), "make is not installed")
class InstalledDebianLayout(StagedInstall, unittest.TestCase):
    PREFIX = "/usr"


@unittest.skipUnless(shutil.which("make"), "make is not installed")
class InstalledDefaultPrefix(StagedInstall, unittest.TestCase):
    PREFIX = None


@unittest.skipUnless(shutil.which("make"), "make is not installed")
class InstalledForReal(unittest.TestCase):
    """Installed into a real (temporary) PREFIX, no DESTDIR: the compiled-in DATADIR alone
    leads the binary to its decks and sounds, from any directory."""

    def test_compiled_in_data_directory(self):
        tmp = tempfile.mkdtemp(prefix="qb-prefix-")
        try:
            build = copy_build(os.path.join(tmp, "build"))
            prefix = os.path.join(tmp, "prefix")
            make(build, "install", "PREFIX=" + prefix)
            binary = os.path.join(prefix, "games", "quizblitz")
            elsewhere = os.path.join(tmp, "elsewhere")
            os.makedirs(elsewhere)
            p, events = scripted_round(binary, tmp, elsewhere)
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertNotIn("missing", p.stderr)
            with open(events, encoding="utf-8") as f:
                self.assertEqual(f.read(), reference_events(tmp))
            make(build, "uninstall", "PREFIX=" + prefix)
            self.assertEqual(files_under(prefix), set())
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
        self.assertIn('<release version="%s"' % version, self.read("packaging", APP_ID + ".metainfo.xml"))

    def test_control(self):
        control = self.read("packaging", "debian", "control")
        self.assertRegex(control, r"(?m)^Section: games$")
        self.assertIn("debhelper-compat (= 13)", control)
        self.assertRegex(control, r"(?m)^Rules-Requires-Root: no$")
        depends = re.search(r"(?m)^Depends:(.*)$", control).group(1)
        # libpq5 and libsdl2-mixer-2.0-0 are opened with dlopen (src/sdl/pq.c, mixer.c), so
        # ${shlibs:Depends} cannot find them in the binary: the control file names them
        for dep in ("fonts-dejavu-core", "libpq5", "libsdl2-mixer-2.0-0", "${shlibs:Depends}", "${misc:Depends}"):
            self.assertIn(dep, depends)
        build_depends = re.search(r"(?ms)^Build-Depends:(.*?)^\S", control).group(1)
        for dep in ("libsdl2-dev", "libsdl2-ttf-dev", "libsdl2-mixer-dev", "libfontconfig-dev", "libcmocka-dev",
                    "libinih-dev", "libcrypt-dev", "libpq-dev", "pkg-config", "python3", "fonts-dejavu-core"):
            self.assertRegex(build_depends, r"(?m)^\s*%s\b" % re.escape(dep))

    def test_rules(self):
        rules = self.read("packaging", "debian", "rules")
        self.assertRegex(rules, r"(?m)^export DEB_BUILD_MAINT_OPTIONS = hardening=\+all$")
        # CFLAGS/LDFLAGS come from dpkg-buildflags through the environment: never set here
        self.assertNotRegex(rules, r"(?m)^\s*(export\s+)?(CFLAGS|LDFLAGS|CPPFLAGS)\s*[:?+]?=")
        # a verbose build log: blhc can check the flags of every compiler command
        self.assertRegex(rules, r"(?m)^QB_MAKE_ARGS \+= V=1$")
        test = rules.split("override_dh_auto_test:", 1)[1].split("\n\n", 1)[0]
        self.assertRegex(test, r"\$\(MAKE\)[^\n]* check\b")
        self.assertIn("QB_NO_X11=1", test)
        self.assertIn("SDL_VIDEODRIVER=dummy", test)
        self.assertTrue(os.access(os.path.join(ROOT, "packaging", "debian", "rules"), os.X_OK))

    def test_overrides_explained(self):
        # every lintian override has a comment saying why, right above it
        lines = self.read("packaging", "debian", "quizblitz.lintian-overrides").splitlines()
        for i, line in enumerate(lines):
            if line.strip() and not line.startswith("#"):
                self.assertTrue(i > 0 and lines[i - 1].startswith("#"), line)
                self.assertNotIn("hardening", line)


def built_package():
    """The .changes and .deb of the last `make deb` with this build directory, if any."""
    changes = sorted(glob.glob(os.path.join(BUILD_DIR, "deb", "quizblitz_*.changes")))
    debs = sorted(glob.glob(os.path.join(BUILD_DIR, "deb", "quizblitz_*.deb")))
    return (changes[-1], debs[-1]) if changes and debs else (None, None)


@unittest.skipUnless(built_package()[0], "no package built with this build directory (make deb)")
class BuiltPackage(unittest.TestCase):
    """The package `make deb` built: its file list, lintian, hardening-check."""

    @classmethod
    def setUpClass(cls):
        cls.changes, cls.deb = built_package()

    def test_file_list(self):
        p = subprocess.run(["dpkg-deb", "-c", self.deb], capture_output=True, text=True, timeout=60)
        self.assertEqual(p.returncode, 0, p.stderr)
        files = {line.split()[-1].lstrip(".") for line in p.stdout.splitlines() if not line.startswith("d")}
        d = layout("/usr")
        for f in (d["BINDIR"] + "/quizblitz", d["MANDIR"] + "/man6/quizblitz.6.gz",
                  d["APPDIR"] + "/quizblitz.desktop", d["METAINFODIR"] + "/" + APP_ID + ".metainfo.xml",
                  d["ICONDIR"] + "/quizblitz.svg", d["DOCDIR"] + "/copyright"):
            self.assertIn(f, files)
        for f in source_files("cards", ".md"):
            self.assertIn(d["DATADIR"] + "/cards/" + f, files)
        self.assertTrue(any(f.startswith(d["DATADIR"] + "/assets/sounds/") for f in files))
        p = subprocess.run(["dpkg-deb", "-f", self.deb, "Depends", "Section"], capture_output=True, text=True)
        self.assertIn("fonts-dejavu-core", p.stdout)
        self.assertIn("libsdl2-2.0-0", p.stdout)
        self.assertIn("libsdl2-mixer-2.0-0", p.stdout)  # not linked (dlopen): from the control file
        self.assertIn("Section: games", p.stdout)

    @unittest.skipUnless(shutil.which("lintian"), "lintian is not installed (apt-get install lintian)")
    def test_lintian(self):
        p = subprocess.run(["lintian", "--fail-on", "error,warning", self.changes],
                           capture_output=True, text=True, timeout=600)
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        self.assertNotRegex(p.stdout, r"(?m)^[EW]: ")

    @unittest.skipUnless(shutil.which("hardening-check"), "hardening-check is not installed (apt-get install devscripts)")
    def test_hardening(self):
        tmp = tempfile.mkdtemp(prefix="qb-deb-")
        try:
            subprocess.run(["dpkg-deb", "-x", self.deb, tmp], check=True, timeout=60)
            # Control flow integrity (-fcf-protection) needs a CET-marked C library (Debian 13);
            # Debian 12's crt files lack the marking, so no binary there passes that check.
            p = subprocess.run(["hardening-check", "--nocfprotection", os.path.join(tmp, "usr", "games", "quizblitz")],
                               capture_output=True, text=True, timeout=60)
            self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
