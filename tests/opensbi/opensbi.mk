# OpenSBI 1.9 + MEMHP (opensbi/): the S-mode payload's suite on the series
# built with FDT_MEMHP=y, and the series with FDT_MEMHP off against v1.9
# as released; HotSBI's Linux and U-Boot tests on the series.
#
#   make test-opensbi-memhp   the runs of tests/opensbi/run-matrix.sh
#   make test-opensbi-e2e     test-linux-memhp's main run and test-uboot with
#                             OpenSBI 1.9 + MEMHP as the firmware
#                             (tests/opensbi/run-e2e.sh; the soak not yet)
#
# Without OPENSBI_TARBALL each prints one line and counts as skipped in
# make test's summary.

.PHONY: test-opensbi-memhp test-opensbi-e2e
ifneq ($(wildcard $(OPENSBI_TARBALL)),)
test-opensbi-memhp: opensbi payload
	@PAYLOAD_DIR=$(PAYLOAD_DIR) PAYLOAD_BIN=$(PAYLOAD_BIN) OUT=$(O)/tests/opensbi \
		OPENSBI_MEMHP_FW=$(OPENSBI_MEMHP_FW) OPENSBI_OFF_FW=$(OPENSBI_OFF_FW) \
		OPENSBI_VANILLA_FW=$(OPENSBI_VANILLA_FW) \
		bash tests/opensbi/run-matrix.sh

test-opensbi-e2e: opensbi
	@mkdir -p $(O)/tests/opensbi
	@MAKE='$(MAKE)' E2E_FW=$(OPENSBI_MEMHP_FW) E2E_OUT=$(O)/tests/opensbi \
		bash tests/opensbi/run-e2e.sh
else
test-opensbi-memhp test-opensbi-e2e:
	@echo "SKIP $@: no OpenSBI 1.9 tarball at $(OPENSBI_TARBALL) (pass OPENSBI_TARBALL=...)"
	@mkdir -p $(O) && touch $(O)/.skip-$@
endif

TEST_TARGETS	+= test-opensbi-memhp test-opensbi-e2e
