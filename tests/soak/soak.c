/*
 * HotSBI soak program: an S-mode bare-metal payload that starts every hart
 * through HSM and has all of them issue MEMHP calls, IPIs and remote fences
 * together until a deadline, checking invariants as it goes. The boot hart
 * is the monitor: it only sends IPIs and runs the watchdog, which fails
 * the run when a hart stops making progress (deadlock). At the end
 * the harts join, the MEMHP state and the IPI counts are cross-checked,
 * one summary line is printed and SRST shuts the machine down (with
 * reason SYSFAIL when anything was violated).
 *
 * Duration: SOAK_SECONDS at build time, or "soak.seconds=N" in
 * /chosen/bootargs; also "soak.stall=N" (watchdog, seconds) and
 * "soak.seed=N" and "soak.pause=N" (a random pause of up to N us after
 * each step).
 *
 * Minimum counts: "soak.min-ops=", "soak.min-plugs=" (plugs and unplugs
 * each), "soak.min-ipis=", "soak.min-fences=" and "soak.min-faults=". A
 * load that has not reached them at its deadline goes on until it has, or
 * until "soak.limit=N" seconds (default: the duration): a slow or loaded
 * host makes the run longer instead of failing it, and only a load that
 * stays below the minimums for the whole limit fails the counts.
 */
#include "soak.h"

#ifndef SOAK_SECONDS
#define SOAK_SECONDS		30
#endif
#ifndef SOAK_STALL_SECONDS
#define SOAK_STALL_SECONDS	20
#endif
/* Violations printed in full; the rest are only counted. */
#define VIOLATIONS_SHOWN	20
#define HEARTBEAT_SECONDS	10
#define WATCHDOG_PERIOD_MS	200
#define MONITOR_TICK_US		2000

struct soak_stats soak_stats[MAX_HARTS];
struct soak_window soak_win[SOAK_MAX_WINDOWS];
unsigned long soak_nwin;
unsigned long soak_nharts;
unsigned long soak_boot_hart;
unsigned long soak_hartids[MAX_HARTS];
unsigned long soak_deadline;
static unsigned long soak_limit;	/* the hard end of the load */
static volatile unsigned long soak_over;	/* the load has ended */
volatile unsigned long soak_stop;

static unsigned long run_seconds = SOAK_SECONDS;
static unsigned long stall_seconds = SOAK_STALL_SECONDS;
static unsigned long base_seed;
static unsigned long pause_us;		/* random pause between steps */
static unsigned long limit_seconds;	/* at least run_seconds */
unsigned long soak_ipi_late_ms;		/* see ipi_check_lost() */

/* Counts of the load: running totals, and the minimums from bootargs. */
struct load_counts {
	unsigned long ops, plugs, unplugs, ipis, fences, faults;
};
static struct load_counts min_counts;	/* unplugs: soak.min-plugs too */
static unsigned long n_violations;
static volatile unsigned long go, joined1, joined2, finished;
static unsigned long t_start;

/* Watchdog state: what each hart's progress counter was, and since when. */
static struct {
	unsigned long claim;
	unsigned long next;
	unsigned long seen[MAX_HARTS];
	unsigned long since[MAX_HARTS];
	unsigned long next_beat;
} wd;

static const char *const op_names[OP_NR] = {
	[OP_IDLE] = "idle",
	[OP_MEMHP_PLUG] = "MEMHP PLUG",
	[OP_MEMHP_UNPLUG] = "MEMHP UNPLUG",
	[OP_MEMHP_STATE] = "MEMHP BLOCK_STATE",
	[OP_MEMHP_INFO] = "MEMHP GET_ATTR",
	[OP_MEMHP_READ_STATE] = "MEMHP READ_STATE",
	[OP_MEMHP_TOUCH] = "block access",
	[OP_IPI] = "send_ipi",
	[OP_FENCE_I] = "remote_fence_i",
	[OP_SFENCE_VMA] = "remote_sfence_vma",
	[OP_SFENCE_VMA_ASID] = "remote_sfence_vma_asid",
	[OP_DRAIN] = "IPI drain",
};

static unsigned long ticks_to_ms(unsigned long t)
{
	unsigned long per_ms = fdt.timebase / 1000;

	return t / (per_ms ? per_ms : 1);
}

