/* render_party.h: party mode's screens (render_party.c), called by render.c's frame. */
#ifndef QB_RENDER_PARTY_H
#define QB_RENDER_PARTY_H

#include "core/game.h"

/* Draws the scene when it is a party round's question, reveal or podium; returns 0 (nothing
 * drawn) for any other scene, which render.c draws as in a lone game. */
int render_party_scene(const game *g);
/* A party's name entry: the player's badge, place, score and stats in the head and stats boxes;
 * returns 0 when it is a lone player's entry. */
int render_party_name_head(const game *g, rect head, rect stats);
/* The title's start button when party mode is on: `label` (or "START · N PLAYERS" and the
 * seated players' badges) and the "+ PLAYER" tap target at its right end; returns 0 when party
 * mode is off or in attract mode (render.c draws the lone game's button). */
int render_party_start(const game *g, rect start, const char *label);
/* How more players join, for the title's line of keys; NULL when no more can. */
const char *render_party_join_hint(const game *g);
/* The call to play of attract mode when a party may join (marked: translate it where shown). */
#define RENDER_PARTY_ATTRACT N_("2\xE2\x80\x93" "4 players: press A to join")

#endif
