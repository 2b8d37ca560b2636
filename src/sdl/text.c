/* text.c: font lookup (fontconfig), runs by font, script and direction (FriBidi, shaped by
 * SDL_ttf's HarfBuzz), word wrapping, and the rendered-text cache. */
#include "text.h"

#include <SDL_ttf.h>
#include <fontconfig/fontconfig.h>
#include <fribidi.h>
#include <hb.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/util.h"
#include "fonts.h"

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

static SDL_Renderer *ren;
/* SDL's software renderer: texts are kept as surfaces, which the compositor blends itself */
static int keep_surfaces;
static unsigned long frame;

/* Open DejaVu fonts, for drawing and measuring: FACE_FONTS objects per face, each at one pixel
 * size at a time. A size none of them is at takes the face's least recently used object, resized
 * (TTF_SetFontSize), rather than a new object: a new one costs a FreeType face (and its fpgm
 * program run), a HarfBuzz face whose tables are read and whose shape plans are compiled again,
 * where a resize keeps all of that and only runs the prep program and loads glyphs at the new
 * size, as a new object would. Each object keeps the glyphs it has loaded at its size (the
 * TrueType hinter makes loading the dear part; a resize flushes them), so a few per face keep a
 * screen's sizes warm: a fit measures at a size or two besides the one it draws at. (The
 * fallbacks: fb_fonts below.) */
#define FACE_FONTS 3
static struct font_slot {
    /* NULL until the face is first asked at a size none of its objects is at */
    TTF_Font *font;
    int px;
    /* font_uses at the last use */
    unsigned long used;
} fonts[FACE_COUNT][FACE_FONTS];
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
        if (fonts_map(faces[f].path, &faces[f].data, &faces[f].len, &faces[f].mapped) != 0) {
            *err = "cannot read a DejaVu font file";
            return -1;
        }
    }
    return 0;
}

/* Font sources: the DejaVu faces are 0 .. FACE_COUNT-1, fallback id k (fonts.c) is
 * FACE_COUNT + k - 1. */
#define SRC_FALLBACK(id) (FACE_COUNT + (id)-1)
#define SRC_ID(src) ((src)-FACE_COUNT + 1)

/* The open font of a source at px (a DejaVu face's least recently used object resized); NULL
 * when a fallback's file cannot be opened (the caller draws with the face's DejaVu instead). */
/* A fallback font is one object per source, resized to the size asked (TTF_SetFontSize), not
 * FACE_FONTS as DejaVu has: each object of a CJK face holds its own FreeType face and HarfBuzz
 * tables, about 2.5 MB, where DejaVu's take a tenth of that. Resizing throws its glyphs away, but
 * texts are rasterized only when they change and measurements are cached. */
static struct fallback_font {
    TTF_Font *font;
    int px;
} fb_fonts[FONTS_MAX + 1];

static TTF_Font *src_font(int src, int px)
{
    if (px < 4)
        px = 4;
    if (src >= FACE_COUNT) {
        struct fallback_font *ff = &fb_fonts[SRC_ID(src)];
        if (ff->font && ff->px != px) {
            if (TTF_SetFontSize(ff->font, px) == 0) {
                ff->px = px;
            } else {
                TTF_CloseFont(ff->font);
                ff->font = NULL;
            }
        }
        if (!ff->font) {
            const font_file *file = fonts_data(SRC_ID(src));
            if (!file)
                return NULL;
            SDL_RWops *rw = SDL_RWFromConstMem(file->data, (int)file->len);
            ff->font = TTF_OpenFontIndexRW(rw, 1, px, file->index);
            ff->px = px;
        }
        return ff->font;
    }
    struct font_slot *slot = NULL;
    for (int i = 0; i < FACE_FONTS; i++) {
        struct font_slot *fs = &fonts[src][i];
        if (fs->font && fs->px == px) {
            fs->used = ++font_uses;
            return fs->font;
        }
        if (!slot || (slot->font && (!fs->font || fs->used < slot->used)))
            slot = fs;
    }
    /* TTF_SetFontSize sets FreeType's size, reads the metrics again, flushes the glyphs loaded at
     * the old size and tells HarfBuzz (hb_ft_font_changed: its scale, so its cached advances go
     * too): nothing of the old size is left to measure or draw with */
    if (slot->font && TTF_SetFontSize(slot->font, px) != 0) {
        TTF_CloseFont(slot->font);
        slot->font = NULL;
    }
    if (!slot->font) {
        SDL_RWops *rw = SDL_RWFromConstMem(faces[src].data, (int)faces[src].len);
        slot->font = TTF_OpenFontRW(rw, 1, px);
        if (!slot->font) {
            fprintf(stderr, "quizblitz: cannot open font %s at %d px: %s\n", faces[src].path, px, TTF_GetError());
            exit(EXIT_SOFTWARE);
        }
    }
    slot->px = px;
    slot->used = ++font_uses;
    return slot->font;
}

static TTF_Font *font_at(font_face f, int px)
{
    return src_font((int)f, px);
}

