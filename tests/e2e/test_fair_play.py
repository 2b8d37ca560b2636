"""Play as people play, through the one loop in virtual time: a fair clock (the countdown starts
when the choices are up, pause freezes it, time on one screen never leaks into the next), no
dead ends on a kiosk (every screen goes back to attract mode), and learning that mashing keys
cannot skip (every explanation shows for its reading time). test_realtime.py plays the same
cases in real time under Xvfb."""
import unittest

from qb import TestCase, run, questions
from test_kiosk import conf as kiosk_conf

INTRO = 1000  # the question shows alone for 1 s before the choices


class FairClock(TestCase):
    def setUp(self):
        super().setUp()
        self.tmp = self.case_dir

    def run_(self, script, **kw):
        kw.setdefault("tmp", self.tmp)
        r = run(script, **kw)
        self.assertEqual(r.rc, 0, r.err)
        return r

    def test_answer_counts_from_the_choices_even_after_idling_on_the_title(self):
        qs = questions(seed=3)
        # 2 s on the title, Enter, the 1 s intro, then 1.5 s with the choices up
        r = self.run_("wait 2000\nkey Return\nwait %d\nkey %d\nwait 100\n" % (INTRO + 1500, qs[0]["correct"] + 1),
                      seed=3)
        a = r.of("answer")[0]
        self.assertTrue(a["correct"])
        self.assertEqual(a["ms"], 1500)
        self.assertEqual(r.of("round_start")[0]["t_ms"], 2000)

    def test_long_read_does_not_eat_the_next_countdown(self):
        qs = questions(seed=3, n=2)
        # 20 s on the first explanation, then the next question is answered 1.5 s after its choices
        r = self.run_("key Return\nwait %d\nkey %d\nwait 20000\nkey Return\nwait %d\nkey %d\nwait 100\n" % (
            INTRO + 500, qs[0]["correct"] + 1, INTRO + 1500, qs[1]["correct"] + 1), seed=3)
        ans = r.of("answer")
        self.assertEqual(len(ans), 2)
        self.assertEqual(ans[1]["ms"], 1500)

    def test_one_enter_after_a_three_second_read_always_advances(self):
        qs = questions(seed=4)
        s = ["key Return"]
        for q in qs:
            s += ["wait %d" % (INTRO + 800), "key %d" % (q["correct"] + 1), "wait 3000", "key Return"]
        r = self.run_("\n".join(s) + "\nwait 100\n", seed=4)
        self.assertEqual(len(r.of("answer")), 10)
        self.assertEqual(len(r.of("round_end")), 1, "an Enter after a 3 s read was dropped")

    def test_a_ten_second_pause_costs_no_countdown(self):
        qs = questions(seed=2)
        r = self.run_("key Return\nwait %d\nkey Escape\nwait 10000\nkey Escape\nwait 500\nkey %d\nwait 100\n" % (
            INTRO + 1000, qs[0]["correct"] + 1), seed=2)
        a = r.of("answer")
        self.assertEqual(len(a), 1)
        self.assertEqual(a[0]["ms"], 1500)

    def test_pause_longer_than_the_time_left_is_no_time_out(self):
        qs = questions(seed=2)
        t = qs[0]["time_ms"]
        # paused with 2 s left for 60 s: on resume the player still has those 2 s
        r = self.run_("key Return\nwait %d\nkey Escape\nwait 60000\nkey Escape\nwait 1000\nkey %d\nwait 100\n" % (
            INTRO + t - 2000, qs[0]["correct"] + 1), seed=2)
        a = r.of("answer")
        self.assertEqual(len(a), 1)
        self.assertIsNotNone(a[0]["choice"], "the pause ran the countdown out")
        self.assertEqual(a[0]["ms"], t - 1000)


