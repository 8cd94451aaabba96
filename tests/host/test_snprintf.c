// SPDX-License-Identifier: BSD-2-Clause
/*
 * lib/sbi/sbi_console.c: sbi_snprintf formatting (conversions, widths,
 * padding, truncation, extreme values, compared with the C library) and
 * the console output paths through a recording console device.
 */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include "harness.h"
#include "host_fakes.h"
#include <sbi/sbi_console.h>

/* Format with sbi_snprintf into a static buffer; check text and length. */
#define FMT_IS(want, ...)                                                  \
	do {                                                               \
		char __buf[256];                                           \
		int __n = sbi_snprintf(__buf, sizeof(__buf), __VA_ARGS__); \
		host_result(!strcmp(__buf, want) &&                        \
				    __n == (int)strlen(want),              \
			    __FILE__, __LINE__,                            \
			    "sbi_snprintf(%s) = \"%s\" (got \"%s\", %d)",  \
			    #__VA_ARGS__, want, __buf, __n);               \
	} while (0)

static void test_conversions(void)
{
	const char *volatile null_str = NULL;

	host_section("conversions");
	FMT_IS("hello", "%s", "hello");
	FMT_IS("[x]", "[%c]", 'x');
	FMT_IS("0", "%d", 0);
	FMT_IS("42", "%d", 42);
	FMT_IS("-42", "%d", -42);
	FMT_IS("-7", "%i", -7);
	FMT_IS("2147483647", "%d", INT_MAX);
	FMT_IS("-2147483648", "%d", INT_MIN);
	FMT_IS("0", "%u", 0U);
	FMT_IS("4294967295", "%u", UINT_MAX);
	FMT_IS("deadbeef", "%x", 0xdeadbeefU);
	FMT_IS("ABCDEF", "%X", 0xabcdefU);
	FMT_IS("fedcba9876543210", "%lx", 0xfedcba9876543210UL);
	FMT_IS("FEDCBA9876543210", "%lX", 0xfedcba9876543210UL);
	FMT_IS("9223372036854775807", "%ld", LONG_MAX);
	FMT_IS("-9223372036854775808", "%ld", LONG_MIN);
	FMT_IS("-1", "%ld", -1L);
	FMT_IS("18446744073709551615", "%lu", ULONG_MAX);
	FMT_IS("-9223372036854775808", "%lld", LLONG_MIN);
	FMT_IS("123", "%zu", (size_t)123);
	FMT_IS("0x80200000", "%p", (void *)0x80200000UL);
	FMT_IS("0xffffffffffffffff", "%p", (void *)~0UL);
	FMT_IS("100%", "100%%");
	FMT_IS("(null)", "%s", null_str);
	FMT_IS("a-1-b-ff-c", "a-%d-b-%x-c", 1, 255);
	FMT_IS("", "%s", "");
	/* How the firmware names the reserved-memory node. */
	FMT_IS("hotsbi@80000000", "hotsbi@%lx", 0x80000000UL);
}

static void test_widths(void)
{
	host_section("widths and padding");
	FMT_IS("   42", "%5d", 42);
	FMT_IS("00042", "%05d", 42);
	FMT_IS("  -42", "%5d", -42);
	FMT_IS("12345", "%2d", 12345);
	FMT_IS("0000000000001234", "%016lx", 0x1234UL);
	FMT_IS("00000000deadbeef", "%016lx", 0xdeadbeefUL);
	FMT_IS("      ab|", "%8s|", "ab");
	FMT_IS("ab      |", "%-8s|", "ab");
	FMT_IS("abcdef", "%3s", "abcdef");
	FMT_IS("0x1000", "%p", (void *)0x1000UL);
	FMT_IS("pmp 3", "pmp%2u", 3U);
	FMT_IS("  0", "%3u", 0U);
	FMT_IS("000", "%03x", 0U);
	FMT_IS("-9223372036854775808", "%5ld", LONG_MIN);
	FMT_IS("    -9223372036854775808", "%24ld", LONG_MIN);

	/* Zero padding after the sign; '-' left-justifies numbers. */
	FMT_IS("-0042", "%05d", -42);
	FMT_IS("[42   ]", "[%-5d]", 42);
}

static void test_truncation(void)
{
	char *buf;
	char big[64];
	size_t size;
	int n;
	bool ok = true;

	host_section("truncation");
	/* Exact-size heap buffers: ASan catches any write past size. */
	for (size = 1; size <= 14; size++) {
		buf = malloc(size);
		n = sbi_snprintf(buf, size, "hello %s", "world");
		if (n != 11 || strlen(buf) != (size - 1 < 11 ? size - 1 : 11) ||
		    strncmp(buf, "hello world", size - 1))
			ok = false;
		free(buf);
	}
	CHECK_MSG(ok, "sizes 1..14: truncated, terminated, returns 11");

	buf = malloc(4);
	n = sbi_snprintf(buf, 4, "%d", 123456);
	CHECK(n == 6 && !strcmp(buf, "123"));
	n = sbi_snprintf(buf, 4, "%20d", 1);
	CHECK(n == 20 && !strcmp(buf, "   "));
	n = sbi_snprintf(buf, 4, "%lx", 0xfedcba9876543210UL);
	CHECK(n == 16 && !strcmp(buf, "fed"));
	free(buf);

	memset(big, 'x', sizeof(big));
	n = sbi_snprintf(big, 0, "abc");
	CHECK_MSG(n == 3 && big[0] == 'x', "size 0: nothing written, returns 3");

	buf = malloc(1);
	n = sbi_snprintf(buf, 1, "abc");
	CHECK(n == 3 && buf[0] == '\0');
	free(buf);

	/* The C idiom to measure a string: must not print anything. */
	host_console_reset();
	sbi_console_set_device(&host_console);
	n = sbi_snprintf(NULL, 0, "measure me");
	CHECK(n == 10);
	CHECK_MSG(host_console_len == 0,
		  "sbi_snprintf(NULL, 0) prints nothing");
	sbi_console_set_device(NULL);
}

/* Pseudo-random 64-bit values with every magnitude. */
static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t rnd(void)
{
	uint64_t x = rng_state;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	rng_state = x;
	return x >> (x & 63);
}

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#pragma GCC diagnostic ignored "-Wformat-security"
static void test_against_libc(void)
{
	static const char *const convs[] = { "d", "u", "x", "X", "ld", "lu",
					     "lx", "lX", "i", "s", "c" };
	unsigned int i, c, mismatches = 0, cases = 0;

	host_section("against the C library");
	for (i = 0; i < 2000; i++) {
		for (c = 0; c < array_size(convs); c++) {
			char fmt[32], want[128], got[128];
			unsigned int width = rnd() % 24;
			bool zero = rnd() & 1;
			uint64_t v = rnd();
			bool is_long = convs[c][0] == 'l';
			int nw, ng;

			if (convs[c][0] == 's' || convs[c][0] == 'c')
				zero = false;
			snprintf(fmt, sizeof(fmt), "<%%%s%u%s>", zero ? "0" : "",
				 width, convs[c]);
			if (convs[c][0] == 's') {
				const char *s = &"abcdefghijklmnopqrstuvwxyz"[v % 27];

				nw = snprintf(want, sizeof(want), fmt, s);
				ng = sbi_snprintf(got, sizeof(got), fmt, s);
			} else if (convs[c][0] == 'c') {
				char ch = 'A' + v % 26;

				nw = snprintf(want, sizeof(want), fmt, ch);
				ng = sbi_snprintf(got, sizeof(got), fmt, ch);
			} else if (is_long) {
				nw = snprintf(want, sizeof(want), fmt, (long)v);
				ng = sbi_snprintf(got, sizeof(got), fmt, (long)v);
			} else {
				nw = snprintf(want, sizeof(want), fmt, (int)v);
				ng = sbi_snprintf(got, sizeof(got), fmt, (int)v);
			}
			/* The firmware ignores the width of %c. */
			if (convs[c][0] == 'c')
				nw = snprintf(want, sizeof(want), "<%c>",
					      'A' + (int)(v % 26));
			cases++;
			if (nw != ng || strcmp(want, got)) {
				if (mismatches++ < 5)
					printf("# mismatch: fmt \"%s\" want \"%s\" got \"%s\"\n",
					       fmt, want, got);
			}
		}
	}
	CHECK_MSG(mismatches == 0, "%u random formats agree with the C library (%u mismatches)",
		  cases, mismatches);
}

static void test_odd_formats(void)
{
	char buf[32];
	const char *fmt;

	host_section("unknown conversions");
	fmt = "a%qb";
	sbi_snprintf(buf, sizeof(buf), fmt);
	CHECK_STR(buf, "a%qb");
	fmt = "abc%";
	CHECK(sbi_snprintf(buf, sizeof(buf), fmt) == 4);
	CHECK_STR(buf, "abc%");
	fmt = "%";
	sbi_snprintf(buf, sizeof(buf), fmt);
	CHECK_STR(buf, "%");
	fmt = "%5";
	sbi_snprintf(buf, sizeof(buf), fmt);
	CHECK_STR(buf, "%");
}
#pragma GCC diagnostic pop

static void test_console(void)
{
	char in[8];
	int n;

	host_section("console device");
	host_console_reset();
	sbi_console_set_device(NULL);
	CHECK(sbi_console_get_device() == NULL);
	CHECK_EQ(sbi_printf("nobody listens %d\n", 1), 17);
	CHECK_EQ(sbi_console_write("abc", 3), 0);
	CHECK_EQ(sbi_console_read(in, sizeof(in)), 0);

	sbi_console_set_device(&host_console);
	CHECK(sbi_console_get_device() == &host_console);
	n = sbi_printf("hart %lu: %s\n", 3UL, "up");
	CHECK_EQ(n, 11);
	CHECK_STR(host_console_out, "hart 3: up\r\n");

	host_console_reset();
	sbi_puts("a\nb\n");
	CHECK_STR(host_console_out, "a\r\nb\r\n");

	host_console_reset();
	CHECK_EQ(sbi_console_write("raw\nbytes", 9), 9);
	CHECK_STR(host_console_out, "raw\nbytes");

	host_console_reset();
	sbi_console_set_quiet(true);
	CHECK(sbi_console_quiet());
	sbi_boot_printf("quiet %d\n", 1);
	CHECK_EQ(host_console_len, 0);
	sbi_console_set_quiet(false);
	sbi_boot_printf("loud\n");
	CHECK_STR(host_console_out, "loud\r\n");

	host_console_reset();
	host_console_feed("xyz", 3);
	CHECK_EQ(sbi_console_read(in, 2), 2);
	CHECK(in[0] == 'x' && in[1] == 'y');
	CHECK_EQ(sbi_console_read(in, sizeof(in)), 1);
	CHECK(in[0] == 'z');
	CHECK_EQ(sbi_console_read(in, sizeof(in)), 0);
	CHECK_EQ(sbi_console_read(in, 0), 0);
	sbi_console_set_device(NULL);
}

int main(void)
{
	test_conversions();
	test_widths();
	test_truncation();
	test_against_libc();
	test_odd_formats();
	test_console();
	return host_summary("snprintf");
}
