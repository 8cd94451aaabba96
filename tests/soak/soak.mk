# HotSBI soak / load run (tests/soak): an S-mode program booted with -kernel
# on HotSBI's fw_dynamic where every hart, started through HSM, issues MEMHP
# calls, IPIs and remote fences together until a deadline, with invariant
# checks, a deadlock watchdog and a final cross-check (docs/soak.md).
#
#   make soak-bin            build $(O)/tests/soak/soak.{elf,bin}
#   make test-soak           the short run of make test: 4 harts for 15 s and
#                            8 harts for 20 s (about 60 s in all)
#   make soak                the long run: SOAK_SECONDS (300) per configuration
#                            in SOAK_SMPS (8)
#
# Both boot QEMU virt with SOAK_MEM of RAM, an emulated card of
# SOAK_CARD_SIZE (8 blocks of 128 MiB) and a board window SOAK_WINDOW
# (BASE,SIZE,BLOCK: 64 blocks of 2 MiB) carved from the RAM above the card.

SOAK_DIR	:= tests/soak
SOAK_BUILD	:= $(O)/tests/soak
SOAK_ELF	:= $(SOAK_BUILD)/soak.elf
SOAK_BIN	:= $(SOAK_BUILD)/soak.bin
SOAK_SRCS	:= $(addprefix $(SOAK_DIR)/,soak.c soak_ipi.c soak_memhp.c) \
		   tests/payload/memhp_drain.c
SOAK_DEPS	:= $(SOAK_SRCS) $(wildcard $(SOAK_DIR)/*.h) tests/payload/memhp.h \
		   tests/payload/payload.h $(SOAK_DIR)/soak.mk $(SRT_DEPS)

SOAK_FW		?= $(FW_DYNAMIC_BIN)
SOAK_MEM	?= 2G
SOAK_CARD_SIZE	?= 0x40000000
SOAK_WINDOW	?= 0xf0000000,0x8000000,0x200000
# watchdog: a hart without progress for this long is deadlocked
SOAK_STALL	?= 20
# minimum counts per second of load: MEMHP ops:plugs:IPIs:fences:faults
SOAK_RATES	?= 5:1:20:2:2
# below the minimums at the deadline, the load goes on for up to this many
# times its duration (a slow host makes a run longer, not a failure)
SOAK_LIMIT_FACTOR ?= 6
TEST_SOAK_RUNS	?= 4:15 8:20
# test-soak's logs: $(SOAK_BUILD)/<tag>-smp<harts>.log
TEST_SOAK_TAG	?= short
SOAK_SECONDS	?= 300
SOAK_SMPS	?= 8

.PHONY: soak-bin test-soak soak
soak-bin: $(SOAK_BIN) $(SOAK_ELF)

$(SOAK_ELF): $(SOAK_DEPS)
	$(call srt_link,,$(SOAK_SRCS))

$(SOAK_BIN): $(SOAK_ELF)
	@echo "  OBJCOPY $@"
	@$(OBJCOPY) -O binary $< $@

# soak_run(harts, seconds, log tag)
define soak_run
bash $(SOAK_DIR)/run-soak.sh -f "$(SOAK_FW)" -k "$(SOAK_BIN)" -s $(1) \
	-d $(2) -M $(SOAK_MEM) -c $(SOAK_CARD_SIZE) -w $(SOAK_WINDOW) \
	-S $(SOAK_STALL) -r $(SOAK_RATES) -L $(SOAK_LIMIT_FACTOR) \
	-l "$(SOAK_BUILD)/$(3).log"
endef

test-soak: soak-bin firmware
	@failed=0; for run in $(TEST_SOAK_RUNS); do \
		n=$${run%%:*}; s=$${run##*:}; \
		$(call soak_run,$$n,$$s,$(TEST_SOAK_TAG)-smp$$n) || failed=$$((failed + 1)); \
	done; [ $$failed -eq 0 ]

soak: soak-bin firmware
	@failed=0; for n in $(SOAK_SMPS); do \
		$(call soak_run,$$n,$(SOAK_SECONDS),long-smp$$n) || \
			failed=$$((failed + 1)); \
	done; [ $$failed -eq 0 ]

TEST_TARGETS	+= test-soak
