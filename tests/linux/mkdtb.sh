#!/usr/bin/env bash
# Device trees for the memhp refusal and budget runs, from QEMU's own tree.
#
# usage: mkdtb.sh KIND OUT MACHINE SMP MEM [QEMU-ARG...]
#   (the QEMU arguments shape the machine further, e.g. its NUMA nodes)
#   fake   an extra "hotsbi,memory-hotplug" node /hotplug-fake without
#          windows: NUM_WINDOWS disagrees (the firmware's own node must
#          still work)
#   noext  (for a firmware without MEMHP) a well-formed /hotplug-memory node
#          for the default card: the SBI extension is absent
#   card2g /chosen/hotsbi,emulated-card-size = 2 GiB (the PMP budget run)
#   pmem   /chosen/hotsbi,emulated-card-pmem-size = 256 MiB: the top two
#          blocks of the default card are device memory (static mode)
#   numa-pmem  the same on a machine with NUMA nodes (QEMU-ARGs): the
#          region has the card's node, which kmem needs
#   board-pmem  (MEM 1G) no card, /memory cut to 512 MiB and a board window
#          node for 0xa0000000-0xbfffffff (4 blocks of 128 MiB) whose top
#          256 MiB are device memory (hotsbi,pmem-size): the same layout as
#          pmem, from the board's tree instead of the card
#   board-unavail  (MEM 1G) the same board window without device memory,
#          its block 1 unavailable (hotsbi,unavailable-blocks = <1 1>)
#   dma32  (MEM 3G) /chosen/hotsbi,emulated-card-size = 1 GiB: boot RAM
#          below 4 GiB, the card above it
#   dma32-small  (MEM 3G) a 2.75 GiB card: 256 MiB of boot RAM, the card
#          reaching above 4 GiB
#   badpfn an extra "hotsbi,memory-hotplug" node /hotplug-bad whose
#          hotsbi,max-possible-pfn (8 GiB) is one cell, not a u64: Linux must
#          ignore it with one warning
#   pmem-pair  (MEM 1G) no card, /memory cut to 768 MiB and two 64 MiB
#          volatile "pmem-region" nodes at 0xb8000000 and 0xbc000000, in
#          one 128 MiB section, as a board's tree would describe device
#          memory: with a 56- or a 64-byte struct page their memmaps share
#          one vmemmap leaf that no other memory uses
# Environment: QEMU.
set -euo pipefail

kind=$1 out=$2 machine=$3 smp=$4 mem=$5
shift 5
QEMU=${QEMU:-qemu-system-riscv64}
mkdir -p "$(dirname "$out")"
"$QEMU" -M "$machine,dumpdtb=$out.tmp" -smp "$smp" -m "$mem" -nographic "$@" >/dev/null
node()
{
	local n=$1

	fdtput -c "$out.tmp" "$n"
	fdtput -t s "$out.tmp" "$n" compatible hotsbi,memory-hotplug
	fdtput -t i "$out.tmp" "$n" '#address-cells' 2
	fdtput -t i "$out.tmp" "$n" '#size-cells' 2
	fdtput -t x "$out.tmp" "$n" hotsbi,sbi-extension-id 9000000
	fdtput -t x "$out.tmp" "$n" hotsbi,max-possible-pfn 0 c0000
}
# laid_out_for MEM: the kind's addresses assume QEMU's -m MEM.
laid_out_for()
{
	[ "$mem" = "$1" ] || { echo "mkdtb: $kind is laid out for $1, not $mem" >&2; exit 2; }
}
case $kind in
fake)
	node /hotplug-fake
	;;
noext)
	node /hotplug-memory
	w=/hotplug-memory/window@a0000000
	fdtput -c "$out.tmp" $w
	fdtput -t s "$out.tmp" $w compatible hotsbi,memory-hotplug-window
	fdtput -t x "$out.tmp" $w reg 0 a0000000 0 20000000
	fdtput -t x "$out.tmp" $w hotsbi,block-size 0 8000000
	fdtput -t x "$out.tmp" $w hotsbi,window-id 0
	fdtput -t s "$out.tmp" $w hotsbi,emulated ""
	fdtput -t s "$out.tmp" $w hotsbi,scrub-on-unplug ""
	;;
card2g)
	fdtput -t x "$out.tmp" /chosen hotsbi,emulated-card-size 0 80000000
	;;
pmem|numa-pmem)
	fdtput -t x "$out.tmp" /chosen hotsbi,emulated-card-pmem-size 0 10000000
	;;
board-pmem|board-unavail)
	laid_out_for 1G
	fdtput -t x "$out.tmp" /chosen hotsbi,emulated-card-size 0 0
	fdtput -t x "$out.tmp" /memory@80000000 reg 0 80000000 0 20000000
	w=/hotplug-window@a0000000
	fdtput -c "$out.tmp" $w
	fdtput -t s "$out.tmp" $w compatible hotsbi,memory-hotplug-window
	fdtput -t x "$out.tmp" $w reg 0 a0000000 0 20000000
	fdtput -t x "$out.tmp" $w block-size 0 8000000
	fdtput -t s "$out.tmp" $w hotsbi,scrub-on-unplug ""
	if [ $kind = board-pmem ]; then
		fdtput -t x "$out.tmp" $w hotsbi,pmem-size 0 10000000
	else
		fdtput -t x "$out.tmp" $w hotsbi,unavailable-blocks 1 1
	fi
	;;
dma32)
	laid_out_for 3G
	fdtput -t x "$out.tmp" /chosen hotsbi,emulated-card-size 0 40000000
	;;
badpfn)
	node /hotplug-bad
	fdtput -t x "$out.tmp" /hotplug-bad hotsbi,max-possible-pfn 200000
	;;
dma32-small)
	laid_out_for 3G
	fdtput -t x "$out.tmp" /chosen hotsbi,emulated-card-size 0 b0000000
	;;
pmem-pair)
	laid_out_for 1G
	fdtput -t x "$out.tmp" /chosen hotsbi,emulated-card-size 0 0
	fdtput -t x "$out.tmp" /memory@80000000 reg 0 80000000 0 30000000
	for base in b8000000 bc000000; do
		fdtput -c "$out.tmp" /pmem@$base
		fdtput -t s "$out.tmp" /pmem@$base compatible pmem-region
		fdtput -t x "$out.tmp" /pmem@$base reg 0 $base 0 4000000
		fdtput "$out.tmp" /pmem@$base volatile
	done
	;;
*)
	echo "mkdtb: unknown kind $kind" >&2
	exit 2
	;;
esac
mv "$out.tmp" "$out"
