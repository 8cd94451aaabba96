/*
 * The M-mode timer and IPI devices of the tree (CLINT, ACLINT MSWI and
 * MTIMER), whose registers the firmware must keep from S-mode.
 */
#include "payload.h"

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
			f->match |= fdt_strlist_has((const char *)ev->val, ev->len,
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

			f->r[f->n].base = fdt_read_cells(p, f->acells);
			f->r[f->n].size = fdt_read_cells(p + f->acells * 4,
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

