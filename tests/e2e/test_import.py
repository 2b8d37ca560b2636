"""test_import.py: decks in other people's formats through the real binary: --check on every
sample in tests/decks/import (GIFT, Aiken, OpenTriviaQA, Anki exports, a cloze export, a CSV),
--convert to our Markdown and back with identical bytes, broken files named with file:line and
exit 65, repeated warnings of an import counted after the first few (every one listed for our
Markdown, every error always), a headless round played on each format, and, when the
OpenTriviaQA corpus is on this machine, --check, --convert and a round over all of it."""
import os
import re
import shutil
import sys
import tempfile
import time
import unittest

from qb import ROOT, TESTDECKS, run, tool

IMPORT = os.path.join(TESTDECKS, "import")
EXIT_DATAERR = 65

# sample file -> (cards it loads, warnings it must print: each needle on exactly one line)
SAMPLES = {
    "sample.gift": (12, ["sample.gift:49: warning: question skipped (short answer): only multiple-choice",
                         "sample.gift:51: warning: question skipped (matching)",
                         "sample.gift:57: warning: question skipped (numerical)",
                         "sample.gift: warning: ... and 2 more questions skipped"]),
    "sample.aiken": (4, []),
    "otqa-excerpt": (19, ["otqa-excerpt:46: warning: 8 bytes are not valid UTF-8",
                          "otqa-excerpt:81: warning: 1 damaged UTF-8 character",
                          "otqa-excerpt:53: warning: 1 question skipped: longer than a card allows",
                          "otqa-excerpt:17: warning: 2 questions had an empty or repeated choice"]),
    "anki.txt": (5, []),
    "cloze.txt": (5, []),
    "plain.csv": (4, []),
}

SUMMARY = re.compile(r"^(.*): (\d+) cards? \((\d+) easy, (\d+) medium, (\d+) hard\)(?:, \d+ skipped \(.*\))?$")


def corpus_dir():
    """The OpenTriviaQA category files shipped next to the checkout (see its README), or None."""
    for d in (os.environ.get("QB_OTQA_DIR", ""),
              os.path.join(os.path.dirname(ROOT), "shared", "corpora", "opentriviaqa"),
              "/work/shared/corpora/opentriviaqa"):
        if d and os.path.isdir(d):
            return d
    return None


def summaries(out):
    """{path: cards} from --check's summary lines."""
    res = {}
    for line in out.splitlines():
        m = SUMMARY.match(line)
        if m:
            res[m.group(1)] = int(m.group(2))
    return res


class Base(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="qb-import-")
        self.addCleanup(shutil.rmtree, self.tmp, True)

    def path(self, name):
        return os.path.join(self.tmp, name)

    def write(self, name, data):
        p = self.path(name)
        with open(p, "wb") as f:
            f.write(data if isinstance(data, bytes) else data.encode("utf-8"))
        return p


class Check(Base):
    def test_check_every_sample(self):
        for name, (cards, warnings) in SAMPLES.items():
            with self.subTest(sample=name):
                p = os.path.join(IMPORT, name)
                rc, out, err = tool(["--check", p])
                self.assertEqual(rc, 0, err)
                self.assertEqual(summaries(out), {p: cards}, out)
                self.assertNotIn("error:", err)
                for w in warnings:
                    hits = [l for l in err.splitlines() if w in l]
                    self.assertEqual(len(hits), 1, "want one line with %r in:\n%s" % (w, err))

    def test_check_all_samples_at_once(self):
        paths = [os.path.join(IMPORT, n) for n in SAMPLES]
        rc, out, err = tool(["--check"] + paths)
        self.assertEqual(rc, 0, err)
        self.assertEqual(summaries(out), {os.path.join(IMPORT, n): c for n, (c, _) in SAMPLES.items()})

    def test_format_is_found_by_content(self):
        """The same bytes under a .txt name or no extension load the same cards."""
        for name, (cards, _) in SAMPLES.items():
            with open(os.path.join(IMPORT, name), "rb") as f:
                data = f.read()
            for alias in ("bank.txt", "bank"):
                with self.subTest(sample=name, alias=alias):
                    p = self.write(alias, data)
                    rc, out, err = tool(["--check", p])
                    self.assertEqual(rc, 0, err)
                    self.assertEqual(summaries(out), {p: cards}, err)


