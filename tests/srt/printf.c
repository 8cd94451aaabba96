/*
 * A small vsnprintf for the S-mode test programs: %c %s %d %i %u %x %p,
 * flags 0 and #, width, l/z.
 */
#include "srt.h"

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
