// SPDX-License-Identifier: BSD-2-Clause
/*
 * Generic FDT platform: everything the firmware knows about the machine
 * comes from the device tree, read at cold boot in one walk over the
 * nodes (each node's properties read once), so boot cost grows with the
 * size of the tree, not with the number of lookups.
 */
#include <libfdt.h>
#include <sbi/sbi_platform.h>
#include <sbi/sbi_hart.h>
#include <sbi/sbi_console.h>
#include <sbi/sbi_string.h>
#include <sbi/sbi_error.h>
#include <sbi_utils/fdt_helper.h>
#include <sbi_utils/fdt_walk.h>
#include <sbi_utils/serial_uart8250.h>
#include <sbi_utils/serial_sifive.h>
#include <sbi_utils/clint.h>
#include <sbi_utils/gpio_sifive.h>
#include <sbi_utils/reset.h>
#include <sbi_utils/fdt_cboz.h>
#include <sbi_utils/fdt_handoff.h>
#include <sbi_utils/fdt_memhp.h>
#include <sbi/sbi_init.h>
#include <sbi/sbi_system.h>
#include <sbi/sbi_memhp.h>
#include <memhp/memhp_fdt.h>
#include "generic_platform.h"

struct sbi_platform sbi_platform;

/* Stacks are not cleared at boot: they live outside .bss proper. */
static u8 hart_stacks[HARTS_MAX][SBI_HART_STACK_SIZE]
	__aligned(16) __attribute__((section(".bss.noclear")));

#define SCAN_DEPTH_MAX	16
#define SCAN_PHANDLES	64
#define SCAN_GPIOS	4
/* Timer and IPI devices of each kind: one per socket. */
#define SCAN_TIMER_IPI_MAX	8

/* The properties of one node the platform cares about. */
struct node_props {
	const char *compatible, *device_type, *status, *stdout_path;
	int compatible_len, device_type_len, status_len, stdout_path_len;
	const fdt32_t *reg, *irqs;
	int reg_len, irqs_len;
	const char *model;
	int model_len;
	u32 phandle, address_cells, size_cells, numa_node;
	bool has_address_cells, has_size_cells, has_mmu_type, has_numa_node;
	u32 reg_shift, reg_io_width, clock, baud, timebase;
	u32 regmap, offset, value;
	bool has_regmap, has_value;
	u64 initrd_start, initrd_end;
	const fdt32_t *gpios;
	int gpios_len;
	u32 gpio_cells;
};

/* A timer or IPI device: its registers and its per-hart interrupts. */
struct scan_dev {
	u64 base[2], size[2];
	const fdt32_t *irqs;
	int irqs_len;
};

/* What the walk remembers between nodes. */
struct scan {
	const void *fdt;
	int stdout_node;
	/* Cell counts for the children of the node at each depth. */
	u32 ac[SCAN_DEPTH_MAX], sc[SCAN_DEPTH_MAX];
	int cpus_depth;		/* depth of /cpus, or -1 */
	u64 cpu_hartid;		/* the cpu node enclosing the current one */
	bool in_cpu;
	int cpu_depth;
	/* phandle -> hart id (CPU interrupt controllers) or reg base. */
	struct {
		u32 phandle;
		u64 hartid;
		u64 base;
		bool is_intc, has_base;
	} ph[SCAN_PHANDLES];
	unsigned int nph;
	/* Devices found. */
	int uart_node;
	struct node_props uart;
	u64 uart_base;
	bool uart_sifive;
	/* CLINTs, or ACLINT MSWIs and MTIMERs, in tree order. */
	struct scan_dev clint[SCAN_TIMER_IPI_MAX], mswi[SCAN_TIMER_IPI_MAX],
		mtimer[SCAN_TIMER_IPI_MAX];
	unsigned int nclint, nmswi, nmtimer;
	u64 test_base;
	bool have_test;
	struct {
		u32 regmap, offset, value;
		bool present;
	} poweroff, reboot;
	/* SiFive GPIO controllers, and a gpio-restart node's gpios */
	struct {
		u32 phandle, cells;
		u64 base;
	} gpio[SCAN_GPIOS];
	unsigned int ngpio;
	const fdt32_t *restart_gpios;
	int restart_gpios_len;
};

static struct scan scan_state;

/*
 * Problems found during the walk are printed once the walk has found the
 * console (its node may come after /cpus and /memory).
 */
static char scan_notes[512];
static unsigned int scan_notes_len;

