// SPDX-License-Identifier: BSD-2-Clause
/*
 * Memory and string routines for a freestanding firmware (and libfdt).
 */
#include <sbi/sbi_string.h>

void *memset(void *s, int c, size_t n)
{
	unsigned char *p = s;

	if (n >= 64 && !((uintptr_t)p & 7)) {
		u64 v = (unsigned char)c;

		v |= v << 8;
		v |= v << 16;
		v |= v << 32;
		/* Scrubbing whole blocks goes through here: unrolled stores. */
		for (; n >= 64; n -= 64, p += 64) {
			u64 *q = (u64 *)p;

			q[0] = v;
			q[1] = v;
			q[2] = v;
			q[3] = v;
			q[4] = v;
			q[5] = v;
			q[6] = v;
			q[7] = v;
		}
	}
	while (n--)
		*p++ = (unsigned char)c;
	return s;
}

void *memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if ((((uintptr_t)d | (uintptr_t)s) & 7) == 0) {
		for (; n >= 32; n -= 32, d += 32, s += 32) {
			((u64 *)d)[0] = ((const u64 *)s)[0];
			((u64 *)d)[1] = ((const u64 *)s)[1];
			((u64 *)d)[2] = ((const u64 *)s)[2];
			((u64 *)d)[3] = ((const u64 *)s)[3];
		}
		for (; n >= 8; n -= 8, d += 8, s += 8)
			*(u64 *)d = *(const u64 *)s;
	} else if ((((uintptr_t)d | (uintptr_t)s) & 3) == 0) {
		/* Device trees are 4-byte aligned. */
		for (; n >= 16; n -= 16, d += 16, s += 16) {
			((u32 *)d)[0] = ((const u32 *)s)[0];
			((u32 *)d)[1] = ((const u32 *)s)[1];
			((u32 *)d)[2] = ((const u32 *)s)[2];
			((u32 *)d)[3] = ((const u32 *)s)[3];
		}
		for (; n >= 4; n -= 4, d += 4, s += 4)
			*(u32 *)d = *(const u32 *)s;
	}
	while (n--)
		*d++ = *s++;
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d == s || n == 0)
		return dst;
	if (d < s || d >= s + n)
		return memcpy(dst, src, n);
	/* Overlapping, destination above: copy backwards, words when aligned. */
	if ((((uintptr_t)d | (uintptr_t)s | n) & 3) == 0) {
		for (; n >= 16; n -= 16) {
			((u32 *)(d + n))[-1] = ((const u32 *)(s + n))[-1];
			((u32 *)(d + n))[-2] = ((const u32 *)(s + n))[-2];
			((u32 *)(d + n))[-3] = ((const u32 *)(s + n))[-3];
			((u32 *)(d + n))[-4] = ((const u32 *)(s + n))[-4];
		}
		for (; n >= 4; n -= 4)
			((u32 *)(d + n))[-1] = ((const u32 *)(s + n))[-1];
		return dst;
	}
	while (n--)
		d[n] = s[n];
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	for (; n; n--, p++)
		if (*p == (unsigned char)c)
			return (void *)p;
	return NULL;
}

size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return p - s;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
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

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			break;
	}
	return 0;
}

char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}

char *strrchr(const char *s, int c)
{
	const char *last = NULL;

	for (;; s++) {
		if (*s == (char)c)
			last = s;
		if (!*s)
			return (char *)last;
	}
}

size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len < size - 1 ? len : size - 1;

		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}

unsigned long strtoul(const char *s, char **end, int base)
{
	unsigned long v = 0;

	if ((base == 0 || base == 16) && s[0] == '0' &&
	    (s[1] == 'x' || s[1] == 'X')) {
		s += 2;
		base = 16;
	} else if (base == 0) {
		base = s[0] == '0' ? 8 : 10;
	}
	for (;; s++) {
		int d;

		if (*s >= '0' && *s <= '9')
			d = *s - '0';
		else if (*s >= 'a' && *s <= 'z')
			d = *s - 'a' + 10;
		else if (*s >= 'A' && *s <= 'Z')
			d = *s - 'A' + 10;
		else
			break;
		if (d >= base)
			break;
		v = v * base + d;
	}
	if (end)
		*end = (char *)s;
	return v;
}
