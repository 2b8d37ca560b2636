/* video.c: the video driver, the window and its renderer, chosen by what the machine can do (a
 * GPU, GL rasterized on the CPU, no GL at all) through a fallback chain, with one line saying
 * what was tried and why it failed when nothing can show the game. */
#include "video.h"

#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/util.h"

/* what video_open chose, for video_describe */
static char chosen[512];

/* A bounded message that is appended to (never overflows, always terminated). */
typedef struct msg {
    char *p;
    size_t n, len;
} msg;

static void say(msg *m, const char *fmt, ...)
{
    if (m->n == 0 || m->len + 1 >= m->n)
        return;
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(m->p + m->len, m->n - m->len, fmt, ap);
    va_end(ap);
    if (k > 0)
        m->len += (size_t)k;
    if (m->len >= m->n)
        m->len = m->n - 1;
}

/* Where DRM devices show. QB_TEST_DRI_DIR lets a test give a machine whose only DRM device has
 * no 3D (simpledrm, virtio-gpu without virgl): a node is there, GL turns out to be llvmpipe. */
static const char *dri_dir(void)
{
    const char *d = getenv("QB_TEST_DRI_DIR");
    return d && *d ? d : "/dev/dri";
}

/* Whether the machine may have a GPU. On Linux a GPU driver shows as /dev/dri/card* or
 * renderD*; without one, OpenGL can only be rasterized on the CPU, and asking for it costs
 * Mesa's start-up (a few hundred ms) only to be replaced by the software renderer. */
static int may_have_gpu(void)
{
#ifdef __linux__
    DIR *d = opendir(dri_dir());
    if (!d)
        return 0;
    int found = 0;
    struct dirent *e;
    while (!found && (e = readdir(d)) != NULL)
        found = strncmp(e->d_name, "card", 4) == 0 || strncmp(e->d_name, "renderD", 7) == 0;
    closedir(d);
    return found;
#else
    return 1;
#endif
}

/* The GL_RENDERER string of an OpenGL/GLES renderer whose context is current, or NULL. */
static const char *gl_name(SDL_Renderer *r)
{
    SDL_RendererInfo info;
    if (SDL_GetRendererInfo(r, &info) != 0 || !info.name || strncmp(info.name, "opengl", 6) != 0)
        return NULL;
    typedef const unsigned char *(*get_string_fn)(unsigned int);
    void *sym = SDL_GL_GetProcAddress("glGetString");
    if (!sym)
        return NULL;
    get_string_fn get_string;
    memcpy(&get_string, &sym, sizeof get_string);
    return (const char *)get_string(0x1F01 /* GL_RENDERER */);
}

/* Whether a GL_RENDERER names a software rasterizer (Mesa's llvmpipe, softpipe, swrast: what a
 * machine without a GPU, or with a DRM device without 3D, gets). */
static int soft_gl(const char *name)
{
    return name && (strstr(name, "llvmpipe") || strstr(name, "softpipe") || strstr(name, "swrast") ||
                    strstr(name, "Software Rasterizer"));
}

/* Whether SDL's driver draws a window surface to the screen itself (X11's XShm/XPutImage, the
 * headless drivers). Wayland and KMS/DRM have no framebuffer of their own in SDL 2: there SDL
 * emulates one with a GL texture, which SDL_HINT_FRAMEBUFFER_ACCELERATION=0 would take away. */
static int native_framebuffer(const char *driver)
{
    return SDL_strcasecmp(driver, "x11") == 0 || SDL_strcasecmp(driver, "dummy") == 0 ||
           SDL_strcasecmp(driver, "offscreen") == 0;
}

/* Why a driver did not start, in the user's terms (SDL says only "x11 not available"). */
static void driver_failed(msg *m, const char *driver, const char *sdl_err)
{
    char not_avail[96];
    snprintf(not_avail, sizeof not_avail, "%s not available", driver);
    int generic = !sdl_err || !*sdl_err || SDL_strcasecmp(sdl_err, not_avail) == 0;
    if (!generic) {
        say(m, "%s: %s", driver, sdl_err);
        return;
    }
    if (SDL_strcasecmp(driver, "x11") == 0) {
        const char *d = getenv("DISPLAY");
        if (!d || !*d)
            say(m, "x11: DISPLAY is not set");
        else
            say(m, "x11: cannot open display %s", d);
    } else if (SDL_strcasecmp(driver, "wayland") == 0) {
        const char *d = getenv("WAYLAND_DISPLAY");
        if (!d || !*d)
            say(m, "wayland: WAYLAND_DISPLAY is not set");
        else
            say(m, "wayland: cannot connect to %s", d);
    } else if (SDL_strcasecmp(driver, "kmsdrm") == 0) {
        if (!may_have_gpu())
            say(m, "kmsdrm: no /dev/dri/card*");
        else
            say(m, "kmsdrm: no DRM device with a connected screen that this user may open");
    } else {
        say(m, "%s: not available", driver);
    }
}

