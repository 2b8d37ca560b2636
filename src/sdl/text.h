/* text.h: fonts (found with fontconfig) and a cache of rendered text textures, so text is
 * rasterized once when it changes, never every frame. */
#ifndef QB_TEXT_H
#define QB_TEXT_H

#include <SDL.h>

/* The faces we use: DejaVu Sans Bold, DejaVu Sans, DejaVu Sans Mono (fonts-dejavu-core). */
typedef enum font_face { FACE_BOLD, FACE_REGULAR, FACE_MONO, FACE_COUNT } font_face;

/* Horizontal alignment of wrapped lines. */
typedef enum text_align { ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT } text_align;

/* A rendered text (one of tex, surf). Owned by the cache: valid until text_frame_end() evicts it. */
typedef struct text_tex {
    /* a texture of the renderer (GPU renderers), or NULL */
    SDL_Texture *tex;
    /* the pixels, straight-alpha ARGB8888 (SDL's software renderer, where compose.c blends
     * them itself), or NULL */
    SDL_Surface *surf;
    int w, h;
    /* a number never given to other pixels: the renderer compares frames by it (a texture's
     * address can come back for another text) */
    unsigned long serial;
} text_tex;

/* Finds and loads the fonts. $QUIZBLITZ_FONT_DIR (a directory holding DejaVuSans*.ttf)
 * overrides fontconfig. Returns 0, or -1 with *err (static text) set. */
int text_init(SDL_Renderer *r, const char **err);
void text_quit(void);

/* A line (wrap_w <= 0) or a paragraph wrapped at wrap_w pixels. Never NULL for non-empty s;
 * NULL for an empty string. */
const text_tex *text_get(font_face f, int px, SDL_Color c, const char *s, int wrap_w, text_align a);
/* The largest size between min_px and max_px at which s, wrapped at box_w, fits box_w x box_h.
 * Returns min_px when even that does not fit (the caller clips at the floor). */
int text_fit(font_face f, const char *s, int box_w, int box_h, int max_px, int min_px);
/* For one line that must not wrap (a name, a title): the largest size between min_px and
 * max_px at which s fits box_w. When even min_px is too wide, *cut (if not NULL) gets the byte
 * length of the longest prefix that fits at min_px with an ellipsis after it; else strlen(s). */
int text_fit_line(font_face f, const char *s, int box_w, int max_px, int min_px, size_t *cut);
/* Size of s at px when wrapped at wrap_w (<= 0: one line). */
void text_measure(font_face f, int px, const char *s, int wrap_w, int *w, int *h);
/* Whether s runs right to left: its first strong character (the Unicode bidi algorithm's
 * paragraph direction) is Arabic, Hebrew, ...; the renderer aligns such text to the right. */
int text_rtl(const char *s);
/* For --check, without a window: how many code points of s no installed font can draw (the
 * game shows U+FFFD in their place), *first (if not NULL) the first of them. */
int text_missing(const char *s, uint32_t *first);
/* Frees what text_missing looked up. */
void text_missing_done(void);
/* Ends a frame: texts not used for a while are freed. */
void text_frame_end(void);

#endif