#define scan_note(...)							\
	do {								\
		if (scan_notes_len < sizeof(scan_notes))		\
			scan_notes_len += sbi_snprintf(			\
				scan_notes + scan_notes_len,		\
				sizeof(scan_notes) - scan_notes_len,	\
				__VA_ARGS__);				\
	} while (0)

static void scan_notes_flush(void)
{
	if (scan_notes_len)
		sbi_puts(scan_notes);
	scan_notes_len = 0;
	scan_notes[0] = '\0';
}

/* The one line cold boot prints before it stops; returns an error. */
static int platform_fail(const char *why)
{
	sbi_printf("hotsbi: %s; stopping\n", why);
	return SBI_ERR_FAILED;
}

static u32 be32(const void *p)
{
	return fdt32_to_cpu(*(const fdt32_t *)p);
}

static void read_props(const void *fdt, int node, struct node_props *p)
{
	const char *name;
	const void *v;
	int pos, len;

	memset(p, 0, sizeof(*p));
	for (pos = fdtw_props_start(fdt, node);
	     (v = fdtw_props_next(fdt, &pos, &name, &len));) {
#define IS(s) (!strcmp(name, s))
		if (IS("compatible")) {
			p->compatible = v;
			p->compatible_len = len;
		} else if (IS("device_type")) {
			p->device_type = v;
			p->device_type_len = len;
		} else if (IS("status")) {
			p->status = v;
			p->status_len = len;
		} else if (IS("reg")) {
			p->reg = v;
			p->reg_len = len;
		} else if (IS("interrupts-extended")) {
			p->irqs = v;
			p->irqs_len = len;
		} else if (IS("gpios")) {
			p->gpios = v;
			p->gpios_len = len;
		} else if (IS("model")) {
			p->model = v;
			p->model_len = len;
		} else if (IS("stdout-path") ||
			   (IS("linux,stdout-path") && !p->stdout_path)) {
			p->stdout_path = v;
			p->stdout_path_len = len;
		} else if (len >= 4) {
			u32 x = be32(v);
			u64 y = len >= 8 ? ((u64)x << 32) | be32((const char *)v + 4) : x;

			if (IS("phandle"))
				p->phandle = x;
			else if (IS("#address-cells"))
				p->address_cells = x, p->has_address_cells = true;
			else if (IS("#size-cells"))
				p->size_cells = x, p->has_size_cells = true;
			else if (IS("numa-node-id") && len == 4)
				p->numa_node = x, p->has_numa_node = true;
			else if (IS("reg-shift"))
				p->reg_shift = x;
			else if (IS("reg-io-width"))
				p->reg_io_width = x;
			else if (IS("clock-frequency"))
				p->clock = x;
			else if (IS("current-speed"))
				p->baud = x;
			else if (IS("timebase-frequency"))
				p->timebase = x;
			else if (IS("regmap"))
				p->regmap = x, p->has_regmap = true;
			else if (IS("offset"))
				p->offset = x;
			else if (IS("value"))
				p->value = x, p->has_value = true;
			else if (IS("linux,initrd-start"))
				p->initrd_start = y;
			else if (IS("linux,initrd-end"))
				p->initrd_end = y;
			else if (IS("mmu-type"))
				p->has_mmu_type = true;
			else if (IS("#gpio-cells"))
				p->gpio_cells = x;
		} else if (IS("mmu-type")) {
			p->has_mmu_type = true;
		}
#undef IS
	}
}

static bool props_enabled(const struct node_props *p)
{
	return !p->status || p->status_len <= 0 ||
	       !strncmp(p->status, "okay", p->status_len) ||
	       !strncmp(p->status, "ok", p->status_len);
}

/* Entry @i of reg with the parent's cell counts; false when absent. */
static bool props_reg(const struct node_props *p, u32 ac, u32 sc, int i,
		      u64 *base, u64 *size)
{
	if (!p->reg || ac < 1 || ac > 2 || sc > 2 ||
	    p->reg_len < (int)((i + 1) * (ac + sc) * 4))
		return false;
	*base = fdt_helper_read_cells(p->reg + i * (ac + sc), ac);
	if (size)
		*size = sc ? fdt_helper_read_cells(p->reg + i * (ac + sc) + ac, sc) : 0;
	return true;
}

/* A compatible string and its length: most candidates fail on the length. */
struct scan_compat {
	const char *str;
	unsigned int len;
};

#define COMPAT(s)	{ s, sizeof(s) - 1 }

/* A node's compatible strings, split once for all the match table's rows. */
#define NODE_COMPATS_MAX	8

