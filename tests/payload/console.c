/*
 * Console output (DBCN console_write when probed, else legacy putchar),
 * a small printf and the TAP-like harness: "ok N - ...", "not ok N - ...",
 * and the final "payload: N passed, M failed" line.
 */
#include "payload.h"

bool have_dbcn;
static bool have_legacy;
static volatile unsigned int print_lock;
static volatile unsigned long test_num, n_passed, n_failed, n_skipped;
static volatile unsigned long n_known;
unsigned long dbcn_print_errors;

void *memset(void *s, int c, unsigned long n)
{
	unsigned char *p = s;

	while (n--)
		*p++ = c;
	return s;
}

void *memcpy(void *d, const void *s, unsigned long n)
{
	unsigned char *dp = d;
	const unsigned char *sp = s;

	while (n--)
		*dp++ = *sp++;
	return d;
}

int memcmp(const void *a, const void *b, unsigned long n)
{
	const unsigned char *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

unsigned long strlen(const char *s)
{
	unsigned long n = 0;

	while (s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, unsigned long n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			break;
	}
	return 0;
}

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

/* ---- a small vsnprintf: %c %s %d %i %u %x %p, flags 0 and #, width, l/z */

struct outbuf {
	char *buf;
	unsigned long len, pos;
};

static void put(struct outbuf *o, char c)
{
	if (o->pos + 1 < o->len)
		o->buf[o->pos] = c;
	o->pos++;
}

static void put_num(struct outbuf *o, unsigned long v, unsigned int base,
		    bool neg, int width, char pad, bool alt)
{
	char tmp[24];
	int n = 0;

	do {
		tmp[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	if (alt && base == 16) {
		put(o, '0');
		put(o, 'x');
		width -= 2;
	}
	if (neg) {
		if (pad == '0')
			put(o, '-');
		width--;
	}
	for (; width > n; width--)
		put(o, pad);
	if (neg && pad != '0')
		put(o, '-');
	while (n)
		put(o, tmp[--n]);
}

int vsnprintf(char *buf, unsigned long len, const char *fmt, va_list ap)
{
	struct outbuf o = { buf, len, 0 };

	for (; *fmt; fmt++) {
		char pad = ' ';
		int width = 0, lng = 0;
		bool alt = false;
		unsigned long v;
		const char *s;

		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		fmt++;
		for (;; fmt++) {
			if (*fmt == '0')
				pad = '0';
			else if (*fmt == '#')
				alt = true;
			else
				break;
		}
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		while (*fmt == 'l' || *fmt == 'z') {
			lng = 1;
			fmt++;
		}
		switch (*fmt) {
		case 'c':
			put(&o, (char)va_arg(ap, int));
			break;
		case 's':
			s = va_arg(ap, const char *);
			if (!s)
				s = "(null)";
			for (v = strlen(s); (int)v < width; width--)
				put(&o, ' ');
			while (*s)
				put(&o, *s++);
			break;
		case 'd':
		case 'i': {
			long sv = lng ? va_arg(ap, long) : va_arg(ap, int);

			put_num(&o, sv < 0 ? -(unsigned long)sv : (unsigned long)sv,
				10, sv < 0, width, pad, false);
			break;
		}
		case 'u':
			v = lng ? va_arg(ap, unsigned long) : va_arg(ap, unsigned int);
			put_num(&o, v, 10, false, width, pad, false);
			break;
		case 'x':
			v = lng ? va_arg(ap, unsigned long) : va_arg(ap, unsigned int);
			put_num(&o, v, 16, false, width, pad, alt);
			break;
		case 'p':
			v = (unsigned long)va_arg(ap, void *);
			put_num(&o, v, 16, false, width, pad, true);
			break;
		case '%':
			put(&o, '%');
			break;
		default:
			put(&o, '%');
			if (!*fmt)
				fmt--;
			else
				put(&o, *fmt);
			break;
		}
	}
	if (o.len)
		o.buf[o.pos < o.len ? o.pos : o.len - 1] = '\0';
	return o.pos;
}

int snprintf(char *buf, unsigned long len, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, len, fmt, ap);
	va_end(ap);
	return n;
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

/* ---- harness */

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
