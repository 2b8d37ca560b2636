"""The Makefile keeps SDL out of src/core: each include form, written into a deliberately bad core
file, fails the build with a message naming SDL and leaves no object behind. It runs the real
Makefile rule on a temporary copy of the Makefile and src/core (removed afterwards), so the
checkout's own src/core never holds the bad file, not even for a moment."""
import os
import shutil
import subprocess
import tempfile
import unittest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))

# Every way a core file could reach an SDL header: the plain and the SDL2/ forms, quoted and
# angled, the companion libraries, through another core header, and through a macro.
BAD = {
    "angle": "#include <SDL.h>\n",
    "sdl2_dir": "#include <SDL2/SDL.h>\n",
    "quoted": '#include "SDL.h"\n',
    "quoted_sdl2_dir": '#include "SDL2/SDL_events.h"\n',
    "ttf": "#include <SDL_ttf.h>\n",
    "ttf_sdl2_dir": "#include <SDL2/SDL_ttf.h>\n",
    "mixer": "#include <SDL2/SDL_mixer.h>\n",
    "spaced": "  #  include\t<SDL2/SDL_timer.h>\n",
    "through_a_header": '#include "zz_platform.h"\n',
    "through_a_macro": "#define PLATFORM_HEADER <SDL2/SDL_timer.h>\n#include PLATFORM_HEADER\n",
}


class CoreGuard(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="qb-guard-")
        shutil.copy(os.path.join(ROOT, "Makefile"), cls.tmp)
        shutil.copytree(os.path.join(ROOT, "src", "core"), os.path.join(cls.tmp, "src", "core"))
        os.makedirs(os.path.join(cls.tmp, "packaging"))
        shutil.copy(os.path.join(ROOT, "packaging", "deps.sh"), os.path.join(cls.tmp, "packaging"))
        with open(os.path.join(cls.tmp, "src", "core", "zz_platform.h"), "w") as f:
            f.write("#include <SDL2/SDL_timer.h>\n")
        # a make started by make test would inherit its jobserver and flags
        cls.env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def build(self, text):
        """Writes src/core/zz_guard.c in the copy and builds its object with the real rule."""
        with open(os.path.join(self.tmp, "src", "core", "zz_guard.c"), "w") as f:
            f.write(text + "int zz_guard;\n")
        obj = os.path.join(self.tmp, "b", "core", "zz_guard.o")
        if os.path.exists(obj):
            os.remove(obj)
        p = subprocess.run(["make", "-s", "BUILD=b", "b/core/zz_guard.o"], cwd=self.tmp, env=self.env,
                           capture_output=True, text=True, timeout=120)
        return p.returncode, p.stdout + p.stderr, os.path.exists(obj)

    def test_a_clean_core_file_builds(self):
        """The control: without SDL the same rule builds the object (so the failures below are
        the guard's, not a broken copy)."""
        rc, out, made = self.build("#include <stdio.h>\n#include \"util.h\"\n")
        self.assertEqual(rc, 0, out)
        self.assertTrue(made)

    def test_every_include_form_fails_the_build(self):
        for name, text in BAD.items():
            with self.subTest(form=name):
                rc, out, made = self.build(text)
                self.assertNotEqual(rc, 0, "%s built:\n%s" % (name, out))
                self.assertIn("src/core/zz_guard.c: error: src/core must not include SDL", out)
                self.assertFalse(made, "%s left an object behind" % name)

    def test_the_include_line_is_named(self):
        rc, out, made = self.build("#include <stdio.h>\n#include <SDL2/SDL_mixer.h>\n")
        self.assertNotEqual(rc, 0, out)
        self.assertIn("src/core/zz_guard.c:2:#include <SDL2/SDL_mixer.h>", out)

    def test_the_header_read_is_named(self):
        """An SDL header reached through a macro is found in what the compiler read."""
        rc, out, made = self.build(BAD["through_a_macro"])
        self.assertNotEqual(rc, 0, out)
        self.assertRegex(out, r"but it reads \S*SDL2/SDL_timer\.h")


if __name__ == "__main__":
    unittest.main()