struct node_compats {
	const char *str[NODE_COMPATS_MAX];
	unsigned int len[NODE_COMPATS_MAX];
	unsigned int n;
	bool more;	/* longer lists fall back to a full search */
};

static void node_compats_split(const struct node_props *p,
			       struct node_compats *nc)
{
	int at = 0;

	nc->n = 0;
	nc->more = false;
	while (p->compatible && at < p->compatible_len) {
		const char *s = p->compatible + at;
		unsigned int len = strnlen(s, p->compatible_len - at);

		if (nc->n == NODE_COMPATS_MAX) {
			nc->more = true;
			return;
		}
		/* An unterminated last entry counts, as in libfdt. */
		nc->str[nc->n] = s;
		nc->len[nc->n++] = len;
		at += len + 1;
	}
}

static bool compat_any(const struct node_props *p,
		       const struct node_compats *nc,
		       const struct scan_compat *c)
{
	unsigned int i;

	for (; c->str; c++) {
		if (nc->more) {
			if (fdtw_stringlist_has(p->compatible, p->compatible_len,
						c->str))
				return true;
			continue;
		}
		for (i = 0; i < nc->n; i++)
			if (nc->len[i] == c->len &&
			    !memcmp(nc->str[i], c->str, c->len))
				return true;
	}
	return false;
}

static const struct scan_compat uart8250_compats[] = {
	COMPAT("ns16550a"), COMPAT("ns16550"), COMPAT("ns16750"),
	COMPAT("ns16450"), COMPAT("snps,dw-apb-uart"), { NULL }
};

static const struct scan_compat sifive_compats[] = {
	COMPAT("sifive,uart0"), { NULL }
};

static void scan_phandle(struct scan *s, u32 phandle, bool intc, u64 hartid,
			 bool has_base, u64 base)
{
	if (!phandle || s->nph == SCAN_PHANDLES)
		return;
	s->ph[s->nph].phandle = phandle;
	s->ph[s->nph].is_intc = intc;
	s->ph[s->nph].hartid = hartid;
	s->ph[s->nph].has_base = has_base;
	s->ph[s->nph].base = base;
	s->nph++;
}

static void scan_cpu(struct scan *s, int node, const struct node_props *p,
		     u32 ac, u32 sc)
{
	struct sbi_hart *h;
	u64 hartid;

	if (!props_reg(p, ac, sc, 0, &hartid, NULL)) {
		scan_note("hotsbi: %s has no usable reg, skipped\n",
			  fdtw_name(s->fdt, node));
		return;
	}
	s->in_cpu = true;
	s->cpu_hartid = hartid;
	if (!props_enabled(p))
		return;
	if (sbi_hart_by_id(hartid)) {
		scan_note("hotsbi: hart id %lu listed twice, skipped\n",
			  (unsigned long)hartid);
		return;
	}
	if (sbi_hart_count == HARTS_MAX) {
		scan_note("hotsbi: more than %d harts, hart %lu stays parked\n",
			  HARTS_MAX, (unsigned long)hartid);
		return;
	}
	h = &sbi_harts[sbi_hart_count];
	h->hartid = hartid;
	h->index = sbi_hart_count;
	h->stack_top = (unsigned long)(hart_stacks[h->index] + SBI_HART_STACK_SIZE);
	/* S-mode needs an MMU; an M/U-only core has no mmu-type. */
	h->s_capable = p->has_mmu_type;
	sbi_hart_ids[sbi_hart_count++] = hartid;
}

static bool bank_overlaps(u64 base, u64 size)
{
	unsigned int k;

	for (k = 0; k < sbi_platform.mem_count; k++)
		if (base < sbi_platform.mem[k].base + sbi_platform.mem[k].size &&
		    sbi_platform.mem[k].base < base + size)
			return true;
	return false;
}

/*
 * Devices: each row of scan_matches names the compatible strings of one
 * kind of device and the function that records such a node; it returns
 * false when it does not take the node (a later row may).
 */
static bool scan_uart(struct scan *s, int node, const struct node_props *p,
		      u32 ac, u32 sc)
{
	u64 base;

	/* The first UART, unless /chosen/stdout-path names a later one. */
	if (s->uart_node >= 0 &&
	    (node != s->stdout_node || s->uart_node == s->stdout_node))
		return false;
	if (!props_reg(p, ac, sc, 0, &base, NULL))
		return false;
	s->uart_node = node;
	s->uart = *p;
	s->uart_base = base;
	s->uart_sifive = false;
	return true;
}

