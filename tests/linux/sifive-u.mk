# Linux on QEMU sifive_u, the HiFive Unleashed model (included by linux.mk).
# Hart 0 is an E51 without S-mode (the firmware parks it and disables it in
# the DT it passes on), harts 1-4 are U54s (privilege spec 1.10: no Sstc, the
# timer goes through SBI TIME and the CLINT at 1 MHz). The console is the
# SiFive UART (ttySIF0, its clock from the PRCI driver); early messages go
# through SBI DBCN (earlycon=sbi).
#
#   make test-linux-sifive-u        init.c's checks, 4 CPUs online, and the
#                                   timer through SBI TIME (Linux must not use Sstc)
#   make test-linux-memhp-sifive-u  memhp-e2e.c against the emulated card, then
#                                   the refusal of a fake node (sifive_u-fake-node.dtb),
#                                   then (HotSBI only) the PMP budget run: HotSBI
#                                   built with HOTSBI_PMP_ENTRIES=8 (a real U54's
#                                   count) and a 2 GiB card of 16 blocks in 4 GiB
#                                   (sifive_u-pmp8-card.dtb), memhp.pmp=1: an
#                                   unplug_block the firmware would refuse for its
#                                   PMP must be refused by CHECK before anything is
#                                   offlined (the block stays online in Movable), a
#                                   shrink must pass over refused blocks, and the
#                                   window must empty; then the same with that
#                                   firmware offering MEMHP 1.0 (no CHECK): the
#                                   refused block is offlined, refused, and added
#                                   back (-ENOSPC), and the window still empties
#
# sifive_u has no power-off device: the firmware's SRST shutdown fails there,
# so run-linux.sh -s stops QEMU once /init printed its summary line (PASS or
# FAIL) or the kernel panicked; the PASS line is still required.
#
# Knobs: SIFIVE_U_SMP (5: E51 + 4 U54s), SIFIVE_U_CPUS (Linux CPUs, 4),
# SIFIVE_U_MEM (1G: 512 MiB boot RAM + the firmware's default 512 MiB card),
# SIFIVE_U_LINUX_TIMEOUT, SIFIVE_U_MEMHP_TIMEOUT, SIFIVE_U_PMP (1: the PMP
# budget run).

SIFIVE_U_SMP	?= 5
SIFIVE_U_CPUS	?= 4
SIFIVE_U_MEM	?= 1G
SIFIVE_U_LINUX_TIMEOUT ?= 150
SIFIVE_U_MEMHP_TIMEOUT ?= 300
SIFIVE_U_CONSOLE := console=ttySIF0 earlycon=sbi
SIFIVE_U_PMP	?= 1
SIFIVE_U_PMP_RUN := $(if $(LINUX_FW_DEP),$(filter 1,$(SIFIVE_U_PMP)))
SIFIVE_U_PMP_DTB := $(MEMHP_DIR)/sifive_u-pmp8-card.dtb
SIFIVE_U_FAKE_DTB := $(MEMHP_DIR)/sifive_u-fake-node.dtb
SIFIVE_U_STOP	= '$(1): (PASS|FAIL)|Kernel panic - not syncing'
# sifive_u_qemu(memory, firmware): the QEMU arguments of every sifive_u run
sifive_u_qemu = -M sifive_u -smp $(SIFIVE_U_SMP) -m $(1) -nographic \
		-no-reboot -bios $(2) -kernel $(LINUX_IMAGE)
SIFIVE_U_QEMU_ARGS = $(call sifive_u_qemu,$(SIFIVE_U_MEM),$(TEST_FW))
SIFIVE_U_LINUX_LOG := $(LINUX_DIR)/test-linux-sifive-u.log
SIFIVE_U_MEMHP_LOG := $(LINUX_DIR)/test-linux-memhp-sifive-u.log
SIFIVE_U_MEMHP_APPEND = $(SIFIVE_U_CONSOLE) panic=-1 memhp_default_state=offline
# Required in every run: the firmware found hart 0 without S-mode (parked),
# the 4 U54s came up through HSM as Linux's CPUs, and the real console is the
# SiFive UART.
SIFIVE_U_PATTERNS = -g '^Harts +: $(SIFIVE_U_SMP) \(ids 0\(no S-mode\) ' \
		  -g 'smp: Brought up [0-9]+ nodes?, $(SIFIVE_U_CPUS) CPUs' \
		  -g 'printk: (legacy )?console \[ttySIF0\] enabled'
SIFIVE_U_E2E	= -s $(call SIFIVE_U_STOP,HOTSBI-MEMHP-E2E) -g 'HOTSBI-MEMHP-E2E: PASS' \
		  $(SIFIVE_U_PATTERNS)

.PHONY: test-linux-sifive-u test-linux-memhp-sifive-u

