"""Kiosk mode, headless: attract mode, every time-out, the operator chord and PIN, and that
Esc, Alt+F4 (the window's close button) and window-close do nothing harmful."""
import os
import shutil
import subprocess
import tempfile
import unittest

from qb import BIN, DECK, Image, run, questions


def conf(tmp, extra=""):
    p = os.path.join(tmp, "kiosk.conf")
    with open(p, "w") as f:
        f.write("[kiosk]\nenabled = true\n" + extra)
    return p


class Kiosk(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="qb-kiosk-")
        self.addCleanup(shutil.rmtree, self.tmp)

    def kiosk(self, script, extra="", seed=1, args=()):
        return run(script, args=["--config", conf(self.tmp, extra)] + list(args), seed=seed, tmp=self.tmp)

    def test_attract_cycles_and_any_input_returns(self):
        r = self.kiosk("wait 29000\nwait 2000\nwait 8000\nwait 8000\nwait 8000\nwait 1000\nkey space\nwait 100\n")
        pages = [e["page"] for e in r.of("attract")]
        self.assertEqual(pages[:4], ["title", "today", "alltime", "howto"])
        self.assertEqual(r.of("attract")[0]["t_ms"], 30000)
        self.assertEqual(len(r.of("attract_end")), 1)
        self.assertEqual(r.of("round_start"), [])  # the key only woke it up

    def test_demo_plays_itself_and_changes_nothing(self):
        r = self.kiosk("wait 40000\nkey Return\nwait 100\nkey Return\nwait 100\n",
                       extra="attract_after = 5\nattract_page = 2\nattract_pages = demo,title\n", seed=21)
        self.assertEqual([e["page"] for e in r.of("attract")][:1], ["demo"])
        self.assertTrue(any(e["page"] == "title" for e in r.of("attract")), "the demo never ended")
        # the demo logs nothing of its own and leaves the seed's questions alone
        real = r.of("question")
        self.assertEqual(len(real), 1)
        plain = questions(seed=21)
        self.assertEqual(real[0]["question"], plain[0]["question"])
        self.assertEqual(real[0]["choices"], plain[0]["choices"])

    def test_still_there_then_abandon_saves_qualifying_score(self):
        qs = questions(seed=5)
        c = qs[0]["correct"] + 1
        script = "key Return\nwait 1500\nkey %d\nwait 200\nwait 70000\n" % c
        r = self.kiosk(script, extra="reveal_auto = 100\n", seed=5)
        self.assertEqual(len(r.of("still_there")), 1)
        end = r.of("round_end")
        self.assertEqual(len(end), 1)
        self.assertTrue(end[0].get("abandoned"))
        hs = r.of("highscore")
        self.assertEqual(len(hs), 1)
        self.assertEqual(hs[0]["name"], "PLAYER")
        self.assertGreater(hs[0]["score"], 0)

    def test_still_there_dismissed_by_input(self):
        r = self.kiosk("key Return\nwait 47000\nkey space\nwait 12000\n", extra="reveal_auto = 100\n")
        self.assertEqual(len(r.of("still_there")), 1)
        self.assertEqual(r.of("round_end"), [])

    def test_reveal_moves_on_and_name_entry_submits_itself(self):
        qs = questions(seed=8, args=["--round", "2"])
        # each reveal moves on after 6 s, the results after 20 s, the name entry after 30 s
        s = "key Return\nwait 1500\nkey %d\nwait 6500\nwait 1500\nkey %d\nwait 6500\nwait 21000\nwait 31000\n" % (
            qs[0]["correct"] + 1, qs[1]["correct"] + 1)
        r = run(s, args=["--config", conf(self.tmp), "--round", "2"], seed=8, tmp=self.tmp)
        self.assertEqual(len(r.of("answer")), 2)
        self.assertEqual(len(r.of("round_end")), 1)
        hs = r.of("highscore")
        self.assertEqual(len(hs), 1, r.err)
        self.assertEqual(hs[0]["name"], "PLAYER")

    def test_escape_close_and_quit_do_nothing_harmful(self):
        r = self.kiosk("key Escape\nwait 100\nclose\nwait 100\nkey Escape\nwait 100\nkey Return\nwait 1200\n"
                       "key Escape\nwait 100\nkey 4\nwait 100\nclose\nwait 100\nkey F4\nwait 100\n")
        self.assertEqual(r.of("exit")[-1]["reason"], "script")
        self.assertEqual(len(r.of("exit")), 1)

    def test_operator_chord_exits(self):
        hold = "keydown Left Ctrl\nkeydown Left Alt\nkeydown Left Shift\nkeydown Q\n"
        r = self.kiosk(hold + "wait 3100\nwait 5000\n")
        self.assertEqual([e["reason"] for e in r.of("exit")], ["operator"])
        self.assertLess(r.of("exit")[0]["t_ms"], 3500)

    def test_chord_released_early_does_nothing(self):
        hold = "keydown Left Ctrl\nkeydown Left Alt\nkeydown Left Shift\nkeydown Q\n"
        r = self.kiosk(hold + "wait 2000\nkeyup Q\nwait 3000\n")
        self.assertEqual([e["reason"] for e in r.of("exit")], ["script"])

    def test_pad_chord_and_pin(self):
        hold = "buttondown back\nbuttondown start\nwait 3100\nbuttonup back\nbuttonup start\n"
        r = self.kiosk(hold + "text 1111\nkey Return\nwait 100\n" + hold + "text 2468\nkey Return\nwait 100\n",
                       extra="exit_pin = 2468\n")
        exits = r.of("exit")
        self.assertEqual([e["reason"] for e in exits], ["operator"])

    PAD = "buttondown back\nbuttondown start\nwait 3100\nbuttonup back\nbuttonup start\n"
    # a wrong PIN typed at the pad
    WRONG = "text 1111\nkey Return\nwait 100\n"
    # the pad's warm orange: a wrong PIN's words and the lock's
    WARM = (0xFF, 0x9A, 0x5C)

    def test_pin_attempts_wear_out_and_the_lock_survives_a_restart(self):
        wrong = "text 1111\nkey Return\nwait 100\ntext 1112\nkey Return\nwait 100\ntext 1113\nkey Return\nwait 100\n"
        # three wrong PINs lock the exit; the right one then does nothing, not even on the pad
        # reopened by the chord
        r = self.kiosk(self.PAD + wrong + "text 2468\nkey Return\nwait 100\n" + self.PAD +
                       "text 2468\nkey Return\nwait 100\n", extra="exit_pin = 2468\n")
        pins = r.of("pin")
        self.assertEqual([(p["ok"], p["fails"], p["locked_ms"]) for p in pins],
                         [(False, 1, 0), (False, 2, 0), (False, 0, 60000)])
        self.assertEqual([e["reason"] for e in r.of("exit")], ["script"])
        # every try in the journal with the time (TZ=UTC, the virtual wall clock), never the PIN
        lines = [l for l in r.err.splitlines() if "operator PIN" in l]
        self.assertEqual(len(lines), 3, r.err)
        for l in lines:
            self.assertRegex(l, r"^quizblitz: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000: operator PIN wrong")
        self.assertNotIn("2468", r.err)
        self.assertIn("locked for 60 s", lines[2])
        with open(os.path.join(self.tmp, "pin-lock")) as f:
            self.assertIn("locks 1", f.read())
        # a restart right away is still locked (the file beside the scores) ...
        r = self.kiosk(self.PAD + "text 2468\nkey Return\nwait 100\n", extra="exit_pin = 2468\n")
        self.assertEqual(r.of("pin"), [])
        self.assertEqual([e["reason"] for e in r.of("exit")], ["script"])
        # ... and a lock over (the pin-lock's end moved back, as time passing would) lets the
        # right PIN out, which starts the count again
        p = os.path.join(self.tmp, "pin-lock")
        with open(p) as f:
            text = f.read()
        with open(p, "w") as f:
            f.write("\n".join(("until 1" if l.startswith("until") else l) for l in text.splitlines()) + "\n")
        r = self.kiosk(self.PAD + "text 2468\nkey Return\nwait 100\n", extra="exit_pin = 2468\n")
        self.assertEqual([(p["ok"], p["locks"]) for p in r.of("pin")], [(True, 0)])
        self.assertEqual([e["reason"] for e in r.of("exit")], ["operator"])
        self.assertRegex(r.err, r"operator PIN right")
        with open(p) as f:
            self.assertIn("locks 0", f.read())

    def test_pin_lock_is_shown_on_the_pad(self):
        """The pad says "Locked, try again in N min" where the PIN goes, with N growing with each
        lock, and nothing else: the same keys, no dots for digits typed while locked, no hint."""
        script = (self.PAD + "screenshot open.bmp\n" + self.WRONG * 2 + "screenshot wrong.bmp\n" + self.WRONG +
                  "screenshot locked1.bmp\ntext 5555\nwait 100\nscreenshot typed.bmp\nkey Escape\nwait 61000\n" +
                  self.PAD + self.WRONG * 3 + "screenshot locked2.bmp\n")
        r = self.kiosk(script, extra="exit_pin = 2468\n")
        self.assertEqual(r.rc, 0, r.err)
        self.assertEqual([(p["ok"], p["locked_ms"]) for p in r.of("pin")],
                         [(False, 0), (False, 0), (False, 60000), (False, 0), (False, 0), (False, 120000)])
        shot = {n: Image(os.path.join(self.tmp, n + ".bmp")) for n in ("open", "wrong", "locked1", "typed", "locked2")}
        # the lock's words in the PIN field, in the pad's warm orange (the wrong PIN's colour too)
        field = shot["locked1"].bbox(self.WARM, tol=12)
        self.assertIsNotNone(field, "no lock text on the pad")
        x0, y0, x1, y1 = field
        w, h = shot["open"].w, shot["open"].h
        self.assertTrue(x0 > w // 5 and x1 < w * 4 // 5 and y1 < h // 2, "the lock text is not in the pad's field: %s"
                        % (field,))
        self.assertGreater(shot["locked1"].count(self.WARM, box=field, tol=12), 150)
        self.assertEqual(shot["open"].count(self.WARM, box=field, tol=12), 0)

        def diff(a, b, box):
            return sum(1 for y in range(box[1], box[3]) for x in range(box[0], box[2])
                       if shot[a].pixel(x, y) != shot[b].pixel(x, y))

        band = (x0 - 4, y0 - 4, x1 + 4, y1 + 4)
        keys = (x0, y1 + h // 10, x1, min(h, y1 + h // 2))  # the keys under the field
        self.assertEqual(diff("open", "locked1", keys), 0, "the keys changed with the lock")
        self.assertGreater(diff("wrong", "locked1", band), 100, "the lock reads as a wrong PIN")
        self.assertEqual(diff("locked1", "typed", band), 0, "digits typed while locked showed up")
        self.assertGreater(diff("locked1", "locked2", band), 10, "1 min and 2 min look the same")
        self.assertLess(diff("locked1", "locked2", band), diff("wrong", "locked1", band),
                        "more than the number changed between 1 and 2 min")

    def test_locked_pad_fits_every_size(self):
        """The lock's words fit their field at every window size, portrait too (a script's
        resize takes a kiosk's fullscreen window to that size: it once read the display's
        pixels into the smaller picture and crashed)."""
        for size in ("800x480", "1280x720", "1920x1080", "3840x2160", "1080x1920"):
            w, h = (int(v) for v in size.split("x"))
            r = self.kiosk("resize %d %d\n" % (w, h) + self.PAD + self.WRONG * 3 + "screenshot s.bmp\n",
                           extra="exit_pin = 2468\n")
            self.assertEqual(r.rc, 0, r.err)
            img = Image(os.path.join(self.tmp, "s.bmp"))
            self.assertEqual((img.w, img.h), (w, h))
            box = img.bbox(self.WARM, tol=12)
            self.assertIsNotNone(box, size)
            # inside the pad (the middle of the screen), with room on both sides: not cut off
            self.assertTrue(w // 10 < box[0] and box[2] < w * 9 // 10 and box[3] < h * 6 // 10, (size, box))
            self.assertGreater(box[2] - box[0], w // 8, (size, box))
            os.unlink(os.path.join(self.tmp, "pin-lock"))

    def test_pin_pad_flood_is_bounded(self):
        """10,000 digits typed, then 10,000 pasted (SDL's 31-byte text events), at the pad: it
        keeps 8, shows 8 dots, and the flood is one wrong PIN, not a thousand tries."""
        flood = "2468" * 2500
        eight = "screenshot eight.bmp\n"
        r = self.kiosk(self.PAD + "text 24682468\nwait 100\n" + eight + "key Escape\nwait 100\n" + self.PAD +
                       "text %s\nwait 100\nscreenshot typed.bmp\nkey Return\nwait 100\n" % flood +
                       "paste %s\nwait 100\nscreenshot pasted.bmp\nkey Return\nwait 100\n" % flood +
                       "text 2468\nkey Return\nwait 100\n", extra="exit_pin = 2468\n")
        self.assertEqual(r.rc, 0, r.err)
        self.assertEqual([(p["ok"], p["fails"]) for p in r.of("pin")], [(False, 1), (False, 2), (True, 0)])
        self.assertEqual([e["reason"] for e in r.of("exit")], ["operator"])
        shots = [Image(os.path.join(self.tmp, n + ".bmp")) for n in ("eight", "typed", "pasted")]
        w, h = shots[0].w, shots[0].h
        pad = (w // 4, 0, w * 3 // 4, h // 3)  # the pad's title and field, over the dimmed round
        for other in shots[1:]:
            self.assertTrue(all(shots[0].pixel(x, y) == other.pixel(x, y) for y in range(pad[1], pad[3], 2)
                                for x in range(pad[0], pad[2], 2)), "a flood shows more than 8 dots")

    def test_name_entry_flood_and_paste(self):
        """The name entry through the real loop: pasted text with a right-to-left override,
        zero-width and control characters becomes the name it shows; 10,000 keystrokes and
        10,000 Backspaces leave it bounded and then empty; the board gets what was shown."""
        to_name = "key Return\nwait 1500\nkey 2\nwait 6500\nwait 3000\nkey Return\nwait 3000\n"  # seed 8: 2 is right
        evil = "\u202eEVIL\u200b\x07\x1b[2J pasted on and on and on \u0301\u0301"
        r = self.kiosk(to_name + "paste %s\nwait 100\nkey Return\nwait 100\n" % evil, seed=8,
                       args=["--round", "1"])
        self.assertEqual(r.rc, 0, r.err)
        hs = r.of("highscore")
        self.assertEqual(len(hs), 1, r.err)
        self.assertEqual(hs[0]["name"], "EVIL[2J past")
        os.unlink(os.path.join(self.tmp, "scores.tsv"))
        flood = "text %s\nwait 100\n" % ("W\u0301" * 5000)
        r = self.kiosk(to_name + flood + "key Return\nwait 100\n", seed=8, args=["--round", "1"])
        name = [e["name"] for e in r.of("highscore")]
        self.assertEqual(len(name), 1, r.err)
        self.assertTrue(0 < len(name[0]) <= 12 and set(name[0]) <= {"W", "\u0301"}, repr(name[0]))
        os.unlink(os.path.join(self.tmp, "scores.tsv"))
        flood += "key Backspace\n" * 10000
        r = self.kiosk(to_name + flood + "paste Ann \u2066Lee\u2069\nwait 100\nkey Return\nwait 100\n", seed=8,
                       args=["--round", "1"])
        self.assertEqual(r.rc, 0, r.err)
        self.assertEqual([e["name"] for e in r.of("highscore")], ["Ann Lee"])
        with open(os.path.join(self.tmp, "scores.tsv"), encoding="utf-8") as f:
            text = f.read()
        self.assertIn("\tAnn Lee\t", text)
        self.assertFalse([c for c in text if ord(c) < 0x20 and c not in "\t\n"], "a control character was saved")

    def test_pin_lock_ends_after_its_time(self):
        r = self.kiosk(self.PAD + self.WRONG * 3 + "wait 61000\n" + self.PAD + "text 2468\nkey Return\nwait 100\n",
                       extra="exit_pin = 2468\npin_lock = 60\n")
        self.assertEqual([e["reason"] for e in r.of("exit")], ["operator"])
        self.assertEqual(r.of("pin")[-1]["ok"], True)

    def test_every_way_out_is_shut(self):
        """Each key and button a visitor may try, on the title and in a round's pause menu: the
        game goes on (the only exit logged is the script's end)."""
        tries = ("key Escape\nclose\nkeydown Left Alt\nkey F4\nkeyup Left Alt\n"
                 "keydown Left Alt\nkey Tab\nkeyup Left Alt\n"
                 "keydown Left Ctrl\nkeydown Left Alt\nkey Backspace\nkey F2\nkeyup Left Alt\nkeyup Left Ctrl\n"
                 "key Left GUI\nkey Right GUI\nbutton guide\nbutton back\nbutton start\nkey F11\n"
                 "keydown Left Alt\nkey Return\nkeyup Left Alt\nwait 100\n")
        # the pause menu of a kiosk has no Quit: its cursor stops at the last item (where a
        # windowed game's Quit is), and Return there only ends the round
        pause = "key Return\nwait 1500\nkey Escape\nwait 100\n" + "key Down\nwait 50\n" * 5 + "key Return\nwait 100\n"
        r = self.kiosk(tries + pause + tries + "wait 500\n")
        self.assertEqual([e["reason"] for e in r.of("exit")], ["script"])
        self.assertEqual(r.rc, 0, r.err)

    def same_pixels(self, a, b):
        """Whether two screenshots in the test's directory are the same picture."""
        ia, ib = Image(os.path.join(self.tmp, a)), Image(os.path.join(self.tmp, b))
        return (ia.w, ia.h) == (ib.w, ib.h) and all(
            ia.pixel(x, y) == ib.pixel(x, y) for y in range(0, ia.h, 3) for x in range(0, ia.w, 3))

    # a long press: the finger down, held past the operator chord's 3 s, lifted
    LONG = "touchdown %.2f %.2f\nwait 5000\n"

    def test_long_press_is_one_tap_and_no_way_out(self):
        """A long press on a kiosk's touch screen counts once, when the finger goes down; while it
        rests nothing appears (no menu, no operator hold, no PIN pad) and lifting it does
        nothing. SDL itself sends nothing while a finger rests (no long-press gesture or right
        click on Linux), and the game ignores right clicks (test_x11 holds a real X pointer)."""
        extra = "exit_pin = 2468\n"
        # on the title's logo and its boards, where a tap means nothing: the picture 5 s into the
        # press and after it is the title's own, as if nobody had touched it
        press = ("wait 500\n" + self.LONG % (0.5, 0.1) + "screenshot held.bmp\ntouchup 0.5 0.1\nwait 100\n" +
                 self.LONG % (0.77, 0.4) + "touchup 0.77 0.4\nwait 100\nscreenshot after.bmp\n")
        r = self.kiosk(press, extra=extra)
        self.assertEqual([e["reason"] for e in r.of("exit")], ["script"])
        self.assertEqual(r.of("round_start"), [])
        r = self.kiosk("wait 5500\nscreenshot idle.bmp\nwait 5200\nscreenshot idle2.bmp\n", extra=extra)
        self.assertTrue(self.same_pixels("held.bmp", "idle.bmp"), "a resting finger changed the title")
        self.assertTrue(self.same_pixels("after.bmp", "idle2.bmp"), "a long press left something on the title")
        # in a round: a long press on START starts it once; on the right choice answers it once;
        # on the reveal moves on once; none leaves the game
        qs = questions(seed=3, n=2)
        centres = [(0.26, 0.59), (0.74, 0.59), (0.26, 0.84), (0.74, 0.84)]
        x0, y0 = centres[qs[0]["correct"]]
        x1, y1 = centres[qs[1]["correct"]]
        script = (self.LONG % (0.25, 0.85) + "touchup 0.25 0.85\nwait 1500\n" +
                  self.LONG % (x0, y0) + "touchup %.2f %.2f\nwait 100\n" % (x0, y0) +
                  self.LONG % (0.5, 0.5) + "touchup 0.5 0.5\nwait 1500\n" +
                  self.LONG % (x1, y1) + "touchup %.2f %.2f\nwait 100\n" % (x1, y1))
        r = self.kiosk(script, extra=extra + "reveal_auto = 100\n", seed=3)
        self.assertEqual(len(r.of("round_start")), 1, r.err)
        self.assertEqual([(a["n"], a["correct"]) for a in r.of("answer")], [(1, True), (2, True)], r.err)
        self.assertEqual([e["reason"] for e in r.of("exit")], ["script"])
        self.assertEqual(r.rc, 0, r.err)

    def test_controller_guide_and_unplug_replug(self):
        """A controller through SDL's own controller code (a virtual pad: SDL maps its buttons,
        queues the events and the device's coming and going, input.c opens and closes it): the
        Guide button, pressed and held, leaves nothing; a pad pulled out mid-round and plugged
        back in keeps playing, and so does an arcade stick; a half-held chord does not outlive
        the pad."""
        qs = questions(seed=6, n=3)
        names = ["a", "b", "x", "y"]
        script = ("pad plug\nwait 100\npad press guide\nwait 100\npad down guide\nwait 4000\npad up guide\n"
                  "pad press a\nwait 1500\n"                                       # a round, from the pad
                  "pad press guide\nwait 100\npad press %s\nwait 100\n"            # Guide, then the answer
                  "pad unplug\nwait 3000\npad plug\nwait 100\npad press a\nwait 1500\n"  # out and in again
                  "pad press %s\nwait 100\n"
                  "pad down back\nwait 500\npad unplug\nwait 500\npad plug\n"      # Back held as it goes
                  "pad down start\nwait 4000\npad up start\nwait 100\n" % (names[qs[0]["correct"]], names[qs[1]["correct"]]))
        r = self.kiosk(script, extra="reveal_auto = 100\n", seed=6)
        self.assertEqual(len(r.of("round_start")), 1, r.err)
        self.assertEqual([(a["n"], a["correct"]) for a in r.of("answer")], [(1, True), (2, True)], r.err)
        self.assertEqual([e["reason"] for e in r.of("exit")], ["script"])
        self.assertEqual(r.rc, 0, r.err)
        # an arcade stick (an encoder: a plain joystick, buttons 1-4 answer) pulled out and back
        stick = ("pad plug stick\nwait 100\npad press 1\nwait 1500\npad press %d\nwait 100\n"
                 "pad unplug\nwait 3000\npad plug stick\nwait 100\npad press 1\nwait 1500\npad press %d\nwait 100\n"
                 % (qs[0]["correct"] + 1, qs[1]["correct"] + 1))
        r = self.kiosk(stick, extra="reveal_auto = 100\n", seed=6)
        self.assertEqual([(a["n"], a["correct"]) for a in r.of("answer")], [(1, True), (2, True)], r.err)
        self.assertEqual([e["reason"] for e in r.of("exit")], ["script"])
        # the same pad's Back+Start held together is the operator's chord: the path is live
        r = self.kiosk("pad plug\npad down back\npad down start\nwait 3200\n")
        self.assertEqual([e["reason"] for e in r.of("exit")], ["operator"])
        # a script that presses a pad nobody plugged in is refused before it runs
        r = self.kiosk("pad press a\npad plug\npad plug\npad unplug\npad plug stick\npad press a\npad press 7\n"
                       "pad press 6\n")
        self.assertEqual(r.rc, 64)
        self.assertRegex(r.err, r"script.txt:1: error: no pad is plugged in")
        self.assertRegex(r.err, r"script.txt:3: error: the pad is plugged in already")
        self.assertRegex(r.err, r'script.txt:6: error: a stick\'s buttons are numbered 1 to 6, not "a"')
        self.assertRegex(r.err, r'script.txt:7: error: a stick\'s buttons are numbered 1 to 6, not "7"')
        self.assertNotIn("script.txt:8:", r.err)

    def test_hashed_pin(self):
        p = subprocess.run([BIN, "--hash-pin"], input="2468\n", capture_output=True, text=True, timeout=30)
        self.assertEqual(p.returncode, 0, p.stderr)
        line = p.stdout.strip()
        self.assertRegex(line, r"^exit_pin_hash = \$y\$\S+$")
        self.assertNotIn("2468", line)
        bad = subprocess.run([BIN, "--hash-pin"], input="12a4\n", capture_output=True, text=True, timeout=30)
        self.assertEqual(bad.returncode, 64)
        self.assertIn("4 to 8 digits", bad.stderr)
        # the line pasted into the config: a wrong PIN is refused, the right one exits, and no
        # warning about a plain PIN
        r = self.kiosk(self.PAD + "text 1111\nkey Return\nwait 100\ntext 2468\nkey Return\nwait 100\n",
                       extra=line + "\n")
        self.assertEqual([p["ok"] for p in r.of("pin")], [False, True])
        self.assertEqual([e["reason"] for e in r.of("exit")], ["operator"])
        self.assertNotIn("plain text", r.err)
        # a plain exit_pin still works, with a warning at start-up
        r = self.kiosk("wait 100\n", extra="exit_pin = 2468\n")
        self.assertIn("warning: exit_pin is kept as plain text", r.err)

    def test_damaged_pin_lock_fails_closed(self):
        with open(os.path.join(self.tmp, "pin-lock"), "w") as f:
            f.write("locks many\n")
        r = self.kiosk(self.PAD + "text 2468\nkey Return\nwait 100\n", extra="exit_pin = 2468\n")
        self.assertIn("pin-lock:1: ", r.err)
        self.assertEqual([e["reason"] for e in r.of("exit")], ["script"])


if __name__ == "__main__":
    unittest.main()
