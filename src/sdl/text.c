/* text.c: font lookup (fontconfig), word wrapping, and the rendered-text cache. */
#include "text.h"

#include <SDL_ttf.h>
#include <fcntl.h>
#include <fontconfig/fontconfig.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/util.h"

/* fontconfig patterns and the file names we expect from fonts-dejavu-core */
static const char *const face_pattern[FACE_COUNT] = {
    "DejaVu Sans:style=Bold",
    "DejaVu Sans:style=Book",
    "DejaVu Sans Mono:style=Book",
};
static const char *const face_file[FACE_COUNT] = {
    "DejaVuSans-Bold.ttf",
    "DejaVuSans.ttf",
    "DejaVuSansMono.ttf",
};

/* the font files, mapped once (read when they cannot be mapped); TTF_Font objects are opened
 * from these bytes per size. Mapped, only the pages FreeType reads are resident, and they are
 * shared with the page cache. */
static struct {
    char *path;
    char *data;
    size_t len;
    int mapped;
} faces[FACE_COUNT];

static int map_file(const char *path, char **data, size_t *len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    struct stat st;
    void *p = MAP_FAILED;
    if (fstat(fd, &st) == 0 && st.st_size > 0 && st.st_size < (64 << 20))
        p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (p == MAP_FAILED)
        return -1;
    *data = p;
    *len = (size_t)st.st_size;
    return 0;
}

static SDL_Renderer *ren;
/* SDL's software renderer: texts are kept as surfaces, which the compositor blends itself */
static int keep_surfaces;
static unsigned long frame;

/* Open fonts, for drawing and measuring, one per face and pixel size, the least recently used
 * closed. Each holds the glyphs it has loaded, so the count bounds memory; a screen draws in a
 * handful of sizes. */
#define FONT_SLOTS 8
static struct font_slot {
    TTF_Font *font;
    int face, px;
    /* font_uses at the last use */
    unsigned long used;
} fonts[FONT_SLOTS];
static unsigned long font_uses;

/* rendered texts */
#define TEXT_SLOTS 1024
#define TEXT_MAX_AGE 600 /* frames a text may stay unused before it is freed */
/* The textures may take a quarter of the window's own pixels' bytes (2 MB at 1920x1080: a
 * question screen's texts), and at least 2 MB: beyond that the least recently used go, but
 * never one on the screen (drawn in this frame or the last), which would only be rasterized
 * again at once, so a screen with more text than that keeps it all. Without a bound a kiosk's
 * cache would grow with every question ever shown; a bigger one mostly keeps texts that are
 * not coming back (the last question's), at the cost of resident memory. */
#define TEXT_BUDGET_MIN (2u << 20)
static struct text_slot {
    uint64_t hash;
    char *s;
    int face, px, wrap, align;
    SDL_Color c;
    text_tex t;
    unsigned long used;
    /* bytes of the texture's pixels */
    size_t bytes;
} texts[TEXT_SLOTS];
static size_t text_bytes;
/* the last text_tex.serial given */
static unsigned long serials;

/* fitted sizes */
#define FIT_SLOTS 512
static struct fit_slot {
    uint64_t hash;
    char *s;
    int face, w, h, max, min, px;
} fits[FIT_SLOTS];

