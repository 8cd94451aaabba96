// SPDX-License-Identifier: BSD-2-Clause
/*
 * Test harness: counters, result lines and the summary line.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"

#define array_size(a) (sizeof(a) / sizeof((a)[0]))

unsigned int host_passed, host_failed;
unsigned int host_ubsan_reports;
bool host_verbose = true;

/*
 * UBSan reports do not stop the tests (it is built recoverable): every
 * report is recorded here by source location, and host_summary() fails
 * for each location.
 */
struct ub_site {
	char kind[48];
	char file[160];
	unsigned int line;
	unsigned int count;
};

static struct ub_site ub_sites[32];
static unsigned int ub_nsites;

void __ubsan_get_current_report_data(const char **kind, const char **message,
				     const char **file, unsigned int *line,
				     unsigned int *col, char **addr);
void __ubsan_on_report(void);

void __ubsan_on_report(void)
{
	const char *kind = "", *message = "", *file = "";
	unsigned int line = 0, col = 0, i;
	char *addr = NULL;
	struct ub_site *site;

	host_ubsan_reports++;
	__ubsan_get_current_report_data(&kind, &message, &file, &line, &col,
					&addr);
	for (i = 0; i < ub_nsites; i++)
		if (ub_sites[i].line == line && !strcmp(ub_sites[i].file, file))
			break;
	if (i == array_size(ub_sites))
		i--;
	site = &ub_sites[i];
	if (i == ub_nsites) {
		ub_nsites++;
		snprintf(site->kind, sizeof(site->kind), "%s", kind ? kind : "");
		snprintf(site->file, sizeof(site->file), "%s", file ? file : "");
		site->line = line;
	}
	site->count++;
}

unsigned int host_ubsan_count(const char *file_part, const char *kind)
{
	unsigned int i, n = 0;

	for (i = 0; i < ub_nsites; i++)
		if (strstr(ub_sites[i].file, file_part) &&
		    (!kind || !strcmp(ub_sites[i].kind, kind)))
			n += ub_sites[i].count;
	return n;
}

void host_result(bool ok, const char *file, int line, const char *fmt, ...)
{
	char msg[1024];
	const char *p;
	va_list ap;

	if (ok)
		host_passed++;
	else
		host_failed++;
	if (ok && !host_verbose)
		return;
	printf("%s %u - ", ok ? "ok" : "not ok", host_passed + host_failed);
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* One line per check: control characters are escaped. */
	for (p = msg; *p; p++) {
		if (*p == '\n')
			fputs("\\n", stdout);
		else if (*p == '\r')
			fputs("\\r", stdout);
		else if ((unsigned char)*p < 0x20)
			printf("\\x%02x", (unsigned char)*p);
		else
			putchar(*p);
	}
	if (!ok)
		printf("  [%s:%d]", file, line);
	printf("\n");
	fflush(stdout);
}

void host_section(const char *name)
{
	printf("# %s\n", name);
}

int host_summary(const char *name)
{
	unsigned int i;

	for (i = 0; i < ub_nsites; i++)
		host_result(false, ub_sites[i].file, ub_sites[i].line,
			    "undefined behaviour (%s) reported %u times at %s:%u",
			    ub_sites[i].kind, ub_sites[i].count,
			    ub_sites[i].file, ub_sites[i].line);
	printf("host-%s: %u passed, %u failed\n", name, host_passed,
	       host_failed);
	fflush(stdout);
	return host_failed ? 1 : 0;
}
