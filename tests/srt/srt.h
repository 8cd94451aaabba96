/*
 * The freestanding S-mode runtime the test programs (payload, soak, bench)
 * share: types, CSR and atomic helpers, the hart's identity, time, the
 * trap frame, and what entry.S expects each program to provide.
 */
#ifndef SRT_H
#define SRT_H

#define MAX_HARTS		16
#define STACK_SIZE		16384

#define SSTATUS_SIE		(1UL << 1)
#define SIP_SSIP		(1UL << 1)
#define SIP_STIP		(1UL << 5)
#define SIE_SSIE		SIP_SSIP
#define SIE_STIE		SIP_STIP
#define SCAUSE_INT		(1UL << 63)
#define CAUSE_FETCH_ACCESS	1
#define CAUSE_LOAD_ACCESS_FAULT	5
#define CAUSE_STORE_ACCESS_FAULT 7
#define IRQ_S_SOFT		1
#define IRQ_S_TIMER		5

#define CSR_STIMECMP		0x14d

#ifndef __ASSEMBLER__

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "sbi.h"
#include "console.h"
#include "fdt.h"

typedef unsigned int u32;

#define __aligned(x)		__attribute__((aligned(x)))
#define __noreturn		__attribute__((noreturn))
#define __always_unused		__attribute__((unused))
#define __printf(a, b)		__attribute__((format(printf, a, b)))
#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))
#define READ_ONCE(x)		(*(volatile typeof(x) *)&(x))
#define WRITE_ONCE(x, v)	(*(volatile typeof(x) *)&(x) = (v))

#define csr_read(csr) ({						\
	unsigned long __v;						\
	asm volatile("csrr %0, " #csr : "=r"(__v) : : "memory");	\
	__v; })
#define csr_write(csr, v)						\
	asm volatile("csrw " #csr ", %0" : : "rK"(v) : "memory")
#define csr_set(csr, v)							\
	asm volatile("csrs " #csr ", %0" : : "rK"(v) : "memory")
#define csr_clear(csr, v)						\
	asm volatile("csrc " #csr ", %0" : : "rK"(v) : "memory")

static inline unsigned long rdtime(void)
{
	unsigned long v;

	asm volatile("rdtime %0" : "=r"(v));
	return v;
}

static inline void cpu_relax(void)
{
	asm volatile("nop; nop; nop; nop" ::: "memory");
}

static inline void wfi(void)
{
	asm volatile("wfi" ::: "memory");
}

static inline unsigned long atomic_add(volatile unsigned long *p,
				       unsigned long v)
{
	return __atomic_fetch_add(p, v, __ATOMIC_SEQ_CST);
}

static inline unsigned long atomic_load(volatile unsigned long *p)
{
	return __atomic_load_n(p, __ATOMIC_ACQUIRE);
}

static inline void atomic_store(volatile unsigned long *p, unsigned long v)
{
	__atomic_store_n(p, v, __ATOMIC_RELEASE);
}

/* entry.S keeps the hart id in tp. */
static inline unsigned long current_hartid(void)
{
	unsigned long tp;

	asm volatile("mv %0, tp" : "=r"(tp));
	return tp;
}

/* xorshift64*, one state per caller */
static inline unsigned long rand64(unsigned long *s)
{
	unsigned long x = *s;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*s = x;
	return x * 0x2545F4914F6CDD1DUL;
}

/* time.c: timebase conversions from the FDT summary (10 MHz if absent) */
unsigned long us_to_ticks(unsigned long us);
void delay_us(unsigned long us);
/*
 * Every wait ends early once its condition holds; its limit only detects
 * a hang. A loaded host can deschedule a vCPU for long, so the limit is
 * WAIT_SLACK times the time a wait needs on an idle host.
 */
#define WAIT_SLACK	5UL
#define WAIT_UNTIL(cond, us) ({						\
	unsigned long __end = rdtime() + us_to_ticks(us) * WAIT_SLACK;	\
	bool __ok;							\
	while (!(__ok = (cond)) && rdtime() < __end)			\
		cpu_relax();						\
	__ok || (cond); })

/* What the trap vector saved: x0-x31 (x2 as before the trap), sepc, sstatus. */
struct trap_frame {
	unsigned long regs[32];
	unsigned long sepc;
	unsigned long sstatus;
};

/* The CSRs a hart found when HSM started it at secondary_entry. */
struct entry_csrs {
	unsigned long satp;
	unsigned long sstatus;
};

/* entry.S */
void secondary_entry(void);	/* HSM hart_start address */
__noreturn void park(void);	/* HSM hart_stop, wfi if that returns */
void trap_vector(void);
extern struct entry_csrs entry_csrs[MAX_HARTS];
extern unsigned long bad_entries;	/* starts with a hartid >= MAX_HARTS */
extern unsigned long boot_instret;	/* SRT_BOOT_INSTRET builds only */
extern char _image_start[], _image_end[];

/*
 * Provided by the program. entry.S calls boot_main() on the first hart to
 * arrive, secondary_main() on a hart started at secondary_entry (both with
 * tp = hartid, a stack of their own and stvec = trap_vector; a return
 * parks the hart), and trap_handler() for every S-mode trap; the handler
 * may change the frame, which the vector restores.
 */
void boot_main(unsigned long hartid, unsigned long fdt_addr);
void secondary_main(unsigned long hartid, unsigned long opaque);
void trap_handler(struct trap_frame *tf);

#endif /* __ASSEMBLER__ */
#endif /* SRT_H */
