# The broken device trees of make test-brokendt, sourced by run-brokendt.sh.
#
# case_add NAME PATH MEM SMP OUTCOME LINE WHAT
#   PATH     dyn:  the product path, -bios fw_dynamic.bin -dtb NAME.dtb
#                  -kernel payload.bin (QEMU itself must accept the tree);
#            jump: -bios none, fw_jump.elf, the tree and payload.elf placed
#                  by QEMU's generic loader, so the firmware sees the exact
#                  bytes (QEMU's -dtb rejects structurally broken blobs)
#   OUTCOME  boot: the payload runs and reports 0 failed;
#            stop: QEMU exits by itself with the firmware's failure status
#   LINE     ERE the firmware's single line must match ("" = no line)
# and gen_NAME (dashes as underscores) writes the tree to $1, starting from
# $BASE1 or $BASE9 (QEMU's tree for 1 or 9 harts, see dump_base).

BASE1=$out/base-smp1.dtb
BASE9=$out/base-smp9.dtb

# base_copy FILE: the one-hart base tree, with its header fields at hand.
base_copy() {
	cp "$BASE1" "$1"
	size=$(get32 "$1" $H_TOTALSIZE)
	off_struct=$(get32 "$1" $H_OFF_STRUCT)
	off_strings=$(get32 "$1" $H_OFF_STRINGS)
	size_struct=$(get32 "$1" $H_SIZE_STRUCT)
}

# cut FILE BYTES: keep only the first BYTES bytes (what follows in RAM is 0).
cut_at() {
	truncate -s $(($2)) "$1"
}

# ---------------------------------------------------------------- controls

case_add good-dyn dyn 1G 1 boot '' \
	'nothing (control: the base tree, product path)'
gen_good_dyn() { cp "$BASE1" "$1"; }

case_add good-jump jump 1G 1 boot '' \
	'nothing (control: the base tree through the loader path)'
gen_good_jump() { cp "$BASE1" "$1"; }

# ---------------------------------------------------------------- structure

case_add no-tree jump 1G 1 stop 'bad device tree magic' \
	'no tree at all at FW_JUMP_FDT_ADDR (zeroed RAM)'
gen_no_tree() { : >"$1"; }

case_add bad-magic jump 1G 1 stop 'bad device tree magic' \
	'magic 0xd00dfeee'
gen_bad_magic() { base_copy "$1"; put32 "$1" $H_MAGIC 0xd00dfeee; }

case_add cut-in-header jump 1G 1 stop 'bad device tree header' \
	'blob cut after 16 bytes (inside the header)'
gen_cut_in_header() { base_copy "$1"; cut_at "$1" 16; }

case_add cut-after-header jump 1G 1 stop 'no root node' \
	'blob cut after the 40-byte header'
gen_cut_after_header() { base_copy "$1"; cut_at "$1" 40; }

case_add cut-in-struct jump 1G 1 stop 'empty property name' \
	'blob cut in the middle of the structure block'
gen_cut_in_struct() { base_copy "$1"; cut_at "$1" $((off_struct + size_struct / 2)); }

case_add cut-before-end jump 1G 1 stop 'empty property name' \
	'blob cut 4 bytes before the end of the structure block (no FDT_END)'
gen_cut_before_end() { base_copy "$1"; cut_at "$1" $((off_struct + size_struct - 4)); }

case_add cut-in-strings jump 1G 1 stop 'empty property name' \
	'blob cut in the middle of the strings block'
gen_cut_in_strings() { base_copy "$1"; cut_at "$1" $((off_strings + (size - off_strings) / 2)); }

case_add bad-version jump 1G 1 stop 'version below 17' \
	'version 16 (no structure block size)'
gen_bad_version() { base_copy "$1"; put32 "$1" $H_VERSION 16; }

case_add bad-last-comp jump 1G 1 stop 'bad device tree header' \
	'last_comp_version 18 (newer than any reader)'
gen_bad_last_comp() { base_copy "$1"; put32 "$1" $H_LAST_COMP 18; }

case_add totalsize-absurd jump 1G 1 stop 'size is absurd' \
	'totalsize 0xffffffff'
gen_totalsize_absurd() { base_copy "$1"; put32 "$1" $H_TOTALSIZE 0xffffffff; }

case_add totalsize-past-ram jump 34.5M 1 stop 'past readable memory' \
	'totalsize 1 MiB, the tree 512 KiB before the end of RAM'
gen_totalsize_past_ram() { base_copy "$1"; put32 "$1" $H_TOTALSIZE 0x100000; }

