#!/usr/bin/env bash
# Installs the Debian packages HotSBI needs to build, run and test, when any is missing.
#
#   install-deps.sh            install what is missing (a no-op when nothing is)
#   install-deps.sh --missing  print the missing packages, install nothing
#
# The Makefile asks --missing before it reads anything that probes a tool, and
# runs the installer first when the list is not empty, so the first `make run`
# or `make test` on a fresh Debian 12 machine works. A package manager that is
# busy (an unattended upgrade, say) is waited for, up to HOTSBI_APT_WAIT seconds
# (default 900), with one line saying so.
set -euo pipefail

PKGS=(
	gcc-riscv64-linux-gnu
	libc6-dev-riscv64-cross
	binutils-riscv64-linux-gnu
	qemu-system-misc
	u-boot-qemu
	opensbi
	device-tree-compiler dt-schema
	libfdt-dev
	linux-source-6.12
	make gcc bc flex bison libssl-dev libelf-dev cpio xz-utils kmod
	python3 expect
	clang-14 libclang-rt-14-dev llvm-14
)

DPKG_LOCKS=(/var/lib/dpkg/lock-frontend /var/lib/dpkg/lock
	    /var/lib/apt/lists/lock /var/cache/apt/archives/lock)

# The packages of PKGS that dpkg does not list as installed, one query for all.
missing_pkgs() {
	local -A installed=()
	local p
	while read -r p; do
		installed[$p]=1
	done < <(dpkg-query -W -f='${Package} ${Status}\n' "${PKGS[@]}" 2>/dev/null |
		 awk '$NF == "installed" { print $1 }' || true)
	for p in "${PKGS[@]}"; do
		[ -n "${installed[$p]:-}" ] || echo "$p"
	done
}

# True when another process holds one of dpkg's or apt's locks. The locks are
# fcntl locks, listed in /proc/locks by device and inode.
pkg_manager_busy() {
	local f dev ino major minor
	[ -r /proc/locks ] || return 1
	for f in "${DPKG_LOCKS[@]}"; do
		[ -e "$f" ] || continue
		read -r dev ino < <(stat -L -c '%d %i' "$f")
		major=$(printf '%02x' $((dev >> 8)))
		minor=$(printf '%02x' $((dev & 0xff)))
		grep -q " $major:$minor:$ino " /proc/locks && return 0
	done
	return 1
}

wait_for_package_manager() {
	local limit=${HOTSBI_APT_WAIT:-900} waited=0
	pkg_manager_busy || return 0
	echo "install-deps: the package manager is busy (another apt or dpkg run); waiting up to ${limit}s"
	while pkg_manager_busy; do
		if [ "$waited" -ge "$limit" ]; then
			echo "install-deps: the package manager is still busy after ${limit}s; run the command again when it is done" >&2
			exit 1
		fi
		sleep 5
		waited=$((waited + 5))
	done
}

mapfile -t missing < <(missing_pkgs)

if [ "${1:-}" = --missing ]; then
	[ ${#missing[@]} -eq 0 ] || echo "${missing[*]}"
	exit 0
fi
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}"
SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
wait_for_package_manager
# apt waits for a lock taken between our check and its start, within the same bound.
apt_wait=(-o "DPkg::Lock::Timeout=${HOTSBI_APT_WAIT:-900}")
$SUDO apt-get "${apt_wait[@]}" update -qq
$SUDO apt-get "${apt_wait[@]}" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
