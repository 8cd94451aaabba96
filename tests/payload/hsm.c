/*
 * Tests of the HSM extension: hart_start/hart_stop/hart_get_status of every
 * hart, their error cases, and default retentive and non-retentive
 * hart_suspend on the boot hart (woken by the timer or an IPI) and on
 * secondaries (woken by an IPI from the boot hart).
 */
#include "payload.h"

#define FW_ADDR		0x80000000UL
#define NO_PHYS_ADDR	(1UL << 60)

static unsigned long start_gen = 1;

static unsigned long invalid_hart(void)
{
	unsigned long i, max = 0;

	for (i = 0; i < fdt.nharts; i++)
		if (fdt.hartids[i] > max)
			max = fdt.hartids[i];
	return max + 1;
}

/* The first started secondary, or ~0UL. */
static unsigned long first_secondary(void)
{
	unsigned long i;

	for (i = 0; i < fdt.nharts; i++) {
		unsigned long h = fdt.hartids[i];

		if (h != boot_hartid && h < MAX_HARTS && harts[h].alive)
			return h;
	}
	return ~0UL;
}

void test_hsm_start(void)
{
	unsigned long b = boot_hartid, i;
	struct sbiret r;

	r = sbi_hart_get_status(b);
	check_true(r.error == 0 && r.value == SBI_HSM_STARTED,
		   "HSM hart_get_status(boot hart %lu) = STARTED (got %ld, %ld)",
		   b, r.error, r.value);
	for (i = 0; i < fdt.nharts; i++) {
		unsigned long h = fdt.hartids[i];

		if (h == b)
			continue;
		r = sbi_hart_get_status(h);
		check_true(r.error == 0 && r.value == SBI_HSM_STOPPED,
			   "HSM hart_get_status(%lu) = STOPPED before start (got %ld, %ld)",
			   h, r.error, r.value);
	}
	r = sbi_hart_get_status(1000);
	check_eq(r.error, SBI_ERR_INVALID_PARAM, "HSM hart_get_status(1000) returns -3");
	r = sbi_hart_get_status(invalid_hart());
	check_eq(r.error, SBI_ERR_INVALID_PARAM,
		 "HSM hart_get_status(%lu) (above the last hart) returns -3",
		 invalid_hart());
	r = sbi_hart_get_status(-1UL);
	check_eq(r.error, SBI_ERR_INVALID_PARAM, "HSM hart_get_status(-1) returns -3");

	r = sbi_hart_start(b, (unsigned long)secondary_entry, 0);
	check_eq(r.error, SBI_ERR_ALREADY_AVAILABLE,
		 "HSM hart_start(self) returns -6");
	r = sbi_hart_start(1000, (unsigned long)secondary_entry, 0);
	check_eq(r.error, SBI_ERR_INVALID_PARAM, "HSM hart_start(1000) returns -3");
	r = sbi_hart_start(invalid_hart(), (unsigned long)secondary_entry, 0);
	check_eq(r.error, SBI_ERR_INVALID_PARAM,
		 "HSM hart_start(%lu) (above the last hart) returns -3",
		 invalid_hart());

	for (i = 0; i < fdt.nharts; i++) {
		unsigned long h = fdt.hartids[i];

		if (h == b)
			continue;
		if (h >= MAX_HARTS) {
			skip("hart id above the payload's MAX_HARTS",
			     "HSM hart_start(%lu)", h);
			continue;
		}
		if (!start_secondary(h, start_gen))
			continue;
		r = sbi_hart_get_status(h);
		check_true(r.error == 0 && r.value == SBI_HSM_STARTED,
			   "HSM hart_get_status(%lu) = STARTED after start (got %ld, %ld)",
			   h, r.error, r.value);
		r = sbi_hart_start(h, (unsigned long)secondary_entry, 0);
		check_eq(r.error, SBI_ERR_ALREADY_AVAILABLE,
			 "HSM hart_start(%lu) of a started hart returns -6", h);
	}
	start_gen++;
}

