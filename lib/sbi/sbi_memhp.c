// SPDX-License-Identifier: BSD-2-Clause
/*
 * The firmware side of the memory-hotplug manager: the port lib/memhp
 * runs on (lock, PMP update on every hart through the cross-hart call,
 * scrub, console), its boot-time setup, and fault logging.
 */
#include <libfdt.h>
#include <memhp/memhp.h>
#include <memhp/memhp_fdt.h>
#include <sbi/sbi_memhp.h>
#include <sbi/sbi_hart.h>
#include <sbi/sbi_ipi.h>
#include <sbi/sbi_pmp.h>
#include <sbi/sbi_scrub.h>
#include <sbi/sbi_lock.h>
#include <sbi/sbi_timer.h>
#include <sbi/sbi_console.h>
#include <sbi/sbi_platform.h>
#include <sbi/sbi_memregion.h>
#include <sbi/sbi_ecall.h>
#include <sbi/sbi_ecall_interface.h>
#include <sbi_utils/fdt_walk.h>
#include <sbi_utils/fdt_rebuild.h>

static spinlock_t memhp_spin = SPIN_LOCK_INIT;
static struct memhp_fdt_env fdt_env;

/* The manager reads the tree through the fast walker. */
static const struct memhp_fdt_ro fdt_ro = {
	.find_compatible = fdtw_find_compatible,
	.path = fdtw_path,
	.getprop = fdtw_getprop,
	.parent = fdtw_parent,
	.name = fdtw_name,
	.next_node = fdtw_next_node,
};

static void serve_requests(void)
{
	if (atomic_read(&sbi_hart_self()->ipi_pending))
		sbi_ipi_process();
}

static void sbi_memhp_lock(void)
{
	/* Keep serving cross-hart calls: the holder may be waiting on us. */
	spin_lock_serving(&memhp_spin, serve_requests);
}

static void sbi_memhp_unlock(void)
{
	spin_unlock(&memhp_spin);
}

static void apply_on_this_hart(void *plan)
{
	sbi_pmp_program(sbi_hart_self(), plan);
}

static void port_apply_plan(const struct memhp_plan *plan)
{
	sbi_ipi_call(sbi_ipi_live_harts(), apply_on_this_hart, (void *)plan);
}

static const struct memhp_port memhp_port = {
	.lock = sbi_memhp_lock,
	.unlock = sbi_memhp_unlock,
	.apply_plan = port_apply_plan,
	.scrub = sbi_scrub,
	.log = sbi_printf,
};

unsigned long sbi_memhp_eid(void)
{
	return sbi_ecall_memhp_ext.eid;
}

static void sbi_memhp_sync_self(struct sbi_hart *self)
{
	sbi_memhp_lock();
	sbi_pmp_program(self, memhp_current_plan());
	sbi_memhp_unlock();
}

/*
 * Deny [@base, @base + @size) to S-mode in naturally aligned power-of-two
 * pieces (NAPOT entries), the largest that fit: one when the range is one.
 */
static void deny_mmode_regs(u64 base, u64 size)
{
	u64 at = base, end = base + size;
	const char *why;

	while (at < end) {
		u64 piece = at ? at & -at : 1ULL << 63;

		while (piece > end - at)
			piece >>= 1;
		if (memhp_deny_region(at, piece, &why)) {
			sbi_printf("hotsbi: timer/IPI registers 0x%lx+0x%lx stay open to S-mode: %s\n",
				   (unsigned long)at, (unsigned long)(end - at),
				   why);
			return;
		}
		at += piece;
	}
}

static const struct sbi_pmp_provider memhp_provider;

