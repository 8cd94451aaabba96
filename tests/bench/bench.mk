# make bench: instruction counts (QEMU -icount shift=0, instret) of HotSBI next to
# Debian's OpenSBI 1.1, from one small S-mode payload run under both firmwares;
# then HotSBI's MEMHP extension alone: PLUG/UNPLUG on 1, 4 and 8 harts (DTBs made
# with QEMU's dumpdtb and fdtput) and the PMP planner (lib/memhp/memhp_plan.c,
# linked into the payload) on random plug patterns.
#
#   make bench                          HotSBI (built first) vs OpenSBI 1.1
#   make bench BENCH_FW_A=              OpenSBI 1.1 alone (HotSBI column n/a)
#   make bench BENCH_FW_A=x.bin BENCH_FW_B=y.bin   any two fw_dynamic images
#
# The MEMHP part runs on BENCH_FW_A only (it must implement MEMHP); OpenSBI has no
# MEMHP.  Not part of TEST_TARGETS. Exits non-zero when a requirement is not met.

BENCH_SRC	:= $(patsubst %/,%,$(dir $(lastword $(MAKEFILE_LIST))))
BENCH_O		:= $(O)/tests/bench
BENCH_ELF	:= $(BENCH_O)/bench.elf
BENCH_BIN	:= $(BENCH_O)/bench.bin
BENCH_FW_A	?= $(FW_DYNAMIC_BIN)
BENCH_FW_B	?= $(OPENSBI_FW_DYNAMIC)
BENCH_TIMEOUT	?= 120

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

.PHONY: bench bench-payload
bench-payload: $(BENCH_BIN)

# Build HotSBI first only when it is the firmware being measured.
bench: $(BENCH_BIN) $(if $(filter $(FW_DYNAMIC_BIN),$(BENCH_FW_A)),firmware)
	@python3 $(BENCH_SRC)/run-bench.py --qemu "$(QEMU)" --payload $(BENCH_BIN) \
		--fw-a "$(BENCH_FW_A)" --fw-b "$(BENCH_FW_B)" \
		--log-dir $(BENCH_O) --timeout $(BENCH_TIMEOUT)
