// SPDX-License-Identifier: BSD-2-Clause
/*
 * BASE extension: versions, implementation identity, extension probing.
 */
#include <sbi/sbi_ecall.h>
#include <sbi/sbi_ecall_interface.h>
#include <sbi/sbi_error.h>
#include <sbi/riscv_asm.h>
#include <sbi/sbi_memhp.h>

/* A switch, not a table walk: probing is on the boot path of every OS. */
static inline long ecall_probe(unsigned long eid)
{
	switch (eid) {
	case SBI_EXT_BASE:
	case SBI_EXT_TIME:
	case SBI_EXT_IPI:
	case SBI_EXT_RFENCE:
	case SBI_EXT_HSM:
	case SBI_EXT_SRST:
	case SBI_EXT_DBCN:
		return 1;
	default:
		return sbi_memhp_eid_value && eid == sbi_memhp_eid_value;
	}
}

long sbi_ecall_probe(unsigned long eid)
{
	return ecall_probe(eid);
}

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
		return (struct sbiret){ 0, ecall_probe(a0) };
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
