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

struct sbi_platform sbi_platform;

/* Stacks are not cleared at boot: they live outside .bss proper. */
static u8 hart_stacks[HARTS_MAX][SBI_HART_STACK_SIZE]
	__aligned(16) __attribute__((section(".bss.noclear")));

#define SCAN_DEPTH_MAX	16
#define SCAN_PHANDLES	64
#define SCAN_GPIOS	4

/* The properties of one node the platform cares about. */
struct node_props {
	const char *compatible, *device_type, *status, *stdout_path;
	int compatible_len, device_type_len, status_len, stdout_path_len;
	const fdt32_t *reg, *irqs;
	int reg_len, irqs_len;
	const char *model;
	int model_len;
	u32 phandle, address_cells, size_cells;
	bool has_address_cells, has_size_cells, has_mmu_type;
	u32 reg_shift, reg_io_width, clock, baud, timebase;
	u32 regmap, offset, value;
	bool has_regmap, has_value;
	u64 initrd_start, initrd_end;
	const fdt32_t *gpios;
	int gpios_len;
	u32 gpio_cells;
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
	int clint_node;
	u64 clint_base, clint_size;
	const fdt32_t *clint_irqs;
	int clint_irqs_len;
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
	int off;

	memset(p, 0, sizeof(*p));
	for (off = fdtw_first_prop(fdt, node); off >= 0;
	     off = fdtw_next_prop(fdt, off)) {
		const char *name;
		int len;
		const void *v = fdtw_prop(fdt, off, &name, &len);

		if (!v || !name)
			continue;
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

static const char *const uart8250_compats[] = {
	"ns16550a", "ns16550", "ns16750", "ns16450", "snps,dw-apb-uart", NULL
};

static const char *const sifive_compats[] = { "sifive,uart0", NULL };

static bool compat_any(const struct node_props *p, const char *const *c)
{
	for (; *c; c++)
		if (p->compatible && fdtw_stringlist_has(p->compatible, p->compatible_len, *c))
			return true;
	return false;
}

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

static void scan_node(struct scan *s, int node, int depth)
{
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
			sbi_platform.mem[sbi_platform.mem_count].base = base;
			sbi_platform.mem[sbi_platform.mem_count].size = size;
			sbi_platform.mem_count++;
		}
		return;
	}

	if (p.phandle && props_reg(&p, ac, sc, 0, &base, NULL))
		scan_phandle(s, p.phandle, false, 0, true, base);
	else if (p.phandle)
		scan_phandle(s, p.phandle, false, 0, false, 0);

