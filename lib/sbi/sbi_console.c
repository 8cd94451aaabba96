// SPDX-License-Identifier: BSD-2-Clause
/*
 * Firmware console: the registered device, a small printf, and the
 * fatal-error stop.
 */
#include <stdarg.h>
#include <sbi/sbi_console.h>
#include <sbi/sbi_lock.h>
#include <sbi/sbi_string.h>
#include <sbi/sbi_system.h>

static const struct sbi_console_device *console_dev;
static spinlock_t console_lock = SPIN_LOCK_INIT;
static bool console_quiet;
static bool console_panicking;

void sbi_console_panic_mode(void)
{
	console_panicking = true;
}

static void console_lock_take(void)
{
	if (!console_panicking)
		spin_lock(&console_lock);
}

static void console_lock_release(void)
{
	if (!console_panicking)
		spin_unlock(&console_lock);
}

void sbi_console_set_device(const struct sbi_console_device *dev)
{
	console_dev = dev;
}

const struct sbi_console_device *sbi_console_get_device(void)
{
	return console_dev;
}

void sbi_console_set_quiet(bool quiet)
{
	console_quiet = quiet;
}

bool sbi_console_quiet(void)
{
	return console_quiet;
}

static void console_putc_raw(char ch)
{
	if (console_dev)
		console_dev->putc(ch);
}

void sbi_putc(char ch)
{
	if (ch == '\n')
		console_putc_raw('\r');
	console_putc_raw(ch);
}

void sbi_puts(const char *str)
{
	console_lock_take();
	while (*str)
		sbi_putc(*str++);
	console_lock_release();
}

unsigned long sbi_console_write(const char *buf, unsigned long len)
{
	unsigned long i;

	if (!console_dev)
		return 0;
	console_lock_take();
	for (i = 0; i < len; i++)
		console_dev->putc(buf[i]);
	console_lock_release();
	return len;
}

unsigned long sbi_console_read(char *buf, unsigned long len)
{
	unsigned long n = 0;
	int ch;

	if (!console_dev || !console_dev->getc)
		return 0;
	console_lock_take();
	while (n < len && (ch = console_dev->getc()) >= 0)
		buf[n++] = (char)ch;
	console_lock_release();
	return n;
}

/* Output sink for the formatter: a bounded buffer or the console. */
struct fmt_out {
	char *buf;
	size_t size;
	size_t len;
	bool console;
};

static void out_char(struct fmt_out *o, char ch)
{
	if (!o->console) {
		if (o->buf && o->len + 1 < o->size)
			o->buf[o->len] = ch;
	} else {
		sbi_putc(ch);
	}
	o->len++;
}

static void out_number(struct fmt_out *o, unsigned long long v, unsigned int base,
		       bool negative, int width, char pad, bool upper, bool left)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0, len;

	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	len = n + negative;
	/* The sign goes before zero padding, after space padding. */
	if (negative && pad == '0' && !left)
		out_char(o, '-');
	for (; !left && width > len; width--)
		out_char(o, pad);
	if (negative && (pad != '0' || left))
		out_char(o, '-');
	while (n)
		out_char(o, tmp[--n]);
	for (; left && width > len; width--)
		out_char(o, ' ');
}

static void vformat(struct fmt_out *o, const char *fmt, va_list ap)
{
	for (; *fmt; fmt++) {
		int width = 0, longs = 0;
		bool left = false;
		char pad = ' ';
		unsigned long long u;
		long long s;
		const char *str;

		if (*fmt != '%') {
			out_char(o, *fmt);
			continue;
		}
		fmt++;
		if (*fmt == '-') {
			left = true;
			fmt++;
		}
		if (*fmt == '0') {
			pad = '0';
			fmt++;
		}
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		while (*fmt == 'l' || *fmt == 'z') {
			longs++;
			fmt++;
		}
		switch (*fmt) {
		case 'c':
			out_char(o, (char)va_arg(ap, int));
			break;
		case 's':
			str = va_arg(ap, const char *);
			if (!str)
				str = "(null)";
			width -= (int)strlen(str);
			for (; !left && width > 0; width--)
				out_char(o, ' ');
			while (*str)
				out_char(o, *str++);
			for (; left && width > 0; width--)
				out_char(o, ' ');
			break;
		case 'd':
		case 'i':
			s = longs ? va_arg(ap, long) : va_arg(ap, int);
			out_number(o, s < 0 ? -(unsigned long long)s : s, 10,
				   s < 0, width, pad, false, left);
			break;
		case 'u':
			u = longs ? va_arg(ap, unsigned long)
				  : va_arg(ap, unsigned int);
			out_number(o, u, 10, false, width, pad, false, left);
			break;
		case 'x':
		case 'X':
			u = longs ? va_arg(ap, unsigned long)
				  : va_arg(ap, unsigned int);
			out_number(o, u, 16, false, width, pad, *fmt == 'X', left);
			break;
		case 'p':
			out_char(o, '0');
			out_char(o, 'x');
			out_number(o, (unsigned long)va_arg(ap, void *), 16,
				   false, width, pad, false, left);
			break;
		case '%':
			out_char(o, '%');
			break;
		default:
			out_char(o, '%');
			if (*fmt)
				out_char(o, *fmt);
			else
				fmt--;
			break;
		}
	}
}

int sbi_printf(const char *fmt, ...)
{
	struct fmt_out o = { NULL, 0, 0, true };
	va_list ap;

	console_lock_take();
	va_start(ap, fmt);
	vformat(&o, fmt, ap);
	va_end(ap);
	console_lock_release();
	return (int)o.len;
}

int sbi_snprintf(char *out, size_t size, const char *fmt, ...)
{
	struct fmt_out o = { out, size, 0, false };
	va_list ap;

	va_start(ap, fmt);
	vformat(&o, fmt, ap);
	va_end(ap);
	if (out && size)
		out[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

void sbi_panic(const char *fmt, ...)
{
	struct fmt_out o = { NULL, 0, 0, true };
	va_list ap;

	/* Never wait for the lock: the holder may be the hart that died. */
	sbi_console_panic_mode();
	va_start(ap, fmt);
	vformat(&o, fmt, ap);
	va_end(ap);
	sbi_system_stop();
}