void violation(unsigned long hartid, const char *fmt, ...)
{
	unsigned long n = atomic_add(&n_violations, 1);
	char buf[200];
	va_list ap;

	if (n >= VIOLATIONS_SHOWN)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	printk("soak: VIOLATION hart %lu at %lu ms: %s\n", hartid,
	       ticks_to_ms(rdtime() - t_start), buf);
}

unsigned long violations(void)
{
	return atomic_load(&n_violations);
}

void op_begin(struct soak_stats *st, unsigned long op, unsigned long a,
	      unsigned long b)
{
	WRITE_ONCE(st->op_a, a);
	WRITE_ONCE(st->op_b, b);
	WRITE_ONCE(st->op_start, rdtime());
	WRITE_ONCE(st->op, op);
}

void op_end(struct soak_stats *st)
{
	unsigned long t = rdtime() - READ_ONCE(st->op_start);

	if (st->op < OP_NR) {
		st->op_count[st->op]++;
		st->op_ticks[st->op] += t;
	}
	if (t > st->slowest_ticks) {
		st->slowest_ticks = t;
		st->slowest_op = st->op;
	}
	WRITE_ONCE(st->op, OP_IDLE);
	atomic_add(&st->progress, 1);
}

/* The probes are 4-byte instructions: the trap handler skips 4 bytes. */
unsigned long probe_ld(unsigned long addr, unsigned long *val)
{
	struct soak_stats *st = &soak_stats[current_hartid()];
	unsigned long v = 0;

	WRITE_ONCE(st->trap_cause, 0);
	WRITE_ONCE(st->trap_armed, 1);
	asm volatile(".option push\n.option norvc\n"
		     "ld %0, 0(%1)\n"
		     ".option pop"
		     : "+r"(v) : "r"(addr) : "memory");
	WRITE_ONCE(st->trap_armed, 0);
	if (val)
		*val = v;
	if (READ_ONCE(st->trap_cause) &&
	    READ_ONCE(st->trap_tval) != addr)
		violation(current_hartid(), "load fault at %#lx reports stval %#lx",
			  addr, READ_ONCE(st->trap_tval));
	return READ_ONCE(st->trap_cause);
}

unsigned long probe_sd(unsigned long addr, unsigned long val)
{
	struct soak_stats *st = &soak_stats[current_hartid()];

	WRITE_ONCE(st->trap_cause, 0);
	WRITE_ONCE(st->trap_armed, 1);
	asm volatile(".option push\n.option norvc\n"
		     "sd %1, 0(%0)\n"
		     ".option pop"
		     : : "r"(addr), "r"(val) : "memory");
	WRITE_ONCE(st->trap_armed, 0);
	if (READ_ONCE(st->trap_cause) &&
	    READ_ONCE(st->trap_tval) != addr)
		violation(current_hartid(), "store fault at %#lx reports stval %#lx",
			  addr, READ_ONCE(st->trap_tval));
	return READ_ONCE(st->trap_cause);
}

void trap_handler(struct trap_frame *f)
{
	unsigned long hartid = current_hartid();
	unsigned long cause = csr_read(scause);
	unsigned long tval = csr_read(stval);
	struct soak_stats *st;
	unsigned short insn;

	if (hartid >= MAX_HARTS) {
		printk("soak: trap with a corrupted tp %#lx, scause %#lx\n",
		       hartid, cause);
		soak_shutdown(true);
	}
	st = &soak_stats[hartid];
	if (cause & SCAUSE_INT) {
		if ((cause & ~SCAUSE_INT) == IRQ_S_SOFT) {
			ipi_irq(hartid);
			return;
		}
		if ((cause & ~SCAUSE_INT) == IRQ_S_TIMER && hartid == soak_boot_hart) {
			/* the monitor's tick: it sets the next one itself */
			sbi_set_timer(~0UL);
			return;
		}
		/* nothing else is enabled: mask it so it cannot storm */
		csr_clear(sie, 1UL << (cause & 63));
		violation(hartid, "unexpected interrupt, scause %#lx", cause);
		return;
	}
	if (READ_ONCE(st->trap_armed)) {
		WRITE_ONCE(st->trap_cause, cause);
		WRITE_ONCE(st->trap_tval, tval);
		WRITE_ONCE(st->trap_armed, 0);
		f->sepc += 4;
		return;
	}
	if (cause == CAUSE_LOAD_ACCESS_FAULT ||
	    cause == CAUSE_STORE_ACCESS_FAULT) {
		/* memory that should work did not: count it and go on */
		violation(hartid, "unexpected %s access fault at %#lx, sepc %#lx",
			  cause == CAUSE_LOAD_ACCESS_FAULT ? "load" : "store",
			  tval, f->sepc);
		insn = *(volatile unsigned short *)f->sepc;
		f->sepc += (insn & 3) == 3 ? 4 : 2;
		return;
	}
	printk("soak: VIOLATION hart %lu: unexpected exception scause %#lx stval %#lx sepc %#lx\n",
	       hartid, cause, tval, f->sepc);
	atomic_add(&n_violations, 1);
	soak_shutdown(true);
}

