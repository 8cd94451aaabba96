#!/usr/bin/env bash
# Writes a newc initramfs with gen_init_cpio (no root needed): /dev/console,
# /proc, /sys, /tmp, /init and more files.
#
# usage: mkinitramfs.sh GEN_INIT_CPIO OUT INIT [HOSTPATH=/target/path[:MODE]]...
#   parent directories of every target are created (0755); MODE defaults
#   to 0755
set -euo pipefail

gen=$1 out=$2 init=$3
shift 3
{
	echo "dir /dev 0755 0 0"
	echo "nod /dev/console 0600 0 0 c 5 1"
	echo "dir /proc 0755 0 0"
	echo "dir /sys 0755 0 0"
	echo "dir /tmp 1777 0 0"
	echo "file /init $init 0755 0 0"
	seen=" /dev /proc /sys /tmp "
	for f in "$@"; do
		t=${f#*=}
		mode=0755
		case $t in *:*) mode=${t##*:}; t=${t%:*} ;; esac
		d=
		for c in $(dirname "$t" | tr / ' '); do
			d=$d/$c
			case "$seen" in
			*" $d "*) ;;
			*) echo "dir $d 0755 0 0"; seen="$seen$d " ;;
			esac
		done
		echo "file $t ${f%%=*} $mode 0 0"
	done
} >"$out.list"
"$gen" -t 0 "$out.list" >"$out.tmp"
mv "$out.tmp" "$out"
