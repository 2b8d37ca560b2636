/* sound.h: sound effects and music through SDL2_mixer; a missing device means silence. */
#ifndef QB_SOUND_H
#define QB_SOUND_H

/* Opens the audio device and loads assets/sounds from data_dir. Never fails: without a device
 * (or with files missing) it prints one warning line and the game runs silent. */
void sound_init(const char *data_dir, int sfx_volume, int music_volume);
void sound_quit(void);
/* Plays an effect (an sfx value from core/game.h). */
void sound_play(int sfx);
/* Starts or stops the background loop to match `on` (idempotent). */
void sound_music(int on);
/* 1 when a device is open. */
int sound_active(void);
/* The device went away (SDL_AUDIODEVICEREMOVED): close and go silent. */
void sound_device_lost(void);
/* Tries to reopen the device after it disappeared (call now and then; cheap when open). */
void sound_retry(unsigned now_ms);

#endif
