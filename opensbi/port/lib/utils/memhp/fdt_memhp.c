// SPDX-License-Identifier: BSD-2-Clause
/*
 * OpenSBI's port of the memory-hotplug manager (lib/utils/memhp/memhp*.c):
 * its host operations, the "memhp" hart protection mechanism, the IPI
 * event that carries a new plan to every hart and the one that shares
 * out the scrub, the MEMHP vendor extension and the device-tree side
 * (windows in, /memory and the hotplug-memory node out).
 */

#include <libfdt.h>
#include <sbi/riscv_asm.h>
#include <sbi/riscv_atomic.h>
#include <sbi/riscv_barrier.h>
#include <sbi/riscv_encoding.h>
#include <sbi/riscv_locks.h>
#include <sbi/sbi_console.h>
#include <sbi/sbi_domain.h>
#include <sbi/sbi_ecall.h>
#include <sbi/sbi_ecall_interface.h>
#include <sbi/sbi_error.h>
#include <sbi/sbi_hart.h>
#include <sbi/sbi_hart_pmp.h>
#include <sbi/sbi_hart_protection.h>
#include <sbi/sbi_hartmask.h>
#include <sbi/sbi_hsm.h>
#include <sbi/sbi_ipi.h>
#include <sbi/sbi_platform.h>
#include <sbi/sbi_scratch.h>
#include <sbi/sbi_string.h>
#include <sbi/sbi_trap.h>
#include <sbi_utils/fdt/fdt_fixup.h>
#include <sbi_utils/fdt/fdt_helper.h>
#include <sbi_utils/memhp/fdt_memhp.h>
#include <sbi_utils/memhp/fdt_memhp_tree.h>
#include <memhp/memhp.h>
#include <memhp/memhp_fdt.h>

/* ------------------------------------------------------------- lock */

static spinlock_t memhp_lock = SPIN_LOCK_INITIALIZER;

static void memhp_serve_ipis(void)
{
	if (csr_read(CSR_MIP) & (MIP_MSIP | MIP_MEIP))
		sbi_ipi_process();
}

static void memhp_port_lock(void)
{
	/* Keep serving IPI events: the holder may be waiting for us. */
	while (!spin_trylock(&memhp_lock))
		memhp_serve_ipis();
}

static void memhp_port_unlock(void)
{
	spin_unlock(&memhp_lock);
}

/* ------------------------------------------------- plan on every hart */

/*
 * The windows' entries in force, written by the lock holder and read by
 * any hart that programs its PMP: an odd sequence number means an update
 * is under way.
 */
static struct memhp_plan memhp_plan_cur;
static atomic_t memhp_plan_seq = ATOMIC_INITIALIZER(0);
/* Sequence number of the plan each hart last programmed. */
static atomic_t memhp_hart_seq[SBI_HARTMASK_MAX_BITS];

/*
 * Where each hart keeps the windows' entries: PMP entries first to
 * first + slots - 1, of which the first count hold the plan it last
 * programmed and the rest are off. Written by the hart itself only.
 */
struct memhp_hart_slots {
	u8 first;
	u8 slots;
	u8 count;
};

static struct memhp_hart_slots memhp_hart_slots[SBI_HARTMASK_MAX_BITS];

static unsigned int memhp_ipi_event = SBI_IPI_EVENT_MAX;
static atomic_t memhp_acks = ATOMIC_INITIALIZER(0);

/* The entries in use only: a plan is 1 KiB, PLUG changes a few entries */
static void memhp_plan_copy(struct memhp_plan *dst,
			    const struct memhp_plan *src)
{
	unsigned int i, n = src->count;

	if (n > MEMHP_PLAN_ENTRIES_MAX)
		n = MEMHP_PLAN_ENTRIES_MAX;
	dst->count = n;
	for (i = 0; i < n; i++)
		dst->e[i] = src->e[i];
}

static unsigned long memhp_plan_read(struct memhp_plan *plan)
{
	unsigned long seq;

	do {
		while ((seq = atomic_read(&memhp_plan_seq)) & 1)
			;
		memhp_plan_copy(plan, &memhp_plan_cur);
		/* The copy completes before the sequence number is read again */
		smp_rmb();
	} while (seq != atomic_read(&memhp_plan_seq));

	return seq;
}

