# test-uboot: boot Debian's S-mode U-Boot 2023.01 on TEST_FW (HotSBI's fw_dynamic by
# default) with -smp 2 -m 1G, run U-Boot's `sbi` command, check its report; on HotSBI
# also check /hotplug-memory (`fdt print`) and that reading the unplugged emulated card
# (`md.q 0xa0000000 1`) faults, logged by the firmware and reported by U-Boot (which
# then resets: autoboot is stopped again); `poweroff`.
#
#   make test-uboot                       HotSBI, HotSBI's expectations
#   make test-uboot-opensbi               Debian's OpenSBI 1.1, its own expectations
#   make test-uboot TEST_FW=x.bin UBOOT_SBI_SPEC=... UBOOT_SBI_IMPL=... ...
#
# What U-Boot 2023.01's `sbi` can show: it prints "SBI <major>.<minor>" without a newline;
# for an implementation ID it does not know (anything but 0-6) it prints "Unknown
# implementation ID <n>" with n the spec version value, not the ID (it prints the wrong
# variable), and no implementation version; it has no name for DBCN, so DBCN is never
# listed. HotSBI (spec 2.0 = 0x2000000) therefore shows "SBI 2.0Unknown implementation
# ID 33554432"; its implementation ID and version are checked in its boot banner instead.

TEST_TARGETS	+= test-uboot

UBOOT_SRC	:= $(patsubst %/,%,$(dir $(lastword $(MAKEFILE_LIST))))
TEST_FW		?= $(FW_DYNAMIC_BIN)
UBOOT_LOG	?= $(O)/tests/uboot/test-uboot.log
UBOOT_TIMEOUT	?= 60
UBOOT_SBI_SPEC	?= SBI 2\.0
UBOOT_SBI_IMPL	?= SBI 2\.0Unknown implementation ID 33554432
UBOOT_IMPL_VERSION ?= SBI +: v2\.0, implementation 0x48534249 v$(subst .,\.,$(HOTSBI_VERSION))
UBOOT_SBI_EXTS	?= SBI Base Functionality;Timer Extension;IPI Extension;RFENCE Extension;Hart State Management Extension;System Reset Extension
# MEMHP checks (HotSBI, and OpenSBI 1.9 + MEMHP in test-opensbi-e2e):
# /hotplug-memory as `fdt print` shows it and an access fault on the
# unplugged emulated card (its size: MEMHP_CARD_SIZE, carved from the top
# of UBOOT_RAM).
UBOOT_RAM	?= 1G
UBOOT_MEMHP	?= 1

.PHONY: test-uboot test-uboot-opensbi

# Build HotSBI first only when it is the firmware under test.
test-uboot: $(if $(filter $(FW_DYNAMIC_BIN),$(TEST_FW)),firmware)
	@QEMU='$(QEMU)' TEST_FW='$(TEST_FW)' UBOOT_SMODE='$(UBOOT_SMODE)' \
	 UBOOT_LOG='$(UBOOT_LOG)' UBOOT_TIMEOUT='$(UBOOT_TIMEOUT)' \
	 UBOOT_SBI_SPEC='$(UBOOT_SBI_SPEC)' UBOOT_SBI_IMPL='$(UBOOT_SBI_IMPL)' \
	 UBOOT_IMPL_VERSION='$(UBOOT_IMPL_VERSION)' UBOOT_SBI_EXTS='$(UBOOT_SBI_EXTS)' \
	 UBOOT_RAM='$(UBOOT_RAM)' UBOOT_MEMHP='$(UBOOT_MEMHP)' \
	 UBOOT_MEMHP_CARD='$(MEMHP_CARD_SIZE)' \
	 expect -f $(UBOOT_SRC)/uboot-sbi.exp

# The same test against Debian's OpenSBI 1.1 (validates the test itself).
test-uboot-opensbi:
	@$(MAKE) --no-print-directory test-uboot TEST_FW='$(OPENSBI_FW_DYNAMIC)' \
		UBOOT_LOG='$(O)/tests/uboot/test-uboot-opensbi.log' \
		UBOOT_SBI_SPEC='SBI 1\.0' UBOOT_SBI_IMPL='SBI 1\.0\nOpenSBI 1\.1' \
		UBOOT_IMPL_VERSION='OpenSBI v1\.1' UBOOT_MEMHP=0
