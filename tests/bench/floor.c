/* floor.c: the benchmarks' floor: the least an SDL2 program showing text can do. It opens a
 * window and a renderer as the game does, finds DejaVu Sans Bold with the same fontconfig
 * lookup, draws one line of text and presents. The game's start-up, memory and idle cost are
 * measured against it.
 * Usage: floor [--window WxH] [--software] [--hold-ms MS]
 *   --software  ask for the software renderer (as the game's script mode does)
 *   --hold-ms   after the first present, keep the window and wait on events for MS ms */
#include <SDL.h>
#include <SDL_ttf.h>
#include <fontconfig/fontconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The path of DejaVu Sans Bold: fontconfig first, then Debian's path (as text.c does). */
static char *find_bold(void)
{
    char *result = NULL;
    if (FcInit()) {
        FcPattern *pat = FcNameParse((const FcChar8 *)"DejaVu Sans:style=Bold");
        if (pat) {
            FcConfigSubstitute(NULL, pat, FcMatchPattern);
            FcDefaultSubstitute(pat);
            FcResult res;
            FcPattern *m = FcFontMatch(NULL, pat, &res);
            if (m) {
                FcChar8 *file = NULL;
                if (FcPatternGetString(m, FC_FILE, 0, &file) == FcResultMatch && file) {
                    const char *base = strrchr((const char *)file, '/');
                    base = base ? base + 1 : (const char *)file;
                    if (strcmp(base, "DejaVuSans-Bold.ttf") == 0)
                        result = strdup((const char *)file);
                }
                FcPatternDestroy(m);
            }
            FcPatternDestroy(pat);
        }
    }
    if (!result)
        result = strdup("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf");
    return result;
}

static void die(const char *what)
{
    fprintf(stderr, "floor: %s: %s\n", what, SDL_GetError());
    exit(1);
}

int main(int argc, char **argv)
{
    int w = 1280, h = 720, software = 0;
    long hold_ms = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--window") && i + 1 < argc) {
            if (sscanf(argv[++i], "%dx%d", &w, &h) != 2 || w < 64 || h < 64) {
                fprintf(stderr, "floor: --window needs WxH\n");
                return 64;
            }
        } else if (!strcmp(argv[i], "--software")) {
            software = 1;
        } else if (!strcmp(argv[i], "--hold-ms") && i + 1 < argc) {
            hold_ms = strtol(argv[++i], NULL, 10);
        } else {
            fprintf(stderr, "usage: floor [--window WxH] [--software] [--hold-ms MS]\n");
            return 64;
        }
    }
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0)
        die("SDL_Init");
    SDL_Window *win = SDL_CreateWindow("qbfloor", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h,
                                       SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
    if (!win)
        die("SDL_CreateWindow");
    SDL_Renderer *ren = SDL_CreateRenderer(win, -1, software ? SDL_RENDERER_SOFTWARE : SDL_RENDERER_PRESENTVSYNC);
    if (!ren)
        ren = SDL_CreateRenderer(win, -1, SDL_RENDERER_SOFTWARE);
    if (!ren)
        die("SDL_CreateRenderer");
    if (TTF_Init() != 0)
        die("TTF_Init");
    char *path = find_bold();
    TTF_Font *font = TTF_OpenFont(path, 48);
    if (!font)
        die(path);
    SDL_Surface *s = TTF_RenderUTF8_Blended(font, "QUIZBLITZ \xC2\xB7 press Enter", (SDL_Color){244, 246, 251, 255});
    if (!s)
        die("TTF_RenderUTF8_Blended");
    SDL_Texture *t = SDL_CreateTextureFromSurface(ren, s);
    if (!t)
        die("SDL_CreateTextureFromSurface");
    SDL_Rect d = {(w - s->w) / 2, (h - s->h) / 2, s->w, s->h};
    SDL_FreeSurface(s);
    SDL_SetRenderDrawColor(ren, 0x13, 0x18, 0x33, 255);
    SDL_RenderClear(ren);
    SDL_RenderCopy(ren, t, NULL, &d);
    SDL_RenderPresent(ren);
    if (hold_ms > 0) {
        Uint32 end = SDL_GetTicks() + (Uint32)hold_ms;
        SDL_Event e;
        for (;;) {
            Sint32 left = (Sint32)(end - SDL_GetTicks());
            if (left <= 0)
                break;
            if (SDL_WaitEventTimeout(&e, left) && e.type == SDL_QUIT)
                break;
        }
    }
    SDL_DestroyTexture(t);
    TTF_CloseFont(font);
    TTF_Quit();
    free(path);
    SDL_DestroyRenderer(ren);
    SDL_DestroyWindow(win);
    SDL_Quit();
    return 0;
}
