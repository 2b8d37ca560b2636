"""The man page (packaging/quizblitz.6) and `quizblitz --help` list the same options, with the
same arguments; the man page documents every exit code (all of them, not only those --help
names), the files the game reads and writes, the deck formats and the environment variables,
and renders without a warning under man and groff when they are installed."""
import os
import re
import shlex
import shutil
import subprocess
import unittest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BUILD = os.environ.get("QB_BUILD", "build")
BIN = os.path.join(ROOT, BUILD, "quizblitz")
MAN = os.path.join(ROOT, "packaging", "quizblitz.6")

# An argument placeholder in --help: N, FILE..., [DECK], WxH, OUT.md (descriptions are lower case).
METAVAR = re.compile(r"^\[?[A-Z][A-Za-z]*(\.[a-z]+)?\]?(\.\.\.)?$")


def help_options():
    """{'--round': '--round n', ...} from --help: the option and its placeholders, lower-cased."""
    out = subprocess.run([BIN, "--help"], capture_output=True, text=True, timeout=30).stdout
    opts = {}
    for line in out.splitlines():
        m = re.match(r"^ {1,4}(-\S+)(.*)$", line)
        if not m:
            continue
        words = [m.group(1)]
        for w in m.group(2).split():
            if not METAVAR.match(w):
                break
            words.append(w)
        opts[words[0]] = " ".join(words).lower()
    return out, opts


def roff_text(line):
    """The text a man-macro line (.B, .BI, .BR, ...) or a text line prints, fonts dropped."""
    if line.startswith("."):
        macro, _, rest = line[1:].partition(" ")
        args = shlex.split(rest.replace("\\", "\\\\"), posix=True) if rest else []
        if macro in ("B", "I"):
            text = " ".join(args)
        elif macro in ("BI", "BR", "IB", "IR", "RB", "RI"):
            text = "".join(args)
        else:
            return None
    else:
        text = line
    text = re.sub(r"\\f(\[[^]]*\]|.)", "", text)
    text = text.replace("\\-", "-").replace("\\~", " ").replace("\\&", "").replace("\\%", "")
    return " ".join(text.split())


def man_options():
    """{'--round': '--round n', ...}: the tag of every .TP item in the OPTIONS section."""
    with open(MAN, encoding="utf-8") as f:
        lines = f.read().splitlines()
    opts = {}
    section = None
    for i, line in enumerate(lines):
        if line.startswith(".SH"):
            section = line[3:].strip().strip('"')
        elif section == "OPTIONS" and line.strip() == ".TP" and i + 1 < len(lines):
            tag = roff_text(lines[i + 1])
            if tag and tag.startswith("-"):
                opts[tag.split()[0]] = tag.lower()
    return opts


