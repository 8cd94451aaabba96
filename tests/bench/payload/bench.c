/*
 * HotSBI bench payload: counts guest instructions (instret under QEMU
 * -icount shift=0) spent in the SBI firmware.  Prints "@@ key value" lines
 * straight to the ns16550 UART and exits QEMU through the sifive_test device,
 * so it does not depend on the firmware's console (out.c).
 */
#include "bench.h"
#include "rtc.h"

#define LOOPS		1000
#define CAL_LOOPS	100

/* the hart the remote fences go to: the boot hart */
static ulong remote_target;

void trap_handler(struct trap_frame *tf)
{
	kv_hex("trap_scause", csr_read(scause));
	kv_hex("trap_sepc", tf->sepc);
	kv_hex("trap_stval", csr_read(stval));
	bench_exit(1);
}

void secondary_main(unsigned long hartid, unsigned long opaque)
{
	csr_clear(sstatus, SSTATUS_SIE);
	csr_write(sie, 0);
	if (opaque == ROLE_REMOTE)
		bench_remote_main(hartid);
	if (opaque == ROLE_MEMHP_IDLE)
		memhp_idle(hartid);
	if (opaque == ROLE_MEMHP_CALLER)
		memhp_caller(hartid);
	fail("unknown_role", opaque);
}

/*
 * Remote fence, needs a second hart: this hart starts it with HSM and becomes
 * the fence target, idling in rtc_ticker (see loops.S for why it cannot sit
 * in wfi under QEMU 7.2 -icount); the started hart times the fences.
 */
static void bench_remote(ulong hartid)
{
	ulong other = hartid ^ 1;
	struct sbiret r;

	/* Is there a second hart?  HSM get_status fails for a missing one. */
	r = sbi_hart_get_status(other);
	if (r.error) {
		kv_dec("remote_skipped_hsm_status_error", r.error);
		bench_exit(0);
	}
	kv_dec("remote_sender", other);
	kv_dec("remote_target", hartid);
	remote_target = hartid;
	r = sbi_hart_start(other, (ulong)secondary_entry, ROLE_REMOTE);
	if (r.error)
		fail("hsm_hart_start", r.error);
	rtc_ticker();
}

/* instret of n fences with the sender's turns bounded to slice instructions */
static ulong fence_cost(ulong n, ulong mask, ulong slice)
{
	rtc_slice = slice;
	/* two fences so the ticker has re-armed with the new slice */
	loop_remote_sfence(2, mask);
	return loop_remote_sfence(n, mask);
}

/*
 * The sender spins in the firmware until its turn ends, so a fence costs
 * k * slice + C, k the number of turns it needs and C the target's share (its
 * IPI handler, one ticker turn).  Find the smallest slice that fits the
 * sender's whole path in one turn (k = 1): there its spin is down to nothing
 * and the raw count is the machine-wide cost of a fence, sender plus target.
 */
void bench_remote_main(ulong hartid)
{
	ulong mask = 1UL << remote_target, lo, hi, mid;
	long c_max, d;
	struct sbiret r;

	kv_dec("remote_started", hartid);

	r = sbi_ecall(SBI_EXT_RFENCE, SBI_RFENCE_SFENCE_VMA, mask, 0, 0, -1UL,
		      0, 0);
	if (r.error)
		fail("remote_sfence_vma", r.error);

	c_max = (long)fence_cost(CAL_LOOPS, mask, RTC_SLICE_MAX) -
		CAL_LOOPS * RTC_SLICE_MAX;
	lo = RTC_SLICE_MIN;
	hi = RTC_SLICE_MAX;
	d = (long)fence_cost(CAL_LOOPS, mask, lo) - (long)(CAL_LOOPS * lo);
	if (d <= c_max + CAL_LOOPS)
		hi = lo;
	while (hi - lo > 1) {
		mid = (lo + hi) / 2;
		d = (long)fence_cost(CAL_LOOPS, mask, mid) -
		    (long)(CAL_LOOPS * mid);
		if (d <= c_max + CAL_LOOPS)
			hi = mid;
		else
			lo = mid;
	}
	kv_dec("remote_slice", hi);
	kv_dec("remote_target_share", c_max / CAL_LOOPS);
	out("@@ loop remote_sfence_vma %lu %d\n", fence_cost(LOOPS, mask, hi),
	    LOOPS);
	bench_exit(0);
}