void soak_shutdown(bool failed)
{
	struct sbiret r;

	atomic_store((volatile unsigned long *)&soak_stop, 1);
	r = sbi_system_reset(SBI_SRST_TYPE_SHUTDOWN,
			     failed ? SBI_SRST_REASON_SYSFAIL :
				      SBI_SRST_REASON_NONE);
	printk("soak: system_reset returned %ld\n", r.error);
	for (;;)
		wfi();
}

/* ---- configuration from /chosen/bootargs */

static unsigned long parse_num(const char *s, const char *end)
{
	unsigned long v = 0;

	while (s < end && *s >= '0' && *s <= '9')
		v = v * 10 + (*s++ - '0');
	return v;
}

static void bootargs_option(const char *s, unsigned long len)
{
	static const struct {
		const char *key;
		unsigned long *val;
	} opts[] = {
		{ "soak.seconds=", &run_seconds },
		{ "soak.stall=", &stall_seconds },
		{ "soak.seed=", &base_seed },
		{ "soak.pause=", &pause_us },
		{ "soak.limit=", &limit_seconds },
		{ "soak.ipi-late-ms=", &soak_ipi_late_ms },
		{ "soak.min-ops=", &min_counts.ops },
		{ "soak.min-plugs=", &min_counts.plugs },
		{ "soak.min-ipis=", &min_counts.ipis },
		{ "soak.min-fences=", &min_counts.fences },
		{ "soak.min-faults=", &min_counts.faults },
	};
	unsigned long i, n;

	for (i = 0; i < ARRAY_SIZE(opts); i++) {
		n = strlen(opts[i].key);
		if (len > n && !strncmp(s, opts[i].key, n))
			*opts[i].val = parse_num(s + n, s + len);
	}
}

static void bootargs_parse(unsigned long fdt_addr)
{
	const char *s, *end, *w;
	unsigned int len;

	s = fdt_prop(fdt_addr, "/chosen", "bootargs", &len);
	if (!s)
		return;
	end = s + len;
	while (s < end && *s) {
		while (s < end && *s == ' ')
			s++;
		for (w = s; w < end && *w && *w != ' '; w++)
			;
		if (w > s)
			bootargs_option(s, w - s);
		s = w;
	}
}

/* ---- watchdog and heartbeat; any hart may run them */

static void stall_report(unsigned long now)
{
	unsigned long i;

	for (i = 0; i < soak_nharts; i++) {
		unsigned long h = soak_hartids[i];
		struct soak_stats *st = &soak_stats[h];
		unsigned long op = READ_ONCE(st->op);

		printk("soak: hart %lu: %lu steps, now in %s (%#lx, %#lx) for %lu ms\n",
		       h, READ_ONCE(st->progress),
		       op < OP_NR ? op_names[op] : "?", READ_ONCE(st->op_a),
		       READ_ONCE(st->op_b),
		       op == OP_IDLE ? 0 :
				       ticks_to_ms(now - READ_ONCE(st->op_start)));
	}
}

/* The counts of all harts so far, read while they run. */
static void load_totals(struct load_counts *t)
{
	unsigned long i;

	memset(t, 0, sizeof(*t));
	for (i = 0; i < soak_nharts; i++) {
		struct soak_stats *st = &soak_stats[soak_hartids[i]];

		t->ops += READ_ONCE(st->memhp_ops);
		t->plugs += READ_ONCE(st->plugs);
		t->unplugs += READ_ONCE(st->unplugs);
		t->ipis += READ_ONCE(st->ipi_sent);
		t->fences += READ_ONCE(st->fences[0]) +
			     READ_ONCE(st->fences[1]) +
			     READ_ONCE(st->fences[2]);
		t->faults += READ_ONCE(st->faults);
	}
}

/* Whether the counts so far reach the minimums. */
static bool minimums_met(void)
{
	struct load_counts t;

	load_totals(&t);
	return t.ops >= min_counts.ops && t.plugs >= min_counts.plugs &&
	       t.unplugs >= min_counts.plugs && t.ipis >= min_counts.ipis &&
	       t.fences >= min_counts.fences && t.faults >= min_counts.faults;
}

