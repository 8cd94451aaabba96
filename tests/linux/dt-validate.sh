#!/usr/bin/env bash
# Validates the device tree a firmware passed to Linux against the binding:
# the tree is taken from the console log of a memhp.dumpfdt=1 boot
# ("memhp-fdt: HEX" lines, /sys/firmware/fdt), the schema from the kernel
# tree the series was applied to (lint-series.sh). /hotplug-memory must match
# the hotsbi,memory-hotplug schema and dt-validate must report nothing about
# it or its windows (QEMU's own nodes are not this test's business; their
# reports are counted).
#
# usage: dt-validate.sh LOG BINDINGS_DIR NAME
set -euo pipefail

log=$1 bindings=$2 name=$3
dtb=${log%.log}.dtb
schema=${log%.log}.schema.json
sed -n 's/^memhp-fdt: \([0-9a-f]*\).*/\1/p' "$log" | tr -d '\n' |
	python3 -c 'import sys; sys.stdout.buffer.write(bytes.fromhex(sys.stdin.read()))' >"$dtb"
fdtdump "$dtb" >/dev/null 2>&1 || { echo "FAIL $name: no valid tree in $log"; exit 1; }
(cd "$bindings" && dt-mk-schema -j -o "$schema" firmware/hotsbi,memory-hotplug.yaml \
	vendor-prefixes.yaml)
report=$(dt-validate -M -s "$schema" "$dtb" 2>&1)
if ! grep -A1 -E ': /hotplug-memory: matched on schema' <<<"$report" |
     grep -q 'schemas/firmware/hotsbi,memory-hotplug.yaml#'; then
	echo "FAIL $name: /hotplug-memory did not match the binding:"
	grep -A3 'hotplug-memory' <<<"$report" || echo "(no /hotplug-memory node)"
	exit 1
fi
errors=$(grep -v -E 'matched on schema|^\s+http://|^\s*$' <<<"$report" || true)
ours=$(grep -E -A1 'hotplug-memory|hotsbi' <<<"$errors" || true)
if [ -n "$ours" ]; then
	echo "FAIL $name: dt-validate reports on the firmware's node:"
	echo "$ours"
	exit 1
fi
echo "PASS $name: /hotplug-memory matches hotsbi,memory-hotplug.yaml, nothing reported on it ($(grep -c 'From schema' <<<"$errors" || true) reports on QEMU's nodes)"
