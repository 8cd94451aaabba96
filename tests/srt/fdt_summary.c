/*
 * The FDT summary the S-mode test programs boot from: the harts under
 * /cpus (with their ISA), the timebase frequency, the first /memory
 * region, the /reserved-memory regions and the test's /chosen flags.
 */
#include "srt.h"

struct fdt_summary fdt;

/* The cpu node being walked. */
struct parse_state {
	bool cpu_is_cpu, cpu_ok, cpu_h, cpu_sstc, cpu_has_reg;
	unsigned long cpu_reg;
	bool mem_is_mem;
};

static bool isa_has_h(const char *isa, unsigned long len)
{
	unsigned long i;

	/* "rv64imafdch_zicsr...": single letters up to the first '_' */
	if (len < 5 || strncmp(isa, "rv", 2))
		return false;
	for (i = 4; i < len && isa[i] && isa[i] != '_'; i++)
		if (isa[i] == 'h')
			return true;
	return false;
}

/* "_sstc" (or "_sstc_...") among the multi-letter extensions */
static bool isa_has_ext(const char *isa, unsigned long len, const char *ext)
{
	unsigned long i, n = strlen(ext);

	for (i = 0; i + n + 1 <= len && isa[i]; i++)
		if (isa[i] == '_' && !strncmp(isa + i + 1, ext, n) &&
		    (isa[i + 1 + n] == '_' || isa[i + 1 + n] == '\0'))
			return true;
	return false;
}

static void cpu_prop(struct parse_state *s, const struct fdt_event *ev)
{
	const char *val = (const char *)ev->val;

	if (!strcmp(ev->prop, "device_type")) {
		s->cpu_is_cpu = !strcmp(val, "cpu");
	} else if (!strcmp(ev->prop, "status")) {
		s->cpu_ok = !strcmp(val, "okay") || !strcmp(val, "ok");
	} else if (!strcmp(ev->prop, "riscv,isa")) {
		s->cpu_h |= isa_has_h(val, ev->len);
		s->cpu_sstc |= isa_has_ext(val, ev->len, "sstc");
	} else if (!strcmp(ev->prop, "riscv,isa-extensions")) {
		s->cpu_h |= fdt_strlist_has(val, ev->len, "h");
		s->cpu_sstc |= fdt_strlist_has(val, ev->len, "sstc");
	} else if (!strcmp(ev->prop, "reg") && ev->len >= ev->acells * 4) {
		s->cpu_reg = fdt_read_cells(ev->val, ev->acells);
		s->cpu_has_reg = true;
	}
}

static void cpu_end(struct parse_state *s)
{
	if (!s->cpu_is_cpu || !s->cpu_ok || !s->cpu_has_reg ||
	    fdt.nharts >= MAX_HARTS)
		return;
	fdt.hartids[fdt.nharts] = s->cpu_reg;
	fdt.hart_has_h[fdt.nharts] = s->cpu_h;
	fdt.hart_has_sstc[fdt.nharts] = s->cpu_sstc;
	fdt.nharts++;
}

static void memory_prop(struct parse_state *s, const struct fdt_event *ev)
{
	unsigned long ac = ev->acells, sc = ev->scells;

	if (!strcmp(ev->prop, "device_type"))
		s->mem_is_mem = !strcmp((const char *)ev->val, "memory");
	if (!strcmp(ev->prop, "reg") && !fdt.mem.size &&
	    ev->len >= (ac + sc) * 4 &&
	    (s->mem_is_mem || ev->path[1][6] == '@')) {
		fdt.mem.base = fdt_read_cells(ev->val, ac);
		fdt.mem.size = fdt_read_cells(ev->val + ac * 4, sc);
	}
}

static void reserved_prop(const struct fdt_event *ev)
{
	unsigned long ac = ev->acells, sc = ev->scells;

	if (strcmp(ev->prop, "reg") || ev->len < (ac + sc) * 4 ||
	    fdt.nresv >= ARRAY_SIZE(fdt.resv))
		return;
	fdt.resv[fdt.nresv].base = fdt_read_cells(ev->val, ac);
	fdt.resv[fdt.nresv].size = fdt_read_cells(ev->val + ac * 4, sc);
	fdt.nresv++;
}

static void summary_event(const struct fdt_event *ev, void *ctx)
{
	struct parse_state *s = ctx;
	const char *top = ev->depth >= 1 ? ev->path[1] : "";
	bool in_cpus = !strcmp(top, "cpus");

	if (ev->type == FDT_EV_BEGIN) {
		if (ev->depth == 2 && in_cpus)
			*s = (struct parse_state){ .cpu_ok = true };
		if (ev->depth == 1)
			s->mem_is_mem = false;
		return;
	}
	if (ev->type == FDT_EV_END) {
		if (ev->depth == 2 && in_cpus)
			cpu_end(s);
		return;
	}
	if (ev->depth == 1 && in_cpus &&
	    !strcmp(ev->prop, "timebase-frequency"))
		fdt.timebase = fdt_read_cells(ev->val, ev->len / 4);
	if (ev->depth == 2 && in_cpus)
		cpu_prop(s, ev);
	if (ev->depth == 1 && !strcmp(top, "chosen") &&
	    !strcmp(ev->prop, "hotsbi-test,no-pmp"))
		fdt.no_pmp = true;
	if (ev->depth == 1 && !strncmp(top, "memory", 6))
		memory_prop(s, ev);
	if (ev->depth == 2 && !strcmp(top, "reserved-memory"))
		reserved_prop(ev);
}

void fdt_parse(unsigned long addr)
{
	struct parse_state s = { .cpu_ok = true };

	memset(&fdt, 0, sizeof(fdt));
	fdt.timebase = 10000000;
	fdt.valid = fdt_walk(addr, summary_event, &s);
	fdt.addr = addr;
}
