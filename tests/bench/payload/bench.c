/*
 * HotSBI bench payload: counts guest instructions (instret under QEMU
 * -icount shift=0) spent in the SBI firmware.  Prints "@@ key value" lines
 * straight to the ns16550 UART and exits QEMU through the sifive_test device,
 * so it does not depend on the firmware's console.
 */

#include "bench.h"
#include "rtc.h"

#define LOOPS		1000
#define CAL_LOOPS	100

extern ulong loop_spec_version(ulong n);
extern ulong loop_probe_ext(ulong n, ulong eid);
extern ulong loop_ipi_self(ulong n, ulong mask);
extern ulong loop_remote_sfence(ulong n, ulong mask);
extern void remote_entry(void);
extern void __attribute__((noreturn)) rtc_ticker(void);
extern volatile ulong rtc_slice;

void bench_main(ulong boot_instret, ulong hartid, ulong fdt);
void bench_trap(ulong cause, ulong epc, ulong tval);
void bench_remote_main(ulong hartid, ulong target);

static void uart_putc(char c)
{
	volatile unsigned char *uart = (volatile unsigned char *)UART_BASE;

	while (!(uart[UART_LSR] & UART_LSR_THRE))
		;
	uart[UART_THR] = c;
}

void uart_puts(const char *s)
{
	while (*s) {
		if (*s == '\n')
			uart_putc('\r');
		uart_putc(*s++);
	}
}

void put_dec(long v)
{
	char buf[24];
	int i = 0;
	ulong u = v;

	if (v < 0) {
		uart_putc('-');
		u = -v;
	}
	do {
		buf[i++] = '0' + u % 10;
		u /= 10;
	} while (u);
	while (i)
		uart_putc(buf[--i]);
}

static void put_hex(ulong v)
{
	int shift;

	uart_puts("0x");
	for (shift = 60; shift > 0 && !(v >> shift); shift -= 4)
		;
	for (; shift >= 0; shift -= 4)
		uart_putc("0123456789abcdef"[(v >> shift) & 0xf]);
}

void kv_dec(const char *key, long v)
{
	uart_puts("@@ ");
	uart_puts(key);
	uart_putc(' ');
	put_dec(v);
	uart_puts("\n");
}

void kv_hex(const char *key, ulong v)
{
	uart_puts("@@ ");
	uart_puts(key);
	uart_putc(' ');
	put_hex(v);
	uart_puts("\n");
}

/* "@@ loop <name> <instret delta> <iterations>" */
void kv_loop(const char *name, ulong delta, ulong n)
{
	uart_puts("@@ loop ");
	uart_puts(name);
	uart_putc(' ');
	put_dec(delta);
	uart_putc(' ');
	put_dec(n);
	uart_puts("\n");
}

void __attribute__((noreturn)) bench_exit(int fail)
{
	volatile u32 *test = (volatile u32 *)TEST_BASE;

	uart_puts(fail ? "@@ result FAIL\n" : "@@ result done\n");
	*test = fail ? (TEST_FAIL | (1 << 16)) : TEST_PASS;
	for (;;)
		asm volatile("wfi");
}

void __attribute__((noreturn)) fail(const char *what, long v)
{
	uart_puts("@@ error ");
	uart_puts(what);
	uart_putc(' ');
	put_dec(v);
	uart_puts("\n");
	bench_exit(1);
}

void bench_trap(ulong cause, ulong epc, ulong tval)
{
	kv_hex("trap_scause", cause);
	kv_hex("trap_sepc", epc);
	kv_hex("trap_stval", tval);
	bench_exit(1);
}

/*
 * Remote fence, needs a second hart: this hart starts it with HSM and becomes
 * the fence target, idling in rtc_ticker (see start.S for why it cannot sit
 * in wfi under QEMU 7.2 -icount); the started hart times the fences.
 */
static void bench_remote(ulong hartid)
{
	ulong other = hartid ^ 1;
	struct sbiret r;

	/* Is there a second hart?  HSM get_status fails for a missing one. */
	r = sbi_call(SBI_EXT_HSM, 2, other, 0, 0, 0);
	if (r.error) {
		kv_dec("remote_skipped_hsm_status_error", r.error);
		bench_exit(0);
	}
	kv_dec("remote_sender", other);
	kv_dec("remote_target", hartid);
	r = sbi_call(SBI_EXT_HSM, 0, other, (ulong)remote_entry, hartid, 0);
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
void bench_remote_main(ulong hartid, ulong target)
{
	ulong mask = 1UL << target, lo, hi, mid;
	long c_max, d;
	struct sbiret r;

	csr_write(stvec, (ulong)strap_entry);
	csr_clear(sstatus, SSTATUS_SIE);
	csr_write(sie, 0);
	kv_dec("remote_started", hartid);

	r = sbi_call(SBI_EXT_RFENCE, 1, mask, 0, 0, -1UL);
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
	kv_loop("remote_sfence_vma", fence_cost(LOOPS, mask, hi), LOOPS);
	bench_exit(0);
}

void bench_main(ulong boot_instret, ulong hartid, ulong fdt)
{
	const char *mode;
	struct sbiret r;
	ulong sip;
	int len;

	csr_write(stvec, (ulong)strap_entry);
	csr_clear(sstatus, SSTATUS_SIE);
	csr_write(sie, 0);

	uart_puts("\n@@ bench start\n");
	kv_dec("boot_instret", boot_instret);
	kv_dec("hartid", hartid);
	kv_hex("fdt", fdt);

	/* a generated DTB may ask for one of the HotSBI-only benches */
	mode = fdt_prop(fdt, "/chosen", "hotsbi-bench,mode", &len);
	if (mode) {
		uart_puts("@@ mode ");
		uart_puts(mode);
		uart_puts("\n");
		if (str_eq(mode, "memhp"))
			memhp_bench(hartid, fdt);
		if (str_eq(mode, "plan"))
			plan_bench();
		fail("unknown_mode", len);
	}

	/* sanity-check each call once before timing it */
	r = sbi_call(SBI_EXT_BASE, 0, 0, 0, 0, 0);
	if (r.error)
		fail("get_spec_version", r.error);
	kv_hex("spec_version", r.value);
	r = sbi_call(SBI_EXT_BASE, 1, 0, 0, 0, 0);
	kv_hex("impl_id", r.value);
	r = sbi_call(SBI_EXT_BASE, 2, 0, 0, 0, 0);
	kv_hex("impl_version", r.value);
	r = sbi_call(SBI_EXT_BASE, 3, SBI_EXT_TIME, 0, 0, 0);
	if (r.error || r.value <= 0)
		fail("probe_extension_time", r.error ? r.error : r.value);

	kv_loop("get_spec_version", loop_spec_version(LOOPS), LOOPS);
	kv_loop("probe_extension", loop_probe_ext(LOOPS, SBI_EXT_TIME), LOOPS);

	/* IPI to self: the firmware must leave sip.SSIP set */
	csr_clear(sip, SIP_SSIP);
	r = sbi_call(SBI_EXT_IPI, 0, 1UL << hartid, 0, 0, 0);
	sip = csr_read(sip);
	if (r.error)
		fail("send_ipi", r.error);
	if (!(sip & SIP_SSIP))
		fail("send_ipi_no_ssip", sip);
	csr_clear(sip, SIP_SSIP);
	kv_loop("ipi_self", loop_ipi_self(LOOPS, 1UL << hartid), LOOPS);
	if (csr_read(sip) & SIP_SSIP)
		fail("ssip_left_pending", 1);

	bench_remote(hartid);
}
