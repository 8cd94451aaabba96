#!/usr/bin/env bash
# Runs the HotSBI test payload once under QEMU through scripts/qemu-run.sh and
# checks the result: QEMU exit status 0, the "payload: N passed, 0 failed"
# line with N >= the minimum, and on HotSBI's own firmware no skipped checks
# (one with -D).
#
# usage: run-payload.sh -f FIRMWARE -s HARTS -k PAYLOAD_BIN -l LOG
#                       [-m MIN_PASSED] [-H 0|1] [-t TIMEOUT] [-M MEMORY]
#                       [-c CARD_BYTES] [-x MEMHP_MIN] [-b MEMHP_BLOCKS] [-P MACHINE]
#                       [-R RUNS] [-E PMP_ENTRIES] [-D PMEM_BYTES]
#   -M  QEMU -m (default 1G)
#   -P  QEMU machine and options (default virt; virt,aclint=on for the
#       ACLINT); sifive_u has no power-off device: on
#       HotSBI the payload's SRST shutdown must return NOT_SUPPORTED and its
#       cold reboot (the gpio-restart pin) must end QEMU (-no-reboot) by
#       itself; on other firmware QEMU is stopped once the payload printed
#       its summary
#   -c  emulated card size: a DTB is dumped from QEMU with the same -smp and
#       -m, /chosen/hotsbi,emulated-card-size (u64) is set with fdtput, and
#       the run uses it with -dtb (the DTB lands next to the log)
#   -x  the MEMHP module must report "# memhp: N checks, 0 failed", N >= this
#   -b  and window 0 must have this many blocks
#   -R  and exactly this many single-block runs must fit in PMP before a
#       PLUG is refused (the budget check; PMP entries - 4 when refused)
#   -N  harts without PMP (-cpu rv64,pmp=false): /chosen/hotsbi-test,no-pmp
#       tells the payload, which then expects no windows; on HotSBI the
#       banner must say so and the card's RAM must stay boot RAM (the
#       payload's /memory is all of -M)
#   -E  the firmware's plans may use only this many PMP entries (a build
#       with HOTSBI_PMP_ENTRIES below QEMU's 16): set as
#       /chosen/hotsbi-test,pmp-entries in the DTB of -c, where the payload
#       reads it to know where SBI_ERR_FAILED is a right answer
#   -D  the card's device memory: /chosen/hotsbi,emulated-card-pmem-size
#       (u64) in the DTB of -c; the payload checks the pmem-region node and
#       its blocks and skips its MEMHP model suite (exactly one skip)
set -uo pipefail

fw= smp=1 bin= log= min=1 hotsbi=0 timeout_s=60 mem=1G card= memhp_min= blocks= budget=
no_pmp= pmp_entries= pmem=
machine=virt
while getopts "f:s:k:l:m:H:t:M:c:x:b:P:R:NE:D:" opt; do
	case $opt in
	f) fw=$OPTARG ;;
	s) smp=$OPTARG ;;
	k) bin=$OPTARG ;;
	l) log=$OPTARG ;;
	m) min=$OPTARG ;;
	H) hotsbi=$OPTARG ;;
	t) timeout_s=$OPTARG ;;
	M) mem=$OPTARG ;;
	c) card=$OPTARG ;;
	x) memhp_min=$OPTARG ;;
	b) blocks=$OPTARG ;;
	R) budget=$OPTARG ;;
	E) pmp_entries=$OPTARG ;;
	D) pmem=$OPTARG ;;
	P) machine=$OPTARG ;;
	N) no_pmp=1 ;;
	*) echo "usage: $0 -f FW -s HARTS -k BIN -l LOG [-m MIN] [-H 0|1] [-t S] [-M MEM] [-c CARD] [-x MEMHP_MIN] [-b BLOCKS] [-R RUNS] [-E PMP_ENTRIES] [-D PMEM_BYTES] [-N]" >&2
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
QEMU=${QEMU:-qemu-system-riscv64}
cpu_args=()
[ -z "$no_pmp" ] || cpu_args=(-cpu rv64,pmp=false)
name="payload $machine smp=$smp mem=$mem${card:+ card=$card}${pmem:+ pmem=$pmem}${no_pmp:+ no-pmp} fw=$fw"
mkdir -p "$(dirname "$log")"