/* Measuring uses the same fonts as drawing (font_at). A fit tries a few sizes per box, and the
 * boxes of a screen try mostly the same ones (their ranges are alike); each font object keeps
 * the glyphs it has loaded at its size, so a size tried once is cheap the next time, and the
 * size a text is then drawn at has its glyphs ready. (Instructions to the title's first frame:
 * one object per face, resized for every size tried, throwing its glyphs away at each resize,
 * 120M; two 111M; three 107M; four 109M, their opening dearer than the sizes they keep; before,
 * eight slots opened per size, 121M.) */

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

/* The code point at s[*i] (deck text is valid UTF-8: the loader repairs it), *i moved past it. */
static uint32_t next_cp(const char *s, size_t n, size_t *i)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t k = *i;
    uint32_t c = u[k];
    int extra = c < 0x80 ? 0 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
    c = extra == 0 ? c : extra == 1 ? c & 0x1F : extra == 2 ? c & 0x0F : c & 0x07;
    k++;
    for (int e = 0; e < extra && k < n && (u[k] & 0xC0) == 0x80; e++)
        c = c << 6 | (u[k++] & 0x3F);
    *i = k;
    return c;
}

static size_t put_cp(char *o, uint32_t c)
{
    unsigned char *u = (unsigned char *)o;
    if (c < 0x80) {
        u[0] = (unsigned char)c;
        return 1;
    }
    if (c < 0x800) {
        u[0] = (unsigned char)(0xC0 | c >> 6);
        u[1] = (unsigned char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        u[0] = (unsigned char)(0xE0 | c >> 12);
        u[1] = (unsigned char)(0x80 | (c >> 6 & 0x3F));
        u[2] = (unsigned char)(0x80 | (c & 0x3F));
        return 3;
    }
    u[0] = (unsigned char)(0xF0 | c >> 18);
    u[1] = (unsigned char)(0x80 | (c >> 12 & 0x3F));
    u[2] = (unsigned char)(0x80 | (c >> 6 & 0x3F));
    u[3] = (unsigned char)(0x80 | (c & 0x3F));
    return 4;
}

/* A run: code points of one font, one bidi level and one script, which SDL_ttf shapes in one
 * call (HarfBuzz, with the run's direction and script). Byte offsets into the display text, in
 * logical order; runs never hold a '\n'. */
typedef struct run {
    size_t a, b;
    int src;
    /* the embedding level of the Unicode bidi algorithm: odd is right-to-left */
    int level;
    /* HarfBuzz's script tag (ISO 15924) */
    uint32_t script;
} run;

/* A span's width at a size, remembered: a fit's guesses wrap the text at the reference size at
 * several widths, and their lines mostly start and end at the same places, each shaped again
 * (about 60 % of the shaping before the title's first frame). px 0: empty. */
#define SPAN_MEMO 128
struct span_memo {
    size_t a, b;
    int px, w;
};

/* A text ready for measuring and drawing: the display form (backticks of `code` dropped, a
 * code point no installed font has replaced by U+FFFD, which DejaVu draws), cut into runs. */
typedef struct para {
    char *d;
    size_t n;
    run *runs;
    int nruns;
    /* the base direction (the first strong character's): right-to-left */
    int rtl;
    /* the display text has a code point for each backtick (an isolate); else none */
    int isolates;
    /* widths measured (span_width), SPAN_MEMO of them by size and byte range */
    struct span_memo *memo;
} para;

/* Whether a source has a glyph for cp (the face's DejaVu through SDL_ttf, a fallback by its
 * fontconfig charset). */
static int src_has(int src, int px, uint32_t cp)
{
    if (src < FACE_COUNT)
        return TTF_GlyphIsProvided32(font_at((font_face)src, px), cp) != 0;
    return fonts_has(SRC_ID(src), cp);
}

/* Whether a source is a colour (emoji) font. */
static int src_color(int src)
{
    return src >= FACE_COUNT && fonts_info(SRC_ID(src))->color;
}

/* CJK and other scripts written without spaces: a line may break beside any of their
 * characters (the common case of UAX #14, without its tables). */
static int breaks_anywhere(uint32_t c)
{
    return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0xFF00 && c <= 0xFF60) || (c >= 0x20000 && c <= 0x3FFFF);
}

/* characters a line must not start with (closing marks, small kana, the prolonged sound mark)
 * or end with (opening brackets) */
static int no_line_start(uint32_t c)
{
    static const uint32_t set[] = {0x3001, 0x3002, 0xFF0C, 0xFF0E, 0xFF01, 0xFF1F, 0xFF09, 0x300D, 0x300F, 0x3011,
                                   0x30FC, 0x3005, 0x3041, 0x3043, 0x3045, 0x3047, 0x3049, 0x3063, 0x3083, 0x3085,
                                   0x3087, 0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9, 0x30C3, 0x30E3, 0x30E5, 0x30E7,
                                   0xFF1A, 0xFF1B, 0x30FB, 0x2026, ')', ']', '}', '.', ',', '!', '?', ':', ';'};
    for (size_t i = 0; i < sizeof set / sizeof set[0]; i++)
        if (set[i] == c)
            return 1;
    return 0;
}

static int no_line_end(uint32_t c)
{
    return c == 0x300C || c == 0x300E || c == 0x3010 || c == 0xFF08 || c == '(' || c == '[' || c == '{';
}

