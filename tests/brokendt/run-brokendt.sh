#!/usr/bin/env bash
# Boots HotSBI in QEMU with broken device trees (tests/brokendt/cases.sh)
# and checks that each one ends in one clear firmware line and either a
# correct boot without the bad part (the test payload reports 0 failed) or
# a clean stop (QEMU exits by itself with the firmware's failure status),
# never a hang or an M-mode trap. Writes a Markdown table of the results.
#
# usage: run-brokendt.sh -b BUILD_DIR -o OUT_DIR [-t TABLE] [-c CASE]...
#   -b  build directory holding platform/generic/firmware/fw_{dynamic,jump}.*
#       and tests/payload/payload.{bin,elf} (make O=... firmware payload)
#   -o  where the trees, logs and table.md go
#   -t  also put the table into this Markdown file, between the lines
#       "<!-- brokendt table begin -->" and "<!-- brokendt table end -->"
#       (docs/broken-dt.md); only when every case passed
#   -c  run only this case (repeatable)
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
runner=$here/../../scripts/qemu-run.sh
QEMU=${QEMU:-qemu-system-riscv64}
build= out= table_copy=
only=()
while getopts "b:o:t:c:" opt; do
	case $opt in
	b) build=$OPTARG ;;
	o) out=$OPTARG ;;
	t) table_copy=$OPTARG ;;
	c) only+=("$OPTARG") ;;
	*) echo "usage: $0 -b BUILD -o OUT [-t TABLE] [-c CASE]..." >&2; exit 2 ;;
	esac
done
[ -n "$build" ] && [ -n "$out" ] || { echo "run-brokendt: -b and -o are required" >&2; exit 2; }

fw_dir=$build/platform/generic/firmware
FW_DYNAMIC=$fw_dir/fw_dynamic.bin
FW_JUMP=$fw_dir/fw_jump.elf
PAYLOAD_BIN=$build/tests/payload/payload.bin
PAYLOAD_ELF=$build/tests/payload/payload.elf
# fw_jump takes the tree from here when a1 is 0 (Makefile FW_JUMP_FDT_ADDR).
FW_JUMP_FDT_ADDR=${FW_JUMP_FDT_ADDR:-0x82200000}
for f in "$FW_DYNAMIC" "$FW_JUMP" "$PAYLOAD_BIN" "$PAYLOAD_ELF"; do
	[ -r "$f" ] || { echo "FAIL brokendt: $f not found"; exit 1; }
done
for t in dtc fdtput fdtget od dd; do
	command -v $t >/dev/null || { echo "FAIL brokendt: $t not installed"; exit 1; }
done
mkdir -p "$out"

# ------------------------------------------------------------ tree helpers

# put32 FILE OFFSET VALUE: store a big-endian 32-bit word in place.
put32() {
	local v=$(($3))
	printf "\\x$(printf %02x $(((v >> 24) & 255)))\\x$(printf %02x $(((v >> 16) & 255)))\\x$(printf %02x $(((v >> 8) & 255)))\\x$(printf %02x $((v & 255)))" |
		dd of="$1" bs=1 seek=$(($2)) conv=notrunc status=none
}

# get32 FILE OFFSET: a big-endian 32-bit word.
get32() {
	echo $(($(od -An -tu4 --endian=big -j $(($2)) -N4 "$1")))
}

# Header field offsets (struct fdt_header).
H_MAGIC=0 H_TOTALSIZE=4 H_OFF_STRUCT=8 H_OFF_STRINGS=12 H_VERSION=20
H_LAST_COMP=24 H_SIZE_STRINGS=32 H_SIZE_STRUCT=36

# u64 VALUE: the two cells of a 64-bit value, for fdtput -t x.
u64() {
	printf '%#x %#x' $((($1 >> 32) & 0xffffffff)) $(($1 & 0xffffffff))
}

