/*
 * Shared declarations of the HotSBI S-mode test payload: per-hart data,
 * the commands secondaries run, the test harness and the tests. The
 * runtime (entry, SBI calls, FDT reader, console) is tests/srt.
 */
#ifndef PAYLOAD_H
#define PAYLOAD_H

#include "srt.h"

/* Words of the non-retentive suspend context (see suspend.S). */
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

#ifndef __ASSEMBLER__

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

extern struct hart_data harts[MAX_HARTS];
extern unsigned long nonret_ctx[MAX_HARTS][CTX_WORDS];
extern unsigned long boot_hartid;
extern bool is_hotsbi;

/* suspend.S */
void nonret_resume_entry(void);
long hsm_suspend_nonret(unsigned long type, unsigned long resume_addr,
			unsigned long *ctx);
/* probes.S */
unsigned long ecall_preserve_check(unsigned long eid, unsigned long fid,
				   unsigned long arg0, unsigned long arg1);
unsigned long probe_csr_cycle(void);
unsigned long probe_csr_instret(void);
unsigned long probe_csr_time(void);
unsigned long probe_load(unsigned long addr);
unsigned long probe_stimecmp_read(void);
void probe_stimecmp_write(unsigned long v);

/* harness.c */
__printf(3, 4) void check_eq(long got, long want, const char *fmt, ...);
__printf(2, 3) void check_true(bool cond, const char *fmt, ...);
__printf(2, 3) void skip(const char *why, const char *fmt, ...);
__printf(3, 4) void check_known_bug(bool cond, const char *bug,
				    const char *fmt, ...);
__noreturn void finish(void);
__noreturn void fail_and_finish(const char *why);
unsigned long checks_run(void);
unsigned long checks_failed(void);

/*
 * timer_ipi.c: the register ranges of the M-mode timer and IPI devices
 * (CLINT, ACLINT MSWI and MTIMER: every reg entry of every such node), at
 * most @max.
 */
#define TIMER_IPI_REGS_MAX	8
unsigned long fdt_timer_ipi_regs(struct fdt_region *r, unsigned long max);

/* main.c: secondary-hart helpers */
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
void memhp_watch_cmd(struct hart_data *hd);
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