test-linux-sifive-u: $(LINUX_FW_DEP) linux-image linux-initramfs
	@test -f "$(TEST_FW)" || { echo "FAIL test-linux-sifive-u: no firmware $(TEST_FW)"; exit 1; }
	@echo "  QEMU    test-linux-sifive-u: $(TEST_FW), -smp $(SIFIVE_U_SMP), log $(SIFIVE_U_LINUX_LOG)"
	@$(LINUX_RUN) -n test-linux-sifive-u -l $(SIFIVE_U_LINUX_LOG) \
		-t $(SIFIVE_U_LINUX_TIMEOUT) -c nosstc \
		-s $(call SIFIVE_U_STOP,HOTSBI-LINUX-TEST) -g 'HOTSBI-LINUX-TEST: PASS' \
		$(SIFIVE_U_PATTERNS) -p '^hotsbi-linux-test: PASS' \
		-- $(SIFIVE_U_QEMU_ARGS) -initrd $(LINUX_INITRAMFS) \
		-append "$(SIFIVE_U_CONSOLE) panic=-1 hotsbi.cpus=$(SIFIVE_U_CPUS)"

$(SIFIVE_U_PMP_DTB): tests/linux/mkdtb.sh
	@echo "  DTB     $@"
	@QEMU=$(QEMU) bash tests/linux/mkdtb.sh card2g $@ sifive_u $(SIFIVE_U_SMP) 4G

$(SIFIVE_U_FAKE_DTB): tests/linux/mkdtb.sh
	@echo "  DTB     $@"
	@QEMU=$(QEMU) bash tests/linux/mkdtb.sh fake $@ sifive_u $(SIFIVE_U_SMP) $(SIFIVE_U_MEM)

test-linux-memhp-sifive-u: $(LINUX_FW_DEP) linux-image linux-memhp-initramfs \
		$(SIFIVE_U_FAKE_DTB) \
		$(if $(SIFIVE_U_PMP_RUN),payload-pmp8-firmware payload-pmp8-v10-firmware \
		     $(SIFIVE_U_PMP_DTB))
	@test -f "$(TEST_FW)" || { echo "FAIL test-linux-memhp-sifive-u: no firmware $(TEST_FW)"; exit 1; }
	@echo "  QEMU    test-linux-memhp-sifive-u: -smp $(SIFIVE_U_SMP) -m $(SIFIVE_U_MEM), log $(SIFIVE_U_MEMHP_LOG)"
	@$(LINUX_RUN) -n test-linux-memhp-sifive-u -l $(SIFIVE_U_MEMHP_LOG) \
		-t $(SIFIVE_U_MEMHP_TIMEOUT) -c faults $(SIFIVE_U_E2E) \
		-p '^memhp-e2e: (PASS|FAIL)' \
		-- $(SIFIVE_U_QEMU_ARGS) -initrd $(MEMHP_INITRAMFS) \
		-append "$(SIFIVE_U_MEMHP_APPEND) $(MEMHP_APPEND_EXTRA)"
	@echo "  QEMU    test-linux-memhp-sifive-u: refusal of hotplug-fake (sifive_u-fake-node.dtb)"
	@$(LINUX_RUN) -n "test-linux-memhp-sifive-u (fake)" -t 90 \
		-l $(LINUX_DIR)/test-linux-memhp-sifive-u-fake.log $(SIFIVE_U_E2E) \
		-p '^(memhp-e2e: PASS|kernel \(level)' \
		-- $(SIFIVE_U_QEMU_ARGS) -initrd $(MEMHP_INITRAMFS) -dtb $(SIFIVE_U_FAKE_DTB) \
		-append "$(SIFIVE_U_MEMHP_APPEND) memhp.refuse=hotplug-fake"
	@if [ -n "$(SIFIVE_U_PMP_RUN)" ]; then \
		for v in 1.1:$(PAYLOAD_PMP8_FW) 1.0:$(PAYLOAD_PMP8_V10_FW); do \
		log=$(LINUX_DIR)/test-linux-memhp-sifive-u-pmp8-$${v%%:*}.log; \
		echo "  QEMU    test-linux-memhp-sifive-u: PMP budget (8 entries, 16-block card, MEMHP $${v%%:*}), log $$log"; \
		$(LINUX_RUN) -n "test-linux-memhp-sifive-u (PMP budget, MEMHP $${v%%:*})" -t 150 -l $$log \
			$(SIFIVE_U_E2E) \
			-g 'window 0 +: 0x0000000100000000-0x000000017fffffff, 16 blocks of 128 MiB' \
			-p '^(memhp-e2e: PASS|memhp-e2e: unplug_block|memhp-e2e: requested_size minus)' \
			-- $(call sifive_u_qemu,4G,$${v#*:}) \
			-initrd $(MEMHP_INITRAMFS) -dtb $(SIFIVE_U_PMP_DTB) \
			-append "$(SIFIVE_U_MEMHP_APPEND) memhp.pmp=1" || exit 1; \
		done; \
	fi

TEST_TARGETS	+= test-linux-sifive-u test-linux-memhp-sifive-u