# add_window FILE BASE SIZE [BLOCK_SIZE]: a board window node at the root.
add_window() {
	local node=/hotplug-window@$(printf %x $(($2)))
	fdtput -c "$1" "$node" &&
	fdtput -t s "$1" "$node" compatible hotsbi,memory-hotplug-window &&
	fdtput -t x "$1" "$node" reg $(u64 $2) $(u64 $3) &&
	if [ -n "${4:-}" ]; then fdtput -t x "$1" "$node" block-size $(u64 $4); fi
}

# dump_base SMP: QEMU's own virt tree for -m 1G and SMP harts, packed, with
# /memory cut to 512 MiB (the rest of QEMU's RAM is where board windows
# go), a 256 MiB emulated card (/memory 0x90000000-0x9fffffff) and one
# good board window of 4 blocks at 0xa0000000.
dump_base() {
	local raw=$out/base-smp$1.raw.dtb dtb=$out/base-smp$1.dtb
	rm -f "$raw"
	timeout 30 "$QEMU" -M "virt,dumpdtb=$raw" -m 1G -smp "$1" -nographic \
		</dev/null >/dev/null 2>&1
	[ -s "$raw" ] || { echo "FAIL brokendt: QEMU could not dump its tree"; exit 1; }
	dtc -q -I dtb -O dtb -o "$dtb" "$raw" &&
	fdtput -t x "$dtb" /memory@80000000 reg $(u64 0x80000000) $(u64 0x20000000) &&
	fdtput -t x "$dtb" /chosen hotsbi,emulated-card-size $(u64 0x10000000) &&
	add_window "$dtb" 0xa0000000 0x10000000 0x4000000 ||
		{ echo "FAIL brokendt: could not edit $dtb"; exit 1; }
}

# ------------------------------------------------------------ one case

# The cases: case_add NAME PATH MEM SMP OUTCOME LINE WHAT, each with a
# gen_NAME function (dashes as underscores) writing the tree to $1.
CASES=()
# Fields are joined with US (0x1f): tabs would merge empty fields.
case_add() { local IFS=$'\x1f'; CASES+=("$*"); }
. "$here/cases.sh"

# Lines the firmware prints before its banner that are not a problem.
INFO_LINE='^memhp: window [0-9]+ from '
TRAP_LINE='^hotsbi: .* on hart [0-9]+: mcause '

