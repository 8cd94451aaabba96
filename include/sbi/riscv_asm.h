/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Inline-assembly helpers: CSR access, fences, wfi, and CSR probing that
 * survives an access to a CSR the hart does not implement.
 */
#ifndef __RISCV_ASM_H__
#define __RISCV_ASM_H__

#include <sbi/riscv_encoding.h>

#ifndef __ASSEMBLY__
#include <sbi/sbi_types.h>

#define __ASM_STR(x) #x
#define __CSR_STR(x) __ASM_STR(x)

#define csr_read(csr)                                                   \
	({                                                              \
		unsigned long __v;                                      \
		__asm__ __volatile__("csrr %0, " __CSR_STR(csr)         \
				     : "=r"(__v)                        \
				     :                                  \
				     : "memory");                       \
		__v;                                                    \
	})

#define csr_write(csr, val)                                             \
	({                                                              \
		unsigned long __v = (unsigned long)(val);               \
		__asm__ __volatile__("csrw " __CSR_STR(csr) ", %0"      \
				     :                                  \
				     : "rK"(__v)                        \
				     : "memory");                       \
	})

#define csr_swap(csr, val)                                              \
	({                                                              \
		unsigned long __v = (unsigned long)(val);               \
		__asm__ __volatile__("csrrw %0, " __CSR_STR(csr) ", %1" \
				     : "=r"(__v)                        \
				     : "rK"(__v)                        \
				     : "memory");                       \
		__v;                                                    \
	})

#define csr_set(csr, val)                                               \
	({                                                              \
		unsigned long __v = (unsigned long)(val);               \
		__asm__ __volatile__("csrs " __CSR_STR(csr) ", %0"      \
				     :                                  \
				     : "rK"(__v)                        \
				     : "memory");                       \
	})

#define csr_clear(csr, val)                                             \
	({                                                              \
		unsigned long __v = (unsigned long)(val);               \
		__asm__ __volatile__("csrc " __CSR_STR(csr) ", %0"      \
				     :                                  \
				     : "rK"(__v)                        \
				     : "memory");                       \
	})

static inline void wfi(void)
{
	__asm__ __volatile__("wfi" ::: "memory");
}

static inline void cpu_relax(void)
{
	__asm__ __volatile__("nop; nop; nop; nop" ::: "memory");
}

#define mb() __asm__ __volatile__("fence rw, rw" ::: "memory")
#define rmb() __asm__ __volatile__("fence r, r" ::: "memory")
#define wmb() __asm__ __volatile__("fence w, w" ::: "memory")
#define io_mb() __asm__ __volatile__("fence iorw, iorw" ::: "memory")

static inline void sfence_vma_all(void)
{
	__asm__ __volatile__("sfence.vma" ::: "memory");
}

static inline void sfence_vma_addr(unsigned long addr)
{
	__asm__ __volatile__("sfence.vma %0" ::"r"(addr) : "memory");
}

static inline void sfence_vma_asid(unsigned long asid)
{
	__asm__ __volatile__("sfence.vma x0, %0" ::"r"(asid) : "memory");
}

static inline void sfence_vma_addr_asid(unsigned long addr, unsigned long asid)
{
	__asm__ __volatile__("sfence.vma %0, %1" ::"r"(addr), "r"(asid)
			     : "memory");
}

static inline void fence_i(void)
{
	__asm__ __volatile__("fence.i" ::: "memory");
}

/*
 * cbo.zero (Zicboz): zero the cache block that holds @addr. Encoded with
 * .insn for assemblers without Zicboz; only on harts that have it.
 */
static inline void cbo_zero(unsigned long addr)
{
	__asm__ __volatile__(".insn i 0x0f, 2, x0, %0, 4" ::"r"(addr)
			     : "memory");
}

/*
 * Hypervisor fences, encoded by hand so the firmware builds with an
 * assembler that predates the H extension.
 *   hfence.gvma rs1, rs2 = 0x62000073 | rs2 << 20 | rs1 << 15
 *   hfence.vvma rs1, rs2 = 0x22000073 | rs2 << 20 | rs1 << 15
 * Operands are pinned to a0 (x10) and a1 (x11).
 */
static inline void hfence_gvma(unsigned long gaddr_shr2, unsigned long vmid,
			       bool use_addr, bool use_vmid)
{
	register unsigned long a0 __asm__("a0") = gaddr_shr2;
	register unsigned long a1 __asm__("a1") = vmid;
	if (use_addr && use_vmid)
		__asm__ __volatile__(".word 0x62b50073" ::"r"(a0), "r"(a1)
				     : "memory");
	else if (use_addr)
		__asm__ __volatile__(".word 0x62050073" ::"r"(a0) : "memory");
	else if (use_vmid)
		__asm__ __volatile__(".word 0x62b00073" ::"r"(a1) : "memory");
	else
		__asm__ __volatile__(".word 0x62000073" ::: "memory");
}

static inline void hfence_vvma(unsigned long vaddr, unsigned long asid,
			       bool use_addr, bool use_asid)
{
	register unsigned long a0 __asm__("a0") = vaddr;
	register unsigned long a1 __asm__("a1") = asid;
	if (use_addr && use_asid)
		__asm__ __volatile__(".word 0x22b50073" ::"r"(a0), "r"(a1)
				     : "memory");
	else if (use_addr)
		__asm__ __volatile__(".word 0x22050073" ::"r"(a0) : "memory");
	else if (use_asid)
		__asm__ __volatile__(".word 0x22b00073" ::"r"(a1) : "memory");
	else
		__asm__ __volatile__(".word 0x22000073" ::: "memory");
}

/* Read or write CSR number @csr (not a constant); false if it traps. */
bool csr_probe_read(unsigned int csr, unsigned long *val);
bool csr_probe_write(unsigned int csr, unsigned long val);

/* Load a word from memory that may not exist; false if it traps. */
bool sbi_probe_load32(const void *addr, u32 *val);
/* Whether the byte at @addr can be read. */
bool sbi_probe_load8(const void *addr);
/* Store a word to a device that may not exist; false if it traps. */
bool sbi_probe_store32(void *addr, u32 val);

/* PMP CSR access by index (0..63), through a switch in sbi_csr.c. */
unsigned long csr_read_num(unsigned int csr);
void csr_write_num(unsigned int csr, unsigned long val);

#endif /* !__ASSEMBLY__ */
#endif