int sbi_memhp_cold_init(void *fdt, struct sbi_hart *boot)
{
	unsigned int i, entries;
	u64 ram_end = 0;

	sbi_pmp_set_provider(&memhp_provider);
	sbi_ecall_memhp_ext.eid = SBI_EXT_VENDOR_START |
				  (csr_read(CSR_MVENDORID) & 0xffffff);
	if (sbi_ecall_register_extension(&sbi_ecall_memhp_ext))
		sbi_printf("hotsbi: MEMHP extension 0x%lx not registered\n",
			   sbi_ecall_memhp_ext.eid);

	/* The boot hart's PMP stands for every hart's (checked at warm boot). */
	sbi_pmp_probe(boot);
	entries = MIN(boot->pmp_count, (unsigned int)HOTSBI_PMP_ENTRIES);
	for (i = 0; i < sbi_platform.mem_count; i++)
		ram_end = MAX(ram_end,
			      sbi_platform.mem[i].base + sbi_platform.mem[i].size);
	memhp_init(&memhp_port, entries, sbi_fw_base, sbi_fw_size, ram_end);
	if (entries < 2) {
		/* Not even the firmware's entry and the allow-all fit. */
		sbi_printf("hotsbi: %u PMP entries: no hotplug windows, and S-mode can reach the firmware and timer/IPI registers\n",
			   entries);
		return memhp_boot_plan();
	}
	for (i = 0; i < sbi_platform.mmode_regs_count; i++)
		deny_mmode_regs(sbi_platform.mmode_regs[i].base,
				sbi_platform.mmode_regs[i].size);

	fdt_env.nram = sbi_platform.mem_count;
	for (i = 0; i < fdt_env.nram; i++) {
		fdt_env.ram[i].base = sbi_platform.mem[i].base;
		fdt_env.ram[i].size = sbi_platform.mem[i].size;
	}
	fdt_env.fw_base = sbi_fw_base;
	fdt_env.fw_size = sbi_fw_size;
	fdt_env.card_default = MEMHP_CARD_SIZE;
	fdt_env.nprotect = 0;
	if (sbi_platform.initrd_end > sbi_platform.initrd_start) {
		fdt_env.protect[fdt_env.nprotect].base = sbi_platform.initrd_start;
		fdt_env.protect[fdt_env.nprotect++].size =
			sbi_platform.initrd_end - sbi_platform.initrd_start;
	}
	fdt_env.protect[fdt_env.nprotect].base = sbi_platform.next_addr;
	fdt_env.protect[fdt_env.nprotect++].size = 1;

	memhp_fdt_parse(fdt, &fdt_env, &fdt_ro, &memhp_port);
	/* Boot RAM no longer includes the card. */
	for (i = 0; i < fdt_env.nram; i++)
		sbi_platform.mem[i].size = fdt_env.ram[i].size;

	if (memhp_boot_plan()) {
		sbi_printf("hotsbi: the windows need more than the %u PMP entries the harts have\n",
			   entries);
		return -1;
	}
	return 0;
}

static int sink_begin_node(void *o, const char *name)
{
	return fdt_out_begin_node(o, name);
}

static int sink_prop(void *o, const char *name, const void *val, int len)
{
	return fdt_out_prop(o, name, val, len);
}

static int sink_end_node(void *o)
{
	return fdt_out_end_node(o);
}

int sbi_memhp_fdt_emit(struct fdt_out *o)
{
	const struct memhp_fdt_sink sink = {
		.ctx = o,
		.begin_node = sink_begin_node,
		.prop = sink_prop,
		.end_node = sink_end_node,
	};

	return memhp_fdt_emit(&sink, sbi_memhp_eid());
}

void sbi_memhp_print(void)
{
	unsigned int i, n = memhp_window_count();

	sbi_boot_printf("MEMHP           : extension 0x%lx, %u window%s\n",
			sbi_memhp_eid(), n, n == 1 ? "" : "s");
	for (i = 0; i < n; i++) {
		const struct memhp_window *w = memhp_window_get(i);

		sbi_boot_printf("  window %u      : 0x%016lx-0x%016lx, %lu blocks of %lu MiB%s%s\n",
				i, (unsigned long)w->base,
				(unsigned long)(w->base + w->size - 1),
				(unsigned long)w->nblocks,
				(unsigned long)(w->block_size >> 20),
				w->flags & MEMHP_FLAG_EMULATED ? ", emulated card" : "",
				w->flags & MEMHP_FLAG_SCRUB_ON_UNPLUG ? ", scrub" : "");
	}
}