/* "@@ memhp_windows N", "@@ memhp_emulated_windows M" */
static void memhp_boot_windows(void)
{
	struct sbiret r = mh_attr(MEMHP_ATTR_NUM_WINDOWS, 0);
	ulong i, emulated = 0;

	if (r.error)
		fail("memhp_num_windows", r.error);
	for (i = 0; i < (ulong)r.value; i++)
		if (mh_attr(MEMHP_ATTR_WINDOW_FLAGS, i).value &
		    MEMHP_FLAG_EMULATED)
			emulated++;
	kv_dec("memhp_windows", r.value);
	kv_dec("memhp_emulated_windows", emulated);
}

void boot_main(unsigned long hartid, unsigned long fdt_addr)
{
	const char *mode;
	struct sbiret r;
	unsigned int len;
	ulong sip;

	csr_clear(sstatus, SSTATUS_SIE);
	csr_write(sie, 0);

	out("\n@@ bench start\n");
	kv_dec("boot_instret", boot_instret);
	kv_dec("hartid", hartid);
	kv_hex("fdt", fdt_addr);

	/* a generated DTB may ask for the MEMHP or the planner bench */
	mode = fdt_prop(fdt_addr, "/chosen", "hotsbi-bench,mode", &len);
	if (mode) {
		out("@@ mode %s\n", mode);
		if (!strcmp(mode, "memhp"))
			memhp_bench(hartid);
		if (!strcmp(mode, "plan"))
			plan_bench();
		fail("unknown_mode", len);
	}

	/* sanity-check each call once before timing it */
	r = sbi_call0(SBI_EXT_BASE, SBI_BASE_GET_SPEC_VERSION);
	if (r.error)
		fail("get_spec_version", r.error);
	kv_hex("spec_version", r.value);
	r = sbi_call0(SBI_EXT_BASE, SBI_BASE_GET_IMPL_ID);
	kv_hex("impl_id", r.value);
	r = sbi_call0(SBI_EXT_BASE, SBI_BASE_GET_IMPL_VERSION);
	kv_hex("impl_version", r.value);
	r = sbi_probe(SBI_EXT_TIME);
	if (r.error || r.value <= 0)
		fail("probe_extension_time", r.error ? r.error : r.value);

	/*
	 * Does the firmware implement MEMHP (run-bench.py runs the MEMHP
	 * rows only where it does), and did its boot carve an emulated
	 * card (the boot row must include that work)?
	 */
	r = sbi_probe(mh_find_eid());
	kv_dec("memhp_ext", !r.error && r.value > 0);
	if (!r.error && r.value > 0)
		memhp_boot_windows();

	out("@@ loop get_spec_version %lu %d\n", loop_spec_version(LOOPS),
	    LOOPS);
	out("@@ loop probe_extension %lu %d\n",
	    loop_probe_ext(LOOPS, SBI_EXT_TIME), LOOPS);

	/* IPI to self: the firmware must leave sip.SSIP set */
	csr_clear(sip, SIP_SSIP);
	r = sbi_send_ipi(1UL << hartid, 0);
	sip = csr_read(sip);
	if (r.error)
		fail("send_ipi", r.error);
	if (!(sip & SIP_SSIP))
		fail("send_ipi_no_ssip", sip);
	csr_clear(sip, SIP_SSIP);
	out("@@ loop ipi_self %lu %d\n", loop_ipi_self(LOOPS, 1UL << hartid),
	    LOOPS);
	if (csr_read(sip) & SIP_SSIP)
		fail("ssip_left_pending", 1);

	bench_remote(hartid);
}
