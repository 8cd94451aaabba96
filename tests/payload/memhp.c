/*
 * Tests of the MEMHP vendor extension (memory hotplug), written against
 * the MEMHP specification v1.0, not against HotSBI's code: GET_ATTR and
 * the device tree the firmware publishes, PLUG/UNPLUG/BLOCK_STATE/
 * READ_STATE with every error case and "nothing changes on error",
 * PMP enforcement (load, store, execute) on every hart (running, stopped,
 * suspended), scrub on unplug, DBCN from hotplugged memory. A shadow
 * model of window 0 checks GENERATION, PLUGGED_BLOCKS, READ_STATE,
 * BLOCK_STATE and real loads and stores after every call. The concurrent
 * stress is in memhp_stress.c.
 */
#include "memhp.h"

#define FW_ADDR		0x80000000UL
#define GiB		(1UL << 30)

unsigned long mh_nwin;
struct mh_window mh_win[MH_MAX_WINDOWS];

static unsigned long max_pfn;
static unsigned long fw_end;	/* end of the no-map region at FW_ADDR */

/* Shadow model of window 0's first mh_n blocks. */
static unsigned long mh_n;
static unsigned char model[MH_MAX_BLOCKS];
static unsigned long model_gen;

/* ------------------------------------------------------------ probes */

static void trap_arm(struct hart_data *hd)
{
	WRITE_ONCE(hd->trap_cause, 0);
	WRITE_ONCE(hd->trap_tval, 0);
	WRITE_ONCE(hd->trap_expected, 1);
}

static void trap_collect(struct hart_data *hd, unsigned long *cause,
			 unsigned long *tval)
{
	if (READ_ONCE(hd->trap_expected)) {
		WRITE_ONCE(hd->trap_expected, 0);
		*cause = 0;
		*tval = 0;
	} else {
		*cause = READ_ONCE(hd->trap_cause);
		*tval = READ_ONCE(hd->trap_tval);
	}
}

/*
 * Load, store val, load it back, store the old value back: the block's
 * contents survive, so scrub checks are not disturbed by touches.
 */
void mh_touch(unsigned long addr, unsigned long val, struct mh_touch *t)
{
	struct hart_data *hd = &harts[current_hartid()];
	unsigned long old = 0, v = ~val, cause, tval;

	trap_arm(hd);
	asm volatile(".option push\n.option norvc\n"
		     "ld %0, 0(%1)\n"
		     ".option pop"
		     : "+r"(old) : "r"(addr) : "memory");
	trap_collect(hd, &t->ld_cause, &t->ld_tval);
	trap_arm(hd);
	asm volatile(".option push\n.option norvc\n"
		     "sd %1, 0(%0)\n"
		     ".option pop"
		     : : "r"(addr), "r"(val) : "memory");
	trap_collect(hd, &t->st_cause, &t->st_tval);
	trap_arm(hd);
	asm volatile(".option push\n.option norvc\n"
		     "ld %0, 0(%1)\n"
		     ".option pop"
		     : "+r"(v) : "r"(addr) : "memory");
	trap_collect(hd, &cause, &tval);
	t->val = v;
	/* the second load must agree with the first */
	if (cause != t->ld_cause || tval != t->ld_tval) {
		t->ld_cause = cause ? cause : t->ld_cause;
		t->ld_tval = ~0UL;
	}
	/*
	 * The old value back. Another hart may unplug a contested block
	 * between the accesses above and this store (the stress tests): the
	 * store may then fault, and the block's contents are scrubbed anyway.
	 */
	if (!t->ld_cause && !t->st_cause) {
		trap_arm(hd);
		asm volatile(".option push\n.option norvc\n"
			     "sd %1, 0(%0)\n"
			     ".option pop"
			     : : "r"(addr), "r"(old) : "memory");
		trap_collect(hd, &cause, &tval);
	}
}

int mh_touch_class(unsigned long addr, unsigned long val, struct mh_touch *t)
{
	mh_touch(addr, val, t);
	if (!t->st_cause && !t->ld_cause && t->val == val)
		return TOUCH_OK;
	if (t->st_cause == CAUSE_STORE_ACCESS_FAULT && t->st_tval == addr &&
	    t->ld_cause == CAUSE_LOAD_ACCESS_FAULT && t->ld_tval == addr)
		return TOUCH_FAULT;
	return TOUCH_BAD;
}

unsigned long mh_pattern(unsigned long hartid, unsigned long addr)
{
	return 0x6d656d6870000000UL ^ (hartid << 52) ^ addr;
}

/* A load; returns scause if it trapped, else 0. */
static unsigned long load_fault(unsigned long addr, unsigned long *val)
{
	struct hart_data *hd = &harts[current_hartid()];
	unsigned long v = 0, cause, tval;

	trap_arm(hd);
	asm volatile(".option push\n.option norvc\n"
		     "ld %0, 0(%1)\n"
		     ".option pop"
		     : "+r"(v) : "r"(addr) : "memory");
	trap_collect(hd, &cause, &tval);
	if (val)
		*val = v;
	return cause;
}

/* A store; returns scause if it trapped, else 0. */
static unsigned long store_fault(unsigned long addr, unsigned long val)
{
	struct hart_data *hd = &harts[current_hartid()];
	unsigned long cause, tval;

	trap_arm(hd);
	asm volatile(".option push\n.option norvc\n"
		     "sd %1, 0(%0)\n"
		     ".option pop"
		     : : "r"(addr), "r"(val) : "memory");
	trap_collect(hd, &cause, &tval);
	return cause;
}

/* ------------------------------------------------ touches on any hart */

#define MH_TOUCH_MAX	32

struct mh_touch_req {
	unsigned long n;
	unsigned long addr[MH_TOUCH_MAX];
	unsigned char want[MH_TOUCH_MAX];	/* TOUCH_OK or TOUCH_FAULT */
};

static struct mh_touch_req touch_req;

/*
 * Runs a touch list on this hart. result[0] = addresses that behaved as
 * wanted, [1] = those that did not; for the first of these: [2] address,
 * [3] class, [4] store cause, [5] load cause, [6] store tval, [7] load tval.
 */
static void touch_run(const struct mh_touch_req *req, long *result)
{
	unsigned long i, hartid = current_hartid();
	struct mh_touch t;

	result[0] = result[1] = 0;
	for (i = 0; i < req->n && i < MH_TOUCH_MAX; i++) {
		unsigned long a = req->addr[i];
		int c = mh_touch_class(a, mh_pattern(hartid, a), &t);

		if (c == req->want[i]) {
			result[0]++;
			continue;
		}
		if (!result[1]++) {
			result[2] = a;
			result[3] = c;
			result[4] = t.st_cause;
			result[5] = t.ld_cause;
			result[6] = t.st_tval;
			result[7] = t.ld_tval;
		}
	}
}

void memhp_touch_cmd(struct hart_data *hd, unsigned long arg)
{
	touch_run((const struct mh_touch_req *)arg, hd->result);
}

/*
 * A watcher touches addr, says it is ready, spins on a flag (no trap, no
 * ecall: nothing brings it into M-mode on its own) and touches again:
 * result[0] and [1] are the two touch classes, -1 for a timeout.
 */
static struct {
	unsigned long addr;
	unsigned long ready;
	unsigned long go;
} watch;

static const char *touch_name(long c)
{
	return c == TOUCH_OK ? "ok" : c == TOUCH_FAULT ? "fault" :
	       c == TOUCH_BAD ? "bad" : "timeout";
}

void memhp_watch_cmd(struct hart_data *hd)
{
	/* a spot of its own: the watchers touch at the same time */
	unsigned long h = current_hartid(), a = watch.addr + 64 * h;
	struct mh_touch t;

	hd->result[0] = mh_touch_class(a, mh_pattern(h, a), &t);
	atomic_add(&watch.ready, 1);
	hd->result[1] = -1;
	if (WAIT_UNTIL(atomic_load(&watch.go), 5000000))
		hd->result[1] = mh_touch_class(a, mh_pattern(h, a), &t);
}

/* Touch list: the first and last 8 bytes of window 0's blocks, per model. */
static void touch_req_model(struct mh_touch_req *req)
{
	unsigned long b, nb = mh_n < MH_TOUCH_MAX / 2 ? mh_n : MH_TOUCH_MAX / 2;

	req->n = 0;
	for (b = 0; b < nb; b++) {
		unsigned long a = mh_block_addr(0, b);
		unsigned char want = model[b] == MEMHP_PLUGGED ? TOUCH_OK :
								 TOUCH_FAULT;

		req->addr[req->n] = a;
		req->want[req->n++] = want;
		req->addr[req->n] = a + mh_win[0].bsize - 8;
		req->want[req->n++] = want;
	}
}

static unsigned long model_count(unsigned char state)
{
	unsigned long b, n = 0;

	for (b = 0; b < mh_n; b++)
		n += model[b] == state;
	return n;
}

/*
 * CMD_MEMHP_TOUCH or CMD_MEMHP_EXEC with @arg on hart @h, the boot hart
 * included; its results land in harts[h].result. False when a started
 * hart did not run it; @h not started: false, nothing run.
 */
static bool mh_run_on(unsigned long h, unsigned long cmd, unsigned long arg)
{
	struct hart_data *hd = &harts[h];

	if (h >= MAX_HARTS || (h != boot_hartid && !hd->alive))
		return false;
	if (h != boot_hartid)
		return post_cmd(h, cmd, arg) && wait_cmd(h, 3000000);
	if (cmd == CMD_MEMHP_TOUCH)
		memhp_touch_cmd(hd, arg);
	else
		memhp_exec_cmd(hd, arg);
	return true;
}

/* Whether hart @h runs commands (the boot hart, or a started one). */
static bool mh_started(unsigned long h)
{
	return h < MAX_HARTS && (h == boot_hartid || harts[h].alive);
}

/* Runs the model's touch list on hart h (any hart, boot hart included). */
static void touch_check_hart(unsigned long h, const char *when)
{
	long res[8] = { 0 };
	bool ok = true;

	touch_req_model(&touch_req);
	if (h == boot_hartid) {
		touch_run(&touch_req, res);
	} else {
		ok = post_cmd(h, CMD_MEMHP_TOUCH, (unsigned long)&touch_req) &&
		     wait_cmd(h, 3000000);
		memcpy(res, (void *)harts[h].result, sizeof(res));
	}
	if (ok && res[1])
		printk("# hart %lu: %#lx class %ld (store cause %ld tval %#lx, load cause %ld tval %#lx)\n",
		       h, res[2], res[3], res[4], res[6], res[5], res[7]);
	check_true(ok && !res[1] && res[0] == (long)touch_req.n,
		   "MEMHP %s: hart %lu reads/writes the %lu plugged blocks, faults (load 5, store 7, stval) on the %lu unplugged",
		   when, h, model_count(MEMHP_PLUGGED),
		   model_count(MEMHP_UNPLUGGED));
}

/* Every started hart. */
static void touch_check_all(const char *when)
{
	unsigned long i;

	for (i = 0; i < fdt.nharts; i++) {
		unsigned long h = fdt.hartids[i];

		if (mh_started(h))
			touch_check_hart(h, when);
	}
}

/* ------------------------------------------------------ device tree */