/* At most this many fault lines per timer second, then one per block. */
#define FAULT_LOG_BURST	8

/*
 * The physical address behind S-mode virtual address @va under the
 * current satp (Sv39/48/57), reading only page tables that lie in memory
 * S-mode may access. False when it cannot be translated.
 */
static bool fault_va_to_pa(unsigned long va, unsigned long *pa)
{
	unsigned long satp = csr_read(CSR_SATP), table, pte, mask;
	int level, levels;

	switch (satp >> 60) {
	case 0:
		*pa = va;
		return true;
	case 8:
		levels = 3;
		break;
	case 9:
		levels = 4;
		break;
	case 10:
		levels = 5;
		break;
	default:
		return false;
	}
	table = (satp & ((1UL << 44) - 1)) << 12;
	for (level = levels - 1; level >= 0; level--) {
		unsigned long slot = table + ((va >> (12 + 9 * level)) & 0x1ff) * 8;

		if (!sbi_memregion_smode_ok(slot, 8, SBI_ACCESS_R))
			return false;
		pte = *(volatile unsigned long *)slot;
		if (!(pte & 1))
			return false;
		table = ((pte >> 10) & ((1UL << 44) - 1)) << 12;
		if (pte & 0xe) {
			mask = (1UL << (12 + 9 * level)) - 1;
			*pa = (table & ~mask) | (va & mask);
			return true;
		}
	}
	return false;
}

static void sbi_memhp_fault(unsigned long cause, unsigned long tval,
			    unsigned long epc)
{
	unsigned long addr;

	static unsigned long last_second, logged, last_block = -1UL;
	static unsigned int last_win = -1U;
	unsigned long second, state;
	unsigned int win;
	u64 block;

	/* tval is virtual when S-mode translates (not for guests: V=1). */
	if ((csr_read(CSR_MSTATUS) & MSTATUS_MPV) ||
	    !fault_va_to_pa(tval, &addr))
		return;
	if (!memhp_locate(addr, &win, &block, &state))
		return;
	second = sbi_platform.timebase_freq ?
			 sbi_timer_value() / sbi_platform.timebase_freq : 0;
	if (second != last_second) {
		last_second = second;
		logged = 0;
	}
	if (logged >= FAULT_LOG_BURST && win == last_win && block == last_block)
		return;
	if (logged >= 4 * FAULT_LOG_BURST)
		return;
	logged++;
	last_win = win;
	last_block = block;
	sbi_printf("memhp: hart %lu: %s access fault at 0x%lx (va 0x%lx), window %u block %lu (%s), epc 0x%lx\n",
		   csr_read(CSR_MHARTID),
		   cause == CAUSE_FETCH_ACCESS ? "fetch" :
		   cause == CAUSE_LOAD_ACCESS  ? "load" : "store",
		   addr, tval, win, (unsigned long)block,
		   state == MEMHP_BLOCK_PLUGGED ? "plugged" :
		   state == MEMHP_BLOCK_UNPLUGGED ? "unplugged" : "unavailable",
		   epc);
}

/* ------------------------------------------------ protection provider */

static unsigned int provider_entries_used(void)
{
	return memhp_current_plan()->count;
}

static bool provider_hold(u64 addr, u64 size)
{
	if (!memhp_range_in_windows(addr, size))
		return false;
	sbi_memhp_lock();
	return true;
}

static const struct sbi_pmp_provider memhp_provider = {
	.name = "memhp",
	.sync_self = sbi_memhp_sync_self,
	.entries_used = provider_entries_used,
	.smode_end = memhp_plugged_end,
	.hold = provider_hold,
	.release = sbi_memhp_unlock,
	.access_fault = sbi_memhp_fault,
};
