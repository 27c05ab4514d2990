#!/usr/bin/env bash
# Run the test suite with the wall clock faked to start at a chosen instant (libfaketime).
#
#   tests/faketime.sh '2026-12-06 00:02:00' [pytest arguments…]
#
# The clock runs on from that instant (never frozen: asyncio needs it to move), and the
# programs the tests start go on from the same clock (FAKETIME_DONT_RESET) instead of
# starting again at the instant. The instants the suite must pass at:
#   '2026-12-06 00:02:00'  just after midnight, on a Sunday
#   '2027-12-31 23:59:50'  ten seconds before a new year
#   '2028-02-29 12:00:00'  a leap day
#   '2027-09-29 10:00:00'  the longest day and month names (Wednesday, September)
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
export FAKETIME_DONT_RESET=1 TZ="${TZ:-UTC}"
exec faketime "$instant" .venv/bin/pytest "$@"