static char *find_font(font_face f)
{
    const char *dir = getenv("QUIZBLITZ_FONT_DIR");
    if (dir && *dir) {
        char *p = xasprintf("%s/%s", dir, face_file[f]);
        FILE *t = fopen(p, "rb");
        if (t) {
            fclose(t);
            return p;
        }
        free(p);
        return NULL;
    }
    char *result = NULL;
    if (!FcInit())
        return NULL;
    FcPattern *pat = FcNameParse((const FcChar8 *)face_pattern[f]);
    if (pat) {
        FcConfigSubstitute(NULL, pat, FcMatchPattern);
        FcDefaultSubstitute(pat);
        FcResult res;
        FcPattern *m = FcFontMatch(NULL, pat, &res);
        if (m) {
            FcChar8 *file = NULL;
            if (FcPatternGetString(m, FC_FILE, 0, &file) == FcResultMatch && file) {
                /* fontconfig substitutes any font it has; insist on DejaVu */
                const char *base = strrchr((const char *)file, '/');
                base = base ? base + 1 : (const char *)file;
                if (strcmp(base, face_file[f]) == 0)
                    result = xstrdup((const char *)file);
            }
            FcPatternDestroy(m);
        }
        FcPatternDestroy(pat);
    }
    if (!result) {
        /* fontconfig may not index the fonts (a minimal container): try Debian's path */
        char *p = xasprintf("/usr/share/fonts/truetype/dejavu/%s", face_file[f]);
        FILE *t = fopen(p, "rb");
        if (t) {
            fclose(t);
            result = p;
        } else {
            free(p);
        }
    }
    return result;
}

/* face_file next to the file at path, if it is there: fonts-dejavu-core installs the three
 * faces in one directory, and asking fontconfig again costs a font match each (at start-up,
 * before the first frame). */
static char *beside(const char *path, const char *file)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return NULL;
    char *p = xasprintf("%.*s/%s", (int)(slash - path), path, file);
    if (access(p, R_OK) == 0)
        return p;
    free(p);
    return NULL;
}

int text_init(SDL_Renderer *r, const char **err)
{
    ren = r;
    SDL_RendererInfo info;
    keep_surfaces = SDL_GetRendererInfo(r, &info) == 0 && info.name && strcmp(info.name, "software") == 0;
    if (!TTF_WasInit() && TTF_Init() != 0) {
        *err = "cannot start SDL_ttf";
        return -1;
    }
    for (int f = 0; f < FACE_COUNT; f++) {
        faces[f].path = f > 0 ? beside(faces[0].path, face_file[f]) : NULL;
        if (!faces[f].path)
            faces[f].path = find_font((font_face)f);
        if (!faces[f].path) {
            *err = "cannot find the DejaVu fonts (install fonts-dejavu-core, or set QUIZBLITZ_FONT_DIR)";
            return -1;
        }
        faces[f].mapped = map_file(faces[f].path, &faces[f].data, &faces[f].len) == 0;
        if (!faces[f].mapped && read_file(faces[f].path, 64u << 20, &faces[f].data, &faces[f].len) != 0) {
            *err = "cannot read a DejaVu font file";
            return -1;
        }
    }
    return 0;
}

static TTF_Font *font_at(font_face f, int px)
{
    if (px < 4)
        px = 4;
    int lru = 0;
    for (int i = 0; i < FONT_SLOTS; i++) {
        if (fonts[i].font && fonts[i].face == (int)f && fonts[i].px == px) {
            fonts[i].used = ++font_uses;
            return fonts[i].font;
        }
        if (!fonts[i].font || fonts[i].used < fonts[lru].used)
            lru = i;
        if (!fonts[i].font)
            break;
    }
    if (fonts[lru].font)
        TTF_CloseFont(fonts[lru].font);
    SDL_RWops *rw = SDL_RWFromConstMem(faces[f].data, (int)faces[f].len);
    TTF_Font *font = TTF_OpenFontRW(rw, 1, px);
    if (!font) {
        fprintf(stderr, "quizblitz: cannot open font %s at %d px: %s\n", faces[f].path, px, TTF_GetError());
        exit(EXIT_SOFTWARE);
    }
    fonts[lru] = (struct font_slot){font, (int)f, px, ++font_uses};
    return font;
}

/* Measuring uses the same fonts as drawing (font_at). A fit tries a few sizes per box, and the
 * boxes of a screen try mostly the same ones (their ranges are alike); each font object keeps
 * the glyphs it has loaded (the TrueType hinter makes loading the dear part), so a size tried
 * once is cheap the next time, and the size a text is then drawn at has its glyphs ready. (One
 * font resized for every size tried threw its glyphs away at each resize.) */

