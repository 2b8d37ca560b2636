#!/bin/sh
# deps.sh [build|test|dev]: makes sure what quizblitz needs is installed: "build" (the default)
# what `make` and `make run` need, "test" that and what `make test` adds, "dev" that and the
# tools of `make lint` and `make fuzz` (cppcheck, clang-tidy, clang with libFuzzer). On Debian/Ubuntu it
# installs what is missing with apt-get (sudo when not root); elsewhere it prints the exact list
# and stops.
what=${1:-build}

# Fonts: DejaVu Sans draws Latin, Greek, Cyrillic, Arabic and Hebrew; the fallbacks fontconfig
# finds by coverage come from Noto: CJK (fonts-noto-cjk), Devanagari and the other living scripts
# (fonts-noto-core), colour emoji (fonts-noto-color-emoji, CBDT bitmaps SDL_ttf 2.20 draws).
# FriBidi orders right-to-left text; HarfBuzz (SDL_ttf shapes with it) names each run's script.
BUILD_PKGS="build-essential pkg-config libsdl2-dev libsdl2-ttf-dev libsdl2-mixer-dev libfontconfig-dev \
libfribidi-dev libharfbuzz-dev libinih-dev libpq-dev libcrypt-dev gettext fonts-dejavu-core fonts-noto-cjk fonts-noto-core \
fonts-noto-color-emoji"
BUILD_MODS="sdl2 SDL2_ttf SDL2_mixer fontconfig fribidi harfbuzz inih libpq libxcrypt"
# gettext: msgfmt compiles the interface's translations (po/) at build time
BUILD_CMDS="cc make msgfmt"
# the tests: cmocka (unit), Python (end-to-end), Xvfb + xdotool (a real X11 window), setxkbmap
# (x11-xkb-utils: a keyboard's new keymap, as a keyboard plugged in again sends it), ImageMagick
# (screenshots), the packaging validators, valgrind; the kiosk as deployed: cage (headless
# backend), grim (screenshots), wtype (virtual keyboard), xwayland, systemd (systemd-analyze);
# PostgreSQL's server (the fleet tests start their own in a temporary directory)
TEST_PKGS="libcmocka-dev python3 xvfb xauth xdotool x11-xkb-utils imagemagick desktop-file-utils appstream man-db valgrind \
cage grim wtype xwayland systemd postgresql"
TEST_MODS="cmocka"
TEST_CMDS="python3 Xvfb xdotool setxkbmap convert desktop-file-validate appstreamcli man valgrind cage grim wtype Xwayland \
systemd-analyze"
DEV_PKGS="cppcheck clang clang-tidy libclang-rt-dev"
DEV_CMDS="cppcheck clang clang-tidy"

case $what in
build) PKGS=$BUILD_PKGS MODS=$BUILD_MODS CMDS=$BUILD_CMDS ;;
test) PKGS="$BUILD_PKGS $TEST_PKGS" MODS="$BUILD_MODS $TEST_MODS" CMDS="$BUILD_CMDS $TEST_CMDS" ;;
dev) PKGS="$BUILD_PKGS $TEST_PKGS $DEV_PKGS" MODS="$BUILD_MODS $TEST_MODS"
     CMDS="$BUILD_CMDS $TEST_CMDS $DEV_CMDS" ;;
*) echo "usage: deps.sh [build|test|dev]" >&2; exit 64 ;;
esac

missing=0
command -v pkg-config >/dev/null 2>&1 || missing=1
if [ $missing = 0 ]; then
    for m in $MODS; do pkg-config --exists "$m" || { missing=1; break; }; done
fi
case $what in test|dev) ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing=1 ;; esac
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf ] || fc-list 2>/dev/null | grep -q DejaVuSans-Bold || missing=1
for font in NotoSansCJK-Bold NotoSansDevanagari-Bold NotoColorEmoji; do
    fc-list 2>/dev/null | grep -q "$font" || { missing=1; break; }
done
for c in $CMDS; do command -v "$c" >/dev/null 2>&1 || missing=1; done
[ $missing = 0 ] && exit 0

if command -v apt-get >/dev/null 2>&1; then
    SUDO=""
    if [ "$(id -u)" != 0 ]; then
        if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
            echo "quizblitz: missing packages; as root run: apt-get install $PKGS" >&2; exit 1
        fi
    fi
    echo "quizblitz: installing the $what dependencies with apt-get: $PKGS" >&2
    $SUDO apt-get update -q >&2 || exit 1
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends $PKGS >&2 || exit 1
    exit 0
fi
cat >&2 <<MSG
quizblitz: missing $what dependencies, and this is not a Debian/Ubuntu system.
To build and play: a C11 compiler, make, pkg-config, SDL2 (>= 2.0.18), SDL2_ttf (built with HarfBuzz),
SDL2_mixer, fontconfig, FriBidi, HarfBuzz and inih (development packages), gettext's msgfmt, the DejaVu
fonts, and for other scripts Noto (CJK, the core scripts, colour emoji).
  Fedora: dnf install gcc make pkgconf SDL2-devel SDL2_ttf-devel SDL2_mixer-devel fontconfig-devel fribidi-devel harfbuzz-devel inih-devel libpq-devel gettext dejavu-sans-fonts google-noto-sans-cjk-fonts google-noto-sans-devanagari-fonts google-noto-color-emoji-fonts
  Arch:   pacman -S base-devel sdl2 sdl2_ttf sdl2_mixer fontconfig fribidi harfbuzz libinih postgresql-libs gettext ttf-dejavu noto-fonts noto-fonts-cjk noto-fonts-emoji
For the tests also: cmocka, python3, Xvfb, xdotool, setxkbmap, ImageMagick, desktop-file-utils, AppStream, man, valgrind;
for make lint and make fuzz: cppcheck, clang-tidy, clang with its libFuzzer runtime.
  Fedora: dnf install libcmocka-devel python3 xorg-x11-server-Xvfb xdotool setxkbmap ImageMagick desktop-file-utils appstream man-db valgrind postgresql-server
  Arch:   pacman -S cmocka python xorg-server-xvfb xdotool xorg-setxkbmap imagemagick desktop-file-utils appstream man-db valgrind postgresql
MSG
exit 1
