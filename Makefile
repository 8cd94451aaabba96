# HotSBI top-level Makefile.
#
#   make                 build fw_dynamic and fw_jump for PLATFORM (default generic)
#   make run             boot Linux on HotSBI in QEMU (see README)
#   make test            host unit tests and QEMU system tests
#   make bench           instruction counts side by side: OpenSBI 1.9, OpenSBI 1.9 +
#                        MEMHP, HotSBI and Debian's OpenSBI 1.1 (tests/bench/bench.mk)
#   make opensbi         upstream OpenSBI 1.9 with the MEMHP series (opensbi/)
#   make soak            the long load run (all harts: MEMHP, IPIs, fences)
#   make fuzz            the libFuzzer targets for longer than make test does
#
# OpenSBI-style variables: PLATFORM, CROSS_COMPILE, O, FW_TEXT_START, FW_JUMP_ADDR.

PLATFORM	?= generic
O		?= build
CROSS_COMPILE	?= riscv64-linux-gnu-
FW_TEXT_START	?= 0x80000000
FW_JUMP_ADDR	?= 0x80200000
FW_JUMP_FDT_ADDR ?= 0x82200000
FW_EARLY_UART	?= 0x10000000
FW_EARLY_TEST	?= 0x100000
# Emulated memory card carved from the top of RAM (bytes; 0 = none) when
# /chosen/hotsbi,emulated-card-size does not say; and the PMP entries the
# planner may use (8 models a SiFive U54).
MEMHP_CARD_SIZE	?= 0x20000000
HOTSBI_PMP_ENTRIES ?= 64
# The MEMHP version offered (empty: 1.1); 0x01000000UL builds a firmware
# without CHECK, to test OS drivers against MEMHP 1.0.
MEMHP_SPEC_VERSION ?=
HARTS_MAX	?= 8
QEMU		?= qemu-system-riscv64
# QEMU arguments for two NUMA nodes of $(1) each, CPUs 0-1 and 2-3 (QEMU 7.2
# wants CPUs in every node): the host tests' trees and the Linux NUMA run.
qemu_two_nodes	= -object memory-backend-ram,id=node0,size=$(1) \
		  -object memory-backend-ram,id=node1,size=$(1) \
		  -numa node,nodeid=0,cpus=0-1,memdev=node0 \
		  -numa node,nodeid=1,cpus=2-3,memdev=node1
LINUX_TARBALL	?= /usr/src/linux-source-6.12.tar.xz
OPENSBI_FW_DYNAMIC ?= /usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin
UBOOT_SMODE	?= /usr/lib/u-boot/qemu-riscv64_smode/u-boot.bin

export O QEMU CROSS_COMPILE LINUX_TARBALL OPENSBI_FW_DYNAMIC UBOOT_SMODE

# Absolute build directory, so sub-scripts can cd freely.
override O := $(abspath $(O))

# Dependencies first: the rest of this file and its fragments probe tools when
# they are read ($(shell $(CC) ...)), so on a machine that lacks Debian
# packages the installer runs before anything else, as the rule for an
# included file; make then starts again and reads everything with the tools
# in place. Only the top-level make asks, and never for clean.
ifeq ($(MAKELEVEL),0)
ifneq ($(filter-out clean,$(or $(MAKECMDGOALS),all)),)
ifneq ($(shell bash scripts/install-deps.sh --missing),)
include $(O)/.install-deps
.DEFAULT_GOAL := all
$(O)/.install-deps: FORCE
	@bash scripts/install-deps.sh
	@mkdir -p $(@D) && touch $@
endif
endif
endif

HOTSBI_VERSION	:= 0.1
CC		:= $(CROSS_COMPILE)gcc
OBJCOPY		:= $(CROSS_COMPILE)objcopy
HOSTCC		?= gcc

plat_dir	:= platform/$(PLATFORM)
plat_build	:= $(O)/$(plat_dir)
FW_DYNAMIC_ELF	:= $(plat_build)/firmware/fw_dynamic.elf
FW_DYNAMIC_BIN	:= $(plat_build)/firmware/fw_dynamic.bin
FW_JUMP_ELF	:= $(plat_build)/firmware/fw_jump.elf
FW_JUMP_BIN	:= $(plat_build)/firmware/fw_jump.bin
export FW_DYNAMIC_BIN FW_JUMP_BIN

.PHONY: all firmware deps clean test bench run run-uboot FORCE
.SECONDARY:
all: firmware

deps:
	@bash scripts/install-deps.sh

# ---------------------------------------------------------------- libfdt
# libfdt is a dependency, not our code: extracted from Debian's kernel tarball.
LIBFDT_DIR	:= $(O)/libfdt
LIBFDT_STAMP	:= $(LIBFDT_DIR)/.extracted
LIBFDT_SRCS	:= fdt.c fdt_ro.c fdt_rw.c fdt_wip.c fdt_sw.c fdt_strerror.c fdt_addresses.c

