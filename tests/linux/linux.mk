# Linux system test: boot a small riscv64 kernel with an initramfs whose /init checks
# that every CPU came online (SBI HSM), IPIs and the timer work, then powers off
# through SBI SRST.  Included from the top Makefile.
#
#   make linux-image       build (or reuse) $(O)/linux/Image, see build-linux.sh
#   make linux-initramfs   build $(O)/linux/initramfs.cpio with the static /init
#   make test-linux        boot it on QEMU virt with TEST_FW as -bios
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

# Pass: QEMU exits 0 (power off), /init printed its final PASS line, Linux saw the
# SRST extension and brought up every CPU, and no SRST call failed (Linux would
# then fall back to the syscon power-off and hide the firmware bug).
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
	fi

TEST_TARGETS	+= test-linux

# ---------------------------------------------------------------- memory hotplug
# The hotsbi-memhp driver (linux/drivers/memory) end to end: built out of tree as
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
MEMHP_APPEND	= console=ttyS0 earlycon=uart8250,mmio,0x10000000 panic=-1 \
		  memhp_default_state=offline $(MEMHP_APPEND_EXTRA)
MEMHP_QEMU_ARGS	= -M virt -smp $(MEMHP_SMP) -m $(MEMHP_MEM) -nographic -no-reboot \
		  -bios $(TEST_FW) -kernel $(LINUX_IMAGE) -initrd $(MEMHP_INITRAMFS)

.PHONY: linux-memhp-modules linux-memhp-initramfs test-linux-memhp linux-demo

# Sources are copied (timestamps kept) so that kbuild writes its objects under
# $(O), not into the source tree; the driver is built with its own Kbuild
# Makefile fragment, as it would be in drivers/memory.
linux-memhp-modules: linux-image
	@mkdir -p $(MEMHP_DIR)/driver $(MEMHP_DIR)/fwtool
	@cp -p linux/drivers/memory/hotsbi-memhp.c linux/drivers/memory/Makefile \
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
$(MEMHP_DIR)/%-node.dtb: tests/linux/linux.mk
	@mkdir -p $(dir $@)
	@echo "  DTB     $@"
	@$(QEMU) -M virt,dumpdtb=$@.tmp -smp $(MEMHP_SMP) -m $(MEMHP_MEM) -nographic >/dev/null
	@n=$(if $(filter fake,$*),/hotplug-fake,/hotplug-memory); \
	fdtput -c $@.tmp $$n && \
	fdtput -t s $@.tmp $$n compatible hotsbi,memory-hotplug && \
	fdtput -t i $@.tmp $$n '#address-cells' 2 && \
	fdtput -t i $@.tmp $$n '#size-cells' 2 && \
	fdtput -t x $@.tmp $$n hotsbi,sbi-extension-id 9000000 && \
	fdtput -t x $@.tmp $$n max-possible-pfn 0 c0000 && \
	if [ $* = noext ]; then \
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
	grep -E '^memhp-e2e: (PASS|FAIL)' $(MEMHP_LOG); \
	faults=$$(grep -c 'memhp: hart [0-9]*: .* access fault at .*(unplugged)' $(MEMHP_LOG)); \
	echo "  firmware access-fault log lines: $$faults"; \
	if [ "$$faults" -lt 1 ]; then \
		echo "FAIL test-linux-memhp: the firmware logged no access fault to an unplugged block"; \
		exit 1; \
	fi; \
	if grep -Eq 'cut here|BUG:|Oops|Call Trace|WARNING:' $(MEMHP_LOG); then \
		echo "FAIL test-linux-memhp: kernel warning in $(MEMHP_LOG):"; \
		grep -E -A20 'cut here|BUG:|Oops|Call Trace|WARNING:' $(MEMHP_LOG) | head -60; \
		exit 1; \
	fi; \
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
	done; \
	echo "  test-linux-memhp took $$(( $$(date +%s) - start )) s"

TEST_TARGETS	+= test-linux-memhp

# The narrated demo: runs in the foreground on the console, powers off at the end.
linux-demo: $(LINUX_FW_DEP) linux-image linux-memhp-initramfs
	@echo "  QEMU    linux-demo: Linux 6.12 on HotSBI, -smp $(MEMHP_SMP) -m $(MEMHP_MEM) (powers off at the end)"
	@$(QEMU) $(MEMHP_QEMU_ARGS) -append "$(strip $(MEMHP_APPEND) memhp.demo=1 loglevel=4)"
