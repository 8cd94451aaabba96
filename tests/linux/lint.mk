# The driver's lint checks (included by linux.mk).
#
#   make test-linux-checkpatch  linux/make-patch.sh's series (cover letter and
#                               patches) against the kernel tarball's tree:
#                               every patch checkpatch --strict clean and
#                               applying on the previous ones, the binding
#                               dt-doc-validate clean (lint-series.sh)
#   make test-linux-dt-schema   the tree HotSBI passes to Linux on virt and on
#                               sifive_u, dumped from /sys/firmware/fdt, passes
#                               dt-validate against the binding (dt-validate.sh;
#                               test-opensbi-e2e runs it on OpenSBI + MEMHP)
#   make test-linux-series-build  the kernel builds, without a warning, after
#                               each patch of that series, from the released
#                               kernel on (build-series.sh)

LINT_DIR	:= $(LINUX_DIR)/lint
# Written when lint-series.sh passes: the patched tree under $(LINT_DIR)/tree,
# whose binding test-linux-dt-schema validates against, is then current, and
# `make test` (one make per target) lints the series once, not twice.
LINT_STAMP	:= $(LINT_DIR)/series.stamp

.PHONY: test-linux-checkpatch test-linux-dt-schema test-linux-series-build

$(LINT_STAMP): $(shell find linux -type f) tests/linux/lint-series.sh \
	       tests/linux/build-linux.sh
	@O=$(O) LINUX_TARBALL=$(LINUX_TARBALL) bash tests/linux/build-linux.sh extract
	@echo "  LINT    linux/make-patch.sh series, $(LINT_DIR)"
	@rm -f $@
	@bash tests/linux/lint-series.sh $(LINUX_SRC) $(LINT_DIR)
	@touch $@

test-linux-checkpatch: $(LINT_STAMP)
	@echo "PASS test-linux-checkpatch: the series as linux/ has it is lint clean ($(LINT_STAMP))"

# One boot per machine prints the tree (memhp.dumpfdt=1). DT_SCHEMA_TAG
# names the logs of another firmware's run (test-opensbi-e2e).
DT_SCHEMA_TAG	?=
test-linux-dt-schema: $(LINT_STAMP) $(LINUX_FW_DEP) linux-image linux-memhp-initramfs
	@$(LINUX_RUN) -n "test-linux-dt-schema (virt boot$(DT_SCHEMA_TAG))" -t 60 \
		-l $(LINT_DIR)/fdt-virt$(DT_SCHEMA_TAG).log -g 'memhp-e2e: PASS dumpfdt' \
		-- $(MEMHP_QEMU_ARGS) -append "$(MEMHP_CONSOLE) panic=-1 memhp.dumpfdt=1"
	@bash tests/linux/dt-validate.sh $(LINT_DIR)/fdt-virt$(DT_SCHEMA_TAG).log \
		$(LINT_DIR)/tree/Documentation/devicetree/bindings "test-linux-dt-schema (virt$(DT_SCHEMA_TAG))"
	@$(LINUX_RUN) -n "test-linux-dt-schema (sifive_u boot$(DT_SCHEMA_TAG))" -t 90 \
		-l $(LINT_DIR)/fdt-sifive_u$(DT_SCHEMA_TAG).log -s $(call SIFIVE_U_STOP,HOTSBI-MEMHP-E2E) \
		-g 'memhp-e2e: PASS dumpfdt' \
		-- $(SIFIVE_U_QEMU_ARGS) -initrd $(MEMHP_INITRAMFS) \
		-append "$(SIFIVE_U_CONSOLE) panic=-1 memhp.dumpfdt=1"
	@bash tests/linux/dt-validate.sh $(LINT_DIR)/fdt-sifive_u$(DT_SCHEMA_TAG).log \
		$(LINT_DIR)/tree/Documentation/devicetree/bindings "test-linux-dt-schema (sifive_u$(DT_SCHEMA_TAG))"

# Written when every step of build-series.sh built: redone when the series,
# the kernel configuration or the script changes.
SERIES_BUILD_STAMP := $(LINUX_DIR)/series-build.stamp
$(SERIES_BUILD_STAMP): $(LINT_STAMP) $(LINUX_IMAGE) tests/linux/build-series.sh
	@echo "  BUILD   the kernel after each patch of the series, $(LINUX_DIR)/series-build"
	@rm -f $@
	@bash tests/linux/build-series.sh $(LINUX_SRC) $(LINT_DIR)/series \
		$(LINUX_DIR)/series-build
	@touch $@

test-linux-series-build: linux-image
	@$(MAKE) --no-print-directory $(SERIES_BUILD_STAMP)
	@echo "PASS test-linux-series-build: each patch of the series builds ($(SERIES_BUILD_STAMP))"

TEST_TARGETS	+= test-linux-checkpatch test-linux-dt-schema test-linux-series-build
