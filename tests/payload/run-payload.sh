#!/usr/bin/env bash
# Runs the HotSBI test payload once under QEMU through scripts/qemu-run.sh and
# checks the result: QEMU exit status 0, the "payload: N passed, 0 failed"
# line with N >= the minimum, and on HotSBI's own firmware no skipped checks.
#
# usage: run-payload.sh -f FIRMWARE -s HARTS -k PAYLOAD_BIN -l LOG
#                       [-m MIN_PASSED] [-H 0|1] [-t TIMEOUT]
set -uo pipefail

fw= smp=1 bin= log= min=1 hotsbi=0 timeout_s=60
while getopts "f:s:k:l:m:H:t:" opt; do
	case $opt in
	f) fw=$OPTARG ;;
	s) smp=$OPTARG ;;
	k) bin=$OPTARG ;;
	l) log=$OPTARG ;;
	m) min=$OPTARG ;;
	H) hotsbi=$OPTARG ;;
	t) timeout_s=$OPTARG ;;
	*) echo "usage: $0 -f FW -s HARTS -k BIN -l LOG [-m MIN] [-H 0|1] [-t S]" >&2
	   exit 2 ;;
	esac
done
if [ -z "$fw" ] || [ -z "$bin" ] || [ -z "$log" ]; then
	echo "run-payload: -f, -k and -l are required" >&2
	exit 2
fi
for f in "$fw" "$bin"; do
	[ -r "$f" ] || { echo "FAIL payload: $f not found"; exit 1; }
done

here=$(cd "$(dirname "$0")" && pwd)
runner=$here/../../scripts/qemu-run.sh
name="payload smp=$smp fw=$fw"

pats=(-g '^payload: [0-9]+ passed, 0 failed[[:space:]]*$')
if [ "$hotsbi" = 1 ]; then
	pats+=(-g '^# sbi implementation: HotSBI' -g '^# 0 skipped')
fi

bash "$runner" -t "$timeout_s" -l "$log" -e 0 -n "$name" "${pats[@]}" -- \
	-M virt -m 256M -smp "$smp" -nographic -no-reboot \
	-bios "$fw" -kernel "$bin" || exit 1

n=$(sed -n 's/^payload: \([0-9]*\) passed, 0 failed.*/\1/p' "$log" | tail -n 1)
if [ -z "$n" ] || [ "$n" -lt "$min" ]; then
	echo "FAIL $name: only ${n:-0} checks passed, want at least $min (log $log)"
	exit 1
fi
echo "  $name: $n checks passed ($(grep -c '# SKIP' "$log") skipped)"
exit 0
