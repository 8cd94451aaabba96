/*
 * Tests of the BASE, TIME, IPI, RFENCE, DBCN and SRST extensions and of the
 * counter CSRs, checked against the SBI v2.0 specification.
 */
#include "payload.h"

extern unsigned long preserve_last_error, preserve_last_a6, preserve_last_a7;
extern unsigned long dbcn_print_errors;

static const struct {
	unsigned long eid;
	const char *name;
} std_exts[] = {
	{ SBI_EXT_BASE, "BASE" },
	{ SBI_EXT_TIME, "TIME" },
	{ SBI_EXT_IPI, "IPI" },
	{ SBI_EXT_RFENCE, "RFENCE" },
	{ SBI_EXT_HSM, "HSM" },
	{ SBI_EXT_SRST, "SRST" },
	{ SBI_EXT_DBCN, "DBCN" },
};

static unsigned long boot_marchid, boot_mimpid;

/* Registers in ecall_preserve_check's bit order, most significant first. */
static const char *const preserve_order[] = {
	"sp", "ra", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a2", "a3", "a4",
	"a5", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11",
	"t3", "t4", "t5", "t6",
};

static void check_preserved(unsigned long eid, unsigned long fid,
			    unsigned long a0, unsigned long a1,
			    const char *what)
{
	unsigned long n = ARRAY_SIZE(preserve_order), mask, i;

	mask = ecall_preserve_check(eid, fid, a0, a1);
	for (i = 0; i < n; i++)
		if (mask & (1UL << (n - 1 - i)))
			printk("# %s clobbered %s\n", what, preserve_order[i]);
	check_eq(mask, 0, "%s preserves all registers but a0/a1", what);
	check_true(preserve_last_a6 == fid && preserve_last_a7 == eid,
		   "%s preserves a6/a7", what);
}

/* The smallest hart id above every hart in the FDT: not a valid hart. */
static unsigned long invalid_hartid(void)
{
	unsigned long i, max = 0;

	for (i = 0; i < fdt.nharts; i++)
		if (fdt.hartids[i] > max)
			max = fdt.hartids[i];
	return max + 1;
}

static bool all_harts_have_h(void)
{
	unsigned long i;

	for (i = 0; i < fdt.nharts; i++)
		if (!fdt.hart_has_h[i])
			return false;
	return fdt.nharts > 0;
}

/* ------------------------------------------------------------------ BASE */

