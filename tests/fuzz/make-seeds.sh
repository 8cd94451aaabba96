#!/usr/bin/env bash
# Builds the seed inputs of the libFuzzer targets into DIR/<target>/:
# device trees dumped from QEMU (virt in several sizes, sifive_u), the
# host tests' trees and tests/fuzz/seeds/*.dts compiled with dtc; for
# fuzz-fdt-publish the same trees behind 8 bytes of plug requests; for
# fuzz-sbi-memhp a few hand-written call sequences. `make fuzz-merge`
# after a run folds them, minimized, into tests/fuzz/corpus.
set -euo pipefail
out=${1:?usage: make-seeds.sh DIR}
here=$(cd "$(dirname "$0")" && pwd)
qemu=${QEMU:-qemu-system-riscv64}
rm -rf "$out"
mkdir -p "$out/dtb" "$out/fuzz-fdt-input" "$out/fuzz-fdt-publish" "$out/fuzz-sbi-memhp"

# QEMU pads its dump to 1 MiB: dtc writes the same tree compactly.
dump() {
	if timeout 20 "$qemu" -M "$1,dumpdtb=$out/raw.dtb" $3 -display none \
		-serial none -monitor none >/dev/null 2>&1; then
		dtc -q -I dtb -O dtb -o "$out/dtb/$2.dtb" "$out/raw.dtb"
		rm -f "$out/raw.dtb"
	else
		echo "make-seeds: $2 not dumped" >&2
	fi
}
dump virt virt-1g "-smp 4 -m 1G"
dump virt virt-2g-1hart "-smp 1 -m 2G"
dump virt virt-8hart "-smp 8 -m 512M"
dump sifive_u sifive-u "-smp 5 -m 2G"
for f in "$here"/../host/data/*.dts "$here"/seeds/*.dts; do
	dtc -q -I dts -O dtb -o "$out/dtb/$(basename "${f%.dts}").dtb" "$f"
done
for f in "$out"/dtb/*.dtb; do
	n=$(basename "$f")
	cp "$f" "$out/fuzz-fdt-input/$n"
	{ printf '\x00\x00\x08\x02\x01\x13\x02\x30'; cat "$f"; } > "$out/fuzz-fdt-publish/$n"
done
# fuzz-sbi-memhp: 8 setup bytes, then calls (see fuzz_sbi_memhp.c).
seq() { printf "$2" > "$out/fuzz-sbi-memhp/$1"; }
seq plug-unplug-card '\x03\x05\x07\x05\x00\x00\x00\x02\x15\x00\x01\x02\x1a\x00\x01\x02\x15\x00\x00\x01\x1f\x00'
seq board-window '\x01\x01\x03\x00\x0b\x07\x00\x03\x15\x01\x03\x02\x16\x01\x00\x03\x1b\x01\x03\x01\x07\x01\x0a'
seq stop-start '\x03\x01\x03\x01\x00\x00\x00\x00\x35\x00\x00\x01\x0d\x0c\x00\x01\x05\x00\x00\x1a\x00\x00\x01'
seq many-harts '\x07\xfd\x0f\x13\x01\x1f\x05\x01\x15\x00\x00\x03\x35\x00\x02\x01\x55\x01\x05\x02\x12\x00\x11'
echo "make-seeds: $(ls "$out"/dtb | wc -l) trees, seeds in $out"
