"""test_i18n.py: the translated interface, end to end.

The catalogs: every message of the sources is in po/quizblitz.pot (xgettext run again finds no
other), and every shipped language translates every one of them (msgfmt --statistics: nothing
untranslated, nothing fuzzy). The real binary played by script: in German from the environment
(LANGUAGE=de under C.UTF-8, the only locale a fresh Debian has), the same pixels from --language
de; in Japanese from the config's `language = ja`; the event log the same in every language; a
language with no catalog is English, pixel for pixel, without an error (a warning when it was
asked for by name). Arabic mirrors the screen: the first choice's blue is at the right and a tap
there answers it. Scores in --list-scores are grouped the language's way. The --board screen
(no server to reach: offline, in words) in German from --language and from LANGUAGE alike, and
mirrored in Arabic, at 1920x1080 and 1080x1920.
"""
import json
import os
import re
import shutil
import subprocess
import tempfile
import unittest

import qb
from qb import BIN, BLUE, DECK, ROOT, VERMILLION, Image, run

SHIPPED = ["ar", "de", "es", "fr", "ja"]
PO = os.path.join(ROOT, "po")
POT = os.path.join(PO, "quizblitz.pot")
with open(os.path.join(ROOT, "tests", "scripts", "round.txt"), encoding="utf-8") as f:
    ROUND = f.read()
SHOTS = ["title.bmp", "question.bmp", "reveal.bmp", "results.bmp", "scores.bmp"]


def lang_env(language):
    return {"LANG": "C.UTF-8", "LANGUAGE": language}


def pixels(r, name):
    with open(os.path.join(r.tmp, name), "rb") as f:
        return f.read()


def messages(path):
    """The (context, msgid, plural) of every entry of a .po/.pot, the header left out."""
    out = subprocess.run(["msgcat", "--no-wrap", "--sort-output", path], capture_output=True, text=True, check=True)
    keys, cur = set(), {}
    for line in out.stdout.splitlines() + [""]:
        m = re.match(r'^(msgctxt|msgid_plural|msgid) "(.*)"$', line)
        if m:
            cur[m.group(1)] = m.group(2)
        elif not line.strip() and cur:
            if cur.get("msgid"):
                keys.add((cur.get("msgctxt"), cur["msgid"], cur.get("msgid_plural")))
            cur = {}
    return keys


class Catalogs(unittest.TestCase):
    def test_the_shipped_languages(self):
        have = sorted(f[:-3] for f in os.listdir(PO) if f.endswith(".po"))
        self.assertEqual(have, SHIPPED)

    def test_template_is_current(self):
        """A message added to the sources without `make pot` fails here."""
        flags = subprocess.run(["make", "-s", "--no-print-directory", "-C", ROOT, "--eval",
                                "qb-xgettext-flags: ; @echo $(XGETTEXT_FLAGS)", "qb-xgettext-flags"],
                               capture_output=True, text=True, check=True).stdout.split()
        srcs = sorted(os.path.join("src", d, f) for d in ("core", "sdl")
                      for f in os.listdir(os.path.join(ROOT, "src", d)) if f.endswith((".c", ".h")))
        with tempfile.TemporaryDirectory(prefix="qb-pot-") as tmp:
            fresh = os.path.join(tmp, "fresh.pot")
            subprocess.run(["xgettext"] + flags + ["-o", fresh] + srcs, cwd=ROOT, check=True, capture_output=True)
            self.assertEqual(messages(fresh), messages(POT), "po/quizblitz.pot is stale: run make pot update-po")
        self.assertGreater(len(messages(POT)), 100)

    def test_every_message_translated_in_every_language(self):
        n = len(messages(POT))
        for lang in SHIPPED:
            with self.subTest(lang=lang):
                path = os.path.join(PO, lang + ".po")
                # merged with the template, so a message the catalog lacks counts as untranslated
                merged = subprocess.run(["msgmerge", "--quiet", "-o", "-", path, POT], capture_output=True,
                                        text=True, check=True).stdout
                st = subprocess.run(["msgfmt", "--check", "--statistics", "-o", "/dev/null", "-"], input=merged,
                                    capture_output=True, text=True)
                self.assertEqual(st.returncode, 0, st.stderr)
                self.assertEqual(st.stderr.strip(), "%d translated messages." % n, st.stderr)
                self.assertEqual(messages(path), messages(POT), "%s.po has messages the template has not" % lang)


