// SPDX-License-Identifier: BSD-2-Clause
/*
 * The firmware side of the memory-hotplug manager: the port lib/memhp
 * runs on (lock, PMP update on every hart through the cross-hart call,
 * scrub, console, S-mode address check; the tree access comes from the
 * platform), its boot-time setup, its banner lines, the protection
 * provider it registers with sbi_pmp, and fault logging.
 */
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

static spinlock_t memhp_spin = SPIN_LOCK_INIT;

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

/*
 * The windows' entries in force, in the protection layer's form: written
 * under the lock, read by every hart that programs its PMP.
 */
static struct sbi_pmp_entry group[MEMHP_PLAN_ENTRIES_MAX];
static unsigned int ngroup;

static void group_load(const struct memhp_plan *plan)
{
	unsigned int i;

	for (i = 0; i < plan->count; i++) {
		group[i].cfg = plan->e[i].cfg;
		group[i].addr = plan->e[i].addr;
	}
	ngroup = plan->count;
}

static void apply_on_this_hart(void *unused __unused)
{
	sbi_pmp_program(sbi_hart_self(), group, ngroup);
}

static void port_apply_plan(const struct memhp_plan *plan)
{
	group_load(plan);
	sbi_ipi_call(sbi_ipi_live_harts(), apply_on_this_hart, NULL);
}

static bool port_smode_writable(u64 addr, u64 size)
{
	return sbi_memregion_smode_ok(addr, size);
}

static bool port_read_pte(u64 addr, unsigned long *pte)
{
	if (!sbi_memregion_smode_ok(addr, sizeof(*pte)))
		return false;
	*pte = *(volatile unsigned long *)(unsigned long)addr;
	return true;
}

/* The tree access is the host's: set at cold init. */
static struct memhp_port memhp_port = {
	.lock = sbi_memhp_lock,
	.unlock = sbi_memhp_unlock,
	.apply_plan = port_apply_plan,
	.scrub = sbi_scrub,
	.log = sbi_printf,
	.smode_writable = port_smode_writable,
	.read_pte = port_read_pte,
};

unsigned long sbi_memhp_eid(void)
{
	return sbi_ecall_memhp_ext.eid;
}

static void sbi_memhp_sync_self(struct sbi_hart *self)
{
	sbi_memhp_lock();
	sbi_pmp_program(self, group, ngroup);
	sbi_memhp_unlock();
}

static const struct sbi_pmp_provider memhp_provider;

