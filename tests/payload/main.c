/*
 * HotSBI test payload: boot flow, trap handling and the idle/command loop of
 * secondary harts. The boot hart runs every test and prints the results;
 * secondaries execute commands posted in their struct hart_data and report
 * back through memory.
 */
#include "payload.h"

struct hart_data harts[MAX_HARTS];
unsigned long nonret_ctx[MAX_HARTS][CTX_WORDS] __aligned(64);
unsigned long boot_hartid;
bool is_hotsbi;

/* A secondary with nothing to do stops itself after this long. */
#define SECONDARY_IDLE_US	60000000UL

void trap_handler(struct trap_frame *tf)
{
	unsigned long hartid = current_hartid();
	unsigned long cause = csr_read(scause);
	struct hart_data *hd;

	if (hartid >= MAX_HARTS) {
		printk("# trap on unknown hart (tp %#lx), scause %#lx\n",
		       hartid, cause);
		fail_and_finish("trap with a corrupted tp");
	}
	hd = &harts[hartid];

	if (cause & SCAUSE_INT) {
		switch (cause & ~SCAUSE_INT) {
		case IRQ_S_SOFT:
			csr_clear(sip, SIP_SSIP);
			atomic_add(&hd->ssip_count, 1);
			break;
		case IRQ_S_TIMER:
			WRITE_ONCE(hd->stip_time, rdtime());
			if (READ_ONCE(hd->timer_mask_only))
				csr_clear(sie, SIE_STIE);
			else
				sbi_set_timer(~0UL);
			atomic_add(&hd->stip_count, 1);
			break;
		default:
			/* not ours: mask it so it cannot storm */
			csr_clear(sie, 1UL << (cause & 63));
			atomic_add(&hd->bad_irqs, 1);
			break;
		}
		return;
	}

	if (READ_ONCE(hd->trap_expected)) {
		WRITE_ONCE(hd->trap_cause, cause);
		WRITE_ONCE(hd->trap_tval, csr_read(stval));
		WRITE_ONCE(hd->trap_expected, 0);
		if (cause == CAUSE_FETCH_ACCESS) {
			/* a probe call into memory we may not execute */
			tf->sepc = tf->regs[1];
		} else {
			/* skip the faulting instruction, 2 or 4 bytes long */
			unsigned short insn = *(volatile unsigned short *)tf->sepc;

			tf->sepc += (insn & 3) == 3 ? 4 : 2;
		}
		return;
	}
	printk("# unexpected exception on hart %lu: scause %#lx sepc %#lx stval %#lx\n",
	       hartid, cause, tf->sepc, csr_read(stval));
	fail_and_finish("no unexpected exception");
}

/* Non-retentive resume with an opaque that is not one of our contexts. */
void resume_bad_c(unsigned long a0, unsigned long a1)
{
	printk("# non-retentive resume with a0 %#lx a1 %#lx: not our context\n",
	       a0, a1);
	fail_and_finish("non-retentive resume passes opaque in a1");
}

unsigned long start_opaque(unsigned long hartid, unsigned long gen)
{
	return 0x0badc0de00000000UL | (gen << 16) | hartid;
}

/* Posts a command and wakes the hart with an IPI. */
bool post_cmd(unsigned long hartid, unsigned long cmd, unsigned long arg)
{
	struct hart_data *hd = &harts[hartid];
	struct sbiret r;

	if (!hd->alive || !wait_cmd(hartid, 2000000))
		return false;
	WRITE_ONCE(hd->arg, arg);
	WRITE_ONCE(hd->ipi_expect, atomic_load(&hd->ssip_count) + 1);
	memset((void *)hd->result, 0, sizeof(hd->result));
	atomic_store(&hd->cmd, cmd);
	r = sbi_send_ipi(1, hartid);
	return r.error == 0;
}

bool wait_cmd(unsigned long hartid, unsigned long us)
{
	return WAIT_UNTIL(atomic_load(&harts[hartid].cmd) == CMD_NONE, us);
}

bool wait_status(unsigned long hartid, long status, unsigned long us)
{
	struct sbiret r;

	return WAIT_UNTIL((r = sbi_hart_get_status(hartid),
			   r.error == 0 && r.value == status), us);
}