case_add off-struct-out jump 1G 1 stop 'bad device tree header' \
	'off_dt_struct 0x7ffffff0 (far outside the blob)'
gen_off_struct_out() { base_copy "$1"; put32 "$1" $H_OFF_STRUCT 0x7ffffff0; }

case_add size-struct-out jump 1G 1 stop 'bad device tree header' \
	'size_dt_struct larger than totalsize'
gen_size_struct_out() { base_copy "$1"; put32 "$1" $H_SIZE_STRUCT $((size + 64)); }

case_add no-end-token jump 1G 1 stop 'truncated or corrupt structure block' \
	'FDT_END replaced by FDT_NOP'
gen_no_end_token() { base_copy "$1"; put32 "$1" $((off_struct + size_struct - 4)) 4; }

case_add bad-name-offset jump 1G 1 stop 'device tree: bad property name' \
	"the root's first property names string offset 0x7fffffff"
gen_bad_name_offset() { base_copy "$1"; put32 "$1" $((off_struct + 16)) 0x7fffffff; }

# ---------------------------------------------------------------- windows

case_add window-overlap-window dyn 1G 1 boot 'hotplug-window@a[08]000000 skipped: (window )?overlaps another window' \
	'a board window over half of another'
gen_window_overlap_window() { cp "$BASE1" "$1"; add_window "$1" 0xa8000000 0x10000000 0x4000000; }

case_add window-over-card dyn 1G 1 boot 'hotplug-window@98000000 skipped: (window )?overlaps (boot RAM|another window)' \
	'a board window over the emulated card'
gen_window_over_card() { cp "$BASE1" "$1"; add_window "$1" 0x98000000 0x8000000; }

case_add window-over-firmware dyn 1G 1 boot 'hotplug-window@80000000 skipped: (window )?overlaps (boot RAM|the firmware)' \
	'a board window (2 MiB blocks) over the firmware'
gen_window_over_firmware() { cp "$BASE1" "$1"; add_window "$1" 0x80000000 0x200000 0x200000; }

case_add window-unaligned dyn 1G 1 boot 'hotplug-window@b4000000 .*multiple of the block size' \
	'a board window at 0xb4000000 with 128 MiB blocks'
gen_window_unaligned() { cp "$BASE1" "$1"; add_window "$1" 0xb4000000 0x8000000; }

case_add window-zero-size dyn 1G 1 boot 'hotplug-window@b0000000 skipped: base or size is not a multiple of the block size' \
	'a board window of size 0'
gen_window_zero_size() { cp "$BASE1" "$1"; add_window "$1" 0xb0000000 0; }

case_add window-bad-block dyn 1G 1 boot 'hotplug-window@b0000000 .*block size' \
	'block-size 0x3000 (not a power of two)'
gen_window_bad_block() { cp "$BASE1" "$1"; add_window "$1" 0xb0000000 0x6000 0x3000; }

case_add window-wraps dyn 1G 1 boot 'hotplug-window@fffffffff0000000 .*wraps' \
	'a board window from 2^64 - 256 MiB, 512 MiB long'
gen_window_wraps() { cp "$BASE1" "$1"; add_window "$1" 0xfffffffff0000000 0x20000000; }

case_add window-size-wraps dyn 1G 1 boot 'hotplug-window@b0000000 .*wraps' \
	'a board window whose end is exactly 2^64 (size 2^64 - 0xb0000000)'
gen_window_size_wraps() { cp "$BASE1" "$1"; add_window "$1" 0xb0000000 0xffffffff50000000; }

case_add window-over-devices dyn 1G 1 boot 'hotplug-window@0 .*device registers' \
	'a board window over the first 128 MiB (CLINT, UART, PLIC)'
gen_window_over_devices() { cp "$BASE1" "$1"; add_window "$1" 0 0x8000000; }

case_add window-bad-reg dyn 1G 1 boot 'hotplug-window@b0000000 skipped: no usable reg' \
	'a board window whose reg has 3 cells'
gen_window_bad_reg() {
	cp "$BASE1" "$1" && add_window "$1" 0xb0000000 0x8000000 &&
	fdtput -t x "$1" /hotplug-window@b0000000 reg 0 0xb0000000 0x8000000
}

# ---------------------------------------------------------------- the card

case_add card-too-big dyn 1G 1 boot 'no emulated card: .*too small' \
	'/chosen/hotsbi,emulated-card-size 1 GiB, RAM 512 MiB'
gen_card_too_big() {
	cp "$BASE1" "$1" && fdtput -t x "$1" /chosen hotsbi,emulated-card-size $(u64 0x40000000)
}

case_add card-absurd dyn 1G 1 boot 'no emulated card: .*too small' \
	'card size 2^63'
