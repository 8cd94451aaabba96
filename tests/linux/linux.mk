# Linux system tests: a small riscv64 kernel (build-linux.sh) booted on HotSBI.
# Included from the top Makefile. This file builds what the runs share; the
# runs are in virt.mk (QEMU virt) and sifive-u.mk (QEMU sifive_u), the driver's
# lint checks (checkpatch, dt-schema) in lint.mk. Every QEMU run goes through
# run-linux.sh: bounded by a timeout, console log printed on any failure.
#
#   make linux-image            build (or reuse) $(O)/linux/Image, see build-linux.sh
#   make linux-initramfs        $(O)/linux/initramfs.cpio with the static /init (init.c)
#   make linux-memhp-modules    hotsbi-memhp.ko and memhp_fwtool.ko
#   make linux-memhp-initramfs  $(O)/linux/memhp-initramfs.cpio (/init: memhp-e2e.c)
#
# Knobs:
#   TEST_FW             -bios image; default HotSBI's fw_dynamic.bin, e.g.
#                       TEST_FW=$(OPENSBI_FW_DYNAMIC) runs test-linux on Debian's OpenSBI
#   LINUX_INITRAMFS_FILES  extra "hostpath=/target/path" files for the initramfs

LINUX_DIR	:= $(O)/linux
LINUX_SRC	:= $(LINUX_DIR)/src
LINUX_IMAGE	:= $(LINUX_DIR)/Image
LINUX_VMLINUX	:= $(LINUX_DIR)/vmlinux.stripped
LINUX_INIT	:= $(LINUX_DIR)/init
LINUX_INITRAMFS	:= $(LINUX_DIR)/initramfs.cpio
LINUX_GEN_CPIO	:= $(LINUX_DIR)/gen_init_cpio
LINUX_CROSS_COMPILE ?= $(CROSS_COMPILE)
LINUX_INITRAMFS_FILES ?=
LINUX_RUN	= QEMU=$(QEMU) bash tests/linux/run-linux.sh

TEST_FW		?= $(FW_DYNAMIC_BIN)

# Build HotSBI only when the test runs on it, so the test can also be run on another
# firmware while HotSBI does not build.
LINUX_FW_DEP	:= $(if $(filter $(abspath $(FW_DYNAMIC_BIN)),$(abspath $(TEST_FW))),firmware)

.PHONY: linux-image linux-initramfs linux-memhp-modules linux-memhp-initramfs

linux-image:
	@O=$(O) LINUX_TARBALL=$(LINUX_TARBALL) LINUX_CROSS_COMPILE=$(LINUX_CROSS_COMPILE) \
		bash tests/linux/build-linux.sh image

LINUX_INIT_SRCS	:= tests/linux/init.c tests/linux/init-util.c
$(LINUX_INIT): $(LINUX_INIT_SRCS) tests/linux/init-util.h tests/linux/linux.mk
	@mkdir -p $(dir $@)
	@echo "  CC      $(LINUX_INIT_SRCS) (static)"
	@$(LINUX_CROSS_COMPILE)gcc -static -O2 -s -Wall -Wextra -Werror -o $@ $(LINUX_INIT_SRCS)

# The host tool that writes the newc archive (with /dev/console, no root needed).
$(LINUX_GEN_CPIO):
	@O=$(O) LINUX_TARBALL=$(LINUX_TARBALL) bash tests/linux/build-linux.sh extract
	@echo "  HOSTCC  $@"
	@$(HOSTCC) -O2 -o $@ $(LINUX_SRC)/usr/gen_init_cpio.c

# Always regenerated (it takes milliseconds), so LINUX_INITRAMFS_FILES changes apply.
linux-initramfs: $(LINUX_INIT) $(LINUX_GEN_CPIO)
	@echo "  CPIO    $(LINUX_INITRAMFS)"
	@bash tests/linux/mkinitramfs.sh $(LINUX_GEN_CPIO) $(LINUX_INITRAMFS) $(LINUX_INIT) \
		$(LINUX_INITRAMFS_FILES)

# ---------------------------------------------------------------- memory hotplug
# The hotsbi-memhp driver (linux/drivers/firmware) built out of tree as a module
# against $(LINUX_SRC), loaded by a static /init (memhp-e2e.c) that checks every
# step itself, with the firmware's state read through the test module
# tests/linux/fwtool.