struct fdt_win {
	char name[40];
	bool compat, has_reg, has_id, emulated, scrub, has_numa;
	unsigned long base, size, id, bsize, bsize_len, numa;
};

static struct {
	bool walked;
	unsigned long nmem;
	struct fdt_region mem[16];
	unsigned long nresv;
	struct {
		unsigned long base, size;
		bool nomap;
	} resv[16];
	/* /hotplug-memory */
	bool hp, hp_compat;
	unsigned long hp_acells, hp_scells;
	long hp_eid_len, hp_pfn_len;
	unsigned long hp_eid, hp_pfn;
	unsigned long nwin, nwin_seen;
	struct fdt_win win[MH_MAX_WINDOWS];
	/* pmem-region nodes under the root: the card's device memory */
	unsigned long npmem;
	struct {
		unsigned long base, size;
		bool vol;
	} pmem[4];
	/* the node being walked */
	bool cur_is_mem, cur_nomap, cur_pmem, cur_vol;
	unsigned long cur_nreg;
	struct fdt_region cur_reg[8];
} hp_fdt;

static bool node_is(const char *name, const char *want)
{
	unsigned long n = strlen(want);

	return !strncmp(name, want, n) && (name[n] == '\0' || name[n] == '@');
}

static bool str_is(const struct fdt_event *ev, const char *s)
{
	return ev->len == strlen(s) + 1 && !strcmp((const char *)ev->val, s);
}

static void collect_reg(const struct fdt_event *ev)
{
	unsigned long cells = ev->acells + ev->scells, i;

	if (!cells || ev->acells > 2 || ev->scells > 2)
		return;
	for (i = 0; i + cells * 4 <= ev->len &&
		    hp_fdt.cur_nreg < ARRAY_SIZE(hp_fdt.cur_reg);
	     i += cells * 4) {
		struct fdt_region *r = &hp_fdt.cur_reg[hp_fdt.cur_nreg++];

		r->base = fdt_read_cells(ev->val + i, ev->acells);
		r->size = fdt_read_cells(ev->val + i + ev->acells * 4,
					 ev->scells);
	}
}

static void fdt_window_prop(const struct fdt_event *ev, struct fdt_win *w)
{
	if (!strcmp(ev->prop, "compatible")) {
		w->compat = str_is(ev, "hotsbi,memory-hotplug-window");
	} else if (!strcmp(ev->prop, "reg") &&
		   ev->len == (ev->acells + ev->scells) * 4 &&
		   ev->acells <= 2 && ev->scells <= 2) {
		w->has_reg = true;
		w->base = fdt_read_cells(ev->val, ev->acells);
		w->size = fdt_read_cells(ev->val + ev->acells * 4, ev->scells);
	} else if (!strcmp(ev->prop, "hotsbi,window-id") && ev->len == 4) {
		w->has_id = true;
		w->id = fdt_be32(ev->val);
	} else if (!strcmp(ev->prop, "hotsbi,block-size")) {
		w->bsize_len = ev->len;
		w->bsize = ev->len == 8 ? fdt_read_cells(ev->val, 2) : 0;
	} else if (!strcmp(ev->prop, "hotsbi,emulated")) {
		w->emulated = true;
	} else if (!strcmp(ev->prop, "hotsbi,scrub-on-unplug")) {
		w->scrub = true;
	} else if (!strcmp(ev->prop, "numa-node-id") && ev->len == 4) {
		w->has_numa = true;
		w->numa = fdt_be32(ev->val);
	}
}

/* The /reserved-memory child just walked. */
static void commit_resv(void)
{
	unsigned long i;

	for (i = 0; i < hp_fdt.cur_nreg; i++) {
		if (hp_fdt.nresv == ARRAY_SIZE(hp_fdt.resv))
			return;
		hp_fdt.resv[hp_fdt.nresv].base = hp_fdt.cur_reg[i].base;
		hp_fdt.resv[hp_fdt.nresv].size = hp_fdt.cur_reg[i].size;
		hp_fdt.resv[hp_fdt.nresv++].nomap = hp_fdt.cur_nomap;
	}
}

static void fdt_collect(const struct fdt_event *ev, void *ctx __always_unused)
{
	const char *n1 = ev->depth >= 1 ? ev->path[1] : "";
	unsigned long i;

	if (ev->type == FDT_EV_BEGIN) {
		hp_fdt.cur_nreg = 0;
		hp_fdt.cur_is_mem = false;
		hp_fdt.cur_nomap = false;
		hp_fdt.cur_pmem = hp_fdt.cur_vol = false;
		if (ev->depth == 1 && node_is(n1, "hotplug-memory")) {
			hp_fdt.hp = true;
			hp_fdt.hp_acells = hp_fdt.hp_scells = 0;
		}
		if (ev->depth == 2 && node_is(n1, "hotplug-memory")) {
			struct fdt_win *w;

			hp_fdt.nwin_seen++;
			if (hp_fdt.nwin >= MH_MAX_WINDOWS)
				return;
			w = &hp_fdt.win[hp_fdt.nwin++];
			memset(w, 0, sizeof(*w));
			snprintf(w->name, sizeof(w->name), "%s", ev->path[2]);
		}
		return;
	}
	if (ev->type == FDT_EV_END) {
		if (ev->depth == 1 && hp_fdt.cur_is_mem)
			for (i = 0; i < hp_fdt.cur_nreg &&
				    hp_fdt.nmem < ARRAY_SIZE(hp_fdt.mem); i++)
				hp_fdt.mem[hp_fdt.nmem++] = hp_fdt.cur_reg[i];
		if (ev->depth == 2 && node_is(n1, "reserved-memory"))
			commit_resv();
		if (ev->depth == 1 && hp_fdt.cur_pmem && hp_fdt.cur_nreg &&
		    hp_fdt.npmem < ARRAY_SIZE(hp_fdt.pmem)) {
			hp_fdt.pmem[hp_fdt.npmem].base = hp_fdt.cur_reg[0].base;
			hp_fdt.pmem[hp_fdt.npmem].size = hp_fdt.cur_reg[0].size;
			hp_fdt.pmem[hp_fdt.npmem++].vol = hp_fdt.cur_vol;
		}
		/* the parent's per-node state does not survive its children */
		hp_fdt.cur_nreg = 0;
		hp_fdt.cur_is_mem = false;
		return;
	}

	if (ev->depth == 1 && !strcmp(ev->prop, "device_type") &&
	    str_is(ev, "memory"))
		hp_fdt.cur_is_mem = true;
	if (ev->depth == 1 && !strcmp(ev->prop, "compatible") &&
	    str_is(ev, "pmem-region"))
		hp_fdt.cur_pmem = true;
	if (ev->depth == 1 && !strcmp(ev->prop, "volatile"))
		hp_fdt.cur_vol = true;
	if ((ev->depth == 1 || (ev->depth == 2 &&
				node_is(n1, "reserved-memory"))) &&
	    !strcmp(ev->prop, "reg"))
		collect_reg(ev);
	if (ev->depth == 2 && node_is(n1, "reserved-memory") &&
	    !strcmp(ev->prop, "no-map"))
		hp_fdt.cur_nomap = true;

	if (ev->depth == 1 && node_is(n1, "hotplug-memory")) {
		if (!strcmp(ev->prop, "compatible"))
			hp_fdt.hp_compat = str_is(ev, "hotsbi,memory-hotplug");
		else if (!strcmp(ev->prop, "#address-cells") && ev->len == 4)
			hp_fdt.hp_acells = fdt_be32(ev->val);
		else if (!strcmp(ev->prop, "#size-cells") && ev->len == 4)
			hp_fdt.hp_scells = fdt_be32(ev->val);
		else if (!strcmp(ev->prop, "hotsbi,sbi-extension-id")) {
			hp_fdt.hp_eid_len = ev->len;
			hp_fdt.hp_eid = ev->len == 4 ? fdt_be32(ev->val) : 0;
		} else if (!strcmp(ev->prop, "hotsbi,max-possible-pfn")) {
			hp_fdt.hp_pfn_len = ev->len;
			hp_fdt.hp_pfn = ev->len == 8 ?
					fdt_read_cells(ev->val, 2) : 0;
		}
	}
	if (ev->depth == 2 && node_is(n1, "hotplug-memory") && hp_fdt.nwin &&
	    hp_fdt.nwin_seen <= MH_MAX_WINDOWS)
		fdt_window_prop(ev, &hp_fdt.win[hp_fdt.nwin - 1]);
}

static bool overlap(unsigned long a, unsigned long as, unsigned long b,
		    unsigned long bs)
{
	return a < b + bs && b < a + as;
}

/* The no-map reserved region holding addr, or -1. */
static long resv_nomap_at(unsigned long addr)
{
	unsigned long i;

	for (i = 0; i < hp_fdt.nresv; i++)
		if (hp_fdt.resv[i].nomap && addr >= hp_fdt.resv[i].base &&
		    addr - hp_fdt.resv[i].base < hp_fdt.resv[i].size)
			return i;
	return -1;
}