void test_base(void)
{
	struct sbiret r;
	unsigned long i, v;

	r = sbi_call0(SBI_EXT_BASE, SBI_BASE_GET_SPEC_VERSION);
	check_eq(r.error, 0, "BASE get_spec_version succeeds");
	printk("# SBI spec version %lu.%lu\n", (r.value >> 24) & 0x7f,
	       r.value & 0xffffff);
	check_eq((unsigned long)r.value >> 31, 0,
		 "BASE spec version: bit 31 and above are zero");
	if (is_hotsbi)
		check_eq(r.value, 0x02000000, "BASE get_spec_version is 2.0");
	else
		skip("not HotSBI", "BASE get_spec_version is 2.0");

	r = sbi_call0(SBI_EXT_BASE, SBI_BASE_GET_IMPL_ID);
	check_eq(r.error, 0, "BASE get_impl_id succeeds");
	printk("# SBI implementation id %#lx%s\n", r.value,
	       is_hotsbi ? " (HotSBI)" : "");
	if (is_hotsbi) {
		printk("# sbi implementation: HotSBI\n");
		check_eq(r.value, SBI_IMPL_ID_HOTSBI,
			 "BASE get_impl_id is HotSBI's 0x48534249");
	} else {
		skip("not HotSBI", "BASE get_impl_id is 0x48534249, not OpenSBI's 1");
	}

	r = sbi_call0(SBI_EXT_BASE, SBI_BASE_GET_IMPL_VERSION);
	check_eq(r.error, 0, "BASE get_impl_version succeeds");
	printk("# SBI implementation version %#lx\n", r.value);

	for (i = 0; i < ARRAY_SIZE(std_exts); i++) {
		r = sbi_probe(std_exts[i].eid);
		check_eq(r.error, 0, "BASE probe_extension(%s) succeeds",
			 std_exts[i].name);
		if (is_hotsbi)
			check_eq(r.value, 1, "BASE probe_extension(%s) = 1",
				 std_exts[i].name);
		else if (std_exts[i].eid == SBI_EXT_DBCN && !r.value)
			skip("not HotSBI, DBCN absent",
			     "BASE probe_extension(DBCN) != 0");
		else
			check_true(r.value != 0, "BASE probe_extension(%s) != 0",
				   std_exts[i].name);
	}
	r = sbi_probe(0x12345678);
	check_eq(r.error, 0, "BASE probe_extension(0x12345678) succeeds");
	check_eq(r.value, 0, "BASE probe_extension(0x12345678) = 0");
	r = sbi_probe(SBI_EXT_LEGACY_PUTCHAR);
	printk("# legacy console_putchar %s\n", r.value ? "present" : "absent");
	if (!r.value) {
		r = sbi_call1(SBI_EXT_LEGACY_PUTCHAR, 0, '#');
		check_eq(r.error, SBI_ERR_NOT_SUPPORTED,
			 "legacy console_putchar, probed absent, returns -2");
	}

	r = sbi_call0(SBI_EXT_BASE, SBI_BASE_GET_MVENDORID);
	check_eq(r.error, 0, "BASE get_mvendorid succeeds");
	check_eq(r.value, 0, "BASE get_mvendorid is 0 on QEMU");
	r = sbi_call0(SBI_EXT_BASE, SBI_BASE_GET_MARCHID);
	check_eq(r.error, 0, "BASE get_marchid succeeds");
	boot_marchid = r.value;
	r = sbi_call0(SBI_EXT_BASE, SBI_BASE_GET_MIMPID);
	check_eq(r.error, 0, "BASE get_mimpid succeeds");
	boot_mimpid = r.value;
	printk("# marchid %#lx, mimpid %#lx\n", boot_marchid, boot_mimpid);
	r = sbi_call0(SBI_EXT_BASE, SBI_BASE_GET_MARCHID);
	v = r.value;
	r = sbi_call0(SBI_EXT_BASE, SBI_BASE_GET_MIMPID);
	check_true(v == boot_marchid && r.value == (long)boot_mimpid,
		   "BASE get_marchid/get_mimpid are stable");

	/* unknown functions and extensions */
	r = sbi_call0(SBI_EXT_BASE, 7);
	check_eq(r.error, SBI_ERR_NOT_SUPPORTED, "BASE unknown FID 7 returns -2");
	r = sbi_call0(SBI_EXT_BASE, 0x100);
	check_eq(r.error, SBI_ERR_NOT_SUPPORTED, "BASE unknown FID 0x100 returns -2");
	r = sbi_call0(SBI_EXT_TIME, 1);
	check_eq(r.error, SBI_ERR_NOT_SUPPORTED, "TIME unknown FID 1 returns -2");
	r = sbi_call0(SBI_EXT_IPI, 1);
	check_eq(r.error, SBI_ERR_NOT_SUPPORTED, "IPI unknown FID 1 returns -2");
	r = sbi_call0(SBI_EXT_RFENCE, 7);
	check_eq(r.error, SBI_ERR_NOT_SUPPORTED, "RFENCE unknown FID 7 returns -2");
	r = sbi_call0(SBI_EXT_HSM, 4);
	check_eq(r.error, SBI_ERR_NOT_SUPPORTED, "HSM unknown FID 4 returns -2");
	r = sbi_call0(SBI_EXT_SRST, 1);
	check_eq(r.error, SBI_ERR_NOT_SUPPORTED, "SRST unknown FID 1 returns -2");
	if (have_dbcn) {
		r = sbi_call0(SBI_EXT_DBCN, 3);
		check_eq(r.error, SBI_ERR_NOT_SUPPORTED,
			 "DBCN unknown FID 3 returns -2");
	} else {
		skip("DBCN absent", "DBCN unknown FID 3 returns -2");
	}
	r = sbi_call0(0x12345678, 0);
	check_eq(r.error, SBI_ERR_NOT_SUPPORTED, "unknown EID 0x12345678 returns -2");
	r = sbi_call0(0x0FFFFFFF, 0);
	check_eq(r.error, SBI_ERR_NOT_SUPPORTED, "unknown EID 0x0FFFFFFF returns -2");

	/* the calling convention: everything but a0/a1 is preserved */
	check_preserved(SBI_EXT_BASE, SBI_BASE_GET_SPEC_VERSION, 0, 0,
			"BASE get_spec_version");
	check_preserved(SBI_EXT_BASE, SBI_BASE_PROBE_EXT, SBI_EXT_HSM, 0,
			"BASE probe_extension");
	check_preserved(0x12345678, 0, 0, 0, "unknown EID");
	check_preserved(SBI_EXT_HSM, SBI_HSM_HART_GET_STATUS, boot_hartid, 0,
			"HSM hart_get_status");
	check_preserved(SBI_EXT_TIME, SBI_TIME_SET_TIMER, ~0UL, 0,
			"TIME set_timer(-1)");
	check_preserved(SBI_EXT_RFENCE, SBI_RFENCE_FENCE_I, 1, boot_hartid,
			"RFENCE remote_fence_i(self)");
}

/* -------------------------------------------------------------- counters */

static bool read_counter(unsigned long (*fn)(void), unsigned long *val)
{
	struct hart_data *hd = &harts[current_hartid()];

	WRITE_ONCE(hd->trap_cause, 0);
	WRITE_ONCE(hd->trap_expected, 1);
	*val = fn();
	if (READ_ONCE(hd->trap_expected)) {
		WRITE_ONCE(hd->trap_expected, 0);
		return true;
	}
	printk("# counter read trapped, scause %#lx\n", hd->trap_cause);
	return false;
}

/* Returns a bit mask of the counters S-mode cannot read (time, cycle, instret). */
unsigned long counters_unreadable(void)
{
	unsigned long v, m = 0;

	m |= read_counter(probe_csr_time, &v) ? 0 : 1;
	m |= read_counter(probe_csr_cycle, &v) ? 0 : 2;
	m |= read_counter(probe_csr_instret, &v) ? 0 : 4;
	return m;
}

void test_counters(void)
{
	unsigned long a, b;
	bool ok1, ok2;

	ok1 = read_counter(probe_csr_time, &a);
	delay_us(1000);
	ok2 = read_counter(probe_csr_time, &b);
	check_true(ok1 && ok2, "S-mode can read the time CSR");
	check_true(ok1 && ok2 && b > a, "time CSR advances");

	ok1 = read_counter(probe_csr_cycle, &a);
	delay_us(100);
	ok2 = read_counter(probe_csr_cycle, &b);
	check_true(ok1 && ok2, "S-mode can read the cycle CSR (mcounteren.CY)");
	check_true(ok1 && ok2 && b > a, "cycle CSR advances");

	ok1 = read_counter(probe_csr_instret, &a);
	delay_us(100);
	ok2 = read_counter(probe_csr_instret, &b);
	check_true(ok1 && ok2, "S-mode can read the instret CSR (mcounteren.IR)");
	check_true(ok1 && ok2 && b > a, "instret CSR advances");
}

