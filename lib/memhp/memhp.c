// SPDX-License-Identifier: BSD-2-Clause
/*
 * The memory-hotplug manager: windows, their block states, and the SBI
 * functions of the MEMHP extension. Every state-changing call validates
 * all its arguments and builds the new PMP plan first; only then does it
 * program the harts and commit, so it never fails half-way.
 */
#include <memhp/memhp.h>

static const struct memhp_port *port;
static struct memhp_config cfg;

static struct memhp_window windows[MEMHP_WINDOWS_MAX];
static unsigned int nwindows;
static struct memhp_plan current_plan;
static struct memhp_plan admit_plan;

static int plan_with(unsigned int win, const struct memhp_runs *override,
		     struct memhp_plan *out);

/*
 * Each window's share of the plan is kept, so a call re-plans only the
 * window it changes.
 */
struct window_group {
	unsigned int count;
	struct memhp_pmp_entry e[MEMHP_PLAN_ENTRIES_MAX];
};

static struct window_group groups[MEMHP_WINDOWS_MAX];
static bool group_valid[MEMHP_WINDOWS_MAX];
static struct window_group fresh_group;

void memhp_init(const struct memhp_port *p, const struct memhp_config *c)
{
	unsigned int i;

	port = p;
	cfg = *c;
	if (cfg.nreserved > MEMHP_RESERVED_MAX)
		cfg.nreserved = MEMHP_RESERVED_MAX;
	if (cfg.pmp_budget > MEMHP_PLAN_ENTRIES_MAX)
		cfg.pmp_budget = MEMHP_PLAN_ENTRIES_MAX;
	nwindows = 0;
	current_plan.count = 0;
	for (i = 0; i < MEMHP_WINDOWS_MAX; i++)
		group_valid[i] = false;
}

/* Copies of the used part only: these structures are mostly empty. */
static void runs_copy(struct memhp_runs *dst, const struct memhp_runs *src)
{
	unsigned int i;

	dst->n = src->n;
	for (i = 0; i < src->n; i++)
		dst->r[i] = src->r[i];
}

static void plan_copy(struct memhp_plan *dst, const struct memhp_plan *src)
{
	unsigned int i;

	dst->count = src->count;
	for (i = 0; i < src->count && i < MEMHP_PLAN_ENTRIES_MAX; i++)
		dst->e[i] = src->e[i];
}

static bool is_pow2(u64 v)
{
	return v && !(v & (v - 1));
}

static bool overlaps(u64 a, u64 as, u64 b, u64 bs)
{
	return a < b + bs && b < a + as;
}

int memhp_add_window(u64 base, u64 size, u64 block_size, unsigned long flags,
		     unsigned long numa_node, const char **why)
{
	struct memhp_window *w;
	unsigned int i;

	if (nwindows == MEMHP_WINDOWS_MAX) {
		*why = "too many windows";
		return MEMHP_ERR_FAILED;
	}
	if (!is_pow2(block_size) || block_size < MEMHP_BLOCK_SIZE_MIN) {
		*why = "block size is not a power of two >= 4 KiB";
		return MEMHP_ERR_INVALID_PARAM;
	}
	if (!size || (base | size) & (block_size - 1)) {
		*why = "base or size is not a multiple of the block size";
		return MEMHP_ERR_INVALID_PARAM;
	}
	if (base + size < base) {
		*why = "window wraps around the address space";
		return MEMHP_ERR_INVALID_PARAM;
	}
	/* pmpaddr holds address bits 55:2: PMP cannot protect more. */
	if (base + size > MEMHP_PHYS_END) {
		*why = "window lies beyond the 56-bit physical address space";
		return MEMHP_ERR_INVALID_PARAM;
	}
	for (i = 0; i < cfg.nreserved; i++) {
		if (overlaps(base, size, cfg.reserved[i].base,
			     cfg.reserved[i].size)) {
			*why = "window overlaps the firmware or M-mode-only registers";
			return MEMHP_ERR_INVALID_PARAM;
		}
	}
	for (i = 0; i < nwindows; i++) {
		if (overlaps(base, size, windows[i].base, windows[i].size)) {
			*why = "window overlaps another window";
			return MEMHP_ERR_INVALID_PARAM;
		}
	}

	if (!cfg.pmp_budget) {
		*why = "the harts have no PMP entries to enforce it";
		return MEMHP_ERR_FAILED;
	}

	w = &windows[nwindows];
	w->base = base;
	w->size = size;
	w->block_size = block_size;
	w->nblocks = size / block_size;
	w->flags = flags;
	w->numa_node = numa_node;
	w->generation = 0;
	w->plugged_blocks = 0;
	w->plugged.n = 0;
	w->unavailable.n = 0;
	w->pinned.n = 0;
	group_valid[nwindows] = false;
	nwindows++;
	/* Admitted only if the boot layout still fits with it, all unplugged. */
	if (plan_with(0, NULL, &admit_plan)) {
		group_valid[--nwindows] = false;
		*why = "too few PMP entries to enforce it with the other windows";
		return MEMHP_ERR_FAILED;
	}
	*why = NULL;
	return MEMHP_OK;
}

