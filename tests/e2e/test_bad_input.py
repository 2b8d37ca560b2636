"""test_bad_input.py: the bad-input table (tests/BAD_INPUT.md), one test per row. Each runs the
real binary headless (SDL's dummy drivers, scripted input) on one kind of broken input and
asserts what the user sees (the message), the exit code, and that no high score was lost: a
known-good score file made by playing is still listed by --list-scores afterwards, or is kept
byte-identical, or was moved aside with every good line recovered."""
import glob
import os
import re
import stat
import subprocess
import time
import unittest

from badinput_util import (BIN, DECK, KNOWN_NAMES, ROUND_ARGS, assert_known_listed, assert_no_crash, card_md,
                           chattr, deck_md, fill_disk, is_root, known_scores, list_scores, play, raw, read,
                           round_script, tempdir, tiny_tmpfs, write)
from qb import questions, without_libs

# a script that opens the title, starts a round, answers once and quits
SHORT = "wait 300\nkey Return\nwait 1800\nkey 1\nwait 900\nquit\n"


class Base(unittest.TestCase):
    def setUp(self):
        self.tmp = tempdir(self)
        self.scores = os.path.join(self.tmp, "scores.tsv")
        write(self.scores, known_scores())
        self.known = read(self.scores)

    def assertScoresUntouched(self):
        """The score file is byte-identical to the known-good one."""
        self.assertEqual(read(self.scores), self.known, "the score file changed")
        assert_known_listed(self, self.scores)

    def path(self, name):
        return os.path.join(self.tmp, name)

    def assertOneMessage(self, err, needle):
        lines = [l for l in err.splitlines() if needle in l]
        self.assertEqual(len(lines), 1, "want one line with %r, got:\n%s" % (needle, err))
        return lines[0]