/* Stops hart h through its command loop; true once it is STOPPED. */
bool stop_secondary(unsigned long h)
{
	bool ok;

	WRITE_ONCE(harts[h].result[0], 0);
	ok = post_cmd(h, CMD_STOP, 0);
	check_true(ok, "hart %lu takes the stop command", h);
	ok = ok && wait_status(h, SBI_HSM_STOPPED, 2000000);
	check_true(ok, "HSM hart_stop: hart_get_status(%lu) becomes STOPPED", h);
	delay_us(1000);
	check_eq(READ_ONCE(harts[h].result[0]), 0,
		 "HSM hart_stop on hart %lu does not return", h);
	if (ok)
		harts[h].alive = false;
	return ok;
}

/*
 * hart_start(@h, @addr) with an entry S-mode cannot execute (@what) is
 * refused with SBI_ERR_INVALID_ADDRESS and @h, stopped, stays STOPPED.
 * False when the hart started after all (it is given up).
 */
static bool start_refused(unsigned long h, unsigned long addr,
			  const char *what)
{
	struct sbiret r = sbi_hart_start(h, addr, 0);

	check_eq(r.error, SBI_ERR_INVALID_ADDRESS,
		 "HSM hart_start(%lu, %#lx) (%s) returns -5", h, addr, what);
	if (!r.error) {
		printk("# hart %lu started at a bad address: giving it up\n", h);
		return false;
	}
	r = sbi_hart_get_status(h);
	check_true(r.error == 0 && r.value == SBI_HSM_STOPPED,
		   "HSM hart %lu stays STOPPED after the failed start", h);
	return true;
}

void test_hsm_stop_start(void)
{
	unsigned long h = first_secondary();
	static const struct {
		unsigned long addr;
		const char *what;
		bool hotsbi_only;
	} bad[] = {
		{ FW_ADDR, "inside the firmware", false },
		{ FW_ADDR + 0x1000, "inside the firmware", false },
		{ NO_PHYS_ADDR, "not a physical address", true },
		{ 0x0, "address 0, not RAM", true },
	};
	struct sbiret r;
	unsigned long i;

	if (h == ~0UL) {
		printk("# one hart: no hart_stop/restart test\n");
		return;
	}
	if (!stop_secondary(h))
		return;
	r = sbi_send_ipi(1, h);
	printk("# send_ipi to stopped hart %lu returns %ld (not checked)\n", h,
	       r.error);

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		if (bad[i].hotsbi_only && !is_hotsbi) {
			skip("not HotSBI", "HSM hart_start(%lu, %#lx) (%s) returns -5",
			     h, bad[i].addr, bad[i].what);
			continue;
		}
		if (!start_refused(h, bad[i].addr, bad[i].what))
			return;
	}

	start_secondary(h, start_gen++);
	r = sbi_hart_get_status(h);
	check_true(r.error == 0 && r.value == SBI_HSM_STARTED,
		   "HSM hart_get_status(%lu) = STARTED after restart (got %ld, %ld)",
		   h, r.error, r.value);
	check_true(post_cmd(h, CMD_PING, 0) && wait_cmd(h, 2000000),
		   "restarted hart %lu runs commands", h);
}

/* ----------------------------------------------------------- suspend */

/* Arms a timer so that a wrongly accepted suspend still wakes up. */
static unsigned long arm_wakeup(unsigned long us)
{
	unsigned long target = rdtime() + us_to_ticks(us);

	csr_set(sie, SIE_STIE | SIE_SSIE);
	sbi_set_timer(target);
	return target;
}

static void disarm_wakeup(void)
{
	sbi_set_timer(~0UL);
}

static void suspend_invalid(unsigned long type, unsigned long addr, long want,
			    const char *what)
{
	unsigned long *ctx = nonret_ctx[boot_hartid];
	long err;

	arm_wakeup(50000);
	err = hsm_suspend_nonret(type, addr, ctx);
	if (READ_ONCE(ctx[CTX_RESUMED]))
		err = 0;
	disarm_wakeup();
	check_eq(err, want, "HSM hart_suspend(%#lx, %#lx) (%s) returns %ld",
		 type, addr, what, want);
}

