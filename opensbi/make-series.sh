#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
#
# Writes the MEMHP series for upstream OpenSBI v1.9 as git format-patch
# files, from this project's lib/memhp and include/memhp (copied as they
# are, so the two firmwares never diverge) and the OpenSBI port under
# opensbi/:
#
#   SIGNOFF='Name <email>' opensbi/make-series.sh /path/to/opensbi-1.9 OUTDIR
#   cd /path/to/opensbi && git am OUTDIR/000[1-9]-*.patch
#
# OUTDIR/0000-cover-letter.patch is for the mailing list, not for git am.
#
#   0001  lib: sbi_hart_pmp: Add sbi_hart_pmp_write() for raw PMP entries
#   0002  lib: sbi_hart_protection: Let a mechanism restrict S-mode
#         address checks
#   0003  lib: utils: Add the memory-hotplug manager library (MEMHP)
#   0004  lib: utils: memhp: Add the OpenSBI port and hook it into the
#         generic platform
#   0005  lib: utils: memhp: Log S-mode access faults on unplugged blocks
#
# OPENSBI_SRC is an extracted v1.9 tree (not modified). Each patch is
# opensbi/patches/NN-*.msg (its commit message) and NN-*.diff (its change
# to OpenSBI's own files); 0003, 0004 and 0005 also add files. SIGNOFF defaults
# to git's user.name and user.email.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
src=${1:?usage: make-series.sh OPENSBI_SRC OUTDIR}
out=${2:?usage: make-series.sh OPENSBI_SRC OUTDIR}
out=$(realpath -m "$out")
src=$(realpath "$src")
[ -f "$src/lib/sbi/sbi_hart_pmp.c" ] ||
	{ echo "make-series: $src is not an OpenSBI tree" >&2; exit 1; }

signoff=${SIGNOFF:-}
if [ -z "$signoff" ] && git config user.email >/dev/null 2>&1; then
	signoff="$(git config user.name) <$(git config user.email)>"
fi
[ -n "$signoff" ] || { echo "make-series: set SIGNOFF='Name <email>' for the Signed-off-by lines" >&2; exit 1; }
name=${signoff% <*}
email=${signoff##*<}
email=${email%>}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tree=$tmp/opensbi
cp -a "$src" "$tree"
cd "$tree"
export GIT_AUTHOR_NAME=$name GIT_AUTHOR_EMAIL=$email
export GIT_COMMITTER_NAME=$name GIT_COMMITTER_EMAIL=$email
export GIT_AUTHOR_DATE='2026-07-01T00:00:00Z' GIT_COMMITTER_DATE='2026-07-01T00:00:00Z'
git init -q
git add -A
git commit -q --no-verify -m 'OpenSBI v1.9'
git tag v1.9

apply_diff()
{
	local n=$1 diff

	diff=$(ls "$here"/patches/"$n"-*.diff)
	git apply --whitespace=error "$diff"
}

commit()
{
	local n=$1 msg

	msg=$(ls "$here"/patches/"$n"-*.msg)
	git add -A
	git commit -q --no-verify -s -F "$msg"
}

apply_diff 01 && commit 01
apply_diff 02 && commit 02

# 03: the library, as the project builds it.
mkdir -p lib/utils/memhp include/memhp
cp "$top"/lib/memhp/*.c lib/utils/memhp/
cp "$top"/include/memhp/*.h include/memhp/
cp "$here"/port/lib/utils/memhp/Kconfig lib/utils/memhp/
grep -v fdt_memhp "$here"/port/lib/utils/memhp/objects.mk >lib/utils/memhp/objects.mk
apply_diff 03 && commit 03

# 04: the port.
cp "$here"/port/lib/utils/memhp/fdt_memhp.c "$here"/port/lib/utils/memhp/fdt_memhp_tree.c \
	lib/utils/memhp/
grep -v fdt_memhp_fault "$here"/port/lib/utils/memhp/objects.mk >lib/utils/memhp/objects.mk
mkdir -p include/sbi_utils/memhp
cp "$here"/port/include/sbi_utils/memhp/fdt_memhp.h \
	"$here"/port/include/sbi_utils/memhp/fdt_memhp_tree.h include/sbi_utils/memhp/
apply_diff 04 && commit 04

# 05: fault logging, as the generic platform's emulate_load/emulate_store.
cp "$here"/port/lib/utils/memhp/fdt_memhp_fault.c "$here"/port/lib/utils/memhp/objects.mk \
	lib/utils/memhp/
cp "$here"/port/include/sbi_utils/memhp/fdt_memhp_fault.h include/sbi_utils/memhp/
apply_diff 05 && commit 05

mkdir -p "$out"
rm -f "$out"/[0-9][0-9][0-9][0-9]-*.patch
git format-patch -q --cover-letter -o "$out" v1.9

# The cover letter: patches/00-cover-letter.txt is its subject, a blank
# line and its text.
cover=$out/0000-cover-letter.patch
letter=$here/patches/00-cover-letter.txt
awk -v subject="$(head -n 1 "$letter")" -v letter="$letter" '
	/\*\*\* SUBJECT HERE \*\*\*/ { sub(/\*\*\* SUBJECT HERE \*\*\*/, subject) }
	/^\*\*\* BLURB HERE \*\*\*$/ {
		while ((getline line < letter) > 0)
			if (++n > 2)
				print line
		next
	}
	{ print }' "$cover" >"$cover.new"
mv "$cover.new" "$cover"
ls "$out"/[0-9][0-9][0-9][0-9]-*.patch
