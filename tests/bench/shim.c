/* shim.c: an LD_PRELOAD library for the benchmarks: it watches a program's presents, key
 * events and text rasterization from the outside, so the game needs no benchmark code path.
 *
 * Built as a shared object (-fPIC -shared -ldl). Every wrapper calls the real function found
 * with dlsym(RTLD_NEXT). Settings come from the environment:
 *   QB_SHIM_OUT    file the records are appended to (nothing is written without it)
 *   QB_SHIM_EXIT   "1": at the first SDL_RenderPresent, write "start T0 T1 RENDERER TL" and
 *                  _exit(0) at once (T0 from QB_BENCH_T0, set by launch.c just before exec;
 *                  T1 the CLOCK_MONOTONIC time right after the real present returned; TL the
 *                  time this library's constructor ran: every library loaded, main not begun)
 *   QB_SHIM_LOG    "1": one line per present and per key press delivered to the program:
 *                  "P CALL_NS END_NS SDL_TICKS THREAD_CPU_NS RENDERS OPENS UPLOADS CALL_CPU_NS"
 *                  (CPU time of the presenting thread at the end and at the start of the
 *                  present; counts since the last present) and
 *                  "K NS EVENT_TIMESTAMP_MS SDL_TICKS KEYCODE REPEAT", and "M THREAD_CPU_NS NS" when
 *                  SDL_SaveBMP_RW returns (a script's screenshot: the benchmarks use them as
 *                  markers between the stretches of frames they time)
 * At exit (not after QB_SHIM_EXIT) it writes "T PRESENTS RENDERS OPENS UPLOADS": totals. */