/* Ends the load at its deadline, or later while below the minimums. */
static void load_end_check(unsigned long now)
{
	static bool told;

	if (READ_ONCE(soak_over) || now < soak_deadline)
		return;
	if (now >= soak_limit || minimums_met()) {
		WRITE_ONCE(soak_over, 1);
		return;
	}
	if (!told) {
		printk("soak: below the minimum counts at the deadline: the load goes on, for up to %lu s in all\n",
		       ticks_to_ms(soak_limit - t_start) / 1000);
		told = true;
	}
}

/* Whether a hart takes another step of the load. */
static bool load_goes_on(void)
{
	return !READ_ONCE(soak_over) && !READ_ONCE(soak_stop) &&
	       rdtime() < soak_limit;
}

static void watchdog(unsigned long hartid)
{
	unsigned long now = rdtime(), i, stuck = 0;

	if (now < READ_ONCE(wd.next) ||
	    __atomic_exchange_n(&wd.claim, 1, __ATOMIC_ACQUIRE))
		return;
	/*
	 * Time again, under the claim: another hart may have run the
	 * watchdog since the read above and stamped wd.since later than it.
	 */
	now = rdtime();
	for (i = 0; i < soak_nharts; i++) {
		unsigned long h = soak_hartids[i];
		unsigned long p = atomic_load(&soak_stats[h].progress);

		if (p != wd.seen[h] || atomic_load(&soak_stats[h].done)) {
			wd.seen[h] = p;
			wd.since[h] = now;
		} else if (now - wd.since[h] > us_to_ticks(stall_seconds * 1000000)) {
			violation(hartid, "watchdog: hart %lu made no progress for %lu s: deadlock",
				  h, ticks_to_ms(now - wd.since[h]) / 1000);
			stuck++;
		}
	}
	if (stuck) {
		stall_report(now);
		printk("soak: stopped by the watchdog, %lu violations\n",
		       violations());
		soak_shutdown(true);
	}
	if (now >= wd.next_beat) {
		struct load_counts t;

		load_totals(&t);
		printk("soak: t=%lus: %lu memhp ops, %lu ipis, %lu fences, %lu faults, %lu violations\n",
		       ticks_to_ms(now - t_start) / 1000, t.ops, t.ipis,
		       t.fences, t.faults, violations());
		wd.next_beat = now + us_to_ticks(HEARTBEAT_SECONDS * 1000000);
	}
	load_end_check(now);
	WRITE_ONCE(wd.next, now + us_to_ticks(WATCHDOG_PERIOD_MS * 1000));
	__atomic_store_n(&wd.claim, 0, __ATOMIC_RELEASE);
}

/* Waits until every hart arrived; the watchdog keeps running meanwhile. */
static bool barrier(volatile unsigned long *count, unsigned long hartid)
{
	unsigned long end = rdtime() + us_to_ticks(stall_seconds * 1000000);

	atomic_add((unsigned long *)count, 1);
	while (atomic_load((unsigned long *)count) < soak_nharts) {
		if (rdtime() > end) {
			violation(hartid, "only %lu of %lu harts reached the end of the run",
				  atomic_load((unsigned long *)count), soak_nharts);
			return false;
		}
		cpu_relax();
	}
	return true;
}

/* ---- the load */

/*
 * The boot hart watches: it only sends IPIs (which never wait for another
 * hart in the firmware), so it keeps running the watchdog even when the
 * others are stuck in M-mode. Between steps it sleeps in WFI for up to
 * MONITOR_TICK_US, which leaves the host CPU to the other harts.
 */
static void monitor_run(unsigned long hartid, unsigned long *seed)
{
	while (load_goes_on()) {
		ipi_step(hartid, seed);
		ipi_check_lost(hartid);
		watchdog(hartid);
		csr_clear(sstatus, SSTATUS_SIE);
		sbi_set_timer(rdtime() + us_to_ticks(MONITOR_TICK_US));
		wfi();
		csr_set(sstatus, SSTATUS_SIE);
	}
	sbi_set_timer(~0UL);
	csr_clear(sie, SIE_STIE);
}