class Convert(Base):
    def test_convert_round_trips_every_format(self):
        for name, (cards, _) in SAMPLES.items():
            with self.subTest(sample=name):
                src = os.path.join(IMPORT, name)
                out1, out2 = self.path(name + ".md"), self.path(name + ".2.md")
                rc, _, err = tool(["--convert", src, out1])
                self.assertEqual(rc, 0, err)
                self.assertIn("%d cards written to %s" % (cards, out1), err)
                rc, out, err = tool(["--check", out1])
                self.assertEqual(rc, 0, err)
                self.assertEqual(summaries(out), {out1: cards})
                self.assertNotIn("error:", err)
                rc, _, err = tool(["--convert", out1, out2])
                self.assertEqual(rc, 0, err)
                with open(out1, "rb") as a, open(out2, "rb") as b:
                    first, second = a.read(), b.read()
                self.assertEqual(first, second, "a second conversion changed the deck")
                # the title is the source's file name
                title = name.split(".")[0]
                self.assertTrue(first.startswith(("# %s\n" % title).encode()), first[:80])

    def test_convert_that_cannot_write_keeps_what_was_there(self):
        # OUT is a directory: an error naming it, the directory untouched, no temporary file left
        src = os.path.join(IMPORT, "sample.gift")
        out = self.path("taken")
        os.mkdir(out)
        with open(os.path.join(out, "keep"), "w") as f:
            f.write("x")
        rc, _, err = tool(["--convert", src, out])
        self.assertEqual(rc, 1, err)
        self.assertIn(out, err)
        self.assertEqual(os.listdir(out), ["keep"])
        self.assertEqual([f for f in os.listdir(os.path.dirname(out)) if ".tmp-" in f], [])
        # an existing deck at OUT is replaced whole, and only once the new one is complete
        good = self.path("good.md")
        with open(good, "w") as f:
            f.write("old")
        rc, _, err = tool(["--convert", src, good])
        self.assertEqual(rc, 0, err)
        rc, out2, err = tool(["--check", good])
        self.assertEqual(rc, 0, err)

    def test_converted_text(self):
        """What the readers made of the samples, as the Markdown shows it."""
        md = {}
        for name in ("sample.gift", "otqa-excerpt"):
            out = self.path(name + ".md")
            rc, _, err = tool(["--convert", os.path.join(IMPORT, name), out])
            self.assertEqual(rc, 0, err)
            with open(out, encoding="utf-8") as f:
                md[name] = f.read()
        gift = md["sample.gift"]
        self.assertIn("## How many layers does the OSI model have?\nlevel: medium\ntags: basics\n\n"
                      "- [x] 7\n- [ ] 5\n- [ ] 4\n\n> The OSI model has seven layers; TCP/IP folds them "
                      "into four.\n", gift)
        self.assertIn("## What does the C expression a = b : c { d } compute?\n", gift)
        self.assertIn("## The loopback address of IPv4 is _____ in most setups.\n", gift)
        self.assertIn("## Which tag makes bold text & which italic?\n", gift)
        self.assertIn("- [x] <b> and <i>\n", gift)
        self.assertIn("## TCP is connectionless.\nlevel: medium\ntags: basics\n\n- [x] False\n- [ ] True\n\n"
                      "> Right: UDP is the connectionless one.\n", gift)
        self.assertIn("tags: networking, routing, switching\n", gift)
        self.assertNotIn("Name the protocol", gift)
        otqa = md["otqa-excerpt"]
        self.assertIn("## Which team won \u201cTreble\u201d in 1999?\n", otqa)
        # a UTF-8 closing quote whose last byte was lost to "?" is repaired
        self.assertIn("## The nickname of Wisconsin, \u201cBadger State\u201d, was given", otqa)
        self.assertIn("Insomnia Caf\u00e9", otqa)
        # a question on several CRLF lines is one line
        self.assertIn("## Every breath you take Every move you make Every bond you break Every ...\n", otqa)
        self.assertNotIn("\r", otqa)

    def test_converted_cloze_and_csv(self):
        md = {}
        for name in ("cloze.txt", "plain.csv"):
            out = self.path(name + ".md")
            rc, _, err = tool(["--convert", os.path.join(IMPORT, name), out])
            self.assertEqual(rc, 0, err)
            with open(out, encoding="utf-8") as f:
                md[name] = f.read()
        self.assertIn("## _____ turns names into addresses.\nlevel: medium\ntags: networking\n\n"
                      "- [x] DNS\n\n> RFC 1034.\n", md["cloze.txt"])
        self.assertIn("## TCP is connection-oriented; _____ (a protocol) is not.\n", md["cloze.txt"])
        self.assertIn("## Which is larger, a KB or a MB?\nlevel: medium\ntags: units\n\n- [x] A MB\n",
                      md["plain.csv"])
        self.assertIn("## A \"quoted\" word means?\n", md["plain.csv"])

    def test_broken_deck_is_not_converted(self):
        src = self.write("broken.gift", "Unclosed {=a ~b\n")
        out = self.path("out.md")
        rc, _, err = tool(["--convert", src, out])
        self.assertEqual(rc, EXIT_DATAERR, err)
        self.assertIn("%s:1: warning: question skipped (unbalanced braces)" % src, err)
        self.assertIn("%s: error: no cards left" % src, err)
        self.assertFalse(os.path.exists(out))


