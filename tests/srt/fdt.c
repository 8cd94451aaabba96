/*
 * Minimal flattened device tree reader: a walker that hands every node
 * and property to a callback, and the lookups built on it. Read-only, no
 * allocation.
 */
#include "srt.h"

#define FDT_MAGIC		0xd00dfeed
#define FDT_BEGIN_NODE		1
#define FDT_END_NODE		2
#define FDT_PROP		3
#define FDT_NOP			4
#define FDT_END			9
#define MAX_DEPTH		8

unsigned int fdt_be32(const void *p)
{
	const unsigned char *b = p;

	return ((u32)b[0] << 24) | ((u32)b[1] << 16) | ((u32)b[2] << 8) | b[3];
}

unsigned long fdt_read_cells(const void *p, unsigned long cells)
{
	const unsigned char *b = p;
	unsigned long v = 0;

	while (cells--) {
		v = (v << 32) | fdt_be32(b);
		b += 4;
	}
	return v;
}

bool fdt_strlist_has(const char *list, unsigned long len, const char *s)
{
	unsigned long i = 0;

	while (i < len) {
		if (!strcmp(list + i, s))
			return true;
		i += strlen(list + i) + 1;
	}
	return false;
}

bool fdt_walk(unsigned long addr, fdt_walk_fn fn, void *ctx)
{
	const unsigned char *base = (const unsigned char *)addr;
	const unsigned char *p, *end, *strings;
	const char *names[MAX_DEPTH];
	unsigned long acells[MAX_DEPTH], scells[MAX_DEPTH];
	struct fdt_event ev = { .path = names };
	int depth = -1;

	if (!addr || (addr & 3) || fdt_be32(base) != FDT_MAGIC)
		return false;
	p = base + fdt_be32(base + 8);
	end = base + fdt_be32(base + 4);
	strings = base + fdt_be32(base + 12);

	while (p < end) {
		u32 tok = fdt_be32(p);

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
			u32 len = fdt_be32(p);

			if (depth < 0)
				return false;
			ev.type = FDT_EV_PROP;
			ev.depth = depth;
			ev.prop = (const char *)strings + fdt_be32(p + 4);
			ev.val = p + 8;
			ev.len = len;
			p += (8 + len + 3) & ~3UL;
			if (!strcmp(ev.prop, "#address-cells"))
				acells[depth] = fdt_be32(ev.val);
			else if (!strcmp(ev.prop, "#size-cells"))
				scells[depth] = fdt_be32(ev.val);
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

struct prop_find {
	const char *path, *name;
	const void *val;
	unsigned int len;
};

/* Is the node of @ev the one at @path ("/a/b")? */
static bool path_is(const struct fdt_event *ev, const char *path)
{
	unsigned long n;
	int d;

	for (d = 1; d <= ev->depth; d++) {
		if (*path++ != '/')
			return false;
		n = strlen(ev->path[d]);
		if (strncmp(path, ev->path[d], n))
			return false;
		path += n;
	}
	return !*path || !strcmp(path, "/");
}

static void prop_collect(const struct fdt_event *ev, void *ctx)
{
	struct prop_find *f = ctx;

	if (ev->type == FDT_EV_PROP && !f->val && !strcmp(ev->prop, f->name) &&
	    path_is(ev, f->path)) {
		f->val = ev->val;
		f->len = ev->len;
	}
}

const void *fdt_prop(unsigned long addr, const char *path, const char *name,
		     unsigned int *len)
{
	struct prop_find f = { .path = path, .name = name };

	fdt_walk(addr, prop_collect, &f);
	*len = f.len;
	return f.val;
}