/* What the text audit counts (QUIZBLITZ_TEXT_AUDIT=1 prints it at exit): code points drawn,
 * those the font drawing them has no glyph for (SDL_ttf would draw .notdef), and U+FFFD drawn
 * in place of a code point no font has. */
static unsigned long audit_drawn, audit_notdef, audit_replaced;

static void para_free(para *p)
{
    free(p->d);
    free(p->runs);
    free(p->memo);
}

/* Cuts s into runs for face f: fonts by coverage, levels by FriBidi, scripts by HarfBuzz. A
 * text of ASCII only is one run per line of DejaVu, left to right. px only picks the DejaVu
 * font asked about coverage: the runs are the same at every size. */
static void analyse(font_face f, int px, const char *s, para *p)
{
    size_t n = strlen(s);
    int ascii = 1;
    for (size_t i = 0; i < n && ascii; i++)
        ascii = (unsigned char)s[i] < 0x80;
    memset(p, 0, sizeof *p);
    p->memo = xcalloc(SPAN_MEMO, sizeof *p->memo);
    if (ascii) {
        p->d = xmalloc(n + 1);
        for (size_t i = 0; i < n; i++)
            if (s[i] != '`')
                p->d[p->n++] = s[i];
        p->d[p->n] = 0;
        int cap = 1;
        for (size_t i = 0; i < p->n; i++)
            cap += p->d[i] == '\n';
        p->runs = xmalloc(sizeof *p->runs * (size_t)cap);
        size_t a = 0;
        for (size_t i = 0; i <= p->n; i++)
            if (i == p->n || p->d[i] == '\n') {
                if (i > a)
                    p->runs[p->nruns++] = (run){a, i, (int)f, 0, HB_SCRIPT_LATIN};
                a = i + 1;
            }
        return;
    }
    /* code points, without backticks, the ones no font has replaced */
    uint32_t *cp = xmalloc(sizeof *cp * (n + 1));
    int *src = xmalloc(sizeof *src * (n + 1));
    size_t m = 0;
    int in_code = 0;
    for (size_t i = 0; i < n;) {
        uint32_t c = next_cp(s, n, &i);
        /* a `code` span is isolated, in its own direction (FIRST STRONG ISOLATE ... POP
         * DIRECTIONAL ISOLATE): `--all` in Arabic stays --all, not all-- */
        if (c == '`')
            c = (in_code = !in_code) ? 0x2068 : 0x2069;
        cp[m++] = c;
    }
    p->isolates = 1;
    FriBidiCharType *types = xmalloc(sizeof *types * (m + 1));
    fribidi_get_bidi_types(cp, (FriBidiStrIndex)m, types);
    p->rtl = fribidi_get_par_direction(types, (FriBidiStrIndex)m) == FRIBIDI_PAR_RTL;
    int prev = -1;
    for (size_t i = 0; i < m; i++) {
        uint32_t c = cp[i];
        int s_ = -1;
        if (c == '\n') {
            src[i] = -1;
            prev = -1;
            continue;
        }
        if (fonts_is_ignorable(c) || c < 0x20) {
            s_ = prev >= 0 ? prev : (int)f;
        } else if (fonts_is_emoji(c) || (i + 1 < m && cp[i + 1] == 0xFE0F)) {
            /* an emoji, or a symbol asking for emoji presentation (VS16) */
            int id = fonts_fallback((int)f, c, 1);
            s_ = id ? SRC_FALLBACK(id) : src_has((int)f, px, c) ? (int)f : -1;
        } else if (prev >= 0 && !FRIBIDI_IS_STRONG(types[i]) && (!src_color(prev) || types[i] == FRIBIDI_TYPE_NSM) &&
                   src_has(prev, px, c)) {
            /* spaces, digits, punctuation and marks stay in the run they are in (in an emoji
             * font's only marks, as a keycap's: its space is as wide as a picture) */
            s_ = prev;
        } else if (src_has((int)f, px, c)) {
            s_ = (int)f;
        } else {
            int id = fonts_fallback((int)f, c, 0);
            s_ = id ? SRC_FALLBACK(id) : -1;
        }
        if (s_ < 0) {
            cp[i] = 0xFFFD;
            s_ = (int)f;
        }
        src[i] = prev = s_;
    }
    /* levels, paragraph by paragraph, all in the text's base direction (so its lines align
     * alike) */
    FriBidiLevel *levels = xcalloc(m + 1, sizeof *levels);
    FriBidiBracketType *brackets = xmalloc(sizeof *brackets * (m + 1));
    for (size_t a = 0; a < m;) {
        size_t b = a;
        while (b < m && cp[b] != '\n')
            b++;
        if (b > a) {
            FriBidiParType dir = p->rtl ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
            fribidi_get_bracket_types(cp + a, (FriBidiStrIndex)(b - a), types + a, brackets + a);
            if (!fribidi_get_par_embedding_levels_ex(types + a, brackets + a, (FriBidiStrIndex)(b - a), &dir,
                                                     levels + a))
                memset(levels + a, p->rtl, (b - a) * sizeof *levels);
        }
        a = b + 1;
    }
    /* scripts: Common and Inherited characters take their neighbour's */
    uint32_t *script = xmalloc(sizeof *script * (m + 1));
    hb_unicode_funcs_t *uf = hb_unicode_funcs_get_default();
    uint32_t last = 0;
    for (size_t i = 0; i < m; i++) {
        uint32_t sc = (uint32_t)hb_unicode_script(uf, cp[i]);
        if (cp[i] == '\n')
            last = 0;
        if (sc == HB_SCRIPT_COMMON || sc == HB_SCRIPT_INHERITED || sc == HB_SCRIPT_UNKNOWN)
            sc = last;
        script[i] = last = sc;
    }
    last = HB_SCRIPT_LATIN;
    for (size_t i = m; i-- > 0;) {
        if (script[i] == 0 || cp[i] == '\n')
            script[i] = last;
        else
            last = script[i];
    }
    /* the display text and its runs */
    p->d = xmalloc(m * 4 + 1);
    p->runs = xmalloc(sizeof *p->runs * (m + 1));
    for (size_t i = 0; i < m; i++) {
        size_t at = p->n;
        p->n += put_cp(p->d + at, cp[i]);
        if (cp[i] == '\n')
            continue;
        run *r = p->nruns ? &p->runs[p->nruns - 1] : NULL;
        if (r && r->b == at && r->src == src[i] && r->level == levels[i] && r->script == script[i])
            r->b = p->n;
        else
            p->runs[p->nruns++] = (run){at, p->n, src[i], levels[i], script[i]};
    }
    p->d[p->n] = 0;
    free(script);
    free(brackets);
    free(levels);
    free(types);
    free(src);
    free(cp);
}