static void mh_check_fdt(void)
{
	unsigned long i, j, end = 0, low = ~0UL, a, uncovered = 0;
	long k;

	memset(&hp_fdt, 0, sizeof(hp_fdt));
	hp_fdt.hp_eid_len = hp_fdt.hp_pfn_len = -1;
	hp_fdt.walked = fdt_walk(fdt.addr, fdt_collect, NULL);
	check_true(hp_fdt.walked, "MEMHP: the FDT in a1 walks cleanly");

	check_true(hp_fdt.hp, "FDT has a /hotplug-memory node");
	check_true(hp_fdt.hp_compat,
		   "FDT /hotplug-memory compatible = \"hotsbi,memory-hotplug\"");
	check_true(hp_fdt.hp_acells == 2 && hp_fdt.hp_scells == 2,
		   "FDT /hotplug-memory #address-cells = #size-cells = 2 (got %lu, %lu)",
		   hp_fdt.hp_acells, hp_fdt.hp_scells);
	check_true(hp_fdt.hp_eid_len == 4 && hp_fdt.hp_eid == mh_eid,
		   "FDT /hotplug-memory hotsbi,sbi-extension-id = %#lx (got len %ld, %#lx)",
		   mh_eid, hp_fdt.hp_eid_len, hp_fdt.hp_eid);
	check_true(hp_fdt.hp_pfn_len == 8 && hp_fdt.hp_pfn == max_pfn,
		   "FDT /hotplug-memory hotsbi,max-possible-pfn (u64) = MAX_PFN %#lx (got len %ld, %#lx)",
		   max_pfn, hp_fdt.hp_pfn_len, hp_fdt.hp_pfn);
	check_eq(hp_fdt.nwin_seen, mh_nwin,
		 "FDT /hotplug-memory has NUM_WINDOWS window nodes");

	for (i = 0; i < mh_nwin; i++) {
		struct mh_window *mw = &mh_win[i];
		struct fdt_win *w = NULL;
		unsigned long n = 0;
		char name[40];

		for (j = 0; j < hp_fdt.nwin; j++) {
			if (hp_fdt.win[j].has_id && hp_fdt.win[j].id == i) {
				w = &hp_fdt.win[j];
				n++;
			}
		}
		check_eq(n, 1, "FDT: one window node with hotsbi,window-id = %lu", i);
		if (!w)
			continue;
		check_true(w->compat,
			   "FDT window %lu compatible = \"hotsbi,memory-hotplug-window\"", i);
		check_true(w->has_reg && w->base == mw->base &&
			   w->size == mw->size,
			   "FDT window %lu reg = WINDOW_BASE %#lx, WINDOW_SIZE %#lx (got %#lx+%#lx)",
			   i, mw->base, mw->size, w->base, w->size);
		snprintf(name, sizeof(name), "window@%lx", mw->base);
		check_true(!strcmp(w->name, name),
			   "FDT window %lu node name is %s (got %s)", i, name, w->name);
		check_true(w->bsize_len == 8 && w->bsize == mw->bsize,
			   "FDT window %lu hotsbi,block-size (u64) = BLOCK_SIZE %#lx (got len %lu, %#lx)",
			   i, mw->bsize, w->bsize_len, w->bsize);
		check_eq(w->emulated, !!(mw->flags & MEMHP_FLAG_EMULATED),
			 "FDT window %lu hotsbi,emulated present iff WINDOW_FLAGS.EMULATED", i);
		check_eq(w->scrub, !!(mw->flags & MEMHP_FLAG_SCRUB_ON_UNPLUG),
			 "FDT window %lu hotsbi,scrub-on-unplug present iff WINDOW_FLAGS.SCRUB_ON_UNPLUG", i);
		check_eq(w->has_numa,
			 !!(mw->flags & MEMHP_FLAG_NUMA_NODE_VALID),
			 "FDT window %lu numa-node-id present iff WINDOW_FLAGS.NUMA_NODE_VALID", i);
		if (w->has_numa)
			check_eq(w->numa, mw->numa,
				 "FDT window %lu numa-node-id = NUMA_NODE", i);
	}

	/* /memory no longer covers any window; windows sit above boot DRAM */
	check_true(hp_fdt.nmem >= 1, "FDT has /memory regions (%lu)", hp_fdt.nmem);
	for (j = 0; j < hp_fdt.nmem; j++) {
		printk("# memory %#lx+%#lx\n", hp_fdt.mem[j].base,
		       hp_fdt.mem[j].size);
		if (hp_fdt.mem[j].base + hp_fdt.mem[j].size > end)
			end = hp_fdt.mem[j].base + hp_fdt.mem[j].size;
		if (hp_fdt.mem[j].base < low)
			low = hp_fdt.mem[j].base;
	}
	for (i = 0; i < mh_nwin; i++) {
		struct mh_window *mw = &mh_win[i];
		bool ok = true;

		for (j = 0; j < hp_fdt.nmem; j++)
			ok &= !overlap(mw->base, mw->size, hp_fdt.mem[j].base,
				       hp_fdt.mem[j].size);
		check_true(ok, "FDT /memory does not cover window %lu (%#lx+%#lx)",
			   i, mw->base, mw->size);
		ok = true;
		for (j = 0; j < hp_fdt.nmem; j++)
			ok &= mw->base >=
			      hp_fdt.mem[j].base + hp_fdt.mem[j].size;
		check_true(ok, "window %lu lies above boot DRAM", i);
		check_true(low != ~0UL &&
			   mw->base + mw->size <= low + 128 * GiB,
			   "window %lu ends below the start of DRAM + 128 GiB", i);
		for (j = 0; j < i; j++)
			check_true(!overlap(mw->base, mw->size, mh_win[j].base,
					    mh_win[j].size),
				   "windows %lu and %lu do not overlap", j, i);
		check_true(!overlap(mw->base, mw->size, FW_ADDR,
				    fw_end - FW_ADDR),
			   "window %lu does not overlap the firmware", i);
		if (mw->base + mw->size > end)
			end = mw->base + mw->size;
	}
	check_eq(max_pfn, (end + 0xfff) >> 12,
		 "MAX_PFN is one past the last page of boot DRAM and the windows");

	/* /reserved-memory: no-map covers the firmware, every denied page */
	for (j = 0; j < hp_fdt.nresv; j++)
		printk("# reserved-memory %#lx+%#lx%s\n", hp_fdt.resv[j].base,
		       hp_fdt.resv[j].size, hp_fdt.resv[j].nomap ? " no-map" : "");
	k = resv_nomap_at(FW_ADDR);
	check_true(k >= 0, "FDT /reserved-memory has a no-map child covering the firmware at %#lx",
		   FW_ADDR);
	for (a = FW_ADDR; a < (unsigned long)_image_start; a += 0x1000)
		if (load_fault(a, NULL) && resv_nomap_at(a) < 0) {
			if (!uncovered++)
				printk("# S-mode cannot read %#lx, not in /reserved-memory no-map\n", a);
		}
	check_eq(uncovered, 0,
		 "every page below the payload that S-mode cannot read is reserved no-map");
}

/* --------------------------------------------------------- GET_ATTR */

/* Blocks of @mw that a pmem-region node of the tree covers. */
static unsigned long pmem_blocks(const struct mh_window *mw)
{
	unsigned long i, n = 0, b, e;

	for (i = 0; mw->bsize && i < hp_fdt.npmem; i++) {
		b = hp_fdt.pmem[i].base;
		e = b + hp_fdt.pmem[i].size;
		if (b < mw->base)
			b = mw->base;
		if (e > mw->base + mw->size)
			e = mw->base + mw->size;
		if (b < e)
			n += (e - b) / mw->bsize;
	}
	return n;
}

static void mh_check_attrs(void)
{
	static const unsigned long ignored[] = { 1, 7, 0x100000000UL, ~0UL };
	static const unsigned long bad_attr[] = {
		MEMHP_NUM_ATTRS, 11, 0x100, 0x80000000UL, 0x100000000UL, ~0UL,
	};
	unsigned long i, w, a, bad_win[4];
	struct sbiret r;

	r = mh_attr(MEMHP_ATTR_SPEC_VERSION, 0);
	check_eq(r.error, 0, "MEMHP GET_ATTR(SPEC_VERSION) succeeds");
	check_eq(r.value, MEMHP_SPEC_VERSION_1_1,
		 "MEMHP GET_ATTR(SPEC_VERSION) = 0x01010000 (1.1)");
	r = mh_attr(MEMHP_ATTR_NUM_WINDOWS, 0);
	check_eq(r.error, 0, "MEMHP GET_ATTR(NUM_WINDOWS) succeeds");
	mh_nwin = r.error ? 0 : r.value;
	if (fdt.no_pmp)
		check_eq(mh_nwin, 0,
			 "no PMP: MEMHP NUM_WINDOWS = 0 (no window can be enforced)");
	else
		check_true(mh_nwin >= 1,
			   "MEMHP NUM_WINDOWS >= 1: the emulated card of a 1 GiB+ QEMU (got %lu)",
			   mh_nwin);
	r = mh_attr(MEMHP_ATTR_MAX_PFN, 0);
	check_eq(r.error, 0, "MEMHP GET_ATTR(MAX_PFN) succeeds");
	max_pfn = r.value;
	printk("# memhp: spec %#lx, %lu window(s), MAX_PFN %#lx\n",
	       mh_get(MEMHP_ATTR_SPEC_VERSION, 0), mh_nwin, max_pfn);

	/* SPEC_VERSION, NUM_WINDOWS and MAX_PFN ignore the window */
	for (i = 0; i < ARRAY_SIZE(ignored) + 1; i++) {
		w = i < ARRAY_SIZE(ignored) ? ignored[i] : mh_nwin;
		r = mh_attr(MEMHP_ATTR_SPEC_VERSION, w);
		check_true(!r.error && r.value == (long)MEMHP_SPEC_VERSION_1_1,
			   "MEMHP GET_ATTR(SPEC_VERSION, window %#lx) ignores the window (got %ld, %#lx)",
			   w, r.error, r.value);
		r = mh_attr(MEMHP_ATTR_NUM_WINDOWS, w);
		check_true(!r.error && r.value == (long)mh_nwin,
			   "MEMHP GET_ATTR(NUM_WINDOWS, window %#lx) ignores the window (got %ld, %ld)",
			   w, r.error, r.value);
		r = mh_attr(MEMHP_ATTR_MAX_PFN, w);
		check_true(!r.error && r.value == (long)max_pfn,
			   "MEMHP GET_ATTR(MAX_PFN, window %#lx) ignores the window (got %ld, %#lx)",
			   w, r.error, r.value);
	}

	if (mh_nwin > MH_MAX_WINDOWS) {
		printk("# memhp: only the first %u windows are followed\n",
		       MH_MAX_WINDOWS);
		mh_nwin = MH_MAX_WINDOWS;
	}
	for (w = 0; w < mh_nwin; w++) {
		struct mh_window *mw = &mh_win[w];
		unsigned long v[MEMHP_NUM_ATTRS] = { 0 };
		bool ok = true;

		for (a = MEMHP_ATTR_WINDOW_BASE; a < MEMHP_NUM_ATTRS; a++) {
			r = mh_attr(a, w);
			ok &= r.error == 0;
			v[a] = r.value;
		}
		check_true(ok, "MEMHP GET_ATTR(3..9, window %lu) all succeed", w);
		mw->base = v[MEMHP_ATTR_WINDOW_BASE];
		mw->size = v[MEMHP_ATTR_WINDOW_SIZE];
		mw->bsize = v[MEMHP_ATTR_BLOCK_SIZE];
		mw->flags = v[MEMHP_ATTR_WINDOW_FLAGS];
		mw->numa = v[MEMHP_ATTR_NUMA_NODE];
		mw->nblocks = mw->bsize ? mw->size / mw->bsize : 0;
		printk("# memhp: window %lu: %#lx+%#lx, block size %#lx (%lu blocks), flags %#lx, numa %lu, plugged %lu, generation %lu\n",
		       w, mw->base, mw->size, mw->bsize, mw->nblocks, mw->flags,
		       mw->numa, v[MEMHP_ATTR_PLUGGED_BLOCKS],
		       v[MEMHP_ATTR_GENERATION]);
		check_true(mw->bsize >= 4096 && !(mw->bsize & (mw->bsize - 1)),
			   "MEMHP window %lu BLOCK_SIZE %#lx is a power of two >= 4 KiB",
			   w, mw->bsize);
		check_true(mw->size && mw->bsize && !(mw->base % mw->bsize) &&
			   !(mw->size % mw->bsize) && mw->base + mw->size > mw->base,
			   "MEMHP window %lu base and size are whole blocks", w);
		check_eq(mw->flags & ~7UL, 0,
			 "MEMHP window %lu WINDOW_FLAGS has only bits 0-2", w);
		check_eq(v[MEMHP_ATTR_PLUGGED_BLOCKS], pmem_blocks(mw),
			 "MEMHP window %lu: every block unplugged at boot but the device memory (PLUGGED_BLOCKS)", w);
		check_true(max_pfn >= (mw->base + mw->size + 0xfff) >> 12,
			   "MEMHP MAX_PFN covers window %lu", w);
		if (!mw->bsize || !mw->nblocks)
			mh_nwin = w;	/* unusable: stop here */
	}

	bad_win[0] = mh_nwin;
	bad_win[1] = mh_nwin + 1;
	bad_win[2] = ~0UL;
	bad_win[3] = 0x100000000UL;
	for (a = MEMHP_ATTR_WINDOW_BASE; a < MEMHP_NUM_ATTRS; a++)
		for (i = 0; i < ARRAY_SIZE(bad_win); i++) {
			r = mh_attr(a, bad_win[i]);
			check_eq(r.error, SBI_ERR_INVALID_PARAM,
				 "MEMHP GET_ATTR(%lu, window %#lx) (no such window) returns -3",
				 a, bad_win[i]);
		}
	for (i = 0; i < ARRAY_SIZE(bad_attr); i++) {
		r = mh_attr(bad_attr[i], 0);
		check_eq(r.error, SBI_ERR_NOT_SUPPORTED,
			 "MEMHP GET_ATTR(%#lx) (unknown attribute) returns -2",
			 bad_attr[i]);
	}
}

