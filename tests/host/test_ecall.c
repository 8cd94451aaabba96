// SPDX-License-Identifier: BSD-2-Clause
/*
 * lib/sbi/sbi_ecall*.c: dispatch from (EID, FID) to the extension
 * handlers, BASE values and probing, unknown EIDs and FIDs, DBCN buffer
 * validation against a fake RAM bank and firmware region, and the
 * argument handling of TIME, IPI, RFENCE and HSM on a fake hart table.
 */
#include <limits.h>
#include <stdlib.h>
#include "harness.h"
#include "host_fakes.h"
#include <sbi/sbi_ecall.h>
#include <sbi/sbi_ecall_interface.h>
#include <sbi/sbi_error.h>
#include <sbi/sbi_hart.h>
#include <sbi/sbi_memregion.h>
#include <sbi/sbi_platform.h>
#include <sbi/sbi_ipi.h>
#include <sbi/sbi_timer.h>

#define RAM_SIZE	0x10000UL
#define FW_SIZE		0x4000UL

/* Fake RAM: bank 0, with the "firmware" in its first 16 KiB. */
static char *ram;
static unsigned long buf_pa;	/* a buffer S-mode may use */

static unsigned int ipi_sent[HARTS_MAX];
static unsigned int timer_sets;
static unsigned int timer_last_hart;
static u64 timer_last;

static void fake_ipi_send(unsigned int i)
{
	ipi_sent[i]++;
}

static void fake_ipi_clear(unsigned int i __unused)
{
}

static u64 fake_timer_value(void)
{
	return 0x123456789ULL;
}

static void fake_timer_set(unsigned int i, u64 next)
{
	timer_sets++;
	timer_last_hart = i;
	timer_last = next;
}

static const struct sbi_ipi_device fake_ipi = {
	.name = "fake-ipi",
	.ipi_send = fake_ipi_send,
	.ipi_clear = fake_ipi_clear,
};

static const struct sbi_timer_device fake_timer = {
	.name = "fake-timer",
	.timer_value = fake_timer_value,
	.timer_event_start = fake_timer_set,
};

static struct sbiret call(unsigned long eid, unsigned long fid,
			  unsigned long a0, unsigned long a1, unsigned long a2,
			  unsigned long a3, unsigned long a4)
{
	return sbi_ecall_handler(a0, a1, a2, a3, a4, 0, fid, eid);
}

#define RET_IS(r, err, val)                                                \
	do {                                                               \
		struct sbiret __r = (r);                                   \
		host_result(__r.error == (err) && __r.value == (long)(val), \
			    __FILE__, __LINE__,                            \
			    "%s = { %ld, 0x%lx } (got { %ld, 0x%lx })", #r, \
			    (long)(err), (unsigned long)(val), __r.error,  \
			    (unsigned long)__r.value);                     \
	} while (0)

#define ERR_IS(r, err)                                                     \
	do {                                                               \
		struct sbiret __r = (r);                                   \
		host_result(__r.error == (err), __FILE__, __LINE__,        \
			    "%s -> error %ld (got %ld)", #r, (long)(err),  \
			    __r.error);                                    \
	} while (0)

static void setup(void)
{
	static const unsigned long ids[] = { 0, 3, 7 };
	static const bool s_capable[] = { true, true, false };

	host_platform_reset();
	host_harts_setup(ids, s_capable, 3);
	if (!ram)
		ram = aligned_alloc(RAM_SIZE, RAM_SIZE);
	memset(ram, 0, RAM_SIZE);
	sbi_platform.mem[0].base = (unsigned long)ram;
	sbi_platform.mem[0].size = RAM_SIZE;
	sbi_platform.mem_count = 1;
	sbi_fw_base = (unsigned long)ram;
	sbi_fw_size = FW_SIZE;
	buf_pa = (unsigned long)ram + 0x8000;
	sbi_ipi_set_device(&fake_ipi);
	sbi_timer_set_device(&fake_timer);
	memset(ipi_sent, 0, sizeof(ipi_sent));
	timer_sets = 0;
	sbi_console_set_device(&host_console);
}

