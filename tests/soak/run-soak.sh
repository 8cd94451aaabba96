#!/usr/bin/env bash
# Runs the HotSBI soak program once under QEMU virt through scripts/qemu-run.sh
# and checks its result: QEMU exit status 0 (SRST shutdown without SYSFAIL),
# the summary line with 0 violations, and counts above minimums scaled by
# the run's length, so that a run that did nothing cannot pass. The soak
# program gets the minimums too and, below them at the deadline, goes on
# for up to LIMIT_FACTOR (-L, default 6) times the length: a slow or loaded
# host makes the run longer, it does not fail it.
#
# usage: run-soak.sh -f FIRMWARE -k SOAK_BIN -l LOG -s HARTS -d SECONDS
#                    [-M MEMORY] [-c CARD_BYTES] [-w BASE,SIZE,BLOCK]
#                    [-S STALL_SECONDS] [-m MARGIN_SECONDS] [-r RATES]
#                    [-L LIMIT_FACTOR]
#   -M  QEMU -m (default 2G)
#   -c  emulated card size, written to /chosen/hotsbi,emulated-card-size
#   -w  a board window (hotsbi,memory-hotplug-window, scrub on unplug) over
#       RAM that /memory no longer lists: /memory is cut to end at BASE
#   -S  watchdog: a hart without progress for this long fails the run
#   -m  QEMU timeout = SECONDS * LIMIT_FACTOR + this margin (default 90),
#       times HOTSBI_TIMEOUT_SCALE (scripts/qemu-run.sh)
#   -r  minimum counts per second of load, MEMHP:PLUGS:IPIS:FENCES:FAULTS
#       (default 5:1:20:2:2)
# The DTB is dumped from QEMU with the same -smp and -m and edited with
# fdtput; /chosen/bootargs carries soak.seconds, soak.stall, soak.limit
# and the soak.min-* counts.
set -uo pipefail

fw= bin= log= smp=4 secs=30 mem=2G card= window= stall=20 margin=90
rates=5:1:20:2:2 limit_factor=6
while getopts "f:k:l:s:d:M:c:w:S:m:r:L:" opt; do
	case $opt in
	f) fw=$OPTARG ;;
	k) bin=$OPTARG ;;
	l) log=$OPTARG ;;
	s) smp=$OPTARG ;;
	d) secs=$OPTARG ;;
	M) mem=$OPTARG ;;
	c) card=$OPTARG ;;
	w) window=$OPTARG ;;
	S) stall=$OPTARG ;;
	m) margin=$OPTARG ;;
	r) rates=$OPTARG ;;
	L) limit_factor=$OPTARG ;;
	*) echo "usage: $0 -f FW -k BIN -l LOG -s HARTS -d SECONDS [-M MEM] [-c CARD] [-w BASE,SIZE,BLOCK] [-S STALL] [-m MARGIN] [-r RATES]" >&2
	   exit 2 ;;
	esac
done
if [ -z "$fw" ] || [ -z "$bin" ] || [ -z "$log" ]; then
	echo "run-soak: -f, -k and -l are required" >&2
	exit 2
fi
for f in "$fw" "$bin"; do
	[ -r "$f" ] || { echo "FAIL soak: $f not found"; exit 1; }
done

here=$(cd "$(dirname "$0")" && pwd)
runner=$here/../../scripts/qemu-run.sh
QEMU=${QEMU:-qemu-system-riscv64}
name="soak smp=$smp mem=$mem ${secs}s${card:+ card=$card}${window:+ window=$window}"
mkdir -p "$(dirname "$log")"

# ---- the device tree
dtb=${log%.log}.dtb
rm -f "$dtb"
if ! timeout 30 "$QEMU" -M "virt,dumpdtb=$dtb" -smp "$smp" -m "$mem" \
	-nographic </dev/null >/dev/null 2>&1 || [ ! -s "$dtb" ]; then
	echo "FAIL $name: QEMU could not dump its DTB to $dtb"
	exit 1