/* ------------------------------------------------------------ model */

static unsigned char rs_buf[4096 + 64] __aligned(64);

static bool read_state_into(unsigned long w, unsigned long first,
			    unsigned long count, unsigned char *out)
{
	struct sbiret r = mh_read_state(w, first, count, (unsigned long)out, 0);

	return !r.error && r.value == (long)count;
}

/* Checks window 0 against the model: state, counters and real accesses. */
static void model_verify(const char *after)
{
	unsigned long b, nb = mh_win[0].nblocks;
	bool ok;

	check_eq(mh_get(MEMHP_ATTR_GENERATION, 0), model_gen,
		 "MEMHP after %s: GENERATION", after);
	check_eq(mh_get(MEMHP_ATTR_PLUGGED_BLOCKS, 0),
		 model_count(MEMHP_PLUGGED),
		 "MEMHP after %s: PLUGGED_BLOCKS", after);
	memset(rs_buf, 0xee, sizeof(rs_buf));
	ok = nb <= 4096 && read_state_into(0, 0, nb, rs_buf) &&
	     !memcmp(rs_buf, model, mh_n) && rs_buf[nb] == 0xee;
	for (b = mh_n; ok && b < nb; b++)
		ok = rs_buf[b] == MEMHP_UNPLUGGED;
	check_true(ok, "MEMHP after %s: READ_STATE of the window matches", after);
	ok = true;
	for (b = 0; b < mh_n; b++) {
		struct sbiret r = mh_block_state(0, b);

		ok &= !r.error && r.value == model[b];
	}
	check_true(ok, "MEMHP after %s: BLOCK_STATE of every block matches", after);
	touch_check_hart(boot_hartid, after);
}

/* PLUG or UNPLUG on window 0 (or an invalid window), checked against want. */
static void model_op(unsigned long fid, unsigned long w, unsigned long first,
		     unsigned long count, long want, const char *why)
{
	const char *name = fid == MEMHP_PLUG ? "PLUG" : "UNPLUG";
	char desc[96];
	struct sbiret r;
	unsigned long b;

	snprintf(desc, sizeof(desc), "%s(%#lx, %#lx, %#lx)", name, w, first,
		 count);
	/* CHECK first: the same answer, and nothing changes. */
	r = mh_check(fid, w, first, count);
	check_eq(r.error, want, "MEMHP CHECK of %s (%s) returns %ld", desc,
		 why, want);
	model_verify("CHECK");
	r = mh_op(fid, w, first, count);
	check_eq(r.error, want, "MEMHP %s (%s) returns %ld", desc, why, want);
	if (!r.error) {
		check_eq(r.value, 0, "MEMHP %s returns value 0", desc);
		if (w == 0 && first < mh_n && count <= mh_n - first) {
			for (b = first; b < first + count; b++)
				model[b] = fid == MEMHP_PLUG ? MEMHP_PLUGGED :
							       MEMHP_UNPLUGGED;
			model_gen++;
		} else {
			fail_and_finish("MEMHP call outside the model succeeded");
		}
	}
	model_verify(desc);
}

static void model_set_all(unsigned char state)
{
	unsigned long b = 0, e;
	unsigned long fid = state == MEMHP_PLUGGED ? MEMHP_PLUG : MEMHP_UNPLUG;

	/* one call per run of blocks in the other state */
	while (b < mh_n) {
		if (model[b] == state) {
			b++;
			continue;
		}
		for (e = b; e < mh_n && model[e] != state; e++)
			;
		model_op(fid, 0, b, e - b, 0, "set all");
		b = e;
	}
}

static void mh_check_ops(void)
{
	static const unsigned long bad_fid[] = { 6, 7, 0xff, 0x7fffffff, ~0UL };
	static const unsigned long bad_op[] = { 2, 3, 0xff, ~0UL };
	unsigned long n = mh_n, wrap = 0, i, b;
	struct sbiret r;

	if (mh_win[0].bsize)
		wrap = (0UL - mh_win[0].bsize) / mh_win[0].bsize + 1;
	model_gen = mh_get(MEMHP_ATTR_GENERATION, 0);
	model_verify("boot");

	/* success, -6/-8, all-or-nothing, GENERATION exactly +1 */
	model_op(MEMHP_PLUG, 0, 0, 1, 0, "first block");
	model_op(MEMHP_PLUG, 0, 0, 1, SBI_ERR_ALREADY_AVAILABLE, "already plugged");
	model_op(MEMHP_PLUG, 0, 0, n, SBI_ERR_ALREADY_AVAILABLE,
		 "range holds a plugged block");
	if (n >= 2) {
		model_op(MEMHP_PLUG, 0, 1, n - 1, 0, "the rest");
		model_op(MEMHP_UNPLUG, 0, 0, n, 0, "whole window");
	} else {
		model_op(MEMHP_UNPLUG, 0, 0, 1, 0, "whole window");
	}
	model_op(MEMHP_UNPLUG, 0, 0, 1, SBI_ERR_ALREADY_STOPPED, "already unplugged");
	model_op(MEMHP_UNPLUG, 0, 0, n, SBI_ERR_ALREADY_STOPPED, "all unplugged");
	if (n >= 3) {
		model_op(MEMHP_PLUG, 0, 0, 1, 0, "block 0");
		model_op(MEMHP_PLUG, 0, 2, 1, 0, "block 2, leaving a hole");
		model_op(MEMHP_UNPLUG, 0, 0, 3, SBI_ERR_ALREADY_STOPPED,
			 "range holds unplugged block 1");
		model_op(MEMHP_PLUG, 0, 1, 2, SBI_ERR_ALREADY_AVAILABLE,
			 "range holds plugged block 2");
		model_op(MEMHP_PLUG, 0, 1, n - 1, SBI_ERR_ALREADY_AVAILABLE,
			 "range holds plugged block 2");
		model_op(MEMHP_PLUG, 0, 1, 1, 0, "fills the hole");
		model_op(MEMHP_UNPLUG, 0, 1, 1, 0, "middle of a run");
		model_op(MEMHP_UNPLUG, 0, 0, 1, 0, "block 0");
		model_op(MEMHP_UNPLUG, 0, 2, 1, 0, "block 2");
	}
	/* every block alone, then plugged one by one and unplugged at once */
	for (b = 0; b < n; b++) {
		model_op(MEMHP_PLUG, 0, b, 1, 0, "one block");
		model_op(MEMHP_UNPLUG, 0, b, 1, 0, "one block");
	}
	for (b = n; b-- > 0;)
		model_op(MEMHP_PLUG, 0, b, 1, 0, "one by one, downwards");

	/* UNPLUG parameter errors while everything is plugged */
	for (i = 0; i < 2; i++) {
		unsigned long fid = i ? MEMHP_PLUG : MEMHP_UNPLUG;

		model_op(fid, mh_nwin, 0, 1, SBI_ERR_INVALID_PARAM, "window = NUM_WINDOWS");
		model_op(fid, ~0UL, 0, 1, SBI_ERR_INVALID_PARAM, "window -1");
		model_op(fid, 0x100000000UL, 0, 1, SBI_ERR_INVALID_PARAM,
			 "window 2^32");
		model_op(fid, 0, 0, 0, SBI_ERR_INVALID_PARAM, "zero blocks");
		model_op(fid, 0, n - 1, 0, SBI_ERR_INVALID_PARAM, "zero blocks");
		model_op(fid, 0, n, 1, SBI_ERR_INVALID_PARAM, "first block past the end");
		model_op(fid, 0, n - 1, 2, SBI_ERR_INVALID_PARAM, "range leaves the window");
		model_op(fid, 0, 0, n + 1, SBI_ERR_INVALID_PARAM, "range leaves the window");
		model_op(fid, 0, ~0UL, 1, SBI_ERR_INVALID_PARAM, "first block -1");
		model_op(fid, 0, 1, ~0UL, SBI_ERR_INVALID_PARAM,
			 "first + count overflows to 0");
		model_op(fid, 0, 2, ~0UL, SBI_ERR_INVALID_PARAM,
			 "first + count overflows to 1");
		model_op(fid, 0, 1UL << 63, 1UL << 63, SBI_ERR_INVALID_PARAM,
			 "first + count overflows");
		model_op(fid, 0, 0x100000000UL, 1, SBI_ERR_INVALID_PARAM,
			 "block 2^32");
		if (wrap) {
			model_op(fid, 0, wrap, 1, SBI_ERR_INVALID_PARAM,
				 "block whose address wraps to the window base");
			model_op(fid, 0, 0, wrap + 1, SBI_ERR_INVALID_PARAM,
				 "size wraps the address space");
		}
		if (!i)
			model_set_all(MEMHP_UNPLUGGED);	/* then the PLUG errors */
	}

	/* BLOCK_STATE errors */
	{
		const unsigned long bs[][2] = {
			{ mh_nwin, 0 }, { ~0UL, 0 }, { 0x100000000UL, 0 },
			{ 0, n }, { 0, ~0UL }, { 0, 0x100000000UL }, { 0, wrap },
		};

		for (i = 0; i < ARRAY_SIZE(bs); i++) {
			if (i == 6 && !wrap)
				continue;
			r = mh_block_state(bs[i][0], bs[i][1]);
			check_eq(r.error, SBI_ERR_INVALID_PARAM,
				 "MEMHP BLOCK_STATE(%#lx, %#lx) returns -3",
				 bs[i][0], bs[i][1]);
		}
	}

	/* READ_STATE parameter errors: -3 and nothing written */
	{
		const unsigned long rs[][3] = {
			{ mh_nwin, 0, 1 }, { ~0UL, 0, 1 }, { 0, 0, 0 },
			{ 0, n, 1 }, { 0, n - 1, 2 }, { 0, 0, n + 1 },
			{ 0, 1, ~0UL }, { 0, ~0UL, 1 }, { 0, wrap, 1 },
		};

		for (i = 0; i < ARRAY_SIZE(rs); i++) {
			if (i == 8 && !wrap)
				continue;
			memset(rs_buf, 0xee, 64);
			r = mh_read_state(rs[i][0], rs[i][1], rs[i][2],
					  (unsigned long)rs_buf, 0);
			check_eq(r.error, SBI_ERR_INVALID_PARAM,
				 "MEMHP READ_STATE(%#lx, %#lx, %#lx) returns -3",
				 rs[i][0], rs[i][1], rs[i][2]);
			check_true(rs_buf[0] == 0xee &&
				   !memcmp(rs_buf, rs_buf + 1, 63),
				   "MEMHP READ_STATE(%#lx, %#lx, %#lx) writes nothing",
				   rs[i][0], rs[i][1], rs[i][2]);
		}
	}

	for (i = 0; i < ARRAY_SIZE(bad_fid); i++) {
		r = sbi_ecall(mh_eid, bad_fid[i], 0, 0, 1, (unsigned long)rs_buf,
			      0, 0);
		check_eq(r.error, SBI_ERR_NOT_SUPPORTED,
			 "MEMHP unknown FID %#lx returns -2", bad_fid[i]);
	}
	model_verify("unknown FIDs");
	for (i = 0; i < ARRAY_SIZE(bad_op); i++) {
		r = sbi_call4(mh_eid, MEMHP_CHECK, 0, 0, 1, bad_op[i]);
		check_eq(r.error, SBI_ERR_INVALID_PARAM,
			 "MEMHP CHECK with operation %#lx returns -3", bad_op[i]);
	}
	model_verify("CHECK with bad operations");

	/* READ_STATE of sub-ranges */
	if (n >= 3) {
		model_op(MEMHP_PLUG, 0, 1, 1, 0, "block 1");
		for (i = 0; i < n; i++) {
			unsigned long c = n - i;

			memset(rs_buf, 0xee, 64);
			r = mh_read_state(0, i, c, (unsigned long)rs_buf + 1, 0);
			check_true(!r.error && r.value == (long)c &&
				   !memcmp(rs_buf + 1, model + i, c) &&
				   rs_buf[0] == 0xee && rs_buf[1 + c] == 0xee,
				   "MEMHP READ_STATE(0, %lu, %lu) returns %lu and writes exactly the %lu state bytes",
				   i, c, c, c);
		}
		memset(rs_buf, 0xee, 64);
		r = mh_read_state(0, 1, 1, (unsigned long)rs_buf, 0);
		check_true(!r.error && r.value == 1 && rs_buf[0] == MEMHP_PLUGGED &&
			   rs_buf[1] == 0xee,
			   "MEMHP READ_STATE(0, 1, 1) of a plugged block writes one byte 1");
		model_op(MEMHP_UNPLUG, 0, 1, 1, 0, "block 1");
	}
}