/* hart_start with generation gen; waits until the hart reports in. */
bool start_secondary(unsigned long hartid, unsigned long gen)
{
	struct hart_data *hd = &harts[hartid];
	unsigned long before = atomic_load(&hd->entries);
	struct sbiret r;

	WRITE_ONCE(hd->cmd, CMD_NONE);
	r = sbi_hart_start(hartid, (unsigned long)secondary_entry,
			   start_opaque(hartid, gen));
	check_eq(r.error, 0, "HSM hart_start(%lu) of a stopped hart", hartid);
	if (r.error)
		return false;
	hd->alive = WAIT_UNTIL(atomic_load(&hd->entries) != before, 2000000);
	check_true(hd->alive, "hart %lu reports in after hart_start", hartid);
	if (!hd->alive)
		return false;
	check_eq(READ_ONCE(hd->entry_a1), start_opaque(hartid, gen),
		 "hart %lu starts with a1 = opaque", hartid);
	check_eq(READ_ONCE(hd->entry_satp), 0,
		 "hart %lu starts with satp = 0", hartid);
	check_eq(READ_ONCE(hd->entry_sstatus) & SSTATUS_SIE, 0,
		 "hart %lu starts with sstatus.SIE = 0", hartid);
	return true;
}

static void run_command(struct hart_data *hd, unsigned long hartid,
			unsigned long cmd)
{
	unsigned long arg = READ_ONCE(hd->arg);
	struct sbiret r;

	/* let the command's IPI land first so that it cannot wake a suspend */
	csr_set(sstatus, SSTATUS_SIE);
	WAIT_UNTIL(atomic_load(&hd->ssip_count) >= READ_ONCE(hd->ipi_expect),
		   100000);
	csr_clear(sstatus, SSTATUS_SIE);

	switch (cmd) {
	case CMD_PING:
		r = sbi_call0(SBI_EXT_BASE, SBI_BASE_GET_MVENDORID);
		hd->result[0] = r.error ? -1 : r.value;
		r = sbi_call0(SBI_EXT_BASE, SBI_BASE_GET_MARCHID);
		hd->result[1] = r.error ? -1 : r.value;
		r = sbi_call0(SBI_EXT_BASE, SBI_BASE_GET_MIMPID);
		hd->result[2] = r.error ? -1 : r.value;
		r = sbi_hart_get_status(hartid);
		hd->result[3] = r.error ? r.error : r.value;
		hd->result[4] = counters_unreadable();
		break;
	case CMD_TIMER: {
		unsigned long count = atomic_load(&hd->stip_count);
		unsigned long target = rdtime() + us_to_ticks(arg);

		r = sbi_set_timer(target);
		hd->result[0] = r.error;
		csr_set(sstatus, SSTATUS_SIE);
		hd->result[1] = WAIT_UNTIL(atomic_load(&hd->stip_count) != count,
					   1000000);
		csr_clear(sstatus, SSTATUS_SIE);
		hd->result[2] = READ_ONCE(hd->stip_time) >= target;
		hd->result[3] = atomic_load(&hd->stip_count) - count;
		break;
	}
	case CMD_SEND_IPI:
		r = sbi_send_ipi(1, arg);
		hd->result[0] = r.error;
		break;
	case CMD_RFENCE:
		secondary_rfence(hd);
		break;
	case CMD_STOP:
		atomic_store(&hd->cmd, CMD_NONE);
		r = sbi_hart_stop();
		/* only reached if hart_stop failed */
		hd->result[0] = r.error ? r.error : -100;
		return;
	case CMD_SUSPEND_RET:
		csr_clear(sip, SIP_SSIP);
		r = sbi_hart_suspend(SBI_HSM_SUSPEND_RET_DEFAULT, 0, 0);
		hd->result[1] = rdtime();
		hd->result[0] = r.error;
		hd->result[2] = READ_ONCE(hd->wake_sent);
		break;
	case CMD_SUSPEND_NONRET: {
		unsigned long *ctx = nonret_ctx[hartid];
		long err;

		csr_clear(sip, SIP_SSIP);
		err = hsm_suspend_nonret(SBI_HSM_SUSPEND_NON_RET_DEFAULT,
					 (unsigned long)nonret_resume_entry,
					 ctx);
		hd->result[1] = rdtime();
		hd->result[0] = READ_ONCE(ctx[CTX_RESUMED]) ? 0 : (err ? err : -100);
		hd->result[2] = READ_ONCE(hd->wake_sent);
		hd->result[3] = ctx[CTX_ENTRY_A0];
		hd->result[4] = ctx[CTX_ENTRY_A1];
		hd->result[5] = ctx[CTX_ENTRY_SATP];
		hd->result[6] = ctx[CTX_ENTRY_SSTATUS];
		hd->result[7] = READ_ONCE(ctx[CTX_RESUMED]);
		break;
	}
	case CMD_MEMHP_TOUCH:
		memhp_touch_cmd(hd, arg);
		break;
	case CMD_MEMHP_EXEC:
		memhp_exec_cmd(hd, arg);
		break;
	case CMD_MEMHP_WATCH:
		memhp_watch_cmd(hd);
		break;
	case CMD_MEMHP_STRESS:
		memhp_stress_cmd(hd, hartid, arg);
		break;
	case CMD_TIMER_DEADLINE:
		timer_deadline(hd, arg);
		break;
	case CMD_WAKE_BOOT:
		hd->result[0] = wait_status(arg, SBI_HSM_SUSPENDED, 1000000);
		hd->result[1] = rdtime();
		hd->result[2] = sbi_send_ipi(1, arg).error;
		break;
	default:
		hd->result[0] = -1000;
		break;
	}
	atomic_store(&hd->cmd, CMD_NONE);
}