fi
hex() { printf '%#x' "$1"; }
u64() { echo "$(hex $(($1 >> 32))) $(hex $(($1 & 0xffffffff)))"; }
edit() {
	fdtput "$dtb" "$@" || { echo "FAIL $name: fdtput $* failed"; exit 1; }
}
if [ -n "$card" ]; then
	edit -t x /chosen hotsbi,emulated-card-size $(u64 $((card)))
fi
if [ -n "$window" ]; then
	IFS=, read -r wbase wsize wblock <<<"$window"
	membase=0x80000000
	edit -t x /memory@80000000 reg $(u64 $membase) \
		$(u64 $((wbase - membase)))
	node=/soak-window@$(printf '%x' $((wbase)))
	edit -c "$node"
	edit -t s "$node" compatible hotsbi,memory-hotplug-window
	edit -t x "$node" reg $(u64 $((wbase))) $(u64 $((wsize)))
	edit -t x "$node" block-size $(u64 $((wblock)))
	edit -t s "$node" hotsbi,scrub-on-unplug ""
fi
IFS=: read -r r_ops r_plugs r_ipis r_fences r_faults <<<"$rates"
limit=$((secs * limit_factor))
mins="soak.min-ops=$((r_ops * secs)) soak.min-plugs=$((r_plugs * secs))"
mins="$mins soak.min-ipis=$((r_ipis * secs)) soak.min-fences=$((r_fences * secs))"
mins="$mins soak.min-faults=$((r_faults * secs))"
edit -t s /chosen bootargs "soak.seconds=$secs soak.stall=$stall soak.limit=$limit $mins ${SOAK_EXTRA_ARGS:-}"

# ---- the run
summary='^soak: [0-9]+ memhp ops \([0-9]+ plugs, [0-9]+ unplugs, [0-9]+ expected errors\), [0-9]+ ipis sent = received, [0-9]+ fences, [0-9]+ faults expected, 0 violations'
start=$(date +%s)
if ! bash "$runner" -t $((limit + margin)) -l "$log" -e 0 -n "$name" \
	-g "$summary" -- \
	-M virt -m "$mem" -smp "$smp" -nographic -no-reboot -dtb "$dtb" \
	-bios "$fw" -kernel "$bin"; then
	grep -h '^soak: VIOLATION' "$log" | head -n 5 | sed 's/^/  /'
	exit 1
fi
wall=$(($(date +%s) - start))

line=$(grep -E "$summary" "$log" | tail -n 1)
read -r ops plugs unplugs errs ipis fences faults <<<"$(sed -E \
	's/^soak: ([0-9]+) memhp ops \(([0-9]+) plugs, ([0-9]+) unplugs, ([0-9]+) expected errors\), ([0-9]+) ipis sent = received, ([0-9]+) fences, ([0-9]+) faults expected.*/\1 \2 \3 \4 \5 \6 \7/' \
	<<<"$line")"
fail=
check_min() {
	local what=$1 got=$2 rate=$3
	local want=$((rate * secs))
	if [ "$got" -lt "$want" ]; then
		fail="$fail $what=$got<$want"
	fi
}
check_min "memhp ops" "$ops" "$r_ops"
check_min plugs "$plugs" "$r_plugs"
check_min unplugs "$unplugs" "$r_plugs"
check_min ipis "$ipis" "$r_ipis"
check_min fences "$fences" "$r_fences"
check_min faults "$faults" "$r_faults"
if [ -n "$fail" ]; then
	echo "FAIL $name: counts below the minimums:$fail (log $log)"
	echo "  $line"
	exit 1
fi
echo "  $line"
grep -h -E '^soak: (slowest call|ipi:|memhp:|window [0-9]+ at the end|load ran|below the minimum)' "$log" | sed 's/^/  /'
echo "  $name: ok in ${wall}s (log $log)"
exit 0
