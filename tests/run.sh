#!/bin/sh
# run.sh: runs every unit-test program (cmocka) and the end-to-end suite, then prints the
# closing line "tests: N passed, N failed". Exit status 0 only when nothing failed.
#
# The suite leaves nothing behind: it runs with a TMPDIR of its own, and tests/tmpcheck.py fails
# the run when anything is left in it, or when something the tests could have made is new in
# /tmp (see tmpcheck.py). Python runs with ResourceWarning as an error, and a ResourceWarning
# printed anyway (one raised in a destructor cannot fail a test) fails the run too.
BUILD=${BUILD:-build}
PYTHON=${PYTHON:-python3}
passed=0
failed=0
work=$(mktemp -d) || exit 1
out=$work/out
state=$work/state
TMPDIR=$(mktemp -d "${TMPDIR:-/tmp}/qb-tests.XXXXXX") || exit 1
# searchable by others: test_cage runs cage as nobody on files in a directory of its own in here
chmod 755 "$TMPDIR"
suite_tmp=$TMPDIR
export TMPDIR
trap 'rm -rf "$work" "$suite_tmp"' EXIT
"$PYTHON" tests/tmpcheck.py start "$state" $$ || exit 1
for t in "$BUILD"/tests/test_*; do
    [ -x "$t" ] || continue
    echo "== $t"
    "$t" >"$out" 2>&1
    rc=$?
    cat "$out"
    p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$out" | tail -n 1)
    f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$out" | tail -n 1)
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0}))
    if [ "$rc" != 0 ] && [ -z "$f" ]; then failed=$((failed + 1)); echo "!! $t exited $rc"; fi
done
echo "== end-to-end (tests/e2e)"
QB_BUILD="$BUILD" "$PYTHON" -W error::ResourceWarning -m unittest discover -s tests/e2e -p 'test_*.py' -v >"$out" 2>&1
rc=$?
cat "$out"
p=$(sed -n 's/^Ran \([0-9]*\) test.*/\1/p' "$out" | tail -n 1)
# "FAILED (failures=2, errors=1, skipped=1, expected failures=1)": count the first two only
f=$(sed -n 's/^FAILED (\(.*, \)\{0,1\}failures=\([0-9]*\).*/\2/p' "$out" | tail -n 1)
e=$(sed -n 's/^FAILED (\(.*, \)\{0,1\}errors=\([0-9]*\).*/\2/p' "$out" | tail -n 1)
bad=$(( ${f:-0} + ${e:-0} ))
if [ "$rc" != 0 ] && [ "$bad" = 0 ]; then bad=1; fi
passed=$((passed + ${p:-0} - bad))
failed=$((failed + bad))
if grep -q 'ResourceWarning' "$out"; then
    echo "!! the end-to-end tests left a file, pipe or socket unclosed (ResourceWarning above)"
    failed=$((failed + 1))
fi
echo "== temporary files"
if "$PYTHON" tests/tmpcheck.py end "$state" $$ "$suite_tmp"; then
    passed=$((passed + 1))
else
    failed=$((failed + 1))
fi
echo
echo "tests: $passed passed, $failed failed"
[ "$failed" = 0 ]