/* ---------------------------------------------------------------- memory */

/* A load from addr; returns scause if it trapped, else 0. */
static unsigned long load_trap(unsigned long addr)
{
	struct hart_data *hd = &harts[current_hartid()];

	WRITE_ONCE(hd->trap_cause, 0);
	WRITE_ONCE(hd->trap_expected, 1);
	probe_load(addr);
	if (READ_ONCE(hd->trap_expected)) {
		WRITE_ONCE(hd->trap_expected, 0);
		return 0;
	}
	return READ_ONCE(hd->trap_cause);
}

#define CAUSE_LOAD_ACCESS	5

/*
 * S-mode may not reach the timer and IPI devices' registers (CLINT, or
 * ACLINT MSWI and MTIMER): the first and last word of every range.
 */
static void test_timer_ipi_denied(void)
{
	struct fdt_region r[TIMER_IPI_REGS_MAX];
	unsigned long n = fdt_timer_ipi_regs(r, ARRAY_SIZE(r)), i;

	check_true(n > 0, "the tree has a CLINT or ACLINT node with registers");
	for (i = 0; i < n; i++) {
		check_eq(load_trap(r[i].base), CAUSE_LOAD_ACCESS,
			 "S-mode load from timer/IPI registers at %#lx takes a load access fault",
			 r[i].base);
		check_eq(load_trap(r[i].base + r[i].size - 4), CAUSE_LOAD_ACCESS,
			 "S-mode load from the last word of timer/IPI registers %#lx+%#lx faults",
			 r[i].base, r[i].size);
	}
}

void test_memory(void)
{
	unsigned long fw = 0x80000000UL, i, fw_end = 0;

	for (i = 0; i < fdt.nresv; i++)
		if (fdt.resv[i].base <= fw && fw - fdt.resv[i].base < fdt.resv[i].size)
			fw_end = fdt.resv[i].base + fdt.resv[i].size;
	check_true(fw_end != 0,
		   "FDT /reserved-memory covers the firmware at %#lx", fw);
	check_eq(load_trap((unsigned long)&fdt), 0,
		 "S-mode load from the payload's own memory does not trap");
	if (fdt.no_pmp) {
		/* Nothing can deny S-mode anything; the banner said so. */
		check_eq(load_trap(fw), 0,
			 "no PMP: S-mode load from the firmware at %#lx does not trap",
			 fw);
		return;
	}
	check_eq(load_trap(fw), CAUSE_LOAD_ACCESS,
		 "S-mode load from the firmware at %#lx takes a load access fault",
		 fw);
	if (fw_end)
		check_eq(load_trap(fw_end - 8), CAUSE_LOAD_ACCESS,
			 "S-mode load from the end of the firmware region (%#lx) faults",
			 fw_end - 8);
	if (is_hotsbi)
		test_timer_ipi_denied();
}

/* ------------------------------------------------------------------ TIME */

void test_time(void)
{
	struct hart_data *hd = &harts[boot_hartid];
	unsigned long count, target, i;
	struct sbiret r;
	bool ok;

	csr_set(sie, SIE_STIE);

	count = atomic_load(&hd->stip_count);
	target = rdtime() + us_to_ticks(10000);
	r = sbi_set_timer(target);
	check_eq(r.error, 0, "TIME set_timer(now + 10 ms) returns 0");
	csr_set(sstatus, SSTATUS_SIE);
	ok = WAIT_UNTIL(atomic_load(&hd->stip_count) != count, 1000000);
	csr_clear(sstatus, SSTATUS_SIE);
	check_true(ok, "TIME: S-timer interrupt taken");
	check_true(READ_ONCE(hd->stip_time) >= target,
		   "TIME: interrupt not earlier than requested (%ld ticks late)",
		   (long)(READ_ONCE(hd->stip_time) - target));
	check_eq(atomic_load(&hd->stip_count) - count, 1,
		 "TIME: exactly one interrupt");
	check_eq(csr_read(sip) & SIP_STIP, 0,
		 "TIME: set_timer(-1) in the handler cleared STIP");

	count = atomic_load(&hd->stip_count);
	r = sbi_set_timer(0);
	check_eq(r.error, 0, "TIME set_timer(0) (in the past) returns 0");
	ok = WAIT_UNTIL(csr_read(sip) & SIP_STIP, 100000);
	check_true(ok, "TIME: a past stime_value makes STIP pending");
	check_eq(atomic_load(&hd->stip_count), count,
		 "TIME: no interrupt taken while sstatus.SIE = 0");
	r = sbi_set_timer(rdtime() + us_to_ticks(10000000));
	check_eq(r.error, 0, "TIME set_timer(now + 10 s) returns 0");
	check_eq(csr_read(sip) & SIP_STIP, 0,
		 "TIME: set_timer(future) clears a pending STIP");

	sbi_set_timer(0);
	ok = WAIT_UNTIL(csr_read(sip) & SIP_STIP, 100000);
	r = sbi_set_timer(~0UL);
	check_eq(r.error, 0, "TIME set_timer(-1) returns 0");
	check_true(ok && !(csr_read(sip) & SIP_STIP),
		   "TIME: set_timer(-1) clears a pending STIP");

	/* masked with sie.STIE = 0: still pends, still cleared */
	csr_clear(sie, SIE_STIE);
	sbi_set_timer(0);
	ok = WAIT_UNTIL(csr_read(sip) & SIP_STIP, 100000);
	check_true(ok, "TIME: STIP pends with sie.STIE = 0");
	sbi_set_timer(~0UL);
	check_eq(csr_read(sip) & SIP_STIP, 0,
		 "TIME: set_timer(-1) clears STIP with sie.STIE = 0");
	delay_us(20000);
	check_eq(csr_read(sip) & SIP_STIP, 0,
		 "TIME: no timer pending 20 ms after set_timer(-1)");
	csr_set(sie, SIE_STIE);
	check_eq(atomic_load(&hd->stip_count), count,
		 "TIME: no stray timer interrupt");

	for (i = 0; i < fdt.nharts; i++)
		if (fdt.hartids[i] == boot_hartid)
			break;
	if (i < fdt.nharts && fdt.hart_has_sstc[i]) {
		WRITE_ONCE(hd->trap_expected, 1);
		probe_stimecmp_read();
		ok = READ_ONCE(hd->trap_expected);	/* still set: no trap */
		WRITE_ONCE(hd->trap_expected, 0);
		if (!ok)
			printk("# stimecmp access trapped, scause %#lx\n",
			       READ_ONCE(hd->trap_cause));
		if (ok || is_hotsbi)
			check_true(ok, "Sstc: S-mode can access stimecmp (menvcfg.STCE)");
		else
			skip("not HotSBI, stimecmp traps",
			     "Sstc: S-mode can access stimecmp (menvcfg.STCE)");
		if (ok) {
			count = atomic_load(&hd->stip_count);
			target = rdtime() + us_to_ticks(5000);
			probe_stimecmp_write(target);
			csr_set(sstatus, SSTATUS_SIE);
			ok = WAIT_UNTIL(atomic_load(&hd->stip_count) != count,
					1000000);
			csr_clear(sstatus, SSTATUS_SIE);
			check_true(ok && READ_ONCE(hd->stip_time) >= target,
				   "Sstc: a stimecmp write raises the S-timer interrupt");
		}
	}
}