/* The GPU's renderer: an accelerated one, refused when its GL is rasterized on the CPU (OpenGL
 * on llvmpipe redraws the whole window every frame; SDL's software renderer keeps the window's
 * pixels, so render.c draws again only what changed). */
static SDL_Renderer *try_gpu(SDL_Window *win, msg *why, char *desc, size_t dn)
{
    if (!may_have_gpu()) {
        say(why, "GPU renderer: no GPU (no %s/card* or renderD*)", dri_dir());
        return NULL;
    }
    say(why, "GPU renderer: ");
    int n = SDL_GetNumRenderDrivers(), tried = 0;
    for (int i = 0; i < n; i++) {
        SDL_RendererInfo info;
        if (SDL_GetRenderDriverInfo(i, &info) != 0 || !(info.flags & SDL_RENDERER_ACCELERATED))
            continue;
        SDL_ClearError();
        SDL_Renderer *r = SDL_CreateRenderer(win, i, SDL_RENDERER_PRESENTVSYNC);
        say(why, "%s%s: ", tried++ ? ", " : "", info.name);
        if (!r) {
            say(why, "%s", *SDL_GetError() ? SDL_GetError() : "failed");
            continue;
        }
        const char *gl = gl_name(r);
        if (soft_gl(gl)) {
            /* the same Mesa would give every GL renderer the same rasterizer: stop here */
            say(why, "GL is %s, rasterized on the CPU", gl);
            SDL_DestroyRenderer(r);
            return NULL;
        }
        snprintf(desc, dn, "%s renderer%s%s%s", info.name, gl ? " (" : "", gl ? gl : "", gl ? ")" : "");
        return r;
    }
    if (!tried)
        say(why, "none in this SDL");
    return NULL;
}

/* SDL's software renderer on the window's surface: the window system's own framebuffer where
 * the driver has one, else a GL texture that SDL presents (software GL without a GPU: each
 * present uploads the window once, a still screen costs nothing). */
static SDL_Renderer *try_software(SDL_Window *win, const char *driver, int scripted, msg *why, char *desc,
                                  size_t dn)
{
    int native = native_framebuffer(driver);
    /* on X11 the window surface goes to the display as it is (XShm), not through an OpenGL
     * texture (SDL's default), which would be software GL again where there is no GPU; scripts
     * (dummy driver) keep SDL's default, which is the same there */
    if (native && !scripted)
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    SDL_ClearError();
    SDL_Renderer *r = SDL_CreateRenderer(win, -1, SDL_RENDERER_SOFTWARE);
    if (!r) {
        if (native)
            say(why, "software renderer: %s", SDL_GetError());
        else
            say(why, "software renderer: %s has no window framebuffer of its own and none through GL", driver);
        return NULL;
    }
    /* SDL keeps the emulated framebuffer's renderer as the window's "_SDL_WindowTextureData"
     * (its first field); it says which GL carries the picture */
    SDL_Renderer **tex = SDL_GetWindowData(win, "_SDL_WindowTextureData");
    SDL_RendererInfo info;
    if (tex && *tex && SDL_GetRendererInfo(*tex, &info) == 0)
        snprintf(desc, dn, "software renderer, window through %s", info.name);
    else
        snprintf(desc, dn, "software renderer");
    return r;
}

/* Any GL renderer, even one rasterized on the CPU: the last resort, it still shows the game. */
static SDL_Renderer *try_any_gl(SDL_Window *win, msg *why, char *desc, size_t dn)
{
    say(why, "GL renderer: ");
    int n = SDL_GetNumRenderDrivers(), tried = 0;
    for (int i = 0; i < n; i++) {
        SDL_RendererInfo info;
        if (SDL_GetRenderDriverInfo(i, &info) != 0 || strcmp(info.name, "software") == 0)
            continue;
        SDL_ClearError();
        SDL_Renderer *r = SDL_CreateRenderer(win, i, SDL_RENDERER_PRESENTVSYNC);
        if (r) {
            const char *gl = gl_name(r);
            snprintf(desc, dn, "%s renderer%s%s%s", info.name, gl ? " (" : "", gl ? gl : "", gl ? ")" : "");
            return r;
        }
        say(why, "%s%s: %s", tried++ ? ", " : "", info.name, *SDL_GetError() ? SDL_GetError() : "failed");
    }
    if (!tried)
        say(why, "none in this SDL");
    return NULL;
}