static void worker_run(unsigned long hartid, unsigned long *seed)
{
	while (load_goes_on()) {
		unsigned long x = rand64(seed) % 100;

		if (x < 45)
			memhp_step(hartid, seed);
		else if (x < 75)
			ipi_step(hartid, seed);
		else
			fence_step(hartid, seed);
		ipi_check_lost(hartid);
		watchdog(hartid);
		if (pause_us)
			delay_us(rand64(seed) % pause_us);
	}
}

static void soak_run(unsigned long hartid)
{
	struct soak_stats *st = &soak_stats[hartid];
	unsigned long seed = (base_seed + 1) * 0x9e3779b97f4a7c15UL ^
			     (hartid + 1) * 0xbf58476d1ce4e5b9UL;

	if (hartid == soak_boot_hart && soak_nharts > 1) {
		csr_write(sie, SIE_SSIE | SIE_STIE);
		csr_set(sstatus, SSTATUS_SIE);
		monitor_run(hartid, &seed);
	} else {
		csr_write(sie, SIE_SSIE);
		csr_set(sstatus, SSTATUS_SIE);
		worker_run(hartid, &seed);
	}
	atomic_store(&st->done, 1);
	/* everyone stops sending, then every hart empties its inbox */
	if (!barrier(&joined1, hartid))
		return;
	op_begin(st, OP_DRAIN, 0, 0);
	if (!ipi_drain(hartid, stall_seconds * 1000000))
		violation(hartid, "IPI messages sent to this hart were never delivered");
	op_end(st);
	barrier(&joined2, hartid);
}

void secondary_main(unsigned long hartid, unsigned long opaque __always_unused)
{
	struct soak_stats *st = &soak_stats[hartid];

	atomic_store(&st->alive, 1);
	while (!atomic_load((unsigned long *)&go))
		cpu_relax();
	soak_run(hartid);
	atomic_add((unsigned long *)&finished, 1);
	/*
	 * The boot hart checks and shuts down; its exact IPI round and the
	 * MEMHP clean-up still reach us here (interrupts stay on).
	 */
	for (;;)
		wfi();
}

static void print_summary(void)
{
	unsigned long i, ops = 0, plugs = 0, unplugs = 0, errs = 0, sent = 0;
	unsigned long recv = 0, fences = 0, faults = 0, slow = 0, slow_op = 0;
	unsigned long slow_hart = 0, op;

	for (i = 0; i < soak_nharts; i++) {
		unsigned long h = soak_hartids[i];
		struct soak_stats *st = &soak_stats[h];
		unsigned long f = st->fences[0] + st->fences[1] + st->fences[2];

		printk("soak: hart %lu: %lu steps, %lu memhp ops (%lu plugs, %lu unplugs), %lu ipis sent, %lu received in %lu interrupts (%lu empty), %lu fences, %lu faults, slowest %s %lu ms\n",
		       h, st->progress, st->memhp_ops, st->plugs, st->unplugs,
		       st->ipi_sent, st->ipi_received, st->ipi_irqs,
		       st->ipi_empty, f, st->faults,
		       op_names[st->slowest_op < OP_NR ? st->slowest_op : 0],
		       ticks_to_ms(st->slowest_ticks));
		ops += st->memhp_ops;
		plugs += st->plugs;
		unplugs += st->unplugs;
		errs += st->err_budget + st->err_busy + st->err_param +
			st->err_addr + st->err_attr;
		sent += st->ipi_sent;
		recv += st->ipi_received;
		fences += f;
		faults += st->faults;
		if (st->slowest_ticks > slow) {
			slow = st->slowest_ticks;
			slow_op = st->slowest_op;
			slow_hart = h;
		}
	}
	memhp_report();
	for (op = OP_IDLE + 1; op < OP_NR; op++) {
		unsigned long cnt = 0, ticks = 0;

		for (i = 0; i < soak_nharts; i++) {
			cnt += soak_stats[soak_hartids[i]].op_count[op];
			ticks += soak_stats[soak_hartids[i]].op_ticks[op];
		}
		if (cnt)
			printk("soak: time: %s: %lu calls, %lu us each on average\n",
			       op_names[op], cnt,
			       ticks_to_ms(ticks * 1000) / cnt);
	}
	printk("soak: slowest call: %s on hart %lu, %lu ms\n",
	       op_names[slow_op < OP_NR ? slow_op : 0], slow_hart,
	       ticks_to_ms(slow));
	if (sent == recv)
		printk("soak: %lu memhp ops (%lu plugs, %lu unplugs, %lu expected errors), %lu ipis sent = received, %lu fences, %lu faults expected, %lu violations\n",
		       ops, plugs, unplugs, errs, sent, fences, faults,
		       violations());
	else
		printk("soak: %lu memhp ops (%lu plugs, %lu unplugs, %lu expected errors), %lu ipis sent != %lu received, %lu fences, %lu faults expected, %lu violations\n",
		       ops, plugs, unplugs, errs, sent, recv, fences, faults,
		       violations());
}

