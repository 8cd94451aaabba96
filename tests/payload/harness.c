/*
 * The payload's TAP-like harness: "ok N - ...", "not ok N - ...", skips
 * and known firmware bugs, and the final "payload: N passed, M failed"
 * line followed by an SRST shutdown.
 */
#include "payload.h"

static volatile unsigned long test_num, n_passed, n_failed, n_skipped;
static volatile unsigned long n_known;

static void fmt_val(char *buf, unsigned long len, long v)
{
	if (v > -100000 && v < 100000)
		snprintf(buf, len, "%ld", v);
	else
		snprintf(buf, len, "%#lx", (unsigned long)v);
}

void check_eq(long got, long want, const char *fmt, ...)
{
	char desc[160], g[24], w[24];
	unsigned long n = atomic_add(&test_num, 1) + 1;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(desc, sizeof(desc), fmt, ap);
	va_end(ap);
	if (got == want) {
		atomic_add(&n_passed, 1);
		printk("ok %lu - %s\n", n, desc);
	} else {
		atomic_add(&n_failed, 1);
		fmt_val(g, sizeof(g), got);
		fmt_val(w, sizeof(w), want);
		printk("not ok %lu - %s (got %s, want %s)\n", n, desc, g, w);
	}
}

void check_true(bool cond, const char *fmt, ...)
{
	char desc[160];
	unsigned long n = atomic_add(&test_num, 1) + 1;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(desc, sizeof(desc), fmt, ap);
	va_end(ap);
	if (cond) {
		atomic_add(&n_passed, 1);
		printk("ok %lu - %s\n", n, desc);
	} else {
		atomic_add(&n_failed, 1);
		printk("not ok %lu - %s (got false, want true)\n", n, desc);
	}
}

/*
 * A check the firmware is known to fail: passes as usual when cond holds,
 * else prints a KNOWN-FIRMWARE-BUG line and counts neither way.
 */
void check_known_bug(bool cond, const char *bug, const char *fmt, ...)
{
	char desc[160];
	unsigned long n;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(desc, sizeof(desc), fmt, ap);
	va_end(ap);
	if (cond) {
		check_true(true, "%s", desc);
		return;
	}
	n = atomic_add(&test_num, 1) + 1;
	atomic_add(&n_known, 1);
	printk("ok %lu - %s # TODO KNOWN-FIRMWARE-BUG: %s\n", n, desc, bug);
}

void skip(const char *why, const char *fmt, ...)
{
	char desc[160];
	unsigned long n = atomic_add(&test_num, 1) + 1;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(desc, sizeof(desc), fmt, ap);
	va_end(ap);
	atomic_add(&n_skipped, 1);
	printk("ok %lu - %s # SKIP %s\n", n, desc, why);
}

void finish(void)
{
	unsigned long failed = atomic_load(&n_failed);
	unsigned long end;
	struct sbiret r;

	printk("1..%lu\n", atomic_load(&test_num));
	printk("# %lu skipped\n", atomic_load(&n_skipped));
	printk("# %lu known firmware bugs\n", atomic_load(&n_known));
	printk("payload: %lu passed, %lu failed\n", atomic_load(&n_passed),
	       failed);
	r = sbi_system_reset(SBI_SRST_TYPE_SHUTDOWN,
			     failed ? SBI_SRST_REASON_SYSFAIL :
				      SBI_SRST_REASON_NONE);
	printk("# system_reset returned error %ld, value %ld\n", r.error,
	       r.value);
	if (r.error == SBI_ERR_NOT_SUPPORTED) {
		/* no power-off device (sifive_u): a reboot ends QEMU -no-reboot */
		printk("# no power-off: cold reboot\n");
		r = sbi_system_reset(SBI_SRST_TYPE_COLD_REBOOT,
				     failed ? SBI_SRST_REASON_SYSFAIL :
					      SBI_SRST_REASON_NONE);
		printk("# cold reboot returned error %ld, value %ld\n",
		       r.error, r.value);
	}
	end = rdtime() + us_to_ticks(10000000);
	while (rdtime() < end)
		wfi();
	for (;;)
		wfi();
}

/* Checks run so far (passed + failed), for per-module counts. */
unsigned long checks_run(void)
{
	return atomic_load(&n_passed) + atomic_load(&n_failed);
}

unsigned long checks_failed(void)
{
	return atomic_load(&n_failed);
}

void fail_and_finish(const char *why)
{
	check_true(false, "%s", why);
	finish();
}