static bool scan_sifive_uart(struct scan *s, int node,
			     const struct node_props *p, u32 ac, u32 sc)
{
	if (!scan_uart(s, node, p, ac, sc))
		return false;
	s->uart_sifive = true;
	return true;
}

/* An enabled node of a kind with @nregs reg ranges, added to @list. */
static bool scan_dev(struct scan_dev *list, unsigned int *n,
		     const struct node_props *p, u32 ac, u32 sc, int nregs)
{
	struct scan_dev *d = &list[*n];
	int i;

	if (*n == SCAN_TIMER_IPI_MAX) {
		scan_note("hotsbi: more than %d timer or IPI devices of a kind, the rest ignored\n",
			  SCAN_TIMER_IPI_MAX);
		return false;
	}
	for (i = 0; i < nregs; i++)
		if (!props_reg(p, ac, sc, i, &d->base[i], &d->size[i]))
			return false;
	d->irqs = p->irqs;
	d->irqs_len = p->irqs_len;
	(*n)++;
	return true;
}

static bool scan_clint(struct scan *s, int node __unused, const struct node_props *p,
		       u32 ac, u32 sc)
{
	return scan_dev(s->clint, &s->nclint, p, ac, sc, 1);
}

static bool scan_mswi(struct scan *s, int node __unused, const struct node_props *p,
		      u32 ac, u32 sc)
{
	return scan_dev(s->mswi, &s->nmswi, p, ac, sc, 1);
}

/* reg: the mtime counter, then the mtimecmp registers. */
static bool scan_mtimer(struct scan *s, int node __unused, const struct node_props *p,
			u32 ac, u32 sc)
{
	return scan_dev(s->mtimer, &s->nmtimer, p, ac, sc, 2);
}

static bool scan_test(struct scan *s, int node __unused, const struct node_props *p,
		      u32 ac, u32 sc)
{
	if (s->have_test || !props_reg(p, ac, sc, 0, &s->test_base, NULL))
		return false;
	s->have_test = true;
	return true;
}

static bool scan_syscon(struct scan *s, const struct node_props *p,
			bool poweroff)
{
	typeof(s->poweroff) *r = poweroff ? &s->poweroff : &s->reboot;

	if (!p->has_regmap || !p->has_value)
		return false;
	r->regmap = p->regmap;
	r->offset = p->offset;
	r->value = p->value;
	r->present = true;
	return true;
}

static bool scan_poweroff(struct scan *s, int node __unused, const struct node_props *p,
			  u32 ac __unused, u32 sc __unused)
{
	return scan_syscon(s, p, true);
}

static bool scan_reboot(struct scan *s, int node __unused, const struct node_props *p,
			u32 ac __unused, u32 sc __unused)
{
	return scan_syscon(s, p, false);
}

static bool scan_gpio(struct scan *s, int node __unused, const struct node_props *p,
		      u32 ac, u32 sc)
{
	u64 base;

	if (!p->phandle || s->ngpio == SCAN_GPIOS ||
	    !props_reg(p, ac, sc, 0, &base, NULL))
		return false;
	s->gpio[s->ngpio].phandle = p->phandle;
	s->gpio[s->ngpio].cells = p->gpio_cells;
	s->gpio[s->ngpio].base = base;
	s->ngpio++;
	return true;
}

static bool scan_gpio_restart(struct scan *s, int node __unused,
			      const struct node_props *p, u32 ac __unused, u32 sc __unused)
{
	if (!p->gpios || s->restart_gpios)
		return false;
	s->restart_gpios = p->gpios;
	s->restart_gpios_len = p->gpios_len;
	return true;
}

static const struct scan_compat clint_compats[] = {
	COMPAT("riscv,clint0"), COMPAT("sifive,clint0"), { NULL }
};
static const struct scan_compat mswi_compats[] = {
	COMPAT("riscv,aclint-mswi"), { NULL }
};
static const struct scan_compat mtimer_compats[] = {
	COMPAT("riscv,aclint-mtimer"), { NULL }
};
static const struct scan_compat test_compats[] = {
	COMPAT("sifive,test1"), COMPAT("sifive,test0"), { NULL }
};
static const struct scan_compat poweroff_compats[] = {
	COMPAT("syscon-poweroff"), { NULL }
};
static const struct scan_compat reboot_compats[] = {
	COMPAT("syscon-reboot"), { NULL }
};
static const struct scan_compat gpio_compats[] = {
	COMPAT("sifive,gpio0"), { NULL }
};
static const struct scan_compat gpio_restart_compats[] = {
	COMPAT("gpio-restart"), { NULL }
};

