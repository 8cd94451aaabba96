// SPDX-License-Identifier: BSD-2-Clause
/*
 * Access to CSRs chosen at run time (PMP entries), and probing of CSRs a
 * hart may not implement, without taking the firmware down.
 */
#include <sbi/riscv_asm.h>

/* lib/sbi/sbi_csr_pmp.S: 8-byte stubs for CSRs 0x3a0 to 0x3ef. */
#define CSR_PMP_STUB_FIRST	CSR_PMPCFG0
#define CSR_PMP_STUBS		(CSR_PMPADDR0 + 64 - CSR_PMPCFG0)
#define CSR_PMP_STUB_BYTES	8

void csr_pmp_read_stubs(void);
void csr_pmp_write_stubs(void);

/* The other CSRs read or probed by number. */
#define CSR_CASE_READ(n) \
	case n:          \
		return csr_read(n);
#define CSR_CASE_WRITE(n)       \
	case n:                 \
		csr_write(n, val); \
		break;

#define CSR_OTHER_LIST(X) \
	X(0x30a) X(0x14d) X(0x600) X(0x680) X(0x301) X(0x320)

unsigned long csr_read_num(unsigned int csr)
{
	unsigned int i = csr - CSR_PMP_STUB_FIRST;

	if (i < CSR_PMP_STUBS)
		return ((unsigned long (*)(void))((unsigned long)csr_pmp_read_stubs +
						  i * CSR_PMP_STUB_BYTES))();
	switch (csr) {
		CSR_OTHER_LIST(CSR_CASE_READ)
	default:
		return 0;
	}
}

void csr_write_num(unsigned int csr, unsigned long val)
{
	unsigned int i = csr - CSR_PMP_STUB_FIRST;

	if (i < CSR_PMP_STUBS) {
		((void (*)(unsigned long))((unsigned long)csr_pmp_write_stubs +
					   i * CSR_PMP_STUB_BYTES))(val);
		return;
	}
	switch (csr) {
		CSR_OTHER_LIST(CSR_CASE_WRITE)
	default:
		break;
	}
}

extern char _probe_trap[];

/* Run with traps sent to _probe_trap; true when no trap was taken. */
bool csr_probe_read(unsigned int csr, unsigned long *val)
{
	unsigned long mtvec = csr_swap(CSR_MTVEC, (unsigned long)_probe_trap);
	unsigned long v;
	bool ok;

	csr_write(CSR_MCAUSE, 0);
	v = csr_read_num(csr);
	ok = csr_read(CSR_MCAUSE) != CAUSE_ILLEGAL_INSTRUCTION;
	csr_write(CSR_MTVEC, mtvec);
	if (val)
		*val = ok ? v : 0;
	return ok;
}

bool csr_probe_write(unsigned int csr, unsigned long val)
{
	unsigned long mtvec = csr_swap(CSR_MTVEC, (unsigned long)_probe_trap);
	bool ok;

	csr_write(CSR_MCAUSE, 0);
	csr_write_num(csr, val);
	ok = csr_read(CSR_MCAUSE) != CAUSE_ILLEGAL_INSTRUCTION;
	csr_write(CSR_MTVEC, mtvec);
	return ok;
}

bool sbi_probe_load32(const void *addr, u32 *val)
{
	unsigned long mtvec = csr_swap(CSR_MTVEC, (unsigned long)_probe_trap);
	u32 v;
	bool ok;

	csr_write(CSR_MCAUSE, 0);
	/* A 4-byte lw: _probe_trap skips 4 bytes, so no compressed form. */
	__asm__ __volatile__(".option push\n.option norvc\n"
			     "lw %0, 0(%1)\n.option pop"
			     : "=r"(v)
			     : "r"(addr)
			     : "memory");
	ok = csr_read(CSR_MCAUSE) == 0;
	csr_write(CSR_MTVEC, mtvec);
	if (val)
		*val = ok ? v : 0;
	return ok;
}

bool sbi_probe_store32(void *addr, u32 val)
{
	unsigned long mtvec = csr_swap(CSR_MTVEC, (unsigned long)_probe_trap);
	bool ok;

	csr_write(CSR_MCAUSE, 0);
	__asm__ __volatile__(".option push\n.option norvc\n"
			     "sw %0, 0(%1)\n.option pop"
			     :
			     : "r"(val), "r"(addr)
			     : "memory");
	ok = csr_read(CSR_MCAUSE) == 0;
	csr_write(CSR_MTVEC, mtvec);
	return ok;
}

bool sbi_probe_load8(const void *addr)
{
	unsigned long mtvec = csr_swap(CSR_MTVEC, (unsigned long)_probe_trap);
	unsigned long v;
	bool ok;

	csr_write(CSR_MCAUSE, 0);
	__asm__ __volatile__(".option push\n.option norvc\n"
			     "lbu %0, 0(%1)\n.option pop"
			     : "=r"(v)
			     : "r"(addr)
			     : "memory");
	ok = csr_read(CSR_MCAUSE) == 0;
	csr_write(CSR_MTVEC, mtvec);
	(void)v;
	return ok;
}