/* The window, as large as the first display when fullscreen. */
static SDL_Window *open_window(const video_opts *o)
{
    Uint32 flags = SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
    if (o->fullscreen || o->kiosk)
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    /* Fullscreen starts as a window the size of the first display, on it: a bare X server with
     * no window manager (a kiosk started by xinit) never applies the fullscreen state, and the
     * window would stay at --window's size in the middle of the screen. */
    int x = SDL_WINDOWPOS_CENTERED, y = SDL_WINDOWPOS_CENTERED, ww = o->w, wh = o->h;
    SDL_Rect db;
    if ((o->fullscreen || o->kiosk) && SDL_GetDisplayBounds(0, &db) == 0 && db.w > 0 && db.h > 0) {
        x = db.x;
        y = db.y;
        ww = db.w;
        wh = db.h;
    }
    return SDL_CreateWindow("quizblitz", x, y, ww, wh, flags);
}

/* Whether a Wayland compositor can be found: WAYLAND_DISPLAY, or libwayland's default socket
 * ($XDG_RUNTIME_DIR/wayland-0). */
static int wayland_socket_named(void)
{
    const char *wd = getenv("WAYLAND_DISPLAY");
    if (wd && *wd)
        return 1;
    const char *rt = getenv("XDG_RUNTIME_DIR");
    if (!rt || !*rt)
        return 0;
    char *p = xasprintf("%s/wayland-0", rt);
    int ok = access(p, F_OK) == 0;
    free(p);
    return ok;
}

/* One driver: start it, open the window, walk the renderers. 0 on success, -1 when the driver
 * did not start, 1 when it did but no renderer could draw (why says which and why). */
static int try_driver(const video_opts *o, const char *driver, SDL_Window **win, SDL_Renderer **ren, msg *why)
{
    if (SDL_strcasecmp(driver, "wayland") == 0 && !wayland_socket_named()) {
        /* no compositor to connect to: not tried (libwayland would print its own line about
         * XDG_RUNTIME_DIR on the way to the same answer) */
        driver_failed(why, driver, NULL);
        return -1;
    }
    SDL_SetHintWithPriority(SDL_HINT_VIDEODRIVER, driver, SDL_HINT_OVERRIDE);
    SDL_ClearError();
    if (SDL_InitSubSystem(SDL_INIT_VIDEO) != 0) {
        driver_failed(why, driver, SDL_GetError());
        return -1;
    }
    const char *name = SDL_GetCurrentVideoDriver();
    name = name ? name : driver;
    if (o->kiosk)
        SDL_DisableScreenSaver();
    SDL_Window *w = open_window(o);
    if (!w) {
        say(why, "%s: cannot open a window: %s", name, SDL_GetError());
        if (!native_framebuffer(name)) /* SDL 2 draws such a window only through GL */
            say(why, " (%s windows need GL)", name);
        SDL_QuitSubSystem(SDL_INIT_VIDEO);
        return 1;
    }
    char desc[256] = "";
    char tried[768];
    msg t = {tried, sizeof tried, 0};
    tried[0] = 0;
    SDL_Renderer *r = NULL;
    /* each step says why it failed; "; " goes in only before a next step */
    if (o->scripted) {
        r = try_software(w, name, 1, &t, desc, sizeof desc);
    } else {
        r = try_gpu(w, &t, desc, sizeof desc);
        if (!r) {
            say(&t, "; ");
            r = try_software(w, name, 0, &t, desc, sizeof desc);
        }
    }
    if (!r) {
        say(&t, "; ");
        r = try_any_gl(w, &t, desc, sizeof desc);
    }
    if (!r) {
        say(why, "%s: %s", name, tried);
        SDL_DestroyWindow(w);
        SDL_QuitSubSystem(SDL_INIT_VIDEO);
        return 1;
    }
    while (t.len >= 2 && tried[t.len - 2] == ';') /* the step that worked said nothing */
        tried[t.len -= 2] = 0;
    /* a description cut at the buffer's end still says which driver and renderer it is */
    if (o->scripted || !t.len) {
        if (snprintf(chosen, sizeof chosen, "%s, %s", name, desc) >= (int)sizeof chosen)
            chosen[sizeof chosen - 1] = 0;
    } else if (snprintf(chosen, sizeof chosen, "%s, %s (after %s)", name, desc, tried) >= (int)sizeof chosen) {
        chosen[sizeof chosen - 1] = 0;
    }
    *win = w;
    *ren = r;
    return 0;
}

