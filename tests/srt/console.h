/*
 * Console, formatted output and string functions of the S-mode test
 * programs (console.c, printf.c, string.c). Included through srt.h.
 */
#ifndef SRT_CONSOLE_H
#define SRT_CONSOLE_H

/* console.c: whether DBCN is there, and its failed writes */
extern bool have_dbcn;
extern unsigned long dbcn_print_errors;
void console_init(void);
__attribute__((format(printf, 1, 2))) void printk(const char *fmt, ...);

/* printf.c */
int vsnprintf(char *buf, unsigned long len, const char *fmt, va_list ap);
__attribute__((format(printf, 3, 4)))
int snprintf(char *buf, unsigned long len, const char *fmt, ...);

/* string.c */
void *memset(void *s, int c, unsigned long n);
void *memcpy(void *d, const void *s, unsigned long n);
int memcmp(const void *a, const void *b, unsigned long n);
unsigned long strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, unsigned long n);

#endif /* SRT_CONSOLE_H */
