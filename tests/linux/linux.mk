# Linux system test: boot a small riscv64 kernel with an initramfs whose /init checks
# that every CPU came online (SBI HSM), IPIs and the timer work, then powers off
# through SBI SRST.  Included from the top Makefile.
#
#   make linux-image       build (or reuse) $(O)/linux/Image, see build-linux.sh
#   make linux-initramfs   build $(O)/linux/initramfs.cpio with the static /init
#   make test-linux        boot it on QEMU virt with TEST_FW as -bios
#   make test-linux-sifive-u  the same initramfs on QEMU sifive_u (see the end)
#
# Knobs:
#   TEST_FW             -bios image; default HotSBI's fw_dynamic.bin, e.g.
#                       TEST_FW=$(OPENSBI_FW_DYNAMIC) runs the test on Debian's OpenSBI
#   LINUX_SMP, LINUX_MEM  QEMU -smp and -m (4, 1G)
#   LINUX_EXPECT_CPUS   CPUs /init must find online (default LINUX_SMP)
#   LINUX_CONSOLE       default ttyS0 + uart8250 earlycon; "console=hvc0 earlycon=sbi"
#                       uses the SBI DBCN console (SBI v2.0 firmware only)
#   LINUX_APPEND_EXTRA  more kernel arguments
#   LINUX_INITRAMFS_FILES  extra "hostpath=/target/path" files for the initramfs
#
# panic=-1 with -no-reboot: a kernel panic makes QEMU exit at once instead of
# waiting for the timeout; the missing PASS line then fails the test.

LINUX_DIR	:= $(O)/linux
LINUX_SRC	:= $(LINUX_DIR)/src
LINUX_IMAGE	:= $(LINUX_DIR)/Image
LINUX_INIT	:= $(LINUX_DIR)/init
LINUX_INITRAMFS	:= $(LINUX_DIR)/initramfs.cpio
LINUX_GEN_CPIO	:= $(LINUX_DIR)/gen_init_cpio
LINUX_LOG	:= $(LINUX_DIR)/test-linux.log
LINUX_CROSS_COMPILE ?= $(CROSS_COMPILE)

TEST_FW		?= $(FW_DYNAMIC_BIN)
LINUX_SMP	?= 4
LINUX_MEM	?= 1G
LINUX_EXPECT_CPUS ?= $(LINUX_SMP)
LINUX_TIMEOUT	?= 120
LINUX_CONSOLE	?= console=ttyS0 earlycon=uart8250,mmio,0x10000000
LINUX_APPEND_EXTRA ?=
LINUX_INITRAMFS_FILES ?=
LINUX_APPEND	= $(LINUX_CONSOLE) panic=-1 hotsbi.cpus=$(LINUX_EXPECT_CPUS) \
		  $(LINUX_APPEND_EXTRA)
LINUX_QEMU_ARGS	= -M virt -smp $(LINUX_SMP) -m $(LINUX_MEM) -nographic -no-reboot \
		  -bios $(TEST_FW) -kernel $(LINUX_IMAGE) -initrd $(LINUX_INITRAMFS) \
		  -append "$(strip $(LINUX_APPEND))"

# Build HotSBI only when the test runs on it, so the test can also be run on another
# firmware while HotSBI does not build.
LINUX_FW_DEP	:= $(if $(filter $(abspath $(FW_DYNAMIC_BIN)),$(abspath $(TEST_FW))),firmware)

.PHONY: linux-image linux-initramfs test-linux

linux-image:
	@O=$(O) LINUX_TARBALL=$(LINUX_TARBALL) LINUX_CROSS_COMPILE=$(LINUX_CROSS_COMPILE) \
		bash tests/linux/build-linux.sh image

$(LINUX_INIT): tests/linux/init.c tests/linux/linux.mk
	@mkdir -p $(dir $@)
	@echo "  CC      $< (static)"
	@$(LINUX_CROSS_COMPILE)gcc -static -O2 -s -Wall -Wextra -Werror -o $@ $<