/* The hash of a cache key: the text, then the numbers that go with it (each mixed in byte by
 * byte from its value, so no padding or object representation is ever read). */
static uint64_t key_hash(const char *s, size_t n, const int *k, size_t nk)
{
    uint64_t h = util_fnv(UTIL_FNV_SEED, s, n);
    for (size_t i = 0; i < nk; i++) {
        uint32_t v = (uint32_t)k[i];
        const unsigned char b[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
                                    (unsigned char)(v >> 24)};
        h = util_fnv(h, b, sizeof b);
    }
    return h;
}

/* Display form of deck text: `code` backticks are dropped. */
static char *display_text(const char *s)
{
    size_t n = strlen(s);
    char *o = xmalloc(n + 1);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] != '`')
            o[k++] = s[i];
    o[k] = 0;
    return o;
}

/* Width of s[0..n) in font. */
static int width_of(TTF_Font *font, const char *s, size_t n)
{
    char buf[512];
    char *tmp = n < sizeof buf ? buf : xmalloc(n + 1);
    memcpy(tmp, s, n);
    tmp[n] = 0;
    int w = 0, h = 0;
    TTF_SizeUTF8(font, tmp, &w, &h);
    if (tmp != buf)
        free(tmp);
    return w;
}

/* A wrapped line: a byte range of the text. */
typedef struct line_span {
    size_t start, len;
} line_span;

/* Greedy word wrap at wrap_w; a word wider than the line is broken between code points (and
 * *broke, when not NULL, is set). Returns the number of lines; *out is allocated. */
static int wrap_lines(TTF_Font *font, const char *s, int wrap_w, line_span **out, int *broke)
{
    if (broke)
        *broke = 0;
    size_t n = strlen(s);
    int cap = 8, nl = 0;
    line_span *lines = xmalloc(sizeof *lines * (size_t)cap);
    size_t pos = 0;
    while (pos < n || nl == 0) {
        while (pos < n && s[pos] == ' ')
            pos++;
        size_t line_start = pos, best = pos;
        if (s[pos] == '\n') {
            pos++;
        } else {
            /* The line takes words while it fits. The candidate ends are the ends of the words
             * (a run of spaces then of other bytes); the line ends before the first candidate
             * that does not fit. A longer prefix is never narrower (its glyphs are the shorter
             * one's, at the same places, and more), so that candidate is found by bisection: one
             * measurement when the rest of the paragraph fits, a few when it does not, where
             * trying each word in turn shaped the line again for every word. */
            size_t stack_ends[64], *ends = stack_ends, cap_ends = 64, m = 0;
            size_t i = pos;
            while (i < n && s[i] != '\n') {
                size_t j = i;
                while (j < n && s[j] == ' ')
                    j++;
                while (j < n && s[j] != ' ' && s[j] != '\n')
                    j++;
                if (m == cap_ends) {
                    cap_ends *= 2;
                    if (ends == stack_ends) {
                        ends = xmalloc(sizeof *ends * cap_ends);
                        memcpy(ends, stack_ends, sizeof stack_ends);
                    } else {
                        ends = xrealloc(ends, sizeof *ends * cap_ends);
                    }
                }
                ends[m++] = j;
                i = j;
            }
            /* k: the first candidate that does not fit (m: none) */
            size_t k = m;
            if (wrap_w > 0 && m > 0 && width_of(font, s + line_start, ends[m - 1] - line_start) > wrap_w) {
                size_t lo = 0, hi = m - 1;
                while (lo < hi) {
                    size_t mid = (lo + hi) / 2;
                    if (width_of(font, s + line_start, ends[mid] - line_start) > wrap_w)
                        hi = mid;
                    else
                        lo = mid + 1;
                }
                k = lo;
            }
            if (k > 0)
                best = ends[k - 1];
            i = k == m ? (m ? ends[m - 1] : pos) : best;
            if (ends != stack_ends)
                free(ends);
            if (best == line_start && i < n && s[i] != '\n') {
                /* one word longer than the line: take as many code points as fit (at least one) */
                if (broke)
                    *broke = 1;
                size_t j = line_start;
                do {
                    j++;
                    while (j < n && ((unsigned char)s[j] & 0xC0) == 0x80)
                        j++;
                    if (width_of(font, s + line_start, j - line_start) > wrap_w && j > line_start + 1) {
                        while (j > line_start && ((unsigned char)s[j - 1] & 0xC0) == 0x80)
                            j--;
                        j--;
                        break;
                    }
                } while (j < n && s[j] != ' ' && s[j] != '\n');
                if (j <= line_start)
                    j = line_start + 1;
                while (j < n && ((unsigned char)s[j] & 0xC0) == 0x80)
                    j++;
                best = j;
            }
            pos = best;
            if (pos < n && s[pos] == '\n')
                pos++;
        }
        if (nl == cap) {
            cap *= 2;
            lines = xrealloc(lines, sizeof *lines * (size_t)cap);
        }
        size_t len = best - line_start;
        while (len > 0 && s[line_start + len - 1] == ' ')
            len--;
        lines[nl++] = (line_span){line_start, len};
        if (pos >= n)
            break;
    }
    *out = lines;
    return nl;
}