class Decks(Base):
    def test_missing_deck(self):
        missing = self.path("no-such-deck.md")
        r = play(self.tmp, SHORT, decks=[missing])
        assert_no_crash(self, r.err)
        self.assertEqual(r.rc, 66, r.err)
        self.assertIn(missing, r.err)
        self.assertIn("No such file or directory", r.err)
        self.assertScoresUntouched()

    def test_directory_loads_every_deck(self):
        d = self.path("decks")
        os.mkdir(d)
        write(os.path.join(d, "one.md"), deck_md(6, "One"))
        write(os.path.join(d, "two.md"), deck_md(7, "Two"))
        write(os.path.join(d, "notes.rst"), "not a deck\n")
        rc, out, err = raw(["--check", d])
        self.assertEqual(rc, 0, err)
        self.assertIn(os.path.join(d, "one.md") + ": 6 cards", out)
        self.assertIn(os.path.join(d, "two.md") + ": 7 cards", out)
        self.assertNotIn("notes.rst", out + err)
        r = play(self.tmp, SHORT, decks=[d])
        assert_no_crash(self, r.err)
        self.assertEqual(r.rc, 0, r.err)
        self.assertEqual(r.err, "")
        self.assertScoresUntouched()

    def test_empty_directory(self):
        d = self.path("empty")
        os.mkdir(d)
        r = play(self.tmp, SHORT, decks=[d])
        assert_no_crash(self, r.err)
        self.assertEqual(r.rc, 66, r.err)
        self.assertIn("no deck files in %s" % d, r.err)
        self.assertScoresUntouched()

    def test_broken_deck_among_good_ones(self):
        """The game reports a broken deck and plays the others (a kiosk stays up)."""
        d = self.path("decks")
        os.mkdir(d)
        write(os.path.join(d, "good.md"), deck_md(6, "Good"))
        write(os.path.join(d, "bad.md"), "# Bad\n\n## No answers here?\n")
        r = play(self.tmp, SHORT, decks=[d])
        assert_no_crash(self, r.err)
        self.assertEqual(r.rc, 0, r.err)
        self.assertIn("%s:3: error: " % os.path.join(d, "bad.md"), r.err)
        self.assertIn("playing the 1 deck that loaded", r.err)
        self.assertEqual(r.of("round_start")[0]["deck"], "Good")
        self.assertScoresUntouched()

    def test_empty_file(self):
        p = self.path("empty.md")
        write(p, b"")
        r = play(self.tmp, SHORT, decks=[p])
        assert_no_crash(self, r.err)
        self.assertEqual(r.rc, 65, r.err)
        self.assertRegex(r.err, r"%s(:\d+)?: error: " % p)
        self.assertScoresUntouched()

    def test_binary_file(self):
        p = self.path("binary.md")
        # every byte value, NULs included, in a fixed pseudo-random order
        data = bytes((i * 167 + 13) % 256 for i in range(8192))
        write(p, data)
        r = play(self.tmp, SHORT, decks=[p])
        assert_no_crash(self, r.err)
        self.assertEqual(r.rc, 65, r.err)
        self.assertRegex(r.err, r"%s(:\d+)?: error: " % p)
        # one clear complaint, not a flood of one per byte
        self.assertLess(len(r.err.splitlines()), 20, r.err[:2000])
        self.assertScoresUntouched()

    def test_invalid_utf8(self):
        p = self.path("latin1.md")
        good = deck_md(4, "Deck")
        bad = good.replace("Question number 2?", "Qu\xe9stion n\xfamero 2?").encode("latin-1")
        write(p, bad)
        line = bad.split(b"\n").index(b"## Qu\xe9stion n\xfamero 2?") + 1
        r = play(self.tmp, SHORT, decks=[p])
        assert_no_crash(self, r.err)
        self.assertEqual(r.rc, 65, r.err)
        self.assertIn("%s:%d: error: " % (p, line), r.err)
        self.assertIn("UTF-8", r.err)
        self.assertScoresUntouched()

    def test_10mb_single_line(self):
        p = self.path("long-line.md")
        write(p, b"# Deck\n\n## " + b"x" * (10 << 20) + b"?\n\n- [x] a\n- [ ] b\n- [ ] c\n- [ ] d\n")
        t0 = time.monotonic()
        r = play(self.tmp, SHORT, decks=[p])
        took = time.monotonic() - t0
        assert_no_crash(self, r.err)
        self.assertEqual(r.rc, 65, r.err[:2000])
        self.assertIn("%s:3: error: " % p, r.err)
        self.assertIn("too long", r.err)
        # the message quotes no 10 MB of text
        self.assertLess(len(r.err), 4096, r.err[:2000])
        self.assertLess(took, 60, "a 10 MB line took %.1f s" % took)
        self.assertScoresUntouched()

    def test_100000_cards(self):
        p = self.path("huge.md")
        write(p, deck_md(100000, "Huge"))
        t0 = time.monotonic()
        rc, out, err = raw(["--check", p])
        assert_no_crash(self, err)
        self.assertEqual(rc, 0, err[:2000])
        self.assertIn("%s: 100000 cards" % p, out)
        r = play(self.tmp, SHORT, decks=[p])
        took = time.monotonic() - t0
        assert_no_crash(self, r.err)
        self.assertEqual(r.rc, 0, r.err[:2000])
        self.assertEqual(len(r.of("round_start")), 1)
        self.assertLess(took, 240, "100,000 cards took %.1f s" % took)
        self.assertScoresUntouched()

    def test_card_with_200_choices(self):
        p = self.path("wide.md")
        write(p, "# Wide\n\n" + card_md(0, nwrong=199) + card_md(1) + card_md(2))
        r = play(self.tmp, SHORT, decks=[p])
        assert_no_crash(self, r.err)
        self.assertEqual(r.rc, 65, r.err)
        self.assertIn("%s:3: error: " % p, r.err)
        self.assertIn("64", r.err)
        # said once for the card, not once per extra choice
        self.assertLess(len(r.err.splitlines()), 5, r.err)
        self.assertScoresUntouched()

    def test_deeply_nested_markdown(self):
        p = self.path("nested.md")
        depth = 20000
        nested = "".join("  " * min(i, 50) + "- item %d\n" % i for i in range(200))
        text = ("# Nested\n\n" + card_md(0) + card_md(1) +
                "## Deep?\n\n- [x] yes\n- [ ] no\n- [ ] maybe\n- [ ] later\n\n" +
                "> " * depth + "quote\n" + "[" * depth + "]" * depth + "\n" + "*" * depth + "\n" +
                nested + "`" * depth + "\n")
        write(p, text)
        r = play(self.tmp, SHORT, decks=[p])
        assert_no_crash(self, r.err)
        # either the deck loads (the odd text is kept as text) or it is refused line by line
        self.assertIn(r.rc, (0, 65), r.err[:2000])
        if r.rc == 65:
            self.assertRegex(r.err, r"%s:\d+: error: " % p)
        self.assertScoresUntouched()

    def test_deck_file_name_not_utf8_and_long(self):
        """A deck's file name is its key in the score file: a name that is not UTF-8, or longer
        than the key (cut in the middle of a character), must still save and list."""
        for base in (b"caf\xe9-latin1", "длинное-название-колоды-про-виртуализацию-и-контейнеры".encode()):
            tmpb = os.fsencode(self.tmp)
            p = os.path.join(tmpb, base + b".md")
            with open(p, "wb") as f:
                f.write(deck_md(6, "Odd name").encode())
            path = os.fsdecode(p)
            qs = questions(seed=2, args=ROUND_ARGS, decks=[path])
            r = play(self.tmp, round_script(qs, "ODDNAME"), decks=[path], args=ROUND_ARGS, seed=2)
            assert_no_crash(self, r.err)
            self.assertEqual(r.rc, 0, r.err)
            self.assertEqual(len(r.of("highscore")), 1, r.err)
            rc, out, err = assert_known_listed(self, self.scores)
            self.assertEqual(rc, 0, err)
            self.assertNotIn("corrupt", err.lower())
            self.assertIn("ODDNAME", out)
            self.assertEqual(glob.glob(self.scores + ".corrupt*"), [])
            write(self.scores, self.known)


