// SPDX-License-Identifier: BSD-2-Clause
/*
 * lib/sbi/sbi_string.c: the firmware's own memory and string routines
 * (used by the firmware and by libfdt), checked against the C library
 * with exact-size heap buffers so ASan sees any overrun.
 */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"
#include "host_string.h"

/* A heap copy of exactly strlen(s) + 1 bytes. */
static char *exact(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = malloc(n);

	memcpy(p, s, n);
	return p;
}

static void test_memset(void)
{
	unsigned char buf[32];
	unsigned int i;
	bool ok = true;

	host_section("memset");
	memset(buf, 0xaa, sizeof(buf));
	CHECK(sbi_test_memset(buf + 3, 0x1ff, 10) == buf + 3);
	for (i = 0; i < sizeof(buf); i++)
		ok &= buf[i] == (i >= 3 && i < 13 ? 0xff : 0xaa);
	CHECK_MSG(ok, "memset fills exactly [3, 13) with (unsigned char)c");
	CHECK(sbi_test_memset(buf, 0, 0) == buf && buf[0] == 0xaa);
}

static void test_memcpy(void)
{
	uint64_t srcw[8], dstw[8];
	unsigned char *src = (unsigned char *)srcw, *dst = (unsigned char *)dstw;
	unsigned int so, dof, n, i;
	bool ok = true;

	host_section("memcpy");
	for (i = 0; i < sizeof(srcw); i++)
		src[i] = (unsigned char)(i * 7 + 1);
	/* Every source/destination alignment and length up to 40 bytes. */
	for (so = 0; so < 9; so++)
		for (dof = 0; dof < 9; dof++)
			for (n = 0; n <= 40; n++) {
				memset(dst, 0, sizeof(dstw));
				if (sbi_test_memcpy(dst + dof, src + so, n) !=
				    dst + dof)
					ok = false;
				for (i = 0; i < sizeof(dstw); i++) {
					unsigned char want = i >= dof &&
						i < dof + n ? src[so + i - dof] : 0;

					if (dst[i] != want)
						ok = false;
				}
			}
	CHECK_MSG(ok, "memcpy: all alignments 0..8 and lengths 0..40");

	/* Exact heap buffers: an 8-aligned copy must not read past the end. */
	{
		unsigned char *a = malloc(13), *b = malloc(13);

		for (i = 0; i < 13; i++)
			a[i] = (unsigned char)(0x30 + i);
		sbi_test_memcpy(b, a, 13);
		CHECK(!memcmp(a, b, 13));
		free(a);
		free(b);
	}
}

static void test_memmove(void)
{
	unsigned char ref[72], buf[72];
	unsigned int so, dof, n, i;
	bool ok = true, ret_ok = true;

	host_section("memmove");
	/* Overlap in both directions, every alignment, lengths 0..48. */
	for (so = 0; so < 17; so++)
		for (dof = 0; dof < 17; dof++)
			for (n = 0; n <= 48; n++) {
				for (i = 0; i < sizeof(buf); i++)
					ref[i] = buf[i] = (unsigned char)(i + 1);
				memmove(ref + dof, ref + so, n);
				if (sbi_test_memmove(buf + dof, buf + so, n) !=
				    buf + dof)
					ret_ok = false;
				if (memcmp(ref, buf, sizeof(buf)))
					ok = false;
			}
	CHECK_MSG(ok, "memmove matches the C library for all overlaps");
	CHECK_MSG(ret_ok, "memmove returns dst");

	/* The classic cases spelled out. */
	strcpy((char *)buf, "abcdefgh");
	sbi_test_memmove(buf + 2, buf, 6);
	CHECK(!memcmp(buf, "ababcdef", 8));
	strcpy((char *)buf, "abcdefgh");
	sbi_test_memmove(buf, buf + 2, 6);
	CHECK(!memcmp(buf, "cdefghgh", 8));
	strcpy((char *)buf, "abcdefgh");
	CHECK(sbi_test_memmove(buf, buf, 8) == buf && !memcmp(buf, "abcdefgh", 8));
	/* Word-aligned overlap by 8 bytes (takes the 64-bit copy path). */
	{
		uint64_t w[4] = { 1, 2, 3, 4 };

		sbi_test_memmove(&w[0], &w[1], 3 * sizeof(w[0]));
		CHECK(w[0] == 2 && w[1] == 3 && w[2] == 4 && w[3] == 4);
		w[0] = 1, w[1] = 2, w[2] = 3, w[3] = 4;
		sbi_test_memmove(&w[1], &w[0], 3 * sizeof(w[0]));
		CHECK(w[0] == 1 && w[1] == 1 && w[2] == 2 && w[3] == 3);
	}
}