/*
 * hart_start and non-retentive hart_suspend with an entry point S-mode
 * cannot execute (@what: an unplugged hotplug block, device registers):
 * both are refused with SBI_ERR_INVALID_ADDRESS and the harts stay as
 * they were.
 */
void hsm_check_bad_entry(unsigned long addr, const char *what)
{
	unsigned long h = first_secondary();

	suspend_invalid(SBI_HSM_SUSPEND_NON_RET_DEFAULT, addr,
			SBI_ERR_INVALID_ADDRESS, what);
	if (h == ~0UL || !stop_secondary(h))
		return;
	if (start_refused(h, addr, what))
		start_secondary(h, start_gen++);
}

/* On the boot hart; wake by the timer, or by hart waker's IPI. */
static void boot_suspend(bool nonret, unsigned long waker)
{
	unsigned long *ctx = nonret_ctx[boot_hartid];
	const char *kind = nonret ? "non-retentive" : "retentive";
	const char *by = waker == ~0UL ? "timer" : "IPI";
	unsigned long target, t, us = waker == ~0UL ? 20000 : 2000000;
	struct hart_data *wd = waker == ~0UL ? NULL : &harts[waker];
	struct sbiret r;
	long err;

	csr_clear(sstatus, SSTATUS_SIE);
	if (wd && !post_cmd(waker, CMD_WAKE_BOOT, boot_hartid)) {
		check_true(false, "hart %lu takes the wake command", waker);
		return;
	}
	target = arm_wakeup(us);
	if (nonret) {
		err = hsm_suspend_nonret(SBI_HSM_SUSPEND_NON_RET_DEFAULT,
					 (unsigned long)nonret_resume_entry, ctx);
		t = rdtime();
		if (!is_hotsbi && err == SBI_ERR_NOT_SUPPORTED) {
			disarm_wakeup();
			skip("not HotSBI, returns -2",
			     "HSM default non-retentive suspend, %s wake-up", by);
			if (wd)
				wait_cmd(waker, 3000000);
			return;
		}
		check_true(READ_ONCE(ctx[CTX_RESUMED]),
			   "HSM hart_suspend(non-retentive) resumes at resume_addr, %s wake-up (returned %ld)",
			   by, err);
		if (READ_ONCE(ctx[CTX_RESUMED])) {
			check_eq(ctx[CTX_ENTRY_A0], boot_hartid,
				 "HSM non-retentive resume: a0 = hartid");
			check_eq(ctx[CTX_ENTRY_A1], (unsigned long)ctx,
				 "HSM non-retentive resume: a1 = opaque");
			check_eq(ctx[CTX_ENTRY_SATP], 0,
				 "HSM non-retentive resume: satp = 0");
			check_eq(ctx[CTX_ENTRY_SSTATUS] & SSTATUS_SIE, 0,
				 "HSM non-retentive resume: sstatus.SIE = 0");
		}
	} else {
		r = sbi_hart_suspend(SBI_HSM_SUSPEND_RET_DEFAULT, 0, 0);
		t = rdtime();
		check_eq(r.error, 0,
			 "HSM hart_suspend(default retentive) returns 0, %s wake-up", by);
	}
	disarm_wakeup();
	if (wd) {
		bool ok = wait_cmd(waker, 3000000);

		check_true(ok && wd->result[0],
			   "HSM hart_get_status(boot) = SUSPENDED seen by hart %lu", waker);
		check_eq(wd->result[2], 0, "IPI to the suspended boot hart returns 0");
		check_true(ok && t >= (unsigned long)wd->result[1] && t < target,
			   "HSM %s suspend of the boot hart ends with the IPI", kind);
	} else {
		check_true(t >= target,
			   "HSM %s suspend of the boot hart ends with the timer", kind);
	}
	r = sbi_hart_get_status(boot_hartid);
	check_true(r.error == 0 && r.value == SBI_HSM_STARTED,
		   "HSM boot hart STARTED after the %s suspend", kind);
	/* take the pending wake-up interrupt */
	csr_set(sstatus, SSTATUS_SIE);
	delay_us(1000);
	csr_clear(sstatus, SSTATUS_SIE);
}