$(LIBFDT_STAMP):
	@mkdir -p $(LIBFDT_DIR)
	@echo "  EXTRACT libfdt from $(LINUX_TARBALL)"
	@tar -xJf $(LINUX_TARBALL) -C $(LIBFDT_DIR) --strip-components=4 \
		linux-source-6.12/scripts/dtc/libfdt
	@touch $@

# ---------------------------------------------------------------- firmware
FW_CFLAGS	:= -g -O2 -std=gnu11 -Wall -Wextra -Werror \
		   -Wno-sign-compare -Wstrict-prototypes \
		   -ffreestanding -fno-builtin -nostdinc -fno-pic -fno-pie \
		   -fno-stack-protector -fno-strict-aliasing -fno-common \
		   -fomit-frame-pointer -ffunction-sections -fdata-sections \
		   -mcmodel=medany -march=rv64imac_zicsr_zifencei -mabi=lp64 \
		   -mno-relax -mno-save-restore -mstrict-align \
		   -isystem $(shell $(CC) -print-file-name=include 2>/dev/null) \
		   -Iinclude -Iinclude/libc -I$(LIBFDT_DIR) \
		   -DHARTS_MAX=$(HARTS_MAX) -DFW_TEXT_START=$(FW_TEXT_START) \
		   -DFW_JUMP_ADDR=$(FW_JUMP_ADDR) -DFW_JUMP_FDT_ADDR=$(FW_JUMP_FDT_ADDR) \
		   -DFW_EARLY_UART=$(FW_EARLY_UART)UL -DFW_EARLY_TEST=$(FW_EARLY_TEST)UL \
		   -DMEMHP_CARD_SIZE=$(MEMHP_CARD_SIZE)ULL -DHOTSBI_PMP_ENTRIES=$(HOTSBI_PMP_ENTRIES) \
		   $(if $(MEMHP_SPEC_VERSION),-DMEMHP_SPEC_VERSION=$(MEMHP_SPEC_VERSION)) \
		   -DHOTSBI_VERSION_STR=\"$(HOTSBI_VERSION)\"
LIBFDT_CFLAGS	:= $(filter-out -Wextra -Wstrict-prototypes,$(FW_CFLAGS)) \
		   -Wno-unused-function -Wno-sign-compare
FW_LDFLAGS	:= -nostdlib -static -no-pie -Wl,--gc-sections -Wl,--no-relax \
		   -Wl,--build-id=none -Wl,-z,noexecstack -Wl,--no-warn-rwx-segments \
		   -Wl,--defsym=FW_TEXT_START=$(FW_TEXT_START)

# Code that runs once (cold boot, the console, error and reset paths) or
# seldom (the manager's calls: a PLUG opens 128 MiB) is built for size.
# make bench measured each file: the bytes it saves cost at most 16,000 boot
# instructions (fdt_rebuild.c, the console) and 42 per PLUG (memhp.c,
# memhp_runs.c, sbi_memhp.c: 1,008 bytes); the ecall, IPI, PMP, planner and
# scrub paths stay at -O2, as does the device-tree walker (-Os there costs
# 42,000 boot instructions for 632 bytes).
FW_SIZE_SRCS	:= platform/generic/platform.c lib/memhp/memhp_fdt.c \
		   lib/sbi/sbi_init.c lib/sbi/sbi_console.c lib/sbi/sbi_hart.c \
		   lib/sbi/sbi_hsm.c lib/sbi/sbi_system.c lib/utils/fdt_rebuild.c \
		   lib/utils/fdt_fixup.c lib/utils/fdt_handoff.c \
		   lib/utils/fdt_cboz.c lib/utils/reset.c lib/memhp/memhp.c \
		   lib/memhp/memhp_runs.c lib/memhp/memhp_fault.c lib/sbi/sbi_memhp.c

