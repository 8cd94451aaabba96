/*
 * The small flattened device tree reader of the S-mode test programs: a
 * walker that hands every node and property to a callback, a lookup of
 * one property by node path, and the summary the programs boot from.
 */
#ifndef SRT_FDT_H
#define SRT_FDT_H

/* Included through srt.h, which defines MAX_HARTS. */

struct fdt_region {
	unsigned long base;
	unsigned long size;
};

/* fdt_summary.c: what fdt_parse() found */
struct fdt_summary {
	bool valid;
	unsigned long addr;
	unsigned long nharts;
	unsigned long hartids[MAX_HARTS];
	bool hart_has_h[MAX_HARTS];
	bool hart_has_sstc[MAX_HARTS];
	unsigned long timebase;
	struct fdt_region mem;
	unsigned long nresv;
	struct fdt_region resv[8];
	/* /chosen/hotsbi-test,no-pmp: the test runs on harts without PMP */
	bool no_pmp;
};

extern struct fdt_summary fdt;
/*
 * The harts under /cpus (with their ISA), the timebase frequency, the
 * first /memory region and the /reserved-memory regions of the tree at
 * @addr; fdt.valid says whether it is a well-formed tree.
 */
void fdt_parse(unsigned long addr);

/* fdt.c */
enum { FDT_EV_BEGIN, FDT_EV_PROP, FDT_EV_END };

/* One step of fdt_walk(): a node starts or ends, or one of its properties. */
struct fdt_event {
	int type;
	int depth;			/* 0 = root */
	const char *const *path;	/* node names, path[0..depth] */
	const char *prop;		/* FDT_EV_PROP: name, value, length */
	const unsigned char *val;
	unsigned int len;
	unsigned long acells, scells;	/* the parent's cells, for reg */
};
typedef void (*fdt_walk_fn)(const struct fdt_event *ev, void *ctx);

/*
 * Calls fn for every node start, property and node end, in blob order.
 * Returns false when the blob is not a well-formed device tree.
 */
bool fdt_walk(unsigned long addr, fdt_walk_fn fn, void *ctx);
/*
 * The value of property @name of the node at @path ("/chosen"; names
 * with their unit address), its length in *@len; NULL when absent.
 */
const void *fdt_prop(unsigned long addr, const char *path, const char *name,
		     unsigned int *len);
unsigned int fdt_be32(const void *p);
unsigned long fdt_read_cells(const void *p, unsigned long cells);
/* Is @s one of the strings of the string list @list of @len bytes? */
bool fdt_strlist_has(const char *list, unsigned long len, const char *s);

#endif /* SRT_FDT_H */