/* Secondary h suspends, the boot hart checks SUSPENDED and wakes it. */
static void secondary_suspend(unsigned long h, bool nonret)
{
	struct hart_data *hd = &harts[h];
	const char *kind = nonret ? "non-retentive" : "retentive";
	unsigned long t;
	struct sbiret r;
	bool ok;

	/*
	 * OpenSBI 1.9 loses the IPI that should end a secondary's default
	 * non-retentive suspend, and the hart stays out of reach.
	 */
	if (nonret && !is_hotsbi) {
		skip("not HotSBI: the waking IPI is lost",
		     "HSM hart %lu default non-retentive suspend, IPI wake-up", h);
		return;
	}
	WRITE_ONCE(hd->wake_sent, 0);
	ok = post_cmd(h, nonret ? CMD_SUSPEND_NONRET : CMD_SUSPEND_RET, 0);
	check_true(ok, "hart %lu takes the %s suspend command", h, kind);
	if (!ok)
		return;
	/*
	 * Up to 10 s: on a loaded host a vCPU can be off for seconds before
	 * it gets to its hart_suspend (seen with 8 harts on 2 busy cores).
	 */
	ok = WAIT_UNTIL((r = sbi_hart_get_status(h),
			 r.error == 0 && r.value == SBI_HSM_SUSPENDED) ||
			atomic_load(&hd->cmd) == CMD_NONE, 10000000);
	ok = ok && atomic_load(&hd->cmd) != CMD_NONE;
	if (!ok && nonret && !is_hotsbi && wait_cmd(h, 100000) &&
	    hd->result[0] == SBI_ERR_NOT_SUPPORTED) {
		skip("not HotSBI, returns -2",
		     "HSM hart %lu default non-retentive suspend", h);
		return;
	}
	check_true(ok, "HSM hart_get_status(%lu) = SUSPENDED during %s suspend",
		   h, kind);
	r = sbi_hart_start(h, (unsigned long)secondary_entry, 0);
	check_true(r.error != 0,
		   "HSM hart_start(%lu) of a suspended hart fails (got %ld)", h,
		   r.error);
	t = rdtime();
	atomic_store(&hd->wake_sent, 1);
	r = sbi_send_ipi(1, h);
	check_eq(r.error, 0, "IPI to suspended hart %lu returns 0", h);
	ok = wait_cmd(h, 2000000);
	check_true(ok, "hart %lu wakes from %s suspend on the IPI", h, kind);
	if (!ok)
		return;
	check_eq(hd->result[0], 0, "HSM %s hart_suspend on hart %lu %s", kind,
		 h, nonret ? "resumes at resume_addr" : "returns 0");
	check_true((unsigned long)hd->result[1] >= t && hd->result[2],
		   "HSM hart %lu resumes only after the IPI", h);
	if (nonret && hd->result[7]) {
		check_eq(hd->result[3], h, "HSM hart %lu resumes with a0 = hartid", h);
		check_eq(hd->result[4], (unsigned long)nonret_ctx[h],
			 "HSM hart %lu resumes with a1 = opaque", h);
		check_eq(hd->result[5], 0, "HSM hart %lu resumes with satp = 0", h);
		check_eq(hd->result[6] & SSTATUS_SIE, 0,
			 "HSM hart %lu resumes with sstatus.SIE = 0", h);
	}
	r = sbi_hart_get_status(h);
	check_true(r.error == 0 && r.value == SBI_HSM_STARTED,
		   "HSM hart %lu STARTED after the %s suspend", h, kind);
}