/* The texts last analysed, kept: a fit measures one text at several sizes, then it is drawn at
 * the size found, and the runs are the same at all of them (analyse), so FriBidi, HarfBuzz's
 * scripts and the fallback look-ups run once per text, not once per size tried. */
#define PARA_SLOTS 4
static struct para_slot {
    char *s;
    int face;
    para p;
    /* para_uses at the last use */
    unsigned long used;
} paras[PARA_SLOTS];
static unsigned long para_uses;

/* s analysed for face f (analyse), from the slots or into the least recently used one. The
 * para stays valid until PARA_SLOTS other texts have been analysed. */
static const para *analysed(font_face f, int px, const char *s)
{
    struct para_slot *lru = &paras[0];
    for (int i = 0; i < PARA_SLOTS; i++) {
        struct para_slot *ps = &paras[i];
        if (ps->s && ps->face == (int)f && strcmp(ps->s, s) == 0) {
            ps->used = ++para_uses;
            return &ps->p;
        }
        if (!ps->s || (lru->s && ps->used < lru->used))
            lru = ps;
    }
    if (lru->s) {
        free(lru->s);
        para_free(&lru->p);
    }
    lru->s = xstrdup(s);
    lru->face = (int)f;
    lru->used = ++para_uses;
    analyse(f, px, s, &lru->p);
    return &lru->p;
}

/* The font of a run at px, set up for it (direction, script); *scale: 1, or the factor that
 * brings a colour font's fixed-size bitmaps (emoji) to the height of DejaVu at px. */
static TTF_Font *run_font(font_face f, int px, const run *r, double *scale)
{
    *scale = 1;
    TTF_Font *font = src_font(r->src, px);
    if (!font)
        font = font_at(f, px);
    else if (src_color(r->src)) {
        int want = TTF_FontHeight(font_at(f, px)), have = TTF_FontHeight(font);
        if (have > 0)
            *scale = (double)want / have;
    }
    TTF_SetFontDirection(font, r->level & 1 ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR);
    char tag[5] = {(char)(r->script >> 24), (char)(r->script >> 16), (char)(r->script >> 8), (char)r->script, 0};
    TTF_SetFontScriptName(font, tag);
    return font;
}

/* Width of the bytes d[a..b) of one run. */
static int piece_width(font_face f, int px, const para *p, const run *r, size_t a, size_t b)
{
    double scale;
    TTF_Font *font = run_font(f, px, r, &scale);
    char buf[512];
    size_t n = b - a;
    char *tmp = n < sizeof buf ? buf : xmalloc(n + 1);
    memcpy(tmp, p->d + a, n);
    tmp[n] = 0;
    int w = 0, h = 0;
    TTF_SizeUTF8(font, tmp, &w, &h);
    if (tmp != buf)
        free(tmp);
    return scale == 1 ? w : (int)(w * scale + 0.5);
}

/* Width of the display text's bytes [a, b): the sum of its runs' pieces, each shaped alone
 * (remembered in p's memo: a para is analysed for one face, so the size and the bytes are the
 * key). */
static int span_width(font_face f, int px, const para *p, size_t a, size_t b)
{
    struct span_memo *m = &p->memo[((a * 31 + b) * 31 + (size_t)px) % SPAN_MEMO];
    if (m->px == px && m->a == a && m->b == b)
        return m->w;
    int w = 0;
    for (int i = 0; i < p->nruns; i++) {
        const run *r = &p->runs[i];
        size_t x = r->a > a ? r->a : a, y = r->b < b ? r->b : b;
        if (x < y)
            w += piece_width(f, px, p, r, x, y);
    }
    *m = (struct span_memo){a, b, px, w};
    return w;
}