gen_card_absurd() {
	cp "$BASE1" "$1" && fdtput -t x "$1" /chosen hotsbi,emulated-card-size $(u64 0x8000000000000000)
}

case_add card-unaligned dyn 1G 1 boot 'no emulated card: .*multiple' \
	'card size 256 MiB + 4 KiB (not whole 128 MiB blocks)'
gen_card_unaligned() {
	cp "$BASE1" "$1" && fdtput -t x "$1" /chosen hotsbi,emulated-card-size $(u64 0x10001000)
}

case_add card-bad-length dyn 1G 1 boot 'no emulated card: .*neither u32 nor u64' \
	'card size property of 3 bytes'
gen_card_bad_length() {
	cp "$BASE1" "$1" && fdtput -t bx "$1" /chosen hotsbi,emulated-card-size 1 0 0
}

# ---------------------------------------------------------------- memory

case_add memory-absurd dyn 1G 1 stop 'hotsbi: device tree has no memory node' \
	'/memory reg 0x80000000 + 0xffffffffffffffff (wraps)'
gen_memory_absurd() {
	cp "$BASE1" "$1" && fdtput -t x "$1" /memory@80000000 reg $(u64 0x80000000) $(u64 0xffffffffffffffff)
}

case_add memory-cells-3 dyn 1G 1 stop 'hotsbi: device tree has no memory node' \
	'/memory moved under a node with #address-cells 3'
gen_memory_cells_3() {
	cp "$BASE1" "$1" &&
	fdtput -r "$1" /memory@80000000 &&
	fdtput -c "$1" /bus3 && fdtput -t x "$1" /bus3 '#address-cells' 3 &&
	fdtput -t x "$1" /bus3 '#size-cells' 2 &&
	fdtput -c "$1" /bus3/memory@80000000 &&
	fdtput -t s "$1" /bus3/memory@80000000 device_type memory &&
	fdtput -t x "$1" /bus3/memory@80000000 reg 0 0 0x80000000 0 0x20000000
}

case_add no-memory dyn 1G 1 stop 'hotsbi: device tree has no memory node' \
	'no /memory node'
gen_no_memory() { cp "$BASE1" "$1" && fdtput -r "$1" /memory@80000000; }

# ---------------------------------------------------------------- harts

case_add no-cpus dyn 1G 1 stop 'hotsbi: device tree has no /cpus node' \
	'no /cpus node'
gen_no_cpus() { cp "$BASE1" "$1" && fdtput -r "$1" /cpus; }

case_add more-harts-than-max dyn 1G 9 boot 'hotsbi: more than 8 harts, hart 8 stays parked' \
	'9 harts, HARTS_MAX is 8'
gen_more_harts_than_max() { cp "$BASE9" "$1"; }

case_add cpu-reg-beyond dyn 1G 1 boot 'hart 1024 has no machine software interrupt, it stays parked' \
	'a second cpu node with reg 0x400 (no such hart, not in the CLINT)'
gen_cpu_reg_beyond() {
	cp "$BASE1" "$1" &&
	fdtput -c "$1" /cpus/cpu@400 &&
	fdtput -t s "$1" /cpus/cpu@400 device_type cpu &&
	fdtput -t x "$1" /cpus/cpu@400 reg 0x400 &&
	fdtput -t s "$1" /cpus/cpu@400 status okay &&
	fdtput -t s "$1" /cpus/cpu@400 compatible riscv &&
	fdtput -t s "$1" /cpus/cpu@400 riscv,isa "$(fdtget "$1" /cpus/cpu@0 riscv,isa)" &&
	fdtput -t s "$1" /cpus/cpu@400 mmu-type riscv,sv48
}

# ---------------------------------------------------------------- devices

case_add stdout-nowhere dyn 1G 1 boot 'stdout-path names no usable UART, console on serial@10000000' \
	'/chosen/stdout-path names a node that does not exist'
gen_stdout_nowhere() { cp "$BASE1" "$1" && fdtput -t s "$1" /chosen stdout-path /soc/serial@20000000; }

case_add stdout-not-uart dyn 1G 1 boot 'stdout-path names no usable UART, console on serial@10000000' \
	'/chosen/stdout-path names the RTC'
gen_stdout_not_uart() { cp "$BASE1" "$1" && fdtput -t s "$1" /chosen stdout-path /soc/rtc@101000; }

case_add no-clint dyn 1G 1 stop 'hotsbi: device tree has no CLINT' \
	'no CLINT node'
gen_no_clint() { cp "$BASE1" "$1" && fdtput -r "$1" /soc/clint@2000000; }