static void memhp_plan_write(const struct memhp_plan *plan)
{
	/* Odd while the copy changes: readers wait and read again */
	atomic_write(&memhp_plan_seq, atomic_read(&memhp_plan_seq) + 1);
	memhp_plan_copy(&memhp_plan_cur, plan);
	/* The whole copy is visible before the number is even again */
	smp_wmb();
	atomic_write(&memhp_plan_seq, atomic_read(&memhp_plan_seq) + 1);
}

static bool memhp_region_in_windows(const struct sbi_domain_memregion *reg)
{
	if (reg->order >= __riscv_xlen)
		return memhp_window_count() > 0;

	return memhp_range_in_windows(reg->base, 1UL << reg->order);
}

static int memhp_pmp_region(struct sbi_scratch *scratch, unsigned int idx,
			    struct sbi_domain_memregion *reg)
{
	unsigned int log2gran = sbi_hart_pmp_log2gran(scratch);
	unsigned int bits = sbi_hart_pmp_addrbits(scratch) - 1;
	unsigned long addr_max = (1UL << bits) | ((1UL << bits) - 1);
	unsigned long flags = sbi_domain_get_oldpmp_flags(reg);

	if (log2gran > reg->order || (reg->base >> PMP_SHIFT) >= addr_max)
		return SBI_EINVAL;

	sbi_platform_pmp_set(sbi_platform_ptr(scratch), idx, reg->flags, flags,
			     reg->base, reg->order);
	return sbi_hart_pmp_set(idx, flags, reg->base, reg->order);
}

static struct sbi_ecall_extension memhp_ecall;
static bool memhp_late_done;
static void memhp_scrub_init(void);

/*
 * OpenSBI looks an extension up by walking its list in registration
 * order, and fdt_memhp_init() registers MEMHP from final_init, before
 * sbi_ecall_init() registers the standard extensions: every BASE, TIME,
 * IPI or RFENCE call would walk past MEMHP first. The first configure
 * runs on the cold-boot hart after sbi_ecall_init() (the other harts
 * wait in HSM until S-mode starts them, and S-mode has not run yet):
 * move MEMHP to the end of the list there. Registered early, it still
 * claims its EID at init and is listed in the boot banner. The scrub's
 * IPI event is created there too.
 */
static void memhp_late_init(void)
{
	if (memhp_late_done || !memhp_ecall.extid_start)
		return;
	memhp_late_done = true;
	memhp_scrub_init();
	if (sbi_ecall_find_extension(memhp_ecall.extid_start) != &memhp_ecall)
		return;
	sbi_ecall_unregister_extension(&memhp_ecall);
	sbi_ecall_register_extension(&memhp_ecall);
}

/*
 * Write the plan into this hart's slots: its entries, then off the
 * entries the previous plan used beyond them. No fence.
 */
static void memhp_write_slots(struct memhp_hart_slots *h,
			      const struct memhp_plan *plan)
{
	unsigned int i, n = plan->count, end = MAX(n, (unsigned int)h->count);

	for (i = 0; i < n; i++)
		sbi_hart_pmp_write(h->first + i, plan->e[i].cfg, plan->e[i].addr);
	for (; i < end; i++)
		sbi_hart_pmp_write(h->first + i, 0, 0);
	h->count = n;
}

/*
 * Program this hart's PMP: the domain's regions in order, with the
 * entries the regions leave (the slots) just before the first region
 * that covers a window (the root domain's allow-all), or after the last
 * one; the plan takes the first slots, the others are off. The regions
 * never move when the plan changes: an update rewrites the slots only.
 */
static int memhp_configure(struct sbi_scratch *scratch)
{
	unsigned int pmp_count = sbi_hart_pmp_count(scratch);
	struct sbi_domain *dom = sbi_domain_thishart_ptr();
	u32 self = current_hartindex();
	struct memhp_hart_slots *h = &memhp_hart_slots[self];
	struct sbi_domain_memregion *reg;
	unsigned int idx = 0, nregs = 0;
	struct memhp_plan plan;
	bool placed = false;
	unsigned long seq;

	memhp_late_init();
	seq = memhp_plan_read(&plan);

	sbi_domain_for_each_memregion(dom, reg)
		nregs++;
	if (nregs > pmp_count || plan.count > pmp_count - nregs) {
		sbi_printf("memhp: insufficient PMP entries\n");
		return SBI_EFAIL;
	}
	h->slots = pmp_count - nregs;

	sbi_domain_for_each_memregion(dom, reg) {
		if (!placed && memhp_region_in_windows(reg)) {
			h->first = idx;
			idx += h->slots;
			placed = true;
		}
		if (memhp_pmp_region(scratch, idx, reg))
			sbi_printf("memhp: domain %s region 0x%lx (order %lu) %s\n",
				   dom->name, reg->base, reg->order,
				   "not in PMP range");
		else
			idx++;
	}
	if (!placed) {
		h->first = idx;
		idx += h->slots;
	}
	/* Every slot is written: the plan, then off */
	h->count = h->slots;
	memhp_write_slots(h, &plan);
	for (; idx < pmp_count; idx++)
		sbi_hart_pmp_disable(idx);

	sbi_hart_pmp_fence();
	atomic_write(&memhp_hart_seq[self], seq);

	return 0;
}

