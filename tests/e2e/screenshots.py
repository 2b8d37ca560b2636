"""screenshots.py: the README's pictures, made by the game's own headless mode (make screenshots).

It plays the bundled decks as a player would: picks Virtualization on the title, answers right
for a streak, misses one so the reveal shows a wrong pick and its explanation, enters a name,
and shows the boards; then a question in portrait (1080x1920) and on a small screen (800x480);
then a reveal of each test deck in another script (tests/decks/scripts: Japanese, Arabic, Hindi,
emoji) as script-*.png; and the title and a reveal in German (800x480) and in Arabic (mirrored,
1920x1080).
The right answers come from a first run that lets every question time out (the deal depends
only on the seed and the deck). Writes PNGs into assets/screenshots/ (needs `convert`).
"""
import os
import shutil
import subprocess
import sys
import tempfile

from qb import ROOT, questions, run

CARDS = os.path.join(ROOT, "cards")
OUT = os.path.join(ROOT, "assets", "screenshots")
SEED = 3
PICK = "key Down"  # the title lists Containers, then Virtualization: pick the second
INTRO = 1200         # the question shows alone for about a second


def main():
    qs = questions(seed=SEED, decks=[CARDS], title=[PICK])
    if len(qs) != 10:
        sys.exit("screenshots: the deal run dealt %d questions, not 10" % len(qs))
    right = [q["correct"] + 1 for q in qs]
    wrong = [(q["correct"] + 1) % len(q["choices"]) + 1 for q in qs]
    s = ["wait 300", PICK, "wait 300", "screenshot title.bmp", "key Return"]
    for i in range(10):
        s.append("wait %d" % (INTRO + 1500))
        if i == 5:
            s.append("screenshot question.bmp")
        s.append("key %d" % (wrong[i] if i == 5 else right[i]))
        s.append("wait 700")
        if i == 2:
            s.append("screenshot streak.bmp")
        if i == 5:
            s.append("screenshot reveal.bmp")
        s.append("wait 1900")  # the rest of the explanation's reading time (at most 2.5 s)
        s.append("key Return")
    s += ["wait 2500", "screenshot results.bmp", "key Return", "wait 800", "text Ada", "wait 300",
          "screenshot name.bmp", "key Return", "wait 1200", "screenshot scores.bmp", "key Return", "wait 300"]
    tmp = tempfile.mkdtemp(prefix="qb-shots-")
    r = run("\n".join(s) + "\n", decks=[CARDS], seed=SEED, window="1920x1080", tmp=tmp)
    if r.rc != 0:
        sys.exit("screenshots: " + r.err)
    shots = {f: os.path.join(tmp, f + ".bmp")
             for f in ("title", "question", "streak", "reveal", "results", "name", "scores")}
    dirs = [tmp]
    # the same question in portrait and on a small screen
    for name, window in (("portrait", "1080x1920"), ("small", "800x480")):
        d = tempfile.mkdtemp(prefix="qb-shots-")
        dirs.append(d)
        p = "wait 300\n%s\nwait 300\nkey Return\nwait %d\nscreenshot q.bmp\nkey %d\nwait 700\nscreenshot r.bmp\n" % (
            PICK, INTRO + 1500, wrong[0])
        r = run(p, decks=[CARDS], seed=SEED, window=window, tmp=d)
        if r.rc != 0:
            sys.exit("screenshots: " + r.err)
        shots[name] = os.path.join(d, "q.bmp")
        shots[name + "-reveal"] = os.path.join(d, "r.bmp")
    # one reveal of each script's deck (a wrong pick, so the right answer and the explanation show)
    for lang in ("ja", "ar", "hi", "emoji"):
        d = tempfile.mkdtemp(prefix="qb-shots-")
        dirs.append(d)
        p = "wait 300\nkey Return\nwait %d\nkey 2\nwait 700\nscreenshot r.bmp\n" % (INTRO + 1500)
        r = run(p, decks=[os.path.join(ROOT, "tests", "decks", "scripts", lang + ".md")], seed=SEED,
                window="1280x720", tmp=d)
        if r.rc != 0:
            sys.exit("screenshots: " + r.err)
        shots["script-" + lang] = os.path.join(d, "r.bmp")
    # the interface in German on a small screen and in Arabic (the whole screen mirrored),
    # the language from the environment as a player's system gives it
    for name, lang, window in (("de-small", "de", "800x480"), ("ar", "ar", "1920x1080")):
        d = tempfile.mkdtemp(prefix="qb-shots-")
        dirs.append(d)
        p = "wait 300\n%s\nwait 300\nscreenshot t.bmp\nkey Return\nwait %d\nkey %d\nwait 700\nscreenshot r.bmp\n" % (
            PICK, INTRO + 1500, wrong[0])
        r = run(p, decks=[CARDS], seed=SEED, window=window, tmp=d, extra_env={"LANG": "C.UTF-8", "LANGUAGE": lang})
        if r.rc != 0:
            sys.exit("screenshots: " + r.err)
        shots[name + "-title"] = os.path.join(d, "t.bmp")
        shots[name + "-reveal"] = os.path.join(d, "r.bmp")
    os.makedirs(OUT, exist_ok=True)
    for name, bmp in sorted(shots.items()):
        png = os.path.join(OUT, name + ".png")
        subprocess.run(["convert", bmp, "-strip", png], check=True)
        print(png)
    for d in dirs:
        shutil.rmtree(d)


if __name__ == "__main__":
    main()
