"""`quizblitz --lint`: the bundled decks pass the bar with --strict (no guessing rule above 30 %,
no mirrored pair), every bundled card names its source and explains in at most three sentences;
a deck whose answers can be guessed fails --strict with warnings at its lines, and passes
without --strict (exit 0)."""
import os
import re
import tempfile
import unittest

from qb import ROOT, tool

CARDS = os.path.join(ROOT, "cards")
BUNDLED = [os.path.join(CARDS, f) for f in ("virtualization.md", "containers.md")]


def figures(out):
    """{deck path: {"longest": 12.5, ..., "mirrored": 0}} from --lint's summary."""
    res = {}
    deck = None
    for line in out.splitlines():
        m = re.match(r"^(\S.*): (\d+) cards? ", line)
        if m:
            deck = m.group(1)
            res[deck] = {"cards": int(m.group(2))}
            continue
        m = re.match(r"^  wins by shape: (.*) \(chance ([\d.]+)%, at most ([\d.]+)%\)$", line)
        if m:
            for part in m.group(1).split(", "):
                name, val = part.rsplit(" ", 1)
                res[deck][name] = float(val.rstrip("%"))
            res[deck]["chance"] = float(m.group(2))
            res[deck]["bar"] = float(m.group(3))
            continue
        m = re.match(r"^  mirrored pairs (\d+),", line)
        if m:
            res[deck]["mirrored"] = int(m.group(1))
    return res


def cards_of(path):
    """(line, question, explanation, comment lines) of each card of one of our Markdown decks."""
    cards = []
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    cur = None
    for i, line in enumerate(lines, 1):
        if line.startswith("## "):
            cur = {"line": i, "question": line[3:], "expl": [], "comments": []}
            cards.append(cur)
        elif cur and line.startswith(">"):
            cur["expl"].append(line[1:].strip())
        elif cur and line.startswith("<!--"):
            cur["comments"].append(line)
    return cards


def sentences(text):
    # a sentence ends at . ! or ? followed by a space and a capital, a digit or a code span
    return len(re.findall(r"[.!?](?=\s+[A-Z0-9`(]|\s*$)", text.strip()))


class BundledDecks(unittest.TestCase):
    def test_strict_passes(self):
        rc, out, err = tool(["--lint", "--strict"] + BUNDLED)
        self.assertEqual(rc, 0, out + err)
        figs = figures(out)
        self.assertEqual(len(figs), 2, out)
        for deck, f in figs.items():
            for rule in ("longest", "shortest", "mean length", "question echo"):
                self.assertLessEqual(f[rule], 30.0, "%s: %s %s" % (deck, rule, out))
            self.assertEqual(f["mirrored"], 0, deck)
            self.assertIn("passes", out)

    def test_virtualization_has_a_hundred_cards(self):
        rc, out, err = tool(["--lint"] + BUNDLED[:1])
        self.assertEqual(rc, 0, err)
        self.assertGreaterEqual(figures(out)[BUNDLED[0]]["cards"], 100)

    def test_every_card_names_a_source_and_explains_briefly(self):
        for path in BUNDLED:
            for c in cards_of(path):
                where = "%s:%d" % (path, c["line"])
                self.assertTrue(any("source:" in x for x in c["comments"]), where + ": no <!-- source: --> line")
                text = " ".join(c["expl"])
                self.assertTrue(text, where + ": no explanation")
                self.assertLessEqual(sentences(text), 3, where + ": more than three sentences: " + text)


GUESSABLE = """# Guessable

## Which command shuts a VM down cleanly?
- [x] virsh shutdown vm1, which asks the guest politely
- [ ] virsh destroy vm1
- [ ] virsh undefine vm1
- [ ] virsh reset vm1

## Which pins vCPU 0 to host CPU 2?
- [x] virsh vcpupin vm1 0 2
- [ ] virsh vcpupin vm1 2 0
- [ ] virsh emulatorpin vm1
- [ ] virsh numatune vm1
"""


class GuessableDeck(unittest.TestCase):
    def test_strict_fails_with_warnings_at_lines(self):
        with tempfile.TemporaryDirectory(prefix="qb-lint-") as tmp:
            deck = os.path.join(tmp, "guess.md")
            with open(deck, "w", encoding="utf-8") as f:
                f.write(GUESSABLE)
            rc, out, err = tool(["--lint", deck])
            self.assertEqual(rc, 0, err)
            self.assertIn("FAILS the bar", out)
            self.assertIn(deck + ":1: warning: picking the longest choice wins", err)
            self.assertIn(deck + ":3: warning: only the right answer repeats the question's word \"shut", err)
            self.assertIn(deck + ":9: warning: mirrored pair", err)
            self.assertEqual(figures(out)[deck]["mirrored"], 1)
            rc, out, err = tool(["--lint", "--strict", deck])
            self.assertEqual(rc, 65, err)

    def test_bad_and_missing_decks(self):
        with tempfile.TemporaryDirectory(prefix="qb-lint-") as tmp:
            deck = os.path.join(tmp, "bad.md")
            with open(deck, "w", encoding="utf-8") as f:
                f.write("# Bad\n\n## Q?\n- [ ] no right answer\n")
            rc, out, err = tool(["--lint", deck])
            self.assertEqual(rc, 65)
            self.assertIn(deck + ":3: error:", err)
            rc, out, err = tool(["--lint", os.path.join(tmp, "missing.md")])
            self.assertEqual(rc, 66)

    def test_usage(self):
        rc, out, err = tool(["--lint"])
        self.assertEqual(rc, 64)
        self.assertIn("--lint needs at least one deck file", err)
        rc, out, err = tool(["--strict", BUNDLED[1]])
        self.assertEqual(rc, 64)
        self.assertIn("--strict goes with --lint", err)


if __name__ == "__main__":
    unittest.main()
