// SPDX-License-Identifier: BSD-2-Clause
/*
 * Access to CSRs chosen at run time (PMP entries), and probing of CSRs a
 * hart may not implement, without taking the firmware down.
 */
#include <sbi/riscv_asm.h>

#define CSR_CASE_READ(n) \
	case n:          \
		return csr_read(n);
#define CSR_CASE_WRITE(n)       \
	case n:                 \
		csr_write(n, val); \
		break;

#define CSR_PMP_LIST(X)                                                    \
	X(0x3a0) X(0x3a2) X(0x3a4) X(0x3a6) X(0x3a8) X(0x3aa) X(0x3ac)      \
	X(0x3ae) X(0x3b0) X(0x3b1) X(0x3b2) X(0x3b3) X(0x3b4) X(0x3b5)      \
	X(0x3b6) X(0x3b7) X(0x3b8) X(0x3b9) X(0x3ba) X(0x3bb) X(0x3bc)      \
	X(0x3bd) X(0x3be) X(0x3bf) X(0x3c0) X(0x3c1) X(0x3c2) X(0x3c3)      \
	X(0x3c4) X(0x3c5) X(0x3c6) X(0x3c7) X(0x3c8) X(0x3c9) X(0x3ca)      \
	X(0x3cb) X(0x3cc) X(0x3cd) X(0x3ce) X(0x3cf) X(0x3d0) X(0x3d1)      \
	X(0x3d2) X(0x3d3) X(0x3d4) X(0x3d5) X(0x3d6) X(0x3d7) X(0x3d8)      \
	X(0x3d9) X(0x3da) X(0x3db) X(0x3dc) X(0x3dd) X(0x3de) X(0x3df)      \
	X(0x3e0) X(0x3e1) X(0x3e2) X(0x3e3) X(0x3e4) X(0x3e5) X(0x3e6)      \
	X(0x3e7) X(0x3e8) X(0x3e9) X(0x3ea) X(0x3eb) X(0x3ec) X(0x3ed)      \
	X(0x3ee) X(0x3ef)

#define CSR_OTHER_LIST(X) \
	X(0x30a) X(0x14d) X(0x600) X(0x680) X(0x301) X(0x320)

unsigned long csr_read_num(unsigned int csr)
{
	switch (csr) {
		CSR_PMP_LIST(CSR_CASE_READ)
		CSR_OTHER_LIST(CSR_CASE_READ)
	default:
		return 0;
	}
}

void csr_write_num(unsigned int csr, unsigned long val)
{
	switch (csr) {
		CSR_PMP_LIST(CSR_CASE_WRITE)
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