/* A new plan on this hart: its slots only when they hold it */
static void memhp_update(struct sbi_scratch *scratch)
{
	u32 self = current_hartindex();
	struct memhp_hart_slots *h = &memhp_hart_slots[self];
	struct memhp_plan plan;
	unsigned long seq;

	seq = memhp_plan_read(&plan);
	if (plan.count > h->slots) {
		memhp_configure(scratch);
		return;
	}
	memhp_write_slots(h, &plan);
	sbi_hart_pmp_fence();
	atomic_write(&memhp_hart_seq[self], seq);
}

static void memhp_unconfigure(struct sbi_scratch *scratch)
{
	unsigned int i, pmp_count = sbi_hart_pmp_count(scratch);

	for (i = 0; i < pmp_count; i++) {
		sbi_platform_pmp_disable(sbi_platform_ptr(scratch), i);
		sbi_hart_pmp_disable(i);
	}
	memhp_hart_slots[current_hartindex()].slots = 0;
}

static int memhp_ipi_update(struct sbi_scratch *scratch,
			    struct sbi_scratch *remote_scratch,
			    u32 remote_hartindex, void *data)
{
	/* The sender programs itself. */
	if (scratch == remote_scratch)
		return SBI_IPI_UPDATE_BREAK;

	atomic_add_return(&memhp_acks, 1);
	return SBI_IPI_UPDATE_SUCCESS;
}

static void memhp_ipi_sync(struct sbi_scratch *scratch)
{
	/* Serve every IPI event while waiting: a hart may wait for us. */
	while (atomic_read(&memhp_acks) > 0)
		memhp_serve_ipis();
}

static void memhp_ipi_process(struct sbi_scratch *scratch)
{
	memhp_update(scratch);
	atomic_sub_return(&memhp_acks, 1);
}

static const struct sbi_ipi_event_ops memhp_ipi_ops = {
	.name = "IPI_MEMHP",
	.update = memhp_ipi_update,
	.sync = memhp_ipi_sync,
	.process = memhp_ipi_process,
};

/*
 * A hart that HSM is starting may have programmed the old plan and not
 * be interruptible yet: wait until it either loaded this plan or
 * started, then send it the plan.
 */
static void memhp_catch_up_starting(unsigned long seq)
{
	u32 self = current_hartindex();

	sbi_for_each_hartindex(i) {
		if (i == self ||
		    __sbi_hsm_hart_get_state(i) != SBI_HSM_STATE_START_PENDING)
			continue;
		while (atomic_read(&memhp_hart_seq[i]) != seq &&
		       __sbi_hsm_hart_get_state(i) ==
			       SBI_HSM_STATE_START_PENDING)
			memhp_serve_ipis();
		if (atomic_read(&memhp_hart_seq[i]) != seq &&
		    __sbi_hsm_hart_get_state(i) == SBI_HSM_STATE_STARTED)
			sbi_ipi_send_many(1UL, sbi_hartindex_to_hartid(i),
					  memhp_ipi_event, NULL);
	}
}

static void memhp_port_apply_plan(const struct memhp_plan *plan)
{
	struct sbi_scratch *scratch = sbi_scratch_thishart_ptr();

	memhp_plan_write(plan);
	memhp_update(scratch);
	if (sbi_hart_count() == 1)
		return;
	sbi_ipi_send_many(0, -1UL, memhp_ipi_event, NULL);
	memhp_catch_up_starting(atomic_read(&memhp_plan_seq));
}

/* ---------------------------------------------- protection mechanism */

