/*
 * Shared declarations of the HotSBI S-mode test payload: per-hart data,
 * CSR helpers, the test harness and the FDT summary.
 */
#ifndef PAYLOAD_H
#define PAYLOAD_H

#define MAX_HARTS		16
#define STACK_SIZE		16384

/* Words of the non-retentive suspend context (see entry.S). */
#define CTX_MAGIC		0
#define CTX_RA			1
#define CTX_SP			2
#define CTX_GP			3
#define CTX_TP			4
#define CTX_S0			5	/* s0..s11: 5..16 */
#define CTX_STVEC		17
#define CTX_SIE			18
#define CTX_SSCRATCH		19
#define CTX_RESUMED		20
#define CTX_ENTRY_A0		21
#define CTX_ENTRY_A1		22
#define CTX_ENTRY_SATP		23
#define CTX_ENTRY_SSTATUS	24
#define CTX_WORDS		32
#define CTX_MAGIC_VALUE		0x5245534d55534552	/* "RESUMSER" */

#define SSTATUS_SIE		(1UL << 1)
#define SIP_SSIP		(1UL << 1)
#define SIP_STIP		(1UL << 5)
#define SIE_SSIE		SIP_SSIP
#define SIE_STIE		SIP_STIP
#define SCAUSE_INT		(1UL << 63)
#define CAUSE_FETCH_ACCESS	1
#define IRQ_S_SOFT		1
#define IRQ_S_TIMER		5

#ifndef __ASSEMBLER__

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "sbi.h"

typedef unsigned int u32;
typedef unsigned long u64;

#define __aligned(x)		__attribute__((aligned(x)))
#define __noreturn		__attribute__((noreturn))
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

static inline unsigned long current_hartid(void)
{
	unsigned long tp;

	asm volatile("mv %0, tp" : "=r"(tp));
	return tp;
}

/* Commands a secondary hart runs from its idle loop. */
enum {
	CMD_NONE,
	CMD_PING,		/* report marchid/mimpid/mvendorid */
	CMD_TIMER,		/* set_timer arg us ahead, take the interrupt */
	CMD_SEND_IPI,		/* send_ipi(1, arg) */
	CMD_RFENCE,		/* every RFENCE function, all harts */
	CMD_STOP,		/* hart_stop */
	CMD_SUSPEND_RET,	/* default retentive suspend, woken by IPI */
	CMD_SUSPEND_NONRET,	/* default non-retentive suspend */
	CMD_WAKE_BOOT,		/* wait for hart arg to suspend, IPI it */
	CMD_MEMHP_TOUCH,	/* store/load the addresses of a touch list */
	CMD_MEMHP_STRESS,	/* MEMHP concurrent stress (memhp_stress.c) */
	CMD_MEMHP_WATCH,	/* touch, spin on a flag, touch again */
	CMD_MEMHP_EXEC,		/* fence.i, call the code at arg */
	CMD_TIMER_DEADLINE,	/* timer_deadline(arg): see tests.c */
};

struct hart_data {
	unsigned long cmd;
	unsigned long arg;
	unsigned long ipi_expect;	/* ssip_count the command IPI makes */
	long result[8];
	unsigned long entries;		/* times entered through hart_start */
	unsigned long entry_a1;
	unsigned long entry_satp;
	unsigned long entry_sstatus;
	unsigned long ssip_count;
	unsigned long stip_count;
	unsigned long stip_time;
	unsigned long wake_sent;
	unsigned long trap_expected;
	unsigned long trap_cause;
	unsigned long trap_tval;	/* stval of the expected trap */
	unsigned long bad_irqs;
	bool timer_mask_only;		/* the timer handler masks sie.STIE */
	bool alive;
} __aligned(64);

struct fdt_region {
	unsigned long base;
	unsigned long size;
};

struct fdt_summary {
	bool valid;
	unsigned long addr;
	unsigned long nharts;
	unsigned long hartids[MAX_HARTS];
	bool hart_has_h[MAX_HARTS];
	bool hart_has_sstc[MAX_HARTS];
	unsigned long timebase;
	struct fdt_region mem;
	unsigned long nresv;
	struct fdt_region resv[8];
	/* /chosen/hotsbi-test,no-pmp: the test runs on harts without PMP */
	bool no_pmp;
};

extern struct hart_data harts[MAX_HARTS];
extern unsigned long nonret_ctx[MAX_HARTS][CTX_WORDS];
extern struct fdt_summary fdt;
extern unsigned long boot_hartid;
extern bool is_hotsbi;
extern bool have_dbcn;

