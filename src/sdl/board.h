/* board.h: `quizblitz --board`, the fleet's scoreboard screen for a big display. */
#ifndef QB_BOARD_H
#define QB_BOARD_H

#include "options.h"

/* Shows the fleet of o->cfg.fleet_url's boards until SIGTERM/SIGINT (or a script's end). Returns
 * an exit code. */
int board_run(const options *o);

#endif
