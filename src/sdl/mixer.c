/* mixer.c: SDL2_mixer opened at run time (see mixer.h for why). */
#include "mixer.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

/* Before the mixer is loaded no chunk, no music and no device can exist, so the only calls
 * that make sense are the clean-ups of nothing; SDL2_mixer's own do nothing then, and so do
 * these until the real ones are loaded. */
static void close_none(void)
{
}
static void free_chunk_none(Mix_Chunk *c)
{
    (void)c;
}
static void free_music_none(Mix_Music *m)
{
    (void)m;
}
static int halt_channel_none(int channel)
{
    (void)channel;
    return 0;
}
static int halt_music_none(void)
{
    return 0;
}
#define MIXER_NONE                                                                                                     \
    {.Mix_CloseAudio = close_none, .Mix_FreeChunk = free_chunk_none, .Mix_FreeMusic = free_music_none,                 \
     .Mix_HaltChannel = halt_channel_none, .Mix_HaltMusic = halt_music_none}

struct mixer_api mixer = MIXER_NONE;

#define MIXER_FUNCS(X)                                                                                                 \
    X(Mix_OpenAudio)                                                                                                   \
    X(Mix_CloseAudio)                                                                                                  \
    X(Mix_AllocateChannels)                                                                                            \
    X(Mix_LoadWAV_RW)                                                                                                  \
    X(Mix_LoadMUS)                                                                                                     \
    X(Mix_FreeChunk)                                                                                                   \
    X(Mix_FreeMusic)                                                                                                   \
    X(Mix_VolumeChunk)                                                                                                 \
    X(Mix_VolumeMusic)                                                                                                 \
    X(Mix_PlayChannelTimed)                                                                                            \
    X(Mix_FadeInMusic)                                                                                                 \
    X(Mix_HaltChannel)                                                                                                 \
    X(Mix_HaltMusic)

static int tried;
static char why[512]; /* empty when loaded */

static void load(void)
{
    void *h = dlopen(MIXER_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char *e = dlerror();
        snprintf(why, sizeof why, "%s; Debian/Ubuntu: apt-get install libsdl2-mixer-2.0-0", e ? e : "not found");
        return;
    }
    /* Each symbol into its pointer. The sizeof is never evaluated (no reference to SDL2_mixer
     * is linked); it only makes the compiler check the pointer's type against SDL_mixer.h's. A
     * data pointer becomes a function pointer by its bytes (ISO C has no cast between them;
     * POSIX makes them the same size). */
#define LOAD(name)                                                                                                     \
    {                                                                                                                  \
        void *sym = dlsym(h, #name);                                                                                   \
        if (!sym) {                                                                                                    \
            snprintf(why, sizeof why, "it has no %s: too old an SDL2_mixer", #name);                                   \
            mixer = (struct mixer_api)MIXER_NONE;                                                                      \
            return;                                                                                                    \
        }                                                                                                              \
        (void)sizeof(mixer.name = name);                                                                               \
        memcpy(&mixer.name, &sym, sizeof mixer.name);                                                                  \
    }
    MIXER_FUNCS(LOAD)
#undef LOAD
    /* kept open for the life of the process: its audio thread and chunks use it, and closing
     * it would run the destructors of everything it brought (FluidSynth, GLib...) mid-game */
}

int mixer_load(char *err, size_t errlen)
{
    if (!tried) {
        tried = 1;
        load();
    }
    if (!why[0])
        return 0;
    snprintf(err, errlen, "%s", why);
    return -1;
}
