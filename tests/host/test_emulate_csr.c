// SPDX-License-Identifier: BSD-2-Clause
/*
 * lib/sbi/sbi_emulate_csr.c: decoding of trapped counter CSR reads
 * (csrr rd, cycle/time/instret), and lib/sbi/sbi_trap.c around it: what
 * is emulated, what is redirected to S-mode, and machine interrupts.
 */
#include "harness.h"
#include "host_fakes.h"
#include <sbi/sbi_trap.h>
#include <sbi/sbi_hart.h>
#include <sbi/sbi_platform.h>
#include <sbi/sbi_ipi.h>
#include <sbi/sbi_timer.h>

#define OP_SYSTEM	0x73
#define F3_CSRRW	1
#define F3_CSRRS	2
#define F3_CSRRC	3
#define F3_CSRRSI	6

static unsigned long insn(unsigned long csr, unsigned long rs1,
			  unsigned long f3, unsigned long rd)
{
	return csr << 20 | rs1 << 15 | f3 << 12 | rd << 7 | OP_SYSTEM;
}

static unsigned long csrr(unsigned long rd, unsigned long csr)
{
	return insn(csr, 0, F3_CSRRS, rd);
}

static u64 timer_now = 0x1122334455667788ULL;

static u64 fake_timer_value(void)
{
	return timer_now;
}

static unsigned int ipi_clears;

static void fake_ipi_clear(unsigned int i __unused)
{
	ipi_clears++;
}

/* Only the timer's value and the IPI's clear are used here. */
static const struct sbi_timer_device fake_timer = {
	.name = "fake-timer",
	.timer_value = fake_timer_value,
};

static const struct sbi_ipi_device fake_ipi = {
	.name = "fake-ipi",
	.ipi_clear = fake_ipi_clear,
};

static void fill(struct sbi_trap_regs *r)
{
	unsigned int i;

	memset(r, 0, sizeof(*r));
	for (i = 1; i < 32; i++)
		r->x[i] = 0x1000 + i;
	r->mepc = 0x80200100;
	r->mstatus = (unsigned long)PRV_S << MSTATUS_MPP_SHIFT;
}

/* Emulated: rd gets @want, mepc moves past the instruction, nothing else. */
#define EMULATES(i, rd, want)                                              \
	do {                                                               \
		struct sbi_trap_regs __r, __w;                             \
		bool __ok;                                                 \
		fill(&__r);                                                \
		__w = __r;                                                 \
		if (rd)                                                    \
			__w.x[rd] = (want);                                \
		__w.mepc += 4;                                             \
		__ok = sbi_emulate_csr_read(&__r, i);                      \
		host_result(__ok && !memcmp(&__r, &__w, sizeof(__r)),      \
			    __FILE__, __LINE__,                            \
			    "%s emulated: x%u = 0x%lx, mepc + 4", #i,      \
			    (unsigned int)(rd), (unsigned long)(want));    \
	} while (0)