def play(test, extra_env=None, args=(), window="800x480", tmp=None):
    """The whole scripted round (seed 3) with its five screenshots."""
    r = run(ROUND, args=list(args), seed=3, window=window, extra_env=extra_env, tmp=tmp)
    test.assertEqual(r.rc, 0, r.err)
    for s in SHOTS:
        test.assertTrue(os.path.exists(os.path.join(r.tmp, s)), s)
    return r


_english = None


def english(test):
    """The English round at 800x480 the tests compare with (and whose scores --list-scores
    lists): played once for the module, since the same seed, script and environment give the
    same screens and log every time; its directory goes when the module's tests are done."""
    global _english
    if _english is None:
        tmp = tempfile.mkdtemp(prefix="qb-e2e-en-")

        def forget():
            global _english
            _english = None
            shutil.rmtree(tmp)

        unittest.addModuleCleanup(forget)
        _english = play(test, tmp=tmp)
    return _english


class Played(qb.TestCase):
    def play(self, extra_env=None, args=(), window="800x480"):
        return play(self, extra_env, args, window)

    def assert_same_pixels(self, a, b):
        # the boards' TIME column is the wall clock's minute, which two runs may straddle: the
        # high-score screen is compared above its boards only
        for s in SHOTS:
            if s == "scores.bmp":
                img_a, img_b = Image(os.path.join(a.tmp, s)), Image(os.path.join(b.tmp, s))
                top = img_a.h * 12 // 100
                self.assertEqual([img_a.pixel(x, y) for y in range(0, top, 2) for x in range(0, img_a.w, 2)],
                                 [img_b.pixel(x, y) for y in range(0, top, 2) for x in range(0, img_b.w, 2)], s)
                continue
            self.assertEqual(pixels(a, s), pixels(b, s), s)

    def assert_translated(self, english, other):
        for s in SHOTS:
            self.assertNotEqual(pixels(english, s), pixels(other, s), s + " is still English")
        # what the game does is the same in every language, and so is its log
        strip = lambda r: [{k: v for k, v in e.items() if k != "t"} for e in r.events]
        self.assertEqual(strip(english), strip(other))

    def test_german_from_the_environment_and_the_option(self):
        en = english(self)
        de = self.play(lang_env("de"))
        self.assertEqual(de.err, "")
        self.assert_translated(en, de)
        # --language on an English system: the same screens
        opt = self.play({"LANG": "C.UTF-8"}, args=["--language", "de"])
        self.assert_same_pixels(de, opt)
        # a German locale that is not installed (no locales generated) still means German
        loc = self.play({"LANG": "de_DE.UTF-8"})
        self.assert_same_pixels(de, loc)

    def test_japanese_from_the_config(self):
        en = english(self)
        conf = os.path.join(self.case_dir, "quizblitz.conf")
        with open(conf, "w", encoding="utf-8") as f:
            f.write("[display]\nlanguage = ja\n")
        ja = self.play({"LANG": "C.UTF-8", "LANGUAGE": "de"}, args=["--config", conf])
        self.assertEqual(ja.err, "")
        self.assert_translated(en, ja)
        # the config's language comes before the environment's: Japanese, not German
        env = self.play(lang_env("ja"))
        self.assert_same_pixels(ja, env)

    def test_bad_language_in_the_config(self):
        conf = os.path.join(self.case_dir, "bad.conf")
        with open(conf, "w", encoding="utf-8") as f:
            f.write("[display]\nlanguage = ../../etc\n")
        rc, out, err = qb.tool(["--config", conf, "--print-config"])
        self.assertIn("bad.conf:2:", err)
        self.assertIn("language", err)

    def test_missing_catalog_is_english(self):
        en = english(self)
        # from the environment: English, silently (as any program with no Italian)
        it = self.play(lang_env("it"))
        self.assertEqual(it.err, "")
        self.assert_same_pixels(en, it)
        # asked for by name: English too, exit 0, and one line saying so
        opt = self.play({"LANG": "C.UTF-8"}, args=["--language", "it"])
        self.assertIn("no translation into 'it'", opt.err)
        self.assert_same_pixels(en, opt)
        # the catalogs themselves missing (an install without them)
        empty = os.path.join(self.case_dir, "no-locale")
        os.mkdir(empty)
        gone = self.play(dict(lang_env("de"), QUIZBLITZ_LOCALEDIR=empty))
        self.assert_same_pixels(en, gone)

    def test_arabic_is_mirrored(self):
        en = self.play(window="1280x720")
        ar = self.play(lang_env("ar"), window="1280x720")
        self.assert_translated(en, ar)
        # the first choice (blue, a triangle, key 1) sits top left in English, top right in Arabic
        be = Image(os.path.join(en.tmp, "question.bmp")).bbox(BLUE)
        ba = Image(os.path.join(ar.tmp, "question.bmp")).bbox(BLUE)
        self.assertLess(be[2], 640, be)
        self.assertGreater(ba[0], 640, ba)
        self.assertEqual((be[1], be[3]), (ba[1], ba[3]))
        # a tap where the first choice is in Arabic (top right) answers the first choice
        script = "wait 300\nkey Return\nwait 1800\nclick 0.74 0.59\nwait 500\n"
        r = run(script, seed=3, window="1280x720", extra_env=lang_env("ar"))
        ans = r.of("answer")
        self.assertEqual(len(ans), 1, r.err)
        self.assertEqual(ans[0]["choice"], 0)  # 0-based: the first choice
        r = run(script, seed=3, window="1280x720")
        self.assertEqual(r.of("answer")[0]["choice"], 1)