/* measured sizes: the scenes measure the same strings every frame (a pill's width, a table's
 * columns, the sizes a one-line fit tries); measuring shapes the text with HarfBuzz each time */
#define MEASURE_SLOTS 1024
static struct measure_slot {
    uint64_t hash;
    char *s;
    int face, px, wrap, w, h, broke;
} measures[MEASURE_SLOTS];

static void measure_uncached(font_face f, int px, const char *s, int wrap_w, int *w, int *h, int *broke);

/* text_measure, also telling whether a word had to be broken to fit wrap_w. */
static void measure(font_face f, int px, const char *s, int wrap_w, int *w, int *h, int *broke)
{
    const int key[3] = {(int)f, px, wrap_w};
    uint64_t hh = key_hash(s, strlen(s), key, 3);
    struct measure_slot *m = &measures[hh % MEASURE_SLOTS];
    if (!(m->s && m->hash == hh && m->face == (int)f && m->px == px && m->wrap == wrap_w && strcmp(m->s, s) == 0)) {
        int mw, mh, mb;
        measure_uncached(f, px, s, wrap_w, &mw, &mh, &mb);
        free(m->s);
        *m = (struct measure_slot){hh, xstrdup(s), (int)f, px, wrap_w, mw, mh, mb};
    }
    *w = m->w;
    *h = m->h;
    if (broke)
        *broke = m->broke;
}

static void measure_uncached(font_face f, int px, const char *s, int wrap_w, int *w, int *h, int *broke)
{
    TTF_Font *font = font_at(f, px);
    char *d = display_text(s);
    line_span *lines;
    int nl = wrap_lines(font, d, wrap_w, &lines, broke);
    int mw = 0;
    for (int i = 0; i < nl; i++) {
        int lw = width_of(font, d + lines[i].start, lines[i].len);
        if (lw > mw)
            mw = lw;
    }
    *w = mw;
    *h = nl * TTF_FontLineSkip(font);
    free(lines);
    free(d);
}

void text_measure(font_face f, int px, const char *s, int wrap_w, int *w, int *h)
{
    measure(f, px, s, wrap_w, w, h, NULL);
}