static bool memhp_check_range(struct sbi_scratch *scratch,
			      unsigned long base, unsigned long size)
{
	unsigned long addr = base, end = base + size, next;
	unsigned int i, n = memhp_window_count();

	if (!size || !memhp_range_in_windows(base, size))
		return true;

	while (addr < end) {
		if (memhp_range_in_windows(addr, 1)) {
			next = memhp_plugged_end(addr);
			if (next == addr)
				return false;
			addr = next;
			continue;
		}
		next = end;
		for (i = 0; i < n; i++) {
			const struct memhp_window *w = memhp_window_get(i);

			if (w->base > addr && w->base < next)
				next = w->base;
		}
		addr = next;
	}

	return true;
}

/* S-mode buffers in a window are read or written under the lock. */
static int memhp_map_range(struct sbi_scratch *scratch,
			   unsigned long base, unsigned long size)
{
	if (memhp_range_in_windows(base, size))
		memhp_port_lock();
	return 0;
}

static int memhp_unmap_range(struct sbi_scratch *scratch,
			     unsigned long base, unsigned long size)
{
	if (memhp_range_in_windows(base, size))
		memhp_port_unlock();
	return 0;
}

static struct sbi_hart_protection memhp_protection = {
	.name = "memhp",
	.rating = 300,
	.configure = memhp_configure,
	.unconfigure = memhp_unconfigure,
	.map_range = memhp_map_range,
	.unmap_range = memhp_unmap_range,
	.check_range = memhp_check_range,
};

/* --------------------------------------------------------- host port */

/* Stores per iteration of the scrub's main loop */
#define MEMHP_SCRUB_UNROLL	128
#define MEMHP_SCRUB_CHUNK	(MEMHP_SCRUB_UNROLL * sizeof(long))

/*
 * Zero [p, end): word stores the compiler cannot turn into a
 * byte-wise memset, MEMHP_SCRUB_UNROLL of them per loop iteration (one
 * add and one branch per 1 KiB on RV64: close to one word per
 * instruction), bytes and words for unaligned ends.
 */
static void memhp_zero(unsigned long p, unsigned long end)
{
	unsigned long last;

	for (; p < end && (p & (sizeof(long) - 1)); p++)
		__asm__ __volatile__("sb zero, 0(%0)" : : "r"(p) : "memory");
	for (; (p & (MEMHP_SCRUB_CHUNK - 1)) && end - p >= sizeof(long);
	     p += sizeof(long))
		__asm__ __volatile__(REG_S " zero, 0(%0)" : : "r"(p) : "memory");
	last = p + ((end - p) & ~(MEMHP_SCRUB_CHUNK - 1));
	for (; p != last; p += MEMHP_SCRUB_CHUNK)
		__asm__ __volatile__(".set .Lmemhp_off, 0\n"
				     ".rept %1\n"
				     REG_S " zero, .Lmemhp_off(%0)\n"
				     ".set .Lmemhp_off, .Lmemhp_off + %2\n"
				     ".endr"
				     : : "r"(p), "i"(MEMHP_SCRUB_UNROLL),
				       "i"(sizeof(long)) : "memory");
	for (; end - p >= sizeof(long); p += sizeof(long))
		__asm__ __volatile__(REG_S " zero, 0(%0)" : : "r"(p) : "memory");
	for (; p < end; p++)
		__asm__ __volatile__("sb zero, 0(%0)" : : "r"(p) : "memory");
}

/*
 * The scrub is shared out among the harts that take IPIs: the range is
 * cut into MEMHP_SCRUB_SHARE pieces, which the caller and the harts it
 * interrupts take one by one until none is left; the caller then waits
 * for every hart it interrupted. Under the lock.
 */
#define MEMHP_SCRUB_SHARE	(2UL * 1024 * 1024)

static struct {
	unsigned long base;
	unsigned long end;
	atomic_t next;
	atomic_t busy;
} memhp_scrub_job;

static unsigned int memhp_scrub_event = SBI_IPI_EVENT_MAX;

static void memhp_scrub_pieces(void)
{
	unsigned long base = memhp_scrub_job.base, end = memhp_scrub_job.end;
	unsigned long p, k;

	for (;;) {
		k = atomic_add_return(&memhp_scrub_job.next, 1) - 1;
		if (k >= (end - base + MEMHP_SCRUB_SHARE - 1) / MEMHP_SCRUB_SHARE)
			break;
		p = base + k * MEMHP_SCRUB_SHARE;
		memhp_zero(p, end - p > MEMHP_SCRUB_SHARE ?
			   p + MEMHP_SCRUB_SHARE : end);
	}
}