/* Timer, counters and BASE values on every started secondary hart. */
void test_secondaries(void)
{
	unsigned long i;

	for (i = 0; i < fdt.nharts; i++) {
		unsigned long h = fdt.hartids[i];
		struct hart_data *hd = &harts[h];
		bool ok;

		if (h == boot_hartid || h >= MAX_HARTS || !hd->alive)
			continue;
		ok = post_cmd(h, CMD_PING, 0) && wait_cmd(h, 2000000);
		check_true(ok, "hart %lu runs commands", h);
		if (!ok)
			continue;
		check_true(hd->result[0] == 0 && hd->result[1] == (long)boot_marchid &&
			   hd->result[2] == (long)boot_mimpid,
			   "hart %lu: BASE mvendorid/marchid/mimpid match the boot hart's", h);
		check_eq(hd->result[3], SBI_HSM_STARTED,
			 "hart %lu: hart_get_status(self) = STARTED", h);
		check_eq(hd->result[4], 0,
			 "hart %lu: time/cycle/instret readable (mask of unreadable)", h);

		ok = post_cmd(h, CMD_TIMER, 5000) && wait_cmd(h, 2000000);
		check_true(ok && hd->result[0] == 0 && hd->result[1],
			   "hart %lu: TIME set_timer interrupt taken", h);
		check_true(ok && hd->result[2],
			   "hart %lu: TIME interrupt not earlier than requested", h);
		check_eq(hd->result[3], 1, "hart %lu: TIME exactly one interrupt", h);
	}
}

/* --------------------------------------------------------- timer deadlines */
#define TIMER_MASK_ONLY	(1UL << 63)

static const unsigned long timer_distances_us[] = { 200, 2000, 20000, 200000 };

/*
 * One S-timer deadline on the calling hart: set_timer(now + arg ticks), take
 * the interrupt, then wait a tenth of the distance more for a second one.
 * With TIMER_MASK_ONLY in arg the handler masks sie.STIE instead of calling
 * set_timer(-1). result[0]: the error; [1]: interrupts taken; [2]: ticks
 * from the deadline to the interrupt (negative: early).
 */
void timer_deadline(struct hart_data *hd, unsigned long arg)
{
	unsigned long ticks = arg & ~TIMER_MASK_ONLY;
	unsigned long tb_mhz = (fdt.timebase ? fdt.timebase : 10000000) / 1000000;
	unsigned long count, target;
	struct sbiret r;

	WRITE_ONCE(hd->timer_mask_only, !!(arg & TIMER_MASK_ONLY));
	count = atomic_load(&hd->stip_count);
	csr_set(sie, SIE_STIE);
	target = rdtime() + ticks;
	r = sbi_set_timer(target);
	hd->result[0] = r.error;
	csr_set(sstatus, SSTATUS_SIE);
	WAIT_UNTIL(atomic_load(&hd->stip_count) != count,
		   ticks / tb_mhz + 1000000);
	delay_us(ticks / tb_mhz / 10 + 100);
	csr_clear(sstatus, SSTATUS_SIE);
	hd->result[1] = atomic_load(&hd->stip_count) - count;
	hd->result[2] = (long)(READ_ONCE(hd->stip_time) - target);
	sbi_set_timer(~0UL);
	csr_set(sie, SIE_STIE);
	WRITE_ONCE(hd->timer_mask_only, false);
}

