/* kiosk.h: the operator's way out of kiosk mode: a key chord (or controller chord) held
 * for a few seconds. Tracked from events, so scripted tests can hold chords too. */
#ifndef QB_KIOSK_H
#define QB_KIOSK_H

#include <SDL.h>
#include <stdint.h>

/* Parses "ctrl+alt+shift+q" and "back+start". Returns 0, or -1 with *err (static text). */
int kiosk_chords(const char *keys, const char *pad, uint32_t hold_ms, const char **err);
/* Feeds every event (key and button presses and releases). */
void kiosk_event(const SDL_Event *e);
/* 1 once a chord has been held for the hold time (then it re-arms after release). */
int kiosk_chord_fired(uint32_t now);
/* How far a chord being held has come, 0..1000 (0: none held); after kiosk_chord_fired. */
int kiosk_chord_held(uint32_t now);

#endif