/*
 * The MEMHP vendor extension (when the firmware has it) takes its EID
 * from mvendorid at cold boot; until then its EID reads 0, which these
 * tests, never having booted, must not take for a legacy EID.
 */
unsigned long sbi_memhp_eid(void) __attribute__((weak));

static bool is_vendor_ext(unsigned long eid)
{
	return sbi_memhp_eid && eid == sbi_memhp_eid();
}

static void test_base(void)
{
	static const unsigned long implemented[] = {
		SBI_EXT_BASE, SBI_EXT_TIME, SBI_EXT_IPI, SBI_EXT_RFENCE,
		SBI_EXT_HSM, SBI_EXT_SRST, SBI_EXT_DBCN,
	};
	static const unsigned long unknown[] = {
		0, 1, 2, 3, 4, 5, 6, 7, 8,	/* legacy extensions */
		0x53555350,			/* SUSP */
		0x43505043,			/* CPPC */
		0x504d55,			/* PMU */
		0x4e41434c,			/* NACL */
		0x535441,			/* STA */
		0x46574654,			/* FWFT */
		0x09000000, 0x09ffffff,		/* vendor */
		0x0a000000,			/* firmware-specific */
		0xffffffff,
		SBI_EXT_BASE | (1UL << 32),	/* only the full a7 counts */
		SBI_EXT_TIME | (1UL << 32),
		ULONG_MAX,
	};
	unsigned int i;

	host_section("BASE");
	RET_IS(call(SBI_EXT_BASE, 0, 0, 0, 0, 0, 0), 0, 0x02000000);
	RET_IS(call(SBI_EXT_BASE, 1, 0, 0, 0, 0, 0), 0, 0x48534249);
	RET_IS(call(SBI_EXT_BASE, 2, 0, 0, 0, 0, 0), 0, SBI_IMPL_VERSION);
	CHECK(SBI_IMPL_VERSION != 0);
	for (i = 0; i < array_size(implemented); i++)
		CHECK_MSG(call(SBI_EXT_BASE, 3, implemented[i], 0, 0, 0, 0).value == 1 &&
			  call(SBI_EXT_BASE, 3, implemented[i], 0, 0, 0, 0).error == 0,
			  "probe_extension(0x%lx) = 1", implemented[i]);
	for (i = 0; i < array_size(unknown); i++)
		if (!is_vendor_ext(unknown[i]))
			RET_IS(call(SBI_EXT_BASE, 3, unknown[i], 0, 0, 0, 0), 0, 0);
	host_csr[CSR_MVENDORID] = 0x5b7;
	host_csr[CSR_MARCHID] = 0x8000000000000007UL;
	host_csr[CSR_MIMPID] = 0x20181004;
	RET_IS(call(SBI_EXT_BASE, 4, 0, 0, 0, 0, 0), 0, 0x5b7);
	RET_IS(call(SBI_EXT_BASE, 5, 0, 0, 0, 0, 0), 0, 0x8000000000000007UL);
	RET_IS(call(SBI_EXT_BASE, 6, 0, 0, 0, 0, 0), 0, 0x20181004);
	RET_IS(call(SBI_EXT_BASE, 7, 0, 0, 0, 0, 0), SBI_ERR_NOT_SUPPORTED, 0);
	RET_IS(call(SBI_EXT_BASE, 0x100, 0, 0, 0, 0, 0), SBI_ERR_NOT_SUPPORTED, 0);
	RET_IS(call(SBI_EXT_BASE, ULONG_MAX, 0, 0, 0, 0, 0), SBI_ERR_NOT_SUPPORTED, 0);
	CHECK_EQ(sbi_ecall_probe(SBI_EXT_DBCN), 1);
	CHECK_EQ(sbi_ecall_probe(0x12345678), 0);
}

