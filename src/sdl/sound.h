/* sound.h: sound effects and music through SDL2_mixer (loaded by sound_init: mixer.h); a missing
 * device or a missing SDL2_mixer means silence. */
#ifndef QB_SOUND_H
#define QB_SOUND_H

/* Loads SDL2_mixer, opens the audio device and loads assets/sounds from data_dir. Never fails:
 * without the library, a device or files it prints one warning line and the game runs silent. */
void sound_init(const char *data_dir, int sfx_volume, int music_volume);
void sound_quit(void);
/* Plays an effect (an sfx value from core/game.h). */
void sound_play(int sfx);
/* Starts or stops the background loop to match `on` (idempotent). */
void sound_music(int on);
/* 1 while no device is open but one may come (sound_retry looks for one); 0 with a device
 * open, or for good without SDL2_mixer (nothing to look for). */
int sound_seeking(void);
/* The device went away (SDL_AUDIODEVICEREMOVED): close and go silent. */
void sound_device_lost(void);
/* Tries to reopen the device after it disappeared (call now and then; cheap when open). */
void sound_retry(unsigned now_ms);

#endif
