/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Host replacement of include/sbi/riscv_asm.h for the unit tests: the
 * same interface, with the RISC-V inline assembly replaced by a fake CSR
 * file in plain C (see tests/host/host_csr.c). Found before the
 * firmware's header because tests/host/include comes first in -I.
 */
#ifndef __RISCV_ASM_H__
#define __RISCV_ASM_H__

#include <sbi/riscv_encoding.h>

#ifndef __ASSEMBLY__
#include <sbi/sbi_types.h>

#define HOST_CSR_COUNT	4096

/* The fake CSR file: one word per CSR number. */
extern unsigned long host_csr[HOST_CSR_COUNT];
/* CSRs the fake hart does not implement (csr_probe_* fail on them). */
extern bool host_csr_missing[HOST_CSR_COUNT];

unsigned long host_csr_read(unsigned int csr);
void host_csr_write(unsigned int csr, unsigned long val);
unsigned long host_csr_swap(unsigned int csr, unsigned long val);
void host_csr_set(unsigned int csr, unsigned long val);
void host_csr_clear(unsigned int csr, unsigned long val);

#define csr_read(csr)		host_csr_read(csr)
#define csr_write(csr, val)	host_csr_write(csr, (unsigned long)(val))
#define csr_swap(csr, val)	host_csr_swap(csr, (unsigned long)(val))
#define csr_set(csr, val)	host_csr_set(csr, (unsigned long)(val))
#define csr_clear(csr, val)	host_csr_clear(csr, (unsigned long)(val))

/* Counts of the fences and waits the code under test executed. */
struct host_fence_log {
	unsigned long wfi;
	unsigned long sfence_all;
	unsigned long sfence_addr;
	unsigned long sfence_asid;
	unsigned long sfence_addr_asid;
	unsigned long fence_i;
	unsigned long hfence_gvma;
	unsigned long hfence_vvma;
	unsigned long last_addr;
	unsigned long last_id;
};
extern struct host_fence_log host_fences;

/* wfi and cpu_relax abort the test when called absurdly often (a hang). */
void host_wfi(void);
void host_cpu_relax(void);

static inline void wfi(void)
{
	host_wfi();
}

static inline void cpu_relax(void)
{
	host_cpu_relax();
}

#define mb()	__atomic_thread_fence(__ATOMIC_SEQ_CST)
#define rmb()	__atomic_thread_fence(__ATOMIC_SEQ_CST)
#define wmb()	__atomic_thread_fence(__ATOMIC_SEQ_CST)
#define io_mb()	__atomic_thread_fence(__ATOMIC_SEQ_CST)

static inline void sfence_vma_all(void)
{
	host_fences.sfence_all++;
}

static inline void sfence_vma_addr(unsigned long addr)
{
	host_fences.sfence_addr++;
	host_fences.last_addr = addr;
}

static inline void sfence_vma_asid(unsigned long asid)
{
	host_fences.sfence_asid++;
	host_fences.last_id = asid;
}

static inline void sfence_vma_addr_asid(unsigned long addr, unsigned long asid)
{
	host_fences.sfence_addr_asid++;
	host_fences.last_addr = addr;
	host_fences.last_id = asid;
}

static inline void fence_i(void)
{
	host_fences.fence_i++;
}

/*
 * cbo.zero calls host_cbo_zero_hook, the model a test installs (the
 * process aborts when there is none).
 */
extern void (*host_cbo_zero_hook)(unsigned long addr);
void host_cbo_zero(unsigned long addr);

static inline void cbo_zero(unsigned long addr)
{
	host_cbo_zero(addr);
}

static inline void hfence_gvma(unsigned long gaddr_shr2, unsigned long vmid,
			       bool use_addr, bool use_vmid)
{
	host_fences.hfence_gvma++;
	host_fences.last_addr = use_addr ? gaddr_shr2 : 0;
	host_fences.last_id = use_vmid ? vmid : 0;
}

static inline void hfence_vvma(unsigned long vaddr, unsigned long asid,
			       bool use_addr, bool use_asid)
{
	host_fences.hfence_vvma++;
	host_fences.last_addr = use_addr ? vaddr : 0;
	host_fences.last_id = use_asid ? asid : 0;
}

/* Read or write CSR number @csr (not a constant); false if it traps. */
bool csr_probe_read(unsigned int csr, unsigned long *val);
bool csr_probe_write(unsigned int csr, unsigned long val);

/*
 * Load a word from memory that may not exist; false if it traps. On the
 * host only the ranges registered with host_mem_add() are "memory".
 */
bool sbi_probe_load32(const void *addr, u32 *val);
bool sbi_probe_load8(const void *addr);

/* PMP CSR access by index (0..63), through a switch in sbi_csr.c. */
unsigned long csr_read_num(unsigned int csr);
void csr_write_num(unsigned int csr, unsigned long val);

#endif /* !__ASSEMBLY__ */
#endif
