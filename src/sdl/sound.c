/* sound.c: SDL2_mixer effects and music. Every failure degrades to silence with one warning. */
#include "sound.h"

#include <SDL.h>
#include <SDL_mixer.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/game.h"
#include "core/util.h"

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
static char *dir;
static unsigned last_retry;

static void warn_once(const char *what)
{
    if (warned)
        return;
    warned = 1;
    fprintf(stderr, "quizblitz: %s (%s); playing without sound\n", what, SDL_GetError());
}

static void load_all(void)
{
    for (int i = 0; i < SND_COUNT; i++) {
        char *p = xasprintf("%s/assets/sounds/%s", dir, sfx_file[i]);
        chunks[i] = Mix_LoadWAV(p);
        if (!chunks[i])
            warn_once("a sound file is missing (run 'make sounds')");
        else
            Mix_VolumeChunk(chunks[i], vol_sfx * MIX_MAX_VOLUME / 100);
        free(p);
    }
    char *p = xasprintf("%s/assets/sounds/music.wav", dir);
    music = Mix_LoadMUS(p);
    free(p);
    Mix_VolumeMusic(vol_music * MIX_MAX_VOLUME / 100);
}

static void close_all(void)
{
    Mix_HaltChannel(-1);
    Mix_HaltMusic();
    for (int i = 0; i < SND_COUNT; i++) {
        if (chunks[i])
            Mix_FreeChunk(chunks[i]);
        chunks[i] = NULL;
    }
    if (music)
        Mix_FreeMusic(music);
    music = NULL;
}

static int try_open(void)
{
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0)
        return 0;
    if (Mix_OpenAudio(44100, AUDIO_S16SYS, 2, 1024) != 0) {
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
        return 0;
    }
    Mix_AllocateChannels(16);
    load_all();
    return 1;
}

void sound_init(const char *data_dir, int sfx_volume, int music_volume)
{
    dir = xstrdup(data_dir);
    vol_sfx = sfx_volume;
    vol_music = music_volume;
    open_ok = try_open();
    if (!open_ok)
        warn_once("no audio device");
}

int sound_active(void)
{
    return open_ok;
}

void sound_retry(unsigned now_ms)
{
    if (open_ok || now_ms - last_retry < 5000)
        return;
    last_retry = now_ms;
    open_ok = try_open();
    if (open_ok && music_on && music)
        Mix_FadeInMusic(music, -1, 500);
}

void sound_play(int s)
{
    if (!open_ok || s < 0 || s >= SND_COUNT || !chunks[s])
        return;
    Mix_PlayChannel(-1, chunks[s], 0);
}

void sound_music(int on)
{
    if (on == music_on)
        return;
    music_on = on;
    if (!open_ok || !music)
        return;
    if (on)
        Mix_FadeInMusic(music, -1, 800);
    else
        Mix_HaltMusic();
}

void sound_quit(void)
{
    if (open_ok) {
        close_all();
        Mix_CloseAudio();
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
    Mix_CloseAudio();
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
    open_ok = 0;
    fprintf(stderr, "quizblitz: audio device lost; continuing silent, will retry\n");
}