class Errors(Base):
    GOOD = "\n\nGood? {=yes ~no}\n\nAlso good? {=1 ~2}\n"
    GOOD_AIKEN = "\nGood?\nA) yes\nB) no\nANSWER: A\nAlso good?\nA) 1\nB) 2\nANSWER: B\n"
    CASES = [
        # name, content, line, reason, message: the bad question is skipped, the rest loads
        ("broken.gift", "::Q1:: Fine? {=a ~b}\n\n::Q2:: Which?\n{\n=a\n~b\n\n", 4, "unbalanced braces",
         '"{" is not closed'),
        ("noright.gift", "// comment\nWhich? {~a ~b}\n", 2, "no right answer", "no answer is right"),
        ("twoblocks.gift", "First? {=a ~b}\nSecond? {=c ~d}\n", 2, "two answer blocks", "a second answer block"),
        ("cloze.gift", "I {1:SA:=am} a student.\n", 1, "cloze", "only multiple-choice"),
        ("broken.aiken", "Which?\nA. one\nB. two\nC. three\nD. four\nANSWER: E\n", 6,
         "no such option", "ANSWER: E, but no option has that letter"),
        ("noanswer.aiken", "Which?\nA) one\nB) two\n\nNext?\nA) x\nB) y\nANSWER: A\n", 1,
         "no ANSWER line", 'no "ANSWER: X" line'),
        ("broken-otqa", "#Q Which?\n^ Maybe\nA Yes\nB No\n", 2, "answer not a choice",
         'the answer "Maybe" is none of the choices'),
        ("crlf.aiken", "Which?\r\nA) one\r\nB) two\r\nANSWER: C\r\n", 4, "no such option", "ANSWER: C"),
    ]

    def test_broken_questions_are_skipped_with_file_and_line(self):
        for name, text, line, why, msg in self.CASES:
            with self.subTest(file=name):
                good = self.GOOD_AIKEN if name.endswith(".aiken") else (
                    "\n#Q Good?\n^ yes\nA yes\nB no\n\n#Q Also?\n^ 1\nA 1\nB 2\n" if "otqa" in name else self.GOOD)
                p = self.write(name, text + good)
                rc, out, err = tool(["--check", p])
                self.assertEqual(rc, 0, err)
                self.assertIn("%s:%d: warning: question skipped (%s): %s" % (p, line, why, msg), err)
                self.assertRegex(out, r"^%s: \d+ cards \(.*\), 1 skipped \(1 %s\)$" % (re.escape(p), why))
                if name in ("broken.gift", "noanswer.aiken"):
                    continue  # these hold a good question too
                # alone in its file: nothing left, exit 65
                p = self.write("alone-" + name, text)
                rc, out, err = tool(["--check", p])
                self.assertEqual(rc, EXIT_DATAERR, err)
                self.assertIn("%s: error: no cards left: all 1 question was skipped (1 %s)" % (p, why), err)
                self.assertEqual(summaries(out), {})

    def test_every_error_is_listed(self):
        """Errors of our Markdown are never cut short: 120 broken questions, 120 lines."""
        for name, text in (("many.md", "".join("## Q%d?\n- [ ] a\n- [ ] b\n\n" % i for i in range(120))),):
            with self.subTest(file=name):
                p = self.write(name, text)
                rc, out, err = tool(["--check", p])
                self.assertEqual(rc, EXIT_DATAERR, err)
                lines = [l for l in err.splitlines() if ": error: no right answer" in l]
                self.assertEqual(len(lines), 120, err[-2000:])
                step = 2 if name.endswith(".gift") else 4
                self.assertIn("%s:%d: error: no right answer" % (p, 119 * step + 1), err)

    def test_one_broken_file_among_good_ones(self):
        bad = self.write("broken.aiken", "Which?\nA. one\nANSWER: B\n")
        good = os.path.join(IMPORT, "sample.gift")
        rc, out, err = tool(["--check", good, bad])
        self.assertEqual(rc, EXIT_DATAERR, err)
        self.assertEqual(summaries(out), {good: 12})
        self.assertIn("%s:1: warning: question skipped (fewer than two options)" % bad, err)
        self.assertIn("%s: error: no cards left" % bad, err)


