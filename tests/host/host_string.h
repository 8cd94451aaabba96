/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The firmware's string routines under test-only names, so that they do
 * not replace the C library's (and ASan's interceptors) in the test
 * binaries. host_string_wrap.c compiles lib/sbi/sbi_string.c with the
 * same renaming.
 */
#ifndef __HOST_STRING_H__
#define __HOST_STRING_H__

#define memset	sbi_test_memset
#define memcpy	sbi_test_memcpy
#define memmove	sbi_test_memmove
#define memcmp	sbi_test_memcmp
#define memchr	sbi_test_memchr
#define strlen	sbi_test_strlen
#define strnlen	sbi_test_strnlen
#define strcmp	sbi_test_strcmp
#define strncmp	sbi_test_strncmp
#define strchr	sbi_test_strchr
#define strrchr	sbi_test_strrchr
#define strlcpy	sbi_test_strlcpy
#define strtoul	sbi_test_strtoul

#include <sbi/sbi_string.h>

#ifndef HOST_STRING_KEEP_NAMES
#undef memset
#undef memcpy
#undef memmove
#undef memcmp
#undef memchr
#undef strlen
#undef strnlen
#undef strcmp
#undef strncmp
#undef strchr
#undef strrchr
#undef strlcpy
#undef strtoul
#endif

#endif