static void test_unknown(void)
{
	static const unsigned long unknown[] = {
		0, 1, 8, 0x53555350, 0x504d55, 0x09000000, 0x0a000000,
		0x12345678, SBI_EXT_TIME | (1UL << 32), ULONG_MAX,
	};
	static const struct {
		unsigned long eid, fid;
	} bad_fids[] = {
		{ SBI_EXT_TIME, 1 },	{ SBI_EXT_TIME, ULONG_MAX },
		{ SBI_EXT_IPI, 1 },	{ SBI_EXT_IPI, 1UL << 32 },
		{ SBI_EXT_RFENCE, 7 },	{ SBI_EXT_RFENCE, ULONG_MAX },
		{ SBI_EXT_HSM, 4 },	{ SBI_EXT_HSM, ULONG_MAX },
		{ SBI_EXT_SRST, 1 },	{ SBI_EXT_SRST, 1UL << 32 },
		{ SBI_EXT_DBCN, 3 },	{ SBI_EXT_DBCN, ULONG_MAX },
		{ SBI_EXT_BASE, 7 },
	};
	unsigned int i;

	host_section("unknown extensions and functions");
	for (i = 0; i < array_size(unknown); i++)
		if (!is_vendor_ext(unknown[i]))
			CHECK_MSG(call(unknown[i], 0, 0, 0, 0, 0, 0).error ==
					  SBI_ERR_NOT_SUPPORTED,
				  "EID 0x%lx -> -2", unknown[i]);
	for (i = 0; i < array_size(bad_fids); i++) {
		struct sbiret r = call(bad_fids[i].eid, bad_fids[i].fid, 0, 0,
				       0, 0, 0);

		CHECK_MSG(r.error == SBI_ERR_NOT_SUPPORTED && r.value == 0,
			  "EID 0x%lx FID 0x%lx -> -2 (got %ld)",
			  bad_fids[i].eid, bad_fids[i].fid, r.error);
	}
	CHECK_EQ(timer_sets, 0);
	CHECK_EQ(host_console_len, 0);
}