static int sign(int v)
{
	return (v > 0) - (v < 0);
}

static void test_memcmp_memchr(void)
{
	const char *s = "hello\0world";

	host_section("memcmp, memchr");
	CHECK(sbi_test_memcmp("abc", "abc", 3) == 0);
	CHECK(sbi_test_memcmp("abc", "abd", 3) < 0);
	CHECK(sbi_test_memcmp("abd", "abc", 3) > 0);
	CHECK(sbi_test_memcmp("abc", "xyz", 0) == 0);
	CHECK_MSG(sbi_test_memcmp("\x80", "\x01", 1) > 0,
		  "memcmp compares bytes as unsigned char");
	CHECK(sbi_test_memcmp("a\0b", "a\0c", 3) < 0);

	CHECK(sbi_test_memchr(s, 'l', 11) == s + 2);
	CHECK(sbi_test_memchr(s, 'w', 11) == s + 6);
	CHECK(sbi_test_memchr(s, 'w', 6) == NULL);
	CHECK(sbi_test_memchr(s, '\0', 11) == s + 5);
	CHECK(sbi_test_memchr(s, 'h', 0) == NULL);
	CHECK_MSG(sbi_test_memchr(s, 0x100 + 'o', 11) == s + 4,
		  "memchr converts c to unsigned char");
	CHECK(sbi_test_memchr("\xff", -1, 1) != NULL);
}

static void test_str(void)
{
	char *abc = exact("abc"), *abd = exact("abd"), *ab = exact("ab");
	char *empty = exact(""), *hi = exact("\xff"), *a = exact("a");
	char *path = exact("/soc/serial@10000000");

	host_section("strlen, strnlen, strcmp, strncmp, strchr, strrchr");
	CHECK(sbi_test_strlen("") == 0);
	CHECK(sbi_test_strlen(path) == 20);
	CHECK(sbi_test_strnlen(path, 5) == 5);
	CHECK(sbi_test_strnlen(path, 100) == 20);
	CHECK(sbi_test_strnlen(path, 0) == 0);
	CHECK(sbi_test_strnlen(abc, 3) == 3);

	CHECK(sbi_test_strcmp(abc, abc) == 0);
	CHECK(sbi_test_strcmp(abc, abd) < 0);
	CHECK(sbi_test_strcmp(abd, abc) > 0);
	CHECK(sbi_test_strcmp(ab, abc) < 0);
	CHECK(sbi_test_strcmp(abc, ab) > 0);
	CHECK(sbi_test_strcmp(empty, empty) == 0);
	CHECK_MSG(sbi_test_strcmp(hi, a) > 0, "strcmp compares as unsigned char");
	CHECK(sign(sbi_test_strcmp(abc, abd)) == sign(strcmp(abc, abd)));

	CHECK(sbi_test_strncmp(abc, abd, 0) == 0);
	CHECK(sbi_test_strncmp(abc, abd, 2) == 0);
	CHECK(sbi_test_strncmp(abc, abd, 3) < 0);
	CHECK(sbi_test_strncmp(abd, abc, 3) > 0);
	/* Stops at the terminator: must not read past either string. */
	CHECK(sbi_test_strncmp(abc, abc, 100) == 0);
	CHECK(sbi_test_strncmp(ab, abc, 100) < 0);
	CHECK(sbi_test_strncmp(abc, ab, 100) > 0);
	CHECK(sbi_test_strncmp(ab, abc, 2) == 0);
	CHECK_MSG(sbi_test_strncmp(hi, a, 1) > 0,
		  "strncmp compares as unsigned char");
	/* How the firmware matches device_type and status properties. */
	CHECK(sbi_test_strncmp("cpu", "cpu", 4) == 0);
	CHECK(sbi_test_strncmp("cpus", "cpu", 5) != 0);
	CHECK(sbi_test_strncmp("okay", "ok", 5) != 0);

	CHECK(sbi_test_strchr(path, '/') == path);
	CHECK(sbi_test_strchr(path, '@') == path + 11);
	CHECK(sbi_test_strchr(path, 'z') == NULL);
	CHECK_MSG(sbi_test_strchr(path, '\0') == path + 20,
		  "strchr(s, 0) finds the terminator");
	CHECK(sbi_test_strrchr(path, '/') == path + 4);
	CHECK(sbi_test_strrchr(path, '0') == path + 19);
	CHECK(sbi_test_strrchr(path, 'z') == NULL);
	CHECK(sbi_test_strrchr(path, '\0') == path + 20);
	CHECK(sbi_test_strrchr(empty, 'a') == NULL);

	free(abc);
	free(abd);
	free(ab);
	free(empty);
	free(hi);
	free(a);
	free(path);
}

