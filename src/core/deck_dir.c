/* deck_dir.c: expands directories into the deck files they hold. */
#include "deck_dir.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "deck.h"
#include "util.h"

/* how much of an extensionless file is read to tell whether it is a deck */
#define SNIFF_BYTES (64 * 1024)

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static int is_file(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* Documentation that sits beside decks (README.md is Markdown, but not a deck). */
static int is_doc_name(const char *name)
{
    static const char *const docs[] = {"README", "LICENSE", "LICENCE", "COPYING", "CHANGES", "CHANGELOG",
                                       "NOTICE", "AUTHORS"};
    for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++) {
        size_t n = strlen(docs[i]);
        if (!strncasecmp(name, docs[i], n) && (name[n] == 0 || name[n] == '.'))
            return 1;
    }
    return 0;
}

static int looks_like_deck(const char *path)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return 0;
    char *buf = xmalloc(SNIFF_BYTES);
    ssize_t n = read(fd, buf, SNIFF_BYTES);
    close(fd);
    int yes = n > 0 && deck_looks_like_deck(buf, (size_t)n);
    free(buf);
    return yes;
}

/* Natural order, as a file manager lists them: runs of digits compare by their value, so
 * "week2.md" comes before "week10.md"; everything else byte by byte. */
int deck_dir_compare(const char *a, const char *b)
{
    while (*a && *b) {
        if (*a >= '0' && *a <= '9' && *b >= '0' && *b <= '9') {
            while (*a == '0')
                a++;
            while (*b == '0')
                b++;
            size_t la = 0, lb = 0;
            while (a[la] >= '0' && a[la] <= '9')
                la++;
            while (b[lb] >= '0' && b[lb] <= '9')
                lb++;
            if (la != lb)
                return la < lb ? -1 : 1;
            int c = memcmp(a, b, la);
            if (c)
                return c;
            a += la;
            b += lb;
            continue;
        }
        if (*a != *b)
            return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
        a++;
        b++;
    }
    return (unsigned char)*a - (unsigned char)*b;
}

static int cmp_str(const void *a, const void *b)
{
    const char *x = *(const char *const *)a, *y = *(const char *const *)b;
    int c = deck_dir_compare(x, y);
    return c ? c : strcmp(x, y); /* "a01" and "a1": still one fixed order */
}

static void push(char ***out, int *n, char *s)
{
    *out = xrealloc(*out, sizeof **out * (size_t)(*n + 1));
    (*out)[(*n)++] = s;
}

char **deck_dir_expand(const char *const *paths, int n, int *nout)
{
    char **out = NULL;
    int count = 0;
    for (int i = 0; i < n; i++) {
        if (!is_dir(paths[i])) {
            push(&out, &count, xstrdup(paths[i]));
            continue;
        }
        DIR *d = opendir(paths[i]);
        if (!d) {
            /* an unreadable directory: let the loader say why */
            push(&out, &count, xstrdup(paths[i]));
            continue;
        }
        int first = count;
        struct dirent *de;
        while ((de = readdir(d)) != NULL) {
            const char *name = de->d_name;
            if (name[0] == '.' || is_doc_name(name))
                continue;
            char *full = xasprintf("%s/%s", paths[i], name);
            /* a deck format's extension (deck.c's table) decides; a file without one is
             * looked at; any other extension (.pdf, .png) is no deck */
            const char *dot = strrchr(name, '.');
            int take = is_file(full) && (dot ? deck_name_has_ext(name) : looks_like_deck(full));
            if (take)
                push(&out, &count, full);
            else
                free(full);
        }
        closedir(d);
        if (count > first)
            qsort(out + first, (size_t)(count - first), sizeof *out, cmp_str);
    }
    *nout = count;
    return out;
}

void deck_dir_free(char **paths, int n)
{
    for (int i = 0; i < n; i++)
        free(paths[i]);
    free(paths);
}