# Sources: every .c/.S under lib/ and the platform, plus firmware/fw_base.S.
fw_common_srcs	:= firmware/fw_base.S \
		   $(sort $(wildcard lib/sbi/*.c lib/sbi/*.S lib/utils/*.c lib/memhp/*.c)) \
		   $(sort $(wildcard $(plat_dir)/*.c))
fw_common_objs	:= $(patsubst %,$(plat_build)/%.o,$(fw_common_srcs))
libfdt_objs	:= $(patsubst %.c,$(plat_build)/libfdt/%.o,$(LIBFDT_SRCS))

# Objects follow their flags: the file changes, and everything is rebuilt,
# when FW_CFLAGS or FW_SIZE_SRCS change (an edit, or a make variable).
FW_FLAGS_FILE	:= $(plat_build)/fw-flags.txt
fw_flags_now	:= $(FW_CFLAGS) size: $(FW_SIZE_SRCS)
ifeq ($(filter clean,$(MAKECMDGOALS)),)
$(shell mkdir -p $(plat_build) && \
	[ "$$(cat $(FW_FLAGS_FILE) 2>/dev/null)" = '$(fw_flags_now)' ] || \
	echo '$(fw_flags_now)' > $(FW_FLAGS_FILE))
endif

$(plat_build)/%.c.o: %.c $(LIBFDT_STAMP) $(FW_FLAGS_FILE)
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(FW_CFLAGS) -MMD -MP -c $< -o $@

$(patsubst %,$(plat_build)/%.o,$(FW_SIZE_SRCS)): FW_CFLAGS := \
	$(subst -O2,-Os,$(FW_CFLAGS))

$(plat_build)/%.S.o: %.S $(FW_FLAGS_FILE)
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	@$(CC) $(FW_CFLAGS) -D__ASSEMBLY__ -MMD -MP -c $< -o $@

$(plat_build)/libfdt/%.o: $(LIBFDT_STAMP) $(FW_FLAGS_FILE)
	@mkdir -p $(dir $@)
	@echo "  CC      libfdt/$*.c"
	@$(CC) $(LIBFDT_CFLAGS) -c $(LIBFDT_DIR)/$*.c -o $@

$(plat_build)/firmware/%.elf: $(plat_build)/firmware/%.c.o $(fw_common_objs) $(libfdt_objs) firmware/fw_base.ld
	@echo "  LD      $@"
	@$(CC) $(FW_CFLAGS) $(FW_LDFLAGS) -Tfirmware/fw_base.ld \
		-Wl,-Map=$(@:.elf=.map) -o $@ $(filter %.o,$^)

$(plat_build)/firmware/%.bin: $(plat_build)/firmware/%.elf
	@echo "  OBJCOPY $@"
	@$(OBJCOPY) -O binary $< $@

firmware: $(FW_DYNAMIC_BIN) $(FW_JUMP_BIN) $(FW_DYNAMIC_ELF) $(FW_JUMP_ELF)
	@size=$$(stat -c %s $(FW_DYNAMIC_BIN)); echo "  fw_dynamic.bin: $$size bytes"

-include $(shell find $(O)/platform -name '*.d' 2>/dev/null)

# OpenSBI 1.9 with the MEMHP series (make opensbi, make run FW=opensbi).
include opensbi/opensbi.mk

# ---------------------------------------------------------------- tests and tools
# Each test area owns one fragment; they add to TEST_TARGETS and define their targets.
TEST_TARGETS	:=
-include tests/host/host.mk
-include tests/fuzz/fuzz.mk
-include tests/memhp/memhp.mk
-include tests/srt/srt.mk
-include tests/payload/payload.mk
-include tests/brokendt/brokendt.mk
-include tests/soak/soak.mk
-include tests/uboot/uboot.mk
-include tests/linux/linux.mk
-include tests/bench/bench.mk
-include tests/opensbi/opensbi.mk

# A test that cannot run here (a missing input) touches $(O)/.skip-<target>
# and succeeds: it counts as skipped, not passed.
test: deps firmware
	@failed=0; skipped=0; for t in $(TEST_TARGETS); do \
		echo "=== $$t"; rm -f $(O)/.skip-$$t; \
		if $(MAKE) --no-print-directory $$t; then \
			if [ -e $(O)/.skip-$$t ]; then echo "=== $$t: skipped"; skipped=$$((skipped+1)); \
			else echo "=== $$t: ok"; fi; \
		else echo "=== $$t: FAILED"; failed=$$((failed+1)); fi; \
	done; \
	n=$(words $(TEST_TARGETS)); \
	echo "$$((n-failed-skipped)) passed, $$failed failed$$([ $$skipped -eq 0 ] || echo ", $$skipped skipped")"; \
	[ $$failed -eq 0 ]

# ---------------------------------------------------------------- demos
# README's main command: build HotSBI, Linux 6.12 and the hotsbi-memhp
# driver, boot Linux on HotSBI in QEMU (4 harts, 1 GiB, 512 MiB emulated
# card) and run the narrated memory-hotplug demo, which powers off.
run: deps linux-demo

# An interactive U-Boot (S-mode) prompt on HotSBI; leave QEMU with Ctrl-A X.
run-uboot: deps firmware
	$(QEMU) -M virt -smp 2 -m 1G -nographic -bios $(FW_DYNAMIC_BIN) \
		-kernel $(UBOOT_SMODE)

clean:
	rm -rf $(O)

FORCE:
