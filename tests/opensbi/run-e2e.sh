#!/usr/bin/env bash
# The runs of make test-opensbi-e2e (tests/opensbi/opensbi.mk): HotSBI's own
# test targets, each run by make with the firmware under test replaced by
# OpenSBI 1.9 + MEMHP, so the two firmwares pass the very same checks. Every
# target keeps its timeout and prints its console log on failure.
#
#   - test-linux-memhp's main run (the e2e of the hotsbi-memhp driver: plug,
#     fill, shrink, /dev/mem faults on every CPU with the firmware's fault
#     log lines, plug/unplug cycles under load, busy memory, adoption),
#     with 4 cycles instead of 10 and without the refusal runs, which test
#     the driver rather than the firmware;
#   - test-linux-memhp-numa: two NUMA nodes, the card in node 1 (the port
#     reads each memory node's numa-node-id), a plugged block grows node 1
#     only;
#   - test-linux-memhp-pmem: static mode, the card's and a board window's
#     device memory as /dev/pmem0, its blocks plugged and refused to UNPLUG;
#   - test-linux-memhp-unavail: a board window's unavailable block;
#   - test-linux-memhp-dax: the card's device memory through device-dax
#     and kmem;
#   - test-linux-dt-schema: the tree this firmware passes to Linux on virt
#     and sifive_u passes dt-validate against the binding;
#   - test-uboot: U-Boot's `sbi` report with OpenSBI's expectations, the
#     /hotplug-memory node and the logged access fault on the card;
#   - test-soak's short form (4 and 8 harts, 10 s each), with S-mode IPIs
#     allowed to be taken up to 1000 ms late: OpenSBI's sbi_ipi_send() may
#     return before the target's MSIP is written (docs/soak.md, "No IPI
#     lost"). Every other soak check is as strict as on HotSBI.
#
# Environment: MAKE, E2E_FW (OpenSBI 1.9 + MEMHP's fw_dynamic.bin), E2E_OUT
# (the logs).
set -u

failed=0
names=()

target()
{
	local name=$1

	shift
	echo "  RUN     $name on OpenSBI 1.9 + MEMHP ($E2E_FW)"
	if ! "$MAKE" --no-print-directory "$name" "$@"; then
		failed=$((failed + 1))
		names+=("$name")
	fi
}

target test-linux-memhp TEST_FW="$E2E_FW" MEMHP_LOG="$E2E_OUT/linux-memhp.log" \
	MEMHP_REFUSALS= MEMHP_APPEND_EXTRA=memhp.cycles=4
target test-linux-memhp-numa TEST_FW="$E2E_FW" \
	MEMHP_NUMA_BANNER='MEMHP Window 0 +: 0xe0000000-0xffffffff, 4 x 128 MiB, emulated card, scrub, node 1'
target test-linux-memhp-pmem TEST_FW="$E2E_FW"
target test-linux-memhp-unavail TEST_FW="$E2E_FW"
target test-linux-memhp-dax TEST_FW="$E2E_FW"
target test-linux-dt-schema TEST_FW="$E2E_FW" DT_SCHEMA_TAG=-opensbi
target test-uboot TEST_FW="$E2E_FW" UBOOT_LOG="$E2E_OUT/uboot.log" \
	UBOOT_SBI_SPEC='SBI 3\.0' UBOOT_SBI_IMPL='SBI 3\.0\nOpenSBI 1\.9' \
	UBOOT_IMPL_VERSION='OpenSBI v1\.9' UBOOT_MEMHP=1
# OpenSBI's sbi_ipi_send() writes MSIP only when the target had no event
# pending: a send_ipi may return before its interrupt is raised (docs/soak.md)
SOAK_EXTRA_ARGS="${SOAK_EXTRA_ARGS:-} soak.ipi-late-ms=1000" \
target test-soak SOAK_FW="$E2E_FW" TEST_SOAK_RUNS="4:10 8:10" \
	TEST_SOAK_TAG=opensbi-short

if [ "$failed" -ne 0 ]; then
	echo "FAIL test-opensbi-e2e: ${names[*]} on OpenSBI 1.9 + MEMHP"
	exit 1
fi
echo "PASS test-opensbi-e2e: test-linux-memhp, test-linux-memhp-numa, test-linux-memhp-pmem, test-linux-memhp-unavail, test-linux-memhp-dax, test-linux-dt-schema, test-uboot, test-soak (short) on OpenSBI 1.9 + MEMHP"