dtb_args=()
if [ -n "$card$no_pmp" ]; then
	dtb=${log%.log}.dtb
	rm -f "$dtb"
	if ! timeout 30 "$QEMU" -M "$machine,dumpdtb=$dtb" "${cpu_args[@]}" \
		-smp "$smp" -m "$mem" -nographic </dev/null >/dev/null 2>&1 ||
	   [ ! -s "$dtb" ]; then
		echo "FAIL $name: QEMU could not dump its DTB to $dtb"
		exit 1
	fi
	if [ -n "$card" ]; then
		c=$((card))
		fdtput -t x "$dtb" /chosen hotsbi,emulated-card-size \
			"$(printf '%#x' $((c >> 32)))" \
			"$(printf '%#x' $((c & 0xffffffff)))" ||
			{ echo "FAIL $name: fdtput on $dtb failed"; exit 1; }
	fi
	if [ -n "$pmem" ]; then
		c=$((pmem))
		fdtput -t x "$dtb" /chosen hotsbi,emulated-card-pmem-size \
			"$(printf '%#x' $((c >> 32)))" \
			"$(printf '%#x' $((c & 0xffffffff)))" ||
			{ echo "FAIL $name: fdtput on $dtb failed"; exit 1; }
	fi
	if [ -n "$no_pmp" ]; then
		fdtput -t s "$dtb" /chosen hotsbi-test,no-pmp "" ||
			{ echo "FAIL $name: fdtput on $dtb failed"; exit 1; }
	fi
	if [ -n "$pmp_entries" ] &&
	   ! fdtput -t u "$dtb" /chosen hotsbi-test,pmp-entries "$pmp_entries"; then
		echo "FAIL $name: fdtput on $dtb failed"
		exit 1
	fi
	dtb_args=(-dtb "$dtb")
elif [ -n "$pmp_entries$pmem" ]; then
	echo "run-payload: -E and -D need -c" >&2
	exit 2
fi

pats=(-g '^payload: [0-9]+ passed, 0 failed[[:space:]]*$')
if [ "$hotsbi" = 1 ]; then
	# With device memory the model suite is skipped, and nothing else.
	nskip=0
	[ -z "$pmem" ] || nskip=1
	pats+=(-g '^# sbi implementation: HotSBI' -g "^# $nskip skipped")
fi
if [ -n "$memhp_min" ]; then
	pats+=(-g '^# memhp: [0-9]+ checks, 0 failed')
fi
if [ -n "$blocks" ]; then
	pats+=(-g "^# memhp: window 0: .* \\($blocks blocks\\)")
fi
if [ -n "$budget" ]; then
	pats+=(-g "^# memhp budget: $budget single-block runs fit")
fi
if [ -n "$pmp_entries" ]; then
	pats+=(-g "^# memhp budget: $pmp_entries PMP entries")
fi

if [ -n "$no_pmp" ] && [ "$hotsbi" = 1 ]; then
	ram=$(numfmt --from=iec "$mem")
	pats+=(-g '^hotsbi: 0 PMP entries: no hotplug windows'
	       -g "^# fdt: valid, .* memory 0x[0-9a-f]+\\+$(printf '%#x' "$ram")\$")
fi

stop=()
# virt, with or without options (virt,aclint=on), has a power-off device.
has_poweroff=0
case $machine in virt | virt,*) has_poweroff=1 ;; esac
if [ "$has_poweroff" = 0 ] && [ "$hotsbi" = 1 ]; then
	pats+=(-g '^# system_reset returned error -2,' -g '^# no power-off: cold reboot')
elif [ "$has_poweroff" = 0 ]; then
	stop=(-s '^payload: [0-9]+ passed, [0-9]+ failed')
fi
start=$(date +%s)
bash "$runner" -t "$timeout_s" -l "$log" -e 0 -n "$name" "${pats[@]}" "${stop[@]}" -- \
	-M "$machine" "${cpu_args[@]}" -m "$mem" -smp "$smp" -nographic -no-reboot \
	"${dtb_args[@]}" -bios "$fw" -kernel "$bin" || exit 1
secs=$(($(date +%s) - start))

n=$(sed -n 's/^payload: \([0-9]*\) passed, 0 failed.*/\1/p' "$log" | tail -n 1)
if [ -z "$n" ] || [ "$n" -lt "$min" ]; then
	echo "FAIL $name: only ${n:-0} checks passed, want at least $min (log $log)"
	exit 1
fi
extra=
if [ -n "$memhp_min" ]; then
	m=$(sed -n 's/^# memhp: \([0-9]*\) checks, 0 failed.*/\1/p' "$log" | tail -n 1)
	if [ -z "$m" ] || [ "$m" -lt "$memhp_min" ]; then
		echo "FAIL $name: only ${m:-0} MEMHP checks, want at least $memhp_min (log $log)"
		exit 1
	fi
	calls=$(awk '/^# memhp stress phase [12]: [0-9]+ harts, [0-9]+ calls/ \
		{ n += $8 } END { print n + 0 }' "$log")
	extra=", $m MEMHP checks, ${calls:-0} stress calls"
fi
echo "  $name: $n checks passed ($(grep -c '# SKIP' "$log") skipped$extra), ${secs}s"
grep -h 'KNOWN-FIRMWARE-BUG' "$log" | sed 's/^/  /'
exit 0