class Warnings(Base):
    LONG = "long " * 20

    def test_import_counts_repeated_warnings(self):
        """An OpenTriviaQA file with 10 choices too long for a button: three named, one count."""
        p = self.write("long", "".join("#Q Question %d?\n^ a\nA a\nB %s\n\n" % (i, self.LONG)
                                       for i in range(10)))
        rc, out, err = tool(["--check", p])
        self.assertEqual(rc, 0, err)
        lines = err.splitlines()
        self.assertEqual(len(lines), 4, err)
        for i, line in enumerate(lines[:3]):
            self.assertTrue(line.startswith("%s:%d: warning: the choice \"long long" % (p, 5 * i + 1)), line)
            self.assertIn("is 99 characters long: too long for a button", line)
        self.assertEqual(lines[3], "%s: warning: ... and 7 more choices too long for a button" % p)

    def test_markdown_lists_every_warning(self):
        """Our own format: the author can fix each line, so each one is named."""
        p = self.write("long.md", "# Long\n" + "".join("\n## Question %d?\n- [x] a\n- [ ] %s\n" % (i, self.LONG)
                                                       for i in range(10)))
        rc, out, err = tool(["--check", p])
        self.assertEqual(rc, 0, err)
        lines = err.splitlines()
        self.assertEqual(len(lines), 10, err)
        self.assertEqual([int(l.split(":")[1]) for l in lines], [3 + 4 * i for i in range(10)])


class Play(Base):
    """A headless round on each format: questions are dealt, answered and the round ends."""

    def test_a_round_on_each_format(self):
        script = "wait 300\nkey Return\n" + "wait 1500\nkey 1\nwait 2600\nkey Return\n" * 10 + "wait 500\n"
        for name in ("sample.gift", "sample.aiken", "otqa-excerpt", "anki.txt", "cloze.txt"):
            with self.subTest(sample=name):
                r = run(script, decks=[os.path.join(IMPORT, name)], seed=3, tmp=tempfile.mkdtemp(dir=self.tmp))
                self.assertEqual(r.rc, 0, r.err)
                first = []
                for e in r.events:
                    if e["event"] == "round_end":
                        break
                    first.append(e["event"])
                self.assertGreaterEqual(first.count("question"), 4, r.err)
                self.assertEqual(first.count("answer"), first.count("question"))
                self.assertGreaterEqual(len(r.of("round_end")), 1, r.err)