static void test_dbcn(void)
{
	unsigned long fw = (unsigned long)ram;
	unsigned long ram_end = (unsigned long)ram + RAM_SIZE;
	char outside[16] = "outside";
	char *buf = (char *)buf_pa;

	host_section("DBCN write");
	memcpy(buf, "hello\nworld", 11);
	host_console_reset();
	RET_IS(call(SBI_EXT_DBCN, 0, 11, buf_pa, 0, 0, 0), 0, 11);
	CHECK_MSG(host_console_len == 11 && !memcmp(host_console_out, "hello\nworld", 11),
		  "the bytes reach the console untranslated");
	host_console_reset();
	RET_IS(call(SBI_EXT_DBCN, 0, 0, buf_pa, 0, 0, 0), 0, 0);
	RET_IS(call(SBI_EXT_DBCN, 0, 16, ram_end - 16, 0, 0, 0), 0, 16);
	host_console_reset();
	RET_IS(call(SBI_EXT_DBCN, 0, 5, buf_pa, 1, 0, 0),
	       SBI_ERR_INVALID_PARAM, 0);
	RET_IS(call(SBI_EXT_DBCN, 0, 5, buf_pa, ULONG_MAX, 0, 0),
	       SBI_ERR_INVALID_PARAM, 0);
	RET_IS(call(SBI_EXT_DBCN, 0, 5, (unsigned long)outside, 0, 0, 0),
	       SBI_ERR_INVALID_PARAM, 0);
	RET_IS(call(SBI_EXT_DBCN, 0, 5, fw, 0, 0, 0), SBI_ERR_INVALID_PARAM, 0);
	RET_IS(call(SBI_EXT_DBCN, 0, 5, fw + FW_SIZE - 1, 0, 0, 0),
	       SBI_ERR_INVALID_PARAM, 0);
	RET_IS(call(SBI_EXT_DBCN, 0, 0, fw + 8, 0, 0, 0), SBI_ERR_INVALID_PARAM, 0);
	RET_IS(call(SBI_EXT_DBCN, 0, 17, ram_end - 16, 0, 0, 0),
	       SBI_ERR_INVALID_PARAM, 0);
	RET_IS(call(SBI_EXT_DBCN, 0, 0, ram_end, 0, 0, 0), SBI_ERR_INVALID_PARAM, 0);
	RET_IS(call(SBI_EXT_DBCN, 0, 32, -16UL, 0, 0, 0), SBI_ERR_INVALID_PARAM, 0);
	RET_IS(call(SBI_EXT_DBCN, 0, ULONG_MAX, buf_pa, 0, 0, 0),
	       SBI_ERR_INVALID_PARAM, 0);
	RET_IS(call(SBI_EXT_DBCN, 0, -buf_pa + 4, buf_pa, 0, 0, 0),
	       SBI_ERR_INVALID_PARAM, 0);
	CHECK_MSG(host_console_len == 0, "refused writes print nothing");

	host_section("DBCN read");
	host_console_reset();
	host_console_feed("input", 5);
	memset(buf, 0, 16);
	RET_IS(call(SBI_EXT_DBCN, 1, 3, buf_pa, 0, 0, 0), 0, 3);
	CHECK(!memcmp(buf, "inp", 3) && buf[3] == 0);
	RET_IS(call(SBI_EXT_DBCN, 1, 16, buf_pa, 0, 0, 0), 0, 2);
	CHECK(!memcmp(buf, "ut", 2));
	RET_IS(call(SBI_EXT_DBCN, 1, 16, buf_pa, 0, 0, 0), 0, 0);
	host_console_feed("x", 1);
	RET_IS(call(SBI_EXT_DBCN, 1, 4, fw + 0x100, 0, 0, 0),
	       SBI_ERR_INVALID_PARAM, 0);
	RET_IS(call(SBI_EXT_DBCN, 1, 4, buf_pa, 1UL << 32, 0, 0),
	       SBI_ERR_INVALID_PARAM, 0);
	RET_IS(call(SBI_EXT_DBCN, 1, 32, -16UL, 0, 0, 0), SBI_ERR_INVALID_PARAM, 0);
	RET_IS(call(SBI_EXT_DBCN, 1, 4, (unsigned long)outside, 0, 0, 0),
	       SBI_ERR_INVALID_PARAM, 0);
	CHECK_STR(outside, "outside");
	RET_IS(call(SBI_EXT_DBCN, 1, 0, buf_pa, 0, 0, 0), 0, 0);

	host_section("DBCN write_byte");
	host_console_reset();
	RET_IS(call(SBI_EXT_DBCN, 2, 'A', 0, 0, 0, 0), 0, 0);
	RET_IS(call(SBI_EXT_DBCN, 2, 0x100 | 'B', 0, 0, 0, 0), 0, 0);
	RET_IS(call(SBI_EXT_DBCN, 2, 0xffffffffffffff00UL | '\n', 0, 0, 0, 0),
	       0, 0);
	CHECK_MSG(host_console_len == 3 && !memcmp(host_console_out, "AB\n", 3),
		  "write_byte sends the low byte only, untranslated");

	host_section("DBCN without a console");
	sbi_console_set_device(NULL);
	ERR_IS(call(SBI_EXT_DBCN, 0, 5, buf_pa, 0, 0, 0), SBI_ERR_DENIED);
	ERR_IS(call(SBI_EXT_DBCN, 1, 5, buf_pa, 0, 0, 0), SBI_ERR_DENIED);
	ERR_IS(call(SBI_EXT_DBCN, 2, 'x', 0, 0, 0, 0), SBI_ERR_DENIED);
	ERR_IS(call(SBI_EXT_DBCN, 3, 0, 0, 0, 0, 0), SBI_ERR_NOT_SUPPORTED);
	sbi_console_set_device(&host_console);
}

static void test_time(void)
{
	host_section("TIME");
	host_csr[CSR_MIP] = MIP_STIP;
	RET_IS(call(SBI_EXT_TIME, 0, 0x1234, 0, 0, 0, 0), 0, 0);
	CHECK(timer_sets == 1 && timer_last_hart == 0 && timer_last == 0x1234);
	CHECK_MSG(!(host_csr[CSR_MIP] & MIP_STIP) &&
		  (host_csr[CSR_MIE] & MIP_MTIP),
		  "pending S timer cleared, M timer enabled");
	RET_IS(call(SBI_EXT_TIME, 0, ULONG_MAX, 0, 0, 0, 0), 0, 0);
	CHECK(timer_last == ULONG_MAX);

	sbi_harts[0].has_sstc = true;
	RET_IS(call(SBI_EXT_TIME, 0, 0x5678, 0, 0, 0, 0), 0, 0);
	CHECK_MSG(host_csr[CSR_STIMECMP] == 0x5678 && timer_sets == 2,
		  "Sstc: stimecmp written, platform timer untouched");
	sbi_harts[0].has_sstc = false;
}

