# Boots with broken device trees in QEMU (issue 5): tests/brokendt/cases.sh
# lists the cases, run-brokendt.sh makes each tree at test time from QEMU's
# own virt tree (dtc/fdtput, header words patched in place), boots HotSBI
# with the test payload and checks one clear firmware line and either a
# boot without the bad part (payload: 0 failed) or a clean stop (QEMU
# exits 1 by itself), never a hang or an M-mode trap. 40 cases, 48-65 s
# measured on 2 cores (the 9-hart case alone 17-20 s).
#
#   make test-brokendt                    every case; logs, trees and
#                                         table.md in $(O)/tests/brokendt
#   make test-brokendt BROKENDT_CASES="no-clint bad-magic"
#   make brokendt-doc                     run, then rewrite the table in
#                                         docs/broken-dt.md

BROKENDT_OUT	:= $(O)/tests/brokendt
BROKENDT_CASES	?=
BROKENDT_DOC	?=

.PHONY: test-brokendt brokendt-doc
test-brokendt: firmware payload
	@bash tests/brokendt/run-brokendt.sh -b $(O) -o $(BROKENDT_OUT) \
		$(foreach c,$(BROKENDT_CASES),-c $(c)) \
		$(if $(BROKENDT_DOC),-t $(BROKENDT_DOC))

brokendt-doc:
	@$(MAKE) --no-print-directory test-brokendt BROKENDT_DOC=docs/broken-dt.md

TEST_TARGETS	+= test-brokendt
