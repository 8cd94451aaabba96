# Upstream OpenSBI v1.9 with the MEMHP series (opensbi/): the series is
# generated from lib/memhp, include/memhp and the port in opensbi/port by
# opensbi/make-series.sh, applied with git am to v1.9 from OPENSBI_TARBALL
# and built for the generic platform, with FDT_MEMHP on and off.
#
#   make opensbi          build/opensbi/platform/generic/firmware/fw_dynamic.bin
#                         (FDT_MEMHP=y), build/opensbi-off/... (upstream
#                         defconfig), build/opensbi-vanilla/... (v1.9 as is)
#                         and the series in build/opensbi-series
#   make run FW=opensbi   the narrated demo with OpenSBI 1.9 + MEMHP as the
#                         firmware (it ends with HOTSBI-MEMHP-E2E: PASS)

OPENSBI_TARBALL	?= $(abspath $(CURDIR)/../shared/deps/opensbi-1.9.tar.xz)
OPENSBI_MEMHP_FW := $(O)/opensbi/platform/generic/firmware/fw_dynamic.bin
OPENSBI_OFF_FW	:= $(O)/opensbi-off/platform/generic/firmware/fw_dynamic.bin
OPENSBI_VANILLA_FW := $(O)/opensbi-vanilla/platform/generic/firmware/fw_dynamic.bin
export OPENSBI_TARBALL

.PHONY: opensbi
opensbi:
	@bash opensbi/build.sh $(OPENSBI_TARBALL) $(O)

# make run FW=opensbi: the demo (and any test-linux* target) boots on
# OpenSBI 1.9 + MEMHP. Read before tests/linux's fragments.
ifeq ($(FW),opensbi)
TEST_FW		:= $(OPENSBI_MEMHP_FW)
linux-demo: opensbi
endif
