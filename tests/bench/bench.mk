# make bench: instruction counts (QEMU -icount shift=0, instret) of several
# fw_dynamic images side by side, from one small S-mode payload: one table
# with a column per image (BENCH_FW) and ratios between them; boot, BASE,
# IPI and remote-fence rows for every column, and MEMHP PLUG/UNPLUG (1 block,
# with and without scrub, on 1, 4 and 8 harts: DTBs made with QEMU's dumpdtb
# and fdtput) for every column whose firmware the payload finds implementing
# MEMHP (n/a for the others), then a MEMHP detail table per such column and
# the PMP planner's cost (lib/memhp/memhp_plan.c, linked into the payload) on
# random plug patterns.  The requirements follow the table, each with its
# figures and PASS/FAIL: HotSBI's against OpenSBI 1.1 and its own limits,
# and OpenSBI 1.9 + MEMHP's against OpenSBI 1.9 as released (boot at most
# 1% more, BASE nothing more) and HotSBI (PLUG 1 block within 2x).  Last,
# the Linux table: the hotplug cycle as Linux sees it (requested_size up,
# online_movable, offline, requested_size down, per block, 1 and 4 blocks,
# 1 and 4 harts), timed by a static /init (linux-memhp.c) on the project's
# kernel (build/linux, built first when missing) and the hotsbi-memhp
# driver, on HotSBI and, when the OpenSBI tarball is here
# (opensbi/opensbi.mk), on OpenSBI 1.9 + MEMHP, with the two side by side.
#
# Columns (labels name them in the requirements and ratios), by default in
# this order: OpenSBI-1.9 (OPENSBI_VANILLA_FW) and OpenSBI-1.9+MEMHP
# (OPENSBI_MEMHP_FW), both built first by `make opensbi` and only when the
# OpenSBI tarball is here (else one line says so), HotSBI (BENCH_FW_A, built
# first) and OpenSBI-1.1 (BENCH_FW_B, Debian's).
#
#   make bench                          the default columns
#   make bench BENCH_FW_A=              no HotSBI column
#   make bench BENCH_FW_A=x.bin BENCH_FW_B=y.bin   other images as HotSBI and
#                                       OpenSBI-1.1 (held to their requirements)
#   make bench BENCH_FW="new=a.bin HotSBI=b.bin"   any columns, LABEL=image
#                                       (a requirement whose columns are not
#                                       there is skipped and says so)
#   make bench BENCH_LINUX_FW="HotSBI=a.bin old=b.bin"  Linux table per image
#   make bench BENCH_LINUX_FW=          no Linux table (no kernel needed)
#
# Not part of TEST_TARGETS. Exits non-zero when a requirement is not met.

BENCH_SRC	:= $(patsubst %/,%,$(dir $(lastword $(MAKEFILE_LIST))))
BENCH_O		:= $(O)/tests/bench
BENCH_ELF	:= $(BENCH_O)/bench.elf
BENCH_BIN	:= $(BENCH_O)/bench.bin
BENCH_FW_A	?= $(FW_DYNAMIC_BIN)
BENCH_FW_B	?= $(OPENSBI_FW_DYNAMIC)
BENCH_OPENSBI19	:= $(if $(wildcard $(OPENSBI_TARBALL)),\
		   OpenSBI-1.9=$(OPENSBI_VANILLA_FW) \
		   OpenSBI-1.9+MEMHP=$(OPENSBI_MEMHP_FW))
BENCH_FW	?= $(strip $(BENCH_OPENSBI19) \
		   $(if $(BENCH_FW_A),HotSBI=$(BENCH_FW_A)) \
		   $(if $(BENCH_FW_B),OpenSBI-1.1=$(BENCH_FW_B)))
BENCH_TIMEOUT	?= 120
# LABEL=image pairs for the Linux table (each must implement MEMHP; the
# first one's figures are held to the requirement), and the limit of one
# Linux boot before HOTSBI_TIMEOUT_SCALE (about 3 s on 1 hart, 30 s on 4).
BENCH_OPENSBI_MEMHP := $(if $(wildcard $(OPENSBI_TARBALL)),\
			 OpenSBI-1.9+MEMHP=$(OPENSBI_MEMHP_FW))
BENCH_LINUX_FW	?= $(strip $(if $(BENCH_FW_A),HotSBI=$(BENCH_FW_A)) \
		   $(BENCH_OPENSBI_MEMHP))