#define REFUSES(i)                                                         \
	do {                                                               \
		struct sbi_trap_regs __r, __w;                             \
		bool __ok;                                                 \
		fill(&__r);                                                \
		__w = __r;                                                 \
		__ok = sbi_emulate_csr_read(&__r, i);                      \
		host_result(!__ok && !memcmp(&__r, &__w, sizeof(__r)),     \
			    __FILE__, __LINE__,                            \
			    "%s (0x%08lx) not emulated, registers untouched", \
			    #i, (unsigned long)(i));                       \
	} while (0)

static void test_decode(void)
{
	unsigned int rd;
	bool ok = true;

	host_section("emulated reads");
	host_csr[CSR_MCYCLE] = 0xc1c1e;
	host_csr[CSR_MINSTRET] = 0x1257;
	EMULATES(csrr(10, CSR_TIME), 10, timer_now);
	EMULATES(csrr(5, CSR_CYCLE), 5, 0xc1c1e);
	EMULATES(csrr(31, CSR_INSTRET), 31, 0x1257);
	EMULATES(0xc0102573UL, 10, timer_now);	/* rdtime a0, as assembled */
	EMULATES(0xc00027f3UL, 15, 0xc1c1e);	/* rdcycle a5 */
	EMULATES(0xc0202373UL, 6, 0x1257);	/* rdinstret t1 */
	/* rd = x0: nothing is written (x0 stays 0), the read is skipped. */
	EMULATES(csrr(0, CSR_TIME), 0, 0);
	EMULATES(csrr(0, CSR_CYCLE), 0, 0);
	for (rd = 1; rd < 32; rd++) {
		struct sbi_trap_regs r;

		fill(&r);
		if (!sbi_emulate_csr_read(&r, csrr(rd, CSR_TIME)) ||
		    r.x[rd] != timer_now)
			ok = false;
	}
	CHECK_MSG(ok, "every rd x1..x31");
	sbi_timer_set_device(NULL);
	EMULATES(csrr(10, CSR_TIME), 10, 0);
	sbi_timer_set_device(&fake_timer);

	host_section("refused instructions");
	REFUSES(csrr(10, 0xc03));		/* hpmcounter3 */
	REFUSES(csrr(10, 0xc1f));		/* hpmcounter31 */
	REFUSES(csrr(10, 0xc81));		/* timeh: RV32 only */
	REFUSES(csrr(10, 0xc80));		/* cycleh */
	REFUSES(csrr(10, CSR_MSTATUS));
	REFUSES(csrr(10, CSR_MCYCLE));
	REFUSES(csrr(10, CSR_SATP));
	REFUSES(csrr(10, CSR_STIMECMP));
	REFUSES(insn(CSR_TIME, 11, F3_CSRRW, 10));	/* csrrw a0, time, a1 */
	REFUSES(insn(CSR_TIME, 0, F3_CSRRW, 10));	/* csrrw a0, time, x0 */
	REFUSES(insn(CSR_TIME, 11, F3_CSRRS, 10));	/* csrrs a0, time, a1 */
	REFUSES(insn(CSR_CYCLE, 1, F3_CSRRS, 0));
	REFUSES(insn(CSR_TIME, 0, F3_CSRRC, 10));	/* csrrc a0, time, x0 */
	REFUSES(insn(CSR_TIME, 0, F3_CSRRSI, 10));	/* csrrsi a0, time, 0 */
	REFUSES(insn(CSR_TIME, 0, 0, 0));		/* ecall-space funct3 0 */
	REFUSES(csrr(10, CSR_TIME) & ~0x7fUL);		/* opcode 0 */
	REFUSES(csrr(10, CSR_TIME) ^ 0x4);		/* opcode 0x77 */
	REFUSES(0x00000013UL);				/* nop */
	REFUSES(0x00000000UL);				/* mtval not provided */
	REFUSES(0xffffffffUL);
	REFUSES(0x10500073UL);				/* wfi */
	REFUSES(0x00100073UL);				/* ebreak */
	REFUSES(0x00009002UL);				/* c.ebreak */
}

static void test_trap_handler(void)
{
	struct sbi_trap_regs r;

	host_section("sbi_trap_handler: illegal instructions");
	host_csr[CSR_STVEC] = 0x80201001;	/* vectored: mode bits dropped */
	fill(&r);
	host_csr[CSR_MCAUSE] = CAUSE_ILLEGAL_INSTRUCTION;
	host_csr[CSR_MTVAL] = csrr(12, CSR_TIME);
	sbi_trap_handler(&r);
	CHECK(r.x[12] == timer_now && r.mepc == 0x80200104);

	/* From U-mode too. */
	fill(&r);
	r.mstatus = 0;
	sbi_trap_handler(&r);
	CHECK(r.x[12] == timer_now && r.mepc == 0x80200104);

	/* Not a counter read: redirected to S-mode's trap vector. */
	fill(&r);
	r.mstatus |= MSTATUS_SIE;
	host_csr[CSR_MTVAL] = csrr(12, CSR_MSTATUS);
	sbi_trap_handler(&r);
	CHECK(r.x[12] == 0x100c);
	CHECK_EQ(r.mepc, 0x80201000);
	CHECK_EQ(host_csr[CSR_SEPC], 0x80200100);
	CHECK_EQ(host_csr[CSR_SCAUSE], CAUSE_ILLEGAL_INSTRUCTION);
	CHECK_EQ(host_csr[CSR_STVAL], csrr(12, CSR_MSTATUS));
	CHECK_MSG((r.mstatus & MSTATUS_SPP) && (r.mstatus & MSTATUS_SPIE) &&
		  !(r.mstatus & MSTATUS_SIE) &&
		  (r.mstatus & MSTATUS_MPP) == (PRV_S << MSTATUS_MPP_SHIFT),
		  "mstatus: SPP = S, SPIE = old SIE, SIE off, MPP = S (0x%lx)",
		  r.mstatus);

	/* A fault from U-mode: SPP = U. */
	fill(&r);
	r.mstatus = 0;
	host_csr[CSR_MCAUSE] = CAUSE_LOAD_ACCESS;
	host_csr[CSR_MTVAL] = 0xdead0000;
	sbi_trap_handler(&r);
	CHECK_EQ(host_csr[CSR_SCAUSE], CAUSE_LOAD_ACCESS);
	CHECK_EQ(host_csr[CSR_STVAL], 0xdead0000);
	CHECK(!(r.mstatus & MSTATUS_SPP) && !(r.mstatus & MSTATUS_SPIE));
	CHECK(r.mepc == 0x80201000);

	host_section("sbi_trap_handler: machine interrupts");
	host_csr[CSR_MIE] = MIP_MTIP | MIP_MSIP | MIP_MEIP;
	host_csr[CSR_MIP] = 0;
	host_csr[CSR_MCAUSE] = MCAUSE_IRQ | IRQ_M_TIMER;
	fill(&r);
	sbi_trap_handler(&r);
	CHECK_MSG(!(host_csr[CSR_MIE] & MIP_MTIP) &&
		  (host_csr[CSR_MIP] & MIP_STIP),
		  "M timer masked and forwarded as STIP");
	CHECK(r.mepc == 0x80200100);

	atomic_write(&sbi_harts[0].ipi_pending, SBI_IPI_SSIP);
	host_csr[CSR_MCAUSE] = MCAUSE_IRQ | IRQ_M_SOFT;
	sbi_trap_handler(&r);
	CHECK(ipi_clears == 1 && (host_csr[CSR_MIP] & MIP_SSIP) &&
	      atomic_read(&sbi_harts[0].ipi_pending) == 0);

	host_csr[CSR_MCAUSE] = MCAUSE_IRQ | IRQ_M_EXT;
	sbi_trap_handler(&r);
	CHECK_MSG(!(host_csr[CSR_MIE] & MIP_MEIP) &&
		  (host_csr[CSR_MIE] & MIP_MSIP),
		  "an unexpected interrupt is masked, others stay");
	CHECK(r.mepc == 0x80200100);
}

int main(void)
{
	static const unsigned long ids[] = { 0 };

	host_platform_reset();
	host_harts_setup(ids, NULL, 1);
	sbi_timer_set_device(&fake_timer);
	sbi_ipi_set_device(&fake_ipi);
	test_decode();
	test_trap_handler();
	return host_summary("emulate-csr");
}
