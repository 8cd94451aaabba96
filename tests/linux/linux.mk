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