# The host tool that writes the newc archive (with /dev/console, no root needed).
$(LINUX_GEN_CPIO):
	@O=$(O) LINUX_TARBALL=$(LINUX_TARBALL) bash tests/linux/build-linux.sh extract
	@echo "  HOSTCC  $@"
	@$(HOSTCC) -O2 -o $@ $(LINUX_SRC)/usr/gen_init_cpio.c

# Always regenerated (it takes milliseconds), so LINUX_INITRAMFS_FILES changes apply.
linux-initramfs: $(LINUX_INIT) $(LINUX_GEN_CPIO)
	@echo "  CPIO    $(LINUX_INITRAMFS)"
	@{ \
		echo "dir /dev 0755 0 0"; \
		echo "nod /dev/console 0600 0 0 c 5 1"; \
		echo "dir /proc 0755 0 0"; \
		echo "dir /sys 0755 0 0"; \
		echo "dir /tmp 1777 0 0"; \
		echo "file /init $(LINUX_INIT) 0755 0 0"; \
		seen=" /dev /proc /sys /tmp "; \
		for f in $(LINUX_INITRAMFS_FILES); do \
			t=$${f#*=}; d=; \
			for c in $$(dirname $$t | tr / ' '); do \
				d=$$d/$$c; \
				case "$$seen" in *" $$d "*) ;; \
				*) echo "dir $$d 0755 0 0"; seen="$$seen$$d ";; esac; \
			done; \
			echo "file $$t $${f%%=*} 0755 0 0"; \
		done; \
	} >$(LINUX_INITRAMFS).list
	@$(LINUX_GEN_CPIO) -t 0 $(LINUX_INITRAMFS).list >$(LINUX_INITRAMFS).tmp
	@mv $(LINUX_INITRAMFS).tmp $(LINUX_INITRAMFS)

# The kernel neither warned nor oopsed in console log $(1) ($(2): test name),
# one shell command; every Linux boot's log passes through it.
define kernel_clean_check
if grep -Eq 'cut here|BUG:|Oops|Call Trace|WARNING:' $(1); then \
		echo "FAIL $(2): kernel warning in $(1):"; \
		grep -E -A20 'cut here|BUG:|Oops|Call Trace|WARNING:' $(1) | head -60; \
		exit 1; \
	fi
endef

# Pass: QEMU exits 0 (power off), /init printed its final PASS line, Linux saw the
# SRST extension and brought up every CPU, no SRST call failed (Linux would
# then fall back to the syscon power-off and hide the firmware bug), and the
# kernel neither warned nor oopsed.
test-linux: $(LINUX_FW_DEP) linux-image linux-initramfs
	@test -f "$(TEST_FW)" || { echo "FAIL test-linux: no firmware $(TEST_FW)"; exit 1; }
	@echo "  QEMU    test-linux: $(TEST_FW), -smp $(LINUX_SMP), log $(LINUX_LOG)"
	@QEMU=$(QEMU) bash scripts/qemu-run.sh -t $(LINUX_TIMEOUT) -l $(LINUX_LOG) \
		-n test-linux -e 0 \
		-g 'HOTSBI-LINUX-TEST: PASS' \
		-g 'SBI SRST extension detected' \
		-g 'smp: Brought up [0-9]+ nodes?, $(LINUX_EXPECT_CPUS) CPUs' \
		-- $(LINUX_QEMU_ARGS) || exit 1; \
	if grep -q '__sbi_srst_reset.*failed' $(LINUX_LOG); then \
		echo "FAIL test-linux: SBI SRST power off failed:"; \
		grep '__sbi_srst_reset' $(LINUX_LOG); \
		exit 1; \
	fi; \
	$(call kernel_clean_check,$(LINUX_LOG),test-linux)

TEST_TARGETS	+= test-linux

comma		:= ,