static const struct scan_match {
	const struct scan_compat *compatible;
	bool (*on_node)(struct scan *s, int node, const struct node_props *p,
			u32 ac, u32 sc);
} scan_matches[] = {
	{ uart8250_compats, scan_uart },
	{ sifive_compats, scan_sifive_uart },
	{ clint_compats, scan_clint },
	{ mswi_compats, scan_mswi },
	{ mtimer_compats, scan_mtimer },
	{ test_compats, scan_test },
	{ poweroff_compats, scan_poweroff },
	{ reboot_compats, scan_reboot },
	{ gpio_compats, scan_gpio },
	{ gpio_restart_compats, scan_gpio_restart },
};

static void scan_node(struct scan *s, int node, int depth)
{
	struct node_compats nc;
	struct node_props p;
	u32 ac = depth > 0 ? s->ac[depth - 1] : 2;
	u32 sc = depth > 0 ? s->sc[depth - 1] : 1;
	u64 base, size;
	int i;

	read_props(s->fdt, node, &p);
	if (depth < SCAN_DEPTH_MAX) {
		s->ac[depth] = p.has_address_cells ? p.address_cells : 2;
		s->sc[depth] = p.has_size_cells ? p.size_cells : 1;
	}
	if (s->in_cpu && depth <= s->cpu_depth)
		s->in_cpu = false;

	if (depth == 0) {
		const char *m = p.model ? p.model : p.compatible;
		int len = p.model ? p.model_len : p.compatible_len;

		if (!m || len <= 0) {
			m = "unknown";
			len = sizeof("unknown");
		}
		len = MIN((size_t)len, sizeof(sbi_platform.model) - 1);
		memcpy(sbi_platform.model, m, len);
		sbi_platform.model[len] = '\0';
		return;
	}
	if (depth == 1 && !strcmp(fdtw_name(s->fdt, node), "cpus")) {
		s->cpus_depth = depth;
		if (p.timebase)
			sbi_platform.timebase_freq = p.timebase;
		return;
	}
	if (depth == 1 && !strcmp(fdtw_name(s->fdt, node), "chosen")) {
		if (p.initrd_end > p.initrd_start) {
			sbi_platform.initrd_start = p.initrd_start;
			sbi_platform.initrd_end = p.initrd_end;
		}
		return;
	}
	if (s->cpus_depth >= 0 && depth == s->cpus_depth + 1 &&
	    p.device_type && !strncmp(p.device_type, "cpu", p.device_type_len)) {
		s->cpu_depth = depth;
		scan_cpu(s, node, &p, ac, sc);
		return;
	}
	if (s->in_cpu && depth == s->cpu_depth + 1 && p.compatible &&
	    fdtw_stringlist_has(p.compatible, p.compatible_len, "riscv,cpu-intc")) {
		scan_phandle(s, p.phandle, true, s->cpu_hartid, false, 0);
		return;
	}
	if (!props_enabled(&p))
		return;
	/*
	 * RAM: device_type "memory" on a child of the root, as an OS reads
	 * it; /reserved-memory never is (the fixup drops its device_type).
	 */
	if (depth == 1 && p.device_type &&
	    !strncmp(p.device_type, "memory", p.device_type_len) &&
	    !fdtw_name_is(fdtw_name(s->fdt, node), "reserved-memory")) {
		for (i = 0; props_reg(&p, ac, sc, i, &base, &size); i++) {
			if (!size || base + size < base)
				continue;
			if (bank_overlaps(base, size)) {
				scan_note("hotsbi: memory 0x%lx+0x%lx overlaps another bank, ignored\n",
					  (unsigned long)base, (unsigned long)size);
				continue;
			}
			if (sbi_platform.mem_count == SBI_PLATFORM_MEM_BANKS_MAX) {
				scan_note("hotsbi: too many memory banks, 0x%lx ignored\n",
					  (unsigned long)base);
				continue;
			}
			sbi_platform.mem[sbi_platform.mem_count] =
				(struct sbi_mem_bank){ base, size, p.numa_node,
						       p.has_numa_node };
			sbi_platform.mem_count++;
		}
		return;
	}

	if (p.phandle && props_reg(&p, ac, sc, 0, &base, NULL))
		scan_phandle(s, p.phandle, false, 0, true, base);
	else if (p.phandle)
		scan_phandle(s, p.phandle, false, 0, false, 0);

	if (!p.compatible)
		return;
	node_compats_split(&p, &nc);
	for (i = 0; i < (int)array_size(scan_matches); i++)
		if (compat_any(&p, &nc, scan_matches[i].compatible) &&
		    scan_matches[i].on_node(s, node, &p, ac, sc))
			break;
}

