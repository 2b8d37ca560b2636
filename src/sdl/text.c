/* text.c: font lookup (fontconfig), word wrapping, and the rendered-text cache. */
#include "text.h"

#include <SDL_ttf.h>
#include <fontconfig/fontconfig.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* the font files, read once; TTF_Font objects are opened from these bytes per size */
static struct {
    char *path;
    char *data;
    size_t len;
} faces[FACE_COUNT];

static SDL_Renderer *ren;
static unsigned long frame, rasterized;

/* Open fonts for drawing, one per face and pixel size, least recently used evicted. Each holds
 * a glyph cache, so the count bounds memory: a screen uses a handful of sizes. */
#define FONT_SLOTS 16
static struct font_slot {
    TTF_Font *font;
    int face, px;
    unsigned long used;
} fonts[FONT_SLOTS];

/* rendered texts */
#define TEXT_SLOTS 1024
#define TEXT_MAX_AGE 600 /* frames a text may stay unused before it is freed */
/* The textures may take twice the window's own pixels (a screen's worth of text with room to
 * spare for the next scene), and at least 8 MB: beyond that the least recently used go. Without
 * a bound a kiosk's cache would grow with every question ever shown. */
#define TEXT_BUDGET_MIN (8u << 20)
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

int text_init(SDL_Renderer *r, const char **err)
{
    ren = r;
    if (!TTF_WasInit() && TTF_Init() != 0) {
        *err = "cannot start SDL_ttf";
        return -1;
    }
    for (int f = 0; f < FACE_COUNT; f++) {
        faces[f].path = find_font((font_face)f);
        if (!faces[f].path) {
            *err = "cannot find the DejaVu fonts (install fonts-dejavu-core, or set QUIZBLITZ_FONT_DIR)";
            return -1;
        }
        if (read_file(faces[f].path, 64u << 20, &faces[f].data, &faces[f].len) != 0) {
            *err = "cannot read a DejaVu font file";
            return -1;
        }
    }
    return 0;
}

const char *text_font_path(font_face f)
{
    return faces[f].path;
}

