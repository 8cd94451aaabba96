// SPDX-License-Identifier: BSD-2-Clause
/*
 * lib/utils/fdt_helper.c: fdt_helper_validate on good trees and on broken
 * ones (truncated at every offset, bad header fields, corrupted tags,
 * unbalanced nodes, bad property name offsets) — each must give a message
 * and never read outside the buffer — and fdtw_stringlist_has() against
 * libfdt's fdt_stringlist_contains().
 */
#include <stdlib.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/wait.h>
#include <libfdt.h>
#include "harness.h"
#include "host_fakes.h"
#include <sbi_utils/fdt_helper.h>
#include <sbi_utils/fdt_walk.h>

/* ------------------------------------------------------------ raw trees */

/*
 * A structure block written token by token, so that trees libfdt's
 * writer would refuse can be made.
 */
struct raw {
	u8 st[2048];
	size_t st_len;
	char str[512];
	size_t str_len;
};

static void raw_u32(struct raw *r, u32 v)
{
	fdt32_t be = cpu_to_fdt32(v);

	memcpy(r->st + r->st_len, &be, 4);
	r->st_len += 4;
}

static void raw_bytes(struct raw *r, const void *p, size_t len)
{
	memcpy(r->st + r->st_len, p, len);
	r->st_len += len;
	while (r->st_len & 3)
		r->st[r->st_len++] = 0;
}

static void raw_begin(struct raw *r, const char *name)
{
	raw_u32(r, FDT_BEGIN_NODE);
	raw_bytes(r, name, strlen(name) + 1);
}

static void raw_end(struct raw *r)
{
	raw_u32(r, FDT_END_NODE);
}

static u32 raw_string(struct raw *r, const char *s)
{
	u32 off = r->str_len;

	memcpy(r->str + r->str_len, s, strlen(s) + 1);
	r->str_len += strlen(s) + 1;
	return off;
}

static void raw_prop_off(struct raw *r, u32 nameoff, const void *val, u32 len)
{
	raw_u32(r, FDT_PROP);
	raw_u32(r, len);
	raw_u32(r, nameoff);
	raw_bytes(r, val, len);
}

static void raw_prop(struct raw *r, const char *name, const void *val, u32 len)
{
	raw_prop_off(r, raw_string(r, name), val, len);
}

/* Header, empty reservation map, structure block, strings block. */
static void *raw_blob(const struct raw *r, size_t *size)
{
	size_t off_st = sizeof(struct fdt_header) + 16;
	size_t off_str = off_st + r->st_len;
	size_t total = off_str + r->str_len;
	struct fdt_header *h = calloc(1, (total + 7) & ~7UL);

	h->magic = cpu_to_fdt32(FDT_MAGIC);
	h->totalsize = cpu_to_fdt32(total);
	h->off_dt_struct = cpu_to_fdt32(off_st);
	h->off_dt_strings = cpu_to_fdt32(off_str);
	h->off_mem_rsvmap = cpu_to_fdt32(sizeof(struct fdt_header));
	h->version = cpu_to_fdt32(17);
	h->last_comp_version = cpu_to_fdt32(16);
	h->size_dt_strings = cpu_to_fdt32(r->str_len);
	h->size_dt_struct = cpu_to_fdt32(r->st_len);
	memcpy((char *)h + off_st, r->st, r->st_len);
	memcpy((char *)h + off_str, r->str, r->str_len);
	*size = total;
	return h;
}

/*
 * Validate a copy of @blob in an exact-size heap buffer that is the only
 * readable memory: a read past @len is an ASan error, and a probe past it
 * fails like a load from a hole in the address space.
 */
static const char *validate_copy(const void *blob, size_t len)
{
	void *buf = malloc(len ? len : 1);
	const char *msg;

	memcpy(buf, blob, len);
	host_mem_clear();
	host_mem_add(buf, len);
	msg = fdt_helper_validate(buf);
	host_mem_clear();
	free(buf);
	return msg;
}

/*
 * The same in a child process, for inputs that make the firmware read
 * out of bounds: 0 when it gave a message, 1 when it accepted the tree,
 * 2 when it crashed (an ASan report ends the child).
 */