unsigned int memhp_window_count(void)
{
	return nwindows;
}

const struct memhp_window *memhp_window_get(unsigned int idx)
{
	return idx < nwindows ? &windows[idx] : NULL;
}

const struct memhp_plan *memhp_current_plan(void)
{
	return &current_plan;
}

/*
 * Working memory of the planning calls. Like every state below, used
 * only under the lock (or at cold boot, before another hart runs).
 */
static struct {
	struct memhp_plan_work plan;
	u64 runs[MEMHP_RUNS_MAX][2];
	struct memhp_plan group;
} scratch;

/* Plan window @i alone with plugged runs @s into @g; false if too big. */
static bool plan_group(unsigned int i, const struct memhp_runs *s,
		       struct window_group *g)
{
	struct memhp_plan_window pw;
	unsigned int j;

	for (j = 0; j < s->n; j++) {
		scratch.runs[j][0] = s->r[j].first;
		scratch.runs[j][1] = s->r[j].count;
	}
	pw.base = windows[i].base;
	pw.block_size = windows[i].block_size;
	pw.nblocks = windows[i].nblocks;
	pw.nruns = s->n;
	pw.runs = (const u64(*)[2])scratch.runs;
	if (memhp_plan_build(&scratch.plan, &pw, 1, MEMHP_PLAN_ENTRIES_MAX,
			     &scratch.group))
		return false;
	g->count = scratch.group.count;
	for (j = 0; j < g->count; j++)
		g->e[j] = scratch.group.e[j];
	return true;
}

/*
 * The windows' entries with @override replacing window @win's plugged
 * set (its group is left in fresh_group). Returns 0 or MEMHP_ERR_FAILED
 * when they do not fit the budget (@out->count then says how many the
 * plan needs, as far as it got).
 */
static int plan_with(unsigned int win, const struct memhp_runs *override,
		     struct memhp_plan *out)
{
	unsigned int i, j, n = 0;

	if (override && !plan_group(win, override, &fresh_group))
		return MEMHP_ERR_FAILED;
	for (i = 0; i < nwindows; i++) {
		const struct window_group *g = &groups[i];

		if (override && i == win) {
			g = &fresh_group;
		} else if (!group_valid[i]) {
			if (!plan_group(i, &windows[i].plugged, &groups[i]))
				return MEMHP_ERR_FAILED;
			group_valid[i] = true;
		}
		if (n + g->count > cfg.pmp_budget) {
			out->count = n + g->count;
			return MEMHP_ERR_FAILED;
		}
		for (j = 0; j < g->count; j++)
			out->e[n++] = g->e[j];
	}
	out->count = n;
	return MEMHP_OK;
}

/* After a successful call: window @win's group is the fresh one. */
static void commit_group(unsigned int win)
{
	unsigned int j;

	groups[win].count = fresh_group.count;
	for (j = 0; j < fresh_group.count; j++)
		groups[win].e[j] = fresh_group.e[j];
	group_valid[win] = true;
}

int memhp_boot_plan(void)
{
	int rc = plan_with(0, NULL, &current_plan);

	if (rc && port && port->log)
		port->log("memhp: the windows need %u PMP entries, the harts leave them %u\n",
			  current_plan.count, cfg.pmp_budget);
	return rc;
}

static u64 max_pfn(void)
{
	u64 end = cfg.ram_end;
	unsigned int i;

	for (i = 0; i < nwindows; i++)
		if (windows[i].base + windows[i].size > end)
			end = windows[i].base + windows[i].size;
	return (end + 0xfff) >> 12;
}

