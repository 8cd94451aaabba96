#!/usr/bin/env bash
# The runs of make test-opensbi-memhp (tests/opensbi/opensbi.mk), each one
# tests/payload/run-payload.sh (its timeout, its console log on failure):
#
#   - v1.9 as released and the series with FDT_MEMHP off, 1 hart: both
#     pass and report the same numbers (the series changes nothing when
#     the option is off);
#   - FDT_MEMHP=y: the MEMHP suite on 1 and 4 harts (1 GiB, a card of 4
#     blocks), on 8 harts (2 GiB, a 1 GiB card of 8 blocks), and the
#     8-entry budget: OpenSBI's root domain takes 8 of QEMU's 16 PMP
#     entries, so a 2 GiB card of 16 blocks must hold its 8 single-block
#     runs in exactly the 8 left (the payload's bound counts 3 fixed
#     entries, hence -E 11); and QEMU sifive_u (E51 + 4 U54s, no
#     power-off device: the run stops at the payload's summary).
#
# Environment: PAYLOAD_DIR, PAYLOAD_BIN, OUT, OPENSBI_MEMHP_FW,
# OPENSBI_OFF_FW, OPENSBI_VANILLA_FW.
set -u

run=(bash "$PAYLOAD_DIR/run-payload.sh" -k "$PAYLOAD_BIN" -H 0)
failed=0

payload()
{
	local log=$1

	shift
	"${run[@]}" -l "$OUT/$log.log" "$@" || failed=$((failed + 1))
}

summary()
{
	sed -n 's/^payload: \([0-9]* passed, [0-9]* failed\).*/\1/p' "$OUT/$1.log" | tail -n 1
}

payload vanilla-smp1 -f "$OPENSBI_VANILLA_FW" -s 1 -m 140 -t 90
payload off-smp1 -f "$OPENSBI_OFF_FW" -s 1 -m 140 -t 90
if [ -n "$(summary vanilla-smp1)" ] &&
   [ "$(summary vanilla-smp1)" != "$(summary off-smp1)" ]; then
	echo "FAIL opensbi: FDT_MEMHP off gives '$(summary off-smp1)', v1.9 '$(summary vanilla-smp1)'"
	failed=$((failed + 1))
fi
if grep -Eq '^(MEMHP |memhp: |Platform HART Protection *: memhp)' "$OUT/off-smp1.log"; then
	echo "FAIL opensbi: FDT_MEMHP off has MEMHP in its banner (log $OUT/off-smp1.log)"
	failed=$((failed + 1))
fi

fw=$OPENSBI_MEMHP_FW
payload memhp-smp1 -f "$fw" -s 1 -m 140 -x 600 -b 4 -t 120
if ! grep -q '^Platform HART Protection *: memhp' "$OUT/memhp-smp1.log"; then
	echo "FAIL opensbi: FDT_MEMHP=y does not protect harts with memhp (log $OUT/memhp-smp1.log)"
	failed=$((failed + 1))
fi
payload memhp-smp4 -f "$fw" -s 4 -m 340 -x 700 -b 4 -t 240
payload memhp-smp8-card -f "$fw" -s 8 -M 2G -c 0x40000000 -b 8 -R 4 \
	-m 140 -x 800 -t 300
payload memhp-sifive_u -f "$fw" -P sifive_u -s 5 -M 1G -b 4 -m 340 -x 700 \
	-t 240
payload memhp-budget8 -f "$fw" -s 4 -M 4G -c 0x80000000 -b 16 -E 11 -R 8 \
	-m 340 -x 700 -t 300
[ "$failed" -eq 0 ]
