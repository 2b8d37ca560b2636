#!/usr/bin/env python3
"""soak.py: runs the kiosk for a long stretch of virtual time with random input from a seeded
generator (answers, taps, controller buttons, idle gaps long enough for every time-out and for
attract mode, name entry) and checks that memory stays flat.

    soak.py BIN DECK [--hours H] [--seed N] [--max-growth-kb K] [--no-rss] [--wrap CMD...]

The run itself is the real binary in script mode (virtual time, dummy drivers). Its resident
memory (VmRSS of the game process) is sampled while it runs, against the virtual time reached
(read from the event log as it grows). Passes when the peak anonymous memory of the last quarter
of the run exceeds that of the second quarter by no more than --max-growth-kb (default 2048: the
caches of rendered text and glyphs take about a day of play to fill; a 72-hour run levels off), and
the program exits 0. Under a
sanitizer build or --wrap valgrind (both with --no-rss), any error the tool reports fails the
run: valgrind's --error-exitcode and ASan's exit code make the exit status non-zero."""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time

KEYS = ["1", "2", "3", "4", "A", "B", "C", "D", "Return", "Escape", "Up", "Down", "Left", "Right",
        "Space", "Backspace", "M", "S", "Tab", "F11"]
BUTTONS = ["a", "b", "x", "y", "dpup", "dpdown", "dpleft", "dpright", "start"]
NAMES = ["ADA", "Grace", "Linus", "Ken", "Dennis", "Margaret", "Zoë", "李雷", "Ünïcødé ☃", "x" * 30]


def make_script(hours, seed):
    """A script of random player behaviour covering `hours` of virtual time."""
    rnd = random.Random(seed)
    lines = ["# soak: %g hours of virtual time, seed %d" % (hours, seed)]
    t, end = 0, int(hours * 3600 * 1000)
    resized = False
    while t < end:
        if not resized and t >= end // 20:
            lines.append("resize 1280 720")
            resized = True
        r = rnd.random()
        if r < 0.06:
            # walk away: long enough for "Still there?", attract mode, the name entry time-out
            gap = rnd.choice([35000, 50000, 65000, 120000, 300000, 900000])
        elif r < 0.5:
            gap = rnd.randint(200, 4000)
        else:
            gap = rnd.randint(800, 12000)
        lines.append("wait %d" % gap)
        t += gap
        r = rnd.random()
        if r < 0.2:
            lines.append("key Return")
        elif r < 0.45:
            lines.append("key %s" % rnd.choice(KEYS[:8]))
        elif r < 0.6:
            lines.append("key %s" % rnd.choice(KEYS))
        elif r < 0.72:
            lines.append("click %.3f %.3f" % (rnd.random(), rnd.random()))
        elif r < 0.84:
            lines.append("button %s" % rnd.choice(BUTTONS))
        elif r < 0.92:
            lines.append("text %s" % rnd.choice(NAMES))
            lines.append("key Return")
        elif r < 0.97:
            # draw for a while, as the real loop would (textures, the text cache)
            lines.append("frames %d" % rnd.randint(5, 90))
        elif t < end // 20:
            # window sizes change only early on: a bigger window rightly takes more memory,
            # so the measured stretch (after the first tenth) keeps one size
            lines.append("resize %d %d" % rnd.choice([(1920, 1080), (1080, 1920), (800, 480), (1280, 720)]))
    lines.append("frames 30")
    return "\n".join(lines) + "\n"


def rss_kb(pid):
    """(anonymous, file-backed) resident kB of a process. Anonymous memory is what a leak grows;
    file-backed pages are code and fonts paged in as new paths run, which only level off."""
    anon = filed = None
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("RssAnon:"):
                    anon = int(line.split()[1])
                elif line.startswith("RssFile:"):
                    filed = int(line.split()[1])
    except OSError:
        return None
    return (anon, filed) if anon is not None else None