int sbi_memhp_cold_init(void *fdt, const struct memhp_fdt_ro *tree,
			u64 next_addr)
{
	struct memhp_config cfg = { .pmp_budget = sbi_pmp_group_budget() };
	struct memhp_fdt_env env = {
		.fw_base = sbi_fw_base,
		.fw_size = sbi_fw_size,
		.card_default = MEMHP_CARD_SIZE,
		.card_prop = MEMHP_FDT_CARD_SIZE,
		.card_block_size = MEMHP_BLOCK_SIZE_DEFAULT,
		.card_pmem_prop = MEMHP_FDT_CARD_PMEM,
	};
	unsigned int i;

	memhp_port.tree = tree;
	sbi_pmp_set_provider(&memhp_provider);
	sbi_ecall_memhp_ext.eid = SBI_EXT_VENDOR_START |
				  (csr_read(CSR_MVENDORID) & 0xffffff);
	if (sbi_ecall_register_extension(&sbi_ecall_memhp_ext))
		sbi_printf("hotsbi: MEMHP extension 0x%lx not registered\n",
			   sbi_ecall_memhp_ext.eid);

	for (i = 0; i < sbi_platform.mem_count; i++)
		cfg.ram_end = MAX(cfg.ram_end, sbi_platform.mem[i].base +
						       sbi_platform.mem[i].size);
	cfg.reserved[cfg.nreserved].base = sbi_fw_base;
	cfg.reserved[cfg.nreserved++].size = sbi_fw_size;
	for (i = 0; i < sbi_platform.mmode_regs_count &&
		    cfg.nreserved < MEMHP_RESERVED_MAX; i++) {
		cfg.reserved[cfg.nreserved].base = sbi_platform.mmode_regs[i].base;
		cfg.reserved[cfg.nreserved++].size = sbi_platform.mmode_regs[i].size;
	}
	memhp_init(&memhp_port, &cfg);

	env.nram = sbi_platform.mem_count;
	for (i = 0; i < env.nram; i++) {
		env.ram[i].base = sbi_platform.mem[i].base;
		env.ram[i].size = sbi_platform.mem[i].size;
		env.ram_node[i] = sbi_platform.mem[i].node;
		env.ram_has_node[i] = sbi_platform.mem[i].has_node;
	}
	if (sbi_platform.initrd_end > sbi_platform.initrd_start) {
		env.protect[env.nprotect].base = sbi_platform.initrd_start;
		env.protect[env.nprotect++].size =
			sbi_platform.initrd_end - sbi_platform.initrd_start;
	}
	env.protect[env.nprotect].base = next_addr;
	env.protect[env.nprotect++].size = 1;

	if (cfg.pmp_budget)
		memhp_fdt_parse(&memhp_port, fdt, &env);
	/* Boot RAM no longer includes the card. */
	for (i = 0; i < env.nram; i++)
		sbi_platform.mem[i].size = env.ram[i].size;

	if (memhp_boot_plan()) {
		sbi_printf("hotsbi: the windows need more than the %u PMP entries the harts leave them\n",
			   cfg.pmp_budget);
		return -1;
	}
	group_load(memhp_current_plan());
	return 0;
}

void sbi_memhp_print(void)
{
	unsigned int i, n = memhp_window_count();

	sbi_boot_printf("MEMHP           : extension 0x%lx, %u window%s\n",
			sbi_memhp_eid(), n, n == 1 ? "" : "s");
	for (i = 0; i < n; i++) {
		const struct memhp_window *w = memhp_window_get(i);
		char node[24] = "";

		if (w->flags & MEMHP_FLAG_NUMA_NODE_VALID)
			sbi_snprintf(node, sizeof(node), ", node %lu",
				     (unsigned long)w->numa_node);
		sbi_boot_printf("  window %u      : 0x%016lx-0x%016lx, %lu blocks of %lu MiB%s%s%s%s\n",
				i, (unsigned long)w->base,
				(unsigned long)(w->base + w->size - 1),
				(unsigned long)w->nblocks,
				(unsigned long)(w->block_size >> 20),
				w->flags & MEMHP_FLAG_EMULATED ? ", emulated card" : "",
				w->flags & MEMHP_FLAG_SCRUB_ON_UNPLUG ? ", scrub" : "",
				node,
				w->pinned.n ? ", device memory (pmem-region)" : "");
	}
}

/* S/U-mode access faults: the library prints the line for a window. */
static void sbi_memhp_fault(unsigned long cause, unsigned long tval,
			    unsigned long epc)
{
	struct memhp_fault f = {
		.hartid = csr_read(CSR_MHARTID),
		.access = cause == CAUSE_FETCH_ACCESS ? "fetch" :
			  cause == CAUSE_LOAD_ACCESS ? "load" : "store",
		.satp = csr_read(CSR_SATP),
		.va = tval,
		.epc = epc,
	};

	/* tval is not an address under satp for a guest (V=1) */
	if (csr_read(CSR_MSTATUS) & MSTATUS_MPV)
		return;
	if (sbi_platform.timebase_freq)
		f.second = sbi_timer_value() / sbi_platform.timebase_freq;
	memhp_fault_report(&memhp_port, &f);
}

/* ------------------------------------------------ protection provider */

static unsigned int provider_group_entries(void)
{
	return ngroup;
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
	.group_entries = provider_group_entries,
	.smode_end = memhp_plugged_end,
	.hold = provider_hold,
	.release = sbi_memhp_unlock,
	.access_fault = sbi_memhp_fault,
};