# test-linux on other machines, HotSBI only: $(1) the name, $(2) QEMU
# arguments added to LINUX_QEMU_ARGS, $(3) more qemu-run.sh patterns. The
# same /init must pass with no kernel warning.
define linux_variant
.PHONY: test-linux-$(1)
test-linux-$(1): $$(LINUX_FW_DEP) linux-image linux-initramfs
	@echo "  QEMU    test-linux-$(1): $(2), log $$(LINUX_DIR)/test-linux-$(1).log"
	@QEMU=$$(QEMU) bash scripts/qemu-run.sh -t $$(LINUX_TIMEOUT) \
		-l $$(LINUX_DIR)/test-linux-$(1).log -n test-linux-$(1) -e 0 \
		-g 'HOTSBI-LINUX-TEST: PASS' \
		-g 'smp: Brought up [0-9]+ nodes?, $$(LINUX_EXPECT_CPUS) CPUs' \
		$(3) -- $$(LINUX_QEMU_ARGS) $(2) || exit 1; \
	$$(call kernel_clean_check,$$(LINUX_DIR)/test-linux-$(1).log,test-linux-$(1))

ifeq ($$(abspath $$(TEST_FW)),$$(abspath $$(FW_DYNAMIC_BIN)))
TEST_TARGETS	+= test-linux-$(1)
endif
endef

# Harts without PMP: HotSBI boots without windows and says so, and the
# card's RAM stays boot RAM (Linux sees all of LINUX_MEM).
LINUX_MEM_KIB	= $(shell numfmt --from=iec --to-unit=1024 $(LINUX_MEM))
$(eval $(call linux_variant,nopmp,-cpu rv64$(comma)pmp=false,\
	-g '^hotsbi: 0 PMP entries: no hotplug windows' \
	-g 'Memory: [0-9]+K/$$(LINUX_MEM_KIB)K available'))

# An ACLINT (MSWI and MTIMER) instead of the CLINT.
$(eval $(call linux_variant,aclint,-M aclint=on,\
	-g '^Timer and IPI   : aclint-mtimer @ 0x2004000'))

# ---------------------------------------------------------------- memory hotplug
# The hotsbi-memhp driver (linux/drivers/firmware) end to end: built out of tree as
# a module against $(LINUX_SRC), loaded by a static /init (memhp-e2e.c) that plugs,
# onlines, fills, shrinks, probes /dev/mem on every CPU, cycles and unloads, with
# the firmware's state read through the test module tests/linux/fwtool.
#
#   make linux-memhp-modules     hotsbi-memhp.ko and memhp_fwtool.ko
#   make linux-memhp-initramfs   $(O)/linux/memhp-initramfs.cpio
#   make test-linux-memhp        the end-to-end test (HOTSBI-MEMHP-E2E: PASS), then
#                                two boots where the driver must refuse a node
#                                (fake-node.dtb on HotSBI, noext-node.dtb on OpenSBI)
#   make linux-demo              the same flow narrated, for `make run`
#
#   make test-linux-memhp-sifive-u  the end-to-end test on QEMU sifive_u (see the end)
#
# Knobs: MEMHP_SMP, MEMHP_MEM (4, 1G: the firmware's default 512 MiB card, 4 blocks),
# MEMHP_TIMEOUT, MEMHP_APPEND_EXTRA.

MEMHP_DIR	:= $(LINUX_DIR)/memhp
MEMHP_KO	:= $(MEMHP_DIR)/driver/hotsbi-memhp.ko
MEMHP_FWTOOL_KO	:= $(MEMHP_DIR)/fwtool/memhp_fwtool.ko
MEMHP_INIT	:= $(MEMHP_DIR)/memhp-e2e
MEMHP_INITRAMFS	:= $(LINUX_DIR)/memhp-initramfs.cpio
MEMHP_LOG	:= $(LINUX_DIR)/test-linux-memhp.log
MEMHP_FAKE_DTB	:= $(MEMHP_DIR)/fake-node.dtb
MEMHP_NOEXT_DTB	:= $(MEMHP_DIR)/noext-node.dtb
MEMHP_SMP	?= 4
MEMHP_MEM	?= 1G
MEMHP_TIMEOUT	?= 200
MEMHP_APPEND_EXTRA ?=
MEMHP_KMAKE	= $(MAKE) --no-print-directory -C $(LINUX_SRC) ARCH=riscv \
		  CROSS_COMPILE=$(LINUX_CROSS_COMPILE) KCFLAGS=-Werror W=1
