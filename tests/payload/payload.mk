# HotSBI S-mode test payload (tests/payload): a bare-metal program that
# QEMU loads with -kernel while the firmware under test is the -bios. It
# checks BASE, TIME, IPI, RFENCE, HSM, SRST and DBCN against SBI v2.0, the
# MEMHP vendor extension against the MEMHP specification (memhp.c,
# memhp_stress.c) and ends with "payload: N passed, M failed" and an SRST
# shutdown.
#
#   make payload                        build $(O)/tests/payload/payload.{elf,bin}
#   make test-payload                   run it on 1 and 4 harts with 1 GiB (a
#                                       card of 4 blocks) on HotSBI, then on
#                                       8 harts with 2 GiB and a 1 GiB card
#                                       (8 blocks) set through a DTB, and on
#                                       sifive_u: once as built, once with the
#                                       PMP planner limited to 8 entries
#   make test-payload TEST_FW=$(OPENSBI_FW_DYNAMIC)
#                                       1 and 4 harts on Debian's OpenSBI 1.1
#                                       (HotSBI-only checks and MEMHP are
#                                       skipped)

PAYLOAD_DIR	:= tests/payload
PAYLOAD_BUILD	:= $(O)/tests/payload
PAYLOAD_ELF	:= $(PAYLOAD_BUILD)/payload.elf
PAYLOAD_BIN	:= $(PAYLOAD_BUILD)/payload.bin
PAYLOAD_SRCS	:= $(addprefix $(PAYLOAD_DIR)/,main.c harness.c suspend.S probes.S \
		   tests.c hsm.c timer_ipi.c memhp.c memhp_stress.c \
		   memhp_drain.c)