/*
 * PMP budget: plug every other block of window 0, one call each, until the
 * firmware refuses with -1 (SBI_ERR_FAILED: the set would need more PMP
 * entries than the harts have). A refusal changes nothing; fewer runs fit
 * again: unplugging all and plugging the whole window in one call works.
 * Prints how many single-block runs fitted, which run-payload.sh -R checks
 * against the planner's budget (PMP entries - 4 for aligned single blocks:
 * firmware, CLINT, window and allow-all take the others).
 */
static void mh_check_budget(void)
{
	unsigned long b, runs = 0;
	bool refused = false, may_refuse;
	struct sbiret r;
	char desc[64];
	long want;

	printk("# memhp budget: %lu PMP entries; a refusal is possible%s\n",
	       mh_pmp_entries, mh_pmp_may_refuse(NULL) ? "" : " in no state");
	model_gen = mh_get(MEMHP_ATTR_GENERATION, 0);
	model_set_all(MEMHP_UNPLUGGED);
	for (b = 0; b < mh_n && !refused; b += 2) {
		r = mh_check(MEMHP_PLUG, 0, b, 1);
		want = r.error;
		r = mh_op(MEMHP_PLUG, 0, b, 1);
		snprintf(desc, sizeof(desc), "budget PLUG(0, %lu, 1)", b);
		check_eq(want, r.error, "MEMHP CHECK foretells %s", desc);
		refused = r.error == SBI_ERR_FAILED;
		model[b] = MEMHP_PLUGGED;
		may_refuse = mh_pmp_may_refuse(model);
		model[b] = MEMHP_UNPLUGGED;
		check_true(!r.error || (refused && may_refuse),
			   "MEMHP %s: 0, or -1 where %lu PMP entries may not hold the plan (%s) (got %ld)",
			   desc, mh_pmp_entries, may_refuse ? "may not" : "they do",
			   r.error);
		if (!r.error) {
			model[b] = MEMHP_PLUGGED;
			model_gen++;
			runs++;
		}
		model_verify(desc);
	}
	printk("# memhp budget: %lu single-block runs fit%s\n", runs,
	       refused ? ", the next one was refused" : " (all there are)");
	check_true(runs >= 1, "MEMHP budget: at least one run fits");
	model_set_all(MEMHP_UNPLUGGED);
	model_op(MEMHP_PLUG, 0, 0, mh_n, 0, "whole window after the budget");
	model_set_all(MEMHP_UNPLUGGED);
}

/* ----------------------------------------------- READ_STATE buffers */

/*
 * READ_STATE(0, 0, n) into lo/hi: want -5, and none of the nvis bytes at vis
 * (the part of the buffer S-mode can see) changed.
 */
static void rs_invalid(unsigned long lo, unsigned long hi, const char *what,
		       unsigned long vis, unsigned long nvis)
{
	unsigned long i;
	struct sbiret r;
	bool same = true;

	for (i = 0; i < nvis; i++)
		*(volatile unsigned char *)(vis + i) = 0xee;
	r = mh_read_state(0, 0, mh_n, lo, hi);
	check_eq(r.error, SBI_ERR_INVALID_ADDRESS,
		 "MEMHP READ_STATE into %#lx (hi %#lx, %s) returns -5", lo, hi, what);
	for (i = 0; i < nvis; i++)
		same &= *(volatile unsigned char *)(vis + i) == 0xee;
	if (nvis)
		check_true(same, "MEMHP READ_STATE into %#lx (%s) writes nothing",
			   lo, what);
}

/*
 * READ_STATE(0, 0, n) into addr: want n and the states. bug: the firmware
 * is known to get this one wrong (see check_known_bug()).
 */
static void rs_valid_bug(unsigned long addr, const char *what, const char *bug)
{
	volatile unsigned char *p = (volatile unsigned char *)addr;
	unsigned long i;
	struct sbiret r;
	bool ok = true;

	for (i = 0; i < mh_n; i++)
		p[i] = 0xee;
	r = mh_read_state(0, 0, mh_n, addr, 0);
	for (i = 0; i < mh_n; i++)
		ok &= p[i] == model[i];
	if (bug) {
		check_known_bug(!r.error && r.value == (long)mh_n && ok, bug,
				"MEMHP READ_STATE into %#lx (%s) returns %lu and writes the states (got %ld, %ld)",
				addr, what, mh_n, r.error, r.value);
		return;
	}
	check_true(!r.error && r.value == (long)mh_n,
		   "MEMHP READ_STATE into %#lx (%s) returns %lu (got %ld, %ld)",
		   addr, what, mh_n, r.error, r.value);
	check_true(ok, "MEMHP READ_STATE into %#lx (%s) writes the states", addr,
		   what);
}

static void rs_valid(unsigned long addr, const char *what)
{
	rs_valid_bug(addr, what, NULL);
}

static bool adjacent_to_dram(unsigned long addr)
{
	unsigned long j;

	for (j = 0; j < hp_fdt.nmem; j++)
		if (hp_fdt.mem[j].base + hp_fdt.mem[j].size == addr)
			return true;
	return false;
}

static bool is_memory(unsigned long addr)
{
	unsigned long j;

	for (j = 0; j < hp_fdt.nmem; j++)
		if (addr >= hp_fdt.mem[j].base &&
		    addr - hp_fdt.mem[j].base < hp_fdt.mem[j].size)
			return true;
	for (j = 0; j < mh_nwin; j++)
		if (addr >= mh_win[j].base && addr - mh_win[j].base < mh_win[j].size)
			return true;
	return false;
}

static void mh_check_read_state_buffers(void)
{
	unsigned long n = mh_n, bs = mh_win[0].bsize, ram_end = 0, j;
	unsigned long b0 = mh_block_addr(0, 0), b1 = mh_block_addr(0, 1);
	unsigned long x, wend = mh_win[0].base + mh_win[0].size;
	bool scrub = mh_win[0].flags & MEMHP_FLAG_SCRUB_ON_UNPLUG;
	volatile unsigned char *xp;
	bool ok;

	for (j = 0; j < hp_fdt.nmem; j++)
		if (hp_fdt.mem[j].base <= (unsigned long)_image_start &&
		    (unsigned long)_image_start - hp_fdt.mem[j].base <
			    hp_fdt.mem[j].size)
			ram_end = hp_fdt.mem[j].base + hp_fdt.mem[j].size;

	/*
	 * Buffers that straddle a boundary start 1 byte before it: the n state
	 * bytes (n >= 2) then cross it whatever the window's size.
	 */
	rs_valid((unsigned long)rs_buf + 3, "payload memory");
	if (ram_end)
		rs_valid(ram_end - n, "the last bytes of boot DRAM");
	rs_invalid(FW_ADDR, 0, "the firmware", 0, 0);
	if (fw_end > FW_ADDR)
		rs_invalid(fw_end - 1, 0, "across the end of the firmware",
			   fw_end, 1);
	rs_invalid(0x1000, 0, "not RAM", 0, 0);
	rs_invalid(0, 0, "address 0", 0, 0);
	rs_invalid(1UL << 60, 0, "not a physical address", 0, 0);
	rs_invalid(~0UL - 1, 0, "wraps past 2^64", 0, 0);
	rs_invalid((unsigned long)rs_buf, 1, "a4 = 1", (unsigned long)rs_buf, 64);
	rs_invalid((unsigned long)rs_buf, 1UL << 63, "a4 = 2^63",
		   (unsigned long)rs_buf, 64);
	rs_invalid(b0, 0, "unplugged block 0", 0, 0);
	rs_invalid(wend - 8, 0, "unplugged last block", 0, 0);
	if (adjacent_to_dram(b0))
		rs_invalid(b0 - 1, 0, "boot DRAM into unplugged block 0", b0 - 1, 1);

	/* a buffer in a plugged block is valid */
	model_op(MEMHP_PLUG, 0, 0, 1, 0, "buffer block");
	rs_valid(b0, "plugged block 0");
	rs_valid(b0 + bs - n, "the end of plugged block 0");
	if (adjacent_to_dram(b0))
		rs_valid(b0 - 1, "boot DRAM into plugged block 0");
	if (n >= 2) {
		rs_invalid(b1 - 1, 0, "plugged block 0 into unplugged block 1",
			   b1 - 1, 1);
		model_op(MEMHP_PLUG, 0, 1, 1, 0, "buffer block");
		rs_valid(b1 - 1, "across plugged blocks 0 and 1");
	}
	model_op(MEMHP_PLUG, 0, n - 1, 1,
		 n <= 2 ? SBI_ERR_ALREADY_AVAILABLE : 0, "last block");
	if (!is_memory(wend))
		rs_invalid(wend - 1, 0, "plugged last block past the window end",
			   wend - 1, 1);
	model_set_all(MEMHP_UNPLUGGED);

	/*
	 * A buffer in an unplugged block: nothing may be written there. Fill
	 * the spot, unplug, try, plug: the spot holds zeros (scrub) or the
	 * fill, never the state bytes (block 0 is plugged: a 1 would show).
	 */
	if (n >= 2) {
		x = b1 + 0x1000;
		xp = (volatile unsigned char *)x;
		model_op(MEMHP_PLUG, 0, 0, 2, 0, "buffer blocks");
		for (j = 0; j < n; j++)
			xp[j] = 0x5a;
		model_op(MEMHP_UNPLUG, 0, 1, 1, 0, "buffer block");
		rs_invalid(x, 0, "unplugged block 1", 0, 0);
		model_op(MEMHP_PLUG, 0, 1, 1, 0, "buffer block");
		ok = true;
		for (j = 0; j < n; j++)
			ok &= xp[j] == (scrub ? 0 : 0x5a);
		check_true(ok, "MEMHP READ_STATE into unplugged block 1 wrote nothing there");
		model_set_all(MEMHP_UNPLUGGED);
	}
}