#define _GNU_SOURCE
#include <SDL.h>
#include <SDL_ttf.h>
#include <dlfcn.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* where records go (-1 = nowhere) and what to record */
static int out_fd = -1;
static int exit_at_present;
static int log_each;
/* totals since start, and their values at the last present */
static unsigned long presents, renders, opens, uploads;
static unsigned long renders_at, opens_at, uploads_at;
/* when the constructor ran (the dynamic loader's work done) */
static uint64_t loaded_ns;

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* CPU time of the calling thread (the game's main thread at a present). */
static uint64_t thread_cpu_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* One record, written at once with write(2): nothing is lost at _exit. */
static void record(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void record(const char *fmt, ...)
{
    if (out_fd < 0)
        return;
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n > (int)sizeof buf - 1)
        n = (int)sizeof buf - 1;
    ssize_t w = write(out_fd, buf, (size_t)n);
    (void)w;
}

/* The next definition of a symbol (the real one); dies if there is none. */
static void *real(const char *name)
{
    void *p = dlsym(RTLD_NEXT, name);
    if (!p) {
        fprintf(stderr, "qbshim: no symbol %s\n", name);
        _exit(127);
    }
    return p;
}

/* Sets a function pointer to the real function (memcpy: ISO C has no cast from void *). */
#define LOOKUP(fp, name)                                                                           \
    do {                                                                                           \
        void *sym_ = real(name);                                                                   \
        memcpy(&(fp), &sym_, sizeof(fp));                                                          \
    } while (0)

__attribute__((constructor)) static void shim_init(void)
{
    loaded_ns = now_ns();
    const char *path = getenv("QB_SHIM_OUT");
    if (path && *path)
        out_fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    const char *e = getenv("QB_SHIM_EXIT");
    exit_at_present = e && *e == '1';
    const char *l = getenv("QB_SHIM_LOG");
    log_each = l && *l == '1';
}

__attribute__((destructor)) static void shim_fini(void)
{
    record("T %lu %lu %lu %lu\n", presents, renders, opens, uploads);
}

/* ---- presents ---- */

void SDL_RenderPresent(SDL_Renderer *r)
{
    static void (*fn)(SDL_Renderer *);
    if (!fn)
        LOOKUP(fn, "SDL_RenderPresent");
    uint64_t call = now_ns(), call_cpu = log_each ? thread_cpu_ns() : 0;
    fn(r);
    uint64_t end = now_ns();
    presents++;
    if (exit_at_present) {
        static int (*info)(SDL_Renderer *, SDL_RendererInfo *);
        if (!info)
            LOOKUP(info, "SDL_GetRendererInfo");
        SDL_RendererInfo ri;
        const char *name = info(r, &ri) == 0 && ri.name ? ri.name : "?";
        const char *t0 = getenv("QB_BENCH_T0");
        record("start %s %llu %s %llu\n", t0 && *t0 ? t0 : "0", (unsigned long long)end, name,
               (unsigned long long)loaded_ns);
        _exit(0);
    }
    if (log_each) {
        static Uint32 (*ticks)(void);
        if (!ticks)
            LOOKUP(ticks, "SDL_GetTicks");
        record("P %llu %llu %lu %llu %lu %lu %lu %llu\n", (unsigned long long)call, (unsigned long long)end,
               (unsigned long)ticks(), (unsigned long long)thread_cpu_ns(), renders - renders_at, opens - opens_at,
               uploads - uploads_at, (unsigned long long)call_cpu);
    }
    renders_at = renders;
    opens_at = opens;
    uploads_at = uploads;
}

/* ---- screenshots (markers) ---- */

int SDL_SaveBMP_RW(SDL_Surface *surface, SDL_RWops *dst, int freedst)
{
    static int (*fn)(SDL_Surface *, SDL_RWops *, int);
    if (!fn)
        LOOKUP(fn, "SDL_SaveBMP_RW");
    int r = fn(surface, dst, freedst);
    if (log_each)
        record("M %llu %llu\n", (unsigned long long)thread_cpu_ns(), (unsigned long long)now_ns());
    return r;
}

/* ---- key presses as the program receives them ---- */

static void saw_event(const SDL_Event *e)
{
    if (!log_each || !e || e->type != SDL_KEYDOWN)
        return;
    static Uint32 (*ticks)(void);
    if (!ticks)
        LOOKUP(ticks, "SDL_GetTicks");
    record("K %llu %lu %lu %ld %d\n", (unsigned long long)now_ns(), (unsigned long)e->key.timestamp,
           (unsigned long)ticks(), (long)e->key.keysym.sym, (int)e->key.repeat);
}

int SDL_PollEvent(SDL_Event *e)
{
    static int (*fn)(SDL_Event *);
    if (!fn)
        LOOKUP(fn, "SDL_PollEvent");
    int r = fn(e);
    if (r)
        saw_event(e);
    return r;
}

int SDL_WaitEvent(SDL_Event *e)
{
    static int (*fn)(SDL_Event *);
    if (!fn)
        LOOKUP(fn, "SDL_WaitEvent");
    int r = fn(e);
    if (r)
        saw_event(e);
    return r;
}

int SDL_WaitEventTimeout(SDL_Event *e, int timeout)
{
    static int (*fn)(SDL_Event *, int);
    if (!fn)
        LOOKUP(fn, "SDL_WaitEventTimeout");
    int r = fn(e, timeout);
    if (r)
        saw_event(e);
    return r;
}

/* ---- text rasterization, font opening, texture uploads ---- */

#define WRAP_RENDER(name, T)                                                                       \
    SDL_Surface *name(TTF_Font *font, T text, SDL_Color fg)                                         \
    {                                                                                              \
        static SDL_Surface *(*fn)(TTF_Font *, T, SDL_Color);                                       \
        if (!fn)                                                                                   \
            LOOKUP(fn, #name);                                                                     \
        renders++;                                                                                 \
        return fn(font, text, fg);                                                                 \
    }
WRAP_RENDER(TTF_RenderUTF8_Blended, const char *)
WRAP_RENDER(TTF_RenderText_Blended, const char *)
WRAP_RENDER(TTF_RenderUTF8_Solid, const char *)
WRAP_RENDER(TTF_RenderText_Solid, const char *)
WRAP_RENDER(TTF_RenderUNICODE_Blended, const Uint16 *)

SDL_Surface *TTF_RenderUTF8_Blended_Wrapped(TTF_Font *font, const char *text, SDL_Color fg, Uint32 wrap)
{
    static SDL_Surface *(*fn)(TTF_Font *, const char *, SDL_Color, Uint32);
    if (!fn)
        LOOKUP(fn, "TTF_RenderUTF8_Blended_Wrapped");
    renders++;
    return fn(font, text, fg, wrap);
}

SDL_Surface *TTF_RenderUTF8_Shaded(TTF_Font *font, const char *text, SDL_Color fg, SDL_Color bg)
{
    static SDL_Surface *(*fn)(TTF_Font *, const char *, SDL_Color, SDL_Color);
    if (!fn)
        LOOKUP(fn, "TTF_RenderUTF8_Shaded");
    renders++;
    return fn(font, text, fg, bg);
}

TTF_Font *TTF_OpenFontRW(SDL_RWops *src, int freesrc, int ptsize)
{
    static TTF_Font *(*fn)(SDL_RWops *, int, int);
    if (!fn)
        LOOKUP(fn, "TTF_OpenFontRW");
    opens++;
    return fn(src, freesrc, ptsize);
}

TTF_Font *TTF_OpenFont(const char *file, int ptsize)
{
    static TTF_Font *(*fn)(const char *, int);
    if (!fn)
        LOOKUP(fn, "TTF_OpenFont");
    opens++;
    return fn(file, ptsize);
}

SDL_Texture *SDL_CreateTextureFromSurface(SDL_Renderer *r, SDL_Surface *s)
{
    static SDL_Texture *(*fn)(SDL_Renderer *, SDL_Surface *);
    if (!fn)
        LOOKUP(fn, "SDL_CreateTextureFromSurface");
    uploads++;
    return fn(r, s);
}
