/* fonts.h: the fallback fonts: which installed font draws a code point DejaVu Sans cannot,
 * found through fontconfig by coverage, opened (mapped) only when a text needs it. */
#ifndef QB_FONTS_H
#define QB_FONTS_H

#include <stddef.h>
#include <stdint.h>

/* At most this many fallbacks are kept: a deck of every script in Unicode does not open
 * hundreds of fonts (a code point no kept font has is then drawn as U+FFFD). */
#define FONTS_MAX 32

/* A fallback font file (one face of it: a .ttc holds several). */
typedef struct font_file {
    /* the file and the face's index in it, as fontconfig names them */
    const char *path;
    int index;
    /* fontconfig's family name, for the audit and messages */
    const char *family;
    /* the file's bytes (mapped on first use; NULL until fonts_data is called) */
    const char *data;
    size_t len;
    /* a colour font (emoji): preferred for emoji, never for other text */
    int color;
} font_file;

/* The fallback font for code point cp in the style of face (0 bold, 1 regular, 2 mono: the
 * order of text.h's font_face), emoji (1) asking for a colour font first. Returns an id >= 1,
 * or 0 when no installed font has cp. Fonts already in use are asked first, so a paragraph
 * of kanji costs one fontconfig query; the answers are cached (bounded). */
int fonts_fallback(int face, uint32_t cp, int emoji);
/* Whether fallback id has cp (its charset, as fontconfig indexed it). */
int fonts_has(int id, uint32_t cp);
/* The file of fallback id (1 .. fonts_count()), its bytes mapped on the first call; NULL when
 * the file cannot be read. */
const font_file *fonts_data(int id);
/* Fallback id as found (path, family), its file not read. */
const font_file *fonts_info(int id);
/* How many fallback fonts have been found so far (the audit: a Latin deck finds none). */
int fonts_count(void);
/* Whether a code point takes an emoji presentation (drawn with a colour font when there is
 * one, even where DejaVu has a black-and-white glyph): the pictographic blocks and the older
 * symbols Unicode presents as emoji by default; text.c adds any symbol followed by VS16. */
int fonts_is_emoji(uint32_t cp);
/* Whether cp is default-ignorable (joiners, variation selectors, bidi controls): no font
 * needs a glyph for it, the shaper hides it. */
int fonts_is_ignorable(uint32_t cp);
/* Whether the font file at path (face index 0) has cp, by fontconfig's charset of it
 * (queried once per path, kept). --check asks it about DejaVu Sans. */
int fonts_file_has(const char *path, uint32_t cp);
/* The bytes of the font file at path: mapped read-only (up to 64 MB: only the pages FreeType
 * reads are resident, shared with the page cache), else read; *mapped says which. 0, or -1
 * when it cannot be read. */
int fonts_map(const char *path, char **data, size_t *len, int *mapped);
/* Gives back what fonts_map gave. */
void fonts_unmap(char *data, size_t len, int mapped);
/* Forgets every fallback (unmaps the files). */
void fonts_quit(void);

#endif