PAYLOAD_DEPS	:= $(PAYLOAD_SRCS) $(wildcard $(PAYLOAD_DIR)/*.h) \
		   $(PAYLOAD_DIR)/payload.mk $(SRT_DEPS)

# Firmware under test; HotSBI's own by default.
TEST_FW		?= $(FW_DYNAMIC_BIN)
PAYLOAD_SMPS	?= 1 4
PAYLOAD_MEM	?= 1G
PAYLOAD_TIMEOUT	?= 90
# A run must pass at least this many checks (by hart count), so that a
# payload which ran nothing cannot pass.
PAYLOAD_MIN_1	?= 140
PAYLOAD_MIN_4	?= 340
PAYLOAD_MIN_DEFAULT ?= 140
# On HotSBI the MEMHP module must report "# memhp: N checks, 0 failed" with
# N at least this (by hart count).
PAYLOAD_MEMHP_MIN_1 ?= 600
PAYLOAD_MEMHP_MIN_4 ?= 700
PAYLOAD_MEMHP_MIN_DEFAULT ?= 600
# HotSBI only: one more run with a bigger machine and card, the card size
# written to /chosen/hotsbi,emulated-card-size of a DTB dumped at test time.
PAYLOAD_CARD_SMP ?= 8
PAYLOAD_CARD_MEM ?= 2G
PAYLOAD_CARD_SIZE ?= 0x40000000
PAYLOAD_CARD_BLOCKS ?= 8
PAYLOAD_MEMHP_MIN_CARD ?= 800
# On HotSBI's own firmware nothing may be skipped.
ifeq ($(abspath $(TEST_FW)),$(abspath $(FW_DYNAMIC_BIN)))
PAYLOAD_HOTSBI	?= 1
PAYLOAD_FW_DEP	:= firmware
PAYLOAD_TAG	:= hotsbi
else
PAYLOAD_HOTSBI	?= 0
PAYLOAD_FW_DEP	:=
PAYLOAD_TAG	:= other
endif

.PHONY: payload test-payload
payload: $(PAYLOAD_BIN) $(PAYLOAD_ELF)

$(PAYLOAD_ELF): $(PAYLOAD_DEPS)
	$(call srt_link,,$(PAYLOAD_SRCS))

$(PAYLOAD_BIN): $(PAYLOAD_ELF)
	@echo "  OBJCOPY $@"
	@$(OBJCOPY) -O binary $< $@

# QEMU sifive_u (HiFive Unleashed model): E51 monitor core + 4 U54s, SiFive
# UART, no power-off device; HotSBI only. Empty to skip.
PAYLOAD_SIFIVE_U_SMP ?= 5
# The planner limited to 8 PMP entries, as on a real U54: HotSBI rebuilt
# with HOTSBI_PMP_ENTRIES=8 under $(O)/pmp8 and run on sifive_u with a
# 2 GiB card of 16 blocks. Aligned single-block runs cost one entry each
# next to the firmware's, the CLINT's, the window's and the final allow-all
# entry, so exactly 8 - 4 = 4 must fit before a PLUG is refused with -1.
# Empty to skip.
PAYLOAD_PMP8	?= 1
# HotSBI on QEMU virt with an ACLINT (MSWI and MTIMER) instead of the
# CLINT. Empty to skip.
PAYLOAD_ACLINT_SMP ?= 4
# HotSBI on harts without PMP (QEMU -cpu rv64,pmp=false): it boots without
# windows, says so, and leaves the card's RAM as RAM. Empty to skip.
PAYLOAD_NOPMP_SMP ?= 4
PAYLOAD_NOPMP_MEMHP_MIN ?= 20
# HotSBI with the top 256 MiB of the default card as device memory
# (/chosen/hotsbi,emulated-card-pmem-size): the pmem-region checks instead
# of the model suite. Empty to skip.
PAYLOAD_PMEM_SMP ?= 2
PAYLOAD_PMEM_SIZE ?= 0x10000000
PAYLOAD_PMEM_MEMHP_MIN ?= 40
PAYLOAD_PMP8_FW	:= $(O)/pmp8/platform/generic/firmware/fw_dynamic.bin

.PHONY: payload-pmp8-firmware
payload-pmp8-firmware:
	@$(MAKE) --no-print-directory O=$(O)/pmp8 HOTSBI_PMP_ENTRIES=8 firmware

# The same offering MEMHP 1.0 (no CHECK): the driver's path for older firmware.
PAYLOAD_PMP8_V10_FW := $(O)/pmp8-v10/platform/generic/firmware/fw_dynamic.bin
.PHONY: payload-pmp8-v10-firmware
payload-pmp8-v10-firmware:
	@$(MAKE) --no-print-directory O=$(O)/pmp8-v10 HOTSBI_PMP_ENTRIES=8 \
		MEMHP_SPEC_VERSION=0x01000000UL firmware

# Every run of the matrix, in tests/payload/run-matrix.sh.
PAYLOAD_MATRIX_VARS := TEST_FW PAYLOAD_DIR PAYLOAD_BUILD PAYLOAD_BIN PAYLOAD_TAG \
		   PAYLOAD_HOTSBI PAYLOAD_SMPS PAYLOAD_MEM PAYLOAD_TIMEOUT \
		   PAYLOAD_MIN_1 PAYLOAD_MIN_4 PAYLOAD_MIN_DEFAULT \
		   PAYLOAD_MEMHP_MIN_1 PAYLOAD_MEMHP_MIN_4 PAYLOAD_MEMHP_MIN_DEFAULT \
		   PAYLOAD_CARD_SMP PAYLOAD_CARD_MEM PAYLOAD_CARD_SIZE \
		   PAYLOAD_CARD_BLOCKS PAYLOAD_MEMHP_MIN_CARD PAYLOAD_SIFIVE_U_SMP \
		   PAYLOAD_ACLINT_SMP PAYLOAD_NOPMP_SMP PAYLOAD_NOPMP_MEMHP_MIN \
		   PAYLOAD_PMP8 PAYLOAD_PMP8_FW PAYLOAD_PMEM_SMP PAYLOAD_PMEM_SIZE \
		   PAYLOAD_PMEM_MEMHP_MIN

test-payload: payload $(PAYLOAD_FW_DEP) \
	      $(if $(filter 1,$(PAYLOAD_HOTSBI)),$(if $(PAYLOAD_PMP8),payload-pmp8-firmware))
	@$(foreach v,$(PAYLOAD_MATRIX_VARS),$(v)='$($(v))') \
		bash $(PAYLOAD_DIR)/run-matrix.sh

TEST_TARGETS	+= test-payload
