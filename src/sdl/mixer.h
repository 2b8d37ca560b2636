/* mixer.h: SDL2_mixer, loaded when sound starts (dlopen of libSDL2_mixer-2.0.so.0, after the
 * first frame is on the screen), not linked into the program: Debian's SDL2_mixer brings about
 * 19 shared objects at exec (FluidSynth with GLib, libstdc++, libgomp, JACK, PulseAudio,
 * modplug...), 9 ms of every start-up before main measured here (BENCHMARKS.md), and the title
 * need not wait for them. The types and constants are SDL_mixer.h's; sound.c calls the mixer as
 * mixer.Mix_PlayChannelTimed(...). */
#ifndef QB_MIXER_H
#define QB_MIXER_H

#include <SDL_mixer.h>
#include <stddef.h>

/* the soname of SDL2_mixer 2.x (Debian's libsdl2-mixer-2.0-0, which libsdl2-mixer-dev pulls in) */
#define MIXER_SONAME "libSDL2_mixer-2.0.so.0"

/* The SDL2_mixer functions sound.c uses, each as SDL_mixer.h declares it (mixer.c checks the
 * types). Mix_LoadWAV_RW and Mix_PlayChannelTimed rather than Mix_LoadWAV and Mix_PlayChannel:
 * before SDL2_mixer 2.6 those two are macros over these, so a pointer named like them would
 * not compile against the older header. */
struct mixer_api {
    int (*Mix_OpenAudio)(int frequency, Uint16 format, int channels, int chunksize);
    void (*Mix_CloseAudio)(void);
    int (*Mix_AllocateChannels)(int numchans);
    Mix_Chunk *(*Mix_LoadWAV_RW)(SDL_RWops *src, int freesrc);
    Mix_Music *(*Mix_LoadMUS)(const char *file);
    void (*Mix_FreeChunk)(Mix_Chunk *chunk);
    void (*Mix_FreeMusic)(Mix_Music *music);
    int (*Mix_VolumeChunk)(Mix_Chunk *chunk, int volume);
    int (*Mix_VolumeMusic)(int volume);
    int (*Mix_PlayChannelTimed)(int channel, Mix_Chunk *chunk, int loops, int ticks);
    int (*Mix_FadeInMusic)(Mix_Music *music, int loops, int ms);
    int (*Mix_HaltChannel)(int channel);
    int (*Mix_HaltMusic)(void);
};

/* Filled by mixer_load; use only after it returned 0 (before, only the clean-ups of nothing
 * are safe: the halts, the frees of NULL and Mix_CloseAudio do nothing). */
extern struct mixer_api mixer;

/* Loads SDL2_mixer, once for the process (later calls give the first answer; the main thread's
 * only, as all of sound is): 0 when it is there, else -1 with why in err (the loader's words). */
int mixer_load(char *err, size_t errlen);

#endif