static int memhp_scrub_update(struct sbi_scratch *scratch,
			      struct sbi_scratch *remote_scratch,
			      u32 remote_hartindex, void *data)
{
	if (scratch == remote_scratch)
		return SBI_IPI_UPDATE_BREAK;

	atomic_add_return(&memhp_scrub_job.busy, 1);
	return SBI_IPI_UPDATE_SUCCESS;
}

static void memhp_scrub_process(struct sbi_scratch *scratch)
{
	memhp_scrub_pieces();
	/* This hart's stores are done before the caller goes on */
	smp_wmb();
	atomic_sub_return(&memhp_scrub_job.busy, 1);
}

static const struct sbi_ipi_event_ops memhp_scrub_ops = {
	.name = "IPI_MEMHP_SCRUB",
	.update = memhp_scrub_update,
	.process = memhp_scrub_process,
};

static void memhp_scrub_init(void)
{
	int rc;

	if (sbi_hart_count() == 1)
		return;
	rc = sbi_ipi_event_create(&memhp_scrub_ops);
	if (rc >= 0)
		memhp_scrub_event = rc;
}

static void memhp_port_scrub(u64 base, u64 size)
{
	if (memhp_scrub_event == SBI_IPI_EVENT_MAX ||
	    size <= MEMHP_SCRUB_SHARE) {
		memhp_zero(base, base + size);
		return;
	}
	memhp_scrub_job.base = base;
	memhp_scrub_job.end = base + size;
	atomic_write(&memhp_scrub_job.next, 0);
	atomic_write(&memhp_scrub_job.busy, 0);
	/* The job is visible before the harts it interrupts read it */
	smp_wmb();
	sbi_ipi_send_many(0, -1UL, memhp_scrub_event, NULL);
	memhp_scrub_pieces();
	/* Serve every IPI event while waiting: a hart may wait for us. */
	while (atomic_read(&memhp_scrub_job.busy) > 0)
		memhp_serve_ipis();
	/* The other harts' stores are seen before the caller goes on */
	smp_rmb();
}

/* Boot RAM as handed on (without the windows). */
static struct memhp_range memhp_ram[MEMHP_FDT_RAM_MAX];
static unsigned int memhp_nram;

/* Boot RAM or plugged blocks, and allowed by the domain. */
static bool memhp_port_smode_writable(u64 addr, u64 size)
{
	u64 a = addr, end = addr + size, next;
	unsigned int i;

	if (end < addr)
		return false;
	while (a < end) {
		next = a;
		for (i = 0; i < memhp_nram; i++)
			if (a >= memhp_ram[i].base &&
			    a - memhp_ram[i].base < memhp_ram[i].size)
				next = memhp_ram[i].base + memhp_ram[i].size;
		if (next == a && memhp_range_in_windows(a, 1))
			next = memhp_plugged_end(a);
		if (next == a)
			return false;
		a = next;
	}

	return sbi_domain_check_addr_range(&root, addr, size, PRV_S,
					   SBI_DOMAIN_READ | SBI_DOMAIN_WRITE);
}

static const struct memhp_port memhp_port = {
	.lock = memhp_port_lock,
	.unlock = memhp_port_unlock,
	.apply_plan = memhp_port_apply_plan,
	.scrub = memhp_port_scrub,
	.log = sbi_printf,
	.smode_writable = memhp_port_smode_writable,
	.tree = &fdt_memhp_tree_ro,
};

/* ---------------------------------------------------- SBI extension */

static int memhp_ecall_handler(unsigned long extid, unsigned long funcid,
			       struct sbi_trap_regs *regs,
			       struct sbi_ecall_return *out)
{
	unsigned long args[6] = { regs->a0, regs->a1, regs->a2,
				  regs->a3, regs->a4, regs->a5 };
	unsigned long value = 0;
	long err;

	err = memhp_sbi_call(funcid, args, &value);
	if (!err)
		out->value = value;

	return err;
}

static struct sbi_ecall_extension memhp_ecall = {
	.name = "memhp",
	.handle = memhp_ecall_handler,
};

