/* fonts.c: fallback fonts found through fontconfig by coverage (the charset of the code point
 * DejaVu lacks), each file mapped on first use; no SDL here, text.c opens them with SDL_ttf. */
#include "fonts.h"

#include <fcntl.h>
#include <fontconfig/fontconfig.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/util.h"

/* Fallbacks found: a handful in practice (CJK, Devanagari, emoji, ...), at most FONTS_MAX. */
#define MAX_FALLBACKS FONTS_MAX
static struct fallback {
    font_file f;
    /* the face style it was found for (a bold CJK for bold text) */
    int face;
    FcCharSet *cs;
    int mapped;
    /* fonts_data tried to read it */
    int loaded;
} fb[MAX_FALLBACKS + 1];
static int nfb;

/* answers of fonts_fallback: (face, emoji, cp) -> id (0: none); cleared when full */
#define ANSWER_SLOTS 4096
static struct answer {
    uint32_t key;
    uint32_t cp;
    int id;
} answers[ANSWER_SLOTS];
static int nanswers;

/* charsets of files asked about by path (DejaVu, for --check) */
#define FILE_SLOTS 4
static struct {
    char *path;
    FcCharSet *cs;
} files[FILE_SLOTS];

int fonts_map(const char *path, char **data, size_t *len, int *mapped)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    void *p = MAP_FAILED;
    if (fd >= 0) {
        if (fstat(fd, &st) == 0 && st.st_size > 0 && st.st_size < (64 << 20))
            p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
        close(fd);
    }
    *mapped = p != MAP_FAILED;
    if (*mapped) {
        *data = p;
        *len = (size_t)st.st_size;
        return 0;
    }
    return read_file(path, 64u << 20, data, len) == 0 ? 0 : -1;
}

void fonts_unmap(char *data, size_t len, int mapped)
{
    if (mapped)
        munmap(data, len);
    else
        free(data);
}

int fonts_is_emoji(uint32_t cp)
{
    /* the symbols before U+1F000 whose default presentation is emoji (Unicode's
     * emoji-data.txt, Emoji_Presentation=Yes) */
    static const uint32_t single[] = {0x231A, 0x231B, 0x23E9, 0x23EA, 0x23EB, 0x23EC, 0x23F0, 0x23F3, 0x25FD,
                                      0x25FE, 0x2614, 0x2615, 0x267F, 0x2693, 0x26A1, 0x26AA, 0x26AB, 0x26BD,
                                      0x26BE, 0x26C4, 0x26C5, 0x26CE, 0x26D4, 0x26EA, 0x26F2, 0x26F3, 0x26F5,
                                      0x26FA, 0x26FD, 0x2705, 0x270A, 0x270B, 0x2728, 0x274C, 0x274E, 0x2753,
                                      0x2754, 0x2755, 0x2757, 0x2795, 0x2796, 0x2797, 0x27B0, 0x27BF, 0x2B1B,
                                      0x2B1C, 0x2B50, 0x2B55};
    if (cp < 0x1F000) {
        if (cp >= 0x2648 && cp <= 0x2653)
            return 1;
        for (size_t i = 0; i < sizeof single / sizeof single[0]; i++)
            if (single[i] == cp)
                return 1;
        return 0;
    }
    /* from U+1F000 on, Emoji_Presentation=Yes lives in these blocks */
    return (cp >= 0x1F300 && cp <= 0x1F5FF) || (cp >= 0x1F600 && cp <= 0x1F64F) ||
           (cp >= 0x1F680 && cp <= 0x1F6FF) || (cp >= 0x1F900 && cp <= 0x1F9FF) ||
           (cp >= 0x1FA70 && cp <= 0x1FAFF) || (cp >= 0x1F1E6 && cp <= 0x1F1FF);
}