class Mashing(TestCase):
    def setUp(self):
        super().setUp()
        self.tmp = self.case_dir

    def test_mashing_keys_shows_every_explanation_and_the_results(self):
        # 1 and Enter at 10 presses a second for 90 s
        s = ["key Return"] + ["wait 100", "key 1", "wait 100", "key Return"] * 450
        r = run("\n".join(s) + "\n", seed=7, tmp=self.tmp)
        self.assertEqual(r.rc, 0, r.err)
        end = r.of("round_end")[0]
        ans = [e for e in r.of("answer") if e["t_ms"] <= end["t_ms"]]
        qs = [e for e in r.of("question") if e["t_ms"] <= end["t_ms"]]
        self.assertEqual(len(ans), 10)
        # each explanation stayed up at least its reading time (700 ms and more)
        for a, nxt in zip(ans, qs[1:]):
            self.assertGreaterEqual(nxt["t_ms"] - a["t_ms"], 1400, "an explanation was skipped")
        # the round took far longer than the 20 s a mash took before
        self.assertGreaterEqual(end["t_ms"] - r.of("round_start")[0]["t_ms"], 10 * (INTRO + 1400))
        # the results counted up (1.5 s) before anything went on, and the title after them held
        # back the mashed Enter (0.7 s): no new round sooner
        later = [e for e in r.of("round_start") if e["t_ms"] > end["t_ms"]]
        self.assertTrue(later, "mashing never got past the results")
        self.assertGreaterEqual(later[0]["t_ms"] - end["t_ms"], 1500 + 700)


class KioskNoDeadEnds(TestCase):
    """A kiosk left on any screen comes back to attract mode by itself."""

    def setUp(self):
        super().setUp()
        self.tmp = self.case_dir
        self.conf = kiosk_conf(self.tmp, "attract_after = 30\nround_idle = 45\nstill_there = 10\n"
                                         "screen_idle = 20\nname_timeout = 30\nreveal_auto = 6\nexit_pin = 2468\n")

    def walk_away(self, script, seed=5, rnd="2"):
        """Runs the script, then 3 minutes with nobody there; returns the run and the time the
        script's own part ended (the last event before the walk-away)."""
        r = run(script + "wait 180000\n", args=["--config", self.conf, "--round", rnd], seed=seed, tmp=self.tmp)
        self.assertEqual(r.rc, 0, r.err)
        return r

    def assert_back_in_attract(self, r, after_ms):
        pages = [e for e in r.of("attract") if e["t_ms"] >= after_ms]
        self.assertTrue(pages, "the kiosk never went back to attract mode: %s" % [e["event"] for e in r.events][-8:])

    def qs(self, seed=5):
        return questions(seed=seed, n=2, args=["--round", "2"])

    def test_title(self):
        r = self.walk_away("wait 100\nkey Down\nwait 100\n")
        self.assert_back_in_attract(r, 30000)

    def test_question(self):
        r = self.walk_away("key Return\nwait 100\n")
        self.assertEqual(len(r.of("still_there")), 1)
        self.assert_back_in_attract(r, 45000)

    def test_pause_menu(self):
        r = self.walk_away("key Return\nwait 1500\nkey Escape\nwait 100\n")
        self.assertEqual(len(r.of("still_there")), 1, "walking away from the pause menu left it up for good")
        self.assert_back_in_attract(r, 45000)

    def test_reveal_then_results_then_name_then_board(self):
        qs = self.qs()
        r = self.walk_away("key Return\nwait 1500\nkey %d\nwait 100\n" % (qs[0]["correct"] + 1))
        # the reveal moved on by itself, the next question timed out, the results went on to the
        # name entry, which saved the score as PLAYER, and the board went back to attract mode
        self.assertEqual(len(r.of("round_end")), 1)
        hs = r.of("highscore")
        self.assertEqual([h["name"] for h in hs], ["PLAYER"])
        self.assert_back_in_attract(r, hs[0]["t_ms"])

    def test_results_without_a_high_score(self):
        # a round of wrong answers scores 0: the results go straight back to attract mode
        qs = self.qs()
        wrong = [(q["correct"] + 1) % 4 + 1 for q in qs]
        r = self.walk_away("key Return\nwait 1500\nkey %d\nwait 2600\nkey Return\nwait 1500\nkey %d\nwait 2600\n"
                           "key Return\nwait 100\n" % tuple(wrong))
        self.assertEqual(r.of("round_end")[0]["score"], 0)
        self.assertEqual(r.of("highscore"), [])
        self.assert_back_in_attract(r, r.of("round_end")[0]["t_ms"])

    def test_pin_pad(self):
        hold = "keydown Left Ctrl\nkeydown Left Alt\nkeydown Left Shift\nkeydown Q\nwait 3100\n" \
               "keyup Q\nkeyup Left Shift\nkeyup Left Alt\nkeyup Left Ctrl\n"
        r = self.walk_away("key Return\nwait 1500\n" + hold + "text 11\nwait 100\n")
        self.assertEqual(r.of("exit")[-1]["reason"], "script")
        self.assert_back_in_attract(r, 45000)


if __name__ == "__main__":
    unittest.main()