/* ------------------------------------------------------ device tree */

/* The root's #address-cells and #size-cells; false unless 1 or 2. */
static bool memhp_root_cells(const void *fdt, int *ac, int *sc)
{
	const fdt32_t *p;
	int len;

	p = fdt_memhp_tree_ro.getprop(fdt, 0, "#address-cells", &len);
	*ac = p && len == 4 ? fdt32_to_cpu(*p) : 2;
	p = fdt_memhp_tree_ro.getprop(fdt, 0, "#size-cells", &len);
	*sc = p && len == 4 ? fdt32_to_cpu(*p) : 1;
	return *ac >= 1 && *ac <= 2 && *sc >= 1 && *sc <= 2;
}

static u64 memhp_cells(const fdt32_t *p, int n)
{
	return n == 2 ? ((u64)fdt32_to_cpu(p[0]) << 32) | fdt32_to_cpu(p[1]) :
			fdt32_to_cpu(p[0]);
}

/* Cut every /memory range at the first window it runs into. */
static void memhp_cut_memory(void *fdt, const struct fdt_memhp_tree_scan *scan)
{
	unsigned int m, w, n = memhp_window_count();
	int len, i, ac, sc;
	fdt32_t *reg;
	u64 base, end;

	if (!memhp_root_cells(fdt, &ac, &sc))
		return;
	for (m = 0; m < scan->nmemory; m++) {
		reg = (fdt32_t *)fdt_memhp_tree_ro.getprop(fdt, scan->memory[m],
							   "reg", &len);
		for (i = 0; reg && i + ac + sc <= len / 4; i += ac + sc) {
			base = memhp_cells(&reg[i], ac);
			end = base + memhp_cells(&reg[i + ac], sc);
			for (w = 0; w < n; w++) {
				const struct memhp_window *win =
					memhp_window_get(w);

				if (win->base < end && base < win->base + win->size)
					end = win->base > base ? win->base : base;
			}
			if (sc == 2)
				reg[i + ac] = cpu_to_fdt32((end - base) >> 32);
			reg[i + ac + sc - 1] = cpu_to_fdt32(end - base);
		}
	}
}

/*
 * The board's window nodes go (the container replaces them) and /memory
 * stops at the windows, in place, before OpenSBI's fixups walk the tree.
 */
static void memhp_fdt_prune(void *fdt, const struct fdt_memhp_tree_scan *scan)
{
	int node, next;

	memhp_cut_memory(fdt, scan);
	for (node = scan->window; node >= 0; node = next) {
		next = fdt_memhp_tree_ro.find_compatible(fdt, node,
						MEMHP_FDT_WINDOW_COMPAT);
		fdt_nop_node(fdt, node);
	}
}

/*
 * The hotplug-memory container goes in last, so that OpenSBI's own
 * fixups do not walk it.
 */
static void memhp_fdt_fixup(struct fdt_general_fixup *f, void *fdt)
{
	int rc;

	rc = fdt_memhp_tree_append(fdt, memhp_fdt_emit,
				   memhp_ecall.extid_start);
	if (rc)
		sbi_printf("memhp: hotplug-memory node not written: %s\n",
			   fdt_strerror(rc));
}

static struct fdt_general_fixup memhp_fixup = {
	.name = "memhp",
	.do_fixup = memhp_fdt_fixup,
};

/* Room the tree gets when it moves, for OpenSBI's fixups and ours. */
#define MEMHP_FDT_ROOM		0x10000
#define MEMHP_FDT_ALIGN		0x200000UL

static bool memhp_range_clear(const struct memhp_fdt_env *env,
			      unsigned long base, unsigned long size)
{
	unsigned int i;
	bool in_ram = false;

	for (i = 0; i < env->nram; i++)
		if (base >= env->ram[i].base &&
		    base + size <= env->ram[i].base + env->ram[i].size)
			in_ram = true;
	if (!in_ram || memhp_range_in_windows(base, size))
		return false;
	if (base < env->fw_base + env->fw_size && env->fw_base < base + size)
		return false;
	for (i = 0; i < env->nprotect; i++)
		if (base < env->protect[i].base + env->protect[i].size &&
		    env->protect[i].base < base + size)
			return false;
	return true;
}

/*
 * QEMU puts the tree at the top of RAM, which the emulated card now
 * owns: move it just below the top of the highest remaining RAM bank.
 */
