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

BENCH_CFLAGS	:= -O2 -g -std=gnu11 -Wall -Wextra -Werror -Wno-unused-parameter \
		   -ffreestanding -fno-builtin -nostdinc -nostdlib -fno-pic -fno-pie \
		   -fno-stack-protector -mcmodel=medany -march=rv64imac_zicsr_zifencei \
		   -mabi=lp64 -mno-relax -static -no-pie -Wl,--no-relax \
		   -Wl,--build-id=none -Wl,--no-warn-rwx-segments \
		   -isystem $(shell $(CC) -print-file-name=include 2>/dev/null) \
		   -Iinclude

# The planner bench links the firmware's own planner (freestanding C).
BENCH_SRCS	:= $(addprefix $(BENCH_SRC)/payload/,start.S bench.c memhp.c plan.c fdt.c) \
		   lib/memhp/memhp_plan.c

$(BENCH_ELF): $(BENCH_SRCS) $(BENCH_SRC)/payload/bench.h \
	      $(BENCH_SRC)/payload/bench.ld $(BENCH_SRC)/payload/rtc.h \
	      include/memhp/memhp_plan.h include/memhp/memhp_types.h \
	      $(BENCH_SRC)/bench.mk
	@mkdir -p $(dir $@)
	@echo "  CC      $@"
	@$(CC) $(BENCH_CFLAGS) -T$(BENCH_SRC)/payload/bench.ld -o $@ \
		$(BENCH_SRCS)

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