static SDL_Surface *render_wrapped(font_face f, int px, SDL_Color c, const char *s, int wrap_w, text_align a)
{
    TTF_Font *font = font_at(f, px);
    char *d = display_text(s);
    line_span *lines;
    int nl = wrap_lines(font, d, wrap_w, &lines, NULL);
    int skip = TTF_FontLineSkip(font);
    int mw = 1;
    /* one surface per line (in a struct: an array of pointers to a complete type reads to
     * clang-tidy like sizeof misuse) */
    struct line_surface {
        SDL_Surface *s;
    } *lsv = xcalloc((size_t)nl, sizeof *lsv);
    for (int i = 0; i < nl; i++) {
        if (!lines[i].len)
            continue;
        char *t = xstrndup(d + lines[i].start, lines[i].len);
        lsv[i].s = TTF_RenderUTF8_Blended(font, t, c);
        free(t);
        if (lsv[i].s && lsv[i].s->w > mw)
            mw = lsv[i].s->w;
    }
    SDL_Surface *out = SDL_CreateRGBSurfaceWithFormat(0, mw, nl * skip, 32, SDL_PIXELFORMAT_ARGB8888);
    if (out) {
        SDL_FillRect(out, NULL, SDL_MapRGBA(out->format, c.r, c.g, c.b, 0));
        for (int i = 0; i < nl; i++) {
            if (!lsv[i].s)
                continue;
            SDL_SetSurfaceBlendMode(lsv[i].s, SDL_BLENDMODE_NONE);
            SDL_Rect dst = {0, i * skip, lsv[i].s->w, lsv[i].s->h};
            if (a == ALIGN_CENTER)
                dst.x = (mw - lsv[i].s->w) / 2;
            else if (a == ALIGN_RIGHT)
                dst.x = mw - lsv[i].s->w;
            SDL_BlitSurface(lsv[i].s, NULL, out, &dst);
        }
    }
    for (int i = 0; i < nl; i++)
        SDL_FreeSurface(lsv[i].s);
    free(lsv);
    free(lines);
    free(d);
    return out;
}

/* Textures dropped while the current frame may still draw them (the renderer draws a frame's
 * texts at its end): destroyed at text_frame_end(). */
static struct grave {
    SDL_Texture *tex;
    SDL_Surface *surf;
} *graveyard;
static int ngrave, capgrave;

/* Frees a cached text. */
static void drop(struct text_slot *t)
{
    if (t->s) {
        if ((t->t.tex || t->t.surf) && t->used == frame) {
            if (ngrave == capgrave) {
                capgrave = capgrave ? capgrave * 2 : 16;
                graveyard = xrealloc(graveyard, sizeof *graveyard * (size_t)capgrave);
            }
            graveyard[ngrave++] = (struct grave){t->t.tex, t->t.surf};
        } else {
            if (t->t.tex)
                SDL_DestroyTexture(t->t.tex);
            SDL_FreeSurface(t->t.surf);
        }
        free(t->s);
        text_bytes -= t->bytes;
    }
    memset(t, 0, sizeof *t);
}

/* Evicts the least recently used texts (never `keep`, just made) until the cache is within
 * its budget. Runs only when a text is rasterized, so a still screen costs nothing. */
static void keep_budget(const struct text_slot *keep)
{
    int w = 0, h = 0;
    SDL_GetRendererOutputSize(ren, &w, &h);
    size_t budget = (size_t)w * (size_t)h;
    if (budget < TEXT_BUDGET_MIN)
        budget = TEXT_BUDGET_MIN;
    while (text_bytes > budget) {
        struct text_slot *lru = NULL;
        for (int i = 0; i < TEXT_SLOTS; i++)
            if (texts[i].s && &texts[i] != keep && texts[i].used + 1 < frame && (!lru || texts[i].used < lru->used))
                lru = &texts[i];
        if (!lru)
            break;
        drop(lru);
    }
}

