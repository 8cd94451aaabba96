# OpenSBI 1.9 + MEMHP (opensbi/): the S-mode payload's suite on the series
# built with FDT_MEMHP=y, and the series with FDT_MEMHP off against v1.9
# as released.
#
#   make test-opensbi-memhp   the runs of tests/opensbi/run-matrix.sh; without
#                             OPENSBI_TARBALL one line, and the test counts
#                             as skipped in make test's summary

.PHONY: test-opensbi-memhp
ifneq ($(wildcard $(OPENSBI_TARBALL)),)
test-opensbi-memhp: opensbi payload
	@PAYLOAD_DIR=$(PAYLOAD_DIR) PAYLOAD_BIN=$(PAYLOAD_BIN) OUT=$(O)/tests/opensbi \
		OPENSBI_MEMHP_FW=$(OPENSBI_MEMHP_FW) OPENSBI_OFF_FW=$(OPENSBI_OFF_FW) \
		OPENSBI_VANILLA_FW=$(OPENSBI_VANILLA_FW) \
		bash tests/opensbi/run-matrix.sh
else
test-opensbi-memhp:
	@echo "SKIP test-opensbi-memhp: no OpenSBI 1.9 tarball at $(OPENSBI_TARBALL) (pass OPENSBI_TARBALL=...)"
	@mkdir -p $(O) && touch $(O)/.skip-$@
endif

TEST_TARGETS	+= test-opensbi-memhp