int fonts_is_ignorable(uint32_t cp)
{
    return cp == 0x00AD || cp == 0x034F || cp == 0x061C || (cp >= 0x180B && cp <= 0x180F) ||
           (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x206F) ||
           (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF || (cp >= 0x1F3FB && cp <= 0x1F3FF) ||
           (cp >= 0xE0000 && cp <= 0xE0FFF);
}

/* The first font of fontconfig's ranking for the style that has cp; color 1 takes only colour
 * fonts, 0 only others. Adds it to fb[] (or finds it there). 0 when none. */
static int search(int face, uint32_t cp, int color)
{
    if (!FcInit())
        return 0;
    FcPattern *pat = FcPatternCreate();
    FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)(color ? "emoji" : face == 2 ? "monospace" : "sans-serif"));
    FcPatternAddInteger(pat, FC_WEIGHT, face == 0 ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
    FcPatternAddInteger(pat, FC_SLANT, FC_SLANT_ROMAN);
    FcCharSet *want = FcCharSetCreate();
    FcCharSetAddChar(want, cp);
    FcPatternAddCharSet(pat, FC_CHARSET, want);
    FcCharSetDestroy(want);
    FcConfigSubstitute(NULL, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult res;
    FcFontSet *set = FcFontSort(NULL, pat, FcFalse, NULL, &res);
    int id = 0;
    for (int i = 0; set && i < set->nfont && !id; i++) {
        FcPattern *m = set->fonts[i];
        FcCharSet *cs = NULL;
        FcChar8 *file = NULL, *fam = NULL, *format = NULL;
        FcBool is_color = FcFalse, scalable = FcFalse;
        int index = 0;
        if (FcPatternGetCharSet(m, FC_CHARSET, 0, &cs) != FcResultMatch || !FcCharSetHasChar(cs, cp))
            continue;
        if (FcPatternGetString(m, FC_FILE, 0, &file) != FcResultMatch)
            continue;
        FcPatternGetBool(m, FC_COLOR, 0, &is_color);
        FcPatternGetBool(m, FC_SCALABLE, 0, &scalable);
        if (!!is_color != color || !scalable)
            continue;
        /* SDL_ttf opens what FreeType does; Type 1 and bitmap formats it draws badly or not */
        if (FcPatternGetString(m, FC_FONTFORMAT, 0, &format) == FcResultMatch &&
            strcmp((const char *)format, "TrueType") != 0 && strcmp((const char *)format, "CFF") != 0)
            continue;
        FcPatternGetInteger(m, FC_INDEX, 0, &index);
        if (FcPatternGetString(m, FC_FAMILY, 0, &fam) != FcResultMatch)
            fam = (FcChar8 *)"?";
        for (int k = 1; k <= nfb; k++)
            if (fb[k].face == face && fb[k].f.index == index && strcmp(fb[k].f.path, (const char *)file) == 0)
                id = k;
        if (!id && nfb < MAX_FALLBACKS) {
            id = ++nfb;
            fb[id] = (struct fallback){{xstrdup((const char *)file), index, xstrdup((const char *)fam), NULL, 0, color},
                                       face, FcCharSetCopy(cs), 0, 0};
        }
    }
    if (set)
        FcFontSetDestroy(set);
    FcPatternDestroy(pat);
    return id;
}

int fonts_fallback(int face, uint32_t cp, int emoji)
{
    uint32_t key = (uint32_t)face << 1 | (uint32_t)!!emoji;
    uint32_t h = (cp * 2654435761u ^ key * 40503u) % ANSWER_SLOTS;
    for (uint32_t k = 0; k < ANSWER_SLOTS; k++) {
        struct answer *a = &answers[(h + k) % ANSWER_SLOTS];
        if (!a->key)
            break;
        if (a->key == key + 1 && a->cp == cp)
            return a->id;
    }
    int id = 0;
    /* a font already in use that has it: one look-up serves a whole script */
    for (int pass = emoji ? 0 : 1; pass < 2 && !id; pass++)
        for (int k = 1; k <= nfb && !id; k++)
            if (fb[k].face == face && fb[k].f.color == !pass && FcCharSetHasChar(fb[k].cs, cp))
                id = k;
    if (!id && emoji)
        id = search(face, cp, 1);
    if (!id)
        id = search(face, cp, 0);
    if (nanswers >= ANSWER_SLOTS / 2) {
        memset(answers, 0, sizeof answers);
        nanswers = 0;
    }
    for (uint32_t k = 0;; k++) {
        struct answer *a = &answers[(h + k) % ANSWER_SLOTS];
        if (!a->key) {
            *a = (struct answer){key + 1, cp, id};
            nanswers++;
            break;
        }
    }
    return id;
}

int fonts_has(int id, uint32_t cp)
{
    return id >= 1 && id <= nfb && FcCharSetHasChar(fb[id].cs, cp);
}

const font_file *fonts_info(int id)
{
    return id >= 1 && id <= nfb ? &fb[id].f : NULL;
}

int fonts_count(void)
{
    return nfb;
}

const font_file *fonts_data(int id)
{
    if (id < 1 || id > nfb)
        return NULL;
    struct fallback *f = &fb[id];
    if (!f->loaded) {
        f->loaded = 1;
        char *d = NULL;
        size_t n = 0;
        if (fonts_map(f->f.path, &d, &n, &f->mapped) == 0) {
            f->f.data = d;
            f->f.len = n;
        }
    }
    return f->f.data ? &f->f : NULL;
}

int fonts_file_has(const char *path, uint32_t cp)
{
    int slot = -1;
    for (int i = 0; i < FILE_SLOTS && slot < 0; i++)
        if (files[i].path && strcmp(files[i].path, path) == 0)
            slot = i;
    if (slot < 0) {
        for (int i = 0; i < FILE_SLOTS && slot < 0; i++)
            if (!files[i].path)
                slot = i;
        if (slot < 0)
            return 0;
        if (!FcInit())
            return 0;
        int count = 0;
        FcPattern *p = FcFreeTypeQuery((const FcChar8 *)path, 0, NULL, &count);
        FcCharSet *cs = NULL;
        if (p && FcPatternGetCharSet(p, FC_CHARSET, 0, &cs) == FcResultMatch)
            files[slot].cs = FcCharSetCopy(cs);
        if (p)
            FcPatternDestroy(p);
        files[slot].path = xstrdup(path);
    }
    return files[slot].cs && FcCharSetHasChar(files[slot].cs, cp);
}

void fonts_quit(void)
{
    for (int k = 1; k <= nfb; k++) {
        struct fallback *f = &fb[k];
        if (f->f.data)
            fonts_unmap((char *)f->f.data, f->f.len, f->mapped);
        free((void *)f->f.path);
        free((void *)f->f.family);
        FcCharSetDestroy(f->cs);
    }
    memset(fb, 0, sizeof fb);
    nfb = 0;
    memset(answers, 0, sizeof answers);
    nanswers = 0;
    for (int i = 0; i < FILE_SLOTS; i++) {
        free(files[i].path);
        if (files[i].cs)
            FcCharSetDestroy(files[i].cs);
    }
    memset(files, 0, sizeof files);
}