static TTF_Font *font_at(font_face f, int px)
{
    if (px < 4)
        px = 4;
    int lru = 0;
    for (int i = 0; i < FONT_SLOTS; i++) {
        if (fonts[i].font && fonts[i].face == (int)f && fonts[i].px == px) {
            fonts[i].used = frame;
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
    fonts[lru] = (struct font_slot){font, (int)f, px, frame};
    return font;
}

/* One font per face for measuring: fitting text tries many sizes, and a font object per size
 * tried would each keep a glyph cache (a kiosk's memory grew by megabytes a day that way). This
 * one is resized instead. */
static struct {
    TTF_Font *font;
    int px;
} measurer[FACE_COUNT];

static TTF_Font *measure_font(font_face f, int px)
{
#if SDL_TTF_VERSION_ATLEAST(2, 0, 18)
    if (px < 4)
        px = 4;
    if (!measurer[f].font) {
        SDL_RWops *rw = SDL_RWFromConstMem(faces[f].data, (int)faces[f].len);
        measurer[f].font = TTF_OpenFontRW(rw, 1, px);
        if (!measurer[f].font) {
            fprintf(stderr, "quizblitz: cannot open font %s: %s\n", faces[f].path, TTF_GetError());
            exit(EXIT_SOFTWARE);
        }
        measurer[f].px = px;
    } else if (measurer[f].px != px) {
        TTF_SetFontSize(measurer[f].font, px);
        measurer[f].px = px;
    }
    return measurer[f].font;
#else
    return font_at(f, px);
#endif
}

static uint64_t fnv(const void *p, size_t n, uint64_t h)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) {
        h ^= b[i];
        h *= 0x100000001B3ull;
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
            size_t i = pos;
            while (i < n && s[i] != '\n') {
                size_t j = i;
                while (j < n && s[j] == ' ')
                    j++;
                while (j < n && s[j] != ' ' && s[j] != '\n')
                    j++;
                if (wrap_w > 0 && width_of(font, s + line_start, j - line_start) > wrap_w)
                    break;
                best = j;
                i = j;
            }
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

/* text_measure, also telling whether a word had to be broken to fit wrap_w. */
static void measure(font_face f, int px, const char *s, int wrap_w, int *w, int *h, int *broke)
{
    TTF_Font *font = measure_font(f, px);
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
    SDL_Surface **ls = xcalloc((size_t)nl, sizeof *ls);
    for (int i = 0; i < nl; i++) {
        if (!lines[i].len)
            continue;
        char *t = xstrndup(d + lines[i].start, lines[i].len);
        ls[i] = TTF_RenderUTF8_Blended(font, t, c);
        free(t);
        if (ls[i] && ls[i]->w > mw)
            mw = ls[i]->w;
    }
    SDL_Surface *out = SDL_CreateRGBSurfaceWithFormat(0, mw, nl * skip, 32, SDL_PIXELFORMAT_ARGB8888);
    if (out) {
        SDL_FillRect(out, NULL, SDL_MapRGBA(out->format, c.r, c.g, c.b, 0));
        for (int i = 0; i < nl; i++) {
            if (!ls[i])
                continue;
            SDL_SetSurfaceBlendMode(ls[i], SDL_BLENDMODE_NONE);
            SDL_Rect dst = {0, i * skip, ls[i]->w, ls[i]->h};
            if (a == ALIGN_CENTER)
                dst.x = (mw - ls[i]->w) / 2;
            else if (a == ALIGN_RIGHT)
                dst.x = mw - ls[i]->w;
            SDL_BlitSurface(ls[i], NULL, out, &dst);
        }
    }
    for (int i = 0; i < nl; i++)
        SDL_FreeSurface(ls[i]);
    free(ls);
    free(lines);
    free(d);
    return out;
}

/* Frees a cached text. */
static void drop(struct text_slot *t)
{
    if (t->s) {
        SDL_DestroyTexture(t->t.tex);
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
    size_t budget = (size_t)w * (size_t)h * 4 * 2;
    if (budget < TEXT_BUDGET_MIN)
        budget = TEXT_BUDGET_MIN;
    while (text_bytes > budget) {
        struct text_slot *lru = NULL;
        for (int i = 0; i < TEXT_SLOTS; i++)
            if (texts[i].s && &texts[i] != keep && (!lru || texts[i].used < lru->used))
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
    uint32_t key[5] = {(uint32_t)f, (uint32_t)px, (uint32_t)wrap_w, (uint32_t)a,
                       (uint32_t)c.r << 24 | (uint32_t)c.g << 16 | (uint32_t)c.b << 8 | c.a};
    uint64_t h = fnv(key, sizeof key, fnv(s, n, 0xCBF29CE484222325ull));
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
    rasterized++;
    t->hash = h;
    t->s = xstrdup(s);
    t->face = (int)f;
    t->px = px;
    t->wrap = wrap_w;
    t->align = (int)a;
    t->c = c;
    t->used = frame;
    if (surf) {
        t->t.tex = SDL_CreateTextureFromSurface(ren, surf);
        t->t.w = surf->w;
        t->t.h = surf->h;
        SDL_FreeSurface(surf);
        if (t->t.tex) {
            SDL_SetTextureBlendMode(t->t.tex, SDL_BLENDMODE_BLEND);
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
    int key[5] = {(int)f, box_w, box_h, max_px, min_px};
    uint64_t h = fnv(key, sizeof key, fnv(s, n, 0xCBF29CE484222325ull));
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

int text_fit_line(font_face f, const char *s, int box_w, int max_px, int min_px, size_t *cut)
{
    if (max_px < min_px)
        max_px = min_px;
    size_t n = strlen(s);
    if (cut)
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
    if (cut) {
        /* the longest prefix (whole code points) that fits with "…" after it */
        TTF_Font *font = measure_font(f, min_px);
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
    }
    return min_px;
}

void text_frame_end(void)
{
    frame++;
    if (frame % 64)
        return;
    for (int i = 0; i < TEXT_SLOTS; i++) {
        struct text_slot *t = &texts[i];
        if (t->s && frame - t->used > TEXT_MAX_AGE)
            drop(t);
    }
}

unsigned long text_rasterized(void)
{
    return rasterized;
}

void text_quit(void)
{
    for (int i = 0; i < TEXT_SLOTS; i++)
        drop(&texts[i]);
    for (int i = 0; i < FIT_SLOTS; i++)
        free(fits[i].s);
    memset(fits, 0, sizeof fits);
    for (int i = 0; i < FONT_SLOTS; i++)
        if (fonts[i].font)
            TTF_CloseFont(fonts[i].font);
    memset(fonts, 0, sizeof fonts);
    for (int f = 0; f < FACE_COUNT; f++)
        if (measurer[f].font)
            TTF_CloseFont(measurer[f].font);
    memset(measurer, 0, sizeof measurer);
    for (int f = 0; f < FACE_COUNT; f++) {
        free(faces[f].path);
        free(faces[f].data);
    }
    memset(faces, 0, sizeof faces);
    if (TTF_WasInit())
        TTF_Quit();
    FcFini();
}
