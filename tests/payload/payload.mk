# HotSBI S-mode test payload (tests/payload): a bare-metal program that
# QEMU loads with -kernel while the firmware under test is the -bios. It
# checks BASE, TIME, IPI, RFENCE, HSM, SRST and DBCN against SBI v2.0 and
# ends with "payload: N passed, M failed" and an SRST shutdown.
#
#   make payload                        build $(O)/tests/payload/payload.{elf,bin}
#   make test-payload                   run it on 1 and 4 harts on HotSBI
#   make test-payload TEST_FW=$(OPENSBI_FW_DYNAMIC)
#                                       the same on Debian's OpenSBI 1.1
#                                       (HotSBI-only checks are skipped)

PAYLOAD_DIR	:= tests/payload
PAYLOAD_BUILD	:= $(O)/tests/payload
PAYLOAD_ELF	:= $(PAYLOAD_BUILD)/payload.elf
PAYLOAD_BIN	:= $(PAYLOAD_BUILD)/payload.bin
PAYLOAD_SRCS	:= $(addprefix $(PAYLOAD_DIR)/,entry.S main.c console.c fdt.c \
		   tests.c hsm.c)
PAYLOAD_DEPS	:= $(PAYLOAD_SRCS) $(wildcard $(PAYLOAD_DIR)/*.h) \
		   $(PAYLOAD_DIR)/payload.ld $(PAYLOAD_DIR)/payload.mk
PAYLOAD_CFLAGS	:= -g -O2 -std=gnu11 -Wall -Wextra -Werror -Wno-unused-parameter \
		   -ffreestanding -fno-builtin -nostdlib -fno-pic -fno-pie \
		   -fno-stack-protector -fno-common -fno-omit-frame-pointer \
		   -mcmodel=medany -march=rv64imac_zicsr_zifencei -mabi=lp64 \
		   -mno-relax -mno-save-restore
PAYLOAD_LDFLAGS	:= -static -no-pie -Wl,--no-relax -Wl,--build-id=none \
		   -Wl,-z,noexecstack -Wl,--no-warn-rwx-segments \
		   -Wl,--defsym=PAYLOAD_BASE=$(FW_JUMP_ADDR) \
		   -T$(PAYLOAD_DIR)/payload.ld

# Firmware under test; HotSBI's own by default.
TEST_FW		?= $(FW_DYNAMIC_BIN)
PAYLOAD_SMPS	?= 1 4
PAYLOAD_TIMEOUT	?= 60
# A run must pass at least this many checks (by hart count), so that a
# payload which ran nothing cannot pass.
PAYLOAD_MIN_1	?= 140
PAYLOAD_MIN_4	?= 340
PAYLOAD_MIN_DEFAULT ?= 140
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
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	@$(CC) $(PAYLOAD_CFLAGS) $(PAYLOAD_LDFLAGS) -Wl,-Map=$(@:.elf=.map) \
		-o $@ $(PAYLOAD_SRCS)

$(PAYLOAD_BIN): $(PAYLOAD_ELF)
	@echo "  OBJCOPY $@"
	@$(OBJCOPY) -O binary $< $@

test-payload: payload $(PAYLOAD_FW_DEP)
	@failed=0; for n in $(PAYLOAD_SMPS); do \
		case $$n in 1) min=$(PAYLOAD_MIN_1);; 4) min=$(PAYLOAD_MIN_4);; \
		*) min=$(PAYLOAD_MIN_DEFAULT);; esac; \
		bash $(PAYLOAD_DIR)/run-payload.sh -f "$(TEST_FW)" -s $$n \
			-m $$min -H $(PAYLOAD_HOTSBI) -t $(PAYLOAD_TIMEOUT) \
			-k "$(PAYLOAD_BIN)" \
			-l "$(PAYLOAD_BUILD)/$(PAYLOAD_TAG)-smp$$n.log" || \
			failed=$$((failed + 1)); \
	done; [ $$failed -eq 0 ]

TEST_TARGETS	+= test-payload
