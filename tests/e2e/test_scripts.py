"""test_scripts.py: decks in Japanese, Arabic, Hebrew, Hindi and with emoji, played by the real binary
headless with screenshots: every code point drawn came from a font that has it (the text audit,
QUIZBLITZ_TEXT_AUDIT=1, checks TTF_GlyphIsProvided32 on the font that drew each one: no .notdef
box anywhere), the fallback fonts are the ones the script needs and a Latin deck opens none;
right-to-left choices sit at the right of their buttons, left-to-right ones at the left; emoji
come out in colour."""
import os
import re
import unittest

import qb
from qb import CHOICE_FILLS, Image, run

SCRIPTS = os.path.join(qb.TESTDECKS, "scripts")
AUDIT = re.compile(r"text audit: (\d+) drawn, (\d+) without a glyph, (\d+) replaced; (\d+) fallback fonts?(?:: (.*))?")
W, H = 1280, 720


def play(deck, seed=3):
    """A question screen and its reveal of deck, with the audit on."""
    s = "wait 300\nkey Return\nwait 2700\nscreenshot q.bmp\nkey 2\nwait 800\nscreenshot r.bmp\nwait 300\nquit\n"
    return run(s, decks=[deck], seed=seed, window="%dx%d" % (W, H), extra_env={"QUIZBLITZ_TEXT_AUDIT": "1"})


def audit(test, r):
    lines = [l for l in r.err.splitlines() if "text audit" in l]
    test.assertEqual(len(lines), 1, r.err)
    m = AUDIT.search(lines[0])
    test.assertIsNotNone(m, lines[0])
    drawn, notdef, replaced, nfonts = (int(x) for x in m.groups()[:4])
    return drawn, notdef, replaced, nfonts, m.group(5) or ""


def tiles(img):
    """The four choice buttons as (x0, y0, x1, y1, fill), found by their fill colour under the
    question card (x1, y1 past the last pixel)."""
    boxes = [(img.bbox(fill, box=(0, H // 3, W, H)), fill) for fill in CHOICE_FILLS]
    return [b + (fill,) for b, fill in boxes if b]


def text_right_edge(img, t):
    """The rightmost x of the text on button t: pixels far from its fill, in the middle of its
    height, right of the shape and the key label (the left third of the button)."""
    x0, y0, x1, y1, fill = t
    edge = None
    for y in range(y0 + (y1 - y0) // 4, y1 - (y1 - y0) // 4, 2):
        for x in range(x0 + (x1 - x0) // 3, x1):
            p = img.pixel(x, y)
            if sum(abs(a - b) for a, b in zip(p, fill)) > 120:
                edge = x if edge is None or x > edge else edge
    return edge


class Scripts(qb.TestCase):
    def check_deck(self, name, want_font):
        r = play(os.path.join(SCRIPTS, name))
        self.assertEqual(r.rc, 0, r.err)
        self.assertEqual(len(r.of("answer")), 1, r.err)
        drawn, notdef, replaced, nfonts, fonts = audit(self, r)
        self.assertGreater(drawn, 300)
        self.assertEqual(notdef, 0, "a code point was drawn as .notdef")
        self.assertEqual(replaced, 0, "a code point had no font at all")
        if want_font:
            self.assertIn(want_font, fonts)
        else:
            self.assertEqual(nfonts, 0, fonts)
        return r

    def test_japanese(self):
        # the CJK fallback font; and the right-to-left tests' measure on a left-to-right deck:
        # short choices (VT-x, raw) end far from the right edge, so the Arabic test below can fail
        r = self.check_deck("ja.md", "CJK")
        img = Image(os.path.join(r.tmp, "q.bmp"))
        edges = [(text_right_edge(img, t), t[2]) for t in tiles(img)]
        self.assertTrue(any(e is not None and e < right - 200 for e, right in edges), edges)

    def test_hindi(self):
        self.check_deck("hi.md", "Devanagari")

    def test_arabic_right_to_left(self):
        # DejaVu Sans has Arabic: no fallback; the choices are right-aligned on their buttons
        self.check_right_aligned("ar.md")

    def test_hebrew_right_to_left(self):
        self.check_right_aligned("he.md")

    def check_right_aligned(self, name):
        r = self.check_deck(name, None)
        img = Image(os.path.join(r.tmp, "q.bmp"))
        ts = tiles(img)
        self.assertEqual(len(ts), 4)
        for t in ts:
            edge = text_right_edge(img, t)
            self.assertIsNotNone(edge, t)
            self.assertGreater(edge, t[2] - 40, "right-to-left text not at the right of its button: %r" % (t,))

    def test_emoji_in_colour(self):
        r = self.check_deck("emoji.md", "Color Emoji")
        img = Image(os.path.join(r.tmp, "q.bmp"))
        # the question card (dark blue) holds a colourful pixel only where an emoji is: text is
        # white, the card navy
        colourful = 0
        for y in range(60, 300, 2):
            for x in range(30, W - 30, 2):
                rr, gg, bb = img.pixel(x, y)
                if max(rr, gg, bb) - min(rr, gg, bb) > 120 and rr > 150:
                    colourful += 1
        self.assertGreater(colourful, 20, "no colour emoji on the question card")

    def test_check_warns_about_the_title(self):
        # --check counts the title and description too (the title screen draws them): a title
        # in Vithkuqi, which no installed font has, is warned about without a line (the deck
        # keeps none for it); a card's letters with its line; a Latin deck gets no warning
        deck = os.path.join(self.case_dir, "vk.md")
        with open(deck, "w", encoding="utf-8") as f:
            f.write("# Letters \U00010570\U00010597\n\nA short deck.\n\n## Which is first?\n\n- [x] A\n- [ ] B\n\n"
                    "## Which is \U00010591?\n\n- [x] C\n- [ ] D\n")
        rc, out, err = qb.tool(["--check", deck])
        self.assertEqual(rc, 0, err)
        warns = [l for l in err.splitlines() if "no installed font can draw" in l]
        self.assertEqual(len(warns), 2, err)
        self.assertIn("vk.md: warning: no installed font can draw U+10570 and others (2 characters;", warns[0])
        self.assertIn("vk.md:10: warning: no installed font can draw U+10591 (1 character;", warns[1])
        rc, out, err = qb.tool(["--check", os.path.join(SCRIPTS, "en.md")])
        self.assertEqual(rc, 0, err)
        self.assertNotIn("warning", err)

    def test_latin_deck_opens_no_fallback(self):
        # a Latin deck never asks fontconfig for a fallback, so it opens and maps no CJK font
        self.check_deck(qb.DECK, None)


if __name__ == "__main__":
    unittest.main()