class CommandLine(Base):
    def test_unknown_option(self):
        rc, out, err = raw(["--scores", self.scores, "--no-such-option", DECK])
        self.assertEqual(rc, 64)
        self.assertIn("quizblitz: unknown option '--no-such-option'", err)
        self.assertIn("Try 'quizblitz --help'.", err)
        self.assertEqual(out, "")
        self.assertScoresUntouched()

    def test_bad_script_line(self):
        r = play(self.tmp, "wait 100\nkey Return\njump 3\nclick 2 0.5\n")
        assert_no_crash(self, r.err)
        self.assertEqual(r.rc, 64, r.err)
        sp = self.path("script.txt")
        # every bad line, not just the first
        self.assertIn("%s:3: error: unknown command \"jump\"" % sp, r.err)
        self.assertIn("%s:4: error: click needs X Y" % sp, r.err)
        self.assertEqual(r.events, [])
        self.assertScoresUntouched()

    def test_config_is_a_directory(self):
        d = self.path("conf.d")
        os.mkdir(d)
        r = play(self.tmp, SHORT, args=["--config", d])
        assert_no_crash(self, r.err)
        self.assertEqual(r.rc, 66, r.err)
        self.assertIn(d, r.err)
        self.assertIn("Is a directory", r.err)
        self.assertScoresUntouched()

    def test_config_missing(self):
        missing = self.path("nope.ini")
        r = play(self.tmp, SHORT, args=["--config", missing])
        assert_no_crash(self, r.err)
        self.assertEqual(r.rc, 66, r.err)
        self.assertIn(missing, r.err)
        self.assertIn("No such file or directory", r.err)
        self.assertScoresUntouched()

    def test_option_ranges_are_the_config_file_ranges(self):
        """A command-line option takes its range and its message from the settings table:
        --time 0 (by the card's level) is accepted as the file's time = 0 is, and a value out
        of range gets the same words as a bad file line (config.c's unit test covers every
        option at both bounds)."""
        conf = self.path("q.conf")
        write(conf, "[game]\ntime = 601\nround = 0\n")
        rc, out, err = raw(["--config", conf, "--print-config"])
        self.assertEqual(rc, 0, err)
        self.assertIn("%s:2: error: time must be a whole number of seconds from 0 to 600, not \"601\"" % conf,
                      err)
        self.assertIn("%s:3: error: round must be a whole number from 1 to 100, not \"0\"" % conf, err)
        for opt, bad, words in (("--time", "601", "time must be a whole number of seconds from 0 to 600"),
                                ("--time", "-1", "time must be a whole number of seconds from 0 to 600"),
                                ("--round", "0", "round must be a whole number from 1 to 100"),
                                ("--round", "101", "round must be a whole number from 1 to 100"),
                                ("--window", "63x100", "window must be WIDTHxHEIGHT with each from 64 to 16384, e.g. 1280x720"),
                                ("--order", "sideways", "order must be ladder or random")):
            rc, out, err = raw(["--scores", self.scores, opt, bad, DECK])
            self.assertEqual(rc, 64, (opt, bad, err))
            self.assertIn("quizblitz: %s: %s, not \"%s\"" % (opt, words, bad), err)
            self.assertEqual(out, "")
        for opt, good, line in (("--time", "0", "time = 0"), ("--time", "600", "time = 600"),
                                ("--round", "1", "round = 1"), ("--round", "100", "round = 100"),
                                ("--window", "64x16384", "window = 64x16384")):
            rc, out, err = raw([opt, good, "--print-config"])
            self.assertEqual(rc, 0, (opt, good, err))
            self.assertRegex(out, r"\n%s +# command line\n" % line)
        self.assertScoresUntouched()

    def test_config_unreadable(self):
        """A config file without read permission (as the user nobody when the tests run as
        root, who could read it anyway)."""
        p = self.path("secret.conf")
        write(p, "[game]\nround = 3\n")
        os.chmod(p, 0)
        os.chmod(self.tmp, 0o755)

        def drop_root():
            if is_root():
                os.setgroups([])
                os.setgid(65534)
                os.setuid(65534)

        proc = subprocess.run([BIN, "--config", p, "--check", DECK], capture_output=True, text=True,
                              errors="replace", timeout=60, preexec_fn=drop_root)
        assert_no_crash(self, proc.stderr)
        self.assertEqual(proc.returncode, 66, proc.stderr)
        self.assertIn("%s: error: cannot read the config file: Permission denied" % p, proc.stderr)
        self.assertEqual(proc.stdout, "")
        self.assertScoresUntouched()