static void test_strlcpy(void)
{
	char *src = exact("hotsbi firmware");
	char *dst;
	size_t size;
	bool ok = true;

	host_section("strlcpy");
	/* Every destination size from 1 to 20, in an exact heap buffer. */
	for (size = 1; size <= 20; size++) {
		dst = malloc(size);
		memset(dst, 'x', size);
		if (sbi_test_strlcpy(dst, src, size) != 15)
			ok = false;
		if (strnlen(dst, size) != (size - 1 < 15 ? size - 1 : 15) ||
		    strncmp(dst, src, size - 1))
			ok = false;
		free(dst);
	}
	CHECK_MSG(ok, "strlcpy truncates, terminates and returns strlen(src)");

	dst = malloc(1);
	dst[0] = 'x';
	CHECK(sbi_test_strlcpy(dst, src, 0) == 15);
	CHECK_MSG(dst[0] == 'x', "strlcpy with size 0 writes nothing");
	free(dst);

	dst = malloc(1);
	CHECK(sbi_test_strlcpy(dst, "", 1) == 0 && dst[0] == '\0');
	free(dst);
	free(src);
}

static void test_strtoul(void)
{
	char *end;
	const char *s;

	host_section("strtoul");
	CHECK_EQ(sbi_test_strtoul("12345", &end, 10), 12345);
	CHECK(*end == '\0');
	s = "42abc";
	CHECK_EQ(sbi_test_strtoul(s, &end, 10), 42);
	CHECK(end == s + 2);
	CHECK_EQ(sbi_test_strtoul("0x1f", &end, 16), 0x1f);
	CHECK(*end == '\0');
	CHECK_EQ(sbi_test_strtoul("0X1F", NULL, 0), 0x1f);
	CHECK_EQ(sbi_test_strtoul("1f", NULL, 16), 0x1f);
	CHECK_EQ(sbi_test_strtoul("deadBEEF", NULL, 16), 0xdeadbeef);
	CHECK_EQ(sbi_test_strtoul("017", NULL, 0), 017);
	CHECK_EQ(sbi_test_strtoul("019", &end, 0), 1);
	CHECK_MSG(*end == '9', "base 0 with a leading 0 is octal");
	CHECK_EQ(sbi_test_strtoul("0", &end, 0), 0);
	CHECK(*end == '\0');
	CHECK_EQ(sbi_test_strtoul("123", NULL, 0), 123);
	CHECK_EQ(sbi_test_strtoul("101", NULL, 2), 5);
	CHECK_EQ(sbi_test_strtoul("zZ", NULL, 36), 35 * 36 + 35);
	s = "ff";
	CHECK_EQ(sbi_test_strtoul(s, &end, 10), 0);
	CHECK(end == s);
	s = "";
	CHECK_EQ(sbi_test_strtoul(s, &end, 10), 0);
	CHECK(end == s);
	CHECK(sbi_test_strtoul("18446744073709551615", NULL, 10) == ULONG_MAX);
	CHECK(sbi_test_strtoul("0xffffffffffffffff", NULL, 0) == ULONG_MAX);
	/* How libfdt's overlay code uses it: a number after ':'. */
	s = "/fragment@0:target:12";
	CHECK_EQ(sbi_test_strtoul(s + 19, &end, 10), 12);
	CHECK(*end == '\0');
}

int main(void)
{
	test_memset();
	test_memcpy();
	test_memmove();
	test_memcmp_memchr();
	test_str();
	test_strlcpy();
	test_strtoul();
	return host_summary("string");
}