void boot_main(unsigned long hartid, unsigned long fdt_addr)
{
	unsigned long i, n = 0, end;
	struct sbiret r;
	bool ok = true;

	soak_boot_hart = hartid;
	fdt_parse(fdt_addr);
	console_init();
	bootargs_parse(fdt_addr);
	t_start = rdtime();
	if (!fdt.valid || !fdt.nharts) {
		printk("soak: VIOLATION: no usable device tree at %#lx\n", fdt_addr);
		atomic_add(&n_violations, 1);
		soak_shutdown(true);
	}
	for (i = 0; i < fdt.nharts; i++) {
		if (fdt.hartids[i] >= MAX_HARTS) {
			printk("soak: hart id %lu is out of range\n", fdt.hartids[i]);
			atomic_add(&n_violations, 1);
			soak_shutdown(true);
		}
		soak_hartids[n++] = fdt.hartids[i];
	}
	soak_nharts = n;
	if (!base_seed)
		base_seed = rdtime() & 0xffffff;
	printk("soak: %lu harts, %lu s of load, watchdog %lu s, seed %lu, pause %lu us, IPI late by %lu ms allowed\n",
	       soak_nharts, run_seconds, stall_seconds, base_seed, pause_us,
	       soak_ipi_late_ms);
	if (limit_seconds < run_seconds)
		limit_seconds = run_seconds;
	printk("soak: minimums %lu memhp ops, %lu plugs and unplugs, %lu ipis, %lu fences, %lu faults, within %lu s\n",
	       min_counts.ops, min_counts.plugs, min_counts.ipis,
	       min_counts.fences, min_counts.faults, limit_seconds);

	if (!memhp_setup()) {
		printk("soak: MEMHP set-up failed, %lu violations\n", violations());
		soak_shutdown(true);
	}

	for (i = 0; i < soak_nharts; i++) {
		unsigned long h = soak_hartids[i];

		if (h == soak_boot_hart)
			continue;
		r = sbi_hart_start(h, (unsigned long)secondary_entry, h);
		if (r.error) {
			violation(soak_boot_hart, "hart_start(%lu) returned %ld", h,
				  r.error);
			ok = false;
		}
	}
	end = rdtime() + us_to_ticks(5000000);
	for (i = 0; ok && i < soak_nharts; i++) {
		unsigned long h = soak_hartids[i];

		if (h == soak_boot_hart)
			continue;
		while (!atomic_load(&soak_stats[h].alive) && rdtime() < end)
			cpu_relax();
		if (!atomic_load(&soak_stats[h].alive)) {
			violation(soak_boot_hart, "hart %lu did not start", h);
			ok = false;
		}
	}
	if (!ok)
		soak_shutdown(true);

	t_start = rdtime();
	soak_deadline = t_start + us_to_ticks(run_seconds * 1000000);
	soak_limit = t_start + us_to_ticks(limit_seconds * 1000000);
	wd.next = t_start;
	wd.next_beat = t_start + us_to_ticks(HEARTBEAT_SECONDS * 1000000);
	for (i = 0; i < soak_nharts; i++)
		wd.since[soak_hartids[i]] = t_start;
	atomic_store((unsigned long *)&go, 1);
	soak_run(soak_boot_hart);

	/* the others finished too: they idle in wfi from now on */
	end = rdtime() + us_to_ticks(stall_seconds * 1000000);
	while (atomic_load((unsigned long *)&finished) < soak_nharts - 1 &&
	       rdtime() < end)
		cpu_relax();
	if (atomic_load((unsigned long *)&finished) < soak_nharts - 1) {
		violation(soak_boot_hart, "only %lu of %lu other harts finished",
			  atomic_load((unsigned long *)&finished), soak_nharts - 1);
		stall_report(rdtime());
	} else {
		printk("soak: load ran %lu ms; all harts joined\n",
		       ticks_to_ms(rdtime() - t_start));
		ipi_exact_round(soak_boot_hart);
		ipi_final();
		memhp_final();
	}
	print_summary();
	soak_shutdown(violations() != 0);
}