void secondary_main(unsigned long hartid, unsigned long opaque)
{
	struct hart_data *hd = &harts[hartid];
	unsigned long deadline;

	WRITE_ONCE(hd->entry_a1, opaque);
	WRITE_ONCE(hd->entry_satp, entry_csrs[hartid].satp);
	WRITE_ONCE(hd->entry_sstatus, entry_csrs[hartid].sstatus);
	atomic_add(&hd->entries, 1);

	csr_write(sie, SIE_SSIE | SIE_STIE);
	deadline = rdtime() + us_to_ticks(SECONDARY_IDLE_US);
	sbi_set_timer(deadline);
	for (;;) {
		unsigned long cmd;

		csr_clear(sstatus, SSTATUS_SIE);
		cmd = atomic_load(&hd->cmd);
		if (cmd != CMD_NONE) {
			run_command(hd, hartid, cmd);
			deadline = rdtime() + us_to_ticks(SECONDARY_IDLE_US);
			sbi_set_timer(deadline);
			continue;
		}
		if (rdtime() >= deadline)
			break;
		wfi();
		csr_set(sstatus, SSTATUS_SIE);
	}
	csr_clear(sstatus, SSTATUS_SIE);
	sbi_hart_stop();
}

static void print_header(unsigned long hartid, unsigned long fdt_addr)
{
	unsigned long i;

	printk("# HotSBI test payload on hart %lu, fdt %#lx\n", hartid, fdt_addr);
	printk("# fdt: %s, %lu harts, timebase %lu Hz, memory %#lx+%#lx\n",
	       fdt.valid ? "valid" : "INVALID", fdt.nharts, fdt.timebase,
	       fdt.mem.base, fdt.mem.size);
	for (i = 0; i < fdt.nharts; i++)
		printk("# hart %lu%s%s\n", fdt.hartids[i],
		       fdt.hart_has_h[i] ? " H" : "",
		       fdt.hart_has_sstc[i] ? " Sstc" : "");
	for (i = 0; i < fdt.nresv; i++)
		printk("# reserved %#lx+%#lx\n", fdt.resv[i].base,
		       fdt.resv[i].size);
}

void boot_main(unsigned long hartid, unsigned long fdt_addr)
{
	struct sbiret r;
	unsigned long i;

	boot_hartid = hartid;
	harts[hartid].alive = true;
	csr_write(sie, 0);
	csr_clear(sstatus, SSTATUS_SIE);
	fdt_parse(fdt_addr);
	console_init();
	r = sbi_call0(SBI_EXT_BASE, SBI_BASE_GET_IMPL_ID);
	is_hotsbi = !r.error && (unsigned long)r.value == SBI_IMPL_ID_HOTSBI;

	print_header(hartid, fdt_addr);
	check_true(fdt.valid, "FDT in a1 is a valid device tree");
	check_true(fdt.nharts >= 1, "FDT lists at least one hart");
	for (i = 0; i < fdt.nharts; i++)
		if (fdt.hartids[i] == hartid)
			break;
	check_true(i < fdt.nharts, "boot hart %lu is listed in the FDT", hartid);

	test_base();
	test_counters();
	test_memory();
	test_time();
	test_hsm_start();
	test_secondaries();
	test_timer_deadlines();
	test_ipi();
	test_rfence();
	test_hsm_stop_start();
	test_hsm_suspend();
	test_dbcn();
	test_memhp();
	test_srst();
	test_hsm_final();
	check_eq(atomic_load(&bad_entries), 0,
		 "no hart entered with a bad hartid in a0");
	for (i = 0; i < MAX_HARTS; i++)
		if (harts[i].bad_irqs)
			check_eq(harts[i].bad_irqs, 0,
				 "hart %lu took no unexpected interrupt", i);
	finish();
}