class Board(qb.TestCase):
    """`--board` (the fleet's scoreboard) in the interface's language, with no server to reach:
    the screen says so in words, and those words are translated; Arabic mirrors the screen."""

    def board(self, window, extra_env=None, args=()):
        d = tempfile.mkdtemp(dir=self.case_dir)
        script, events = os.path.join(d, "script.txt"), os.path.join(d, "events.jsonl")
        with open(script, "w", encoding="utf-8") as f:
            f.write("wait 1500\nscreenshot board.bmp\nquit\n")
        # a server socket directory with no server in it: the board is offline at once
        cmd = [BIN, "--board", "--fleet", "postgresql:///qb?host=" + d, "--script", script, "--events", events,
               "--window", window] + list(args)
        p = subprocess.run(cmd, cwd=d, env=qb.env(extra_env), capture_output=True, text=True, timeout=60)
        self.assertEqual(p.returncode, 0, p.stderr)
        with open(events, encoding="utf-8") as f:
            said = [{k: v for k, v in json.loads(line).items() if k not in ("t_ms", "wall_ms")} for line in f]
        # whether a frame came before the fleet thread's refused connection (a "connecting" state
        # first) is a race of real time, not of the language: the states from the first settled one
        while said[:1] == [{"event": "board_state", "state": "connecting"}]:
            said.pop(0)
        return Image(os.path.join(d, "board.bmp")), said

    def test_board_in_german_and_arabic(self):
        for window in ("1920x1080", "1080x1920"):
            with self.subTest(window=window):
                en, en_said = self.board(window)
                de, de_said = self.board(window, {"LANG": "C.UTF-8"}, ["--language", "de"])
                env_de, _ = self.board(window, lang_env("de"))
                ar, ar_said = self.board(window, lang_env("ar"))
                # the same states in every language's log, offline at the end
                self.assertEqual(de_said, en_said)
                self.assertEqual(ar_said, en_said)
                self.assertEqual(en_said[-1], {"event": "board_state", "state": "offline"}, en_said)
                # the header's left part ("LEADERBOARD · ALL KIOSKS" over the name; the clock is
                # at the right): German, not English, and the same from LANGUAGE as from --language
                head = lambda img: [img.pixel(x, y) for y in range(0, 190, 2) for x in range(0, img.w * 45 // 100, 2)]
                self.assertNotEqual(head(de), head(en), "the board's header is still English")
                self.assertEqual(head(env_de), head(de))
                # the state's vermillion pill: top right in English, top left in Arabic
                be, ba = en.bbox(VERMILLION), ar.bbox(VERMILLION)
                self.assertIsNotNone(be)
                self.assertIsNotNone(ba)
                self.assertGreater(be[0], en.w // 2, be)
                self.assertLess(ba[2], ar.w // 2, ba)
                self.assertEqual((be[1], be[3]), (ba[1], ba[3]))


class ListScores(qb.TestCase):
    def test_scores_grouped_the_language_way(self):
        r = english(self)
        scores = os.path.join(r.tmp, "scores.tsv")
        score = r.of("round_end")[0]["score"]
        self.assertGreaterEqual(score, 1000)
        th, rest = divmod(score, 1000)
        for env, sep in (({}, ","), (lang_env("de"), "."), (lang_env("es"), "."), (lang_env("fr"), "\u202f"),
                         (lang_env("ja"), ",")):
            rc, out, err = qb.tool(["--scores", scores, "--list-scores"], extra_env=env)
            self.assertEqual(rc, 0, err)
            self.assertIn(" %d%s%03d " % (th, sep, rest), out, env)


if __name__ == "__main__":
    unittest.main()