/*
 * S-mode timers never fire before the requested time: every started hart
 * sets a timer at once, at each distance, both with the handler re-arming to
 * -1 and with it only masking the interrupt.
 */
void test_timer_deadlines(void)
{
	unsigned long mode, d, i;

	for (mode = 0; mode < 2; mode++) {
		for (d = 0; d < ARRAY_SIZE(timer_distances_us); d++) {
			unsigned long us = timer_distances_us[d];
			unsigned long arg = us_to_ticks(us) - 1;
			const char *how = mode ? "handler masks STIE" :
						 "handler sets -1";
			long earliest = (long)(~0UL >> 1), latest = -earliest;

			if (mode)
				arg |= TIMER_MASK_ONLY;
			for (i = 0; i < fdt.nharts; i++) {
				unsigned long h = fdt.hartids[i];

				if (h != boot_hartid && h < MAX_HARTS &&
				    harts[h].alive &&
				    !post_cmd(h, CMD_TIMER_DEADLINE, arg))
					harts[h].result[0] = -1000;
			}
			timer_deadline(&harts[boot_hartid], arg);
			for (i = 0; i < fdt.nharts; i++) {
				unsigned long h = fdt.hartids[i];
				struct hart_data *hd = &harts[h];
				bool ok;

				if (h >= MAX_HARTS || !hd->alive)
					continue;
				ok = h == boot_hartid ||
				     wait_cmd(h, us + 2000000);
				check_true(ok && hd->result[0] == 0 &&
					   hd->result[1] == 1,
					   "hart %lu: set_timer(now + %lu us), %s: one interrupt (error %ld, %ld taken)",
					   h, us, how, hd->result[0], hd->result[1]);
				check_true(ok && hd->result[2] >= 0,
					   "hart %lu: set_timer(now + %lu us), %s: not before the deadline (%ld ticks late)",
					   h, us, how, hd->result[2]);
				if (ok && hd->result[2] < earliest)
					earliest = hd->result[2];
				if (ok && hd->result[2] > latest)
					latest = hd->result[2];
			}
			printk("# timer now + %lu us (%lu ticks), %s: %ld to %ld ticks late\n",
			       us, arg & ~TIMER_MASK_ONLY, how, earliest, latest);
		}
	}
}

/* ------------------------------------------------------------------- IPI */

static bool wait_ipis(const unsigned long *before, unsigned long n)
{
	unsigned long i;
	bool ok = true;

	for (i = 0; i < fdt.nharts; i++) {
		unsigned long h = fdt.hartids[i];

		if (h >= MAX_HARTS || !harts[h].alive)
			continue;
		ok &= WAIT_UNTIL(atomic_load(&harts[h].ssip_count) >= before[h] + n,
				 1000000);
	}
	return ok;
}

static void snapshot_ipis(unsigned long *counts)
{
	unsigned long i;

	for (i = 0; i < MAX_HARTS; i++)
		counts[i] = atomic_load(&harts[i].ssip_count);
}

/* After a settle time: target (or every hart for ~0UL) took exactly n more. */
static bool ipis_exact(const unsigned long *before, unsigned long target,
		       unsigned long n)
{
	unsigned long i;
	bool ok = true;

	delay_us(5000);
	for (i = 0; i < fdt.nharts; i++) {
		unsigned long h = fdt.hartids[i];
		unsigned long want = (target == ~0UL || target == h) ? n : 0;

		if (h >= MAX_HARTS || !harts[h].alive)
			continue;
		if (atomic_load(&harts[h].ssip_count) != before[h] + want) {
			printk("# hart %lu: %lu IPIs, want %lu\n", h,
			       atomic_load(&harts[h].ssip_count) - before[h], want);
			ok = false;
		}
	}
	return ok;
}

