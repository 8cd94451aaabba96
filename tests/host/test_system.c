// SPDX-License-Identifier: BSD-2-Clause
/*
 * lib/sbi/sbi_system.c: argument checks of sbi_system_reset (SRST) with a
 * fake platform reset device, its route through sbi_ecall_handler, and
 * the fatal stop paths (sbi_system_stop, sbi_panic) in a child process.
 */
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>
#include "harness.h"
#include "host_fakes.h"
#include <sbi/sbi_system.h>
#include <sbi/sbi_platform.h>
#include <sbi/sbi_error.h>
#include <sbi/sbi_trap.h>
#include <sbi/sbi_ecall_interface.h>

/* The fake device: which types it supports, and what it was asked. */
static bool dev_shutdown = true, dev_reboot = true;
static unsigned int resets;
static u32 last_type, last_reason;
static int report_fd = -1;

static int fake_check(u32 type, u32 reason __unused)
{
	if (type == SBI_SRST_RESET_TYPE_SHUTDOWN)
		return dev_shutdown ? 0 : -1;
	return dev_reboot ? 0 : -1;
}

static void fake_reset(u32 type, u32 reason)
{
	resets++;
	last_type = type;
	last_reason = reason;
	if (report_fd >= 0) {
		/* In a child: report what the firmware printed and did. */
		dprintf(report_fd, "reset %u %u: %s", type, reason,
			host_console_out);
		_exit(0);
	}
}

static const struct sbi_system_reset_device fake_device = {
	.name = "fake-reset",
	.reset_check = fake_check,
	.reset = fake_reset,
};

/* A valid request ends in the device's reset (which returns here). */
#define RESETS(t, r, want_t, want_r)                                       \
	do {                                                               \
		unsigned int __before = resets;                            \
		int __rc = sbi_system_reset(t, r);                         \
		host_result(__rc == SBI_ERR_FAILED &&                      \
				    resets == __before + 1 &&              \
				    last_type == (want_t) &&               \
				    last_reason == (want_r),               \
			    __FILE__, __LINE__,                            \
			    "reset(%s, %s) reaches the device as (%u, %u) " \
			    "(got rc %d, device %s (%u, %u))", #t, #r,     \
			    (unsigned int)(want_t), (unsigned int)(want_r), \
			    __rc, resets == __before + 1 ? "called" : "not called", \
			    last_type, last_reason);                       \
	} while (0)

#define REFUSED(t, r, err)                                                 \
	do {                                                               \
		unsigned int __before = resets;                            \
		int __rc = sbi_system_reset(t, r);                         \
		host_result(__rc == (err) && resets == __before,           \
			    __FILE__, __LINE__,                            \
			    "reset(%s, %s) -> %d without a reset (got %d%s)", \
			    #t, #r, err, __rc,                             \
			    resets == __before ? "" : ", device called");  \
	} while (0)

static void test_valid(void)
{
	unsigned long t, r;

	host_section("valid types and reasons");
	for (t = 0; t <= 2; t++)
		for (r = 0; r <= 1; r++)
			RESETS(t, r, t, r);
	host_section("upper 32 bits ignored (uint32_t parameters)");
	RESETS(0x100000000UL, 0UL, 0, 0);
	RESETS(0xffffffff00000001UL, 0xffffffff00000001UL, 1, 1);
	RESETS(2UL | (1UL << 40), 1UL << 32, 2, 0);
}

static void test_invalid(void)
{
	host_section("reserved and platform-specific values");
	REFUSED(3UL, 0UL, SBI_ERR_INVALID_PARAM);
	REFUSED(0xefffffffUL, 0UL, SBI_ERR_INVALID_PARAM);
	REFUSED(0xf0000000UL, 0UL, SBI_ERR_INVALID_PARAM);
	REFUSED(0xffffffffUL, 0UL, SBI_ERR_INVALID_PARAM);
	REFUSED(0xffffffff00000003UL, 0UL, SBI_ERR_INVALID_PARAM);
	REFUSED(0UL, 2UL, SBI_ERR_INVALID_PARAM);
	REFUSED(1UL, 0xdfffffffUL, SBI_ERR_INVALID_PARAM);
	REFUSED(1UL, 0xe0000000UL, SBI_ERR_INVALID_PARAM);
	REFUSED(1UL, 0xf0000000UL, SBI_ERR_INVALID_PARAM);
	REFUSED(1UL, 0xffffffffUL, SBI_ERR_INVALID_PARAM);
	REFUSED(3UL, 2UL, SBI_ERR_INVALID_PARAM);
}