/* The box of the line [a, b): its height and the baseline's distance from its top. DejaVu's
 * line box, made taller only by a fallback whose letters reach further (CJK, Devanagari). */
static void line_box(font_face f, int px, const para *p, size_t a, size_t b, int *ascent, int *height)
{
    TTF_Font *font = font_at(f, px);
    int asc = TTF_FontAscent(font), below = -TTF_FontDescent(font), skip = TTF_FontLineSkip(font);
    for (int i = 0; i < p->nruns; i++) {
        const run *r = &p->runs[i];
        if (r->src < FACE_COUNT || r->b <= a || r->a >= b)
            continue;
        double scale;
        TTF_Font *rf = run_font(f, px, r, &scale);
        int ra = (int)(TTF_FontAscent(rf) * scale + 0.5), rb = (int)(-TTF_FontDescent(rf) * scale + 0.5);
        if (ra > asc)
            asc = ra;
        if (rb > below)
            below = rb;
    }
    *ascent = asc;
    *height = asc + below > skip ? asc + below : skip;
}

/* A wrapped line: a byte range of the text. */
typedef struct line_span {
    size_t start, len;
} line_span;

/* The places a line starting at pos may end, in order, into ends (one at most for each byte
 * before the paragraph's end): the ends of the words (a run of spaces, then of other bytes),
 * and the places beside a CJK character. Returns how many. */
static size_t line_ends(const char *s, size_t n, size_t pos, size_t *ends)
{
    size_t m = 0;
    for (size_t i = pos; i < n && s[i] != '\n';) {
        size_t j = i;
        while (j < n && s[j] == ' ')
            j++;
        uint32_t before = 0;
        while (j < n && s[j] != ' ' && s[j] != '\n') {
            size_t k = j;
            uint32_t c = next_cp(s, n, &k);
            if (j > i && s[j - 1] != ' ' && (breaks_anywhere(c) || breaks_anywhere(before)) && !no_line_start(c) &&
                !no_line_end(before))
                break;
            before = c;
            j = k;
        }
        ends[m++] = j;
        i = j;
    }
    return m;
}

/* The end of the part of the word at a (wider than wrap_w) that goes on its line: as many code
 * points as fit, at least one. */
static size_t break_word(font_face f, int px, const para *p, size_t a, int wrap_w)
{
    const char *s = p->d;
    size_t n = p->n, j = a;
    do {
        j++;
        while (j < n && ((unsigned char)s[j] & 0xC0) == 0x80)
            j++;
        if (span_width(f, px, p, a, j) > wrap_w && j > a + 1) {
            while (j > a && ((unsigned char)s[j - 1] & 0xC0) == 0x80)
                j--;
            j--;
            break;
        }
    } while (j < n && s[j] != ' ' && s[j] != '\n');
    if (j <= a)
        j = a + 1;
    while (j < n && ((unsigned char)s[j] & 0xC0) == 0x80)
        j++;
    return j;
}

/* Greedy wrap at wrap_w, at spaces and beside CJK characters; a word wider than the line is
 * broken between code points (and *broke, when not NULL, is set). Widths are the shaped runs'.
 * Returns the number of lines; *out is allocated. */