static int validate_in_child(const void *blob, size_t len)
{
	int status;
	pid_t pid;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid == 0) {
		/* The expected ASan report would only bury the log. */
		int null = open("/dev/null", O_WRONLY);

		if (null >= 0)
			dup2(null, 2);
		_exit(validate_copy(blob, len) ? 0 : 1);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return 2;
	return WIFEXITED(status) && WEXITSTATUS(status) <= 1 ?
		       WEXITSTATUS(status) : 2;
}

#define VALID(blob, len)                                                   \
	do {                                                               \
		const char *__m = validate_copy(blob, len);                \
		host_result(!__m, __FILE__, __LINE__, "%s valid (got \"%s\")", \
			    #blob, __m ? __m : "");                        \
	} while (0)

#define INVALID(blob, len, want)                                           \
	do {                                                               \
		const char *__m = validate_copy(blob, len);                \
		host_result(__m && (!(want) || !strcmp(__m, (want) ? (want) : "")), \
			    __FILE__, __LINE__,                            \
			    "%s: \"%s\" (got \"%s\")", #blob,              \
			    (want) ? (const char *)(want) : "any message", \
			    __m ? __m : "(valid)");                        \
	} while (0)

#define MSG_HEADER	"bad device tree header (version or block offsets)"
#define MSG_STRUCT	"truncated or corrupt structure block"

/* A small valid tree: / { a = "x"; n { b = <1>; }; }; */
static void raw_good(struct raw *r)
{
	u32 one = cpu_to_fdt32(1);

	memset(r, 0, sizeof(*r));
	raw_begin(r, "");
	raw_prop(r, "a", "x", 2);
	raw_begin(r, "n");
	raw_prop(r, "b", &one, 4);
	raw_end(r);
	raw_end(r);
	raw_u32(r, FDT_END);
}

static void set_hdr(void *blob, unsigned int word, u32 v)
{
	((fdt32_t *)blob)[word] = cpu_to_fdt32(v);
}

static u32 get_hdr(const void *blob, unsigned int word)
{
	return fdt32_to_cpu(((const fdt32_t *)blob)[word]);
}

enum { H_MAGIC, H_TOTAL, H_OFF_ST, H_OFF_STR, H_OFF_RSV, H_VER, H_COMP,
       H_CPU, H_SIZE_STR, H_SIZE_ST };

static void test_validate_raw(void)
{
	struct raw r;
	size_t len;
	u8 *b, *t;
	u32 one = cpu_to_fdt32(1);

	host_section("raw trees: valid");
	raw_good(&r);
	b = raw_blob(&r, &len);
	VALID(b, len);

	host_section("header");
	CHECK_STR(fdt_helper_validate(NULL), "no device tree was passed (a1 = 0)");
	t = malloc(len + 8);
	memcpy(t + 4, b, len);
	host_mem_add(t, len + 8);
	CHECK_STR(fdt_helper_validate(t + 4),
		  "device tree address is not 8-byte aligned");
	host_mem_clear();
	CHECK_STR(fdt_helper_validate(t), "device tree address is not readable memory");
	free(t);

#define MUTATED(word, val, want)                                           \
	do {                                                               \
		u32 __old = get_hdr(b, word);                              \
		set_hdr(b, word, val);                                     \
		INVALID(b, len, want);                                     \
		set_hdr(b, word, __old);                                   \
	} while (0)

	MUTATED(H_MAGIC, 0xedfe0dd0, "bad device tree magic");
	MUTATED(H_MAGIC, 0, "bad device tree magic");
	MUTATED(H_TOTAL, 0, "device tree size is absurd");
	MUTATED(H_TOTAL, 39, "device tree size is absurd");
	MUTATED(H_TOTAL, FDT_HELPER_MAX_SIZE + 1, "device tree size is absurd");
	MUTATED(H_TOTAL, 0xffffffff, "device tree size is absurd");
	MUTATED(H_TOTAL, len + 4, "device tree extends past readable memory");
	MUTATED(H_TOTAL, FDT_HELPER_MAX_SIZE, "device tree extends past readable memory");
	MUTATED(H_TOTAL, len - 4, MSG_HEADER);
	MUTATED(H_TOTAL, 40, MSG_HEADER);
	MUTATED(H_VER, 1, MSG_HEADER);
	MUTATED(H_VER, 0, MSG_HEADER);
	MUTATED(H_COMP, 18, MSG_HEADER);
	MUTATED(H_COMP, 0xffffffff, MSG_HEADER);
	MUTATED(H_OFF_ST, len, MSG_HEADER);
	MUTATED(H_OFF_ST, 0xfffffff0, MSG_HEADER);
	MUTATED(H_OFF_ST, 4, MSG_HEADER);
	MUTATED(H_OFF_STR, len + 1, MSG_HEADER);
	MUTATED(H_OFF_STR, 0xffffffff, MSG_HEADER);
	MUTATED(H_SIZE_STR, 0x7fffffff, MSG_HEADER);
	MUTATED(H_SIZE_STR, len, MSG_HEADER);
	MUTATED(H_SIZE_ST, 0xfffffffc, MSG_HEADER);
	MUTATED(H_SIZE_ST, len, MSG_HEADER);
	MUTATED(H_OFF_RSV, len + 16, MSG_HEADER);
	MUTATED(H_OFF_RSV, 0, MSG_HEADER);
	/* A structure block cut short by its size field. */
	MUTATED(H_SIZE_ST, get_hdr(b, H_SIZE_ST) - 4, MSG_STRUCT);
	MUTATED(H_SIZE_ST, 8, MSG_STRUCT);
	MUTATED(H_SIZE_ST, 0, NULL);
	MUTATED(H_SIZE_STR, 0, "bad property name");
	free(b);

	host_section("tags");
	/* Unknown tag in place of the second property. */
	memset(&r, 0, sizeof(r));
	raw_begin(&r, "");
	raw_u32(&r, 0xa);
	raw_end(&r);
	raw_u32(&r, FDT_END);
	b = raw_blob(&r, &len);
	INVALID(b, len, MSG_STRUCT);
	free(b);

	memset(&r, 0, sizeof(r));
	raw_begin(&r, "");
	raw_u32(&r, 0xffffffff);
	raw_end(&r);
	raw_u32(&r, FDT_END);
	b = raw_blob(&r, &len);
	INVALID(b, len, MSG_STRUCT);
	free(b);

	/* No FDT_END at all. */
	memset(&r, 0, sizeof(r));
	raw_begin(&r, "");
	raw_end(&r);
	b = raw_blob(&r, &len);
	INVALID(b, len, MSG_STRUCT);
	free(b);

	/* NOPs are fine. */
	memset(&r, 0, sizeof(r));
	raw_begin(&r, "");
	raw_u32(&r, FDT_NOP);
	raw_prop(&r, "a", "x", 2);
	raw_u32(&r, FDT_NOP);
	raw_end(&r);
	raw_u32(&r, FDT_NOP);
	raw_u32(&r, FDT_END);
	b = raw_blob(&r, &len);
	VALID(b, len);
	free(b);

	host_section("unbalanced nodes");
	memset(&r, 0, sizeof(r));
	raw_begin(&r, "");
	raw_end(&r);
	raw_end(&r);
	raw_u32(&r, FDT_END);
	b = raw_blob(&r, &len);
	INVALID(b, len, "unbalanced nodes");
	free(b);

	memset(&r, 0, sizeof(r));
	raw_end(&r);
	raw_begin(&r, "");
	raw_u32(&r, FDT_END);
	b = raw_blob(&r, &len);
	INVALID(b, len, NULL);
	free(b);

	memset(&r, 0, sizeof(r));
	raw_begin(&r, "");
	raw_begin(&r, "child");
	raw_end(&r);
	raw_u32(&r, FDT_END);
	b = raw_blob(&r, &len);
	INVALID(b, len, "structure block ends inside a node");
	free(b);

	host_section("properties");
	memset(&r, 0, sizeof(r));
	raw_prop(&r, "a", "x", 2);
	raw_begin(&r, "");
	raw_end(&r);
	raw_u32(&r, FDT_END);
	b = raw_blob(&r, &len);
	INVALID(b, len, "property outside any node");
	free(b);

	memset(&r, 0, sizeof(r));
	raw_begin(&r, "");
	raw_end(&r);
	raw_prop(&r, "a", "x", 2);
	raw_u32(&r, FDT_END);
	b = raw_blob(&r, &len);
	INVALID(b, len, "property outside any node");
	free(b);

	{
		static const u32 bad_off[] = { 2, 100, 0x7fffffff, 0x80000000,
					       0xffffffff };
		unsigned int i;

		for (i = 0; i < array_size(bad_off); i++) {
			memset(&r, 0, sizeof(r));
			raw_string(&r, "a");
			raw_begin(&r, "");
			raw_prop_off(&r, bad_off[i], "x", 2);
			raw_end(&r);
			raw_u32(&r, FDT_END);
			b = raw_blob(&r, &len);
			CHECK_STR(validate_copy(b, len), "bad property name");
			free(b);
		}
		/* The name "a" without its terminator at the block's end. */
		memset(&r, 0, sizeof(r));
		raw_string(&r, "ab");
		raw_begin(&r, "");
		raw_prop_off(&r, 1, "x", 2);
		raw_end(&r);
		raw_u32(&r, FDT_END);
		b = raw_blob(&r, &len);
		VALID(b, len);
		set_hdr(b, H_SIZE_STR, 2);
		INVALID(b, len, "bad property name");
		free(b);
	}

	/* Property lengths running past the block or wrapping. */
	{
		static const u32 bad_len[] = { 64, 0x1000, 0x7fffffe0,
					       0x7ffffff0, 0x7ffffff3,
					       0x7ffffffc, 0x80000000,
					       0xfffffffc };
		unsigned int i;

		for (i = 0; i < array_size(bad_len); i++) {
			memset(&r, 0, sizeof(r));
			raw_begin(&r, "");
			raw_prop(&r, "b", &one, 4);
			raw_end(&r);
			raw_u32(&r, FDT_END);
			/* len of the property: word 3 of the block ("" is one word). */
			((fdt32_t *)r.st)[3] = cpu_to_fdt32(bad_len[i]);
			b = raw_blob(&r, &len);
			INVALID(b, len, MSG_STRUCT);
			free(b);
		}
		CHECK_MSG(host_ubsan_count(UB_LIBFDT_OVERFLOW) == 0,
			  "property lengths near INT_MAX are refused before libfdt's offset arithmetic can overflow");
	}

	host_section("node names");
	/* A name without its terminator up to the end of the block. */
	memset(&r, 0, sizeof(r));
	raw_begin(&r, "");
	raw_u32(&r, FDT_BEGIN_NODE);
	memcpy(r.st + r.st_len, "abcdefgh", 8);
	r.st_len += 8;
	b = raw_blob(&r, &len);
	INVALID(b, len, MSG_STRUCT);
	free(b);

	host_section("tree ending 1-3 bytes past readable memory");
	{
		int rc;

		memset(&r, 0, sizeof(r));
		raw_begin(&r, "");
		raw_prop(&r, "abcde", "x", 2);	/* strings block of 6 bytes */
		raw_end(&r);
		raw_u32(&r, FDT_END);
		b = raw_blob(&r, &len);
		CHECK(len % 4 == 2);
		VALID(b, len);
		rc = validate_in_child(b, len - 1);
		rc |= validate_in_child(b, len - 2);
		CHECK_MSG(rc == 0,
			  "a tree whose last 1-2 bytes lie past readable memory is refused (the end probe covers every byte)");
		INVALID(b, len - 3, "device tree extends past readable memory");
		free(b);
	}

	host_section("block alignment (struct 4, reservation map 8)");
	{
		unsigned int before = host_ubsan_count("", "misaligned-pointer-use");
		const char *m1, *m2;
		u8 *t;

		/* The structure block moved to a 2-byte aligned offset. */
		raw_good(&r);
		b = raw_blob(&r, &len);
		t = calloc(1, len + 8);
		memcpy(t, b, 56);
		memcpy(t + 58, b + 56, len - 56);
		set_hdr(t, H_TOTAL, len + 2);
		set_hdr(t, H_OFF_ST, 58);
		set_hdr(t, H_OFF_STR, get_hdr(b, H_OFF_STR) + 2);
		m1 = validate_copy(t, len + 2);
		/* The reservation map at a 4-byte aligned offset. */
		memset(t, 0, len + 8);
		memcpy(t, b, 40);
		memcpy(t + 60, b + 56, len - 56);
		set_hdr(t, H_TOTAL, len + 4);
		set_hdr(t, H_OFF_RSV, 44);
		set_hdr(t, H_OFF_ST, 60);
		set_hdr(t, H_OFF_STR, get_hdr(b, H_OFF_STR) + 4);
		m2 = validate_copy(t, len + 4);
		CHECK_MSG(m1 && m2 &&
			  host_ubsan_count("", "misaligned-pointer-use") == before,
			  "misaligned structure block and reservation map are refused (no misaligned load in libfdt)");
		free(t);
		free(b);
	}

	host_section("memory reservation map without terminator");
	{
		char name[40];

		/* The map placed on the strings block: no zero-size entry. */
		memset(name, 'a', sizeof(name) - 1);
		name[sizeof(name) - 1] = '\0';
		memset(&r, 0, sizeof(r));
		raw_begin(&r, "");
		raw_prop(&r, name, "x", 2);
		raw_end(&r);
		raw_u32(&r, FDT_END);
		b = raw_blob(&r, &len);
		set_hdr(b, H_OFF_RSV, get_hdr(b, H_OFF_STR));
		CHECK(get_hdr(b, H_OFF_RSV) % 8 == 0);
		CHECK(fdt_num_mem_rsv(b) < 0);
		CHECK_MSG(validate_copy(b, len) != NULL,
			  "a memory reservation map with no terminating entry is refused");
		free(b);
	}

	host_section("version 16: size_dt_struct is not checked by libfdt");
	{
		int rc;

		/* No FDT_END: a walk bounded by size_dt_struct runs on. */
		memset(&r, 0, sizeof(r));
		raw_begin(&r, "");
		raw_prop(&r, "a", "x", 2);
		raw_end(&r);
		raw_u32(&r, FDT_NOP);
		b = raw_blob(&r, &len);
		set_hdr(b, H_VER, 16);
		set_hdr(b, H_SIZE_ST, 0x100000);
		CHECK_EQ(fdt_check_header(b), 0);
		rc = validate_in_child(b, len);
		CHECK_MSG(rc == 0,
			  "a version-16 tree whose size_dt_struct runs past the tree is refused without reading past it");
		free(b);

		/* The same tree with an honest size is fine either way. */
		raw_u32(&r, FDT_END);
		b = raw_blob(&r, &len);
		set_hdr(b, H_VER, 16);
		CHECK_MSG(validate_in_child(b, len) != 2,
			  "a well-formed version-16 tree does not crash");

		/* Before version 16 node names are full paths. */
		set_hdr(b, H_VER, 13);
		set_hdr(b, H_COMP, 5);
		CHECK(fdt_check_header(b) == 0 && fdt_get_name(b, 0, NULL) == NULL);
		CHECK_MSG(validate_copy(b, len) != NULL,
			  "trees of layout version < 17 are refused");
		free(b);
	}

	host_section("a second top-level node");
	memset(&r, 0, sizeof(r));
	raw_begin(&r, "");
	raw_end(&r);
	raw_begin(&r, "cpus");
	raw_prop(&r, "a", "x", 2);
	raw_end(&r);
	raw_u32(&r, FDT_END);
	b = raw_blob(&r, &len);
	CHECK_MSG(validate_copy(b, len) != NULL,
		  "a second top-level node is refused");
	free(b);

	host_section("no root node");
	{
		const char *only_end, *only_nop;

		memset(&r, 0, sizeof(r));
		raw_u32(&r, FDT_END);
		b = raw_blob(&r, &len);
		only_end = validate_copy(b, len);
		free(b);
		memset(&r, 0, sizeof(r));
		raw_u32(&r, FDT_NOP);
		raw_u32(&r, FDT_END);
		b = raw_blob(&r, &len);
		only_nop = validate_copy(b, len);
		free(b);
		CHECK_MSG(only_end && only_nop,
			  "a structure block without any node is refused");
	}
}

/* Truncate a real tree at every offset, three ways. */
static void test_truncation(const void *tree, size_t len, const char *what)
{
	u8 *b = malloc(len);
	size_t cut;
	unsigned int bad_buf = 0, bad_total = 0, bad_struct = 0, n = 0;
	u32 size_st = fdt_size_dt_struct(tree);

	host_section(what);
	VALID(tree, len);
	for (cut = 0; cut < len; cut++) {
		/* The buffer ends early; the header still says len. */
		if (!validate_copy(tree, cut))
			bad_buf++;
		/* The header agrees with the shorter buffer. */
		memcpy(b, tree, len);
		if (cut >= 8)
			set_hdr(b, H_TOTAL, cut);
		if (!validate_copy(b, cut))
			bad_total++;
		n++;
	}
	/* The structure block's own size cut short. */
	for (cut = 0; cut < size_st; cut++) {
		memcpy(b, tree, len);
		set_hdr(b, H_SIZE_ST, cut);
		if (!validate_copy(b, len))
			bad_struct++;
	}
	CHECK_MSG(bad_buf == 0, "%u buffer cuts all refused (%u accepted)", n,
		  bad_buf);
	CHECK_MSG(bad_total == 0, "%u cuts with matching totalsize all refused (%u accepted)",
		  n, bad_total);
	CHECK_MSG(bad_struct == 0, "%u structure-size cuts all refused (%u accepted)",
		  size_st, bad_struct);
	free(b);
}

/* Overwrite every structure-block word with every tag value. */
static void test_tag_corruption(const void *tree, size_t len)
{
	static const u32 vals[] = { FDT_BEGIN_NODE, FDT_END_NODE, FDT_PROP,
				    FDT_NOP, FDT_END, 0, 5, 0x7fffffff,
				    0xffffffff };
	u32 off_st = fdt_off_dt_struct(tree), size_st = fdt_size_dt_struct(tree);
	u8 *b = malloc(len);
	unsigned int w, v, cases = 0, accepted = 0;

	host_section("every structure word replaced by tag values");
	for (w = 0; w < size_st / 4; w++) {
		for (v = 0; v < array_size(vals); v++) {
			memcpy(b, tree, len);
			((fdt32_t *)(b + off_st))[w] = cpu_to_fdt32(vals[v]);
			if (!validate_copy(b, len))
				accepted++;
			cases++;
		}
	}
	CHECK_MSG(cases > 100, "%u corrupted trees validated without a crash (%u still valid)",
		  cases, accepted);
	free(b);
}

/*
 * String lists match as libfdt's fdt_stringlist_contains() does in a
 * blob: it compares one byte past an unterminated last entry, and in a
 * device tree the byte after a property value is always 0 (padding, or
 * the next big-endian token), so such an entry matches. The firmware's
 * views (the device-overlap check, the window nodes it replaces) must
 * agree with what an OS reading the tree with libfdt sees.
 */
static void test_stringlist(void)
{
	host_section("string lists");
	CHECK(fdtw_stringlist_has("abc\0def", 8, "def"));
	CHECK(fdtw_stringlist_has("abc\0def", 8, "abc"));
	CHECK(fdtw_stringlist_has("abc\0def", 7, "def"));
	CHECK(fdt_stringlist_contains("abc\0def\0", 7, "def"));
	CHECK(!fdtw_stringlist_has("abc\0def", 8, "de"));
	CHECK(!fdtw_stringlist_has("abc\0def", 6, "def"));
	CHECK(!fdtw_stringlist_has(NULL, 8, "abc"));
	CHECK(!fdtw_stringlist_has("", 1, "abc"));
}

int main(int argc, char **argv)
{
	char path[4096];
	void *tree;
	size_t len;

	host_platform_reset();
	test_validate_raw();
	test_stringlist();

	snprintf(path, sizeof(path), "%s/plat-sparse.dtb",
		 argc > 1 ? argv[1] : ".");
	tree = host_read_file(path, &len);
	CHECK_MSG(tree != NULL, "read %s", path);
	if (tree) {
		test_truncation(tree, len, "plat-sparse.dtb truncated at every offset");
		test_tag_corruption(tree, len);
		free(tree);
	}
	return host_summary("fdt-helper");
}