@unittest.skipUnless(corpus_dir(), "the OpenTriviaQA corpus is not on this machine")
class Corpus(Base):
    def files(self):
        d = corpus_dir()
        return sorted(os.path.join(d, f) for f in os.listdir(d)
                      if not f.startswith(".") and f != "README.md" and os.path.isfile(os.path.join(d, f)))

    def test_check_every_category_file(self):
        files = self.files()
        t0 = time.monotonic()
        rc, out, err = tool(["--check"] + files)
        elapsed = time.monotonic() - t0
        self.assertEqual(rc, 0, err[-3000:])
        got = summaries(out)
        self.assertEqual(sorted(got), files)
        self.assertNotIn("error:", err)
        total = sum(got.values())
        # about 25,000 questions in the 11 files kept here; fewer than 1 % skipped as too long
        self.assertGreater(total, 1000 * len(files) // 2)
        sys.stderr.write("[OpenTriviaQA: %d files, %d cards, %d warning lines, --check in %.2f s] "
                         % (len(files), total, len(err.splitlines()), elapsed))
        self.assertLess(elapsed, 60)
        # no flood: a handful of lines per file, each long choice named at most three times
        for f in files:
            mine = [l for l in err.splitlines() if l.startswith(f + ":") and "too long for a button" in l]
            self.assertLessEqual(len(mine), 4, "\n".join(mine))
        self.assertLess(len(err.splitlines()), 10 * len(files), err[-3000:])

    def test_round_on_a_category(self):
        src = [f for f in self.files() if os.path.basename(f) == "animals"] or self.files()[:1]
        script = "wait 300\nkey Return\n" + "wait 1500\nkey 2\nwait 2600\nkey Return\n" * 10 + "wait 500\n"
        r = run(script, decks=src, seed=3, tmp=tempfile.mkdtemp(dir=self.tmp))
        self.assertEqual(r.rc, 0, r.err[-2000:])
        self.assertEqual(len(r.of("question")), 10)
        self.assertEqual(len(r.of("round_end")), 1)

    def test_convert_round_trips_a_category(self):
        src = [f for f in self.files() if os.path.basename(f) == "general"] or self.files()[:1]
        out1, out2 = self.path("general.md"), self.path("general.2.md")
        rc, _, err = tool(["--convert", src[0], out1])
        self.assertEqual(rc, 0, err[-2000:])
        rc, _, err = tool(["--convert", out1, out2])
        self.assertEqual(rc, 0, err[-2000:])
        with open(out1, "rb") as a, open(out2, "rb") as b:
            self.assertEqual(a.read(), b.read())

    def test_check_the_directory(self):
        d = corpus_dir()
        rc, out, err = tool(["--check", d])
        self.assertEqual(rc, 0, err[-3000:])
        self.assertEqual(len(summaries(out)), len(self.files()))


if __name__ == "__main__":
    unittest.main()


CORPUS = os.path.join(ROOT, "tests", "corpus")


def corpus_counts():
    """[(file, format, reference count, cards quizblitz loads)] over tests/corpus (expected.tsv)."""
    rows = []
    with open(os.path.join(CORPUS, "expected.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            name, fmt, ref = line.rstrip("\n").split("\t")
            rows.append((name, fmt, int(ref)))
    paths = [os.path.join(CORPUS, r[0]) for r in rows]
    rc, out, err = tool(["--check"] + paths)
    got = summaries(out)
    return [(name, fmt, ref, got.get(p, 0)) for (name, fmt, ref), p in zip(rows, paths)], err


class Corpus(Base):
    """Real question banks (tests/corpus, sources in its README): every file imports at least 95 %
    of the playable questions its own tool imports, per format, and never more; --convert
    round-trips each one that loads. Run alone (`python3 -m unittest test_import.Corpus -v`) it
    prints the per-format shares."""

    def test_corpus_imports_as_the_reference_tools(self):
        rows, err = corpus_counts()
        self.assertGreaterEqual(len(rows), 60)
        share = {}
        for name, fmt, ref, got in rows:
            with self.subTest(file=name):
                self.assertLessEqual(got, ref, "%s: %d cards, the reference tool imports %d\n%s" % (name, got, ref, err))
            r, g = share.get(fmt, (0, 0))
            share[fmt] = (r + ref, g + min(got, ref))
        lines = ["%-13s %4d of %4d  %5.1f %%" % (fmt, g, r, 100.0 * g / r) for fmt, (r, g) in sorted(share.items())]
        sys.stderr.write("\ncorpus shares (quizblitz of the reference tool's playable questions):\n  " +
                         "\n  ".join(lines) + "\n")
        for fmt, (r, g) in share.items():
            self.assertGreaterEqual(g / r, 0.95, "%s: %d of %d\n%s" % (fmt, g, r, "\n".join(lines)))

    def test_corpus_converts_and_round_trips(self):
        rows, _ = corpus_counts()
        for name, fmt, ref, got in rows:
            if not got:
                continue
            with self.subTest(file=name):
                out = self.path(name.replace("/", "_") + ".md")
                rc, _, err = tool(["--convert", os.path.join(CORPUS, name), out])
                self.assertEqual(rc, 0, err)
                self.assertIn("%d cards written" % got, err)
                # the Markdown reads back as the same number of cards, with no warning of its own
                rc, o2, e2 = tool(["--check", out])
                self.assertEqual(rc, 0, e2)
                self.assertEqual(summaries(o2), {out: got})
