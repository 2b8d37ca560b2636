"""End-to-end tests of the real binary, headless under SDL's dummy drivers with scripted input:
every answer path in the event log, determinism, screenshots' pixels, bad input."""
import os
import unittest

import qb
from qb import (BIN, CHOICE_FILLS, DECK, GREEN, ORANGE, ROOT, TESTDECKS, VERMILLION, Image, questions, run, tool)

INTRO = 1100  # the question shows alone for 1 s


def answer_script(qs, picks, wait_each=2000, extra=""):
    """Starts a round, answers each question with picks[i] ('right', 'wrong', 'timeout'
    or a key name), moves on from each reveal."""
    s = ["wait 200", "key Return"]
    for q, p in zip(qs, picks):
        s.append("wait %d" % (INTRO + wait_each))
        if p == "right":
            s.append("key %d" % (q["correct"] + 1))
        elif p == "wrong":
            s.append("key %d" % (((q["correct"] + 1) % len(q["choices"])) + 1))
        elif p == "timeout":
            s.append("wait %d" % (q["time_ms"] + 200))
        else:
            s.append(p)
        s.append("wait 2600")  # the explanation's reading time (at most 2.5 s)
        s.append("key Return")
    s.append(extra)
    return "\n".join(s) + "\n"


class AnswerPaths(qb.TestCase):
    def test_right_wrong_timeout_streak(self):
        qs = questions(seed=3)
        self.assertEqual(len(qs), 10)
        picks = ["right", "right", "right", "wrong", "timeout", "right", "right", "right", "right", "right"]
        r = run(answer_script(qs, picks), seed=3)
        self.assertEqual(r.rc, 0, r.err)
        ans = r.of("answer")
        self.assertEqual(len(ans), 10)
        self.assertEqual([a["correct"] for a in ans], [p == "right" for p in picks])
        self.assertIsNone(ans[4]["choice"])
        self.assertEqual([a["streak"] for a in ans], [1, 2, 3, 0, 0, 1, 2, 3, 4, 5])
        self.assertEqual([a["multiplier"] for a in ans], [1, 1, 1.5, 1, 1, 1, 1, 1.5, 1.5, 2])
        self.assertEqual(ans[3]["points"], 0)
        self.assertEqual(ans[4]["points"], 0)
        # answered after ~2 s of a 15-25 s countdown: most of the base, never more
        for a in ans:
            if a["correct"]:
                self.assertGreater(a["points"], 0)
        self.assertEqual(sum(a["points"] for a in ans), ans[-1]["score"])
        end = r.of("round_end")[0]
        self.assertEqual(end["right"], 8)
        self.assertEqual(end["total"], 10)
        self.assertEqual(end["best_streak"], 5)
        self.assertEqual(end["score"], ans[-1]["score"])

    def test_faster_scores_more(self):
        qs = questions(seed=5)
        fast = run(answer_script(qs[:1], ["right"], wait_each=0), seed=5).of("answer")[0]
        slow = run(answer_script(qs[:1], ["right"], wait_each=9000), seed=5).of("answer")[0]
        self.assertGreater(fast["points"], slow["points"])
        self.assertGreaterEqual(slow["points"], fast["points"] // 2)

    def test_ladder_and_shuffle(self):
        levels = []
        slots = set()
        for seed in range(1, 6):
            for q in questions(seed=seed):
                slots.add(q["correct"])
                self.assertEqual(len(q["choices"]), 4)
                self.assertEqual(len(set(c.lower() for c in q["choices"])), 4)
        self.assertEqual(slots, {0, 1, 2, 3})
        del levels

    def test_deterministic(self):
        qs = questions(seed=9)
        script = answer_script(qs, ["right", "wrong", "timeout", "right"])
        a = run(script, seed=9)
        b = run(script, seed=9)
        with open(os.path.join(a.tmp, "events.jsonl"), "rb") as f1, open(os.path.join(b.tmp, "events.jsonl"), "rb") as f2:
            self.assertEqual(f1.read(), f2.read())
        c = run(script, seed=10)
        self.assertNotEqual(a.of("question"), c.of("question"))

    def test_round_option_and_events(self):
        r = run("key Return\nwait 100\n", args=["--round", "3"])
        self.assertEqual(r.of("round_start")[0]["questions"], 3)
        self.assertEqual(r.of("round_start")[0]["deck"], "Virtualization")
        q = r.of("question")[0]
        for k in ("n", "question", "choices", "correct", "time_ms", "t_ms"):
            self.assertIn(k, q)

    def test_click_and_controller(self):
        qs = questions(seed=4)
        # landscape 2x2 grid: choice centres
        centres = [(0.26, 0.59), (0.74, 0.59), (0.26, 0.84), (0.74, 0.84)]
        x, y = centres[qs[0]["correct"]]
        buttons = ["a", "b", "x", "y"]
        # the title's start button is at the bottom of the deck list
        script = "button a\nwait %d\nclick %.2f %.2f\nwait 2600\nbutton a\nwait %d\nbutton %s\n" % (
            INTRO, x, y, INTRO, buttons[qs[1]["correct"]])
        r = run(script, seed=4)
        ans = r.of("answer")
        self.assertEqual(len(ans), 2, r.err)
        self.assertTrue(ans[0]["correct"])
        self.assertTrue(ans[1]["correct"])

    def test_touch_picks_a_deck_then_starts_it(self):
        # a touch screen sends a finger event and a synthetic mouse click for the same tap: the
        # game must count it once, so one tap on another deck picks it and does not start it
        decks = [os.path.join(ROOT, "cards", "containers.md"), DECK]
        second = (0.28, 0.36)  # the second deck in the list at 1280x720
        r = run("touch %.2f %.2f\nwait 500\nscreenshot shot.bmp\n" % second, decks=decks)
        self.assertEqual(r.rc, 0, r.err)
        self.assertEqual(r.of("round_start"), [], "one tap started a round")
        img = Image(os.path.join(r.tmp, "shot.bmp"))
        # the pick's yellow outline moved to the second deck
        yellow = (0xF0, 0xE4, 0x42)
        self.assertGreater(img.count(yellow, box=(30, 226, 700, 296), tol=30), 200)
        self.assertLess(img.count(yellow, box=(30, 152, 700, 222), tol=30), 20)
        r = run("touch %.2f %.2f\nwait 500\ntouch %.2f %.2f\nwait 100\n" % (second + second), decks=decks)
        self.assertEqual(r.rc, 0, r.err)
        starts = r.of("round_start")
        self.assertEqual(len(starts), 1, r.err)
        self.assertEqual(starts[0]["deck"], "Virtualization")

    def test_pause_freezes_countdown(self):
        qs = questions(seed=2)
        script = "key Return\nwait %d\nkey Escape\nwait 60000\nkey Escape\nwait 1000\nkey %d\n" % (
            INTRO + 1000, qs[0]["correct"] + 1)
        r = run(script, seed=2)
        a = r.of("answer")
        self.assertEqual(len(a), 1)
        self.assertTrue(a[0]["correct"])
        self.assertLess(a[0]["ms"], 3000)


class Screens(qb.TestCase):
    SIZES = ["800x480", "1280x720", "1920x1080", "3840x2160", "1080x1920"]

    def shot(self, script, window, seed=1, decks=None):
        r = run(script, window=window, seed=seed, decks=decks)
        self.assertEqual(r.rc, 0, r.err)
        return r, Image(os.path.join(r.tmp, "shot.bmp"))

    def test_question_has_four_labelled_choices(self):
        for size in self.SIZES:
            with self.subTest(size=size):
                r, img = self.shot("key Return\nwait 1600\nscreenshot shot.bmp\n", size)
                w, h = map(int, size.split("x"))
                self.assertEqual((img.w, img.h), (w, h))
                area = w * h
                for fill in CHOICE_FILLS:
                    self.assertGreater(img.count(fill), area // 40, "fill %s missing at %s" % (fill, size))

    def test_reveal_right_turns_green_wrong_turns_vermillion(self):
        qs = questions(seed=6)
        c = qs[0]["correct"]
        for size in ("1920x1080", "1080x1920"):
            w, h = map(int, size.split("x"))
            r, img = self.shot("key Return\nwait 1500\nkey %d\nwait 800\nscreenshot shot.bmp\n" % (c + 1), size, seed=6)
            self.assertGreater(img.count(GREEN), w * h // 30)
            self.assertLess(img.count(VERMILLION), w * h // 200)
            wrong = (c + 1) % 4
            r, img = self.shot("key Return\nwait 1500\nkey %d\nwait 800\nscreenshot shot.bmp\n" % (wrong + 1), size, seed=6)
            self.assertGreater(img.count(GREEN), w * h // 30)
            self.assertGreater(img.count(VERMILLION), w * h // 30)

    def test_hint_shows_at_half_time(self):
        # tests/decks/hints.md: one card with a hint, one without, 10 s each
        deck = os.path.join(TESTDECKS, "hints.md")
        qs = questions(seed=5, n=2, decks=[deck])
        first_hinted = "internal snapshots" in qs[0]["question"]
        skip = "" if first_hinted else "key 1\nwait 2600\nkey Return\n"
        for size in ("1280x720", "1080x1920"):
            with self.subTest(size=size):
                w, h = map(int, size.split("x"))
                card = (0, 0, w, h * 30 // 100) if w > h else (0, 0, w, h * 35 // 100)  # above the choices
                pills = []
                for at in (4500, 6600):  # the 1 s intro, then 3.5 s and 5.6 s of the 10 s countdown
                    r, img = self.shot("key Return\nwait 1200\n%swait %d\nscreenshot shot.bmp\n" % (skip, at),
                                       size, seed=5, decks=[deck])
                    pills.append(img.count(ORANGE, box=card, tol=8))
                self.assertLess(pills[0], 50, "the hint shows before half time")
                self.assertGreater(pills[1], 200, "the hint's pill is not on the question card")

    def test_long_text_stays_inside_buttons(self):
        deck = os.path.join(TESTDECKS, "long-text.md")
        for size in self.SIZES:
            with self.subTest(size=size):
                r, img = self.shot("key Return\nwait 1600\nscreenshot shot.bmp\n", size, decks=[deck])
                w, h = img.w, img.h
                for fill in CHOICE_FILLS:
                    box = img.bbox(fill)
                    self.assertIsNotNone(box)
                    x0, y0, x1, y1 = box
                    # a ring just outside the button holds no white text pixels
                    m = max(4, min(w, h) // 200)
                    ring = [(x, y0 - m) for x in range(x0, x1, 3)] + [(x, y1 + m) for x in range(x0, x1, 3)] + \
                           [(x0 - m, y) for y in range(y0, y1, 3)] + [(x1 + m, y) for y in range(y0, y1, 3)]
                    for (x, y) in ring:
                        if 0 <= x < w and 0 <= y < h:
                            p = img.pixel(x, y)
                            self.assertFalse(p[0] > 200 and p[1] > 200 and p[2] > 200,
                                             "text spills out of a button at %s (%d,%d)" % (size, x, y))


class BadInput(qb.TestCase):
    def test_bad_script_line(self):
        r = run("wait 10\njump 3\n")
        self.assertEqual(r.rc, 64)
        self.assertIn("script.txt:2: error:", r.err)

    def test_unknown_key_name(self):
        r = run("key NoSuchKey\n")
        self.assertEqual(r.rc, 64)
        self.assertIn("script.txt:1: error: unknown key", r.err)

    def test_missing_deck(self):
        r = run("wait 10\n", decks=["/nonexistent/deck.md"])
        self.assertEqual(r.rc, 66)

    def test_unknown_option(self):
        rc, out, err = tool(["--bogus"])
        self.assertEqual(rc, 64)
        self.assertIn("unknown option", err)

    def test_check_bundled_decks(self):
        rc, out, err = tool(["--check", DECK])
        self.assertEqual(rc, 0, err)
        self.assertRegex(out, r"virtualization\.md: \d+ cards \(\d+ easy, \d+ medium, \d+ hard\)")
        n = int(out.split(": ")[1].split()[0])
        self.assertGreaterEqual(n, 30)

    def test_one_card_is_singular(self):
        # "1 card", on the title and in --check (not "1 cards")
        import tempfile
        with tempfile.TemporaryDirectory(prefix="qb-one-") as tmp:
            deck = os.path.join(tmp, "one.md")
            with open(deck, "w", encoding="utf-8") as f:
                f.write("# One\n\n## Which is a hypervisor?\nlevel: easy\n\n- [x] KVM\n- [ ] ext4\n- [ ] TCP\n- [ ] vim\n")
            rc, out, err = tool(["--check", deck])
            self.assertEqual(rc, 0, err)
            self.assertEqual(out, deck + ": 1 card (1 easy, 0 medium, 0 hard)\n")


if __name__ == "__main__":
    unittest.main()