failed=0 passed=0 total_start=$(date +%s)
rows=()
run_case() {
	local name=$1 path=$2 mem=$3 smp=$4 outcome=$5 want=$6 what=$7
	local dtb=$out/$name.dtb log=$out/$name.log gen=gen_${1//-/_}
	local args=() rc_want timeout_s
	rm -f "$dtb" "$log"
	if ! "$gen" "$dtb" >"$out/$name.gen.log" 2>&1; then
		echo "FAIL brokendt $name: the tree could not be made"
		cat "$out/$name.gen.log"
		return 1
	fi
	args=(-M virt -m "$mem" -smp "$smp" -nographic -no-reboot)
	case $path in
	dyn)	args+=(-bios "$FW_DYNAMIC" -kernel "$PAYLOAD_BIN" -dtb "$dtb") ;;
	jump)	args+=(-bios none -device "loader,file=$FW_JUMP,cpu-num=0"
		       -device "loader,file=$PAYLOAD_ELF")
		[ -s "$dtb" ] && args+=(-device "loader,file=$dtb,addr=$FW_JUMP_FDT_ADDR") ;;
	esac
	# The payload passes with exit 0; the firmware's stop reports 1.
	# A stop takes well under a second, a one-hart boot about one
	# second, nine harts (payload stress on eight) about 17 s on 2 cores.
	if [ "$outcome" = stop ]; then
		rc_want=1 timeout_s=10
	elif [ "$smp" = 1 ]; then
		rc_want=0 timeout_s=30
	else
		rc_want=0 timeout_s=90
	fi
	local t0 t1 secs res
	t0=$(date +%s%N)
	res=$(bash "$runner" -t "$timeout_s" -l "$log" -e "$rc_want" \
		-n "brokendt $name" -- "${args[@]}")
	local rc=$?
	t1=$(( ($(date +%s%N) - t0) / 100000000 ))
	secs=$((t1 / 10)).$((t1 % 10))

	# The firmware's lines before its banner (all lines if it stopped).
	local pre problems nprob fail=
	pre=$(sed -n '/^HotSBI v/q;p' "$log" | tr -d '\r' | sed '/^[[:space:]]*$/d')
	problems=$(printf '%s\n' "$pre" | grep -Ev "$INFO_LINE" | sed '/^$/d')
	nprob=$(printf '%s' "$problems" | grep -c '')
	if [ $rc -ne 0 ]; then
		fail=$(printf '%s' "$res" | head -n 1 | sed 's/^FAIL [^:]*: //')
	elif grep -Eq "$TRAP_LINE" "$log"; then
		fail="M-mode trap dump ($(grep -Ec "$TRAP_LINE" "$log") times)"
	elif [ -z "$want" ] && [ "$nprob" -ne 0 ]; then
		fail="expected no firmware line, got $nprob"
	elif [ -n "$want" ] && [ "$nprob" -ne 1 ]; then
		fail="expected exactly one firmware line, got $nprob"
	elif [ -n "$want" ] && ! printf '%s\n' "$problems" | grep -Eq -- "$want"; then
		fail="the firmware's line does not match /$want/"
	elif [ "$outcome" = boot ] &&
	     ! grep -Eq '^payload: [0-9]+ passed, 0 failed' "$log"; then
		fail="the payload did not report 0 failed"
	elif [ "$outcome" = stop ] && ! printf '%s\n' "$problems" | grep -q '; stopping$'; then
		fail="the stop line does not end in '; stopping'"
	elif [ "$outcome" = stop ] && grep -Eq '^(HotSBI v|# HotSBI test payload)' "$log"; then
		fail="the firmware went on after its stop line"
	fi
	if [ -n "$fail" ]; then
		echo "FAIL brokendt $name: $fail (${secs}s)"
		echo "----- console log ($log) -----"
		tail -n 60 "$log"
		echo "----- end of console log -----"
		return 1
	fi

	local result line
	if [ "$outcome" = boot ]; then
		result="boot: payload $(sed -n 's/^payload: \([0-9]*\) passed, 0 failed.*/\1/p' "$log" | tail -n 1) passed, 0 failed"
	else
		result="stop: QEMU exit 1"
	fi
	line=${problems:-(none)}
	echo "PASS brokendt $name: $result, ${secs}s: $line"
	rows+=("| \`$name\` | $path | $what | \`${line//|/\\|}\` | $result, ${secs} s |")
	return 0
}

dump_base 1
dump_base 9
for c in "${CASES[@]}"; do
	IFS=$'\x1f' read -r name path mem smp outcome want what <<<"$c"
	if [ ${#only[@]} -gt 0 ] && ! printf '%s\n' "${only[@]}" | grep -qx -- "$name"; then
		continue
	fi
	if run_case "$name" "$path" "$mem" "$smp" "$outcome" "$want" "$what"; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
	fi
done
total=$(($(date +%s) - total_start))

{
	echo "| case | path | what is broken | the firmware's line | outcome (measured) |"
	echo "|---|---|---|---|---|"
	printf '%s\n' "${rows[@]}"
} >"$out/table.md"
if [ -n "$table_copy" ] && [ $failed -eq 0 ]; then
	if grep -q '^<!-- brokendt table begin -->$' "$table_copy" &&
	   grep -q '^<!-- brokendt table end -->$' "$table_copy"; then
		sed -i -e "/^<!-- brokendt table begin -->\$/,/^<!-- brokendt table end -->\$/{
			/^<!-- brokendt table begin -->\$/{p;r $out/table.md
			}
			/^<!-- brokendt table end -->\$/p
			d
		}" "$table_copy"
		echo "brokendt: table written into $table_copy"
	else
		echo "brokendt: $table_copy lacks the table markers, not updated"
	fi
fi
echo "brokendt: $passed passed, $failed failed, ${total}s (logs and trees in $out)"
[ $failed -eq 0 ]
