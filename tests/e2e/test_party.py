"""Party mode end to end: the real binary headless, seats joined and answered with the split
keyboard (1-4 player 1, 7-0 player 2) and scripted controllers (`button N a`), the event log's
players, byte-identical logs for a seed and a script, the secret lock and the pick badges in the
screenshots' pixels, --players, `party = off`, and every layout size."""
import os
import unittest

import qb
from qb import BLUE, DECK, GREEN, VERMILLION, Image, questions, run

INTRO = 1100
RIGHT_KEYS = ["7", "8", "9", "0"]


def party_script(qs, picks, join=("key 7", "button 3 a")):
    """Joins, starts, and answers each question: picks[i] is a list of (seat, 'right'|'wrong'|None)
    in the order pressed; seat 1 answers with 1-4, seat 2 with 7-0, seat N>2 with controller N's
    A/B/X/Y. None: that seat does not answer (the countdown runs out if nobody else is missing)."""
    s = ["wait 200"] + list(join) + ["wait 300", "key Return"]
    for q, seats in zip(qs, picks):
        s.append("wait %d" % (INTRO + 1000))
        waits = False
        for seat, what in seats:
            if what is None:
                waits = True
                continue
            c = q["correct"] if what == "right" else (q["correct"] + 1) % len(q["choices"])
            if seat == 1:
                s.append("key %d" % (c + 1))
            elif seat == 2:
                s.append("key %s" % RIGHT_KEYS[c])
            else:
                s.append("button %d %s" % (seat, "abxy"[c]))
        if waits:
            s.append("wait %d" % (q["time_ms"] + 200))
        s.append("wait 2600")
        s.append("key Return")
    return "\n".join(s) + "\n"


