#!/usr/bin/env bash
# Builds the kernel after each patch of the series lint-series.sh generated
# (linux/make-patch.sh), so that every patch is known to build on its own on
# top of the ones before it, as a maintainer applying them one by one (or a
# bisection) would build them.
#
# The work is done in a copy of the test kernel's built tree (its .config:
# allnoconfig + hotsbi.config): the series' patches already in that tree
# are taken back off, the released kernel is built, then each patch is
# applied and the tree built again, Image and modules, incrementally. From
# the patch that adds the driver on, CONFIG_HOTSBI_MEMHP=m is set and its
# module must come out of the build.
#
# usage: build-series.sh LINUX_SRC SERIES_DIR OUTDIR
#   LINUX_SRC   the test kernel's tree, built (tests/linux/build-linux.sh)
#   SERIES_DIR  the series: 000[1-9]-*.patch (lint-series.sh's OUTDIR/series)
#   OUTDIR      the copy (OUTDIR/tree, removed when all built) and one build
#               log per step (OUTDIR/NNNN.log)
#
# Environment: LINUX_CROSS_COMPILE or CROSS_COMPILE, JOBS (default: nproc).
set -euo pipefail

src=${1:?usage: build-series.sh LINUX_SRC SERIES_DIR OUTDIR}
series=${2:?usage: build-series.sh LINUX_SRC SERIES_DIR OUTDIR}
out=${3:?usage: build-series.sh LINUX_SRC SERIES_DIR OUTDIR}
XC=${LINUX_CROSS_COMPILE:-${CROSS_COMPILE:-riscv64-linux-gnu-}}
JOBS=${JOBS:-$(nproc)}
tree=$out/tree
kmake=(make -C "$tree" ARCH=riscv CROSS_COMPILE="$XC")

fail()
{
	echo "FAIL build-series: $*"
	exit 1
}

patches=("$series"/000[1-9]-*.patch)
[ -f "${patches[0]}" ] || fail "no patches in $series"
[ -f "$src/.config" ] && [ -f "$src/arch/riscv/boot/Image" ] ||
	fail "$src is not a built kernel tree (make linux-image)"

rm -rf "$out"
mkdir -p "$out"
cp -a "$src" "$tree"

# Back to the released kernel: the test kernel carries the series' patches
# to existing kernel code (linux/patches, build-linux.sh), taken back off
# last first; the bindings and the driver are not in it.
. "$(dirname "$0")/../../linux/patches/series.sh"
series_read
for ((i = ${#series_all[@]} - 1; i >= 0; i--)); do
	series_diff "${series_all[i]}" |
		patch -R -p1 -s -f --no-backup-if-mismatch -d "$tree" ||
		fail "$(basename "${series_all[i]}") does not come off $src"
done

# build NAME: Image and modules of the tree as it stands.
build()
{
	local name=$1 log=$out/$1.log t0=$SECONDS

	if ! { "${kmake[@]}" olddefconfig &&
	       "${kmake[@]}" -j"$JOBS" Image modules; } >"$log" 2>&1; then
		tail -n 40 "$log"
		fail "the kernel does not build at $name (log: $log)"
	fi
	if grep -iE '(warning|error):' "$log"; then
		fail "the build at $name warns (log: $log)"
	fi
	echo "  BUILD   $name: Image and modules built, no warning ($((SECONDS - t0)) s)"
}

build 0000-released
for p in "${patches[@]}"; do
	name=$(basename "$p" .patch)
	patch -p1 -s -f --no-backup-if-mismatch -d "$tree" <"$p" ||
		fail "$name does not apply on the previous patches"
	driver=
	grep -q '^config HOTSBI_MEMHP$' "$tree/drivers/firmware/Kconfig" && driver=1
	if [ -n "$driver" ]; then
		"$tree/scripts/config" --file "$tree/.config" --module HOTSBI_MEMHP
	fi
	build "$name"
	if [ -n "$driver" ]; then
		grep -qx 'CONFIG_HOTSBI_MEMHP=m' "$tree/.config" ||
			fail "$name: CONFIG_HOTSBI_MEMHP=m does not stick (its dependencies)"
		[ -f "$tree/drivers/firmware/hotsbi-memhp.ko" ] ||
			fail "$name: no drivers/firmware/hotsbi-memhp.ko"
	fi
done
rm -rf "$tree"
echo "PASS build-series: the kernel builds after each of the ${#patches[@]} patches"
