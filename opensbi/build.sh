#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
#
# make opensbi: upstream OpenSBI v1.9 with the MEMHP series applied, built
# for the generic platform with FDT_MEMHP=y into OUT/opensbi and with the
# upstream defconfig (FDT_MEMHP off) into OUT/opensbi-off; and v1.9 as
# released into OUT/opensbi-vanilla.
#
#   opensbi/build.sh TARBALL OUT
#
# The tarball is checked against its sha256 and extracted into
# OUT/opensbi-1.9; the series is written to OUT/opensbi-series by
# make-series.sh and applied with git am to a git tree of v1.9 in
# OUT/opensbi-tree. Exits 3, after one line saying what to pass, when
# the tarball is missing.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
tarball=${1:?usage: build.sh TARBALL OUT}
out=${2:?usage: build.sh TARBALL OUT}
out=$(realpath -m "$out")
sha256=3d36dcc81db0e3e56342aa7b9d5857eaa7e576be1a878892a841806c0c0f1540
cross=${CROSS_COMPILE:-riscv64-linux-gnu-}
jobs=${OPENSBI_JOBS:-$(nproc)}

if [ ! -r "$tarball" ]; then
	echo "opensbi: no OpenSBI 1.9 tarball at $tarball: pass OPENSBI_TARBALL=/path/to/opensbi-1.9.tar.xz (git archive of tag v1.9, sha256 $sha256)"
	exit 3
fi

src=$out/opensbi-1.9
if [ ! -e "$src/.extracted" ]; then
	got=$(sha256sum "$tarball" | cut -d' ' -f1)
	if [ "$got" != "$sha256" ]; then
		echo "opensbi: $tarball has sha256 $got, want $sha256" >&2
		exit 1
	fi
	echo "  EXTRACT $tarball"
	rm -rf "$src"
	mkdir -p "$out"
	tar -xJf "$tarball" -C "$out"
	touch "$src/.extracted"
fi

# A machine without a git identity signs off with a stand-in.
if [ -z "${SIGNOFF:-}" ] && ! git config user.email >/dev/null 2>&1; then
	export SIGNOFF='HotSBI build <build@hotsbi.invalid>'
fi
series=$out/opensbi-series
echo "  SERIES  $series"
bash "$here/make-series.sh" "$src" "$series.new" >/dev/null
sum=$(cat "$series.new"/*.patch | sha256sum | cut -d' ' -f1)

tree=$out/opensbi-tree
if [ "$(cat "$tree/.series" 2>/dev/null)" != "$sum" ]; then
	rm -rf "$series" "$tree" "$out/opensbi" "$out/opensbi-off" "$out/opensbi-vanilla"
	mv "$series.new" "$series"
	echo "  GIT AM  $tree"
	cp -a "$src" "$tree"
	rm -f "$tree/.extracted"
	(
		cd "$tree"
		export GIT_AUTHOR_NAME=build GIT_AUTHOR_EMAIL=build@hotsbi.invalid
		export GIT_COMMITTER_NAME=build GIT_COMMITTER_EMAIL=build@hotsbi.invalid
		git init -q
		git add -A
		git commit -q --no-verify -m 'OpenSBI v1.9'
		git tag v1.9
		git am -q "$series"/000[1-9]-*.patch
	)
	{ cat "$tree/platform/generic/configs/defconfig"
	  echo "CONFIG_FDT_MEMHP=y"; } >"$tree/platform/generic/configs/memhp_defconfig"
	echo "$sum" >"$tree/.series"
else
	rm -rf "$series.new"
fi

# on: the series with FDT_MEMHP=y; off: the series with the upstream
# defconfig; vanilla: v1.9 as released, to compare off against.
for v in on off vanilla; do
	dir=$tree defconfig=defconfig
	case $v in
	on) o=$out/opensbi defconfig=memhp_defconfig ;;
	off) o=$out/opensbi-off ;;
	vanilla) o=$out/opensbi-vanilla dir=$src ;;
	esac
	echo "  OPENSBI $o (FDT_MEMHP $v)"
	if ! make -C "$dir" -j"$jobs" PLATFORM=generic CROSS_COMPILE="$cross" \
		O="$o" PLATFORM_DEFCONFIG=$defconfig >"$o.log" 2>&1; then
		tail -n 30 "$o.log"
		echo "opensbi: the build with FDT_MEMHP $v failed (log $o.log)" >&2
		exit 1
	fi
	grep -q "^CONFIG_FDT_MEMHP=y" "$o/platform/generic/kconfig/.config" && on=y || on=n
	if { [ $v = on ] && [ $on != y ]; } || { [ $v != on ] && [ $on = y ]; }; then
		echo "opensbi: $o/platform/generic/kconfig/.config has FDT_MEMHP=$on" >&2
		exit 1
	fi
	echo "  fw_dynamic.bin (FDT_MEMHP $v): $(stat -c %s "$o/platform/generic/firmware/fw_dynamic.bin") bytes"
done
