/*
 * Console output of the S-mode test programs through the firmware: DBCN
 * console_write when probed, else legacy putchar; one line at a time
 * under a lock shared by all harts.
 */
#include "srt.h"

bool have_dbcn;
static bool have_legacy;
static volatile unsigned int print_lock;
unsigned long dbcn_print_errors;

void console_init(void)
{
	have_dbcn = sbi_probe(SBI_EXT_DBCN).value != 0;
	have_legacy = sbi_probe(SBI_EXT_LEGACY_PUTCHAR).value != 0;
}

static void legacy_write(const char *s, unsigned long n)
{
	while (n--)
		sbi_call1(SBI_EXT_LEGACY_PUTCHAR, 0, (unsigned char)*s++);
}

static void console_write(const char *s, unsigned long n)
{
	unsigned long end = rdtime() + us_to_ticks(1000000);

	while (have_dbcn && n) {
		struct sbiret r = sbi_dbcn_write(n, (unsigned long)s, 0);

		if (r.error || (unsigned long)r.value > n) {
			dbcn_print_errors++;
			break;
		}
		s += r.value;
		n -= r.value;
		if (n && rdtime() > end) {
			dbcn_print_errors++;
			break;
		}
	}
	if (n && have_legacy)
		legacy_write(s, n);
}

static void lock(void)
{
	unsigned long end = rdtime() + us_to_ticks(2000000);

	while (__atomic_exchange_n(&print_lock, 1, __ATOMIC_ACQUIRE))
		if (rdtime() > end)
			return;
}

static void unlock(void)
{
	__atomic_store_n(&print_lock, 0, __ATOMIC_RELEASE);
}

static void vprintk(const char *fmt, va_list ap)
{
	char buf[256];
	unsigned long n = vsnprintf(buf, sizeof(buf), fmt, ap);

	if (n >= sizeof(buf))
		n = sizeof(buf) - 1;
	lock();
	console_write(buf, n);
	unlock();
}

void printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
}
