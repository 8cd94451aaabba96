#!/usr/bin/env bash
# Builds the small RISC-V Linux kernel used by the HotSBI Linux tests.
#
# usage: build-linux.sh [extract|image]      (default: image)
#   extract  only unpack the kernel tarball into $O/linux/src and apply the
#            kernel patches of the driver's series (linux/patches/series;
#            done once, redone when the tarball or a patch changes)
#   image    configure from allnoconfig + tests/linux/hotsbi.config, check that every
#            option of the fragment stuck, build Image and modules (which writes the
#            Module.symvers that out-of-tree modules link against), and copy the
#            result to $O/linux/Image
#
# The build is cached: it is redone only when the fragment, this script, the tarball
# or the cross compiler changed (a hash kept in $O/linux/.image-stamp).  The tree is
# kept so that modules can be built against it: make -C $O/linux/src M=...
#
# Environment: O (absolute build dir), LINUX_TARBALL, LINUX_CROSS_COMPILE or
# CROSS_COMPILE, JOBS (default: nproc).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
O=${O:-$(cd "$here/../.." && pwd)/build}
LINUX_TARBALL=${LINUX_TARBALL:-/usr/src/linux-source-6.12.tar.xz}
XC=${LINUX_CROSS_COMPILE:-${CROSS_COMPILE:-riscv64-linux-gnu-}}
JOBS=${JOBS:-$(nproc)}

frag=$here/hotsbi.config
top=$O/linux
src=$top/src
log=$top/build.log
image=$top/Image
stamp=$top/.image-stamp
kmake=(make -C "$src" ARCH=riscv CROSS_COMPILE="$XC")

die()
{
	echo "build-linux: $*" >&2
	exit 1
}

mkdir -p "$top"
# One build at a time per build directory.
exec 9>"$top/.lock"
flock 9

# The kernel patches of the driver's series, in the series' order.
. "$here/../../linux/patches/series.sh"
series_read
fixes=("${series_all[@]}")

# The tarball and the fixes applied to it.
tarball_id()
{
	stat -c '%n %s %Y' "$LINUX_TARBALL"
	cat "${fixes[@]}" | sha256sum
}

extract()
{
	local id

	[ -f "$LINUX_TARBALL" ] || die "kernel tarball $LINUX_TARBALL not found (make deps)"
	id=$(tarball_id)
	if [ -f "$src/.hotsbi-extracted" ] && [ "$(cat "$src/.hotsbi-extracted")" = "$id" ]; then
		return 0
	fi
	echo "  EXTRACT $LINUX_TARBALL -> $src"
	rm -rf "$src" "$src.tmp"
	mkdir -p "$src.tmp"
	# Directories named *.d (selftests) would be picked up by the top Makefile's
	# "find $(O) -name '*.d'" include; the kernel build does not need them.
	tar -xJf "$LINUX_TARBALL" -C "$src.tmp" --strip-components=1 --exclude='*.d'
	for f in "${fixes[@]}"; do
		echo "  PATCH   $(head -n 1 "$f")"
		series_diff "$f" | patch -p1 -s --no-backup-if-mismatch -d "$src.tmp" ||
			die "$f does not apply to $LINUX_TARBALL"
	done
	echo "$id" >"$src.tmp/.hotsbi-extracted"
	mv "$src.tmp" "$src"
	rm -f "$stamp"
}

# Every line of the fragment must be reflected in the final .config:
# "CONFIG_X=v" literally, "# CONFIG_X is not set" as not =y/=m.
check_config()
{
	local cfg=$src/.config bad=0 line sym

	while IFS= read -r line; do
		case "$line" in
		CONFIG_*=*)
			if ! grep -qxF -- "$line" "$cfg"; then
				echo "build-linux: requested '$line', .config has:" \
				     "'$(grep -E "^(# )?${line%%=*}[= ]" "$cfg" || echo absent)'" >&2
				bad=1
			fi
			;;
		"# CONFIG_"*" is not set")
			sym=${line#\# }
			sym=${sym%% *}
			if grep -qE "^$sym=" "$cfg"; then
				echo "build-linux: requested '$line', .config has" \
				     "'$(grep -E "^$sym=" "$cfg")'" >&2
				bad=1
			fi
			;;
		esac
	done <"$frag"
	[ $bad -eq 0 ] || die "kernel config does not match $frag (see above)"
	echo "  CONFIG  all $(grep -cE '^(CONFIG_|# CONFIG_.* is not set)' "$frag") options of hotsbi.config verified"
}

image()
{
	local want t0 t1

	command -v "${XC}gcc" >/dev/null || die "${XC}gcc not found (make deps)"
	extract
	want=$( (cat "$frag" "$0"; tarball_id; echo "$XC"; "${XC}gcc" --version | head -1) |
		sha256sum | cut -d' ' -f1)
	if [ -f "$image" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
		echo "  LINUX   $image is up to date"
		return 0
	fi
	rm -f "$stamp"

	t0=$(date +%s)
	echo "  LINUX   configure (allnoconfig + $(basename "$frag"))"
	{
		"${kmake[@]}" allnoconfig
		(cd "$src" && scripts/kconfig/merge_config.sh -m -Q -O "$src" \
			"$src/.config" "$frag")
		"${kmake[@]}" olddefconfig
	} >"$log" 2>&1 || { tail -n 40 "$log"; die "configuration failed, log: $log"; }
	check_config

	echo "  LINUX   build Image and modules with -j$JOBS (log: $log)"
	if ! "${kmake[@]}" -j"$JOBS" Image modules_prepare modules >>"$log" 2>&1; then
		tail -n 60 "$log"
		die "kernel build failed, log: $log"
	fi
	# Kconfig could still have changed something while building (e.g. toolchain
	# dependent symbols): check again on the final .config.
	check_config
	[ -f "$src/Module.symvers" ] || die "no Module.symvers after the build"
	cp "$src/arch/riscv/boot/Image" "$image.tmp"
	mv "$image.tmp" "$image"
	echo "$want" >"$stamp"
	t1=$(date +%s)
	echo "  LINUX   $image: $(stat -c %s "$image") bytes, built in $((t1 - t0)) s"
}

case "${1:-image}" in
extract) extract ;;
image) image ;;
*) die "unknown command '$1' (extract|image)" ;;
esac