static void test_ipi(void)
{
	host_section("IPI");
	host_csr[CSR_MIP] = 0;
	RET_IS(call(SBI_EXT_IPI, 0, 1, 0, 0, 0, 0), 0, 0);
	CHECK_MSG(host_csr[CSR_MIP] & MIP_SSIP, "IPI to self sets SSIP");
	CHECK_EQ(ipi_sent[0], 0);
	RET_IS(call(SBI_EXT_IPI, 0, 1, 3, 0, 0, 0), 0, 0);
	CHECK(ipi_sent[1] == 1 &&
	      (atomic_read(&sbi_harts[1].ipi_pending) & SBI_IPI_SSIP));
	ERR_IS(call(SBI_EXT_IPI, 0, 1, 7, 0, 0, 0), SBI_ERR_INVALID_PARAM);
	ERR_IS(call(SBI_EXT_IPI, 0, 1, 1, 0, 0, 0), SBI_ERR_INVALID_PARAM);
	ERR_IS(call(SBI_EXT_IPI, 0, 1UL << 63, -60UL, 0, 0, 0),
	       SBI_ERR_INVALID_PARAM);
	CHECK_EQ(ipi_sent[1], 1);
	RET_IS(call(SBI_EXT_IPI, 0, 0, -1UL, 0, 0, 0), 0, 0);
	CHECK_MSG(ipi_sent[1] == 2 && ipi_sent[2] == 0,
		  "base -1: every S-mode hart, not hart 7");
	/* A stopped hart gets no S-mode interrupt. */
	atomic_write(&sbi_harts[1].hsm_state, SBI_HSM_STATE_STOPPED);
	RET_IS(call(SBI_EXT_IPI, 0, 1, 3, 0, 0, 0), 0, 0);
	CHECK_EQ(ipi_sent[1], 2);
	RET_IS(call(SBI_EXT_IPI, 0, 0, 0, 0, 0, 0), 0, 0);
	atomic_write(&sbi_harts[1].hsm_state, SBI_HSM_STATE_STARTED);
}