static void test_missing_device(void)
{
	host_section("missing device");
	dev_reboot = false;
	REFUSED(1UL, 0UL, SBI_ERR_NOT_SUPPORTED);
	REFUSED(2UL, 1UL, SBI_ERR_NOT_SUPPORTED);
	RESETS(0UL, 0UL, 0, 0);
	/* Invalid beats unsupported. */
	REFUSED(3UL, 0UL, SBI_ERR_INVALID_PARAM);
	dev_reboot = true;

	dev_shutdown = false;
	REFUSED(0UL, 1UL, SBI_ERR_NOT_SUPPORTED);
	RESETS(1UL, 0UL, 1, 0);
	dev_shutdown = true;

	sbi_system_reset_set_device(NULL);
	REFUSED(0UL, 0UL, SBI_ERR_NOT_SUPPORTED);
	REFUSED(1UL, 1UL, SBI_ERR_NOT_SUPPORTED);
	REFUSED(4UL, 0UL, SBI_ERR_INVALID_PARAM);
	sbi_system_reset_set_device(&fake_device);
}

static void test_ecall(void)
{
	struct sbiret ret;
	unsigned int before = resets;

	host_section("through sbi_ecall_handler");
	ret = sbi_ecall_handler(1, 0, 0, 0, 0, 0, SBI_EXT_SRST_RESET,
				SBI_EXT_SRST);
	CHECK(ret.error == SBI_ERR_FAILED && resets == before + 1 &&
	      last_type == 1 && last_reason == 0);
	ret = sbi_ecall_handler(3, 0, 0, 0, 0, 0, SBI_EXT_SRST_RESET,
				SBI_EXT_SRST);
	CHECK_EQ(ret.error, SBI_ERR_INVALID_PARAM);
	ret = sbi_ecall_handler(0, 2, 0, 0, 0, 0, SBI_EXT_SRST_RESET,
				SBI_EXT_SRST);
	CHECK_EQ(ret.error, SBI_ERR_INVALID_PARAM);
	ret = sbi_ecall_handler(0, 0, 0, 0, 0, 0, 1, SBI_EXT_SRST);
	CHECK_EQ(ret.error, SBI_ERR_NOT_SUPPORTED);
	CHECK_EQ(ret.value, 0);
	CHECK(resets == before + 1);
}

/* Run @fn in a child; returns its exit code and what it reported. */
static int in_child(void (*fn)(void), char *out, size_t len)
{
	int fds[2], status;
	ssize_t n, got = 0;
	pid_t pid;

	if (pipe(fds))
		return -1;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		report_fd = fds[1];
		host_hang_exit = 77;
		host_spin_limit = 1000;
		fn();
		_exit(1);
	}
	close(fds[1]);
	while (got < (ssize_t)len - 1 &&
	       (n = read(fds[0], out + got, len - 1 - got)) > 0)
		got += n;
	out[got] = '\0';
	close(fds[0]);
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static void child_panic(void)
{
	sbi_panic("hotsbi: boom %d\n", 42);
}

static void child_stop(void)
{
	sbi_system_stop();
}

static void test_stop(void)
{
	char out[256];
	int rc;

	host_section("fatal stops");
	host_console_reset();
	sbi_console_set_device(&host_console);
	rc = in_child(child_panic, out, sizeof(out));
	CHECK_EQ(rc, 0);
	CHECK_STR(out, "reset 0 1: hotsbi: boom 42\r\n");

	rc = in_child(child_stop, out, sizeof(out));
	CHECK_EQ(rc, 0);
	CHECK_STR(out, "reset 0 1: ");

	/* No power-off device: the hart parks in wfi with interrupts off. */
	dev_shutdown = false;
	rc = in_child(child_stop, out, sizeof(out));
	CHECK_MSG(rc == 77, "sbi_system_stop without a device parks the hart (exit %d)",
		  rc);
	CHECK_STR(out, "");
	dev_shutdown = true;
	sbi_console_set_device(NULL);
}

int main(void)
{
	host_platform_reset();
	sbi_system_reset_set_device(&fake_device);
	test_valid();
	test_invalid();
	test_missing_device();
	test_ecall();
	test_stop();
	return host_summary("system");
}