void test_ipi(void)
{
	unsigned long before[MAX_HARTS], b = boot_hartid, i, base, mask;
	struct hart_data *bd = &harts[b];
	struct sbiret r;
	bool ok;

	snapshot_ipis(before);
	csr_set(sie, SIE_SSIE);
	csr_set(sstatus, SSTATUS_SIE);

	before[b] = atomic_load(&bd->ssip_count);
	r = sbi_send_ipi(1, b);
	check_eq(r.error, 0, "IPI send_ipi(1, self) returns 0");
	ok = WAIT_UNTIL(atomic_load(&bd->ssip_count) == before[b] + 1, 1000000);
	check_true(ok, "IPI: self IPI taken as a supervisor software interrupt");
	delay_us(2000);
	check_eq(atomic_load(&bd->ssip_count) - before[b], 1,
		 "IPI: exactly one self IPI");

	if (b < 64) {
		before[b] = atomic_load(&bd->ssip_count);
		r = sbi_send_ipi(1UL << b, 0);
		check_eq(r.error, 0, "IPI send_ipi(1 << self, 0) returns 0");
		ok = WAIT_UNTIL(atomic_load(&bd->ssip_count) == before[b] + 1,
				1000000);
		check_true(ok, "IPI: self IPI through a mask bit taken");
	}

	for (i = 0; i < fdt.nharts; i++) {
		unsigned long h = fdt.hartids[i];

		if (h == b || h >= MAX_HARTS || !harts[h].alive)
			continue;
		snapshot_ipis(before);
		r = sbi_send_ipi(1, h);
		check_eq(r.error, 0, "IPI send_ipi(1, %lu) returns 0", h);
		ok = WAIT_UNTIL(atomic_load(&harts[h].ssip_count) >= before[h] + 1,
				1000000);
		check_true(ok, "IPI: hart %lu takes the IPI", h);
		check_true(ipis_exact(before, h, 1),
			   "IPI: only hart %lu takes it, exactly once", h);
		if (h == 0)
			continue;
		snapshot_ipis(before);
		r = sbi_send_ipi(2, h - 1);
		check_eq(r.error, 0, "IPI send_ipi(2, %lu) returns 0", h - 1);
		ok = WAIT_UNTIL(atomic_load(&harts[h].ssip_count) >= before[h] + 1,
				1000000);
		check_true(ok && ipis_exact(before, h, 1),
			   "IPI: mask bit 1 above base %lu reaches hart %lu only", h - 1, h);
	}

	snapshot_ipis(before);
	r = sbi_send_ipi(0, -1UL);
	check_eq(r.error, 0, "IPI send_ipi(0, -1) (all harts) returns 0");
	check_true(wait_ipis(before, 1), "IPI: every started hart takes the broadcast IPI");
	check_true(ipis_exact(before, ~0UL, 1), "IPI: broadcast delivers exactly one IPI per hart");

	base = ~0UL;
	for (i = 0; i < fdt.nharts; i++)
		if (fdt.hartids[i] < base)
			base = fdt.hartids[i];
	mask = 0;
	for (i = 0; i < fdt.nharts; i++)
		if (fdt.hartids[i] - base < 64 && harts[fdt.hartids[i]].alive)
			mask |= 1UL << (fdt.hartids[i] - base);
	snapshot_ipis(before);
	r = sbi_send_ipi(mask, base);
	check_eq(r.error, 0, "IPI send_ipi(%#lx, %lu) (every hart by mask) returns 0",
		 mask, base);
	check_true(wait_ipis(before, 1) && ipis_exact(before, ~0UL, 1),
		   "IPI: every hart in the mask takes exactly one IPI");

	/* from secondaries: to the boot hart and to each other */
	for (i = 0; i < fdt.nharts; i++) {
		unsigned long h = fdt.hartids[i], t;

		if (h == b || h >= MAX_HARTS || !harts[h].alive)
			continue;
		t = b;
		if (i + 1 < fdt.nharts && fdt.hartids[i + 1] < MAX_HARTS &&
		    harts[fdt.hartids[i + 1]].alive && (i & 1))
			t = fdt.hartids[i + 1];
		before[t] = atomic_load(&harts[t].ssip_count);
		ok = post_cmd(h, CMD_SEND_IPI, t) && wait_cmd(h, 2000000);
		check_true(ok && harts[h].result[0] == 0,
			   "IPI send_ipi(1, %lu) from hart %lu returns 0", t, h);
		ok = WAIT_UNTIL(atomic_load(&harts[t].ssip_count) >= before[t] + 1,
				1000000);
		check_true(ok, "IPI: hart %lu takes the IPI from hart %lu", t, h);
	}

	r = sbi_send_ipi(1, 1000);
	check_eq(r.error, SBI_ERR_INVALID_PARAM,
		 "IPI send_ipi(1, 1000) (invalid hart) returns -3");
	r = sbi_send_ipi(1, invalid_hartid());
	check_eq(r.error, SBI_ERR_INVALID_PARAM,
		 "IPI send_ipi(1, %lu) (hart above the last) returns -3",
		 invalid_hartid());
	if (invalid_hartid() < 64) {
		r = sbi_send_ipi((1UL << invalid_hartid()) | (b < 64 ? 1UL << b : 0), 0);
		if (is_hotsbi)
			check_eq(r.error, SBI_ERR_INVALID_PARAM,
				 "IPI send_ipi with a mask bit for a missing hart returns -3");
		else
			skip("not HotSBI (SBI < 2.0 ignores missing harts)",
			     "IPI send_ipi with a mask bit for a missing hart returns -3 (got %ld)",
			     r.error);
	}
	delay_us(5000);
}

/* ---------------------------------------------------------------- RFENCE */

static const struct {
	unsigned long fid;
	const char *name;
	bool hyp;
} rfence_fns[] = {
	{ SBI_RFENCE_FENCE_I, "remote_fence_i", false },
	{ SBI_RFENCE_SFENCE_VMA, "remote_sfence_vma", false },
	{ SBI_RFENCE_SFENCE_VMA_ASID, "remote_sfence_vma_asid", false },
	{ SBI_RFENCE_HFENCE_GVMA_VMID, "remote_hfence_gvma_vmid", true },
	{ SBI_RFENCE_HFENCE_GVMA, "remote_hfence_gvma", true },
	{ SBI_RFENCE_HFENCE_VVMA_ASID, "remote_hfence_vvma_asid", true },
	{ SBI_RFENCE_HFENCE_VVMA, "remote_hfence_vvma", true },
};

static struct sbiret rfence(unsigned long i, unsigned long mask,
			    unsigned long base, unsigned long start,
			    unsigned long size)
{
	/* asid/vmid 1 for the functions that take one */
	return sbi_ecall(SBI_EXT_RFENCE, rfence_fns[i].fid, mask, base, start,
			 size, 1, 0);
}

static long rfence_expect(unsigned long i)
{
	return rfence_fns[i].hyp && !all_harts_have_h() ?
	       SBI_ERR_NOT_SUPPORTED : 0;
}

void secondary_rfence(struct hart_data *hd)
{
	unsigned long i;

	for (i = 0; i < ARRAY_SIZE(rfence_fns); i++)
		hd->result[i] = rfence(i, 0, -1UL, 0, 0).error;
	hd->result[7] = counters_unreadable();
}

