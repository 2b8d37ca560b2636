/* pinlock.c: the operator PIN's lock-out on disk: three numbers in a small text file beside the
 * score file, never rewritten in place (temp file, fsync, rename, directory fsync, as
 * scorefile.c does), so a crash or a power cut leaves the old or the new lock-out, never none.
 * It holds no PIN and no hash: nothing in it helps a guesser. */
#include "pinlock.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "safefile.h"
#include "util.h"

#define MAGIC "# quizblitz operator PIN lock-out (written by the game; deleting it lifts a lock)"

char *pinlock_path_for(const char *scores_path)
{
    char *dir = path_dir(scores_path);
    char *p = xasprintf("%s/pin-lock", dir);
    free(dir);
    return p;
}

int pinlock_load(const char *path, pin_state *s, char **err)
{
    memset(s, 0, sizeof *s);
    *err = NULL;
    char *buf;
    size_t len;
    int e = read_file(path, 4096, &buf, &len);
    if (e == ENOENT)
        return 0;
    if (e) {
        *err = xasprintf("%s: %s; the operator exit stays locked for one lock", path, strerror(e));
        goto closed;
    }
    int seen = 0, line = 0;
    char *save = NULL;
    for (char *l = strtok_r(buf, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
        line++;
        if (l[0] == '#')
            continue;
        char key[16];
        int64_t v;
        char extra;
        if (sscanf(l, "%15s %" SCNd64 " %c", key, &v, &extra) != 2 || v < 0) {
            *err = xasprintf("%s:%d: not a lock-out line (want fails N, locks N or until UNIX-SECONDS); "
                             "the operator exit stays locked for one lock", path, line);
            break;
        }
        if (strcmp(key, "fails") == 0 && v < PIN_TRIES)
            s->fails = (int)v, seen |= 1;
        else if (strcmp(key, "locks") == 0 && v <= 1000)
            s->locks = (int)v, seen |= 2;
        else if (strcmp(key, "until") == 0)
            s->until = v, seen |= 4;
        else {
            *err = xasprintf("%s:%d: unknown key or value out of range \"%s\"; the operator exit stays "
                             "locked for one lock", path, line, key);
            break;
        }
    }
    if (!*err && seen != 7)
        *err = xasprintf("%s:%d: fails, locks or until is missing; the operator exit stays locked for one lock",
                         path, line + 1);
    free(buf);
    if (!*err)
        return 0;
closed:
    /* fail closed: a lock that runs as long as the lock-out allows (game_pin_restore cuts it) */
    if (s->locks < 1)
        s->locks = 1;
    s->until = INT64_MAX;
    return -1;
}

int pinlock_save(const char *path, const pin_state *s, char **err)
{
    *err = NULL;
    char *text = xasprintf(MAGIC "\nfails %d\nlocks %d\nuntil %" PRId64 "\n", s->fails, s->locks, s->until);
    const char *doing = "";
    int e = safefile_replace(path, text, strlen(text), 0600, &doing);
    if (e)
        *err = xasprintf("%s: %s (%s)", path, strerror(e), doing);
    free(text);
    return e ? -1 : 0;
}
