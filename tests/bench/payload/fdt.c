/*
 * HotSBI bench payload: just enough flattened device tree reading to find
 * one property of one node by its full path (the bench mode in /chosen).
 */
#include "bench.h"

#define FDT_MAGIC	0xd00dfeed
#define FDT_BEGIN_NODE	1
#define FDT_END_NODE	2
#define FDT_PROP	3
#define FDT_NOP		4
#define FDT_END		9

static u32 be32(const void *p)
{
	const unsigned char *b = p;

	return (u32)b[0] << 24 | (u32)b[1] << 16 | (u32)b[2] << 8 | b[3];
}

int str_eq(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

/* Does path component @c (up to '/' or the end) name node @name? */
static int comp_eq(const char *c, const char *name)
{
	while (*c && *c != '/' && *c == *name) {
		c++;
		name++;
	}
	return (!*c || *c == '/') && !*name;
}

static const char *next_comp(const char *c)
{
	while (*c && *c != '/')
		c++;
	return *c ? c + 1 : c;
}

const void *fdt_prop(ulong fdt, const char *path, const char *name, int *len)
{
	const unsigned char *base = (const unsigned char *)fdt;
	const unsigned char *p, *strings;
	const char *want = path + 1; /* components still to match */
	int depth = 0, matched = 0; /* depth of the deepest node on the path */

	if (!fdt || be32(base) != FDT_MAGIC || *path != '/')
		return 0;
	p = base + be32(base + 8);
	strings = base + be32(base + 12);
	for (;;) {
		u32 tok = be32(p);
		const char *s;
		u32 l;

		p += 4;
		switch (tok) {
		case FDT_BEGIN_NODE:
			s = (const char *)p;
			l = 0;
			while (s[l])
				l++;
			p += (l + 4) & ~3U;
			depth++;
			if (depth == 1) {
				matched = 1; /* the root node, empty name */
			} else if (matched == depth - 1 && *want &&
				   comp_eq(want, s)) {
				matched = depth;
				want = next_comp(want);
			}
			break;
		case FDT_END_NODE:
			if (matched == depth)
				return 0; /* left a matched node: not found */
			depth--;
			break;
		case FDT_PROP:
			l = be32(p);
			s = (const char *)strings + be32(p + 4);
			if (matched == depth && !*want && str_eq(s, name)) {
				*len = l;
				return p + 8;
			}
			p += 8 + ((l + 3) & ~3U);
			break;
		case FDT_NOP:
			break;
		default:
			return 0;
		}
	}
}