static int memhp_fdt_move(const struct memhp_fdt_env *env)
{
	void *fdt = fdt_get_address_rw();
	unsigned long size = fdt_totalsize(fdt);
	unsigned long new_size = size + MEMHP_FDT_ROOM, dst = 0, top;
	unsigned int i;
	int rc;

	if (!memhp_range_in_windows((unsigned long)fdt, size))
		return 0;
	for (i = 0; i < env->nram; i++) {
		top = env->ram[i].base + env->ram[i].size;
		if (top > new_size + MEMHP_FDT_ALIGN && top - new_size > dst)
			dst = (top - new_size) & ~(MEMHP_FDT_ALIGN - 1);
	}
	if (!dst || !memhp_range_clear(env, dst, new_size)) {
		sbi_printf("memhp: the device tree at 0x%lx %s\n",
			   (unsigned long)fdt,
			   "lies in a window and cannot move");
		return SBI_ENOMEM;
	}
	rc = fdt_memhp_tree_move(fdt, (void *)dst, new_size);
	if (rc) {
		sbi_printf("memhp: moving the device tree: %s\n",
			   fdt_strerror(rc));
		return SBI_EFAIL;
	}
	root.next_arg1 = dst;

	return 0;
}

static void memhp_read_ram(const void *fdt,
			   const struct fdt_memhp_tree_scan *scan,
			   struct memhp_fdt_env *env)
{
	const struct memhp_fdt_ro *ro = &fdt_memhp_tree_ro;
	const fdt32_t *reg, *node;
	int len, node_len, i, ac, sc;
	unsigned int m, n;

	if (!memhp_root_cells(fdt, &ac, &sc))
		return;
	for (m = 0; m < scan->nmemory; m++) {
		reg = ro->getprop(fdt, scan->memory[m], "reg", &len);
		node = ro->getprop(fdt, scan->memory[m], "numa-node-id",
				   &node_len);
		for (i = 0; reg && i + ac + sc <= len / 4; i += ac + sc) {
			n = env->nram;
			if (n == MEMHP_FDT_RAM_MAX)
				return;
			env->ram[n].base = memhp_cells(&reg[i], ac);
			env->ram[n].size = memhp_cells(&reg[i + ac], sc);
			env->ram_has_node[n] = node && node_len == 4;
			env->ram_node[n] = env->ram_has_node[n] ?
					   fdt32_to_cpu(*node) : 0;
			env->nram++;
		}
	}
}

static void memhp_read_initrd(const void *fdt, int chosen,
			      struct memhp_fdt_env *env)
{
	const struct memhp_fdt_ro *ro = &fdt_memhp_tree_ro;
	const fdt32_t *s, *e;
	int len_s, len_e;
	u64 start, end;

	if (chosen < 0)
		return;
	s = ro->getprop(fdt, chosen, "linux,initrd-start", &len_s);
	e = ro->getprop(fdt, chosen, "linux,initrd-end", &len_e);
	if (!s || !e || (len_s != 4 && len_s != 8) || (len_e != 4 && len_e != 8))
		return;
	start = memhp_cells(s, len_s / 4);
	end = memhp_cells(e, len_e / 4);
	if (end > start) {
		env->protect[env->nprotect].base = start;
		env->protect[env->nprotect++].size = end - start;
	}
}

