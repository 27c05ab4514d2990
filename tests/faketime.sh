#!/usr/bin/env bash
# Run the test suite with the wall clock faked to start at a chosen instant (libfaketime).
#
#   tests/faketime.sh '2026-12-13 00:02:00' [pytest arguments…]
#
# The instants the suite must pass at (each a little after midnight or before a new
# year, a leap day, the longest day and month names):
#   '2026-12-13 00:02:00'  two minutes past midnight, on a Sunday
#   '2027-12-31 23:59:50'  ten seconds before a new year
#   '2028-02-29 12:00:00'  a leap day
#   '2027-09-29 10:00:00'  Wednesday, September: the longest day and month names
#
# How, and why so:
# - the clock runs on from the instant (never frozen: asyncio needs it to move), and the
#   programs the tests start go on from the same clock (FAKETIME_DONT_RESET), as they
#   would in real life, instead of starting again at the instant;
# - only the wall clock is faked (FAKETIME_DONT_FAKE_MONOTONIC): with a faked monotonic
#   clock, waits with a timeout (threading.Event.wait) are handed to the kernel as if
#   decades away and never end. libfaketime then fails time.sleep with EINVAL: the
#   sitecustomize in tests/faketime_site makes such a sleep wait with select, and
#   starts Chromium (the browser tests) on the real clock: it does not run under
#   libfaketime, and the app it shows runs on the faked one;
# - choose instants after the real time: the times of files come from the kernel,
#   unfaked here, and a file written "in the future" never counts as settled for the
#   journal's index (it is read again each time: slower, never wrong; the index tests
#   count those reads).
# Needs Debian's faketime package (apt-get install faketime).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -lt 1 ]; then
    echo "usage: tests/faketime.sh 'YYYY-MM-DD HH:MM:SS' [pytest arguments…]" >&2
    exit 2
fi
instant=$1
shift
if ! command -v faketime >/dev/null; then
    echo "faketime is not installed: apt-get install faketime" >&2
    exit 2
fi
export FAKETIME_DONT_RESET=1 FAKETIME_DONT_FAKE_MONOTONIC=1 TZ="${TZ:-UTC}"
export PYTHONPATH="$PWD/tests/faketime_site${PYTHONPATH:+:$PYTHONPATH}"
exec faketime "$instant" .venv/bin/pytest "$@"
