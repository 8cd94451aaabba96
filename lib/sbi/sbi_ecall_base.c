// SPDX-License-Identifier: BSD-2-Clause
/*
 * BASE extension: versions, implementation identity, extension probing.
 */
#include <sbi/sbi_ecall.h>
#include <sbi/sbi_ecall_interface.h>
#include <sbi/sbi_error.h>
#include <sbi/riscv_asm.h>

struct sbiret sbi_ecall_base(unsigned long fid, unsigned long a0)
{
	switch (fid) {
	case SBI_EXT_BASE_GET_SPEC_VERSION:
		return (struct sbiret){ 0, SBI_SPEC_VERSION };
	case SBI_EXT_BASE_GET_IMPL_ID:
		return (struct sbiret){ 0, SBI_IMPL_ID_HOTSBI };
	case SBI_EXT_BASE_GET_IMPL_VERSION:
		return (struct sbiret){ 0, SBI_IMPL_VERSION };
	case SBI_EXT_BASE_PROBE_EXT:
		return (struct sbiret){ 0, sbi_ecall_probe(a0) };
	case SBI_EXT_BASE_GET_MVENDORID:
		return (struct sbiret){ 0, csr_read(CSR_MVENDORID) };
	case SBI_EXT_BASE_GET_MARCHID:
		return (struct sbiret){ 0, csr_read(CSR_MARCHID) };
	case SBI_EXT_BASE_GET_MIMPID:
		return (struct sbiret){ 0, csr_read(CSR_MIMPID) };
	default:
		return (struct sbiret){ SBI_ERR_NOT_SUPPORTED, 0 };
	}
}

/* BASE as the extension table calls it (sbi_ecall_handler() does not). */
struct sbiret sbi_ecall_base_args(unsigned long fid, unsigned long *args)
{
	return sbi_ecall_base(fid, args[0]);
}