const text_tex *text_get(font_face f, int px, SDL_Color c, const char *s, int wrap_w, text_align a)
{
    if (!s || !*s)
        return NULL;
    if (px < 4)
        px = 4;
    size_t n = strlen(s);
    const int key[5] = {(int)f, px, wrap_w, (int)a, (int)((uint32_t)c.r << 24 | (uint32_t)c.g << 16 | (uint32_t)c.b << 8 | c.a)};
    uint64_t h = key_hash(s, n, key, 5);
    size_t start = (size_t)(h % TEXT_SLOTS);
    size_t empty = TEXT_SLOTS, oldest = start;
    for (size_t k = 0; k < TEXT_SLOTS; k++) {
        size_t i = (start + k) % TEXT_SLOTS;
        struct text_slot *t = &texts[i];
        if (!t->s) {
            if (empty == TEXT_SLOTS)
                empty = i;
            if (k > 32)
                break;
            continue;
        }
        if (t->hash == h && t->face == (int)f && t->px == px && t->wrap == wrap_w && t->align == (int)a &&
            memcmp(&t->c, &c, sizeof c) == 0 && strcmp(t->s, s) == 0) {
            t->used = frame;
            return &t->t;
        }
        if (t->used < texts[oldest].used || !texts[oldest].s)
            oldest = i;
        if (k > 32 && empty != TEXT_SLOTS)
            break;
    }
    size_t slot = empty != TEXT_SLOTS ? empty : oldest;
    struct text_slot *t = &texts[slot];
    drop(t);
    SDL_Surface *surf = render_wrapped(f, px, c, s, wrap_w, a);
    t->hash = h;
    t->s = xstrdup(s);
    t->face = (int)f;
    t->px = px;
    t->wrap = wrap_w;
    t->align = (int)a;
    t->c = c;
    t->used = frame;
    t->t.serial = ++serials;
    if (surf) {
        t->t.w = surf->w;
        t->t.h = surf->h;
        if (keep_surfaces) {
            t->t.surf = surf;
        } else {
            t->t.tex = SDL_CreateTextureFromSurface(ren, surf);
            SDL_FreeSurface(surf);
            if (t->t.tex)
                SDL_SetTextureBlendMode(t->t.tex, SDL_BLENDMODE_BLEND);
        }
        if (t->t.tex || t->t.surf) {
            t->bytes = (size_t)t->t.w * (size_t)t->t.h * 4;
            text_bytes += t->bytes;
        }
    }
    keep_budget(t);
    return &t->t;
}