static void test_rfence(void)
{
	host_section("RFENCE (remote harts stopped: only the caller fences)");
	atomic_write(&sbi_harts[1].hsm_state, SBI_HSM_STATE_STOPPED);
	memset(&host_fences, 0, sizeof(host_fences));
	RET_IS(call(SBI_EXT_RFENCE, 0, 0x9, 0, 0, 0, 0), 0, 0);
	CHECK_EQ(host_fences.fence_i, 1);
	RET_IS(call(SBI_EXT_RFENCE, 1, 1, 0, 0x10000, 0x2000, 0), 0, 0);
	CHECK(host_fences.sfence_addr == 2 && host_fences.last_addr == 0x11000);
	RET_IS(call(SBI_EXT_RFENCE, 1, 1, 0, 0x10000, ULONG_MAX, 0), 0, 0);
	CHECK_EQ(host_fences.sfence_all, 1);
	RET_IS(call(SBI_EXT_RFENCE, 1, 1, 0, 0, 0, 0), 0, 0);
	CHECK_EQ(host_fences.sfence_all, 2);
	RET_IS(call(SBI_EXT_RFENCE, 1, 1, 0, -0x1000UL, 0x2000, 0), 0, 0);
	CHECK_MSG(host_fences.sfence_all == 3, "a wrapping range flushes all");
	RET_IS(call(SBI_EXT_RFENCE, 2, 1, 0, 0x4000, 0x1000, 9), 0, 0);
	CHECK(host_fences.sfence_addr_asid == 1 && host_fences.last_id == 9);
	RET_IS(call(SBI_EXT_RFENCE, 2, 1, 0, 0, ULONG_MAX, 9), 0, 0);
	CHECK(host_fences.sfence_asid == 1);
	/* A hart that was not asked does not fence. */
	RET_IS(call(SBI_EXT_RFENCE, 0, 1, 3, 0, 0, 0), 0, 0);
	CHECK_EQ(host_fences.fence_i, 1);
	ERR_IS(call(SBI_EXT_RFENCE, 0, 1, 7, 0, 0, 0), SBI_ERR_INVALID_PARAM);
	ERR_IS(call(SBI_EXT_RFENCE, 1, 2, 0, 0, 0, 0), SBI_ERR_INVALID_PARAM);

	/* Hypervisor fences need the H extension. */
	ERR_IS(call(SBI_EXT_RFENCE, 3, 1, 0, 0, 0, 0), SBI_ERR_NOT_SUPPORTED);
	ERR_IS(call(SBI_EXT_RFENCE, 4, 1, 0, 0, 0, 0), SBI_ERR_NOT_SUPPORTED);
	ERR_IS(call(SBI_EXT_RFENCE, 5, 1, 0, 0, 0, 0), SBI_ERR_NOT_SUPPORTED);
	ERR_IS(call(SBI_EXT_RFENCE, 6, 1, 0, 0, 0, 0), SBI_ERR_NOT_SUPPORTED);
	CHECK(host_fences.hfence_gvma == 0 && host_fences.hfence_vvma == 0);
	sbi_harts[0].has_h = true;
	RET_IS(call(SBI_EXT_RFENCE, 3, 1, 0, 0x8000, 0x1000, 5), 0, 0);
	CHECK(host_fences.hfence_gvma == 1 && host_fences.last_addr == 0x2000 &&
	      host_fences.last_id == 5);
	RET_IS(call(SBI_EXT_RFENCE, 4, 1, 0, 0, ULONG_MAX, 0), 0, 0);
	RET_IS(call(SBI_EXT_RFENCE, 5, 1, 0, 0x1000, 0x1000, 3), 0, 0);
	RET_IS(call(SBI_EXT_RFENCE, 6, 1, 0, 0x1000, 0x3000, 0), 0, 0);
	CHECK(host_fences.hfence_gvma == 2 && host_fences.hfence_vvma == 4);
	sbi_harts[0].has_h = false;
	atomic_write(&sbi_harts[1].hsm_state, SBI_HSM_STATE_STARTED);
}

