"""tmpcheck.py: proves a test run left nothing in the temporary directories (tests/run.sh).

  tmpcheck.py start STATE RUNPID     before the tests: what /tmp holds, and when; starts a
                                     watcher that notes other quizblitz tests running (every
                                     second, until `end` or until RUNPID is gone)
  tmpcheck.py end STATE RUNPID DIR   after them: stops the watcher; exit 1 when anything is left

The suite runs with TMPDIR set to DIR, a directory of its own, so every file the tests make
(Python's tempfile, mkdtemp in the unit tests, mktemp) lands there: after the run DIR must be
empty, whatever else the machine is doing. That is the strict check.

X servers put their display files in /tmp whatever TMPDIR says (test_x11's Xvfb, the Xwayland of
test_cage's cage), and a test could name /tmp itself. So /tmp is compared before and after too,
counting only what the suite could have made: entries new since the start, created during the
run, owned by this user and named as the tests name things (qb-...), and X
display lock files whose server is gone (any owner: cage runs as nobody under root). On a
machine where other quizblitz tests run at the same time (another checkout's suite) such an entry
may be theirs: then the entries are listed as a warning, not a failure; on a machine running
only this suite (CI, a developer's) they fail the run."""
import json
import os
import re
import sys
import time

# the shared temporary directory (QB_TMPCHECK_ROOT: another one, for test_tmpcheck.py)
TMP = os.environ.get("QB_TMPCHECK_ROOT") or "/tmp"
SUITE_NAME = re.compile(r"^qb-")
X_LOCK = re.compile(r"^\.X(\d+)-lock$")


def ancestors(pid):
    """pid and every parent up to init."""
    out = []
    while pid > 1:
        out.append(pid)
        try:
            with open("/proc/%d/stat" % pid) as f:
                pid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            break
    return out


def others(run_pid):
    """Command lines of quizblitz tests running now that are not this run's: the game itself or a
    unittest, outside this run's process tree (and not its parents, e.g. make)."""
    mine = set(ancestors(os.getpid()))
    found = []
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        pid = int(d)
        try:
            with open("/proc/%d/cmdline" % pid, "rb") as f:
                cmd = f.read().replace(b"\0", b" ").decode("utf-8", "replace").strip()
        except OSError:
            continue
        if not ("quizblitz" in cmd or "unittest" in cmd or "tests/run.sh" in cmd):
            continue
        chain = ancestors(pid)
        if run_pid in chain or pid in mine:
            continue
        found.append("%d %s" % (pid, cmd[:160]))
    return found


def server_gone(path):
    """1 if an X lock file names a process that no longer exists."""
    try:
        with open(path, "rb") as f:
            pid = int(f.read().strip(b"\0 \n") or b"0")
    except (OSError, ValueError):
        return False
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def alive(pid):
    """1 if pid runs (a zombie, ended but not yet reaped by whoever adopted it, does not)."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def watch(seen_path, run_pid):
    """The watcher: every second, the other quizblitz tests running now, into seen_path."""
    seen = set()
    while alive(run_pid) and os.path.exists(seen_path):
        for o in others(run_pid):
            if o not in seen:
                seen.add(o)
                with open(seen_path, "a") as f:
                    f.write(o + "\n")
        time.sleep(1.0)


def start(state, run_pid):
    seen_path = state + ".seen"
    open(seen_path, "w").close()
    pid = os.fork()
    if pid == 0:  # the watcher: its own session, no terminal, out of the run's output
        os.setsid()
        fd = os.open(os.devnull, os.O_RDWR)
        for n in (0, 1, 2):
            os.dup2(fd, n)
        try:
            watch(seen_path, run_pid)
        finally:
            os._exit(0)
    with open(state, "w") as f:
        json.dump({"t0": time.time(), "names": sorted(os.listdir(TMP)), "watcher": pid}, f)
    return 0


def stop_watcher(state, st):
    """Stops the watcher and returns what it saw."""
    seen_path = state + ".seen"
    try:
        os.kill(st["watcher"], 15)
    except ProcessLookupError:
        pass
    try:
        with open(seen_path) as f:
            seen = [l.rstrip("\n") for l in f if l.strip()]
        os.unlink(seen_path)
    except FileNotFoundError:
        seen = []
    end = time.monotonic() + 5
    while alive(st["watcher"]) and time.monotonic() < end:
        time.sleep(0.05)
    return seen


def end(state, run_pid, private):
    with open(state) as f:
        st = json.load(f)
    seen = stop_watcher(state, st)
    bad = 0
    left = []
    for root, dirs, files in os.walk(private):
        for n in dirs + files:
            left.append(os.path.relpath(os.path.join(root, n), private))
    if left:
        print("tmpcheck: the tests left %d entr%s in their TMPDIR (%s):" % (
            len(left), "y" if len(left) == 1 else "ies", private))
        for n in sorted(left)[:50]:
            print("  " + n)
        bad = 1
    before = set(st["names"])
    uid = os.geteuid()
    new = []
    for n in sorted(set(os.listdir(TMP)) - before):
        p = os.path.join(TMP, n)
        try:
            s = os.lstat(p)
        except FileNotFoundError:
            continue
        if s.st_ctime < st["t0"]:
            continue
        if X_LOCK.match(n):
            if server_gone(p):
                new.append(n + " (an X display lock whose server is gone)")
        elif s.st_uid == uid and SUITE_NAME.match(n) and not n.startswith("qb-tests."):
            new.append(n)
    if new:
        seen = sorted(set(seen + others(run_pid)))
        if seen:
            print("tmpcheck: warning: new in %s since the run began (other quizblitz tests ran at the same time, "
                  "so these may be theirs):" % TMP)
        else:
            print("tmpcheck: the tests left %d entr%s in %s:" % (len(new), "y" if len(new) == 1 else "ies", TMP))
            bad = 1
        for n in new[:50]:
            print("  " + n)
        for o in seen[:5]:
            print("  (running: %s)" % o)
    if not left:
        print("tmpcheck: nothing left in %s" % private)
    if not new:
        print("tmpcheck: nothing new in %s that the tests could have made" % TMP)
    return bad


def main(argv):
    if len(argv) == 4 and argv[1] == "start":
        return start(argv[2], int(argv[3]))
    if len(argv) == 5 and argv[1] == "end":
        return end(argv[2], int(argv[3]), argv[4])
    print(__doc__.split("\n\n")[0], file=sys.stderr)
    return 64


if __name__ == "__main__":
    sys.exit(main(sys.argv))
