/* util.h: allocation that cannot fail, growable buffers, UTF-8 helpers and diagnostics. */
#ifndef QB_UTIL_H
#define QB_UTIL_H

#include <stddef.h>
#include <stdint.h>

/* Exit codes, named (sysexits.h values where one fits). */
enum {
    EXIT_OK_ = 0,
    EXIT_FAIL = 1,
    EXIT_USAGE = 64,   /* bad command line or bad script line */
    EXIT_DATAERR = 65, /* a deck (or other input) has errors */
    EXIT_NOINPUT = 66, /* a file is missing or unreadable */
    EXIT_SOFTWARE = 70, /* internal error */
    EXIT_OSERR = 71,   /* no video device, cannot open a window */
};

/* Allocators that print a message and exit(70) when memory runs out. */
void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* printf into a freshly allocated string. */
char *xasprintf(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* A growable byte buffer, always NUL-terminated after any append. */
typedef struct strbuf {
    /* the bytes, NUL-terminated; NULL until the first append */
    char *s;
    /* bytes used, not counting the NUL */
    size_t len;
    /* bytes allocated */
    size_t cap;
} strbuf;
void sb_append(strbuf *b, const char *s, size_t n);
void sb_puts(strbuf *b, const char *s);
void sb_printf(strbuf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Appends s as a JSON string literal, quotes included. */
void sb_json_str(strbuf *b, const char *s);
void sb_free(strbuf *b);

/* Length of the valid UTF-8 sequence at s (1..4), or 0 if s[0..] is not valid UTF-8
 * (overlongs, surrogates and code points above U+10FFFF count as invalid). n is bytes available. */
int utf8_seq_len(const unsigned char *s, size_t n);
/* 1 if the n bytes are all valid UTF-8. */
int utf8_valid(const char *s, size_t n);
/* Number of code points in a valid UTF-8 string. */
size_t utf8_count(const char *s);
/* Byte length of the first max_cp code points of a valid UTF-8 string. */
size_t utf8_prefix(const char *s, size_t max_cp);

/* 64-bit FNV-1a: h (start with UTIL_FNV_SEED) with the n bytes at p mixed in (the renderer's
 * display list and the text caches key on it). */
#define UTIL_FNV_SEED 0xCBF29CE484222325ull
uint64_t util_fnv(uint64_t h, const void *p, size_t n);

/* Reads a whole file into a NUL-terminated buffer. Returns 0 on success, else errno.
 * max_bytes guards against absurd inputs (0 = no limit). */
int read_file(const char *path, size_t max_bytes, char **out, size_t *len);

/* One problem found in user data: "file:line: error: msg". */
typedef struct diag {
    /* file name as the user gave it */
    char *file;
    /* 1-based line, 0 when the problem is not tied to a line */
    int line;
    /* 1 for an error, 0 for a warning */
    int is_error;
    /* what is wrong, one line, no trailing newline */
    char *msg;
} diag;

/* A list of problems, in the order found. */
typedef struct diag_list {
    diag *items;
    int n;
    int cap;
    /* number of items with is_error set */
    int errors;
} diag_list;

void diag_add(diag_list *d, const char *file, int line, int is_error, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;
/* Formats every item as "file:line: error: msg\n" (or "warning:") into out. */
void diag_print(const diag_list *d, void *FILE_out);
void diag_free(diag_list *d);

#endif
