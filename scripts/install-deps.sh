#!/usr/bin/env bash
# Installs the Debian packages HotSBI needs to build, run and test, when any is missing.
# Called by the Makefile (make deps) and by .ci/run; a no-op on a machine that has them.
set -euo pipefail

PKGS=(
	gcc-riscv64-linux-gnu
	libc6-dev-riscv64-cross
	binutils-riscv64-linux-gnu
	qemu-system-misc
	u-boot-qemu
	opensbi
	device-tree-compiler
	libfdt-dev
	linux-source-6.12
	make gcc bc flex bison libssl-dev libelf-dev cpio xz-utils kmod
	python3 expect
	clang-14 libclang-rt-14-dev llvm-14
)

missing=()
for p in "${PKGS[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}"
SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