/* ---------------------------------------------- PMP on every hart */

/* The highest started secondary, or ~0UL. */
static unsigned long last_secondary(void)
{
	unsigned long i, h = ~0UL;

	for (i = 0; i < fdt.nharts; i++) {
		unsigned long id = fdt.hartids[i];

		if (id != boot_hartid && id < MAX_HARTS && harts[id].alive)
			h = id;
	}
	return h;
}

/*
 * "When PLUG (UNPLUG) returns 0, every started hart already runs with the
 * new PMP": harts that spin in S-mode without entering the firmware see
 * the change as soon as the boot hart's call returned.
 */
static void watched_op(unsigned long fid, unsigned long b)
{
	const char *name = fid == MEMHP_PLUG ? "PLUG" : "UNPLUG";
	int before = fid == MEMHP_PLUG ? TOUCH_FAULT : TOUCH_OK;
	int after = fid == MEMHP_PLUG ? TOUCH_OK : TOUCH_FAULT;
	unsigned long i, nw = 0, w[MAX_HARTS];
	struct sbiret r;
	bool ok;

	watch.addr = mh_block_addr(0, b) + 0x40;
	atomic_store(&watch.ready, 0);
	atomic_store(&watch.go, 0);
	for (i = 0; i < fdt.nharts; i++) {
		unsigned long h = fdt.hartids[i];

		if (h != boot_hartid && h < MAX_HARTS && harts[h].alive &&
		    post_cmd(h, CMD_MEMHP_WATCH, 0))
			w[nw++] = h;
	}
	ok = WAIT_UNTIL(atomic_load(&watch.ready) == nw, 3000000);
	check_true(ok, "MEMHP: %lu harts watch block %lu", nw, b);
	r = mh_op(fid, 0, b, 1);
	atomic_store(&watch.go, 1);
	check_eq(r.error, 0, "MEMHP %s(0, %lu, 1) under watch returns 0", name, b);
	if (!r.error) {
		model[b] = fid == MEMHP_PLUG ? MEMHP_PLUGGED : MEMHP_UNPLUGGED;
		model_gen++;
	}
	for (i = 0; i < nw; i++) {
		struct hart_data *hd = &harts[w[i]];

		ok = wait_cmd(w[i], 6000000);
		check_true(ok && hd->result[0] == before && hd->result[1] == after,
			   "MEMHP: hart %lu, spinning in S-mode, sees block %lu %s as soon as %s returned (touch %s -> %s)",
			   w[i], b, fid == MEMHP_PLUG ? "open" : "closed", name,
			   touch_name(hd->result[0]), touch_name(hd->result[1]));
	}
	model_verify(name);
}

/* Hart h suspends (retentive or not), block 0 changes state meanwhile. */
static void suspended_hart_op(unsigned long h, bool nonret, unsigned long fid)
{
	const char *kind = nonret ? "non-retentive" : "retentive";
	struct hart_data *hd = &harts[h];
	struct sbiret r;
	bool ok;

	WRITE_ONCE(hd->wake_sent, 0);
	ok = post_cmd(h, nonret ? CMD_SUSPEND_NONRET : CMD_SUSPEND_RET, 0);
	ok = ok && WAIT_UNTIL((r = sbi_hart_get_status(h),
			       r.error == 0 && r.value == SBI_HSM_SUSPENDED),
			      2000000);
	check_true(ok, "MEMHP: hart %lu is SUSPENDED (%s)", h, kind);
	model_op(fid, 0, 0, 1, 0, nonret ? "hart suspended, non-retentive" :
					   "hart suspended, retentive");
	r = sbi_hart_get_status(h);
	if (r.error || r.value != SBI_HSM_SUSPENDED)
		printk("# hart %lu woke during the MEMHP call (status %ld)\n",
		       h, r.value);
	atomic_store(&hd->wake_sent, 1);
	sbi_send_ipi(1, h);
	ok = wait_cmd(h, 3000000);
	check_true(ok && hd->result[0] == 0,
		   "MEMHP: hart %lu resumes from its %s suspend", h, kind);
	if (ok)
		touch_check_hart(h, fid == MEMHP_PLUG ?
				    "PLUG while the hart was suspended" :
				    "UNPLUG while the hart was suspended");
}

static void mh_check_harts(void)
{
	unsigned long n = mh_n, h = last_secondary();
	static unsigned long gen = 0x100;

	touch_check_all("boot state");
	model_op(MEMHP_PLUG, 0, n - 1, 1, 0, "last block");
	model_op(MEMHP_PLUG, 0, 0, 1, n == 1 ? SBI_ERR_ALREADY_AVAILABLE : 0,
		 "first block");
	touch_check_all("PLUG of the first and last blocks");
	model_set_all(MEMHP_PLUGGED);
	touch_check_all("PLUG of every block");
	if (n >= 3) {
		model_op(MEMHP_UNPLUG, 0, 1, n - 2, 0, "the middle");
		touch_check_all("UNPLUG of the middle blocks");
	}
	model_set_all(MEMHP_UNPLUGGED);
	touch_check_all("UNPLUG of every block");
	if (h != ~0UL) {
		watched_op(MEMHP_PLUG, n - 1);
		watched_op(MEMHP_UNPLUG, n - 1);
	}

	if (h == ~0UL) {
		printk("# one hart: no stopped or suspended hart MEMHP test\n");
		return;
	}
	/* a stopped hart gets the current layout when it starts */
	if (stop_secondary(h)) {
		model_op(MEMHP_PLUG, 0, 0, 1, 0, "hart stopped");
		if (start_secondary(h, gen++))
			touch_check_hart(h, "PLUG while the hart was stopped");
	}
	if (stop_secondary(h)) {
		model_op(MEMHP_UNPLUG, 0, 0, 1, 0, "hart stopped");
		if (start_secondary(h, gen++))
			touch_check_hart(h, "UNPLUG while the hart was stopped");
	}
	/* and a suspended hart when it resumes */
	suspended_hart_op(h, false, MEMHP_PLUG);
	suspended_hart_op(h, false, MEMHP_UNPLUG);
	suspended_hart_op(h, true, MEMHP_PLUG);
	suspended_hart_op(h, true, MEMHP_UNPLUG);
	touch_check_all("suspend tests");
}

/* ------------------------------------- firmware and CLINT, every hart */

/* The timer and IPI devices' register ranges (CLINT, ACLINT). */
static struct fdt_region timer_ipi[TIMER_IPI_REGS_MAX];
static unsigned long ntimer_ipi;

/*
 * A store, a load and an instruction fetch at the firmware's first and
 * last words and at the first and last words of every timer/IPI register
 * range take access faults on every started hart (the deny entries ahead
 * of the windows are every hart's).
 */
static void mh_check_protect(void)
{
	static struct mh_touch_req req;
	unsigned long addr[2 + 2 * TIMER_IPI_REGS_MAX], n = 0, i, k;

	ntimer_ipi = fdt_timer_ipi_regs(timer_ipi, ARRAY_SIZE(timer_ipi));
	check_true(ntimer_ipi > 0,
		   "the tree has a CLINT or ACLINT node with registers");
	addr[n++] = FW_ADDR;
	addr[n++] = fw_end - 8;
	for (i = 0; i < ntimer_ipi; i++) {
		addr[n++] = timer_ipi[i].base;
		addr[n++] = timer_ipi[i].base + timer_ipi[i].size - 8;
	}
	req.n = n;
	for (k = 0; k < n; k++) {
		req.addr[k] = addr[k];
		req.want[k] = TOUCH_FAULT;
	}
	for (i = 0; i < fdt.nharts; i++) {
		unsigned long h = fdt.hartids[i];
		struct hart_data *hd = &harts[h];
		bool ok;

		if (!mh_started(h))
			continue;
		ok = mh_run_on(h, CMD_MEMHP_TOUCH, (unsigned long)&req);
		check_true(ok && !hd->result[1] && hd->result[0] == (long)n,
			   "hart %lu: stores and loads at the firmware's and the timer/IPI registers' first and last words take store (7) and load (5) access faults (first other: %#lx class %ld, store cause %ld, load cause %ld)",
			   h, hd->result[1] ? hd->result[2] : 0,
			   hd->result[1] ? hd->result[3] : 0,
			   hd->result[1] ? hd->result[4] : 0,
			   hd->result[1] ? hd->result[5] : 0);
		for (k = 0; k < n; k++) {
			ok = mh_run_on(h, CMD_MEMHP_EXEC, addr[k]);
			check_true(ok && hd->result[1] == CAUSE_FETCH_ACCESS &&
				   (unsigned long)hd->result[2] == addr[k],
				   "hart %lu: a fetch at %#lx (%s) takes an instruction access fault (got %ld, stval %#lx)",
				   h, addr[k], k < 2 ? "firmware" : "timer/IPI registers",
				   hd->result[1], hd->result[2]);
		}
	}
}

/*
 * hart_start and non-retentive hart_suspend into an unplugged block and
 * into device registers are refused (SBI_ERR_INVALID_ADDRESS).
 */
static void mh_check_hsm_entry(void)
{
	model_set_all(MEMHP_UNPLUGGED);
	hsm_check_bad_entry(mh_block_addr(0, 0), "an unplugged block");
	hsm_check_bad_entry(mh_block_addr(0, mh_n - 1) + mh_win[0].bsize - 4,
			    "the last word of an unplugged block");
	if (ntimer_ipi)
		hsm_check_bad_entry(timer_ipi[0].base, "timer/IPI registers");
}

/* ---------------------------------------------------- PMP budget bound */

/*
 * PMP entries the firmware's plans may use: QEMU gives every hart 16 (virt
 * and sifive_u); a firmware built with fewer (HOTSBI_PMP_ENTRIES) is run
 * with /chosen/hotsbi-test,pmp-entries saying how many (run-payload.sh -E).
 */
unsigned long mh_pmp_entries = 16;


/*
 * Whether a plan may need more than mh_pmp_entries, by an upper bound that
 * does not come from the planner: the firmware's and the CLINT's deny
 * entries and the final allow-all (one NAPOT entry each on virt and
 * sifive_u), and per window a TOR chain over its alternating runs of
 * plugged and unplugged blocks (one base entry, one per run; privileged
 * spec 3.7.1). @st: window 0's first mh_n blocks after the call, or NULL
 * for the worst case (every block its own run), as for the other windows.
 * SBI_ERR_FAILED is a right answer to a PLUG or UNPLUG only where this
 * holds.
 */