int memhp_get_attr(unsigned long attr, unsigned long win, unsigned long *value)
{
	const struct memhp_window *w;

	switch (attr) {
	case MEMHP_ATTR_SPEC_VERSION:
		*value = MEMHP_SPEC_VERSION;
		return MEMHP_OK;
	case MEMHP_ATTR_NUM_WINDOWS:
		*value = nwindows;
		return MEMHP_OK;
	case MEMHP_ATTR_MAX_PFN:
		*value = max_pfn();
		return MEMHP_OK;
	case MEMHP_ATTR_WINDOW_BASE ... MEMHP_ATTR_GENERATION:
		break;
	default:
		return MEMHP_ERR_NOT_SUPPORTED;
	}
	if (win >= nwindows)
		return MEMHP_ERR_INVALID_PARAM;
	w = &windows[win];
	port->lock();
	switch (attr) {
	case MEMHP_ATTR_WINDOW_BASE:
		*value = w->base;
		break;
	case MEMHP_ATTR_WINDOW_SIZE:
		*value = w->size;
		break;
	case MEMHP_ATTR_BLOCK_SIZE:
		*value = w->block_size;
		break;
	case MEMHP_ATTR_WINDOW_FLAGS:
		*value = w->flags;
		break;
	case MEMHP_ATTR_NUMA_NODE:
		*value = (w->flags & MEMHP_FLAG_NUMA_NODE_VALID) ? w->numa_node : 0;
		break;
	case MEMHP_ATTR_PLUGGED_BLOCKS:
		*value = w->plugged_blocks;
		break;
	default:
		*value = w->generation;
		break;
	}
	port->unlock();
	return MEMHP_OK;
}

/* Window index and block range checks shared by PLUG, UNPLUG, READ_STATE. */
static int check_range(unsigned long win, unsigned long first,
		       unsigned long count)
{
	if (win >= nwindows || !count)
		return MEMHP_ERR_INVALID_PARAM;
	if (first + count < first || first + count > windows[win].nblocks)
		return MEMHP_ERR_INVALID_PARAM;
	return MEMHP_OK;
}

/* A validated PLUG or UNPLUG, ready to commit (under the lock). */
static struct {
	unsigned long win, first, count;
	bool plug;
	struct memhp_runs next;
	struct memhp_plan plan;
} change;

/*
 * Validate PLUG (@plug) or UNPLUG of a range and build the run set and
 * plan it would leave in @change; nothing is changed. Under the lock.
 */
static int prepare_change(unsigned long win, unsigned long first,
			  unsigned long count, bool plug)
{
	struct memhp_window *w = &windows[win];

	if (memhp_runs_intersects(&w->unavailable, first, count) ||
	    (!plug && memhp_runs_intersects(&w->pinned, first, count)))
		return MEMHP_ERR_DENIED;
	if (plug && memhp_runs_intersects(&w->plugged, first, count))
		return MEMHP_ERR_ALREADY_AVAILABLE;
	if (!plug && !memhp_runs_covers(&w->plugged, first, count))
		return MEMHP_ERR_ALREADY_STOPPED;
	runs_copy(&change.next, &w->plugged);
	if ((plug ? memhp_runs_add(&change.next, first, count) :
		    memhp_runs_remove(&change.next, first, count)) ||
	    plan_with(win, &change.next, &change.plan))
		return MEMHP_ERR_FAILED;
	change.win = win;
	change.first = first;
	change.count = count;
	change.plug = plug;
	return MEMHP_OK;
}

/* The prepared change into the window's state (the harts aside). */
static __attribute__((noinline)) void commit_state(void)
{
	struct memhp_window *w = &windows[change.win];

	runs_copy(&w->plugged, &change.next);
	commit_group(change.win);
	w->plugged_blocks += change.plug ? change.count : -change.count;
	w->generation++;
}

/* Program the harts and commit the prepared change: nothing can fail. */
static void commit_change(void)
{
	struct memhp_window *w = &windows[change.win];

	port->apply_plan(&change.plan);
	plan_copy(&current_plan, &change.plan);
	commit_state();
	/* Unplugged blocks are closed on every hart: now scrub them. */
	if (!change.plug && (w->flags & MEMHP_FLAG_SCRUB_ON_UNPLUG))
		port->scrub(w->base + change.first * w->block_size,
			    change.count * w->block_size);
}

/* PLUG (@plug) or UNPLUG: validate everything first, then commit. */
static int change_blocks(unsigned long win, unsigned long first,
			 unsigned long count, bool plug)
{
	int rc = check_range(win, first, count);

	if (rc)
		return rc;
	port->lock();
	rc = prepare_change(win, first, count, plug);
	if (!rc)
		commit_change();
	port->unlock();
	return rc;
}

int memhp_pin(unsigned long win, unsigned long first, unsigned long count)
{
	int rc = check_range(win, first, count);

	if (rc)
		return rc;
	/* Cold boot: no hart runs S-mode yet, the boot plan programs them. */
	rc = prepare_change(win, first, count, true);
	if (rc || memhp_runs_add(&windows[win].pinned, first, count))
		return rc ? rc : MEMHP_ERR_FAILED;
	commit_state();
	return MEMHP_OK;
}