class ManPageMatchesHelp(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.help_text, cls.help = help_options()
        cls.man = man_options()

    def test_help_parsed(self):
        self.assertGreaterEqual(len(self.help), 20, self.help_text)
        self.assertIn("--list-scores", self.help)
        self.assertEqual(self.help["--list-scores"], "--list-scores [deck]")

    def test_every_help_option_in_man_page(self):
        missing = sorted(set(self.help) - set(self.man))
        self.assertEqual(missing, [], "options in --help but not in the man page's OPTIONS")

    def test_every_man_option_in_help(self):
        extra = sorted(set(self.man) - set(self.help))
        self.assertEqual(extra, [], "options in the man page's OPTIONS but not in --help")

    def test_same_arguments(self):
        for opt in sorted(set(self.help) & set(self.man)):
            self.assertEqual(self.man[opt], self.help[opt], opt)

    def test_exit_codes(self):
        m = re.search(r"Exit codes:(.*)", self.help_text, re.S)
        self.assertIsNotNone(m, "--help names no exit codes")
        codes = set(re.findall(r"\b(\d+) [a-z]", m.group(1)))
        with open(MAN, encoding="utf-8") as f:
            man = f.read()
        status = man.split(".SH EXIT STATUS", 1)[1].split("\n.SH", 1)[0]
        documented = set(re.findall(r"^\.TP\n\.B (\d+)$", status, re.M))
        self.assertTrue(codes, m.group(1))
        self.assertEqual(codes - documented, set())

    def test_version_matches(self):
        version = subprocess.run([BIN, "--version"], capture_output=True, text=True, timeout=30).stdout.split()[-1]
        with open(MAN, encoding="utf-8") as f:
            th = next(line for line in f if line.startswith(".TH "))
        self.assertIn('"quizblitz %s"' % version, th)

    def test_sections_present(self):
        with open(MAN, encoding="utf-8") as f:
            heads = [line[4:].strip().strip('"') for line in f if line.startswith(".SH ")]
        for h in ("NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "KIOSK MODE", "HEADLESS AND SCRIPTED RUNS", "CONTROLS",
                  "DECK FORMAT", "FILES", "ENVIRONMENT", "EXIT STATUS", "SEE ALSO"):
            self.assertIn(h, heads)

    def section(self, name):
        with open(MAN, encoding="utf-8") as f:
            man = f.read()
        self.assertIn("\n.SH %s\n" % name, man)
        return man.split("\n.SH %s\n" % name, 1)[1].split("\n.SH ", 1)[0]

    def tags(self, name):
        lines = self.section(name).splitlines()
        return {roff_text(lines[i + 1]) for i, line in enumerate(lines[:-1]) if line.strip() == ".TP"}

    def test_every_exit_status(self):
        self.assertEqual(self.tags("EXIT STATUS"), {"0", "1", "64", "65", "66", "70", "71"})

    def test_environment(self):
        self.assertEqual(self.tags("ENVIRONMENT"), {"XDG_DATA_HOME", "XDG_CONFIG_HOME", "HOME", "QUIZBLITZ_DATADIR",
                                                    "QUIZBLITZ_FONT_DIR", "QUIZBLITZ_TEXT_AUDIT", "QUIZBLITZ_LOCALEDIR",
                                                    "LANGUAGE, LC_ALL, LC_MESSAGES, LANG", "SDL_VIDEODRIVER",
                                                    "SDL_AUDIODRIVER"})

    def test_files(self):
        tags = " ".join(self.tags("FILES"))
        for f in ("DATADIR/cards/", "DATADIR/assets/sounds/", "$XDG_DATA_HOME/quizblitz/scores.tsv", "scores.tsv.lock",
                  "scores.tsv.corrupt-", "scores.tsv.bak-", "$XDG_CONFIG_HOME/quizblitz/quizblitz.conf"):
            self.assertIn(f, tags)

    def test_deck_formats(self):
        text = " ".join(t for t in map(roff_text, self.section("DECK FORMAT").splitlines()) if t)
        for fmt in ("Markdown", "tab-separated", "Anki", "quizdown", "GIFT", "Aiken", "OpenTriviaQA"):
            self.assertIn(fmt, text)

    def test_kiosk_and_headless(self):
        kiosk = " ".join(t for t in map(roff_text, self.section("KIOSK MODE").splitlines()) if t)
        for word in ("operator exit", "Ctrl+Alt+Shift+Q", "Back+Start", "exit_pin", "SIGTERM"):
            self.assertIn(word, kiosk)
        headless = " ".join(t for t in map(roff_text, self.section("HEADLESS AND SCRIPTED RUNS").splitlines()) if t)
        for word in ("--script", "SDL_VIDEODRIVER=dummy", "--events", "64"):
            self.assertIn(word, headless)

    @unittest.skipUnless(shutil.which("groff"), "groff is not installed (apt-get install groff-base)")
    def test_groff_without_warnings(self):
        p = subprocess.run(["groff", "-man", "-ww", "-z", MAN], capture_output=True, text=True, timeout=60)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(p.stderr, "")

    @unittest.skipUnless(shutil.which("man"), "man is not installed (apt-get install man-db)")
    def test_renders_without_warnings(self):
        env = dict(os.environ, LC_ALL="C.UTF-8", MANROFFSEQ="", MANWIDTH="80")
        p = subprocess.run(["man", "--warnings", "-E", "UTF-8", "-l", "-Tutf8", "-Z", MAN], env=env,
                           capture_output=True, text=True, timeout=60)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(p.stderr, "")
        self.assertIn("quizblitz", p.stdout)


if __name__ == "__main__":
    unittest.main()
