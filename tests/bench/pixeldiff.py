#!/usr/bin/env python3
"""pixeldiff.py: do two builds of quizblitz draw the same pixels? Python 3 standard library only.

Runs the same scripted sessions (every scene, every animation, several window sizes) on two
binaries and compares every screenshot pixel by pixel. Screenshots are taken after runs of
`frames`, so a renderer that redraws only what changed is checked against one that redraws
everything, frame after frame, not just on a fresh frame. Both binaries of a session run at the
same time: the boards show the wall clock's minute.

Usage: pixeldiff.py REFERENCE_BIN SUBJECT_BIN [--sizes 1920x1080,...] [--keep]
       pixeldiff.py --full-redraw BIN [--sizes ...]   (BIN against itself with QB_FULL_REDRAW=1:
                                                       a partial redraw equals a full one)
Exit status 0 when every screenshot is identical, 1 otherwise. tests/e2e/test_redraw.py runs
compare() at three sizes in make test.
"""
import argparse
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DECK = os.path.join(ROOT, "cards", "virtualization.md")
SIZES = "1920x1080,1280x720,800x480,1080x1920,1366x768,3840x2160"


def env(extra=None):
    e = dict(os.environ)
    for k in ("DISPLAY", "WAYLAND_DISPLAY", "LD_PRELOAD", "QB_FULL_REDRAW"):
        e.pop(k, None)
    e.update({"SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "TZ": "UTC"})
    e.update(extra or {})
    return e


def pixels(path):
    """(w, h, bottom_up, bytes of 32-bit pixels) of a BMP written by SDL_SaveBMP."""
    with open(path, "rb") as f:
        d = f.read()
    off = struct.unpack_from("<I", d, 10)[0]
    w, h = struct.unpack_from("<ii", d, 18)
    bpp = struct.unpack_from("<H", d, 28)[0]
    if bpp != 32:
        raise ValueError("%s: %d bpp" % (path, bpp))
    return w, abs(h), h > 0, d[off:off + w * abs(h) * 4]


def diff(a, b):
    """(pixels that differ, largest channel difference, bbox) of two BMPs (RGB only)."""
    wa, ha, up, pa = pixels(a)
    wb, hb, _, pb = pixels(b)
    if (wa, ha) != (wb, hb):
        return (-1, 255, None)
    if pa == pb:
        return (0, 0, None)
    n, m = 0, 0
    x0 = y0 = 1 << 30
    x1 = y1 = -1
    for i in range(0, len(pa), 4):
        if pa[i:i + 3] != pb[i:i + 3]:
            n += 1
            m = max(m, max(abs(pa[i + k] - pb[i + k]) for k in range(3)))
            p = i // 4
            x, y = p % wa, p // wa
            if up:
                y = ha - 1 - y
            x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x), max(y1, y)
    return (n, m, (x0, y0, x1, y1) if n else None)


def start(binary, script, tmp, size, seed, extra=(), scores=None, extra_env=None):
    """Starts one scripted session; returns what finish() needs."""
    os.makedirs(tmp, exist_ok=True)
    sp = os.path.join(tmp, "script.txt")
    with open(sp, "w") as f:
        f.write(script)
    ev = os.path.join(tmp, "events.jsonl")
    sc = os.path.join(tmp, "scores.tsv")
    if scores:
        shutil.copy(scores, sc)
    cmd = [binary, "--seed", str(seed), "--script", sp, "--events", ev, "--window", size, "--scores", sc]
    cmd += list(extra) + [DECK]
    errf = open(os.path.join(tmp, "stderr.txt"), "w")
    p = subprocess.Popen(cmd, cwd=tmp, env=env(extra_env), stdout=subprocess.DEVNULL, stderr=errf)
    return p, cmd, ev, errf


def finish(job):
    p, cmd, ev, errf = job
    rc = p.wait(timeout=900)
    errf.close()
    if rc != 0:
        with open(errf.name) as f:
            raise RuntimeError("%s failed (%d): %s" % (" ".join(cmd), rc, f.read()[-500:]))
    with open(ev) as f:
        return [json.loads(x) for x in f if x.strip()]


def run(*args, **kw):
    return finish(start(*args, **kw))


def answers(binary, tmp, seed):
    """The right choice of each of the first ten questions a seed deals."""
    s = "wait 300\nkey Return\n" + "wait 1200\nkey 1\nwait 2600\nkey Return\n" * 10
    evs = run(binary, s, tmp, "640x360", seed)
    return [e["correct"] for e in evs if e["event"] == "question"][:10]


def sessions(correct):
    """Scripts, each a list of lines with screenshots named s_*.bmp."""
    c = correct
    out = {}
    # a round: the title, a question alone, sliding in, the countdown, the cursor, answers right
    # (flash, streak banner, score counting up) and wrong (shake), pause, results, name, scores
    s = ["frames 2", "screenshot s_title0.bmp", "frames 30", "screenshot s_title.bmp", "key Down", "frames 3",
         "key Return", "frames 20", "screenshot s_q_alone.bmp", "frames 45", "screenshot s_q_slide_a.bmp",
         "frames 6", "screenshot s_q_slide_b.bmp", "frames 30", "screenshot s_q_count.bmp",
         "key Down", "frames 2", "screenshot s_q_cursor.bmp", "key Right", "frames 2", "screenshot s_q_cursor2.bmp"]
    for i in range(3):
        s += ["key %d" % (c[i] + 1), "frames 4", "screenshot s_r%d_flash.bmp" % i, "frames 14",
              "screenshot s_r%d_mid.bmp" % i, "frames 30", "screenshot s_r%d_end.bmp" % i, "frames 110", "key Return",
              "frames 12", "screenshot s_q%d_banner.bmp" % (i + 1), "frames 60", "screenshot s_q%d_b.bmp" % (i + 1)]
    s += ["key Escape", "frames 3", "screenshot s_pause.bmp", "key Down", "frames 2", "screenshot s_pause2.bmp",
          "key Escape", "frames 3", "screenshot s_unpause.bmp"]
    s += ["key %d" % ((c[3] + 1) % 4 + 1), "frames 3", "screenshot s_wrong_a.bmp", "frames 6",
          "screenshot s_wrong_b.bmp", "frames 40", "screenshot s_wrong_c.bmp", "frames 110", "key Return"]
    for i in range(4, 10):
        s += ["frames 70", "key %d" % (c[i] + 1 if i % 3 else (c[i] + 1) % 4 + 1), "frames 160", "key Return"]
        if i == 6:
            s[-1:-1] = ["screenshot s_r6.bmp"]
    s += ["frames 20", "screenshot s_results_a.bmp", "frames 40", "screenshot s_results_b.bmp",
          "frames 60", "key Return", "frames 20", "text Ada", "frames 40", "screenshot s_name.bmp", "key Return", "frames 30", "screenshot s_after.bmp",
          "key Return", "frames 30", "screenshot s_end.bmp", "wait 31000", "frames 1", "screenshot s_idle.bmp"]
    out["round"] = s
    # the countdown running out: urgent bar, a time-out, the clock mark
    out["timeout"] = ["key Return", "frames 60", "wait 9000", "frames 2", "screenshot s_urgent_a.bmp",
                      "frames 90", "screenshot s_urgent_b.bmp", "wait 20000", "frames 5", "screenshot s_timeup.bmp",
                      "key Return", "frames 30", "key Escape", "frames 2", "key Down", "key Down", "key Return",
                      "frames 30", "screenshot s_quit_title.bmp"]
    # resize in the middle of an animation
    out["resize"] = ["key Return", "frames 80", "resize 1024 768", "frames 3", "screenshot s_resized.bmp",
                     "frames 20", "screenshot s_resized2.bmp"]
    return out


def kiosk_sessions():
    # Kiosk mode is fullscreen: the dummy display's 1024x768, whatever --window says; "resize"
    # lays a fullscreen window out for another size anyway (drawn clipped to the display), so the
    # demo's pill is drawn as at 1920x1080, and at 1280x960, 1152x864 and 1300x780, where its
    # fan folds over itself (some translucent pixels are blended twice). One resize per session,
    # to sizes no smaller than the display each way: a screenshot of a smaller layout crashes in
    # SDL_RenderReadPixels in every build (it reads the display's height into the layout's).
    out = {}
    for w, h in ((1920, 1080), (1280, 960), (1152, 864), (1300, 780)):
        out["kiosk_%d" % w] = ["resize %d %d" % (w, h), "wait 37000", "frames 30", "screenshot s_kb_a.bmp",
                               "frames 45", "screenshot s_kb_b.bmp", "frames 120", "screenshot s_kb_c.bmp"]
    out["kiosk"] = ["frames 10", "wait 5000", "frames 3", "screenshot s_k_title.bmp", "wait 8000", "frames 3",
                    "screenshot s_k_today.bmp", "wait 8000", "frames 3", "screenshot s_k_alltime.bmp",
                    "wait 8000", "frames 3", "screenshot s_k_howto.bmp", "wait 8000", "frames 90",
                    "screenshot s_k_demo_a.bmp", "frames 150", "screenshot s_k_demo_b.bmp", "key Return",
                    "frames 10", "screenshot s_k_back.bmp", "key Return", "frames 80", "wait 45000", "frames 20",
                    "screenshot s_k_still.bmp", "key Return", "frames 10", "screenshot s_k_kept.bmp"]
    return out


def compare(reference, subject, sizes, tmp, ref_env=None, say=print, keep=False):
    """Plays every session on both binaries (reference with ref_env) at each size; returns
    (screenshots that differ, screenshots compared)."""
    seed = 11
    correct = answers(subject, os.path.join(tmp, "learn"), seed)
    cfg = os.path.join(tmp, "kiosk.conf")
    with open(cfg, "w") as f:
        f.write("[kiosk]\nattract_after = 5\n")
    # a score file with entries, so the boards and the title's best score have rows
    seedscores = os.path.join(tmp, "seed-scores.tsv")
    run(subject, "key Return\n" + "wait 1200\nkey 1\nwait 2600\nkey Return\n" * 10 +
        "wait 1600\nkey Return\nwait 800\ntext Zed\nkey Return\nwait 500\n", os.path.join(tmp, "seedrun"), "640x360", 5)
    shutil.copy(os.path.join(tmp, "seedrun", "scores.tsv"), seedscores)
    bad = 0
    total = 0
    for k, size in enumerate(sizes):
        jobs = [(n, s, ()) for n, s in sessions(correct).items()]
        if k == 0:  # kiosk mode draws at the display's size, whatever --window says
            jobs += [(n, s, ("--kiosk", "--config", cfg)) for n, s in kiosk_sessions().items()]
        for name, lines, extra in jobs:
            dirs, running = [], []
            for tag, binary, e in (("ref", reference, ref_env), ("sub", subject, None)):
                d = os.path.join(tmp, size, name, tag)
                running.append(start(binary, "\n".join(lines) + "\n", d, size, seed, extra, scores=seedscores,
                                     extra_env=e))
                dirs.append(d)
            for j in running:
                finish(j)
            shots = sorted(f for f in os.listdir(dirs[0]) if f.endswith(".bmp"))
            for f in shots:
                total += 1
                n, m, box = diff(os.path.join(dirs[0], f), os.path.join(dirs[1], f))
                if n:
                    bad += 1
                    say("%-10s %-10s %-22s %7d pixels differ (max %3d) in %s" % (size, name, f, n, m, box))
            say("%-10s %-10s %d screenshots compared" % (size, name, len(shots)))
            for d in dirs if not keep else ():  # 33 MB of screenshots a session at 3840x2160
                for f in shots:
                    os.unlink(os.path.join(d, f))
    return bad, total


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("reference", nargs="?")
    ap.add_argument("subject")
    ap.add_argument("--full-redraw", action="store_true",
                    help="compare SUBJECT with itself drawing every changed frame whole")
    ap.add_argument("--sizes", default=SIZES)
    ap.add_argument("--keep", action="store_true")
    a = ap.parse_args()
    ref_env = None
    if a.full_redraw:
        a.reference, ref_env = a.subject, {"QB_FULL_REDRAW": "1"}
    elif not a.reference:
        ap.error("give REFERENCE_BIN and SUBJECT_BIN, or --full-redraw BIN")
    a.reference, a.subject = os.path.abspath(a.reference), os.path.abspath(a.subject)
    tmp = tempfile.mkdtemp(prefix="qb-pixeldiff-")
    try:
        bad, total = compare(a.reference, a.subject, a.sizes.split(","), tmp, ref_env,
                             say=lambda m: print(m, flush=True), keep=a.keep)
    finally:
        if a.keep:
            print("kept: " + tmp)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    print("pixeldiff: %d of %d screenshots differ" % (bad, total))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