bool mh_pmp_may_refuse(const unsigned char *st)
{
	unsigned long bound = 3, w, b, runs;

	for (w = 0; w < mh_nwin; w++) {
		runs = mh_win[w].nblocks;
		if (!w && st) {
			runs = mh_win[0].nblocks - mh_n + (mh_n > 0);
			for (b = 1; b < mh_n; b++)
				runs += st[b] != st[b - 1];
		}
		bound += runs + 1;
	}
	return bound > mh_pmp_entries;
}

/* ----------------------------------------------------------- scrub */

/* Sample i of a block: dense first and last page, a 64 KiB stride between. */
static unsigned long sample_off(unsigned long i, unsigned long bs,
				unsigned long *count)
{
	unsigned long page = bs < 4096 ? bs : 4096;
	unsigned long dense = page / 8;
	unsigned long mid = bs > 0x20000 ? bs / 0x10000 - 1 : 0;

	*count = 2 * dense + mid;
	if (i < dense)
		return i * 8;
	i -= dense;
	if (i < mid)
		return (i + 1) * 0x10000 + ((i * 24) & 0xff8);
	i -= mid;
	return bs - page + i * 8;
}

static unsigned long block_fill(unsigned long b, bool zero_check)
{
	unsigned long bs = mh_win[0].bsize, base = mh_block_addr(0, b);
	unsigned long i, n, bad = 0;

	sample_off(0, bs, &n);
	for (i = 0; i < n; i++) {
		volatile unsigned long *p =
			(volatile unsigned long *)(base + sample_off(i, bs, &n));

		if (zero_check) {
			if (*p && !bad++)
				printk("# %#lx reads %#lx, not 0\n",
				       (unsigned long)p, *p);
		} else {
			*p = mh_pattern(99, (unsigned long)p);
		}
	}
	return bad;
}

/* Samples of block b that do not hold the fill pattern. */
static unsigned long block_pattern_bad(unsigned long b)
{
	unsigned long bs = mh_win[0].bsize, base = mh_block_addr(0, b);
	unsigned long i, n, bad = 0;

	sample_off(0, bs, &n);
	for (i = 0; i < n; i++) {
		volatile unsigned long *p =
			(volatile unsigned long *)(base + sample_off(i, bs, &n));

		bad += *p != mh_pattern(99, (unsigned long)p);
	}
	return bad;
}

static void mh_check_scrub(void)
{
	unsigned long n = mh_n, b, bad, samples;

	sample_off(0, mh_win[0].bsize, &samples);
	/* The emulated card always scrubs; a board window may not. */
	if (mh_win[0].flags & MEMHP_FLAG_EMULATED)
		check_true(mh_win[0].flags & MEMHP_FLAG_SCRUB_ON_UNPLUG,
			   "MEMHP: the emulated window 0 has SCRUB_ON_UNPLUG (flags 0x%lx)",
			   mh_win[0].flags);
	if (!(mh_win[0].flags & MEMHP_FLAG_SCRUB_ON_UNPLUG)) {
		skip("window 0 does not scrub on unplug",
		     "MEMHP SCRUB_ON_UNPLUG: unplugged blocks read zero when plugged again");
		return;
	}
	printk("# memhp: scrub check on %lu samples per block (first and last page, 64 KiB stride)\n",
	       samples);
	model_set_all(MEMHP_PLUGGED);
	for (b = 0; b < n; b++)
		block_fill(b, false);
	for (b = 0, bad = 0; b < n; b++)
		bad += block_pattern_bad(b);
	check_eq(bad, 0, "MEMHP: a pattern written to %lu plugged blocks reads back", n);
	if (n >= 3) {
		unsigned long a = mh_block_addr(0, 1);

		model_op(MEMHP_UNPLUG, 0, 1, 1, 0, "scrub block 1");
		check_eq(store_fault(a, 0x1234), CAUSE_STORE_ACCESS_FAULT,
			 "MEMHP: store to unplugged block 1 faults");
		model_op(MEMHP_PLUG, 0, 1, 1, 0, "scrub block 1");
		check_eq(block_fill(1, true), 0,
			 "MEMHP SCRUB_ON_UNPLUG: block 1 reads zero when plugged again (first/last 8 bytes, stride)");
		for (b = 0, bad = 0; b < n; b++)
			if (b != 1)
				bad += block_pattern_bad(b);
		check_eq(bad, 0, "MEMHP: UNPLUG of block 1 left the other plugged blocks alone");
	}
	model_set_all(MEMHP_UNPLUGGED);
	model_set_all(MEMHP_PLUGGED);
	for (b = 0; b < n; b++)
		check_eq(block_fill(b, true), 0,
			 "MEMHP SCRUB_ON_UNPLUG: block %lu reads zero after UNPLUG and PLUG", b);
	model_set_all(MEMHP_UNPLUGGED);
}

/* ------------------------------------------------------------ exec */

#define EXEC_MAGIC	0x5a5
/* li a0, EXEC_MAGIC; ret */
static const u32 exec_code[] = { 0x00000513 | (EXEC_MAGIC << 20), 0x00008067 };

/*
 * fence.i and call addr. result[0] = a0 it returned, [1] = scause of a
 * trap (the handler returns to the caller on a fetch fault), [2] = stval.
 */
void memhp_exec_cmd(struct hart_data *hd, unsigned long arg)
{
	unsigned long (*fn)(void) = (unsigned long (*)(void))arg;
	unsigned long v, cause, tval;

	asm volatile("fence.i" ::: "memory");
	trap_arm(hd);
	v = fn();
	trap_collect(hd, &cause, &tval);
	hd->result[0] = v;
	hd->result[1] = cause;
	hd->result[2] = tval;
}

static void exec_check_all(unsigned long addr, bool plugged)
{
	unsigned long i;

	for (i = 0; i < fdt.nharts; i++) {
		unsigned long h = fdt.hartids[i];
		struct hart_data *hd = &harts[h];
		bool ok;

		if (!mh_started(h))
			continue;
		ok = mh_run_on(h, CMD_MEMHP_EXEC, addr);
		if (plugged)
			check_true(ok && !hd->result[1] && hd->result[0] == EXEC_MAGIC,
				   "MEMHP: hart %lu executes code in a plugged block (got %#lx, scause %ld)",
				   h, hd->result[0], hd->result[1]);
		else
			check_true(ok && hd->result[1] == CAUSE_FETCH_ACCESS &&
				   (unsigned long)hd->result[2] == addr,
				   "MEMHP: hart %lu takes an instruction access fault (1, stval %#lx) calling into an unplugged block (got %ld, %#lx)",
				   h, addr, hd->result[1], hd->result[2]);
	}
}

static void mh_check_exec(void)
{
	unsigned long a = mh_block_addr(0, 0) + 0x2000;

	model_op(MEMHP_PLUG, 0, 0, 1, 0, "code block");
	memcpy((void *)a, exec_code, sizeof(exec_code));
	asm volatile("fence.i" ::: "memory");
	exec_check_all(a, true);
	model_op(MEMHP_UNPLUG, 0, 0, 1, 0, "code block");
	exec_check_all(a, false);
}

/* ------------------------------------------------------------ DBCN */

static void mh_check_dbcn(void)
{
	static const char msg[] = "# DBCN console_write from a plugged block\n";
	unsigned long len = sizeof(msg) - 1, bs = mh_win[0].bsize;
	unsigned long a = mh_block_addr(0, 0) + 0x100;
	unsigned long e = mh_block_addr(0, 0) + bs - len;
	struct sbiret r;

	if (!have_dbcn) {
		check_true(false, "HotSBI implements DBCN");
		return;
	}
	model_op(MEMHP_PLUG, 0, 0, 1, 0, "DBCN buffer");
	memcpy((void *)a, msg, len);
	memcpy((void *)e, msg, len);
	r = sbi_dbcn_write(len, a, 0);
	check_true(!r.error && r.value == (long)len,
		   "DBCN console_write from plugged block 0 writes %lu bytes (got %ld, %ld)",
		   len, r.error, r.value);
	r = sbi_dbcn_write(len, e, 0);
	check_true(!r.error && r.value == (long)len,
		   "DBCN console_write from the end of plugged block 0 (got %ld, %ld)",
		   r.error, r.value);
	r = sbi_dbcn_read(16, a, 0);
	check_true(!r.error && r.value == 0,
		   "DBCN console_read into plugged block 0 returns (0, 0) (got %ld, %ld)",
		   r.error, r.value);
	if (mh_n >= 2) {
		r = sbi_dbcn_write(16, e + len - 8, 0);
		check_eq(r.error, SBI_ERR_INVALID_PARAM,
			 "DBCN console_write from plugged block 0 into unplugged block 1 returns -3");
		r = sbi_dbcn_write(16, mh_block_addr(0, 1), 0);
		check_eq(r.error, SBI_ERR_INVALID_PARAM,
			 "DBCN console_write from unplugged block 1 returns -3");
	}
	model_op(MEMHP_UNPLUG, 0, 0, 1, 0, "DBCN buffer");
	r = sbi_dbcn_write(len, a, 0);
	check_eq(r.error, SBI_ERR_INVALID_PARAM,
		 "DBCN console_write from block 0 after UNPLUG returns -3");
	r = sbi_dbcn_read(16, a, 0);
	check_eq(r.error, SBI_ERR_INVALID_PARAM,
		 "DBCN console_read into block 0 after UNPLUG returns -3");
}

/* ----------------------------------------------------------- final */

static void mh_check_final(void)
{
	unsigned long b, nb = mh_win[0].nblocks, left = 0;
	bool ok;

	/* unplug what the stress left, from the firmware's own view */
	memset(rs_buf, 0xee, sizeof(rs_buf));
	ok = nb <= 4096 && read_state_into(0, 0, nb, rs_buf);
	check_true(ok, "MEMHP READ_STATE of the window after the stress");
	for (b = 0; ok && b < mh_n; b++) {
		model[b] = rs_buf[b];
		left += rs_buf[b] == MEMHP_PLUGGED;
	}
	printk("# memhp: %lu blocks plugged after the stress\n", left);
	model_gen = mh_get(MEMHP_ATTR_GENERATION, 0);
	model_set_all(MEMHP_UNPLUGGED);
	check_eq(mh_get(MEMHP_ATTR_PLUGGED_BLOCKS, 0), 0,
		 "MEMHP: PLUGGED_BLOCKS = 0 at the end");
	touch_check_all("the end");
}

/* ------------------------------------- buffers racing an UNPLUG */

/* PLUG/UNPLUG cycles; more, up to the limit, until both answers were seen */
#define RACE_CYCLES	20
#define RACE_CYCLES_MAX	400

/*
 * Another hart (run through CMD_MEMHP_EXEC) calls READ_STATE into a
 * buffer in block race.b and DBCN console_read into it in a loop while
 * the boot hart plugs and unplugs the block. Each call must succeed (the
 * block was plugged when the firmware took the manager's lock) or be
 * refused (READ_STATE -5, DBCN -3), and nothing may land in the block
 * after the UNPLUG that scrubbed it.
 */
static struct {
	unsigned long buf, stop, started;
	unsigned long rs_ok, rs_refused, dbcn_ok, dbcn_refused;
	unsigned long other;		/* any other answer */
	long other_err;
	unsigned long other_fid;
} race;