int memhp_set_unavailable(unsigned long win, unsigned long first,
			  unsigned long count)
{
	int rc = check_range(win, first, count);
	struct memhp_window *w;

	if (rc)
		return rc;
	w = &windows[win];
	if (memhp_runs_intersects(&w->plugged, first, count))
		return MEMHP_ERR_DENIED;
	/* Unplugged and unavailable blocks are both closed: no new plan. */
	if (memhp_runs_add(&w->unavailable, first, count))
		return MEMHP_ERR_FAILED;
	return MEMHP_OK;
}

int memhp_plug(unsigned long win, unsigned long first, unsigned long count)
{
	return change_blocks(win, first, count, true);
}

int memhp_unplug(unsigned long win, unsigned long first, unsigned long count)
{
	return change_blocks(win, first, count, false);
}

int memhp_check(unsigned long win, unsigned long first, unsigned long count,
		unsigned long op)
{
	int rc;

	if (op != MEMHP_CHECK_PLUG && op != MEMHP_CHECK_UNPLUG)
		return MEMHP_ERR_INVALID_PARAM;
	rc = check_range(win, first, count);
	if (rc)
		return rc;
	port->lock();
	rc = prepare_change(win, first, count, op == MEMHP_CHECK_PLUG);
	port->unlock();
	return rc;
}

static unsigned long block_state(const struct memhp_window *w, u64 block)
{
	if (memhp_runs_contains(&w->unavailable, block))
		return MEMHP_BLOCK_UNAVAILABLE;
	return memhp_runs_contains(&w->plugged, block) ? MEMHP_BLOCK_PLUGGED :
							 MEMHP_BLOCK_UNPLUGGED;
}

int memhp_block_state(unsigned long win, unsigned long block,
		      unsigned long *state)
{
	if (win >= nwindows || block >= windows[win].nblocks)
		return MEMHP_ERR_INVALID_PARAM;
	port->lock();
	*state = block_state(&windows[win], block);
	port->unlock();
	return MEMHP_OK;
}

int memhp_read_state(unsigned long win, unsigned long first,
		     unsigned long count, unsigned long lo, unsigned long hi)
{
	const struct memhp_window *w;
	u8 *out = (u8 *)(uintptr_t)lo;
	unsigned long i;
	int rc = check_range(win, first, count);

	if (rc)
		return rc;
	w = &windows[win];
	port->lock();
	/* A non-zero high word is beyond what XLEN bits can address. */
	if (hi || !port->smode_writable(lo, count)) {
		rc = MEMHP_ERR_INVALID_ADDRESS;
	} else {
		/* Walk the runs once: O(count + runs). */
		for (i = 0; i < count; i++)
			out[i] = MEMHP_BLOCK_UNPLUGGED;
		for (i = 0; i < w->plugged.n; i++) {
			u64 f = w->plugged.r[i].first;
			u64 e = f + w->plugged.r[i].count;
			u64 b;

			for (b = f < first ? first : f; b < e && b < first + count;
			     b++)
				out[b - first] = MEMHP_BLOCK_PLUGGED;
		}
		for (i = 0; i < w->unavailable.n; i++) {
			u64 f = w->unavailable.r[i].first;
			u64 e = f + w->unavailable.r[i].count;
			u64 b;

			for (b = f < first ? first : f; b < e && b < first + count;
			     b++)
				out[b - first] = MEMHP_BLOCK_UNAVAILABLE;
		}
	}
	port->unlock();
	return rc;
}

u64 memhp_plugged_end(u64 addr)
{
	unsigned int i, j;

	for (i = 0; i < nwindows; i++) {
		const struct memhp_window *w = &windows[i];
		u64 b;

		if (addr < w->base || addr - w->base >= w->size)
			continue;
		b = (addr - w->base) / w->block_size;
		for (j = 0; j < w->plugged.n; j++) {
			const struct memhp_run *r = &w->plugged.r[j];

			if (b >= r->first && b - r->first < r->count)
				return w->base + (r->first + r->count) * w->block_size;
		}
		return addr;
	}
	return addr;
}

bool memhp_range_in_windows(u64 addr, u64 size)
{
	unsigned int i;

	if (!size)
		size = 1;
	for (i = 0; i < nwindows; i++)
		if (addr < windows[i].base + windows[i].size &&
		    windows[i].base < addr + size)
			return true;
	return false;
}

bool memhp_locate(u64 addr, unsigned int *win, u64 *block,
		  unsigned long *state)
{
	unsigned int i;

	for (i = 0; i < nwindows; i++) {
		const struct memhp_window *w = &windows[i];

		if (addr >= w->base && addr - w->base < w->size) {
			*win = i;
			*block = (addr - w->base) / w->block_size;
			*state = block_state(w, *block);
			return true;
		}
	}
	return false;
}