void test_rfence(void)
{
	unsigned long b = boot_hartid, i, j;
	struct sbiret r;

	printk("# harts %s the H extension: hfence functions expect %ld\n",
	       all_harts_have_h() ? "have" : "lack", rfence_expect(3));
	for (i = 0; i < ARRAY_SIZE(rfence_fns); i++) {
		const char *n = rfence_fns[i].name;
		long want = rfence_expect(i);

		r = rfence(i, 1, b, 0, 0);
		check_eq(r.error, want, "RFENCE %s(self, whole space) returns %ld",
			 n, want);
		r = rfence(i, 1, b, 0x80200000, 0x1000);
		check_eq(r.error, want, "RFENCE %s(self, one page) returns %ld",
			 n, want);
		r = rfence(i, 0, -1UL, 0, -1UL);
		check_eq(r.error, want, "RFENCE %s(all harts, size -1) returns %ld",
			 n, want);
		for (j = 0; j < fdt.nharts; j++) {
			unsigned long h = fdt.hartids[j];

			if (h == b || h >= MAX_HARTS || !harts[h].alive)
				continue;
			r = rfence(i, 1, h, 0x80000000, 0x200000);
			check_eq(r.error, want, "RFENCE %s(hart %lu, 2 MiB) returns %ld",
				 n, h, want);
		}
		/* OpenSBI refuses a fence the harts lack before it reads the mask. */
		r = rfence(i, 1, 1000, 0, 0);
		check_true(r.error == SBI_ERR_INVALID_PARAM ||
			   (!is_hotsbi && want == SBI_ERR_NOT_SUPPORTED &&
			    r.error == want),
			   "RFENCE %s(hart 1000) returns -3%s (got %ld)", n,
			   !is_hotsbi && want == SBI_ERR_NOT_SUPPORTED ?
			   " or, unsupported, -2" : "",
			   r.error);
		if (invalid_hartid() < 64) {
			r = rfence(i, 1UL << invalid_hartid(), 0, 0, 0);
			if (is_hotsbi)
				check_eq(r.error, SBI_ERR_INVALID_PARAM,
					 "RFENCE %s(mask bit of a missing hart) returns -3", n);
			else
				skip("not HotSBI (SBI < 2.0 ignores missing harts)",
				     "RFENCE %s(mask bit of a missing hart) returns -3 (got %ld)",
				     n, r.error);
		}
	}

	/* initiated by each secondary, to all harts */
	for (j = 0; j < fdt.nharts; j++) {
		unsigned long h = fdt.hartids[j];
		bool ok;

		if (h == b || h >= MAX_HARTS || !harts[h].alive)
			continue;
		ok = post_cmd(h, CMD_RFENCE, 0) && wait_cmd(h, 2000000);
		check_true(ok, "hart %lu runs the RFENCE command", h);
		for (i = 0; ok && i < ARRAY_SIZE(rfence_fns); i++)
			check_eq(harts[h].result[i], rfence_expect(i),
				 "RFENCE %s(all harts) from hart %lu returns %ld",
				 rfence_fns[i].name, h, rfence_expect(i));
	}
}

/* ------------------------------------------------------------------ DBCN */

static char dbcn_buf[64] __aligned(8);

/* A console_write (@write) or console_read that must return -3. */
static __printf(5, 6) void dbcn_refused(bool write, unsigned long num,
					unsigned long lo, unsigned long hi,
					const char *fmt, ...)
{
	struct sbiret r = write ? sbi_dbcn_write(num, lo, hi) :
				  sbi_dbcn_read(num, lo, hi);
	char what[120];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	check_eq(r.error, SBI_ERR_INVALID_PARAM, "DBCN console_%s %s returns -3",
		 write ? "write" : "read", what);
}