int video_open(const video_opts *o, SDL_Window **win, SDL_Renderer **ren, char *why, size_t n)
{
    *win = NULL;
    *ren = NULL;
    chosen[0] = 0;
    msg m = {why, n, 0};
    if (n)
        why[0] = 0;
    if (o->kiosk) {
        /* a public screen: never minimise on focus loss */
        SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
        /* nor decorated: on Wayland SDL 2 draws decorations with libdecor where the compositor
         * offers none (cage does not), and libdecor without its plugin (Debian's
         * libdecor-0-plugin-1-cairo, only recommended) never maps the window: a black kiosk */
        SDL_SetHint(SDL_HINT_VIDEO_WAYLAND_ALLOW_LIBDECOR, "0");
    }
    if (SDL_Init(SDL_INIT_EVENTS) != 0) {
        say(&m, "no video device: %s (set SDL_VIDEODRIVER=dummy to run headless)", SDL_GetError());
        return EXIT_OSERR;
    }
    /* The drivers to try: SDL_VIDEODRIVER's (one or a comma-separated list, any driver, the
     * headless ones included), else every display driver SDL has, in its order. SDL itself
     * would fall back to "offscreen" when there is no display: a game that runs invisibly. */
    char list[256];
    const char *env = getenv("SDL_VIDEODRIVER");
    if (env && *env) {
        snprintf(list, sizeof list, "%s", env);
    } else {
        msg l = {list, sizeof list, 0};
        list[0] = 0;
        for (int i = 0; i < SDL_GetNumVideoDrivers(); i++) {
            const char *d = SDL_GetVideoDriver(i);
            if (SDL_strcasecmp(d, "offscreen") == 0 || SDL_strcasecmp(d, "dummy") == 0 ||
                SDL_strcasecmp(d, "evdev") == 0)
                continue;
            say(&l, "%s%s", l.len ? "," : "", d);
        }
    }
    char tried[1024];
    msg t = {tried, sizeof tried, 0};
    tried[0] = 0;
    int started = 0; /* whether some driver started (then it is the renderers that failed) */
    for (char *p = list; *p;) {
        char *end = strchr(p, ',');
        if (end)
            *end = 0;
        char driver[64];
        if (snprintf(driver, sizeof driver, "%s", p) >= (int)sizeof driver)
            driver[sizeof driver - 1] = 0; /* no driver has a name that long: it fails by name */
        for (char *c = driver; *c; c++) /* SDL lists "KMSDRM"; messages say "kmsdrm" */
            *c = (char)(*c >= 'A' && *c <= 'Z' ? *c - 'A' + 'a' : *c);
        p = end ? end + 1 : p + strlen(p);
        if (!*driver)
            continue;
        if (t.len)
            say(&t, "; ");
        int rc = try_driver(o, driver, win, ren, &t);
        if (rc == 0)
            return 0;
        started |= rc > 0;
    }
    SDL_Quit();
    if (!t.len)
        say(&t, "no display driver in this SDL");
    say(&m, "%s: %s (set SDL_VIDEODRIVER=dummy to run headless)", started ? "cannot show the game" : "no video device",
        tried);
    return EXIT_OSERR;
}

const char *video_describe(void)
{
    return chosen;
}

int video_screenshot(SDL_Renderer *r, int w, int h, const char *file)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!s)
        return -1;
    /* never more than the surface holds: a NULL rectangle reads the whole output, which may be
     * larger than the size the game lays out for (a script's resize the driver did not apply) */
    int ow = 0, oh = 0;
    SDL_GetRendererOutputSize(r, &ow, &oh);
    SDL_Rect box = {0, 0, ow < w ? ow : w, oh < h ? oh : h};
    int rc = SDL_RenderReadPixels(r, &box, SDL_PIXELFORMAT_ARGB8888, s->pixels, s->pitch);
    if (rc == 0)
        rc = SDL_SaveBMP(s, file);
    SDL_FreeSurface(s);
    return rc;
}

void video_close(SDL_Window *win, SDL_Renderer *ren)
{
    if (ren)
        SDL_DestroyRenderer(ren);
    if (win)
        SDL_DestroyWindow(win);
    SDL_Quit();
}

/* the event video_waker's callback pushes (registered at the first video_waker) */
static Uint32 wake_type = (Uint32)-1;

static void wake(void *ud)
{
    (void)ud;
    SDL_Event e;
    SDL_zero(e);
    e.type = wake_type;
    SDL_PushEvent(&e); /* thread-safe; a full queue wakes the loop anyway */
}

video_wake_fn *video_waker(void)
{
    if (wake_type == (Uint32)-1)
        wake_type = SDL_RegisterEvents(1);
    return wake_type == (Uint32)-1 ? NULL : wake;
}