/* One boot line per window (the extension is in the standard list). */
static void memhp_print(void)
{
	unsigned int i, n = memhp_window_count();

	for (i = 0; i < n; i++) {
		const struct memhp_window *w = memhp_window_get(i);
		char node[24] = "";

		if (w->flags & MEMHP_FLAG_NUMA_NODE_VALID)
			sbi_snprintf(node, sizeof(node), ", node %lu",
				     (unsigned long)w->numa_node);
		sbi_printf("MEMHP Window %u            : 0x%lx-0x%lx, %lu x %lu MiB%s%s%s%s\n",
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

int fdt_memhp_init(void)
{
	struct sbi_scratch *scratch = sbi_scratch_thishart_ptr();
	const void *fdt = fdt_get_address();
	struct memhp_config cfg = { 0 };
	struct memhp_fdt_env env = {
		.fw_base = scratch->fw_start,
		.fw_size = scratch->fw_size,
		.card_default = CONFIG_FDT_MEMHP_CARD_SIZE,
		.card_prop = MEMHP_FDT_CARD_SIZE,
		.card_pmem_prop = MEMHP_FDT_CARD_PMEM,
		.card_block_size = MEMHP_BLOCK_SIZE_DEFAULT,
	};
	struct fdt_memhp_tree_scan scan;
	struct sbi_domain_memregion *reg;
	unsigned int i, nregs = 0;
	unsigned long eid;
	int rc;

	eid = SBI_EXT_VENDOR_START |
	      (csr_read(CSR_MVENDORID) &
	       (SBI_EXT_VENDOR_END - SBI_EXT_VENDOR_START));
	if (sbi_platform_vendor_ext_check(sbi_platform_ptr(scratch))) {
		sbi_printf("memhp: the platform provides vendor extension 0x%lx: %s\n",
			   eid, "no memory hotplug");
		return 0;
	}
	if (sbi_hart_has_extension(scratch, SBI_HART_EXT_SMEPMP)) {
		sbi_printf("memhp: Smepmp is not supported: no memory hotplug\n");
		return 0;
	}
	if (!sbi_hart_pmp_count(scratch)) {
		sbi_printf("memhp: no PMP: no memory hotplug\n");
		return 0;
	}

	sbi_domain_for_each_memregion(&root, reg) {
		nregs++;
		if (!SBI_DOMAIN_MEMREGION_M_ONLY_ACCESS(reg->flags) ||
		    reg->order >= __riscv_xlen ||
		    cfg.nreserved >= MEMHP_RESERVED_MAX)
			continue;
		cfg.reserved[cfg.nreserved].base = reg->base;
		cfg.reserved[cfg.nreserved++].size = 1UL << reg->order;
	}
	if (nregs < sbi_hart_pmp_count(scratch))
		cfg.pmp_budget = sbi_hart_pmp_count(scratch) - nregs;

	if (fdt_memhp_tree_scan(fdt, MEMHP_FDT_WINDOW_COMPAT, &scan)) {
		sbi_printf("memhp: the device tree cannot be read: %s\n",
			   "no memory hotplug");
		return 0;
	}
	memhp_read_ram(fdt, &scan, &env);
	for (i = 0; i < env.nram; i++)
		if (env.ram[i].base + env.ram[i].size > cfg.ram_end)
			cfg.ram_end = env.ram[i].base + env.ram[i].size;
	if (cfg.nreserved < MEMHP_RESERVED_MAX) {
		cfg.reserved[cfg.nreserved].base = scratch->fw_start;
		cfg.reserved[cfg.nreserved++].size = scratch->fw_size;
	}
	memhp_init(&memhp_port, &cfg);

	memhp_read_initrd(fdt, scan.chosen, &env);
	env.windows_found = true;
	env.first_window = scan.window;
	env.protect[env.nprotect].base = scratch->next_addr;
	env.protect[env.nprotect++].size = 1;
	if (cfg.pmp_budget)
		memhp_fdt_parse(&memhp_port, fdt, &env);
	for (i = 0; i < env.nram; i++)
		memhp_ram[i] = env.ram[i];
	memhp_nram = env.nram;

	if (memhp_boot_plan()) {
		sbi_printf("memhp: the windows need more than the %u PMP entries %s\n",
			   cfg.pmp_budget, "the harts leave them");
		return SBI_ENOSPC;
	}
	if (!memhp_window_count()) {
		memhp_fdt_prune(fdt_get_address_rw(), &scan);
		sbi_printf("memhp: no hotplug windows\n");
		return 0;
	}

	rc = memhp_fdt_move(&env);
	if (rc)
		return rc;

	rc = sbi_ipi_event_create(&memhp_ipi_ops);
	if (rc < 0)
		return rc;
	memhp_ipi_event = rc;

	memhp_ecall.extid_start = eid;
	memhp_ecall.extid_end = eid;
	rc = sbi_ecall_register_extension(&memhp_ecall);
	if (rc) {
		sbi_printf("memhp: extension 0x%lx not registered (error %d)\n",
			   eid, rc);
		return 0;
	}

	memhp_plan_write(memhp_current_plan());
	rc = sbi_hart_protection_register(&memhp_protection);
	if (rc)
		return rc;
	rc = fdt_register_general_fixup(&memhp_fixup);
	if (rc)
		return rc;
	memhp_fdt_prune(fdt_get_address_rw(), &scan);
	memhp_print();

	return 0;
}