/* The node /chosen/stdout-path names, or -1. */
static int platform_stdout_node(const void *fdt)
{
	int chosen = fdtw_path(fdt, "/chosen");
	const char *path;
	char buf[128];
	int len, i;

	if (chosen < 0)
		return -1;
	path = fdtw_getprop(fdt, chosen, "stdout-path", &len);
	if (!path || len <= 0)
		path = fdtw_getprop(fdt, chosen, "linux,stdout-path", &len);
	if (!path || len <= 0 || len >= (int)sizeof(buf))
		return -1;
	for (i = 0; i < len && path[i] && path[i] != ':'; i++)
		buf[i] = path[i];
	buf[i] = '\0';
	if (buf[0] != '/') {
		/* An alias. */
		int aliases = fdtw_path(fdt, "/aliases");
		const char *full = aliases < 0 ? NULL :
				   fdtw_getprop(fdt, aliases, buf, &len);

		return full && len > 0 && !full[len - 1] ? fdtw_path(fdt, full) :
							   -1;
	}
	return fdtw_path(fdt, buf);
}

/* True when /chosen names a stdout at all. */
static bool platform_stdout_named(const void *fdt)
{
	int chosen = fdtw_path(fdt, "/chosen"), len;

	return chosen >= 0 &&
	       (fdtw_getprop(fdt, chosen, "stdout-path", &len) ||
		fdtw_getprop(fdt, chosen, "linux,stdout-path", &len));
}

static bool scan_find_phandle(const struct scan *s, u32 phandle, bool intc,
			      u64 *value)
{
	unsigned int i;

	for (i = 0; i < s->nph; i++) {
		if (s->ph[i].phandle != phandle)
			continue;
		if (intc && s->ph[i].is_intc) {
			*value = s->ph[i].hartid;
			return true;
		}
		if (!intc && s->ph[i].has_base) {
			*value = s->ph[i].base;
			return true;
		}
	}
	return false;
}

/*
 * Per-hart registers of a timer or IPI device: the n-th entry of its
 * interrupts-extended with interrupt @irq is context n, whose register is
 * at @base + n * @stride; it is given to the hart whose interrupt
 * controller the entry names (the last entry naming a hart wins).
 */
static void dev_contexts(const struct scan *s, const struct scan_dev *d,
			 u32 irq, u64 base, unsigned int stride,
			 unsigned long *addr)
{
	int i, nctx = 0, n = d->irqs_len / 4;

	for (i = 0; i + 1 < n; i += 2) {
		struct sbi_hart *h;
		u64 hartid;

		if (fdt32_to_cpu(d->irqs[i + 1]) != irq)
			continue;
		if (scan_find_phandle(s, fdt32_to_cpu(d->irqs[i]), true,
				      &hartid)) {
			h = sbi_hart_by_id(hartid);
			if (h)
				addr[h->index] = base + nctx * stride;
		}
		nctx++;
	}
}

/* Registers only M-mode may use: denied to S-mode unless they are in RAM. */
static void platform_mmode_only(u64 base, u64 size)
{
	typeof(sbi_platform.mmode_regs[0]) *r = sbi_platform.mmode_regs;
	unsigned int i, j, *n = &sbi_platform.mmode_regs_count;

	if (bank_overlaps(base, size)) {
		sbi_printf("hotsbi: timer/IPI registers 0x%lx+0x%lx stay open to S-mode: they overlap RAM\n",
			   (unsigned long)base, (unsigned long)size);
		return;
	}
	if (*n == SBI_PLATFORM_MMODE_REGS_MAX) {
		sbi_printf("hotsbi: timer/IPI registers 0x%lx+0x%lx stay open to S-mode: too many ranges\n",
			   (unsigned long)base, (unsigned long)size);
		return;
	}
	r[*n].base = base;
	r[*n].size = size;
	(*n)++;
	/* Join ranges that overlap or touch (the ACLINT's MSWI and MTIMER). */
	for (i = 0; i < *n; i++) {
		for (j = i + 1; j < *n; j++) {
			u64 b = MIN(r[i].base, r[j].base);
			u64 e = MAX(r[i].base + r[i].size, r[j].base + r[j].size);

			if (r[j].base > r[i].base + r[i].size ||
			    r[i].base > r[j].base + r[j].size)
				continue;
			r[i].base = b;
			r[i].size = e - b;
			r[j] = r[--(*n)];
			j = i;	/* the grown range may now touch another */
		}
	}
}

