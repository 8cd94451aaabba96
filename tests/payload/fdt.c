/*
 * Minimal flattened device tree walker: finds the harts under /cpus (with
 * their ISA), the timebase frequency, the first /memory region and the
 * /reserved-memory regions. Read-only, no allocation. fdt_walk() hands
 * every node and property to a callback (used by the MEMHP tests).
 */
#include "payload.h"

#define FDT_MAGIC		0xd00dfeed
#define FDT_BEGIN_NODE		1
#define FDT_END_NODE		2
#define FDT_PROP		3
#define FDT_NOP			4
#define FDT_END			9
#define MAX_DEPTH		8

struct fdt_summary fdt;

static u32 be32(const void *p)
{
	const unsigned char *b = p;

	return ((u32)b[0] << 24) | ((u32)b[1] << 16) | ((u32)b[2] << 8) | b[3];
}

static unsigned long read_cells(const unsigned char *p, unsigned long cells)
{
	unsigned long v = 0;

	while (cells--) {
		v = (v << 32) | be32(p);
		p += 4;
	}
	return v;
}

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

static bool strlist_has(const char *list, unsigned long len, const char *s)
{
	unsigned long i = 0;

	while (i < len) {
		if (!strcmp(list + i, s))
			return true;
		i += strlen(list + i) + 1;
	}
	return false;
}

void fdt_parse(unsigned long addr)
{
	const unsigned char *base = (const unsigned char *)addr;
	const unsigned char *p, *end, *strings;
	const char *names[MAX_DEPTH];
	unsigned long acells[MAX_DEPTH], scells[MAX_DEPTH];
	int depth = -1;
	/* state of the cpu node being walked */
	bool cpu_is_cpu = false, cpu_ok = true, cpu_h = false, cpu_has_reg = false;
	bool cpu_sstc = false;
	unsigned long cpu_reg = 0;
	bool mem_is_mem = false;

	memset(&fdt, 0, sizeof(fdt));
	fdt.timebase = 10000000;
	if (!addr || (addr & 3) || be32(base) != FDT_MAGIC)
		return;
	p = base + be32(base + 8);
	end = base + be32(base + 4);
	strings = base + be32(base + 12);

	while (p < end) {
		u32 tok = be32(p);

		p += 4;
		if (tok == FDT_BEGIN_NODE) {
			const char *name = (const char *)p;

			p += (strlen(name) + 4) & ~3UL;
			if (++depth >= MAX_DEPTH)
				return;
			names[depth] = name;
			acells[depth] = 2;
			scells[depth] = 1;
			if (depth == 2 && !strcmp(names[1], "cpus")) {
				cpu_is_cpu = false;
				cpu_ok = true;
				cpu_h = false;
				cpu_sstc = false;
				cpu_has_reg = false;
			}
			if (depth == 1)
				mem_is_mem = false;
		} else if (tok == FDT_END_NODE) {
			if (depth < 0)
				return;
			if (depth == 2 && !strcmp(names[1], "cpus") &&
			    cpu_is_cpu && cpu_ok && cpu_has_reg &&
			    fdt.nharts < MAX_HARTS) {
				fdt.hartids[fdt.nharts] = cpu_reg;
				fdt.hart_has_h[fdt.nharts] = cpu_h;
				fdt.hart_has_sstc[fdt.nharts] = cpu_sstc;
				fdt.nharts++;
			}
			depth--;
		} else if (tok == FDT_PROP) {
			u32 len = be32(p);
			const char *pname = (const char *)strings + be32(p + 4);
			const unsigned char *val = p + 8;
			unsigned long pac = depth > 0 ? acells[depth - 1] : 2;
			unsigned long psc = depth > 0 ? scells[depth - 1] : 1;

			p += (8 + len + 3) & ~3UL;
			if (depth < 0)
				return;
			if (!strcmp(pname, "#address-cells"))
				acells[depth] = be32(val);
			else if (!strcmp(pname, "#size-cells"))
				scells[depth] = be32(val);

			if (depth == 1 && !strcmp(names[1], "cpus") &&
			    !strcmp(pname, "timebase-frequency"))
				fdt.timebase = read_cells(val, len / 4);

			if (depth == 2 && !strcmp(names[1], "cpus")) {
				if (!strcmp(pname, "device_type"))
					cpu_is_cpu = !strcmp((const char *)val, "cpu");
				else if (!strcmp(pname, "status"))
					cpu_ok = !strcmp((const char *)val, "okay") ||
						 !strcmp((const char *)val, "ok");
				else if (!strcmp(pname, "riscv,isa")) {
					cpu_h |= isa_has_h((const char *)val, len);
					cpu_sstc |= isa_has_ext((const char *)val, len, "sstc");
				} else if (!strcmp(pname, "riscv,isa-extensions")) {
					cpu_h |= strlist_has((const char *)val, len, "h");
					cpu_sstc |= strlist_has((const char *)val, len, "sstc");
				}
				else if (!strcmp(pname, "reg") && len >= pac * 4) {
					cpu_reg = read_cells(val, pac);
					cpu_has_reg = true;
				}
			}

			if (depth == 1 && !strcmp(names[1], "chosen") &&
			    !strcmp(pname, "hotsbi-test,no-pmp"))
				fdt.no_pmp = true;

			if (depth == 1 && !strncmp(names[1], "memory", 6)) {
				if (!strcmp(pname, "device_type"))
					mem_is_mem = !strcmp((const char *)val, "memory");
				if (!strcmp(pname, "reg") && !fdt.mem.size &&
				    len >= (pac + psc) * 4 &&
				    (mem_is_mem || names[1][6] == '@')) {
					fdt.mem.base = read_cells(val, pac);
					fdt.mem.size = read_cells(val + pac * 4, psc);
				}
			}

			if (depth == 2 && !strcmp(names[1], "reserved-memory") &&
			    !strcmp(pname, "reg") && len >= (pac + psc) * 4 &&
			    fdt.nresv < ARRAY_SIZE(fdt.resv)) {
				fdt.resv[fdt.nresv].base = read_cells(val, pac);
				fdt.resv[fdt.nresv].size = read_cells(val + pac * 4, psc);
				fdt.nresv++;
			}
		} else if (tok == FDT_NOP) {
			continue;
		} else if (tok == FDT_END) {
			break;
		} else {
			return;
		}
	}
	fdt.valid = depth == -1;
}