	if ((compat_any(&p, uart8250_compats) || compat_any(&p, sifive_compats)) &&
	    (s->uart_node < 0 || node == s->stdout_node) &&
	    (s->uart_node < 0 || s->uart_node != s->stdout_node) &&
	    props_reg(&p, ac, sc, 0, &base, NULL)) {
		s->uart_node = node;
		s->uart = p;
		s->uart_base = base;
		s->uart_sifive = compat_any(&p, sifive_compats);
	} else if (p.compatible &&
		   (fdtw_stringlist_has(p.compatible, p.compatible_len, "riscv,clint0") ||
		    fdtw_stringlist_has(p.compatible, p.compatible_len, "sifive,clint0")) &&
		   s->clint_node < 0 && props_reg(&p, ac, sc, 0, &base, &size)) {
		s->clint_node = node;
		s->clint_base = base;
		s->clint_size = size;
		s->clint_irqs = p.irqs;
		s->clint_irqs_len = p.irqs_len;
	} else if (p.compatible &&
		   (fdtw_stringlist_has(p.compatible, p.compatible_len, "sifive,test1") ||
		    fdtw_stringlist_has(p.compatible, p.compatible_len, "sifive,test0")) &&
		   !s->have_test && props_reg(&p, ac, sc, 0, &base, NULL)) {
		s->test_base = base;
		s->have_test = true;
	} else if (p.compatible && p.has_regmap && p.has_value &&
		   fdtw_stringlist_has(p.compatible, p.compatible_len, "syscon-poweroff")) {
		s->poweroff.regmap = p.regmap;
		s->poweroff.offset = p.offset;
		s->poweroff.value = p.value;
		s->poweroff.present = true;
	} else if (p.compatible && p.has_regmap && p.has_value &&
		   fdtw_stringlist_has(p.compatible, p.compatible_len, "syscon-reboot")) {
		s->reboot.regmap = p.regmap;
		s->reboot.offset = p.offset;
		s->reboot.value = p.value;
		s->reboot.present = true;
	} else if (p.compatible && p.phandle && s->ngpio < SCAN_GPIOS &&
		   fdtw_stringlist_has(p.compatible, p.compatible_len, "sifive,gpio0") &&
		   props_reg(&p, ac, sc, 0, &base, NULL)) {
		s->gpio[s->ngpio].phandle = p.phandle;
		s->gpio[s->ngpio].cells = p.gpio_cells;
		s->gpio[s->ngpio].base = base;
		s->ngpio++;
	} else if (p.compatible && p.gpios && !s->restart_gpios &&
		   fdtw_stringlist_has(p.compatible, p.compatible_len, "gpio-restart")) {
		s->restart_gpios = p.gpios;
		s->restart_gpios_len = p.gpios_len;
	}
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

static int platform_init_clint(const struct scan *s)
{
	int ctx[HARTS_MAX], i, nctx = 0, n = s->clint_irqs_len / 4;

	if (s->clint_node < 0)
		return platform_fail("device tree has no CLINT (riscv,clint0)");
	if (!s->clint_irqs || n < 2)
		return platform_fail("CLINT has no interrupts-extended");
	for (i = 0; i < HARTS_MAX; i++)
		ctx[i] = CLINT_CTX_NONE;
	/* One context per hart, in the order of its M-software entry. */
	for (i = 0; i + 1 < n; i += 2) {
		struct sbi_hart *h;
		u64 hartid;

		if (fdt32_to_cpu(s->clint_irqs[i + 1]) != IRQ_M_SOFT)
			continue;
		if (scan_find_phandle(s, fdt32_to_cpu(s->clint_irqs[i]), true,
				      &hartid)) {
			h = sbi_hart_by_id(hartid);
			if (h)
				ctx[h->index] = nctx;
		}
		nctx++;
	}
	/*
	 * Without an M-software context a hart can be neither started nor
	 * sent an IPI (a remote fence would wait for it forever).
	 */
	for (i = 0; i < (int)sbi_hart_count; i++) {
		if (ctx[i] != CLINT_CTX_NONE || !sbi_harts[i].s_capable)
			continue;
		sbi_harts[i].s_capable = false;
		sbi_printf("hotsbi: hart %lu has no CLINT software interrupt, it stays parked\n",
			   sbi_harts[i].hartid);
	}
	clint_init(s->clint_base, ctx, HARTS_MAX);
	/* M-mode only, unless the tree puts it in RAM: keep RAM usable. */
	if (bank_overlaps(s->clint_base, s->clint_size)) {
		sbi_printf("hotsbi: timer/IPI registers 0x%lx+0x%lx stay open to S-mode: they overlap RAM\n",
			   (unsigned long)s->clint_base,
			   (unsigned long)s->clint_size);
	} else {
		sbi_platform.mmode_regs_base = s->clint_base;
		sbi_platform.mmode_regs_size = s->clint_size;
	}
	sbi_snprintf(sbi_platform.timer_desc, sizeof(sbi_platform.timer_desc),
		     "clint @ 0x%lx", (unsigned long)s->clint_base);
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
	if (!sbi_platform.reset)
		strlcpy(sbi_platform.reset_desc, "none (SRST not supported)",
			sizeof(sbi_platform.reset_desc));
}

int sbi_platform_init(void *fdt)
{
	struct scan *s = &scan_state;
	int node, depth = 0, rc;

	memset(s, 0, sizeof(*s));
	scan_notes_len = 0;
	s->fdt = fdt;
	s->cpus_depth = -1;
	s->uart_node = -1;
	s->clint_node = -1;
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
	rc = platform_init_clint(s);
	if (rc)
		return rc;
	return 0;
}
