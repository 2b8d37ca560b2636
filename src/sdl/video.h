/* video.h: opening the video driver, the window and its renderer, by what the machine can do,
 * with a fallback chain; a clear one-line reason when nothing can show the game. */
#ifndef QB_VIDEO_H
#define QB_VIDEO_H

#include <SDL.h>
#include <stddef.h>

/* What the window should be. */
typedef struct video_opts {
    /* window size when not fullscreen */
    int w, h;
    /* fullscreen on the desktop's own mode (Wayland cannot change modes) */
    int fullscreen;
    /* a public screen: never minimised on focus loss, no screen saver */
    int kiosk;
    /* scripted (headless tests, screenshots): SDL's software renderer on the window's own
     * surface first, for pixels that are the same on every machine */
    int scripted;
} video_opts;

/* Initializes SDL's video (and events), opens the window and a renderer for it. Without
 * SDL_VIDEODRIVER every display driver SDL has is tried in its order, but never the offscreen
 * or dummy ones (they show nothing: only when asked for by name); SDL_VIDEODRIVER may name one
 * driver or a comma-separated list. On each driver the renderers are tried by capability: the
 * GPU's (OpenGL/GLES, only where a DRM device exists and GL is not a CPU rasterizer), then SDL's
 * software renderer (on the window system's own framebuffer on X11, through a GL texture where
 * the driver has none: Wayland, KMS/DRM), then whatever GL there is. Returns 0, or EXIT_OSERR
 * with why (one line: each driver and renderer tried and why it failed) and SDL shut down. */
int video_open(const video_opts *o, SDL_Window **win, SDL_Renderer **ren, char *why, size_t n);

/* What video_open chose, e.g. "wayland, software renderer (window through opengl)", for the
 * log; empty before video_open succeeded. */
const char *video_describe(void);

/* Saves what the renderer holds (w x h, before it is presented) as a BMP file. Returns 0, or -1
 * (SDL_GetError says why). */
int video_screenshot(SDL_Renderer *r, int w, int h, const char *file);

/* The end of video_open's work, and of SDL: destroys the renderer and the window (either may be
 * NULL: an early exit), then SDL_Quit. */
void video_close(SDL_Window *win, SDL_Renderer *ren);

/* A callback for another thread (the fleet's worker after each snapshot): wakes the loop asleep
 * in SDL_WaitEventTimeout with an event of no other meaning (the loop's step does the work).
 * NULL when SDL has no event type left to register. */
typedef void video_wake_fn(void *ud);
video_wake_fn *video_waker(void);

#endif