MEMHP_DIR	:= $(LINUX_DIR)/memhp
MEMHP_KO	:= $(MEMHP_DIR)/driver/hotsbi-memhp.ko
MEMHP_FWTOOL_KO	:= $(MEMHP_DIR)/fwtool/memhp_fwtool.ko
MEMHP_INIT	:= $(MEMHP_DIR)/memhp-e2e
MEMHP_INITRAMFS	:= $(LINUX_DIR)/memhp-initramfs.cpio
MEMHP_KDUMP_INITRAMFS := $(LINUX_DIR)/memhp-kdump-initramfs.cpio
MEMHP_KMAKE	= $(MAKE) --no-print-directory -C $(LINUX_SRC) ARCH=riscv \
		  CROSS_COMPILE=$(LINUX_CROSS_COMPILE) KCFLAGS=-Werror W=1
MEMHP_FILES	= $(MEMHP_KO)=/lib/modules/hotsbi-memhp.ko:0644 \
		  $(MEMHP_FWTOOL_KO)=/lib/modules/memhp_fwtool.ko:0644

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

MEMHP_INIT_SRCS	:= tests/linux/memhp-e2e.c tests/linux/init-util.c tests/linux/memhp-dax.c
$(MEMHP_INIT): $(MEMHP_INIT_SRCS) tests/linux/e2e.h tests/linux/init-util.h tests/linux/linux.mk
	@mkdir -p $(dir $@)
	@echo "  CC      $(MEMHP_INIT_SRCS) (static)"
	@$(LINUX_CROSS_COMPILE)gcc -static -O2 -s -Wall -Wextra -Werror -pthread \
		-o $@ $(MEMHP_INIT_SRCS)

linux-memhp-initramfs: linux-memhp-modules $(MEMHP_INIT) $(LINUX_GEN_CPIO)
	@echo "  CPIO    $(MEMHP_INITRAMFS)"
	@bash tests/linux/mkinitramfs.sh $(LINUX_GEN_CPIO) $(MEMHP_INITRAMFS) $(MEMHP_INIT) \
		$(MEMHP_FILES)

# The kdump run's initramfs: the memhp one plus the crash kernel (a stripped
# vmlinux: riscv's kexec_file_load() takes ELF) and, as its initrd, the memhp
# initramfs itself.
$(MEMHP_KDUMP_INITRAMFS): linux-memhp-initramfs
	@echo "  CPIO    $@"
	@$(LINUX_CROSS_COMPILE)strip -o $(LINUX_VMLINUX) $(LINUX_SRC)/vmlinux
	@bash tests/linux/mkinitramfs.sh $(LINUX_GEN_CPIO) $@ $(MEMHP_INIT) $(MEMHP_FILES) \
		$(LINUX_VMLINUX)=/kdump/vmlinux:0644 \
		$(MEMHP_INITRAMFS)=/kdump/initrd.cpio:0644

# Device trees for the refusal and budget runs (mkdtb.sh), from QEMU's own tree.
$(MEMHP_DIR)/dma32-node.dtb $(MEMHP_DIR)/dma32-small-node.dtb: tests/linux/mkdtb.sh
	@echo "  DTB     $@"
	@QEMU=$(QEMU) bash tests/linux/mkdtb.sh $(patsubst %-node.dtb,%,$(notdir $@)) $@ \
		virt $(MEMHP_SMP) 3G

$(MEMHP_DIR)/fake-node.dtb $(MEMHP_DIR)/noext-node.dtb $(MEMHP_DIR)/pmem-node.dtb \
$(MEMHP_DIR)/badpfn-node.dtb $(MEMHP_DIR)/board-pmem-node.dtb \
$(MEMHP_DIR)/board-unavail-node.dtb \
$(MEMHP_DIR)/pmem-pair-node.dtb: \
		tests/linux/mkdtb.sh
	@echo "  DTB     $@"
	@QEMU=$(QEMU) bash tests/linux/mkdtb.sh $(patsubst %-node.dtb,%,$(notdir $@)) $@ \
		virt $(MEMHP_SMP) $(MEMHP_MEM)

$(MEMHP_DIR)/numa-pmem-node.dtb: tests/linux/mkdtb.sh
	@echo "  DTB     $@"
	@QEMU=$(QEMU) bash tests/linux/mkdtb.sh numa-pmem $@ virt 4 2G $(MEMHP_NUMA_QEMU_ARGS)

include tests/linux/virt.mk
include tests/linux/sifive-u.mk
include tests/linux/lint.mk