# Blocks appear offline after add (user space onlines them), whatever the config.
MEMHP_CONSOLE	= console=ttyS0 earlycon=uart8250,mmio,0x10000000
MEMHP_APPEND	= $(MEMHP_CONSOLE) panic=-1 \
		  memhp_default_state=offline $(MEMHP_APPEND_EXTRA)
MEMHP_QEMU_ARGS	= -M virt -smp $(MEMHP_SMP) -m $(MEMHP_MEM) -nographic -no-reboot \
		  -bios $(TEST_FW) -kernel $(LINUX_IMAGE) -initrd $(MEMHP_INITRAMFS)

.PHONY: linux-memhp-modules linux-memhp-initramfs test-linux-memhp linux-demo

# Sources are copied (timestamps kept) so that kbuild writes its objects under
# $(O), not into the source tree; the driver is built with its own Kbuild
# Makefile fragment, as it would be in drivers/firmware.
linux-memhp-modules: linux-image
	@mkdir -p $(MEMHP_DIR)/driver $(MEMHP_DIR)/fwtool
	@cp -p linux/drivers/firmware/hotsbi-memhp.c linux/drivers/firmware/Makefile \
		$(MEMHP_DIR)/driver/
	@cp -p tests/linux/fwtool/memhp_fwtool.c tests/linux/fwtool/Kbuild \
		$(MEMHP_DIR)/fwtool/
	@echo "  KBUILD  $(MEMHP_KO)"
	@$(MEMHP_KMAKE) M=$(MEMHP_DIR)/driver CONFIG_HOTSBI_MEMHP=m modules \
		>$(MEMHP_DIR)/driver/build.log 2>&1 || \
		{ cat $(MEMHP_DIR)/driver/build.log; exit 1; }
	@echo "  KBUILD  $(MEMHP_FWTOOL_KO)"
	@$(MEMHP_KMAKE) M=$(MEMHP_DIR)/fwtool modules \
		>$(MEMHP_DIR)/fwtool/build.log 2>&1 || \
		{ cat $(MEMHP_DIR)/fwtool/build.log; exit 1; }

$(MEMHP_INIT): tests/linux/memhp-e2e.c tests/linux/linux.mk
	@mkdir -p $(dir $@)
	@echo "  CC      $< (static)"
	@$(LINUX_CROSS_COMPILE)gcc -static -O2 -s -Wall -Wextra -Werror -pthread -o $@ $<

linux-memhp-initramfs: linux-memhp-modules $(MEMHP_INIT) $(LINUX_GEN_CPIO)
	@echo "  CPIO    $(MEMHP_INITRAMFS)"
	@printf '%s\n' "dir /dev 0755 0 0" "nod /dev/console 0600 0 0 c 5 1" \
		"dir /proc 0755 0 0" "dir /sys 0755 0 0" "dir /tmp 1777 0 0" \
		"dir /lib 0755 0 0" "dir /lib/modules 0755 0 0" \
		"file /init $(MEMHP_INIT) 0755 0 0" \
		"file /lib/modules/hotsbi-memhp.ko $(MEMHP_KO) 0644 0 0" \
		"file /lib/modules/memhp_fwtool.ko $(MEMHP_FWTOOL_KO) 0644 0 0" \
		>$(MEMHP_INITRAMFS).list
	@$(LINUX_GEN_CPIO) -t 0 $(MEMHP_INITRAMFS).list >$(MEMHP_INITRAMFS).tmp
	@mv $(MEMHP_INITRAMFS).tmp $(MEMHP_INITRAMFS)

