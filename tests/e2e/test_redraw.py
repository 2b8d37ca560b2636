"""test_redraw.py: a partial redraw equals a full redraw.

On SDL's software renderer the compositor (src/sdl/compose.c) draws only the boxes that changed
since the last frame. QB_FULL_REDRAW=1 makes it draw every changed frame whole. The same
scripted sessions of tests/bench/pixeldiff.py (a whole round with every animation: slide-ins,
the countdown, the cursor, right and wrong answers, the streak banner, pause, results, name
entry, scores, a time-out, a resize mid-animation; the kiosk's attract pages, its demo round and
"Still there?") are played both ways at three sizes, and every screenshot must be the same
pixel for pixel (tolerance 0: both ways run the same pixel code on the same primitives)."""
import os
import shutil
import sys
import tempfile
import unittest

import qb

sys.path.insert(0, os.path.join(qb.ROOT, "tests", "bench"))
import pixeldiff  # noqa: E402

SIZES = ("1280x720", "800x480", "1080x1920")


class PartialEqualsFull(unittest.TestCase):
    def test_partial_redraw_equals_full_redraw(self):
        tmp = tempfile.mkdtemp(prefix="qb-e2e-redraw-")
        said = []
        try:
            bad, total = pixeldiff.compare(qb.BIN, qb.BIN, SIZES, tmp, {"QB_FULL_REDRAW": "1"}, say=said.append)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        # every session at every size took its screenshots (30 a size, 24 of the kiosk's)
        self.assertGreaterEqual(total, 30 * len(SIZES) + 20, "\n".join(said))
        self.assertEqual(bad, 0, "\n".join(l for l in said if "differ" in l))


if __name__ == "__main__":
    unittest.main()
