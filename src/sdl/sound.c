/* sound.c: SDL2_mixer effects and music. Every failure degrades to silence with one warning.
 * SDL2_mixer is not linked: sound_init loads it (mixer.c) and every call goes through its
 * table, mixer.Mix_... */
#include "sound.h"

#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/game.h"
#include "core/util.h"
#include "mixer.h"

static const char *const sfx_file[SND_COUNT] = {
    [SND_CORRECT] = "correct.wav",     [SND_WRONG] = "wrong.wav",
    [SND_TIMEOUT] = "timeout.wav",     [SND_TICK] = "tick.wav",
    [SND_TICK_LAST] = "tick_last.wav", [SND_APPEAR] = "appear.wav",
    [SND_STREAK] = "streak.wav",       [SND_ROUND_END] = "round_end.wav",
    [SND_HIGHSCORE] = "highscore.wav", [SND_MENU_MOVE] = "menu_move.wav",
    [SND_MENU_SELECT] = "menu_select.wav",
};

static Mix_Chunk *chunks[SND_COUNT];
static Mix_Music *music;
static int open_ok, warned, music_on, vol_sfx = 100, vol_music = 40;
/* SDL2_mixer could not be loaded: silent for good, no device is looked for */
static int no_mixer;
static char *dir;
static unsigned last_retry;

static void warn_once(const char *what, const char *why)
{
    if (warned)
        return;
    warned = 1;
    fprintf(stderr, "quizblitz: %s (%s); playing without sound\n", what, why);
}

static void load_all(void)
{
    for (int i = 0; i < SND_COUNT; i++) {
        char *p = xasprintf("%s/assets/sounds/%s", dir, sfx_file[i]);
        chunks[i] = mixer.Mix_LoadWAV_RW(SDL_RWFromFile(p, "rb"), 1);
        if (!chunks[i])
            warn_once("a sound file is missing (run 'make sounds')", SDL_GetError());
        else
            mixer.Mix_VolumeChunk(chunks[i], vol_sfx * MIX_MAX_VOLUME / 100);
        free(p);
    }
    char *p = xasprintf("%s/assets/sounds/music.wav", dir);
    music = mixer.Mix_LoadMUS(p);
    free(p);
    mixer.Mix_VolumeMusic(vol_music * MIX_MAX_VOLUME / 100);
}

static void close_all(void)
{
    mixer.Mix_HaltChannel(-1);
    mixer.Mix_HaltMusic();
    for (int i = 0; i < SND_COUNT; i++) {
        if (chunks[i])
            mixer.Mix_FreeChunk(chunks[i]);
        chunks[i] = NULL;
    }
    if (music)
        mixer.Mix_FreeMusic(music);
    music = NULL;
}

static int try_open(void)
{
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0)
        return 0;
    if (mixer.Mix_OpenAudio(44100, AUDIO_S16SYS, 2, 1024) != 0) {
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
        return 0;
    }
    mixer.Mix_AllocateChannels(16);
    load_all();
    return 1;
}

void sound_init(const char *data_dir, int sfx_volume, int music_volume)
{
    dir = xstrdup(data_dir);
    vol_sfx = sfx_volume;
    vol_music = music_volume;
    char why[512];
    if (mixer_load(why, sizeof why) != 0) {
        no_mixer = 1;
        warn_once("cannot load " MIXER_SONAME, why);
        return;
    }
    open_ok = try_open();
    if (!open_ok)
        warn_once("no audio device", SDL_GetError());
}

int sound_seeking(void)
{
    return !open_ok && !no_mixer;
}

void sound_retry(unsigned now_ms)
{
    if (!sound_seeking() || now_ms - last_retry < 5000)
        return;
    last_retry = now_ms;
    open_ok = try_open();
    if (open_ok && music_on && music)
        mixer.Mix_FadeInMusic(music, -1, 500);
}

void sound_play(int s)
{
    if (!open_ok || s < 0 || s >= SND_COUNT || !chunks[s])
        return;
    mixer.Mix_PlayChannelTimed(-1, chunks[s], 0, -1);
}

void sound_music(int on)
{
    if (on == music_on)
        return;
    music_on = on;
    if (!open_ok || !music)
        return;
    if (on)
        mixer.Mix_FadeInMusic(music, -1, 800);
    else
        mixer.Mix_HaltMusic();
}

void sound_quit(void)
{
    if (open_ok) {
        close_all();
        mixer.Mix_CloseAudio();
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
    }
    open_ok = 0;
    free(dir);
    dir = NULL;
}

void sound_device_lost(void)
{
    if (!open_ok)
        return;
    close_all();
    mixer.Mix_CloseAudio();
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
    open_ok = 0;
    fprintf(stderr, "quizblitz: audio device lost; continuing silent, will retry\n");
}