int text_fit(font_face f, const char *s, int box_w, int box_h, int max_px, int min_px)
{
    if (max_px < min_px)
        max_px = min_px;
    size_t n = strlen(s);
    const int key[5] = {(int)f, box_w, box_h, max_px, min_px};
    uint64_t h = key_hash(s, n, key, 5);
    struct fit_slot *slot = &fits[h % FIT_SLOTS];
    if (slot->s && slot->hash == h && slot->face == (int)f && slot->w == box_w && slot->h == box_h &&
        slot->max == max_px && slot->min == min_px && strcmp(slot->s, s) == 0)
        return slot->px;
    /* binary search on the size: wrapped height grows with the size. First pass: words stay
     * whole (a word broken across lines reads badly); only when no size down to the floor
     * fits, a second pass lets long words break. */
    int best = -1;
    for (int allow_break = 0; allow_break < 2 && best < 0; allow_break++) {
        int lo = min_px, hi = max_px;
        while (lo <= hi) {
            int mid = (lo + hi) / 2, w, hh, broke;
            measure(f, mid, s, box_w, &w, &hh, &broke);
            if (w <= box_w && hh <= box_h && (allow_break || !broke)) {
                best = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
    }
    if (best < 0)
        best = min_px;
    free(slot->s);
    *slot = (struct fit_slot){h, xstrdup(s), (int)f, box_w, box_h, max_px, min_px, best};
    return best;
}

/* one-line fits (names on the boards, deck titles: every frame that shows them) */
#define LINE_SLOTS 256
static struct line_slot {
    uint64_t hash;
    char *s;
    int face, w, max, min, px;
    size_t cut;
} line_fits[LINE_SLOTS];

/* text_fit_line without the cache; *cut is always set. */
static int fit_line_uncached(font_face f, const char *s, int box_w, int max_px, int min_px, size_t *cut);

int text_fit_line(font_face f, const char *s, int box_w, int max_px, int min_px, size_t *cut)
{
    const int key[4] = {(int)f, box_w, max_px, min_px};
    uint64_t h = key_hash(s, strlen(s), key, 4);
    struct line_slot *l = &line_fits[h % LINE_SLOTS];
    if (!(l->s && l->hash == h && l->face == (int)f && l->w == box_w && l->max == max_px && l->min == min_px &&
          strcmp(l->s, s) == 0)) {
        size_t c;
        int px = fit_line_uncached(f, s, box_w, max_px, min_px, &c);
        free(l->s);
        *l = (struct line_slot){h, xstrdup(s), (int)f, box_w, max_px, min_px, px, c};
    }
    if (cut)
        *cut = l->cut;
    return l->px;
}

static int fit_line_uncached(font_face f, const char *s, int box_w, int max_px, int min_px, size_t *cut)
{
    if (max_px < min_px)
        max_px = min_px;
    size_t n = strlen(s);
    *cut = n;
    int lo = min_px, hi = max_px, best = -1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2, w, h;
        text_measure(f, mid, s, 0, &w, &h);
        if (w <= box_w) {
            best = mid;
            lo = mid + 1;
        } else {
            hi = mid - 1;
        }
    }
    if (best >= 0)
        return best;
    /* the longest prefix (whole code points) that fits with "…" after it */
    TTF_Font *font = font_at(f, min_px);
    char *d = display_text(s);
    size_t dn = strlen(d), keep = 0;
    int ell = width_of(font, "\xE2\x80\xA6", 3);
    for (size_t i = 1; i <= dn; i++) {
        if (i < dn && ((unsigned char)d[i] & 0xC0) == 0x80)
            continue;
        if (width_of(font, d, i) + ell > box_w)
            break;
        keep = i;
    }
    free(d);
    /* map the display prefix back onto s (display_text only drops backticks) */
    size_t k = 0, si = 0;
    while (si < n && k < keep) {
        if (s[si] != '`')
            k++;
        si++;
    }
    *cut = si;
    return min_px;
}

void text_frame_end(void)
{
    for (int i = 0; i < ngrave; i++) {
        if (graveyard[i].tex)
            SDL_DestroyTexture(graveyard[i].tex);
        SDL_FreeSurface(graveyard[i].surf);
    }
    ngrave = 0;
    frame++;
    if (frame % 64)
        return;
    for (int i = 0; i < TEXT_SLOTS; i++) {
        struct text_slot *t = &texts[i];
        if (t->s && frame - t->used > TEXT_MAX_AGE)
            drop(t);
    }
}

void text_quit(void)
{
    for (int i = 0; i < TEXT_SLOTS; i++)
        drop(&texts[i]);
    for (int i = 0; i < ngrave; i++) {
        if (graveyard[i].tex)
            SDL_DestroyTexture(graveyard[i].tex);
        SDL_FreeSurface(graveyard[i].surf);
    }
    free(graveyard);
    graveyard = NULL;
    ngrave = capgrave = 0;
    for (int i = 0; i < FIT_SLOTS; i++)
        free(fits[i].s);
    memset(fits, 0, sizeof fits);
    for (int i = 0; i < MEASURE_SLOTS; i++)
        free(measures[i].s);
    memset(measures, 0, sizeof measures);
    for (int i = 0; i < LINE_SLOTS; i++)
        free(line_fits[i].s);
    memset(line_fits, 0, sizeof line_fits);
    for (int i = 0; i < FONT_SLOTS; i++)
        if (fonts[i].font)
            TTF_CloseFont(fonts[i].font);
    memset(fonts, 0, sizeof fonts);
    for (int f = 0; f < FACE_COUNT; f++) {
        free(faces[f].path);
        if (faces[f].mapped)
            munmap(faces[f].data, faces[f].len);
        else
            free(faces[f].data);
    }
    memset(faces, 0, sizeof faces);
    if (TTF_WasInit())
        TTF_Quit();
    FcFini();
}
