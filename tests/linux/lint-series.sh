#!/usr/bin/env bash
# Checks the patch series linux/make-patch.sh writes, as a maintainer would
# receive it: against the kernel tarball's tree, every patch must pass
# scripts/checkpatch.pl --strict with nothing to report, seeing the previous
# patches applied, and must apply (patch -p1) on them; every file the series
# adds must have the MAINTAINERS entry's maintainer (get_maintainer.pl); the
# binding in the patched tree must pass dt-doc-validate with nothing to report.
#
# usage: lint-series.sh LINUX_SRC OUTDIR
#   OUTDIR/series  the series (cover letter and patches)
#   OUTDIR/tree    a light copy of the kernel tree the series is applied to:
#                  the files it touches, the device-tree bindings and what
#                  checkpatch reads (its --root)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
src=$1 out=$2
out=$(mkdir -p "$out" && cd "$out" && pwd)
series=$out/series tree=$out/tree base=$out/base
. "$here/../../linux/patches/series.sh"
series_read
fixes=("${series_all[@]}")
fixed_files=$(sed -n 's,^+++ b/\([^\t]*\).*,\1,p' "${fixes[@]}" | sort -u)
rm -rf "$series" "$tree" "$base"
mkdir -p "$series" "$tree/scripts" "$tree/drivers/firmware" "$tree/Documentation/devicetree"

# The series is written against the kernel as released. The test kernel's
# tree (build-linux.sh) already carries the fixes of linux/patches: the
# files they change are taken back to their released state in $base.
mkdir -p "$base"
for f in $fixed_files; do
	mkdir -p "$base/$(dirname "$f")"
	cp "$src/$f" "$base/$f"
done
for ((i = ${#fixes[@]} - 1; i >= 0; i--)); do
	series_diff "${fixes[i]}" >"$base/fix.diff"
	if patch -R -p1 -s -f --dry-run -d "$base" <"$base/fix.diff" >/dev/null; then
		patch -R -p1 -s -f -d "$base" <"$base/fix.diff"
	elif ! patch -p1 -s -f --dry-run -d "$base" <"$base/fix.diff" >/dev/null; then
		echo "FAIL lint-series: $(basename "${fixes[i]}") neither applies to nor is applied in $src"
		exit 1
	fi
	rm "$base/fix.diff"
done
for f in drivers/firmware/Kconfig drivers/firmware/Makefile MAINTAINERS \
	 Documentation/devicetree/bindings/vendor-prefixes.yaml; do
	mkdir -p "$base/$(dirname "$f")"
	cp "$src/$f" "$base/$f"
done
# The series needs a Signed-off-by. A machine without a git identity (a
# fresh one) gets a stand-in that only this check ever sees.
if [ -z "${SIGNOFF:-}" ] && ! git config user.email >/dev/null 2>&1; then
	export SIGNOFF='HotSBI lint <lint@hotsbi.invalid>'
fi
SOURCE_DATE_EPOCH=0 bash "$here/../../linux/make-patch.sh" "$base" "$series"
[ -f "$series/0000-cover-letter.patch" ] || { echo "FAIL lint-series: no cover letter"; exit 1; }

for f in COPYING CREDITS Kbuild MAINTAINERS Makefile README; do cp "$src/$f" "$tree/"; done
for d in arch include fs init ipc kernel lib; do mkdir -p "$tree/$d"; done
cp "$src/scripts/checkpatch.pl" "$src/scripts/spelling.txt" \
   "$src/scripts/const_structs.checkpatch" "$src/scripts/get_maintainer.pl" "$tree/scripts/"
cp "$src/drivers/firmware/Kconfig" "$src/drivers/firmware/Makefile" "$tree/drivers/firmware/"
cp -r "$src/Documentation/devicetree/bindings" "$tree/Documentation/devicetree/"
# The kernel files the fixes change, as released.
for f in $fixed_files; do
	mkdir -p "$tree/$(dirname "$f")"
	cp "$base/$f" "$tree/$f"
done

n=0
for p in "$series"/000[1-9]-*.patch; do
	n=$((n + 1))
	# Run in the tree, which has no .git. A tarball has no history, so
	# checkpatch cannot look up a Fixes: commit id and would report every
	# one unknown: that check is off, and the tag's form is checked below.
	if ! report=$(cd "$tree" && perl scripts/checkpatch.pl --strict --quiet --root=. \
			--ignore UNKNOWN_COMMIT_ID "$p" 2>&1) ||
	   [ -n "$report" ]; then
		echo "FAIL lint-series: checkpatch --strict on $(basename "$p"):"
		echo "$report"
		exit 1
	fi
	if grep -n '^Fixes:' "$p" | grep -vE '^[0-9]+:Fixes: [0-9a-f]{12} \("[^"]+"\)$'; then
		echo "FAIL lint-series: $(basename "$p"): a Fixes: tag is not 'Fixes: <12 hex> (\"subject\")'"
		exit 1
	fi
	if ! patch -p1 -s -d "$tree" <"$p"; then
		echo "FAIL lint-series: $(basename "$p") does not apply on the previous patches"
		exit 1
	fi
	echo "  CHECKPATCH $(basename "$p"): clean, applies"
done
want=$((${#fixes[@]} + 3))
[ $n -eq "$want" ] || { echo "FAIL lint-series: $n patches, want $want"; exit 1; }

# Every file the series adds has the entry's maintainer (checkpatch only
# asks whether MAINTAINERS changed at all).
# The maintainer is the one make-patch.sh wrote in place of linux/'s
# placeholder, which must be gone from the series.
if grep -l 'hotsbi-devel@example\.org' "$series"/*.patch; then
	echo "FAIL lint-series: the placeholder maintainer address is still in the series"
	exit 1
fi
maint=$(sed -n 's/^+M:\t//p' "$series"/000[1-9]-*.patch | sort -u)
[ "$(wc -l <<<"$maint")" -eq 1 ] && [ -n "$maint" ] ||
	{ echo "FAIL lint-series: the series names no single maintainer (M: lines: $maint)"; exit 1; }
for f in $(awk '/^--- \/dev\/null$/ { getline; sub(/^\+\+\+ b\//, ""); print }' \
	   "$series"/000[1-9]-*.patch | sort -u); do
	if ! (cd "$tree" && perl scripts/get_maintainer.pl --nogit --nogit-fallback --nol \
		-f "$f" 2>/dev/null) | grep -qF "$maint"; then
		echo "FAIL lint-series: $f has no MAINTAINERS entry naming $maint"
		exit 1
	fi
done
echo "  MAINTAINERS: every added file is maintained by $maint"

b=firmware/hotsbi,memory-hotplug.yaml
report=$(cd "$tree/Documentation/devicetree/bindings" &&
	dt-doc-validate -u . "$b" vendor-prefixes.yaml 2>&1) || true
if [ -n "$report" ]; then
	echo "FAIL lint-series: dt-doc-validate $b:"
	echo "$report"
	exit 1
fi
echo "  DT-DOC  $b and vendor-prefixes.yaml: clean"
echo "PASS lint-series: cover letter and $n patches, checkpatch --strict clean, applied in order"