void test_hsm_suspend(void)
{
	unsigned long entry = (unsigned long)nonret_resume_entry;
	unsigned long h = first_secondary(), i;

	suspend_invalid(0x00000001, entry, SBI_ERR_INVALID_PARAM, "reserved");
	suspend_invalid(0x0FFFFFFF, entry, SBI_ERR_INVALID_PARAM, "reserved");
	suspend_invalid(0x80000001, entry, SBI_ERR_INVALID_PARAM, "reserved");
	suspend_invalid(0x8FFFFFFF, entry, SBI_ERR_INVALID_PARAM, "reserved");
	suspend_invalid(0x100000001UL, entry, SBI_ERR_INVALID_PARAM,
			"reserved, upper bits set");
	if (is_hotsbi) {
		suspend_invalid(0x10000000, entry, SBI_ERR_INVALID_PARAM,
				"unimplemented platform retentive");
		suspend_invalid(0x90000000, entry, SBI_ERR_INVALID_PARAM,
				"unimplemented platform non-retentive");
	} else {
		skip("not HotSBI", "HSM hart_suspend of unimplemented platform types returns -3");
	}
	suspend_invalid(SBI_HSM_SUSPEND_NON_RET_DEFAULT, FW_ADDR,
			SBI_ERR_INVALID_ADDRESS, "resume_addr in the firmware");
	if (is_hotsbi) {
		suspend_invalid(SBI_HSM_SUSPEND_NON_RET_DEFAULT, NO_PHYS_ADDR,
				SBI_ERR_INVALID_ADDRESS,
				"resume_addr not a physical address");
		suspend_invalid(SBI_HSM_SUSPEND_NON_RET_DEFAULT, 0,
				SBI_ERR_INVALID_ADDRESS, "resume_addr 0, not RAM");
	} else {
		skip("not HotSBI", "HSM hart_suspend with resume_addr 0 or 2^60 returns -5");
	}

	/* all registers survive a retentive suspend */
	arm_wakeup(20000);
	i = ecall_preserve_check(SBI_EXT_HSM, SBI_HSM_HART_SUSPEND,
				 SBI_HSM_SUSPEND_RET_DEFAULT, 0);
	disarm_wakeup();
	check_eq(i, 0, "HSM retentive hart_suspend preserves all registers but a0/a1");

	boot_suspend(false, ~0UL);
	boot_suspend(true, ~0UL);
	if (h != ~0UL) {
		boot_suspend(false, h);
		boot_suspend(true, h);
	}

	for (i = 0; i < fdt.nharts; i++) {
		h = fdt.hartids[i];
		if (h == boot_hartid || h >= MAX_HARTS || !harts[h].alive)
			continue;
		secondary_suspend(h, false);
		secondary_suspend(h, true);
	}
}

void test_hsm_final(void)
{
	unsigned long i;
	struct sbiret r;
	bool any = false;

	for (i = 0; i < fdt.nharts; i++) {
		unsigned long h = fdt.hartids[i];

		if (h == boot_hartid || h >= MAX_HARTS || !harts[h].alive)
			continue;
		stop_secondary(h);
		any = true;
	}
	if (!any)
		return;
	r = sbi_send_ipi(0, -1UL);
	check_eq(r.error, 0, "IPI send_ipi(0, -1) with secondaries stopped returns 0");
	r = sbi_ecall(SBI_EXT_RFENCE, SBI_RFENCE_FENCE_I, 0, -1UL, 0, 0, 0, 0);
	check_eq(r.error, 0,
		 "RFENCE remote_fence_i(all harts) with secondaries stopped returns 0");
	for (i = 0; i < fdt.nharts; i++) {
		unsigned long h = fdt.hartids[i];

		if (h == boot_hartid)
			continue;
		r = sbi_hart_get_status(h);
		check_true(r.error == 0 && r.value == SBI_HSM_STOPPED,
			   "HSM hart %lu is STOPPED at the end (got %ld, %ld)", h,
			   r.error, r.value);
	}
	csr_set(sstatus, SSTATUS_SIE);
	delay_us(1000);
	csr_clear(sstatus, SSTATUS_SIE);
}
