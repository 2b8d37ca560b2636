#!/bin/sh
# deps.sh: makes sure the build and test dependencies are installed.
# On Debian/Ubuntu it installs what is missing with apt-get (sudo when not root);
# elsewhere it prints the exact list and stops.
PKGS="build-essential pkg-config libsdl2-dev libsdl2-ttf-dev libsdl2-mixer-dev libfontconfig-dev \
libcmocka-dev libinih-dev fonts-dejavu-core python3 xvfb xauth xdotool imagemagick \
desktop-file-utils appstream man-db"
# pkg-config modules, and the files that tell the rest is there.
MODS="sdl2 SDL2_ttf SDL2_mixer fontconfig cmocka inih"
missing=0
if ! command -v pkg-config >/dev/null 2>&1; then missing=1; fi
if [ $missing = 0 ]; then
    for m in $MODS; do pkg-config --exists "$m" || { missing=1; break; }; done
fi
for f in /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf; do [ -e "$f" ] || missing=1; done
for c in python3 Xvfb xdotool convert desktop-file-validate appstreamcli man; do command -v "$c" >/dev/null 2>&1 || missing=1; done
[ $missing = 0 ] && exit 0

if command -v apt-get >/dev/null 2>&1; then
    SUDO=""
    if [ "$(id -u)" != 0 ]; then
        if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
            echo "quizblitz: missing packages; as root run: apt-get install $PKGS" >&2; exit 1
        fi
    fi
    echo "quizblitz: installing build dependencies with apt-get: $PKGS" >&2
    $SUDO apt-get update -q >&2 || exit 1
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends $PKGS >&2 || exit 1
    exit 0
fi
cat >&2 <<MSG
quizblitz: missing build dependencies, and this is not a Debian/Ubuntu system.
Install: a C11 compiler, make, pkg-config, SDL2 (>= 2.0.18), SDL2_ttf, SDL2_mixer, fontconfig,
cmocka, inih (development packages), the DejaVu fonts, python3, Xvfb, xdotool, ImageMagick,
and for the packaging checks desktop-file-utils, AppStream and man.
  Fedora: dnf install gcc make pkgconf SDL2-devel SDL2_ttf-devel SDL2_mixer-devel fontconfig-devel libcmocka-devel inih-devel dejavu-sans-fonts python3 xorg-x11-server-Xvfb xdotool ImageMagick desktop-file-utils appstream man-db
  Arch:   pacman -S base-devel sdl2 sdl2_ttf sdl2_mixer fontconfig cmocka libinih ttf-dejavu python xorg-server-xvfb xdotool imagemagick desktop-file-utils appstream man-db
MSG
exit 1