BENCH_LINUX_TIMEOUT ?= 90
BENCH_LINUX_INIT := $(BENCH_O)/linux-memhp
BENCH_LINUX_CPIO := $(BENCH_O)/linux-memhp.cpio

# The planner bench links the firmware's own planner (freestanding C),
# built with this program's flags but the firmware's warning set: its
# sources are lib/memhp's, not the bench's. The entry records the boot
# instret (SRT_BOOT_INSTRET).
BENCH_SRCS	:= $(addprefix $(BENCH_SRC)/payload/,bench.c out.c loops.S memhp.c \
		   plan.c)
BENCH_PLAN_OBJ	:= $(BENCH_O)/memhp_plan.o
BENCH_DEPS	:= $(BENCH_SRCS) $(BENCH_PLAN_OBJ) \
		   $(wildcard $(BENCH_SRC)/payload/*.h) $(BENCH_SRC)/bench.mk \
		   $(SRT_DEPS)

$(BENCH_PLAN_OBJ): lib/memhp/memhp_plan.c $(wildcard include/memhp/*.h) \
		   $(BENCH_SRC)/bench.mk $(SRT_DIR)/srt.mk
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(SRT_CFLAGS) -Iinclude -c $< -o $@

$(BENCH_ELF): $(BENCH_DEPS)
	$(call srt_link,-Iinclude -DSRT_BOOT_INSTRET,$(BENCH_SRCS) $(BENCH_PLAN_OBJ))

$(BENCH_BIN): $(BENCH_ELF)
	@echo "  OBJCOPY $@"
	@$(OBJCOPY) -O binary $< $@

.PHONY: bench bench-payload bench-linux-kernel bench-linux-initramfs
bench-payload: $(BENCH_BIN)

$(BENCH_LINUX_INIT): $(BENCH_SRC)/linux-memhp.c $(BENCH_SRC)/bench.mk
	@mkdir -p $(dir $@)
	@echo "  CC      $< (static)"
	@$(LINUX_CROSS_COMPILE)gcc -static -O2 -s -Wall -Wextra -Werror -o $@ $<

# Said before linux-memhp-modules starts the kernel build.
bench-linux-kernel:
	@test -f $(LINUX_IMAGE) || echo "  BENCH   no Linux kernel at $(LINUX_IMAGE):" \
		"building it first for the Linux table (about 7 minutes on 2 cores)"

bench-linux-initramfs: bench-linux-kernel linux-memhp-modules $(BENCH_LINUX_INIT) \
		$(LINUX_GEN_CPIO)
	@echo "  CPIO    $(BENCH_LINUX_CPIO)"
	@bash tests/linux/mkinitramfs.sh $(LINUX_GEN_CPIO) $(BENCH_LINUX_CPIO) \
		$(BENCH_LINUX_INIT) $(MEMHP_KO)=/lib/modules/hotsbi-memhp.ko:0644

# Build HotSBI, and OpenSBI 1.9 (both builds), first only when they are
# measured.
bench_images = $(patsubst %=,,$(subst =,= ,$(1)))
BENCH_IMAGES = $(call bench_images,$(BENCH_FW) $(BENCH_LINUX_FW))
bench: $(BENCH_BIN) $(if $(filter $(FW_DYNAMIC_BIN),$(BENCH_IMAGES)),firmware) \
		$(if $(filter $(OPENSBI_MEMHP_FW) $(OPENSBI_VANILLA_FW) \
			$(OPENSBI_OFF_FW),$(BENCH_IMAGES)),opensbi) \
		$(if $(BENCH_LINUX_FW),bench-linux-initramfs)
	$(if $(wildcard $(OPENSBI_TARBALL)),,@echo "  BENCH   no OpenSBI 1.9" \
		"tarball at $(OPENSBI_TARBALL): no OpenSBI-1.9 and" \
		"OpenSBI-1.9+MEMHP columns (OPENSBI_TARBALL=... adds them)")
	@python3 $(BENCH_SRC)/run-bench.py --qemu "$(QEMU)" --payload $(BENCH_BIN) \
		$(foreach f,$(BENCH_FW),--fw "$(f)") \
		--log-dir $(BENCH_O) --timeout $(BENCH_TIMEOUT) \
		$(foreach f,$(BENCH_LINUX_FW),--linux-fw "$(f)") \
		--linux-image $(LINUX_IMAGE) --linux-initramfs $(BENCH_LINUX_CPIO) \
		--linux-timeout $(BENCH_LINUX_TIMEOUT)