/* entry.S */
void secondary_entry(void);
void nonret_resume_entry(void);
long hsm_suspend_nonret(unsigned long type, unsigned long resume_addr,
			unsigned long *ctx);
unsigned long ecall_preserve_check(unsigned long eid, unsigned long fid,
				   unsigned long arg0, unsigned long arg1);
unsigned long probe_csr_cycle(void);
unsigned long probe_csr_instret(void);
unsigned long probe_csr_time(void);
unsigned long probe_load(unsigned long addr);
unsigned long probe_stimecmp_read(void);
void probe_stimecmp_write(unsigned long v);
extern char _payload_start[], _payload_end[];

/* console.c: output and the TAP-like harness */
void console_init(void);
__printf(1, 2) void printk(const char *fmt, ...);
__printf(3, 4) void check_eq(long got, long want, const char *fmt, ...);
__printf(2, 3) void check_true(bool cond, const char *fmt, ...);
__printf(2, 3) void skip(const char *why, const char *fmt, ...);
__printf(3, 4) void check_known_bug(bool cond, const char *bug,
				    const char *fmt, ...);
__noreturn void finish(void);
__noreturn void fail_and_finish(const char *why);
unsigned long checks_run(void);
unsigned long checks_failed(void);
int vsnprintf(char *buf, unsigned long len, const char *fmt, va_list ap);
__printf(3, 4) int snprintf(char *buf, unsigned long len, const char *fmt, ...);
void *memset(void *s, int c, unsigned long n);
void *memcpy(void *d, const void *s, unsigned long n);
int memcmp(const void *a, const void *b, unsigned long n);
unsigned long strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, unsigned long n);

/* fdt.c */
void fdt_parse(unsigned long addr);

enum { FDT_EV_BEGIN, FDT_EV_PROP, FDT_EV_END };

/* One step of fdt_walk(): a node starts or ends, or one of its properties. */
struct fdt_event {
	int type;
	int depth;			/* 0 = root */
	const char *const *path;	/* node names, path[0..depth] */
	const char *prop;		/* FDT_EV_PROP: name, value, length */
	const unsigned char *val;
	u32 len;
	unsigned long acells, scells;	/* the parent's cells, for reg */
};
typedef void (*fdt_walk_fn)(const struct fdt_event *ev, void *ctx);
bool fdt_walk(unsigned long addr, fdt_walk_fn fn, void *ctx);
u32 fdt_be32(const void *p);
/*
 * The register ranges of the M-mode timer and IPI devices (CLINT, ACLINT
 * MSWI and MTIMER: every reg entry of every such node), at most @max.
 */
#define TIMER_IPI_REGS_MAX	8
unsigned long fdt_timer_ipi_regs(struct fdt_region *r, unsigned long max);
unsigned long fdt_read_cells(const void *p, unsigned long cells);

/* main.c: time and secondary-hart helpers */
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
bool post_cmd(unsigned long hartid, unsigned long cmd, unsigned long arg);
bool wait_cmd(unsigned long hartid, unsigned long us);
bool wait_status(unsigned long hartid, long status, unsigned long us);
unsigned long start_opaque(unsigned long hartid, unsigned long gen);
bool start_secondary(unsigned long hartid, unsigned long gen);

/* tests.c and hsm.c */
void test_base(void);
void test_counters(void);
void test_memory(void);
void test_time(void);
void test_ipi(void);
void test_rfence(void);
void test_dbcn(void);
void test_srst(void);
void test_hsm_start(void);
void test_hsm_stop_start(void);
void test_hsm_suspend(void);
void test_hsm_final(void);
bool stop_secondary(unsigned long h);
void hsm_check_bad_entry(unsigned long addr, const char *what);
void test_memhp(void);
void memhp_touch_cmd(struct hart_data *hd, unsigned long arg);
void memhp_watch_cmd(struct hart_data *hd, unsigned long arg);
void memhp_exec_cmd(struct hart_data *hd, unsigned long arg);
void memhp_stress_cmd(struct hart_data *hd, unsigned long hartid,
		      unsigned long arg);
void test_secondaries(void);
void test_timer_deadlines(void);
void timer_deadline(struct hart_data *hd, unsigned long arg);
void secondary_rfence(struct hart_data *hd);
unsigned long counters_unreadable(void);

#endif /* __ASSEMBLER__ */
#endif /* PAYLOAD_H */
