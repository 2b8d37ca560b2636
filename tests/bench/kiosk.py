"""kiosk.py: the kiosk's idle cost and start-up, as deployed (make bench-kiosk).
Idle CPU of the game on the title for IDLE seconds under cage (headless, Wayland) and under
Xvfb (X11), and the time from exec to the first frame under cage (the first buffer commit, seen
as the first wl_surface.attach with a buffer in WAYLAND_DEBUG), each a median of 5 runs."""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from run import Xvfb  # the same Xvfb-on-a-free-display as make bench's other sections

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BIN = os.path.join(ROOT, os.environ.get("QB_BUILD", "build"), "quizblitz")
IDLE = float(os.environ.get("IDLE", "10"))
AS = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"] if os.geteuid() == 0 else []


def cpu_of(pid):
    with open("/proc/%d/stat" % pid) as f:
        v = f.read().rsplit(")", 1)[1].split()
    return (int(v[11]) + int(v[12])) / os.sysconf("SC_CLK_TCK")


def child_game(ppid):
    out = subprocess.run(["pgrep", "-P", str(ppid)], capture_output=True, text=True).stdout.split()
    return int(out[0]) if out else None


def one_cage(tmp):
    run = os.path.join(tmp, "run")
    os.mkdir(run, 0o700)
    wrapper = os.path.join(tmp, "g.sh")
    with open(wrapper, "w") as f:
        f.write("#!/bin/sh\nexec env WAYLAND_DEBUG=client %s --kiosk --scores %s/s.tsv %s/cards/virtualization.md 2>%s/err\n"
                % (os.path.join(tmp, "quizblitz"), tmp, tmp, tmp))
    os.chmod(wrapper, 0o755)
    if AS:
        for d, ds, fs in os.walk(tmp):
            for n in ds + fs:
                shutil.chown(os.path.join(d, n), "nobody", "nogroup")
        shutil.chown(tmp, "nobody", "nogroup")
    env = {"PATH": "/usr/bin:/bin", "HOME": tmp, "XDG_RUNTIME_DIR": run, "WLR_BACKENDS": "headless",
           "WLR_RENDERER": "pixman", "WLR_LIBINPUT_NO_DEVICES": "1", "SDL_VIDEODRIVER": "wayland",
           "SDL_AUDIODRIVER": "dummy", "QUIZBLITZ_DATADIR": tmp}
    t0 = time.monotonic()
    cage = subprocess.Popen(AS + ["cage", "-r", "-r", "--", wrapper], env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    first = None
    game = None
    while time.monotonic() - t0 < 15 and first is None:
        game = game or child_game(cage.pid)
        try:
            with open(os.path.join(tmp, "err")) as f:
                for line in f:
                    if "wl_surface" in line and ".attach(wl_buffer" in line:
                        first = float(line.split("]")[0].strip("[ ")) / 1000.0
                        break
        except FileNotFoundError:
            pass
        time.sleep(0.01)
    # WAYLAND_DEBUG stamps are ms of CLOCK_MONOTONIC modulo 2^32 / 1000... measure by our clock
    start_ms = (time.monotonic() - t0) * 1000 if first is not None else float("nan")
    time.sleep(2)  # settle: sound and controllers start after the first frame
    game = game or child_game(cage.pid)
    c0 = cpu_of(game)
    time.sleep(IDLE)
    idle = (cpu_of(game) - c0) / IDLE * 100
    os.killpg(cage.pid, 15)
    cage.wait()
    return start_ms, idle


def one_xvfb(tmp):
    with Xvfb("1280x720") as x:
        env = dict(os.environ, DISPLAY=x.display, SDL_AUDIODRIVER="dummy", QUIZBLITZ_DATADIR=tmp)
        env.pop("SDL_VIDEODRIVER", None)
        game = subprocess.Popen([os.path.join(tmp, "quizblitz"), "--kiosk", "--scores", tmp + "/s.tsv",
                                 tmp + "/cards/virtualization.md"], env=env, stderr=subprocess.DEVNULL)
        time.sleep(3)
        c0 = cpu_of(game.pid)
        time.sleep(IDLE)
        idle = (cpu_of(game.pid) - c0) / IDLE * 100
        game.terminate()
        game.wait()
    return idle


def main():
    cage_start, cage_idle, x_idle = [], [], []
    for i in range(5):
        for kind in ("cage", "xvfb"):
            tmp = tempfile.mkdtemp(prefix="qb-bench-kiosk-")
            try:
                os.chmod(tmp, 0o755)
                shutil.copy(BIN, os.path.join(tmp, "quizblitz"))
                os.mkdir(os.path.join(tmp, "cards"))
                shutil.copy(os.path.join(ROOT, "cards", "virtualization.md"), os.path.join(tmp, "cards"))
                shutil.copytree(os.path.join(ROOT, "assets", "sounds"), os.path.join(tmp, "assets", "sounds"))
                if kind == "cage":
                    s, c = one_cage(tmp)
                    cage_start.append(s)
                    cage_idle.append(c)
                else:
                    x_idle.append(one_xvfb(tmp))
            finally:
                shutil.rmtree(tmp, ignore_errors=True)
    print("idle CPU on the title, %g s, median of 5: cage (Wayland, software GL) %.2f %%, Xvfb (X11) %.2f %%"
          % (IDLE, statistics.median(cage_idle), statistics.median(x_idle)))
    print("  cage runs: %s; Xvfb runs: %s" % (", ".join("%.2f" % v for v in cage_idle),
                                               ", ".join("%.2f" % v for v in x_idle)))
    print("start-up to the first frame under cage (exec of cage to the first buffer commit), median of 5: %.0f ms"
          % statistics.median(cage_start))
    print("  runs: %s ms" % ", ".join("%.0f" % v for v in cage_start))


if __name__ == "__main__":
    sys.exit(main())
