/*
 * Shared declarations of the HotSBI soak program (tests/soak): per-hart
 * counters, the run configuration, violation reporting and the probes
 * that catch expected access faults. The entry, console, FDT reader and
 * SBI/MEMHP calls are the runtime's (tests/srt); the window clean-up is
 * the payload's (memhp_drain.c).
 */
#ifndef SOAK_H
#define SOAK_H

#include "srt.h"
#include "memhp_sbi.h"

/* Windows followed, and blocks followed per window. */
#define SOAK_MAX_WINDOWS	4
#define SOAK_MAX_BLOCKS		64
/* Words written and checked in each owned block while it is plugged. */
#define SOAK_SAMPLES		16

/* What a hart is doing, for the watchdog's report. */
enum soak_op {
	OP_IDLE,
	OP_MEMHP_PLUG,
	OP_MEMHP_UNPLUG,
	OP_MEMHP_STATE,
	OP_MEMHP_INFO,
	OP_MEMHP_READ_STATE,
	OP_MEMHP_TOUCH,
	OP_IPI,
	OP_FENCE_I,
	OP_SFENCE_VMA,
	OP_SFENCE_VMA_ASID,
	OP_DRAIN,
	OP_NR,
};

struct soak_stats {
	/* MEMHP */
	unsigned long memhp_ops, plugs, unplugs;
	unsigned long err_budget, err_busy, err_param, err_addr, err_attr;
	unsigned long states, infos, read_states, touches;
	unsigned long verified, unverified, peer_checks;
	unsigned long window_ok[SOAK_MAX_WINDOWS];	/* successful PLUG/UNPLUG */
	/* IPIs: messages this hart sent, received, interrupts taken */
	unsigned long ipi_calls, ipi_sent, ipi_received, ipi_irqs, ipi_empty;
	unsigned long ipi_bad_mask;
	/* looks that found a message missing (see ipi_check_lost()) */
	unsigned long ipi_late, ipi_late_max_ticks;
	/* remote fences by type, and calls with an invalid mask */
	unsigned long fences[3], fence_bad_mask;
	/* access faults taken where one was expected */
	unsigned long faults;
	/* progress for the watchdog and the slowest call */
	unsigned long progress, op, op_a, op_b, op_start;
	unsigned long slowest_ticks, slowest_op;
	unsigned long op_count[OP_NR], op_ticks[OP_NR];
	/* trap handshake with the S-mode trap handler */
	unsigned long trap_armed, trap_cause, trap_tval;
	unsigned long alive, done;
} __aligned(64);

struct soak_window {
	unsigned long base, size, bsize, nblocks;	/* nblocks followed */
	unsigned long total_blocks, flags;
	unsigned long share;		/* owned blocks per hart */
	unsigned long contested;	/* first contested block */
	bool scrub;
};

extern struct soak_stats soak_stats[MAX_HARTS];
extern struct soak_window soak_win[SOAK_MAX_WINDOWS];
extern unsigned long soak_nwin;
extern unsigned long soak_nharts;
extern unsigned long soak_boot_hart;
extern unsigned long soak_hartids[MAX_HARTS];
extern unsigned long soak_deadline;
extern volatile unsigned long soak_stop;
extern unsigned long soak_ipi_late_ms;

/* soak.c */
__printf(2, 3) void violation(unsigned long hartid, const char *fmt, ...);
unsigned long violations(void);
void op_begin(struct soak_stats *st, unsigned long op, unsigned long a,
	      unsigned long b);
void op_end(struct soak_stats *st);
__noreturn void soak_shutdown(bool failed);

/* memhp_drain.c of the payload: see tests/payload/memhp.h */
long mh_drain(unsigned long w, unsigned long n, unsigned long *refused);

/* Load or store at addr; returns 0 or the scause of the trap it took. */
unsigned long probe_ld(unsigned long addr, unsigned long *val);
unsigned long probe_sd(unsigned long addr, unsigned long val);

/* soak_memhp.c */
bool memhp_setup(void);
void memhp_step(unsigned long hartid, unsigned long *seed);
bool memhp_final(void);
void memhp_report(void);

/* soak_ipi.c */
void ipi_step(unsigned long hartid, unsigned long *seed);
void fence_step(unsigned long hartid, unsigned long *seed);
void ipi_irq(unsigned long hartid);
void ipi_check_lost(unsigned long hartid);
bool ipi_drain(unsigned long hartid, unsigned long us);
bool ipi_exact_round(unsigned long boot);
bool ipi_final(void);

#endif /* SOAK_H */