/* Whether each of the @n devices of @d names at least one interrupt. */
static bool devs_have_irqs(const struct scan_dev *d, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (!d[i].irqs || d[i].irqs_len < 8)
			return false;
	return true;
}

/*
 * The CLINTs, or else the ACLINT's MSWIs and MTIMERs (one of each per
 * socket on a multi-socket machine). A CLINT's MTIMER has one context per
 * MSWI context.
 */
static int platform_init_timer_ipi(const struct scan *s)
{
	bool clint = s->nclint > 0;
	const struct scan_dev *ipi = clint ? s->clint : s->mswi;
	const struct scan_dev *timer = clint ? s->clint : s->mtimer;
	unsigned int nipi = clint ? s->nclint : s->nmswi;
	unsigned int ntimer = clint ? s->nclint : s->nmtimer;
	unsigned long msip[HARTS_MAX] = { 0 }, mtimecmp[HARTS_MAX] = { 0 };
	unsigned int d;
	int i, len;

	if (!nipi || !ntimer)
		return platform_fail("device tree has no CLINT (riscv,clint0) nor ACLINT (riscv,aclint-mswi and riscv,aclint-mtimer)");
	if (!devs_have_irqs(ipi, nipi) || !devs_have_irqs(timer, ntimer))
		return platform_fail("CLINT or ACLINT has no interrupts-extended");

	for (d = 0; d < nipi; d++) {
		dev_contexts(s, &ipi[d], IRQ_M_SOFT, ipi[d].base[0], 4, msip);
		platform_mmode_only(ipi[d].base[0], ipi[d].size[0]);
		if (clint)
			dev_contexts(s, &ipi[d], IRQ_M_SOFT,
				     ipi[d].base[0] + CLINT_MTIMECMP_OFF, 8,
				     mtimecmp);
	}
	for (d = 0; !clint && d < ntimer; d++) {
		dev_contexts(s, &timer[d], IRQ_M_TIMER, timer[d].base[1], 8,
			     mtimecmp);
		platform_mmode_only(timer[d].base[0], timer[d].size[0]);
		platform_mmode_only(timer[d].base[1], timer[d].size[1]);
	}
	/*
	 * Without an M-software interrupt a hart can be neither started nor
	 * sent an IPI (a remote fence would wait for it forever).
	 */
	for (i = 0; i < (int)sbi_hart_count; i++) {
		if (msip[i] || !sbi_harts[i].s_capable)
			continue;
		sbi_harts[i].s_capable = false;
		sbi_printf("hotsbi: hart %lu has no machine software interrupt, it stays parked\n",
			   sbi_harts[i].hartid);
	}
	aclint_mswi_init(msip, HARTS_MAX);
	aclint_mtimer_init(clint ? s->clint[0].base[0] + CLINT_MTIME_OFF :
				   s->mtimer[0].base[0],
			   mtimecmp, HARTS_MAX);
	len = sbi_snprintf(sbi_platform.timer_desc,
			   sizeof(sbi_platform.timer_desc), "%s @ 0x%lx",
			   clint ? "clint" : "aclint-mtimer",
			   (unsigned long)timer[0].base[clint ? 0 : 1]);
	if (ntimer > 1 && len > 0 && len < (int)sizeof(sbi_platform.timer_desc))
		sbi_snprintf(sbi_platform.timer_desc + len,
			     sizeof(sbi_platform.timer_desc) - len,
			     " and %u more", ntimer - 1);
	return 0;
}

static void platform_init_console(const struct scan *s)
{
	const struct node_props *p = &s->uart;

	if (s->uart_node < 0) {
		strlcpy(sbi_platform.console_desc, "none",
			sizeof(sbi_platform.console_desc));
		sbi_console_set_device(NULL);
		return;
	}
	if (s->uart_sifive) {
		/* Its clock comes through a clock phandle: keep the divisor. */
		sifive_uart_init(s->uart_base, 0, 0);
	} else {
		uart8250_init(s->uart_base, p->reg_shift <= 4 ? p->reg_shift : 0,
			      p->reg_io_width ? p->reg_io_width : 1, p->clock,
			      p->baud);
	}
	sbi_snprintf(sbi_platform.console_desc, sizeof(sbi_platform.console_desc),
		     "%s @ 0x%lx", s->uart_sifive ? "sifive,uart0" : "uart8250",
		     (unsigned long)s->uart_base);
}

