#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Writes the hotsbi-memhp driver as one patch against a Linux source tree:
#
#   SIGNOFF='Name <email>' linux/make-patch.sh /path/to/linux [OUTDIR]
#   cd /path/to/linux && git am OUTDIR/000*.patch     (or patch -p1 < each)
#
# Patch 1 adds the device-tree binding; patch 2 adds the driver and its sysfs
# ABI document and hooks the driver into drivers/memory/Kconfig (before the
# final "endif") and drivers/memory/Makefile, from the fragments in
# linux/drivers/memory. SIGNOFF defaults to git's user.name and user.email.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
src=${1:?usage: make-patch.sh LINUX_SOURCE_TREE [OUTDIR]}
[ -f "$src/drivers/memory/Kconfig" ] || { echo "make-patch: no $src/drivers/memory/Kconfig" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/a/drivers/memory" "$tmp/b/drivers/memory"
cp "$src/drivers/memory/Kconfig" "$src/drivers/memory/Makefile" "$tmp/a/drivers/memory/"

# Kconfig: the entry (without the fragment's header comments) before the last endif.
entry=$(sed -e '/^#/d' -e '/./,$!d' "$here/drivers/memory/Kconfig")
awk -v entry="$entry" '
	{ line[NR] = $0 }
	/^endif/ { last = NR }
	END {
		for (i = 1; i <= NR; i++) {
			if (i == last)
				printf "%s\n\n", entry
			print line[i]
		}
	}' "$tmp/a/drivers/memory/Kconfig" >"$tmp/b/drivers/memory/Kconfig"
# Makefile: after the last single-object driver line.
obj=$(grep '^obj-' "$here/drivers/memory/Makefile")
awk -v obj="$obj" '
	{ line[NR] = $0 }
	/^obj-\$\(CONFIG_[A-Z0-9_]+\)[ \t]+\+= [a-z0-9_-]+\.o$/ { last = NR }
	END {
		for (i = 1; i <= NR; i++) {
			print line[i]
			if (i == last)
				print obj
		}
	}' "$tmp/a/drivers/memory/Makefile" >"$tmp/b/drivers/memory/Makefile"

copy()
{
	mkdir -p "$2/$(dirname "$1")"
	cp "$here/$1" "$2/$1"
}

signoff=${SIGNOFF:-}
if [ -z "$signoff" ] && git config user.email >/dev/null 2>&1; then
	signoff="$(git config user.name) <$(git config user.email)>"
fi
[ -n "$signoff" ] || echo "make-patch: set SIGNOFF='Name <email>' for the Signed-off-by lines" >&2

# Patch 1: the binding alone (DT maintainers want it separate).
mkdir -p "$tmp/b1"
copy "Documentation/devicetree/bindings/firmware/hotsbi,memory-hotplug.yaml" "$tmp/b1"
# Patch 2: the driver, its Kconfig/Makefile hooks and its sysfs ABI.
copy drivers/memory/hotsbi-memhp.c "$tmp/b"
copy Documentation/ABI/testing/sysfs-driver-hotsbi-memhp "$tmp/b"
mkdir -p "$tmp/e"

header()
{
	echo "From: ${signoff:-HotSBI developers}"
	echo "Subject: [PATCH $1/2] $2"
	echo
	cat
	[ -z "$signoff" ] || printf '\nSigned-off-by: %s\n' "$signoff"
	echo "---"
}

out=${2:-.}
mkdir -p "$out"
{
	header 1 "dt-bindings: firmware: add HotSBI memory hotplug windows" <<'MSG'
HotSBI is RISC-V M-mode firmware that owns hotpluggable memory windows.
It describes them to the OS in a "hotsbi,memory-hotplug" node whose
children are the windows, with their MEMHP SBI window index and block
size.
MSG
	(cd "$tmp" && diff -ruN --label /dev/null --label "b/Documentation/devicetree/bindings/firmware/hotsbi,memory-hotplug.yaml" \
		/dev/null "b1/Documentation/devicetree/bindings/firmware/hotsbi,memory-hotplug.yaml") || [ $? -eq 1 ]
} >"$out/0001-dt-bindings-firmware-add-HotSBI-memory-hotplug.patch"
{
	header 2 "memory: add HotSBI memory hotplug driver" <<'MSG'
HotSBI is RISC-V M-mode firmware that owns hotpluggable memory windows
(memory cards, CXL expanders, or a card emulated from RAM). A block of a
window is reachable from S/U-mode only while the firmware has it plugged:
unplugged blocks are denied by the PMP on every hart. The firmware
describes the windows in a "hotsbi,memory-hotplug" device-tree node and
plugs and unplugs blocks through its MEMHP SBI vendor extension.

Add a platform driver that cross-checks the node against the SBI
extension, plugs a block before add_memory_driver_managed() and unplugs
it only after offline_and_remove_memory() succeeded, so Linux never
holds PMP-protected memory in its direct map. User space resizes a
window through sysfs (requested_size, plug_block, unplug_block) and
onlines the new memory blocks through the memory block devices. At probe
the driver adopts blocks the firmware already has plugged (driver reload,
kexec); on removal it removes and unplugs everything it added.
MSG
	(cd "$tmp" && diff -ruN a b | sed -E -e 's,^--- a/[^\t]*\t1970-01-01.*,--- /dev/null,' \
		-e 's,^(---|\+\+\+) ([ab]/[^\t]*)\t.*,\1 \2,') || [ $? -eq 1 ]
} >"$out/0002-memory-add-HotSBI-memory-hotplug-driver.patch"
echo "make-patch: wrote $out/0001-*.patch and $out/0002-*.patch" >&2