def last_t_ms(path, pos):
    """Virtual time of the last complete event line past byte pos; returns (t_ms, new pos)."""
    t = None
    try:
        with open(path, "rb") as f:
            f.seek(pos)
            data = f.read()
    except OSError:
        return None, pos
    cut = data.rfind(b"\n")
    if cut < 0:
        return None, pos
    for line in data[:cut].splitlines():
        try:
            t = json.loads(line)["t_ms"]
        except (ValueError, KeyError):
            pass
    return t, pos + cut + 1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bin")
    ap.add_argument("deck")
    ap.add_argument("--hours", type=float, default=24)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--max-growth-kb", type=int, default=2048)
    ap.add_argument("--no-rss", action="store_true", help="no memory check (sanitizer and valgrind runs)")
    ap.add_argument("--wrap", nargs=argparse.REMAINDER, default=[], help="a command to run the game under")
    a = ap.parse_args()
    a.bin, a.deck = os.path.abspath(a.bin), os.path.abspath(a.deck)

    tmp = tempfile.mkdtemp(prefix="qb-soak-")
    script = os.path.join(tmp, "soak.txt")
    with open(script, "w", encoding="utf-8") as f:
        f.write(make_script(a.hours, a.seed))
    conf = os.path.join(tmp, "kiosk.conf")
    with open(conf, "w") as f:
        f.write("[kiosk]\nenabled = true\n")
    events = os.path.join(tmp, "events.jsonl")
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    env.pop("DISPLAY", None)
    cmd = a.wrap + [a.bin, "--seed", str(a.seed), "--script", script, "--events", events,
                    "--scores", os.path.join(tmp, "scores.tsv"), "--config", conf, a.deck]
    t0 = time.monotonic()
    errf = open(os.path.join(tmp, "stderr.txt"), "w+", errors="replace")
    p = subprocess.Popen(cmd, env=env, cwd=tmp, stderr=errf)
    samples = []  # (virtual ms, rss kB)
    pos, vt = 0, 0
    while p.poll() is None:
        time.sleep(0.25)
        t, pos = last_t_ms(events, pos)
        if t is not None:
            vt = t
        kb = rss_kb(p.pid)
        if kb:
            samples.append((vt, kb))
    errf.seek(0)
    err = errf.read()
    errf.close()
    took = time.monotonic() - t0
    end_ms = int(a.hours * 3600 * 1000)
    kinds = {}
    with open(events, encoding="utf-8") as f:
        for line in f:
            e = json.loads(line)
            kinds[e["event"]] = kinds.get(e["event"], 0) + 1
    print("soak: %g h of virtual time in %.0f s of wall time, exit %d" % (a.hours, took, p.returncode))
    print("soak: events: " + ", ".join("%s %d" % kv for kv in sorted(kinds.items())))
    ok = p.returncode == 0
    if not ok:
        print("soak: the program failed:\n" + err[-6000:])
    if samples and not a.no_rss:
        # measured on the plain build only (a tool's own memory would hide ours); the check is
        # on anonymous memory (heap, textures), where a leak shows
        # Caches (rendered text, glyphs) fill and empty as screens change, so single samples
        # jump by megabytes. Compare peaks: the highest anonymous memory of the second quarter
        # of the run (caches warm) against the highest of the last quarter.
        def peak_anon(lo, hi):
            w = [kb[0] for t, kb in samples if lo * end_ms <= t <= hi * end_ms]
            return max(w) if w else samples[-1][1][0]
        first, last = peak_anon(0.25, 0.5), peak_anon(0.75, 1.0)
        peak = max(an + fi for _, (an, fi) in samples)
        for frac in (0.1, 0.25, 0.5, 0.75, 1.0):
            at = [kb for t, kb in samples if t <= frac * end_ms]
            if at:
                an, fi = at[-1]
                print("soak: at %3d%% of the run (%5.1f h): RSS %6d kB = anonymous %6d + file %6d"
                      % (frac * 100, frac * a.hours, an + fi, an, fi))
        growth = last - first
        print("soak: peak anonymous memory in the 2nd quarter %d kB, in the last quarter %d kB "
              "(growth %+d kB); peak RSS %d kB" % (first, last, growth, peak))
        if growth > a.max_growth_kb:
            print("soak: FAIL: memory grew by %d kB (limit %d kB)" % (growth, a.max_growth_kb))
            ok = False
    print("soak: %s" % ("PASS" if ok else "FAIL"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