void test_dbcn(void)
{
	static const char msg[] = "# DBCN console_write of a buffer\n";
	static const char bmsg[] = "# DBCN console_write_byte\n";
	unsigned long ram_end = fdt.mem.base + fdt.mem.size, i;
	struct sbiret r;
	bool ok;

	if (!have_dbcn) {
		if (is_hotsbi)
			check_true(false, "HotSBI implements DBCN");
		else
			skip("DBCN absent", "DBCN tests");
		return;
	}

	memcpy(dbcn_buf, msg, sizeof(msg) - 1);
	r = sbi_dbcn_write(sizeof(msg) - 1, (unsigned long)dbcn_buf, 0);
	check_eq(r.error, 0, "DBCN console_write succeeds");
	if (is_hotsbi)
		check_eq(r.value, sizeof(msg) - 1,
			 "DBCN console_write returns the number of bytes written");
	else
		check_true(r.value > 0 && r.value <= (long)sizeof(msg) - 1,
			   "DBCN console_write returns 0 < written <= num_bytes");

	ok = true;
	for (i = 0; bmsg[i]; i++) {
		r = sbi_dbcn_write_byte((unsigned char)bmsg[i]);
		ok &= r.error == 0 && r.value == 0;
	}
	check_true(ok, "DBCN console_write_byte returns (0, 0) for every byte");
	r = sbi_dbcn_write_byte(0x100 | '\n');
	check_true(r.error == 0 && r.value == 0,
		   "DBCN console_write_byte(0x10a) uses the low 8 bits and returns (0, 0)");

	memset(dbcn_buf, 0xa5, sizeof(dbcn_buf));
	r = sbi_dbcn_read(16, (unsigned long)dbcn_buf, 0);
	check_eq(r.error, 0, "DBCN console_read without input succeeds");
	check_eq(r.value, 0, "DBCN console_read without input reads 0 bytes");
	for (i = 0, ok = true; i < sizeof(dbcn_buf); i++)
		ok &= (unsigned char)dbcn_buf[i] == 0xa5;
	check_true(ok, "DBCN console_read without input leaves the buffer alone");
	if (fdt.mem.size) {
		r = sbi_dbcn_read(16, ram_end - 16, 0);
		check_true(r.error == 0 && r.value == 0,
			   "DBCN console_read into the last 16 bytes of RAM returns (0, 0) (got %ld, %ld)",
			   r.error, r.value);
	}

	dbcn_refused(true, 16, 0x80000000, 0, "from the firmware (0x80000000)");
	dbcn_refused(false, 16, 0x80000000, 0, "into the firmware (0x80000000)");
	/*
	 * OpenSBI's root domain lets S-mode name any address outside its
	 * M-mode regions: its DBCN would make M-mode touch a hole and fault.
	 */
	if (is_hotsbi) {
		dbcn_refused(true, 16, 0x0, 0, "from address 0");
		dbcn_refused(true, 16, 0x1000, 0, "from 0x1000 (not RAM)");
		dbcn_refused(false, 16, 0x1000, 0, "into 0x1000 (not RAM)");
	} else {
		skip("not HotSBI: the domain allows addresses outside RAM",
		     "DBCN console_write/read outside RAM (0, 0x1000) returns -3");
	}
	/* OpenSBI (1.9 too) answers SBI_ERR_FAILED there. */
	r = sbi_dbcn_write(16, (unsigned long)dbcn_buf, 1);
	if (is_hotsbi || r.error != SBI_ERR_FAILED)
		check_eq(r.error, SBI_ERR_INVALID_PARAM,
			 "DBCN console_write with base_addr_hi = 1 returns -3");
	else
		check_known_bug(false, "OpenSBI returns -1 for base_addr_hi != 0",
				"DBCN console_write with base_addr_hi = 1 returns -3");
	r = sbi_dbcn_read(16, (unsigned long)dbcn_buf, 1);
	if (is_hotsbi || r.error != SBI_ERR_FAILED)
		check_eq(r.error, SBI_ERR_INVALID_PARAM,
			 "DBCN console_read with base_addr_hi = 1 returns -3");
	else
		check_known_bug(false, "OpenSBI returns -1 for base_addr_hi != 0",
				"DBCN console_read with base_addr_hi = 1 returns -3");
	dbcn_refused(true, 0x2000, 0xfffffffffffff000UL, 0, "wrapping past 2^64");
	dbcn_refused(true, ~0UL, (unsigned long)dbcn_buf, 0, "of 2^64-1 bytes");
	dbcn_refused(false, ~0UL, (unsigned long)dbcn_buf, 0, "of 2^64-1 bytes");
	if (!is_hotsbi)
		skip("not HotSBI: the domain allows addresses outside RAM",
		     "DBCN console_write/read across the ends of RAM returns -3");
	else if (fdt.mem.size) {
		dbcn_refused(true, 0x100, ram_end - 0x10, 0, "across the end of RAM");
		dbcn_refused(false, 0x100, ram_end - 0x10, 0, "across the end of RAM");
		dbcn_refused(true, 0x20, fdt.mem.base - 0x10, 0, "from below RAM into RAM");
	}
	for (i = 0; i < fdt.nresv; i++) {
		unsigned long rb = fdt.resv[i].base, re = rb + fdt.resv[i].size;

		dbcn_refused(true, 8, re - 8, 0, "from the end of reserved %#lx+%#lx",
			     rb, re - rb);
		dbcn_refused(false, 16, re - 8, 0, "across the end of reserved %#lx", rb);
		dbcn_refused(true, 16, rb - 8, 0, "across the start of reserved %#lx", rb);
	}
	check_eq(dbcn_print_errors, 0, "DBCN console_write never failed while printing");
}

/* ------------------------------------------------------------------ SRST */

static void srst_invalid(unsigned long type, unsigned long reason,
			 const char *what)
{
	struct sbiret r;

	printk("# system_reset(%#lx, %#lx): a reset here is a failure\n",
	       type, reason);
	r = sbi_system_reset(type, reason);
	check_eq(r.error, SBI_ERR_INVALID_PARAM,
		 "SRST system_reset(%#lx, %#lx) (%s) returns -3", type, reason,
		 what);
}

void test_srst(void)
{
	srst_invalid(3, SBI_SRST_REASON_NONE, "reserved type");
	srst_invalid(0xEFFFFFFF, SBI_SRST_REASON_NONE, "reserved type");
	srst_invalid(0xF0000000, SBI_SRST_REASON_NONE,
		     "unimplemented vendor type");
	srst_invalid(SBI_SRST_TYPE_SHUTDOWN, 2, "reserved reason");
	srst_invalid(SBI_SRST_TYPE_SHUTDOWN, 0xDFFFFFFF, "reserved reason");
	srst_invalid(1, 2, "cold reboot, reserved reason");
	srst_invalid(2, 0x1000, "warm reboot, reserved reason");
	/* uint32_t parameters: bits 63..32 set must not make a valid value */
	srst_invalid(0x100000003UL, SBI_SRST_REASON_NONE,
		     "reserved type, upper bits set");
	srst_invalid(SBI_SRST_TYPE_SHUTDOWN, 0x100000002UL,
		     "reserved reason, upper bits set");
}