static unsigned long race_loop(void)
{
	unsigned long n = mh_n;
	struct sbiret r;

	atomic_store(&race.started, 1);
	while (!atomic_load(&race.stop)) {
		r = mh_read_state(0, 0, n, race.buf, 0);
		if (!r.error && r.value == (long)n) {
			race.rs_ok++;
		} else if (r.error == SBI_ERR_INVALID_ADDRESS) {
			race.rs_refused++;
		} else if (!race.other++) {
			race.other_err = r.error;
			race.other_fid = MEMHP_READ_STATE;
		}
		if (!have_dbcn)
			continue;
		r = sbi_dbcn_read(8, race.buf + 64, 0);
		if (!r.error) {
			race.dbcn_ok++;
		} else if (r.error == SBI_ERR_INVALID_PARAM) {
			race.dbcn_refused++;
		} else if (!race.other++) {
			race.other_err = r.error;
			race.other_fid = SBI_DBCN_READ;
		}
	}
	return 0;
}

static void mh_check_buffer_race(void)
{
	unsigned long h = last_secondary(), b = mh_n - 1, k, i, bad = 0;
	struct hart_data *hd = &harts[h];
	bool ok;

	if (h == ~0UL) {
		printk("# one hart: no buffer race with UNPLUG\n");
		return;
	}
	/* block 0 stays plugged: any state written holds a non-zero byte */
	model_set_all(MEMHP_UNPLUGGED);
	if (b)
		model_op(MEMHP_PLUG, 0, 0, 1, 0, "race: block 0");
	memset(&race, 0, sizeof(race));
	race.buf = mh_block_addr(0, b) + 0x1000;
	ok = post_cmd(h, CMD_MEMHP_EXEC, (unsigned long)race_loop) &&
	     WAIT_UNTIL(atomic_load(&race.started), 2000000);
	check_true(ok, "hart %lu runs the READ_STATE/DBCN loop", h);
	if (!ok)
		return;
	for (k = 0; k < RACE_CYCLES ||
		    (k < RACE_CYCLES_MAX &&
		     !(READ_ONCE(race.rs_ok) && READ_ONCE(race.rs_refused) &&
		       (!have_dbcn || (READ_ONCE(race.dbcn_ok) &&
				       READ_ONCE(race.dbcn_refused))))); k++) {
		model_op(MEMHP_PLUG, 0, b, 1, 0, "race block");
		delay_us(k % RACE_CYCLES * 100);
		model_op(MEMHP_UNPLUG, 0, b, 1, 0, "race block");
		delay_us(k % RACE_CYCLES * 50);
	}
	atomic_store(&race.stop, 1);
	ok = wait_cmd(h, 3000000);
	check_true(ok && !hd->result[1],
		   "hart %lu ends the loop without a trap (scause %ld)", h,
		   hd->result[1]);
	printk("# memhp race: %lu cycles; READ_STATE %lu done, %lu refused; DBCN console_read %lu done, %lu refused\n",
	       k, race.rs_ok, race.rs_refused, race.dbcn_ok, race.dbcn_refused);
	check_true(!race.other,
		   "READ_STATE and DBCN into a block racing PLUG/UNPLUG: only success, -5 or -3 (%lu others, first FID %lu: %ld)",
		   race.other, race.other_fid, race.other_err);
	check_true(race.rs_ok && race.rs_refused &&
		   (!have_dbcn || (race.dbcn_ok && race.dbcn_refused)),
		   "the race saw the block both plugged and unplugged");
	if (!(mh_win[0].flags & MEMHP_FLAG_SCRUB_ON_UNPLUG)) {
		skip("window 0 does not scrub on unplug",
		     "MEMHP: no READ_STATE or DBCN byte lands in a block after the UNPLUG that scrubbed it");
		model_set_all(MEMHP_UNPLUGGED);
		return;
	}
	model_op(MEMHP_PLUG, 0, b, 1, 0, "race block");
	for (i = 0; i < 128; i++)
		bad += ((volatile unsigned char *)race.buf)[i] != 0;
	check_eq(bad, 0,
		 "MEMHP: no READ_STATE or DBCN byte landed in block %lu after the UNPLUG that scrubbed it",
		 b);
	model_set_all(MEMHP_UNPLUGGED);
}

/* ------------------------------------------------------------- main */

/* Without windows every per-window call names a window that does not exist. */
static void mh_check_no_windows(void)
{
	static const unsigned long fids[] = { MEMHP_PLUG, MEMHP_UNPLUG };
	unsigned long i;
	struct sbiret r;

	for (i = 0; i < ARRAY_SIZE(fids); i++) {
		r = mh_op(fids[i], 0, 0, 1);
		check_eq(r.error, SBI_ERR_INVALID_PARAM,
			 "no windows: MEMHP function %lu on window 0 returns -3",
			 fids[i]);
		r = mh_check(fids[i], 0, 0, 1);
		check_eq(r.error, SBI_ERR_INVALID_PARAM,
			 "no windows: MEMHP CHECK of function %lu on window 0 returns -3",
			 fids[i]);
	}
	r = mh_block_state(0, 0);
	check_eq(r.error, SBI_ERR_INVALID_PARAM,
		 "no windows: BLOCK_STATE(0, 0) returns -3");
	r = mh_attr(MEMHP_ATTR_WINDOW_BASE, 0);
	check_eq(r.error, SBI_ERR_INVALID_PARAM,
		 "no windows: GET_ATTR(WINDOW_BASE, 0) returns -3");
}

/*
 * The card's device memory (/chosen/hotsbi,emulated-card-pmem-size): each
 * pmem-region node is volatile, whole blocks of a window and outside
 * /memory; its blocks read plugged, UNPLUG and CHECK of them answer
 * DENIED, PLUG ALREADY_AVAILABLE, and S-mode reads and writes them; the
 * window's other blocks still plug and unplug.
 */
static void mh_check_pmem(void)
{
	unsigned long i, j, w, first, n, b, bs, addr;
	struct mh_touch t;
	struct sbiret r;
	bool in_mem;

	for (i = 0; i < hp_fdt.npmem; i++) {
		unsigned long base = hp_fdt.pmem[i].base;
		unsigned long size = hp_fdt.pmem[i].size;

		printk("# pmem-region %#lx+%#lx\n", base, size);
		check_true(hp_fdt.pmem[i].vol, "FDT pmem@%lx is volatile", base);
		for (j = 0, in_mem = false; j < hp_fdt.nmem; j++)
			in_mem |= overlap(base, size, hp_fdt.mem[j].base,
					  hp_fdt.mem[j].size);
		check_true(!in_mem, "FDT pmem@%lx is not in /memory", base);
		for (w = 0; w < mh_nwin; w++)
			if (base >= mh_win[w].base &&
			    base + size <= mh_win[w].base + mh_win[w].size)
				break;
		check_true(w < mh_nwin, "FDT pmem@%lx lies in a MEMHP window",
			   base);
		if (w == mh_nwin)
			continue;
		bs = mh_win[w].bsize;
		check_true(size && !(base % bs) && !(size % bs),
			   "pmem@%lx is whole blocks of window %lu", base, w);
		first = (base - mh_win[w].base) / bs;
		n = size / bs;
		for (b = first; b < first + n; b++) {
			r = mh_block_state(w, b);
			check_true(!r.error && r.value == MEMHP_PLUGGED,
				   "MEMHP device memory: block %lu of window %lu reads plugged",
				   b, w);
		}
		r = mh_op(MEMHP_UNPLUG, w, first + n - 1, 1);
		check_eq(r.error, SBI_ERR_DENIED,
			 "MEMHP UNPLUG of a device-memory block: DENIED");
		r = mh_check(MEMHP_UNPLUG, w, first, n);
		check_eq(r.error, SBI_ERR_DENIED,
			 "MEMHP CHECK UNPLUG of the device memory: DENIED");
		r = mh_op(MEMHP_PLUG, w, first, 1);
		check_eq(r.error, SBI_ERR_ALREADY_AVAILABLE,
			 "MEMHP PLUG of a device-memory block: ALREADY_AVAILABLE");
		for (addr = base; addr < base + size; addr += size - 8) {
			mh_touch(addr, 0x600dcafe0000UL | addr, &t);
			check_true(!t.ld_cause && !t.st_cause &&
				   t.val == (0x600dcafe0000UL | addr),
				   "S-mode reads and writes device memory at %#lx", addr);
		}
		if (first) {
			r = mh_op(MEMHP_PLUG, w, first - 1, 1);
			check_eq(r.error, 0, "MEMHP PLUG of the block below the device memory");
			r = mh_op(MEMHP_UNPLUG, w, first - 1, 1);
			check_eq(r.error, 0, "MEMHP UNPLUG of the block below the device memory");
			mh_touch(mh_block_addr(w, first - 1), 1, &t);
			check_true(t.ld_cause && t.st_cause,
				   "the unplugged block below the device memory faults");
		}
		r = mh_block_state(w, first);
		check_true(!r.error && r.value == MEMHP_PLUGGED,
			   "MEMHP device memory still plugged after all that");
	}
}

void test_memhp(void)
{
	unsigned long start = checks_run(), failed = checks_failed();
	const void *v;
	unsigned int len;
	struct sbiret r;
	long k;

	r = sbi_probe(mh_find_eid());
	if (r.error || !r.value) {
		if (is_hotsbi)
			check_true(false, "HotSBI implements MEMHP (probe %#lx)",
				   mh_eid);
		else
			skip("not HotSBI, MEMHP absent",
			     "MEMHP vendor extension %#lx tests", mh_eid);
		printk("# memhp: 0 checks\n");
		return;
	}
	check_eq(r.value, 1, "BASE probe_extension(MEMHP %#lx) = 1", mh_eid);

	hp_fdt.nresv = 0;
	fdt_walk(fdt.addr, fdt_collect, NULL);
	v = fdt_prop(fdt.addr, "/chosen", "hotsbi-test,pmp-entries", &len);
	if (v && len == 4)
		mh_pmp_entries = fdt_be32(v);
	/* The firmware may publish itself as touching pieces (OpenSBI: text, data). */
	fw_end = FW_ADDR;
	while ((k = resv_nomap_at(fw_end)) >= 0)
		fw_end = hp_fdt.resv[k].base + hp_fdt.resv[k].size;

	mh_check_attrs();
	mh_check_fdt();
	if (!mh_nwin) {
		if (fdt.no_pmp)
			mh_check_no_windows();
		else
			check_true(false, "MEMHP has a usable window");
		goto out;
	}
	if (hp_fdt.npmem) {
		mh_check_pmem();
		skip("a window holds device memory (pmem-region)",
		     "the MEMHP model suite, which starts from every block unplugged");
		goto out;
	}
	mh_n = mh_win[0].nblocks < MH_MAX_BLOCKS ? mh_win[0].nblocks :
						   MH_MAX_BLOCKS;
	mh_check_ops();
	mh_check_budget();
	mh_check_read_state_buffers();
	mh_check_harts();
	mh_check_exec();
	mh_check_protect();
	mh_check_hsm_entry();
	mh_check_scrub();
	mh_check_dbcn();
	mh_check_buffer_race();
	mh_stress();
	mh_check_final();
out:
	printk("# memhp: %lu checks, %lu failed\n", checks_run() - start,
	       checks_failed() - failed);
}
