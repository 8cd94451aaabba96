#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Writes the hotsbi-memhp series, with its cover letter, against a Linux source
# tree (a git checkout or an extracted tarball):
#
#   SIGNOFF='Name <email>' linux/make-patch.sh /path/to/linux [OUTDIR]
#   cd /path/to/linux && git am OUTDIR/000[1-9]-*.patch
#
#   0000-cover-letter.patch   the design against virtio-mem, ACPI memory
#                             hotplug and pseries DLPAR, where the driver lives
#                             and why, how it was tested
#   0001  riscv: mm: Keep vmemmap PMD leaves that still map another range's
#         memmap
#   0002  riscv: mm: Don't lower max_pfn when memory is added below it
#   0003  libnvdimm: Let a synchronous unregister wait for the registration
#   0004  dt-bindings: vendor-prefixes: add HotSBI
#   0005  dt-bindings: firmware: add HotSBI memory hotplug windows
#         (with its MAINTAINERS entry)
#   0006  riscv: mm: Count memory that may be hot-added when sizing the
#         bounce buffer
#   0007  firmware: add HotSBI memory hotplug driver (the driver, its sysfs
#         ABI document, the Kconfig and Makefile hooks in drivers/firmware,
#         the driver's files added to the MAINTAINERS entry)
#
# The patches to existing kernel code are files in linux/patches/, each its
# subject line, an empty line, the message, a "---" line and a diff against
# the kernel tree; linux/patches/series lists them in order, with a line
# "bindings" where the vendor prefix and the binding go (the fixes come
# first, a patch that reads the binding after it). The driver is last.
# tests/linux/build-linux.sh applies the same files to the test kernel.
#
# Every patch applies on the previous ones and the tree builds after each.
# SIGNOFF defaults to git's user.name and user.email. MAINTAINER (default:
# SIGNOFF) is the maintainer the MAINTAINERS entry and the binding name in
# place of linux/'s placeholder, hotsbi-devel@example.org.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
src=${1:?usage: make-patch.sh LINUX_SOURCE_TREE [OUTDIR]}
out=${2:-.}
for f in drivers/firmware/Kconfig drivers/firmware/Makefile MAINTAINERS \
	 Documentation/devicetree/bindings/vendor-prefixes.yaml; do
	[ -f "$src/$f" ] || { echo "make-patch: no $src/$f" >&2; exit 1; }
done

signoff=${SIGNOFF:-}
if [ -z "$signoff" ] && git config user.email >/dev/null 2>&1; then
	signoff="$(git config user.name) <$(git config user.email)>"
fi
[ -n "$signoff" ] || { echo "make-patch: set SIGNOFF='Name <email>' for the Signed-off-by lines" >&2; exit 1; }
# Who maintains what the series adds: the MAINTAINERS entry and the
# binding name MAINTAINER (default: the sender, SIGNOFF) where linux/ has
# the placeholder below.
maintainer=${MAINTAINER:-$signoff}
placeholder='HotSBI developers <hotsbi-devel@example.org>'

binding=Documentation/devicetree/bindings/firmware/hotsbi,memory-hotplug.yaml
abi=Documentation/ABI/testing/sysfs-driver-hotsbi-memhp
driver=drivers/firmware/hotsbi-memhp.c
vp=Documentation/devicetree/bindings/vendor-prefixes.yaml

# The kernel patches before the bindings, and after them.
. "$here/patches/series.sh"
series_read
before=(${series_before[@]+"${series_before[@]}"})
after=(${series_after[@]+"${series_after[@]}"})
fixes=("${series_all[@]}")
for fix in "${fixes[@]}"; do
	[ -f "$fix" ] || { echo "make-patch: $fix (patches/series) not found" >&2; exit 1; }