# Device trees for the refusal runs, from QEMU's own tree (same -smp/-m):
#  fake-node.dtb   (HotSBI) an extra "hotsbi,memory-hotplug" node without windows:
#                  NUM_WINDOWS disagrees; the firmware's own node must still work
#  noext-node.dtb  (OpenSBI, no MEMHP) a well-formed node for the default card:
#                  the SBI extension is absent
#  sifive_u-fake-node.dtb  fake-node.dtb from QEMU sifive_u's tree (SIFIVE_U_SMP/MEM)
MEMHP_DTB_QEMU	= -M $(if $(filter sifive_u-%,$*),sifive_u,virt),dumpdtb=$@.tmp \
		  $(if $(filter sifive_u-%,$*),-smp $(SIFIVE_U_SMP) -m $(SIFIVE_U_MEM),-smp $(MEMHP_SMP) -m $(MEMHP_MEM))
$(MEMHP_DIR)/%-node.dtb: tests/linux/linux.mk
	@mkdir -p $(dir $@)
	@echo "  DTB     $@"
	@$(QEMU) $(MEMHP_DTB_QEMU) -nographic >/dev/null
	@n=$(if $(filter %fake,$*),/hotplug-fake,/hotplug-memory); \
	fdtput -c $@.tmp $$n && \
	fdtput -t s $@.tmp $$n compatible hotsbi,memory-hotplug && \
	fdtput -t i $@.tmp $$n '#address-cells' 2 && \
	fdtput -t i $@.tmp $$n '#size-cells' 2 && \
	fdtput -t x $@.tmp $$n hotsbi,sbi-extension-id 9000000 && \
	fdtput -t x $@.tmp $$n max-possible-pfn 0 c0000 && \
	if [ $(lastword $(subst -, ,$*)) = noext ]; then \
		w=$$n/window@a0000000; \
		fdtput -c $@.tmp $$w && \
		fdtput -t s $@.tmp $$w compatible hotsbi,memory-hotplug-window && \
		fdtput -t x $@.tmp $$w reg 0 a0000000 0 20000000 && \
		fdtput -t x $@.tmp $$w block-size 0 8000000 && \
		fdtput -t x $@.tmp $$w hotsbi,window-id 0 && \
		fdtput -t s $@.tmp $$w hotsbi,emulated "" && \
		fdtput -t s $@.tmp $$w hotsbi,scrub-on-unplug ""; \
	fi
	@mv $@.tmp $@

# Checks on the console log of a passed e2e run ($(1): log, $(2): test name),
# one shell command list: the firmware logged the /dev/mem accesses to unplugged
# blocks, and the kernel neither warned nor oopsed.
define memhp_log_checks
grep -E '^memhp-e2e: (PASS|FAIL)' $(1); \
	faults=$$(grep -c 'memhp: hart [0-9]*: .* access fault at .*(unplugged)' $(1)); \
	echo "  firmware access-fault log lines: $$faults"; \
	if [ "$$faults" -lt 1 ]; then \
		echo "FAIL $(2): the firmware logged no access fault to an unplugged block"; \
		exit 1; \
	fi; \
	$(call kernel_clean_check,$(1),$(2))
endef

