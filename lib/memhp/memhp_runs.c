// SPDX-License-Identifier: BSD-2-Clause
/*
 * Sets of block runs: sorted, disjoint, never adjacent (adjacent runs
 * merge). Operations cost O(runs), never O(blocks).
 */
#include <memhp/memhp.h>

bool memhp_runs_contains(const struct memhp_runs *s, u64 block)
{
	unsigned int lo = 0, hi = s->n;

	while (lo < hi) {
		unsigned int mid = (lo + hi) / 2;
		const struct memhp_run *r = &s->r[mid];

		if (block < r->first)
			hi = mid;
		else if (block - r->first >= r->count)
			lo = mid + 1;
		else
			return true;
	}
	return false;
}

bool memhp_runs_intersects(const struct memhp_runs *s, u64 first, u64 count)
{
	unsigned int i;

	for (i = 0; i < s->n; i++) {
		const struct memhp_run *r = &s->r[i];

		if (r->first < first + count && first < r->first + r->count)
			return true;
		if (r->first >= first + count)
			break;
	}
	return false;
}

bool memhp_runs_covers(const struct memhp_runs *s, u64 first, u64 count)
{
	unsigned int i;

	for (i = 0; i < s->n; i++) {
		const struct memhp_run *r = &s->r[i];

		if (r->first <= first && first + count <= r->first + r->count)
			return true;
	}
	return false;
}

/* Add [first, first + count), which must not intersect the set. */
int memhp_runs_add(struct memhp_runs *s, u64 first, u64 count)
{
	u64 end = first + count;
	unsigned int i = 0, j;
	bool join_prev, join_next;

	while (i < s->n && s->r[i].first < first)
		i++;
	join_prev = i > 0 && s->r[i - 1].first + s->r[i - 1].count == first;
	join_next = i < s->n && s->r[i].first == end;

	if (join_prev && join_next) {
		s->r[i - 1].count += count + s->r[i].count;
		for (j = i; j + 1 < s->n; j++)
			s->r[j] = s->r[j + 1];
		s->n--;
	} else if (join_prev) {
		s->r[i - 1].count += count;
	} else if (join_next) {
		s->r[i].first = first;
		s->r[i].count += count;
	} else {
		if (s->n == MEMHP_RUNS_MAX)
			return -1;
		for (j = s->n; j > i; j--)
			s->r[j] = s->r[j - 1];
		s->r[i].first = first;
		s->r[i].count = count;
		s->n++;
	}
	return 0;
}

/* Remove [first, first + count), which must lie inside one run. */
int memhp_runs_remove(struct memhp_runs *s, u64 first, u64 count)
{
	u64 end = first + count;
	unsigned int i, j;

	for (i = 0; i < s->n; i++) {
		struct memhp_run *r = &s->r[i];
		u64 r_end = r->first + r->count;

		if (first < r->first || end > r_end)
			continue;
		if (first == r->first && end == r_end) {
			for (j = i; j + 1 < s->n; j++)
				s->r[j] = s->r[j + 1];
			s->n--;
		} else if (first == r->first) {
			r->first = end;
			r->count = r_end - end;
		} else if (end == r_end) {
			r->count = first - r->first;
		} else {
			if (s->n == MEMHP_RUNS_MAX)
				return -1;
			for (j = s->n; j > i + 1; j--)
				s->r[j] = s->r[j - 1];
			s->r[i + 1].first = end;
			s->r[i + 1].count = r_end - end;
			r->count = first - r->first;
			s->n++;
		}
		return 0;
	}
	return -1;
}