done
# The files the patches touch (their "+++ b/" lines).
fixed_files=$(sed -n 's,^+++ b/\([^\t]*\).*,\1,p' "${fixes[@]}" | sort -u)
for f in $fixed_files; do
	[ -f "$src/$f" ] || { echo "make-patch: no $src/$f" >&2; exit 1; }
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Tree states: s0 = the kernel's files, then one state after each patch:
# fix1..fixK (before the bindings), s1 (vendor prefix), s2 (binding),
# fix(K+1).., s3 (driver).
mkdir -p "$tmp/s0/drivers/firmware" "$tmp/s0/$(dirname "$vp")"
cp "$src/drivers/firmware/Kconfig" "$src/drivers/firmware/Makefile" "$tmp/s0/drivers/firmware/"
cp "$src/MAINTAINERS" "$tmp/s0/"
cp "$src/$vp" "$tmp/s0/$vp"
for f in $fixed_files; do
	mkdir -p "$tmp/s0/$(dirname "$f")"
	cp "$src/$f" "$tmp/s0/$f"
done

# apply_fixes N FROM FILE...: states fixN.. from state FROM; sets prev.
apply_fixes()
{
	local n=$1 fix

	prev=$2
	shift 2
	for fix in "$@"; do
		cp -r "$tmp/$prev" "$tmp/fix$n"
		series_diff "$fix" | patch -p1 -s --no-backup-if-mismatch -d "$tmp/fix$n" ||
			{ echo "make-patch: $fix does not apply to $src" >&2; exit 1; }
		prev=fix$n
		n=$((n + 1))
	done
}
k=${#before[@]}
m=${#after[@]}
apply_fixes 1 s0 ${before[@]+"${before[@]}"}
before_bindings=$prev

# 1: the vendor prefix, in alphabetical order.
cp -r "$tmp/$before_bindings" "$tmp/s1"
LC_ALL=C awk '
	!done && match($0, /^  "\^[a-z0-9-]+,\.\*":$/) {
		name = substr($0, 5, RLENGTH - 9)
		if (name > "hotsbi") {
			print "  \"^hotsbi,.*\":"
			print "    description: HotSBI RISC-V firmware"
			done = 1
		}
	}
	{ print }' "$tmp/s0/$vp" >"$tmp/s1/$vp"

# 2: the binding and the MAINTAINERS entry (the binding's line only).
cp -r "$tmp/s1" "$tmp/s2"
mkdir -p "$tmp/s2/$(dirname "$binding")"
named()
{
	local line

	while IFS= read -r line; do
		printf '%s\n' "${line//"$placeholder"/$maintainer}"
	done <"$1"
}
named "$here/$binding" >"$tmp/s2/$binding"
maint()
{
	# $1: MAINTAINERS in, $2: entry file; the entry goes before the first
	# section whose name sorts after it.
	LC_ALL=C awk -v entry="$2" '
		BEGIN {
			while ((getline l < entry) > 0)
				e = e l "\n"
			name = substr(e, 1, index(e, "\n") - 1)
		}
		{ line[NR] = $0 }
		END {
			# sections: a name after an empty line, then tags; the
			# entry follows the section with the greatest name below
			# its own (the list is not perfectly sorted)
			for (i = 1; i <= NR; i++) {
				if (line[i] ~ /^Maintainers List/)
					list = 1
				if (list && line[i - 1] == "" && line[i + 1] ~ /^[A-Z]:\t/) {
					hdr[++n] = i
					if (line[i] < name && (!best || line[i] > line[hdr[best]]))
						best = n
				}
			}
			if (!best)
				exit 1
			at = best < n ? hdr[best + 1] : NR + 1
			for (i = 1; i <= NR; i++) {
				if (i == at)
					printf "%s\n", e
				print line[i]
			}
			if (at == NR + 1)
				printf "\n%s", e
		}' "$1"
}
named "$here/MAINTAINERS" >"$tmp/entry3"
grep -v -F -e "$abi" -e "$driver" "$tmp/entry3" >"$tmp/entry2"
maint "$tmp/s1/MAINTAINERS" "$tmp/entry2" >"$tmp/s2/MAINTAINERS"

# The patches that read the binding.
apply_fixes $((k + 1)) s2 ${after[@]+"${after[@]}"}
before_driver=$prev

# Last: the driver, its ABI document, Kconfig, Makefile, MAINTAINERS lines.
cp -r "$tmp/$before_driver" "$tmp/s3"
mkdir -p "$tmp/s3/$(dirname "$abi")"
cp "$here/$driver" "$tmp/s3/$driver"
cp "$here/$abi" "$tmp/s3/$abi"
maint "$tmp/s1/MAINTAINERS" "$tmp/entry3" >"$tmp/s3/MAINTAINERS"
entry=$(sed -e '/^#/d' -e '/./,$!d' "$here/drivers/firmware/Kconfig")
awk -v entry="$entry" '
	/^config INTEL_STRATIX10_SERVICE$/ && !done { printf "%s\n\n", entry; done = 1 }
	{ print }' "$tmp/$before_driver/drivers/firmware/Kconfig" >"$tmp/s3/drivers/firmware/Kconfig"
obj=$(grep '^obj-' "$here/drivers/firmware/Makefile")
awk -v obj="$obj" '
	/^obj-\$\(CONFIG_INTEL_STRATIX10_SERVICE\)/ && !done { print obj; done = 1 }
	{ print }' "$tmp/$before_driver/drivers/firmware/Makefile" >"$tmp/s3/drivers/firmware/Makefile"
grep -q '^config HOTSBI_MEMHP' "$tmp/s3/drivers/firmware/Kconfig" &&
	grep -q 'hotsbi-memhp.o' "$tmp/s3/drivers/firmware/Makefile" &&
	grep -q '"^hotsbi,' "$tmp/s1/$vp" ||
	{ echo "make-patch: a hook was not placed (kernel files changed?)" >&2; exit 1; }

# diff STATE_A STATE_B: a unified diff with a/ and b/ paths.
tdiff()
{
	(cd "$tmp" && rm -rf a b && cp -r "$1" a && cp -r "$2" b &&
		diff -ruN a b | sed -E -e 's,^--- a/[^\t]*\t1970-01-01.*,--- /dev/null,' \
			-e 's,^(---|\+\+\+) ([ab]/[^\t]*)\t.*,\1 \2,' \
			-e 's,^diff -ruN a/([^ ]*) b/.*,diff --git a/\1 b/\1,') || [ $? -eq 1 ]
}

nr=$((k + m + 3))
header()
{
	# $1 number, $2 subject; the message on stdin
	echo "From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001"
	echo "From: $signoff"
	echo "Date: $(LC_ALL=C date -R -d @"${SOURCE_DATE_EPOCH:-$(date +%s)}")"
	echo "Subject: [PATCH $1/$nr] $2"
	echo
	msg=$(cat)
	echo "$msg"
	# A message that ends in tags (Fixes:) gets the Signed-off-by below them.
	echo "$msg" | tail -n 1 | grep -qE '^[A-Za-z-]+: ' || echo
	printf 'Signed-off-by: %s\n' "$signoff"
	echo "---"
}

mkdir -p "$out"
rm -f "$out"/000[0-9]-*.patch
# write_fixes NUMBER STATE FROM FILE...: patch NUMBER.. from the states
# fixSTATE.. onwards, the first diffed against state FROM. The message is
# the file's, up to "---"; the diff is regenerated from the states so that
# every patch of the series has the same form.
write_fixes()
{
	local nr_out=$1 n=$2 from=$3 fix subject slug

	shift 3
	for fix in "$@"; do
		subject=$(head -n 1 "$fix")
		slug=$(echo "$subject" | sed -E 's/[^A-Za-z0-9]+/-/g; s/^-+//; s/-+$//' |
			cut -c1-52 | sed 's/-*$//')
		{
			sed -n '3,/^---$/p' "$fix" | sed '$d' | header "$nr_out" "$subject"
			tdiff "$from" "fix$n"
		} >"$out/$(printf '%04d' "$nr_out")-$slug.patch"
		from=fix$n
		n=$((n + 1))
		nr_out=$((nr_out + 1))
	done
}
write_fixes 1 1 s0 ${before[@]+"${before[@]}"}
{
	header $((k + 1)) "dt-bindings: vendor-prefixes: add HotSBI" <<'MSG'
Add the prefix of HotSBI, RISC-V M-mode firmware that owns hotpluggable
memory windows; its memory hotplug binding follows.
MSG
	tdiff "$before_bindings" s1
} >"$out/$(printf '%04d' $((k + 1)))-dt-bindings-vendor-prefixes-add-HotSBI.patch"
{
	header $((k + 2)) "dt-bindings: firmware: add HotSBI memory hotplug windows" <<'MSG'
HotSBI is RISC-V M-mode firmware that owns hotpluggable memory windows
and plugs and unplugs their blocks through its MEMHP SBI vendor
extension. It describes the windows to the OS in a
"hotsbi,memory-hotplug" node whose children are the windows, with their
MEMHP window index and block size. The SBI extension is the source of
truth; the node lets the OS bind a driver and must agree with it.
MSG
	tdiff s1 s2
} >"$out/$(printf '%04d' $((k + 2)))-dt-bindings-firmware-add-HotSBI-memory-hotplug.patch"
write_fixes $((k + 3)) $((k + 1)) s2 ${after[@]+"${after[@]}"}
{
	header $((k + m + 3)) "firmware: add HotSBI memory hotplug driver" <<'MSG'
HotSBI is RISC-V M-mode firmware that owns hotpluggable memory windows
(memory cards, CXL expanders, or a card emulated from RAM). A block of a
window is reachable from S/U-mode only while the firmware has it plugged:
unplugged blocks are denied by the PMP on every hart.

Add a platform driver that cross-checks the "hotsbi,memory-hotplug" node
against the SBI extension, plugs a block before
add_memory_driver_managed() and unplugs it only after
offline_and_remove_memory() succeeded, so that Linux never holds
PMP-protected memory in its direct map. Before it offlines a block it
asks the firmware (CHECK, MEMHP 1.1) whether the UNPLUG would be
accepted, so a refusal never costs a migration. User space resizes a
window through sysfs (requested_size, or plug_block and unplug_block);
each window is one dynamic memory group, so the kernel's online policy
decides per window. The window is reserved as exclusive System RAM.
At probe the driver adopts blocks the firmware already has plugged
(driver reload, kexec); in a crash kernel it adds nothing and keeps
/proc/vmcore off unplugged blocks; it refuses hibernation while blocks
are plugged, because the firmware boots with all of them unplugged.
MSG
	tdiff "$before_driver" s3
} >"$out/$(printf '%04d' $((k + m + 3)))-firmware-add-HotSBI-memory-hotplug-driver.patch"

{
	echo "From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001"
	echo "From: $signoff"
	echo "Date: $(LC_ALL=C date -R -d @"${SOURCE_DATE_EPOCH:-$(date +%s)}")"
	echo "Subject: [PATCH 0/$nr] firmware: HotSBI memory hotplug driver"
	echo
	cat "$here/cover-letter.txt"
	echo
	for p in "$out"/000[1-9]-*.patch; do
		sed -n 's/^Subject: \[PATCH [0-9]*\/[0-9]*\] /  /p' "$p"
	done
	echo
	(cd "$tmp" && rm -rf a b && cp -r s0 a && cp -r s3 b &&
		diff -ruN a b | sed -n 's,^+++ b/\([^\t]*\).*,\1,p' | sort |
		sed 's/^/ /') || [ $? -eq 1 ]
} >"$out/0000-cover-letter.patch"
echo "make-patch: wrote $(ls "$out"/000[0-9]-*.patch | wc -l) files to $out" >&2