class Devices(Base):
    def test_missing_font(self):
        r = play(self.tmp, SHORT, extra_env={"QUIZBLITZ_FONT_DIR": "/nonexistent"})
        assert_no_crash(self, r.err)
        self.assertEqual(r.rc, 66, r.err)
        self.assertIn("cannot find the DejaVu fonts", r.err)
        self.assertIn("QUIZBLITZ_FONT_DIR", r.err)
        self.assertScoresUntouched()

    def test_script_no_font_covers(self):
        """A deck in a script no installed font has (Vithkuqi, Unicode 14): --check warns with
        file:line, the game plays it, drawing U+FFFD (which DejaVu has) for each such letter,
        never a .notdef box (the text audit counts both)."""
        deck = os.path.join(os.path.dirname(DECK), "..", "tests", "decks", "vithkuqi.md")
        rc, out, err = raw(["--check", deck])
        self.assertEqual(rc, 0, err)
        warn = self.assertOneMessage(err, "no installed font can draw")
        self.assertIn("vithkuqi.md:7: warning: no installed font can draw U+10570", warn)
        self.assertIn("7 characters", warn)
        r = play(self.tmp, SHORT, decks=[deck], extra_env={"QUIZBLITZ_TEXT_AUDIT": "1"})
        assert_no_crash(self, r.err)
        self.assertEqual(r.rc, 0, r.err)
        self.assertEqual(len(r.of("answer")), 1)
        audit = self.assertOneMessage(r.err, "text audit")
        drawn, notdef, replaced = (int(x) for x in re.search(r"(\d+) drawn, (\d+) without a glyph, (\d+) replaced",
                                                             audit).groups())
        self.assertGreater(drawn, 100, audit)
        self.assertEqual(notdef, 0, audit)
        self.assertGreater(replaced, 0, audit)
        self.assertScoresUntouched()

    def test_no_audio_device(self):
        r = play(self.tmp, SHORT, extra_env={"SDL_AUDIODRIVER": "nosuchdriver"})
        assert_no_crash(self, r.err)
        self.assertEqual(r.rc, 0, r.err)
        self.assertOneMessage(r.err, "playing without sound")
        self.assertEqual(len(r.err.strip().splitlines()), 1, r.err)
        self.assertEqual(len(r.of("answer")), 1)
        self.assertScoresUntouched()

    def test_no_mixer_library(self):
        """SDL2_mixer is loaded when sound starts, not linked: on a machine without it
        (tests/preload/nolib.c makes dlopen of libSDL2_mixer-2.0.so.0 fail) the game asks for
        it once, says once that it plays without sound, and a whole round plays to its high
        score, silent."""
        qs = questions(seed=9, args=ROUND_ARGS)
        r = play(self.tmp, round_script(qs, "NOSND"), args=ROUND_ARGS, seed=9, extra_env=without_libs("libSDL2_mixer"))
        assert_no_crash(self, r.err)
        self.assertEqual(r.rc, 0, r.err)
        self.assertOneMessage(r.err, "nolib: refused libSDL2_mixer-2.0.so.0")
        warn = self.assertOneMessage(r.err, "playing without sound")
        self.assertTrue(warn.startswith("quizblitz: cannot load libSDL2_mixer-2.0.so.0 (libquizblitz-test-not-installed"),
                        warn)
        self.assertIn("apt-get install libsdl2-mixer-2.0-0", warn)
        self.assertEqual(len(r.err.strip().splitlines()), 2, r.err)
        self.assertEqual(len(r.of("answer")), len(qs))
        self.assertEqual(len(r.of("round_end")), 1)
        self.assertEqual(len(r.of("highscore")), 1)
        rc, out, err = list_scores(self.scores)
        self.assertEqual(rc, 0, err)
        self.assertIn("NOSND", out)

    def test_mixer_plays_when_there(self):
        """The other side of test_no_mixer_library: with SDL2_mixer installed, the library the
        game loads at run time really plays (SDL's disk driver writes what it mixes to a file,
        on the real clock: the title's music and the round's effects, not silence)."""
        raw_out = self.path("audio.raw")
        r = play(self.tmp, "wait 300\nkey Return\nwait 1000\nkey 1\nwait 300\nquit\n", args=("--script-realtime",),
                 extra_env={"SDL_AUDIODRIVER": "disk", "SDL_DISKAUDIOFILE": raw_out})
        assert_no_crash(self, r.err)
        self.assertEqual(r.rc, 0, r.err)
        self.assertNotIn("without sound", r.err)
        with open(raw_out, "rb") as f:
            audio = f.read()
        self.assertGreater(len(audio) - audio.count(0), 1000, "the mixer wrote only silence")
        self.assertScoresUntouched()

    def test_no_video_device(self):
        r = play(self.tmp, SHORT, extra_env={"SDL_VIDEODRIVER": "nosuchdriver"})
        assert_no_crash(self, r.err)
        self.assertEqual(r.rc, 71, r.err)
        self.assertOneMessage(r.err, "no video device")
        self.assertIn("SDL_VIDEODRIVER=dummy", r.err)
        self.assertScoresUntouched()

    def test_no_display(self):
        # make run over ssh: no DISPLAY, no WAYLAND_DISPLAY, no SDL_VIDEODRIVER. SDL 2.26 would
        # fall back to its offscreen driver and run invisibly; the game says why and exits 71.
        env = {"DISPLAY": "", "WAYLAND_DISPLAY": "", "SDL_VIDEODRIVER": "", "XDG_RUNTIME_DIR": self.tmp}
        r = play(self.tmp, SHORT, extra_env=env)
        assert_no_crash(self, r.err)
        self.assertEqual(r.rc, 71, r.err)
        kms = ("no /dev/dri/card*" if not glob.glob("/dev/dri/card*") and not glob.glob("/dev/dri/renderD*") else
               "no DRM device with a connected screen that this user may open")
        self.assertEqual(r.err, "quizblitz: no video device: x11: DISPLAY is not set; wayland: WAYLAND_DISPLAY is "
                                "not set; kmsdrm: %s (set SDL_VIDEODRIVER=dummy to run headless)\n" % kms)
        self.assertScoresUntouched()

    def test_offscreen_only_by_name(self):
        # the headless drivers still work when asked for by name
        r = play(self.tmp, SHORT, extra_env={"DISPLAY": "", "WAYLAND_DISPLAY": "", "SDL_VIDEODRIVER": "offscreen",
                                             "XDG_RUNTIME_DIR": self.tmp, "ASAN_OPTIONS": "detect_leaks=0"})
        self.assertEqual(r.rc, 0, r.err)
        self.assertEqual(len(r.of("answer")), 1)