static void test_hsm(void)
{
	unsigned long entry = buf_pa;

	host_section("HSM");
	atomic_write(&sbi_harts[1].hsm_state, SBI_HSM_STATE_STOPPED);
	RET_IS(call(SBI_EXT_HSM, 2, 0, 0, 0, 0, 0), 0, SBI_HSM_STATE_STARTED);
	RET_IS(call(SBI_EXT_HSM, 2, 3, 0, 0, 0, 0), 0, SBI_HSM_STATE_STOPPED);
	RET_IS(call(SBI_EXT_HSM, 2, 7, 0, 0, 0, 0), 0, SBI_HSM_STATE_STARTED);
	ERR_IS(call(SBI_EXT_HSM, 2, 1, 0, 0, 0, 0), SBI_ERR_INVALID_PARAM);
	ERR_IS(call(SBI_EXT_HSM, 2, ULONG_MAX, 0, 0, 0, 0), SBI_ERR_INVALID_PARAM);

	ERR_IS(call(SBI_EXT_HSM, 0, 99, entry, 0, 0, 0), SBI_ERR_INVALID_PARAM);
	ERR_IS(call(SBI_EXT_HSM, 0, 7, entry, 0, 0, 0), SBI_ERR_INVALID_PARAM);
	ERR_IS(call(SBI_EXT_HSM, 0, 0, entry, 0, 0, 0), SBI_ERR_ALREADY_AVAILABLE);
	ERR_IS(call(SBI_EXT_HSM, 0, 3, (unsigned long)ram, 0, 0, 0),
	       SBI_ERR_INVALID_ADDRESS);
	ERR_IS(call(SBI_EXT_HSM, 0, 3, 0x10, 0, 0, 0), SBI_ERR_INVALID_ADDRESS);
	ERR_IS(call(SBI_EXT_HSM, 0, 3, (unsigned long)ram + RAM_SIZE - 2, 0, 0, 0),
	       SBI_ERR_INVALID_ADDRESS);
	CHECK_EQ(ipi_sent[1], 0);
	RET_IS(call(SBI_EXT_HSM, 0, 3, entry, 0xabcd, 0, 0), 0, 0);
	CHECK(ipi_sent[1] == 1 && sbi_harts[1].start_addr == entry &&
	      sbi_harts[1].start_arg1 == 0xabcd);
	RET_IS(call(SBI_EXT_HSM, 2, 3, 0, 0, 0, 0), 0,
	       SBI_HSM_STATE_START_PENDING);
	ERR_IS(call(SBI_EXT_HSM, 0, 3, entry, 0, 0, 0), SBI_ERR_ALREADY_AVAILABLE);

	/* Suspend: bad types, bad resume address, then a retentive one. */
	ERR_IS(call(SBI_EXT_HSM, 3, 1, 0, 0, 0, 0), SBI_ERR_INVALID_PARAM);
	ERR_IS(call(SBI_EXT_HSM, 3, 0x10000000, 0, 0, 0, 0),
	       SBI_ERR_INVALID_PARAM);
	ERR_IS(call(SBI_EXT_HSM, 3, 0x80000000, (unsigned long)ram, 0, 0, 0),
	       SBI_ERR_INVALID_ADDRESS);
	host_csr[CSR_MIE] = MIP_SSIP;
	host_csr[CSR_MIP] = MIP_SSIP;
	RET_IS(call(SBI_EXT_HSM, 3, 0x100000000UL, 0, 0, 0, 0), 0, 0);
	RET_IS(call(SBI_EXT_HSM, 2, 0, 0, 0, 0, 0), 0, SBI_HSM_STATE_STARTED);
}

static unsigned long vendor_calls;

static struct sbiret vendor_handler(unsigned long fid, unsigned long *args)
{
	vendor_calls++;
	return (struct sbiret){ 0, (long)(fid + args[0]) };
}

/* One table: a registered extension is dispatched, probed and named. */
static void test_register(void)
{
	static const struct sbi_ecall_extension vendor = {
		.eid = 0x09abcdef, .name = "TESTVND", .handler = vendor_handler,
	};
	static const struct sbi_ecall_extension clash = {
		.eid = SBI_EXT_TIME, .name = "CLASH", .handler = vendor_handler,
	};

	host_section("extension table");
	RET_IS(call(0x09abcdef, 1, 2, 0, 0, 0, 0), SBI_ERR_NOT_SUPPORTED, 0);
	CHECK_EQ(sbi_ecall_probe(0x09abcdef), 0);
	CHECK_EQ(sbi_ecall_register_extension(&vendor), 0);
	CHECK_EQ(sbi_ecall_register_extension(&vendor), 0);
	CHECK_EQ(sbi_ecall_register_extension(&clash), SBI_ERR_ALREADY_AVAILABLE);
	RET_IS(call(SBI_EXT_BASE, 3, 0x09abcdef, 0, 0, 0, 0), 0, 1);
	RET_IS(call(0x09abcdef, 1, 2, 0, 0, 0, 0), 0, 3);
	CHECK_EQ(vendor_calls, 1);
	RET_IS(call(SBI_EXT_TIME, 99, 0, 0, 0, 0, 0), SBI_ERR_NOT_SUPPORTED, 0);
	host_console_reset();
	sbi_ecall_print_extensions();
	CHECK_MSG(strstr(host_console_out, "BASE TIME IPI RFENCE HSM SRST DBCN") &&
		  strstr(host_console_out, " TESTVND(0x9abcdef)"),
		  "banner from the table: %.*s", (int)host_console_len,
		  host_console_out);
}

int main(void)
{
	setup();
	test_base();
	test_unknown();
	test_dbcn();
	setup();
	test_time();
	test_ipi();
	setup();
	test_rfence();
	setup();
	test_hsm();
	test_register();
	free(ram);
	return host_summary("ecall");
}