class PartyTest(qb.TestCase):
    def test_three_seats_play_and_log(self):
        qs = questions(seed=3, n=3, args=["--round", "3"])
        picks = [[(1, "right"), (2, "right"), (3, "wrong")],
                 [(3, "right"), (2, "wrong"), (1, "right")],
                 [(2, "right"), (1, None), (3, "right")]]
        r = run(party_script(qs, picks), args=["--round", "3"], seed=3)
        self.assertEqual(r.rc, 0, r.err)
        self.assertEqual([e["player"] for e in r.of("join")], [1, 2, 3])
        self.assertEqual(r.of("round_start")[0]["players"], 3)
        ans = r.of("answer")
        self.assertEqual(len(ans), 9)
        # the answer events in the order the seats locked in; the last question's timeout at its end
        self.assertEqual([(a["n"], a["player"]) for a in ans],
                         [(1, 1), (1, 2), (1, 3), (2, 3), (2, 2), (2, 1), (3, 2), (3, 3), (3, 1)])
        self.assertEqual([a["correct"] for a in ans], [True, True, False, True, False, True, True, True, False])
        self.assertIsNone(ans[8]["choice"])
        # 1 and 2 answered question 1 right in the same moment: the same points
        self.assertEqual(ans[0]["ms"], ans[1]["ms"])
        self.assertEqual(ans[0]["points"], ans[1]["points"])
        end = r.of("round_end")[0]
        self.assertNotIn("score", end)  # a party has no one score
        players = end["players"]
        self.assertEqual(sorted(p["player"] for p in players), [1, 2, 3])
        for p in players:
            mine = [a for a in ans if a["player"] == p["player"]]
            self.assertEqual(p["score"], mine[-1]["score"])
            self.assertEqual(p["right"], sum(a["correct"] for a in mine))
        self.assertEqual([p["score"] for p in players], sorted((p["score"] for p in players), reverse=True))
        self.assertEqual(players[0]["place"], 1)

    def test_same_seed_and_script_same_bytes(self):
        qs = questions(seed=9, n=2, args=["--round", "2"])
        picks = [[(2, "right"), (1, "wrong"), (3, "right")], [(1, "right"), (3, None), (2, "right")]]
        script = party_script(qs, picks)
        logs = []
        for _ in range(2):
            r = run(script, args=["--round", "2"], seed=9)
            self.assertEqual(r.rc, 0, r.err)
            with open(os.path.join(r.tmp, "events.jsonl"), "rb") as f:
                logs.append(f.read())
        self.assertEqual(logs[0], logs[1])
        self.assertIn(b'"player":3', logs[0])

    def test_lone_player_log_has_no_seats(self):
        qs = questions(seed=4, n=2, args=["--round", "2"])
        s = ["wait 200", "key Return"]
        for q in qs:
            s += ["wait 2100", "key 8", "key %d" % (q["correct"] + 1), "wait 2600", "key Return"]
        r = run("\n".join(s) + "\n", args=["--round", "2"], seed=4)
        self.assertEqual(r.rc, 0, r.err)
        # 7-0 belong to player 2, who never joined: a lone game does not hear them
        self.assertEqual([a["correct"] for a in r.of("answer")], [True, True])
        for e in r.events:
            self.assertNotIn("player", e)
            self.assertNotIn("players", e)

    def test_players_option_and_time_running_out(self):
        qs = questions(seed=2, n=1, args=["--round", "1"])
        # four seats from the start; only 1 and 4 answer: the countdown runs to its end
        script = party_script(qs, [[(1, "right"), (4, "wrong"), (2, None)]], join=())
        r = run(script, args=["--round", "1", "--players", "4"], seed=2)
        self.assertEqual(r.rc, 0, r.err)
        self.assertEqual(r.of("round_start")[0]["players"], 4)
        timeouts = [a for a in r.of("answer") if a["choice"] is None]
        self.assertEqual(sorted(a["player"] for a in timeouts), [2, 3])
        q = r.of("question")[0]
        self.assertGreaterEqual(timeouts[0]["t_ms"] - q["t_ms"], q["time_ms"])

    def test_party_off_in_config(self):
        cfg = os.path.join(self.case_dir, "q.conf")
        with open(cfg, "w") as f:
            f.write("[game]\nparty = off\nplayers = 3\n")
        r = run("wait 200\nkey 7\nbutton 2 a\nwait 300\nkey Return\nwait 300\nquit\n", args=["--config", cfg])
        self.assertEqual(r.rc, 0, r.err)
        self.assertEqual(r.of("join"), [])
        self.assertNotIn("players", r.of("round_start")[0])

    def test_touch_pads(self):
        """A touch screen: "+ PLAYER" seats two, a tap on the start button starts, and each tap
        answers for the pad under it (left pad player 1, right pad player 2)."""
        r = run("wait 200\ntouch 0.5 0.85\nwait 300\ntouch 0.2 0.85\nwait 1800\n"
                "touch 0.8 0.6\nwait 300\ntouch 0.2 0.6\nwait 300\nquit\n", args=["--round", "1"], seed=5)
        self.assertEqual(r.rc, 0, r.err)
        self.assertEqual([e["player"] for e in r.of("join")], [1, 2])
        self.assertEqual([(a["player"], a["choice"]) for a in r.of("answer")], [(2, 1), (1, 0)])

    def test_touch_pads_portrait_turned(self):
        """Two players at a portrait touch screen (a table-top screen): the top pad, player 1's,
        is turned 180 degrees to the player across the table, its choice 1 (blue) at the lower
        right of the pad as we see it; a tap where that blue is drawn answers choice 1 for player 1,
        a tap on the bottom pad's green answers choice 3 for player 2. The turned pad drawn in
        part (the lock dims it) is the pixels drawing it whole gives."""
        w, h = 1080, 1920
        start = "wait 200\ntouch 0.82 0.456\nwait 300\ntouch 0.3 0.456\nwait 2100\n"
        shots = os.path.join(self.case_dir, "s")
        os.mkdir(shots)
        q = os.path.join(shots, "q.bmp")
        r = run(start + "screenshot %s\nquit\n" % q, args=["--round", "1"], seed=5, window="%dx%d" % (w, h))
        self.assertEqual(r.rc, 0, r.err)
        self.assertEqual([e["player"] for e in r.of("join")], [1, 2])
        img = Image(q)
        # the pads fill the screen under the timer: the top one to about 0.66, the bottom one below
        top = (0, int(h * 0.38), w, int(h * 0.66))
        bottom = (0, int(h * 0.68), w, h)
        # blue on both pads: the top pad's is at its lower right, the bottom pad's at its upper left
        top_blue = img.bbox(BLUE, box=top)
        bot_blue = img.bbox(BLUE, box=bottom)
        self.assertGreater(top_blue[0], w // 2, top_blue)
        self.assertLess(bot_blue[2], w // 2, bot_blue)
        self.assertGreater((top_blue[1] + top_blue[3]) / 2, (top[1] + top[3]) / 2, top_blue)
        self.assertLess((bot_blue[1] + bot_blue[3]) / 2, (bottom[1] + bottom[3]) / 2, bot_blue)
        green = img.bbox(GREEN, box=bottom)

        def tap(b):
            return "touch %.4f %.4f\n" % ((b[0] + b[2]) / 2 / w, (b[1] + b[3]) / 2 / h)

        taps = tap(top_blue) + "wait 300\nscreenshot %s\n" + tap(green) + "wait 300\nquit\n"
        outs = []
        for name, env in (("partial", None), ("full", {"QB_FULL_REDRAW": "1"})):
            shot = os.path.join(shots, name + ".bmp")
            r = run(start + "screenshot %s\n" % os.path.join(shots, name + "-q.bmp") + taps % shot,
                    args=["--round", "1"], seed=5, window="%dx%d" % (w, h), extra_env=env)
            self.assertEqual(r.rc, 0, r.err)
            self.assertEqual([(a["player"], a["choice"]) for a in r.of("answer")], [(1, 0), (2, 2)])
            outs.append(shot)
        with open(outs[0], "rb") as a, open(outs[1], "rb") as b:
            self.assertTrue(a.read() == b.read(), "the turned pad drawn in part differs from drawn whole")
        with open(q, "rb") as a, open(os.path.join(shots, "full-q.bmp"), "rb") as b:
            self.assertTrue(a.read() == b.read())

    def test_controller_pulled_out(self):
        """A real (virtual) controller through SDL's controller code: it is player 1 (the first
        plugged in), starts the party with A; pulled out while player 2 has answered, player 1
        leaves and the reveal comes at once, without waiting out the countdown."""
        r = run("pad plug\nwait 200\npad press a\nwait 1500\nkey 8\nwait 300\npad unplug\nwait 300\nquit\n",
                args=["--round", "1", "--players", "2"], seed=5)
        self.assertEqual(r.rc, 0, r.err)
        self.assertEqual(r.of("round_start")[0]["players"], 2)
        self.assertEqual([(e["player"], e["reason"]) for e in r.of("leave")], [(1, "unplugged")])
        self.assertEqual([a["player"] for a in r.of("answer")], [2])  # no time-out: player 1 left

    def test_kiosk_drops_a_player_who_walked_away(self):
        qs = questions(seed=8, n=3, args=["--round", "3"])
        cfg = os.path.join(self.case_dir, "k.conf")
        with open(cfg, "w") as f:
            f.write("[kiosk]\nenabled = true\nreveal_auto = 3\n")
        # player 2 stops answering: two questions run out, then the round goes on without them
        picks = [[(1, "right"), (2, None)], [(1, "right"), (2, None)], [(1, "right")]]
        script = party_script(qs, picks, join=("key 7",))
        r = run(script, args=["--round", "3", "--config", cfg], seed=8)
        self.assertEqual(r.rc, 0, r.err)
        self.assertEqual([(e["player"], e["reason"]) for e in r.of("leave")], [(2, "missed")])
        third = [a for a in r.of("answer") if a["n"] == 3]
        self.assertEqual([a["player"] for a in third], [1])
        end = r.of("round_end")[0]["players"]
        self.assertEqual([(p["player"], p.get("left", False)) for p in end], [(1, False), (2, True)])

    def test_bad_controller_number(self):
        r = run("wait 100\nbutton 7 a\n")
        self.assertEqual(r.rc, 64)
        self.assertIn("script.txt:2: error: button needs a controller 1 to 4", r.err)

    def test_lock_is_secret_and_picks_show(self):
        """After player 1 locks in, the choices look as before (only the chip says LOCKED); on the
        reveal, player 2's badge (vermillion) marks the choice picked."""
        qs = questions(seed=5, n=1, args=["--round", "1"])
        q = qs[0]
        base = ["wait 200", "key 7", "wait 300", "key Return", "wait 2100"]
        shots = os.path.join(self.case_dir, "s")
        os.mkdir(shots)
        pre, post = os.path.join(shots, "pre.bmp"), os.path.join(shots, "post.bmp")
        rev_a, rev_b = os.path.join(shots, "a.bmp"), os.path.join(shots, "b.bmp")
        s = base + ["screenshot " + pre, "key %d" % (q["correct"] + 1), "screenshot " + post,
                    "key %s" % RIGHT_KEYS[(q["correct"] + 1) % 4], "wait 900", "screenshot " + rev_a, "quit"]
        r = run("\n".join(s) + "\n", args=["--round", "1"], seed=5, window="1280x720")
        self.assertEqual(r.rc, 0, r.err)
        a, b = Image(pre), Image(post)
        top = int(a.h * 0.55)  # the choices, well under the top bar's chips
        diff = sum(1 for y in range(top, a.h, 3) for x in range(0, a.w, 3) if a.pixel(x, y) != b.pixel(x, y))
        self.assertEqual(diff, 0, "the lock showed on the choices")
        chips = sum(1 for y in range(0, int(a.h * 0.1)) for x in range(0, a.w, 2) if a.pixel(x, y) != b.pixel(x, y))
        self.assertGreater(chips, 50, "the chip does not show the lock")
        # the same reveal, but player 2 lets the time run out: fewer vermillion pixels (no badge)
        s = base + ["key %d" % (q["correct"] + 1), "wait %d" % (q["time_ms"] + 100), "wait 900",
                    "screenshot " + rev_b, "quit"]
        r = run("\n".join(s) + "\n", args=["--round", "1"], seed=5, window="1280x720")
        self.assertEqual(r.rc, 0, r.err)
        picked, none = Image(rev_a).count(VERMILLION, tol=2), Image(rev_b).count(VERMILLION, tol=2)
        self.assertGreater(picked, none + 400)

    def test_arabic_mirrors_every_party_screen(self):
        """In Arabic each party screen is the English one mirrored: the top bar's chips, the
        standings rows, the podium's cards and the touch pads, each badge at the other end of
        its box. Player 2's badge (vermillion) is where English has it, reflected (x -> w - x)."""
        def shots(language, script, args, seed):
            r = run(script, args=args, seed=seed, window="1280x720",
                    extra_env={"LANG": "C.UTF-8", "LANGUAGE": language})
            self.assertEqual(r.rc, 0, r.err)
            return r
        def mirrored(en, ar, box_en, what):
            w = en.w
            box_ar = (w - box_en[2], box_en[1], w - box_en[0], box_en[3])
            be, ba = en.bbox(VERMILLION, tol=2, box=box_en), ar.bbox(VERMILLION, tol=2, box=box_ar)
            self.assertIsNotNone(be, what)
            self.assertIsNotNone(ba, what)
            for a, b in ((ba[0], w - be[2]), (ba[2], w - be[0])):
                self.assertLessEqual(abs(a - b), 4, "%s: English %s, Arabic %s" % (what, be, ba))
            self.assertEqual((be[1], be[3]), (ba[1], ba[3]), what)
        keys = ("wait 200\nkey Return\nwait 2100\nkey 1\nkey 8\nbutton 3 b\nwait 900\nscreenshot r.bmp\n"
                "wait 2000\nkey Return\nwait 1700\nscreenshot p.bmp\nquit\n")
        en, ar = (shots(lang, keys, ["--round", "1", "--players", "3"], 6) for lang in ("en", "ar"))
        r_en, r_ar = (Image(os.path.join(x.tmp, "r.bmp")) for x in (en, ar))
        mirrored(r_en, r_ar, (0, 0, 1280, 60), "the top bar's chip")
        mirrored(r_en, r_ar, (760, 260, 1280, 700), "the standings row")
        p_en, p_ar = (Image(os.path.join(x.tmp, "p.bmp")) for x in (en, ar))
        mirrored(p_en, p_ar, (0, 390, 1280, 720), "the podium's card")
        # the touch pads (the start and "+ PLAYER" tapped where each is drawn)
        pads = "wait 200\ntouch 0.5 0.85\nwait 300\ntouch %s 0.85\nwait 2100\nscreenshot q.bmp\nquit\n"
        en, ar = shots("en", pads % "0.2", ["--round", "1"], 5), shots("ar", pads % "0.8", ["--round", "1"], 5)
        self.assertEqual([e["player"] for e in ar.of("join")], [1, 2])
        q_en, q_ar = (Image(os.path.join(x.tmp, "q.bmp")) for x in (en, ar))
        mirrored(q_en, q_ar, (0, 330, 1280, 720), "player 2's pad")
        mirrored(q_en, q_ar, (0, 0, 1280, 60), "the top bar's chip")

    def test_every_size_and_seat_count(self):
        """Question, reveal and podium at each size for 2, 3 and 4 players (looked at by hand
        too: README); here each is drawn and has the seats' badges."""
        for size in ["800x480", "1280x720", "1920x1080", "3840x2160", "1080x1920"]:
            for n in (2, 3, 4):
                with self.subTest(size=size, players=n):
                    d = os.path.join(self.case_dir, "%s-%d" % (size, n))
                    os.mkdir(d)
                    s = ["wait 200", "key Return", "wait 2100", "key 1", "screenshot %s/q.bmp" % d, "key 8"]
                    s += ["button %d b" % k for k in range(3, n + 1)]
                    s += ["wait 900", "screenshot %s/r.bmp" % d, "wait 2000", "key Return", "wait 1700",
                          "screenshot %s/p.bmp" % d, "quit"]
                    r = run("\n".join(s) + "\n", args=["--round", "1", "--players", str(n)], window=size, seed=6)
                    self.assertEqual(r.rc, 0, r.err)
                    for shot in ("q", "r", "p"):
                        img = Image(os.path.join(d, shot + ".bmp"))
                        w, h = map(int, size.split("x"))
                        self.assertEqual((img.w, img.h), (w, h))
                        # player 2's badge is on every one of them
                        self.assertGreater(img.count(VERMILLION, tol=2), 20, shot)


if __name__ == "__main__":
    unittest.main()