class ScoreFiles(Base):
    def play_high_score(self, name="NEWONE", scores=None, extra_env=None, seed=9):
        qs = questions(seed=seed, args=ROUND_ARGS)
        return play(self.tmp, round_script(qs, name), args=ROUND_ARGS, seed=seed, scores=scores,
                    extra_env=extra_env)

    def test_corrupt_file(self):
        lines = self.known.split(b"\n")
        self.assertGreaterEqual(len(lines), 3, self.known)
        # junk between the good lines, a NUL, and a last line cut short
        damaged = (lines[0] + b"\n" + b"\x00\xff garbage\tline\n" + b"\n".join(lines[1:]) +
                   b"KNOWNC\t12")
        write(self.scores, damaged)
        r = play(self.tmp, SHORT)
        assert_no_crash(self, r.err)
        self.assertEqual(r.rc, 0, r.err)
        self.assertIn("moved aside", r.err)
        aside = glob.glob(self.scores + ".corrupt-*")
        self.assertEqual(len(aside), 1, os.listdir(self.tmp))
        self.assertEqual(read(aside[0]), damaged, "the damaged file is kept as it was")
        self.assertIn(os.path.basename(aside[0]), r.err)
        # every good line is in the table again
        rc, out, err = assert_known_listed(self, self.scores)
        self.assertEqual(rc, 0, err)
        self.assertNotIn("moved aside", err)

    def test_read_only_file(self):
        if not chattr(self.scores, "+i"):
            self.skipTest("chattr +i does not work here (not root, or the filesystem has no immutable flag)")
        r = self.play_high_score()
        chattr(self.scores, "-i")
        assert_no_crash(self, r.err)
        self.assertEqual(r.rc, 1, r.err)
        self.assertEqual(len(r.of("highscore")), 1)
        self.assertIn("not saved", r.err)
        self.assertIn(self.scores, r.err)
        self.assertScoresUntouched()
        self.assertEqual([f for f in os.listdir(self.tmp) if ".tmp" in f], [], "temporary file left behind")

    def test_file_is_a_directory(self):
        os.unlink(self.scores)
        os.mkdir(self.scores)
        r = self.play_high_score()
        assert_no_crash(self, r.err)
        self.assertEqual(r.rc, 1, r.err)
        self.assertIn(self.scores, r.err)
        self.assertIn("Is a directory", r.err)
        self.assertIn("not saved", r.err)
        self.assertTrue(os.path.isdir(self.scores))
        rc, out, err = list_scores(self.scores)
        self.assertEqual(rc, 66, err)
        self.assertIn("Is a directory", err)

    def test_symlink_elsewhere(self):
        """A score file that is a symlink (to a shared place): saving keeps the link and
        writes the file it points to, so the other copy keeps working."""
        shared = self.path("shared")
        os.mkdir(shared)
        target = os.path.join(shared, "scores.tsv")
        os.rename(self.scores, target)
        os.symlink(target, self.scores)
        r = self.play_high_score()
        assert_no_crash(self, r.err)
        self.assertEqual(r.rc, 0, r.err)
        self.assertEqual(r.err, "")
        self.assertTrue(os.path.islink(self.scores), "the symlink was replaced by a file")
        rc, out, err = assert_known_listed(self, target)
        self.assertIn("NEWONE", out)

    def test_full_disk(self):
        with tiny_tmpfs(64) as d:
            if d is None:
                self.skipTest("cannot mount a tmpfs (needs root)")
            path = os.path.join(d, "scores.tsv")
            write(path, self.known)
            fill_disk(d)
            r = self.play_high_score(scores=path)
            assert_no_crash(self, r.err)
            self.assertEqual(r.rc, 1, r.err)
            self.assertEqual(len(r.of("highscore")), 1)
            self.assertIn("not saved", r.err)
            self.assertIn("No space left on device", r.err)
            self.assertEqual(read(path), self.known, "the score file changed on a full disk")
            self.assertEqual([f for f in os.listdir(d) if ".tmp" in f], [], "temporary file left behind")
            assert_known_listed(self, path)
            # room again: the next round saves (nothing was lost for good)
            os.unlink(os.path.join(d, "filler"))
            r = self.play_high_score(name="LATER", scores=path, seed=10)
            self.assertEqual(r.rc, 0, r.err)
            rc, out, err = assert_known_listed(self, path)
            self.assertIn("LATER", out)


if __name__ == "__main__":
    unittest.main()