static int wrap_lines(font_face f, int px, const para *p, int wrap_w, line_span **out, int *broke)
{
    if (broke)
        *broke = 0;
    const char *s = p->d;
    size_t n = p->n;
    int cap = 8, nl = 0;
    line_span *lines = xmalloc(sizeof *lines * (size_t)cap);
    size_t *ends = xmalloc(sizeof *ends * (n + 1));
    size_t pos = 0;
    while (pos < n || nl == 0) {
        while (pos < n && s[pos] == ' ')
            pos++;
        size_t line_start = pos, best = pos;
        if (s[pos] == '\n') {
            pos++;
        } else {
            /* The line takes words while it fits: it ends before the first candidate end that
             * does not fit. A longer prefix is never narrower (its glyphs are the shorter
             * one's, at the same places, and more), so that candidate is found by bisection:
             * one measurement when the rest of the paragraph fits, a few when it does not,
             * where trying each word in turn shaped the line again for every word. */
            size_t m = line_ends(s, n, pos, ends);
            /* k: the first candidate that does not fit (m: none) */
            size_t k = m;
            if (wrap_w > 0 && m > 0 && span_width(f, px, p, line_start, ends[m - 1]) > wrap_w) {
                size_t lo = 0, hi = m - 1;
                while (lo < hi) {
                    size_t mid = (lo + hi) / 2;
                    if (span_width(f, px, p, line_start, ends[mid]) > wrap_w)
                        hi = mid;
                    else
                        lo = mid + 1;
                }
                k = lo;
            }
            if (k > 0) {
                best = ends[k - 1];
            } else if (m > 0) {
                /* one word longer than the line */
                if (broke)
                    *broke = 1;
                best = break_word(f, px, p, line_start, wrap_w);
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
    free(ends);
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
    const para *p = analysed(f, px, s);
    line_span *lines;
    int nl = wrap_lines(f, px, p, wrap_w, &lines, broke);
    int mw = 0, th = 0;
    for (int i = 0; i < nl; i++) {
        int lw = span_width(f, px, p, lines[i].start, lines[i].start + lines[i].len), asc, lh;
        if (lw > mw)
            mw = lw;
        line_box(f, px, p, lines[i].start, lines[i].start + lines[i].len, &asc, &lh);
        th += lh;
    }
    *w = mw;
    *h = th;
    free(lines);
}

void text_measure(font_face f, int px, const char *s, int wrap_w, int *w, int *h)
{
    measure(f, px, s, wrap_w, w, h, NULL);
}

int text_rtl(const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        uint32_t c = next_cp(s, n, &i);
        FriBidiCharType t = fribidi_get_bidi_type(c);
        if (FRIBIDI_IS_STRONG(t))
            return FRIBIDI_IS_RTL(t) != 0;
    }
    return 0;
}

/* s scaled by k (< 1 or > 1) with area averaging in premultiplied alpha, ARGB8888. */
static SDL_Surface *scaled(SDL_Surface *s, double k)
{
    int w = (int)(s->w * k + 0.5), h = (int)(s->h * k + 0.5);
    if (w < 1)
        w = 1;
    if (h < 1)
        h = 1;
    SDL_Surface *src = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0);
    SDL_Surface *out = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!src || !out) {
        SDL_FreeSurface(src);
        SDL_FreeSurface(out);
        return NULL;
    }
    for (int y = 0; y < h; y++) {
        int y0 = y * src->h / h, y1 = (y + 1) * src->h / h;
        if (y1 <= y0)
            y1 = y0 + 1;
        uint32_t *o = (uint32_t *)((uint8_t *)out->pixels + (size_t)y * (size_t)out->pitch);
        for (int x = 0; x < w; x++) {
            int x0 = x * src->w / w, x1 = (x + 1) * src->w / w;
            if (x1 <= x0)
                x1 = x0 + 1;
            uint64_t sa = 0, sr = 0, sg = 0, sb = 0, cnt = 0;
            for (int yy = y0; yy < y1 && yy < src->h; yy++) {
                const uint32_t *row = (const uint32_t *)((const uint8_t *)src->pixels + (size_t)yy * (size_t)src->pitch);
                for (int xx = x0; xx < x1 && xx < src->w; xx++) {
                    uint32_t v = row[xx], a = v >> 24;
                    sa += a;
                    sr += (v >> 16 & 0xFF) * a;
                    sg += (v >> 8 & 0xFF) * a;
                    sb += (v & 0xFF) * a;
                    cnt++;
                }
            }
            uint32_t a = cnt ? (uint32_t)((sa + cnt / 2) / cnt) : 0;
            uint32_t r = sa ? (uint32_t)((sr + sa / 2) / sa) : 0, g = sa ? (uint32_t)((sg + sa / 2) / sa) : 0,
                     b = sa ? (uint32_t)((sb + sa / 2) / sa) : 0;
            o[x] = a << 24 | r << 16 | g << 8 | b;
        }
    }
    SDL_FreeSurface(src);
    return out;
}

/* A piece of a line ready to draw. */
struct piece {
    const run *r;
    size_t a, b;
    /* its pixels, and their height above the baseline */
    SDL_Surface *s;
    int asc;
};

/* The line [a, b) of p as one surface, asc_line above its baseline and h tall: the runs'
 * pieces in visual order (the bidi algorithm's rule L2, by pieces: from the highest level down
 * to the lowest odd one, each sequence at that level or higher reversed); a right-to-left run
 * comes out of HarfBuzz already in visual order. NULL when nothing could be drawn. */
static SDL_Surface *line_surface(font_face f, int px, SDL_Color c, const para *p, size_t a, size_t b, int asc_line,
                                 int h)
{
    struct piece stack_pieces[16], *pc = stack_pieces;
    if (p->nruns > 16)
        pc = xmalloc(sizeof *pc * (size_t)p->nruns);
    int np = 0, hi = 0, lo_odd = 1000;
    for (int i = 0; i < p->nruns; i++) {
        const run *r = &p->runs[i];
        size_t x0 = r->a > a ? r->a : a, y0 = r->b < b ? r->b : b;
        if (x0 >= y0)
            continue;
        pc[np++] = (struct piece){r, x0, y0, NULL, 0};
        if (r->level > hi)
            hi = r->level;
        if ((r->level & 1) && r->level < lo_odd)
            lo_odd = r->level;
    }
    for (int lv = hi; lv >= lo_odd; lv--)
        for (int i = 0; i < np;) {
            if (pc[i].r->level < lv) {
                i++;
                continue;
            }
            int j = i;
            while (j < np && pc[j].r->level >= lv)
                j++;
            for (int u = i, v = j - 1; u < v; u++, v--) {
                struct piece t = pc[u];
                pc[u] = pc[v];
                pc[v] = t;
            }
            i = j;
        }
    int w = 0;
    for (int i = 0; i < np; i++) {
        double scale;
        TTF_Font *font = run_font(f, px, pc[i].r, &scale);
        char *t = xstrndup(p->d + pc[i].a, pc[i].b - pc[i].a);
        for (size_t k = 0, tn = strlen(t); k < tn;) {
            uint32_t cp = next_cp(t, tn, &k);
            if (fonts_is_ignorable(cp) || cp < 0x20)
                continue;
            audit_drawn++;
            audit_notdef += !TTF_GlyphIsProvided32(font, cp);
            audit_replaced += cp == 0xFFFD;
        }
        SDL_Surface *s = TTF_RenderUTF8_Blended(font, t, c);
        free(t);
        if (s && scale != 1) {
            SDL_Surface *k = scaled(s, scale);
            SDL_FreeSurface(s);
            s = k;
        }
        pc[i].s = s;
        pc[i].asc = (int)(TTF_FontAscent(font) * scale + 0.5);
        if (s)
            w += s->w;
    }
    SDL_Surface *out = NULL;
    if (w > 0 && h > 0)
        out = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (out)
        SDL_FillRect(out, NULL, SDL_MapRGBA(out->format, c.r, c.g, c.b, 0));
    int x = 0;
    for (int i = 0; i < np; i++) {
        SDL_Surface *s = pc[i].s;
        if (!s)
            continue;
        if (out) {
            /* the pieces' boxes do not overlap: copied, not blended */
            SDL_SetSurfaceBlendMode(s, SDL_BLENDMODE_NONE);
            SDL_Rect dst = {x, asc_line - pc[i].asc, s->w, s->h};
            SDL_BlitSurface(s, NULL, out, &dst);
        }
        x += s->w;
        SDL_FreeSurface(s);
    }
    if (pc != stack_pieces)
        free(pc);
    return out;
}

