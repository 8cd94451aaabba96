#!/usr/bin/env bash
# Runs one QEMU session for a test: bounded by a timeout, console captured to a log,
# and the log printed when the run fails.
#
# usage: qemu-run.sh [-t SECONDS] [-l LOGFILE] [-e EXIT] [-g PATTERN]... [-s PATTERN]
#                    [-n NAME] -- QEMU-ARGS...
#   -t  timeout in seconds (default 120), multiplied by HOTSBI_TIMEOUT_SCALE
#       (default 3): a timeout detects a hang, and the figures callers pass
#       are about twice what a run needs on an idle 2-core host, so a
#       loaded or slower machine must not turn them into failures
#   -l  console log file (default: a temporary file)
#   -e  expected QEMU exit status (default 0)
#   -g  a pattern (grep -E) the console must contain; may be repeated
#   -n  name printed in the PASS/FAIL line
#   -s  stop QEMU once the console matches this pattern (grep -E) and count
#       the run as exiting with status 0: for machines without a power-off
#       device (sifive_u)
# QEMU's stdin is /dev/null; -nographic style console goes to the log.
set -uo pipefail

timeout_s=120 log= expect_rc=0 name=qemu stop_pat=
patterns=()
while [ $# -gt 0 ]; do
	case "$1" in
	-t) timeout_s=$2; shift 2 ;;
	-l) log=$2; shift 2 ;;
	-e) expect_rc=$2; shift 2 ;;
	-g) patterns+=("$2"); shift 2 ;;
	-n) name=$2; shift 2 ;;
	-s) stop_pat=$2; shift 2 ;;
	--) shift; break ;;
	*) echo "qemu-run: unknown option $1" >&2; exit 2 ;;
	esac
done
[ -n "$log" ] || log=$(mktemp /tmp/qemu-run.XXXXXX.log)
scale=${HOTSBI_TIMEOUT_SCALE:-3}
case $scale in
''|*[!0-9]*|0) echo "qemu-run: HOTSBI_TIMEOUT_SCALE must be a positive integer" >&2; exit 2 ;;
esac
timeout_s=$((timeout_s * scale))
mkdir -p "$(dirname "$log")"

QEMU=${QEMU:-qemu-system-riscv64}
if [ -z "$stop_pat" ]; then
	timeout --foreground -k 5 "$timeout_s" "$QEMU" "$@" </dev/null >"$log" 2>&1
	rc=$?
else
	# Empty the log first: the stop pattern must not match a previous run.
	: >"$log"
	timeout -k 5 "$timeout_s" "$QEMU" "$@" </dev/null >"$log" 2>&1 &
	pid=$!
	stopped=
	while kill -0 "$pid" 2>/dev/null; do
		if grep -Eq -- "$stop_pat" "$log"; then
			stopped=1
			sleep 0.5
			kill "$pid" 2>/dev/null
			break
		fi
		sleep 0.5
	done
	wait "$pid"
	rc=$?
	[ -n "$stopped" ] && rc=0
fi

fail=
if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
	fail="timed out after ${timeout_s}s"
elif [ $rc -ne "$expect_rc" ]; then
	fail="QEMU exited $rc, expected $expect_rc"
fi
for p in "${patterns[@]}"; do
	[ -n "$fail" ] && break
	grep -Eq -- "$p" "$log" || fail="console lacks /$p/"
done

if [ -n "$fail" ]; then
	echo "FAIL $name: $fail"
	echo "----- console log ($log) -----"
	tail -n 200 "$log"
	echo "----- end of console log -----"
	exit 1
fi
echo "PASS $name"
exit 0
