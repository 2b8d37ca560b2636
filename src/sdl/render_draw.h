/* render_draw.h: the drawing kit of render.c (palette, shapes, fitted text, the shared pieces of
 * the question screens), shared with render_party.c: the two files draw one game's screens, so
 * party mode's screens look like the single game's from the same pieces, not from copies. */
#ifndef QB_RENDER_DRAW_H
#define QB_RENDER_DRAW_H

#include <SDL.h>

#include "core/game.h"
#include "text.h"

/* The Okabe-Ito palette and the screens' colours (VISUAL.md). */
extern const SDL_Color C_BG, C_BG2, C_CARD, C_PANEL, C_TEXT, C_DARK, C_MUTED, C_SKY, C_YELLOW, C_VERMILLION,
    C_GREEN, C_ORANGE, C_TRACK, C_GREEN_TEXT;
/* the four choices: fill, and 1 where the text on it is dark */
extern const SDL_Color choice_fill[4];
extern const int choice_dark_text[4];
/* each choice's shape: colour is never the only cue */
enum shape { SHAPE_TRIANGLE, SHAPE_DIAMOND, SHAPE_CIRCLE, SHAPE_SQUARE };

/* no text is drawn smaller than this many pixels (unless its box is smaller still) */
#define MIN_TEXT_PX 12

/* A size given for 1920x1080 in this frame's pixels (the layout's unit). */
int px(float v);
/* c with its alpha times a (0..1); the blend of a and b at t; v held in lo..hi; ease-out cubic. */
SDL_Color alpha(SDL_Color c, float a);
SDL_Color mix(SDL_Color a, SDL_Color b, float t);
float clampf(float v, float lo, float hi);
float ease(float t);
/* Fills: a rectangle, a rounded one, a rounded outline around an inner colour, a shape centred
 * at cx, cy; marks: a check, a cross, a clock face. */
void fill_rect(rect r, SDL_Color c);
void fill_round(rect r, int rad, SDL_Color c);
void outline_round(rect r, int rad, int thick, SDL_Color c, SDL_Color inner);
void fill_shape(enum shape s, float cx, float cy, float size, SDL_Color c);
void draw_check(float cx, float cy, float s, SDL_Color c);
void draw_cross(float cx, float cy, float s, SDL_Color c);
void draw_clock(float cx, float cy, float s, SDL_Color c, SDL_Color bg);
/* Right to left: render_frame sets the mirror from the layout (layout_mirror). A box placed
 * inside `outer` as in English, reflected inside outer when mirrored; a point's x likewise; the
 * alignment of interface text (what starts at the left in English starts at the right when
 * mirrored; a deck's own text keeps its alignment: its direction is its own, card_text). */
rect mir(rect outer, rect inner);
float mirx(rect outer, float x);
text_align al(text_align a);
/* Text: one line at x (left, centre or right edge), y top, returns its width; wrapped and shrunk
 * to fit a box (valign 1: middle); one line shrunk, then cut with an ellipsis. */
int draw_line(font_face f, int size, SDL_Color c, const char *s, int x, int y, text_align a);
int draw_fit(font_face f, SDL_Color c, const char *s, rect box, int max_px, int min_px, text_align a, int valign);
void draw_fit_line(font_face f, SDL_Color c, const char *s, rect box, int max_px, int min_px, text_align a,
                   int valign);
/* draw_line of interface text placed inside `outer` as in English (x an edge per align),
 * mirrored with it. */
int draw_line_in(rect outer, font_face f, int size, SDL_Color c, const char *s, int x, int y, text_align a);
/* A card's text in the card's direction: right-to-left cards align right (*a), a left-to-right
 * start gets a right-to-left mark (in buf); returns the text to draw. */
const char *card_text(const game *g, const char *s, char *buf, size_t n, text_align *a);
/* The reveal's explanation: the card's own in the card's direction, or, for a card without one,
 * "The right answer: ..." in the interface's; *a its alignment. buf may hold the text returned. */
const char *why_text(const game *g, char *buf, size_t n, text_align *a);
/* s in capitals (ASCII); a score in groups of three as the language writes them (12,480 / 12 480). */
void upper(char *dst, size_t n, const char *s);
void fmt_score(char *buf, size_t n, int v);
/* A score counting up from `from` to `to` since the game's scores last changed (ANIM_SCORE_MS). */
int count_up(const game *g, int from, int to);
/* Shared pieces: the background, a choice's key label (1-4 or A/B/X/Y), a choice button (state
 * 0 normal, 1 right, 2 wrong pick), the question card, the countdown bar, the line saying what
 * the next press does. */
void background(const game *g);
void key_label(const game *g, int i, char *buf, size_t n);
void draw_choice(const game *g, int i, rect r, const char *text, int state, float a, const char *badge);
/* The same with `room` pixels kept free on the right (party mode's badges sit there). */
void draw_choice_room(const game *g, int i, rect r, const char *text, int state, float a, const char *badge,
                      int room);
void question_card(const game *g);
void timer_bar(const game *g, float frac, int secs, int urgent);
/* A question screen under its top bar: the card and the countdown bar, then returns 1 when the
 * choices are up (0 while the question shows alone); the choices sliding in, one after another. */
int question_head(const game *g);
void question_choices(const game *g);
void hint_line(const game *g, rect r, const char *keys, const char *pad);

#endif