u32 fdt_be32(const void *p)
{
	return be32(p);
}

unsigned long fdt_read_cells(const void *p, unsigned long cells)
{
	return read_cells(p, cells);
}

/*
 * Calls fn for every node start, property and node end, in blob order.
 * Returns false when the blob is not a well-formed device tree.
 */
bool fdt_walk(unsigned long addr, fdt_walk_fn fn, void *ctx)
{
	const unsigned char *base = (const unsigned char *)addr;
	const unsigned char *p, *end, *strings;
	const char *names[MAX_DEPTH];
	unsigned long acells[MAX_DEPTH], scells[MAX_DEPTH];
	struct fdt_event ev = { .path = names };
	int depth = -1;

	if (!addr || (addr & 3) || be32(base) != FDT_MAGIC)
		return false;
	p = base + be32(base + 8);
	end = base + be32(base + 4);
	strings = base + be32(base + 12);

	while (p < end) {
		u32 tok = be32(p);

		p += 4;
		ev.prop = NULL;
		ev.val = NULL;
		ev.len = 0;
		ev.acells = depth > 0 ? acells[depth - 1] : 2;
		ev.scells = depth > 0 ? scells[depth - 1] : 1;
		if (tok == FDT_BEGIN_NODE) {
			const char *name = (const char *)p;

			p += (strlen(name) + 4) & ~3UL;
			if (++depth >= MAX_DEPTH)
				return false;
			names[depth] = name;
			acells[depth] = 2;
			scells[depth] = 1;
			ev.type = FDT_EV_BEGIN;
			ev.depth = depth;
			ev.acells = depth > 0 ? acells[depth - 1] : 2;
			ev.scells = depth > 0 ? scells[depth - 1] : 1;
			fn(&ev, ctx);
		} else if (tok == FDT_END_NODE) {
			if (depth < 0)
				return false;
			ev.type = FDT_EV_END;
			ev.depth = depth;
			fn(&ev, ctx);
			depth--;
		} else if (tok == FDT_PROP) {
			u32 len = be32(p);

			if (depth < 0)
				return false;
			ev.type = FDT_EV_PROP;
			ev.depth = depth;
			ev.prop = (const char *)strings + be32(p + 4);
			ev.val = p + 8;
			ev.len = len;
			p += (8 + len + 3) & ~3UL;
			if (!strcmp(ev.prop, "#address-cells"))
				acells[depth] = be32(ev.val);
			else if (!strcmp(ev.prop, "#size-cells"))
				scells[depth] = be32(ev.val);
			fn(&ev, ctx);
		} else if (tok == FDT_NOP) {
			continue;
		} else if (tok == FDT_END) {
			break;
		} else {
			return false;
		}
	}
	return depth == -1;
}

/* ---------------------------------------------- timer and IPI devices */

static const char *const timer_ipi_compats[] = {
	"riscv,clint0", "sifive,clint0", "riscv,aclint-mswi",
	"riscv,aclint-mtimer",
};

struct timer_ipi_find {
	bool match;
	const unsigned char *reg;
	u32 reg_len;
	unsigned long acells, scells;
	struct fdt_region *r;
	unsigned long n, max;
};

static void timer_ipi_collect(const struct fdt_event *ev, void *ctx)
{
	struct timer_ipi_find *f = ctx;
	unsigned long i, cells;

	if (ev->type == FDT_EV_BEGIN) {
		f->match = false;
		f->reg = NULL;
	} else if (ev->type == FDT_EV_PROP && !strcmp(ev->prop, "compatible")) {
		for (i = 0; i < ARRAY_SIZE(timer_ipi_compats); i++)
			f->match |= strlist_has((const char *)ev->val, ev->len,
						timer_ipi_compats[i]);
	} else if (ev->type == FDT_EV_PROP && !strcmp(ev->prop, "reg")) {
		f->reg = ev->val;
		f->reg_len = ev->len;
		f->acells = ev->acells;
		f->scells = ev->scells;
	} else if (ev->type == FDT_EV_END && f->match && f->reg) {
		cells = f->acells + f->scells;
		for (i = 0; cells && (i + 1) * cells * 4 <= f->reg_len &&
			    f->n < f->max; i++) {
			const unsigned char *p = f->reg + i * cells * 4;

			f->r[f->n].base = read_cells(p, f->acells);
			f->r[f->n].size = read_cells(p + f->acells * 4,
						     f->scells);
			f->n++;
		}
		f->match = false;
	}
}

unsigned long fdt_timer_ipi_regs(struct fdt_region *r, unsigned long max)
{
	struct timer_ipi_find f = { .r = r, .max = max };

	fdt_walk(fdt.addr, timer_ipi_collect, &f);
	return f.n;
}

