# SPDX-License-Identifier: GPL-2.0-only
#
# Reading linux/patches/series, sourced by linux/make-patch.sh,
# tests/linux/build-linux.sh and tests/linux/lint-series.sh.
#
# series_read: sets series_before and series_after to the paths of the
# patches listed before and after the line "bindings", and series_all to
# both, in order.
# series_diff FILE: the diff of a patch file (from its "diff --git" line).

series_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

series_read()
{
	local name seen=

	series_before=() series_after=()
	while read -r name; do
		case $name in
		''|'#'*) ;;
		bindings) seen=1 ;;
		*) if [ -n "$seen" ]; then
			series_after+=("$series_dir/$name")
		   else
			series_before+=("$series_dir/$name")
		   fi ;;
		esac
	done <"$series_dir/series"
	series_all=(${series_before[@]+"${series_before[@]}"} ${series_after[@]+"${series_after[@]}"})
}

series_diff()
{
	sed -n '/^diff --git /,$p' "$1"
}