/* A gpio-restart node whose gpios name one pin of a sifive,gpio0. */
static void platform_init_gpio_restart(const struct scan *s)
{
	const fdt32_t *g = s->restart_gpios;
	unsigned int i = s->ngpio;
	u32 pin = 0, flags = 0;

	if (s->restart_gpios_len == 12) {
		for (i = 0; i < s->ngpio; i++)
			if (s->gpio[i].phandle == fdt32_to_cpu(g[0]) &&
			    s->gpio[i].cells == 2)
				break;
		pin = fdt32_to_cpu(g[1]);
		flags = fdt32_to_cpu(g[2]);
	}
	if (i == s->ngpio || pin >= SIFIVE_GPIO_PINS) {
		sbi_printf("hotsbi: gpio-restart ignored: its gpios name no pin of a sifive,gpio0 controller\n");
		return;
	}
	/* flags bit 0: GPIO_ACTIVE_LOW */
	reset_init_gpio_restart(s->gpio[i].base, pin, flags & 1);
}

static void platform_init_reset(const struct scan *s)
{
	u64 base;

	if (s->have_test)
		reset_init_sifive_test(s->test_base);
	if (s->poweroff.present &&
	    scan_find_phandle(s, s->poweroff.regmap, false, &base))
		reset_init_syscon(true, base + s->poweroff.offset,
				  s->poweroff.value);
	if (s->reboot.present &&
	    scan_find_phandle(s, s->reboot.regmap, false, &base))
		reset_init_syscon(false, base + s->reboot.offset,
				  s->reboot.value);
	if (s->restart_gpios)
		platform_init_gpio_restart(s);
	if (!sbi_system_reset_get_device())
		strlcpy(sbi_platform.reset_desc, "none (SRST not supported)",
			sizeof(sbi_platform.reset_desc));
}

int generic_platform_scan(void *fdt)
{
	struct scan *s = &scan_state;
	int node, depth = 0, rc;

	memset(s, 0, sizeof(*s));
	scan_notes_len = 0;
	s->fdt = fdt;
	s->cpus_depth = -1;
	s->uart_node = -1;
	s->stdout_node = platform_stdout_node(fdt);

	for (node = 0; node >= 0; node = fdtw_next_node(fdt, node, &depth)) {
		if (depth < 0)
			break;
		scan_node(s, node, depth);
	}

	platform_init_console(s);
	scan_notes_flush();
	if (s->uart_node >= 0 && s->uart_node != s->stdout_node &&
	    platform_stdout_named(fdt))
		sbi_printf("hotsbi: /chosen/stdout-path names no usable UART, console on %s\n",
			   fdtw_name(fdt, s->uart_node));
	/* Before any failure, so the stop can use the tree's reset device. */
	platform_init_reset(s);
	if (s->cpus_depth < 0)
		return platform_fail("device tree has no /cpus node");
	if (!sbi_hart_count)
		return platform_fail("device tree lists no usable hart");
	if (!sbi_platform.mem_count)
		return platform_fail("device tree has no memory node with a usable reg");
	rc = platform_init_timer_ipi(s);
	if (rc)
		return rc;
	return 0;
}

/* ------------------------------------------------ platform operations */

/* QEMU virt's ns16550 by default (FW_EARLY_UART, 0 = none). */
static void generic_early_console_init(void)
{
	if (FW_EARLY_UART)
		uart8250_init(FW_EARLY_UART, 0, 1, 0, 0);
}

static int generic_early_init(void *fdt)
{
	const char *why = fdt_helper_validate(fdt);
	int rc;

	if (why) {
		generic_early_console_init();
		sbi_printf("hotsbi: device tree: %s; stopping\n", why);
		return SBI_ERR_INVALID_PARAM;
	}
	rc = generic_platform_scan(fdt);
	if (rc)
		return rc;
	fdt_cboz_probe(fdt);
	return 0;
}

static int generic_final_init(struct sbi_next_stage *next)
{
	if (sbi_memhp_cold_init((void *)next->fdt, &fdt_memhp_tree,
				next->addr)) {
		sbi_printf("hotsbi: memory hotplug: boot layout does not fit in PMP; stopping\n");
		return SBI_ERR_FAILED;
	}
	return fdt_handoff(&next->fdt, next->addr, MEMHP_FDT_WINDOW_COMPAT,
			   "hotplug-memory", fdt_memhp_emit);
}

/* The firmware's entry passes this table to sbi_cold_boot(). */
const struct sbi_platform_operations platform_ops = {
	.early_console_init = generic_early_console_init,
	.early_init = generic_early_init,
	.final_init = generic_final_init,
};