static SDL_Surface *render_wrapped(font_face f, int px, SDL_Color c, const char *s, int wrap_w, text_align a)
{
    const para *p = analysed(f, px, s);
    line_span *lines;
    int nl = wrap_lines(f, px, p, wrap_w, &lines, NULL);
    struct line_surface {
        SDL_Surface *s;
        int y;
    } *lsv = xcalloc((size_t)nl, sizeof *lsv);
    int mw = 1, th = 0;
    for (int i = 0; i < nl; i++) {
        size_t la = lines[i].start, lb = la + lines[i].len;
        int asc, lh;
        line_box(f, px, p, la, lb, &asc, &lh);
        lsv[i].y = th;
        th += lh;
        if (lines[i].len)
            lsv[i].s = line_surface(f, px, c, p, la, lb, asc, lh);
        if (lsv[i].s && lsv[i].s->w > mw)
            mw = lsv[i].s->w;
    }
    SDL_Surface *out = SDL_CreateRGBSurfaceWithFormat(0, mw, th > 0 ? th : 1, 32, SDL_PIXELFORMAT_ARGB8888);
    if (out) {
        SDL_FillRect(out, NULL, SDL_MapRGBA(out->format, c.r, c.g, c.b, 0));
        for (int i = 0; i < nl; i++) {
            if (!lsv[i].s)
                continue;
            SDL_SetSurfaceBlendMode(lsv[i].s, SDL_BLENDMODE_NONE);
            SDL_Rect dst = {0, lsv[i].y, lsv[i].s->w, lsv[i].s->h};
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

/* A fit's search for the size runs on one reference size first: a text's width and height grow in
 * proportion to its size, near enough (hinting moves a glyph by a pixel or so), so the text
 * measured at FIT_REF_PX with the box scaled by FIT_REF_PX / px says whether it fits at px. Then
 * the guess and its neighbour are measured at their own sizes, which settles the answer when the
 * guess was right (nearly always), and a search of the rest of the range when it was not. Each
 * size measured for real is a font to open at that size and the text to shape again: a plain
 * search over 14-150 px tried seven, and at a scene change the sizes tried pushed the fonts that
 * draw out of their slots (at 3840x2160, 6-14 fonts opened in one frame). The result is the one
 * the plain search gives: the largest size that fits, as long as a bigger size never fits
 * better. */
#define FIT_REF_PX 64

/* What a fit asks: a text in a box w wide and h high, wrapped at w, its words whole unless
 * allow_break; or on one line, where only the width counts. */
struct fit_ask {
    font_face f;
    const char *s;
    int w, h, one_line, allow_break;
};

/* Whether the text fits at px: measured (exact), or scaled from FIT_REF_PX (a guess). */
static int fits_at(const struct fit_ask *q, int px, int guess)
{
    int w, h, broke;
    if (!guess) {
        measure(q->f, px, q->s, q->one_line ? 0 : q->w, &w, &h, &broke);
        return w <= q->w && (q->one_line || (h <= q->h && (q->allow_break || !broke)));
    }
    /* at FIT_REF_PX, in the box scaled by FIT_REF_PX / px */
    int wrap = (int)((long long)q->w * FIT_REF_PX / px);
    measure(q->f, FIT_REF_PX, q->s, q->one_line ? 0 : wrap > 0 ? wrap : 1, &w, &h, &broke);
    return (long long)w * px <= (long long)q->w * FIT_REF_PX &&
           (q->one_line || ((long long)h * px <= (long long)q->h * FIT_REF_PX && (q->allow_break || !broke)));
}

/* The largest px in lo..hi that fits (binary search; exact or guessed), or lo - 1. */
static int fit_search(const struct fit_ask *q, int lo, int hi, int guess)
{
    int best = lo - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        if (fits_at(q, mid, guess)) {
            best = mid;
            lo = mid + 1;
        } else {
            hi = mid - 1;
        }
    }
    return best;
}

/* The largest px in lo..hi that fits, measured, or lo - 1: the guess and its neighbour first,
 * a search of the rest only when the guess was wrong. */
static int fit_size(const struct fit_ask *q, int lo, int hi)
{
    int g = fit_search(q, lo, hi, 1);
    if (g < lo)
        g = lo;
    if (fits_at(q, g, 0)) {
        if (g == hi || !fits_at(q, g + 1, 0))
            return g;
        int b = fit_search(q, g + 2, hi, 0);
        return b >= g + 2 ? b : g + 1;
    }
    if (g > lo && fits_at(q, g - 1, 0))
        return g - 1;
    return fit_search(q, lo, g - 2, 0);
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
    /* wrapped height grows with the size. First pass: words stay whole (a word broken across
     * lines reads badly); only when no size down to the floor fits, a second pass lets long
     * words break. */
    int best = -1;
    for (int allow_break = 0; allow_break < 2 && best < min_px; allow_break++)
        best = fit_size(&(struct fit_ask){f, s, box_w, box_h, 0, allow_break}, min_px, max_px);
    if (best < min_px)
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
    int best = fit_size(&(struct fit_ask){f, s, box_w, 0, 1, 0}, min_px, max_px);
    if (best >= min_px)
        return best;
    /* the longest prefix (whole code points) that fits with "..." after it */
    const para *p = analysed(f, min_px, s);
    size_t cps = 0, kept_cps = 0;
    int ell = 0, eh = 0;
    TTF_SetFontDirection(font_at(f, min_px), TTF_DIRECTION_LTR);
    TTF_SizeUTF8(font_at(f, min_px), "\xE2\x80\xA6", &ell, &eh);
    for (size_t i = 1; i <= p->n; i++) {
        if (i < p->n && ((unsigned char)p->d[i] & 0xC0) == 0x80)
            continue;
        cps++;
        if (span_width(f, min_px, p, 0, i) + ell > box_w)
            break;
        kept_cps = cps;
    }
    /* map the display prefix back onto s by code points: with isolates the display form has one
     * for each of s's (a backtick's isolate, U+FFFD for one no font has); without, s is ASCII and
     * the display form is s without its backticks */
    if (p->isolates) {
        *cut = utf8_prefix(s, kept_cps);
    } else {
        size_t si = 0;
        for (size_t k = 0; si < n && k < kept_cps; si++)
            k += s[si] != '`';
        *cut = si;
    }
    return min_px;
}

int text_missing(const char *s, uint32_t *first)
{
    static char *primary;
    static int looked;
    if (!looked) {
        looked = 1;
        primary = find_font(FACE_REGULAR);
    }
    size_t n = strlen(s);
    int missing = 0;
    for (size_t i = 0; i < n;) {
        uint32_t c = next_cp(s, n, &i);
        /* a code point DejaVu has is drawn (an emoji, in colour when a font has it) */
        if (c < 0x20 || c == '`' || fonts_is_ignorable(c) || (primary && fonts_file_has(primary, c)) ||
            fonts_fallback(FACE_REGULAR, c, fonts_is_emoji(c)))
            continue;
        if (!missing++ && first)
            *first = c;
    }
    return missing;
}

void text_missing_done(void)
{
    fonts_quit();
    FcFini();
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
    for (int i = 0; i < PARA_SLOTS; i++)
        if (paras[i].s) {
            free(paras[i].s);
            para_free(&paras[i].p);
        }
    memset(paras, 0, sizeof paras);
    for (int f = 0; f < FACE_COUNT; f++)
        for (int i = 0; i < FACE_FONTS; i++)
            if (fonts[f][i].font)
                TTF_CloseFont(fonts[f][i].font);
    memset(fonts, 0, sizeof fonts);
    for (int i = 0; i <= FONTS_MAX; i++)
        if (fb_fonts[i].font)
            TTF_CloseFont(fb_fonts[i].font);
    memset(fb_fonts, 0, sizeof fb_fonts);
    for (int f = 0; f < FACE_COUNT; f++) {
        free(faces[f].path);
        fonts_unmap(faces[f].data, faces[f].len, faces[f].mapped);
    }
    memset(faces, 0, sizeof faces);
    if (getenv("QUIZBLITZ_TEXT_AUDIT")) {
        /* the text audit (tests/e2e/test_scripts.py): every code point drawn had a glyph */
        fprintf(stderr, "quizblitz: text audit: %lu drawn, %lu without a glyph, %lu replaced; %d fallback font%s",
                audit_drawn, audit_notdef, audit_replaced, fonts_count(), fonts_count() == 1 ? "" : "s");
        for (int i = 1; i <= fonts_count(); i++) {
            const font_file *ff = fonts_info(i);
            fprintf(stderr, "%s%s", i == 1 ? ": " : ", ", ff ? ff->family : "?");
        }
        fputc('\n', stderr);
    }
    fonts_quit();
    if (TTF_WasInit())
        TTF_Quit();
    FcFini();
}
