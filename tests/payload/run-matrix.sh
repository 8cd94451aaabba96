#!/usr/bin/env bash
# The runs of make test-payload (tests/payload/payload.mk): the payload on
# PAYLOAD_SMPS harts, then, on HotSBI's own firmware, the bigger card, QEMU
# sifive_u, virt with an ACLINT, harts without PMP, the card's device memory
# and the firmware built for 8 PMP entries. Each run is one run-payload.sh
# (its timeout, and its console log on failure); a run whose knob is empty
# is skipped.
#
# Environment (set by payload.mk): TEST_FW, PAYLOAD_* as documented there,
# PAYLOAD_DIR, PAYLOAD_BUILD, PAYLOAD_BIN, PAYLOAD_TAG, PAYLOAD_PMP8_FW.
set -u

run=(bash "$PAYLOAD_DIR/run-payload.sh" -k "$PAYLOAD_BIN" -t "$PAYLOAD_TIMEOUT")
failed=0

# run-payload.sh with the common options and a log named after @1.
payload()
{
	local log=$1

	shift
	"${run[@]}" -l "$PAYLOAD_BUILD/$PAYLOAD_TAG-$log.log" "$@" ||
		failed=$((failed + 1))
}

for n in $PAYLOAD_SMPS; do
	case $n in
	1) min=$PAYLOAD_MIN_1 mh=$PAYLOAD_MEMHP_MIN_1 ;;
	4) min=$PAYLOAD_MIN_4 mh=$PAYLOAD_MEMHP_MIN_4 ;;
	*) min=$PAYLOAD_MIN_DEFAULT mh=$PAYLOAD_MEMHP_MIN_DEFAULT ;;
	esac
	[ "$PAYLOAD_HOTSBI" = 1 ] || mh=
	payload "smp$n" -f "$TEST_FW" -s "$n" -M "$PAYLOAD_MEM" -m "$min" \
		-H "$PAYLOAD_HOTSBI" ${mh:+-x "$mh"}
done

if [ "$PAYLOAD_HOTSBI" = 1 ]; then
	hotsbi=(-f "$TEST_FW" -H 1)
	[ -z "$PAYLOAD_CARD_SMP" ] ||
		payload "smp$PAYLOAD_CARD_SMP-card" "${hotsbi[@]}" \
			-s "$PAYLOAD_CARD_SMP" -M "$PAYLOAD_CARD_MEM" \
			-c "$PAYLOAD_CARD_SIZE" -m "$PAYLOAD_MIN_DEFAULT" \
			-x "$PAYLOAD_MEMHP_MIN_CARD" -b "$PAYLOAD_CARD_BLOCKS" \
			-R $((PAYLOAD_CARD_BLOCKS / 2))
	[ -z "$PAYLOAD_SIFIVE_U_SMP" ] ||
		payload sifive_u "${hotsbi[@]}" -P sifive_u \
			-s "$PAYLOAD_SIFIVE_U_SMP" -M 1G -m "$PAYLOAD_MIN_4" \
			-x "$PAYLOAD_MEMHP_MIN_4" -b 4
	[ -z "$PAYLOAD_ACLINT_SMP" ] ||
		payload "smp$PAYLOAD_ACLINT_SMP-aclint" "${hotsbi[@]}" \
			-P virt,aclint=on -s "$PAYLOAD_ACLINT_SMP" \
			-M "$PAYLOAD_MEM" -m "$PAYLOAD_MIN_4" \
			-x "$PAYLOAD_MEMHP_MIN_4" -b 4
	[ -z "$PAYLOAD_NOPMP_SMP" ] ||
		payload "smp$PAYLOAD_NOPMP_SMP-nopmp" "${hotsbi[@]}" -N \
			-s "$PAYLOAD_NOPMP_SMP" -M "$PAYLOAD_MEM" \
			-m "$PAYLOAD_MIN_4" -x "$PAYLOAD_NOPMP_MEMHP_MIN"
	[ -z "$PAYLOAD_PMEM_SMP" ] ||
		payload "smp$PAYLOAD_PMEM_SMP-pmem" "${hotsbi[@]}" \
			-s "$PAYLOAD_PMEM_SMP" -M "$PAYLOAD_MEM" -c 0x20000000 \
			-D "$PAYLOAD_PMEM_SIZE" -m "$PAYLOAD_MIN_DEFAULT" \
			-x "$PAYLOAD_PMEM_MEMHP_MIN"
	[ -z "$PAYLOAD_PMP8" ] ||
		payload sifive_u-pmp8 -f "$PAYLOAD_PMP8_FW" -H 1 -P sifive_u \
			-s 5 -M 4G -c 0x80000000 -b 16 -R 4 -E 8 \
			-m "$PAYLOAD_MIN_4" -x "$PAYLOAD_MEMHP_MIN_4"
fi
[ "$failed" -eq 0 ]
