#!/usr/bin/env bash
# Runs one Linux boot of the HotSBI Linux tests through scripts/qemu-run.sh
# (which bounds it with a timeout and prints the console log when QEMU fails,
# times out or a required pattern is missing), then checks the console log
# and prints it as well when one of those checks fails.
#
# usage: run-linux.sh -n NAME -l LOG [-t TIMEOUT] [-s STOP_PATTERN]
#                     [-g PATTERN]... [-x PATTERN]... [-c CHECK]...
#                     [-p SUMMARY_PATTERN] [-F FROM_PATTERN] -- QEMU-ARGS...
#   -g  the console must contain this pattern (grep -E)
#   -x  the console must not contain this pattern
#   -s  stop QEMU once the console matches (machines without power off)
#   -p  print the console lines matching this pattern after a pass
#   -F  the kernel warning check starts at the last line matching this
#       pattern (a kdump run crashes its first kernel on purpose)
#   -c  one more check of the log:
#         srst    no SBI SRST call failed (Linux would then fall back to
#                 the syscon power-off and hide the firmware bug)
#         faults  the firmware logged at least one access fault to an
#                 unplugged block (the e2e test's /dev/mem probes)
#         nosstc  Linux did not use Sstc (sifive_u's U54s have none)
# Every run checks that the kernel neither warned nor oopsed.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
name=linux log= timeout_s=120 stop= summary= from=
pats=() nots=() checks=()
while getopts "n:l:t:s:g:x:c:p:F:" opt; do
	case $opt in
	n) name=$OPTARG ;;
	l) log=$OPTARG ;;
	t) timeout_s=$OPTARG ;;
	s) stop=$OPTARG ;;
	g) pats+=(-g "$OPTARG") ;;
	x) nots+=("$OPTARG") ;;
	c) checks+=("$OPTARG") ;;
	p) summary=$OPTARG ;;
	F) from=$OPTARG ;;
	*) exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ "${1:-}" = -- ] && shift
[ -n "$log" ] || { echo "run-linux: -l LOG is required" >&2; exit 2; }

mkdir -p "$(dirname "$log")"
: >"$log"
start=$(date +%s)
# The failure lines of the test programs, wherever they are in a long log
# (qemu-run.sh prints its tail).
fail_lines()
{
	grep -a -E '^(memhp-e2e|memhp-bench|hotsbi-linux-test): FAIL' "$log" | head -40
}

if ! bash "$here/../../scripts/qemu-run.sh" -t "$timeout_s" -l "$log" -n "$name" -e 0 \
	${stop:+-s "$stop"} "${pats[@]}" -- "$@"; then
	fail_lines
	exit 1
fi

failed()
{
	echo "FAIL $name: $*"
	echo "----- console log ($log) -----"
	cat "$log"
	echo "----- end of console log -----"
	fail_lines
	exit 1
}

for p in "${nots[@]}"; do
	if grep -Eq -- "$p" "$log"; then
		grep -E -- "$p" "$log" | head -5
		failed "the console has /$p/"
	fi
done
for c in "${checks[@]}"; do
	case $c in
	srst)
		grep -q '__sbi_srst_reset.*failed' "$log" && failed "SBI SRST power off failed"
		;;
	faults)
		n=$(grep -c 'memhp: hart [0-9]*: .* access fault at .*(unplugged)' "$log")
		echo "  firmware access-fault log lines: $n"
		[ "$n" -ge 1 ] || failed "the firmware logged no access fault to an unplugged block"
		;;
	nosstc)
		grep -q 'available via sstc' "$log" &&
			failed "Linux used Sstc on the U54s, SBI TIME went untested"
		;;
	*) echo "run-linux: unknown check $c" >&2; exit 2 ;;
	esac
done
# The kernel neither warned nor oopsed (after -F's line when given).
warn='cut here|BUG:|Oops|Call Trace|WARNING:'
if [ -n "$from" ]; then
	line=$(grep -En -- "$from" "$log" | tail -n 1 | cut -d: -f1)
	[ -n "$line" ] || failed "the console lacks /$from/"
	body=$(tail -n +"$line" "$log")
else
	body=$(cat "$log")
fi
if grep -Eq "$warn" <<<"$body"; then
	grep -E -A20 "$warn" <<<"$body" | head -60
	failed "kernel warning"
fi
[ -z "$summary" ] || grep -E -- "$summary" "$log"
echo "  $name took $(( $(date +%s) - start )) s"
exit 0