# Pass: /init's PASS line (it checks every step itself, see memhp-e2e.c), all
# CPUs up, the kernel neither warned nor oopsed, and the firmware logged the
# /dev/mem accesses to unplugged blocks (it translates the faulting virtual
# address through satp to find the block).
test-linux-memhp: $(LINUX_FW_DEP) linux-image linux-memhp-initramfs $(MEMHP_FAKE_DTB) \
		$(MEMHP_NOEXT_DTB)
	@test -f "$(TEST_FW)" || { echo "FAIL test-linux-memhp: no firmware $(TEST_FW)"; exit 1; }
	@echo "  QEMU    test-linux-memhp: -smp $(MEMHP_SMP) -m $(MEMHP_MEM), log $(MEMHP_LOG)"
	@start=$$(date +%s); \
	QEMU=$(QEMU) bash scripts/qemu-run.sh -t $(MEMHP_TIMEOUT) -l $(MEMHP_LOG) \
		-n test-linux-memhp -e 0 \
		-g 'HOTSBI-MEMHP-E2E: PASS' \
		-g 'smp: Brought up [0-9]+ nodes?, $(MEMHP_SMP) CPUs' \
		-- $(MEMHP_QEMU_ARGS) -append "$(strip $(MEMHP_APPEND))" || exit 1; \
	$(call memhp_log_checks,$(MEMHP_LOG),test-linux-memhp); \
	for run in fake:$(TEST_FW) noext:$(OPENSBI_FW_DYNAMIC); do \
		dev=hotplug-memory; [ $${run%%:*} = fake ] && dev=hotplug-fake; \
		log=$(LINUX_DIR)/test-linux-memhp-$${run%%:*}.log; \
		echo "  QEMU    test-linux-memhp: refusal of $$dev ($${run%%:*}-node.dtb on $${run#*:})"; \
		QEMU=$(QEMU) bash scripts/qemu-run.sh -t 90 -l $$log \
			-n "test-linux-memhp ($${run%%:*})" -e 0 -g 'HOTSBI-MEMHP-E2E: PASS' \
			-- $(subst -bios $(TEST_FW),,$(MEMHP_QEMU_ARGS)) -bios $${run#*:} \
			-dtb $(MEMHP_DIR)/$${run%%:*}-node.dtb \
			-append "$(strip $(MEMHP_APPEND)) memhp.refuse=$$dev" || exit 1; \
		grep -E '^(memhp-e2e: PASS|kernel \(level)' $$log; \
		$(call kernel_clean_check,$$log,test-linux-memhp ($${run%%:*})); \
	done; \
	echo "  test-linux-memhp took $$(( $$(date +%s) - start )) s"

TEST_TARGETS	+= test-linux-memhp

# The narrated demo: runs in the foreground on the console, powers off at the end.
linux-demo: $(LINUX_FW_DEP) linux-image linux-memhp-initramfs
	@echo "  QEMU    linux-demo: Linux 6.12 on HotSBI, -smp $(MEMHP_SMP) -m $(MEMHP_MEM) (powers off at the end)"
	@$(QEMU) $(MEMHP_QEMU_ARGS) -append "$(strip $(MEMHP_APPEND) memhp.demo=1 loglevel=4)"

# ---------------------------------------------------------------- QEMU sifive_u
# The same kernel and initramfs on the HiFive Unleashed model: hart 0 is an E51
# without S-mode (the firmware parks it and disables it in the DT it passes on),
# harts 1-4 are U54s (privilege spec 1.10: no Sstc, the timer goes through SBI
# TIME and the CLINT at 1 MHz).  The console is the SiFive UART (ttySIF0, its
# clock from the PRCI driver); early messages go through SBI DBCN (earlycon=sbi).
#
#   make test-linux-sifive-u        init.c's checks, 4 CPUs online, and the
#                                   timer through SBI TIME (Linux must not use Sstc)
#   make test-linux-memhp-sifive-u  memhp-e2e.c against the emulated card, then
#                                   the refusal of a fake node (sifive_u-fake-node.dtb),
#                                   then (HotSBI only) the PMP budget run: HotSBI
#                                   built with HOTSBI_PMP_ENTRIES=8 (a real U54's
#                                   count) and a 2 GiB card of 16 blocks in 4 GiB
#                                   (sifive_u-pmp8-card.dtb), memhp.pmp=1: an
#                                   unplug_block refused for the PMP must leave the
#                                   block added back, a shrink must pass over refused
#                                   blocks, and the window must empty
#
# sifive_u has no power-off device: the firmware's SRST shutdown fails there,
# so qemu-run.sh -s stops QEMU once /init printed its summary line (PASS or
# FAIL) or the kernel panicked; the PASS line is still required.  Each log is
# emptied first: qemu-run.sh may look for the stop pattern before QEMU's
# redirection truncated it, and must not stop on the previous run's line.
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
SIFIVE_U_STOP	= '$(1): (PASS|FAIL)|Kernel panic - not syncing'
# sifive_u_qemu(memory, firmware): the QEMU arguments of every sifive_u run
sifive_u_qemu = -M sifive_u -smp $(SIFIVE_U_SMP) -m $(1) -nographic \
		-no-reboot -bios $(2) -kernel $(LINUX_IMAGE)
SIFIVE_U_QEMU_ARGS = $(call sifive_u_qemu,$(SIFIVE_U_MEM),$(TEST_FW))
SIFIVE_U_LINUX_LOG := $(LINUX_DIR)/test-linux-sifive-u.log
SIFIVE_U_MEMHP_LOG := $(LINUX_DIR)/test-linux-memhp-sifive-u.log
# Required in both runs: the firmware found hart 0 without S-mode (parked),
# the 4 U54s came up through HSM as Linux's CPUs, and the real console is the
# SiFive UART.
SIFIVE_U_PATTERNS = -g '^Harts +: $(SIFIVE_U_SMP) \(ids 0\(no S-mode\) ' \
		  -g 'smp: Brought up [0-9]+ nodes?, $(SIFIVE_U_CPUS) CPUs' \
		  -g 'printk: (legacy )?console \[ttySIF0\] enabled'

.PHONY: test-linux-sifive-u test-linux-memhp-sifive-u

test-linux-sifive-u: $(LINUX_FW_DEP) linux-image linux-initramfs
	@test -f "$(TEST_FW)" || { echo "FAIL test-linux-sifive-u: no firmware $(TEST_FW)"; exit 1; }
	@echo "  QEMU    test-linux-sifive-u: $(TEST_FW), -smp $(SIFIVE_U_SMP), log $(SIFIVE_U_LINUX_LOG)"
	@start=$$(date +%s); : >$(SIFIVE_U_LINUX_LOG); \
	QEMU=$(QEMU) bash scripts/qemu-run.sh -t $(SIFIVE_U_LINUX_TIMEOUT) \
		-l $(SIFIVE_U_LINUX_LOG) -n test-linux-sifive-u -e 0 \
		-s $(call SIFIVE_U_STOP,HOTSBI-LINUX-TEST) \
		-g 'HOTSBI-LINUX-TEST: PASS' \
		$(SIFIVE_U_PATTERNS) \
		-- $(SIFIVE_U_QEMU_ARGS) -initrd $(LINUX_INITRAMFS) \
		-append "$(SIFIVE_U_CONSOLE) panic=-1 hotsbi.cpus=$(SIFIVE_U_CPUS)" || exit 1; \
	grep -E '^hotsbi-linux-test: PASS' $(SIFIVE_U_LINUX_LOG); \
	if grep -q 'available via sstc' $(SIFIVE_U_LINUX_LOG); then \
		echo "FAIL test-linux-sifive-u: Linux used Sstc on the U54s, SBI TIME went untested"; \
		exit 1; \
	fi; \
	$(call kernel_clean_check,$(SIFIVE_U_LINUX_LOG),test-linux-sifive-u); \
	echo "  test-linux-sifive-u took $$(( $$(date +%s) - start )) s"

$(SIFIVE_U_PMP_DTB): tests/linux/linux.mk
	@mkdir -p $(dir $@)
	@echo "  DTB     $@"
	@$(QEMU) -M sifive_u,dumpdtb=$@.tmp -smp $(SIFIVE_U_SMP) -m 4G -nographic >/dev/null
	@fdtput -t x $@.tmp /chosen hotsbi,emulated-card-size 0 80000000
	@mv $@.tmp $@

test-linux-memhp-sifive-u: $(LINUX_FW_DEP) linux-image linux-memhp-initramfs \
		$(MEMHP_DIR)/sifive_u-fake-node.dtb \
		$(if $(SIFIVE_U_PMP_RUN),payload-pmp8-firmware $(SIFIVE_U_PMP_DTB))
	@test -f "$(TEST_FW)" || { echo "FAIL test-linux-memhp-sifive-u: no firmware $(TEST_FW)"; exit 1; }
	@echo "  QEMU    test-linux-memhp-sifive-u: -smp $(SIFIVE_U_SMP) -m $(SIFIVE_U_MEM), log $(SIFIVE_U_MEMHP_LOG)"
	@start=$$(date +%s); : >$(SIFIVE_U_MEMHP_LOG); \
	QEMU=$(QEMU) bash scripts/qemu-run.sh -t $(SIFIVE_U_MEMHP_TIMEOUT) \
		-l $(SIFIVE_U_MEMHP_LOG) -n test-linux-memhp-sifive-u -e 0 \
		-s $(call SIFIVE_U_STOP,HOTSBI-MEMHP-E2E) \
		-g 'HOTSBI-MEMHP-E2E: PASS' \
		$(SIFIVE_U_PATTERNS) \
		-- $(SIFIVE_U_QEMU_ARGS) -initrd $(MEMHP_INITRAMFS) \
		-append "$(SIFIVE_U_CONSOLE) panic=-1 memhp_default_state=offline $(MEMHP_APPEND_EXTRA)" \
		|| exit 1; \
	$(call memhp_log_checks,$(SIFIVE_U_MEMHP_LOG),test-linux-memhp-sifive-u); \
	log=$(LINUX_DIR)/test-linux-memhp-sifive-u-fake.log; : >$$log; \
	echo "  QEMU    test-linux-memhp-sifive-u: refusal of hotplug-fake (sifive_u-fake-node.dtb)"; \
	QEMU=$(QEMU) bash scripts/qemu-run.sh -t 90 -l $$log \
		-n "test-linux-memhp-sifive-u (fake)" -e 0 \
		-s $(call SIFIVE_U_STOP,HOTSBI-MEMHP-E2E) \
		-g 'HOTSBI-MEMHP-E2E: PASS' $(SIFIVE_U_PATTERNS) \
		-- $(SIFIVE_U_QEMU_ARGS) -initrd $(MEMHP_INITRAMFS) \
		-dtb $(MEMHP_DIR)/sifive_u-fake-node.dtb \
		-append "$(SIFIVE_U_CONSOLE) panic=-1 memhp_default_state=offline memhp.refuse=hotplug-fake" \
		|| exit 1; \
	grep -E '^(memhp-e2e: PASS|kernel \(level)' $$log; \
	$(call kernel_clean_check,$$log,test-linux-memhp-sifive-u (fake)); \
	if [ -n "$(SIFIVE_U_PMP_RUN)" ]; then \
		log=$(LINUX_DIR)/test-linux-memhp-sifive-u-pmp8.log; : >$$log; \
		echo "  QEMU    test-linux-memhp-sifive-u: PMP budget (8 entries, 16-block card), log $$log"; \
		QEMU=$(QEMU) bash scripts/qemu-run.sh -t 150 -l $$log \
			-n "test-linux-memhp-sifive-u (PMP budget)" -e 0 \
			-s $(call SIFIVE_U_STOP,HOTSBI-MEMHP-E2E) \
			-g 'HOTSBI-MEMHP-E2E: PASS' $(SIFIVE_U_PATTERNS) \
			-g 'window 0 +: 0x0000000100000000-0x000000017fffffff, 16 blocks of 128 MiB' \
			-- $(call sifive_u_qemu,4G,$(PAYLOAD_PMP8_FW)) \
			-initrd $(MEMHP_INITRAMFS) -dtb $(SIFIVE_U_PMP_DTB) \
			-append "$(SIFIVE_U_CONSOLE) panic=-1 memhp_default_state=offline memhp.pmp=1" \
			|| exit 1; \
		grep -E '^(memhp-e2e: PASS|memhp-e2e: unplug_block|memhp-e2e: requested_size minus)' $$log; \
		$(call kernel_clean_check,$$log,test-linux-memhp-sifive-u (PMP budget)); \
	fi; \
	echo "  test-linux-memhp-sifive-u took $$(( $$(date +%s) - start )) s"

TEST_TARGETS	+= test-linux-sifive-u test-linux-memhp-sifive-u
