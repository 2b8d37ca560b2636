/* sfxgen.c: synthesizes every quizblitz sound effect and the looping music into OUTDIR as WAV. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#define SR 44100
#define PI 3.14159265358979323846
#define TAU (2.0 * PI)

/* ---------------------------------------------------------------- buffers */

/* A mono float signal. A looping buffer wraps everything written past its end to the start. */
typedef struct {
    double *s;
    size_t n;
    int loop;
} buf;

static _Noreturn void die_oom(void)
{
    fprintf(stderr, "sfxgen: out of memory\n");
    exit(1);
}

static buf buf_new(double seconds, int loop)
{
    buf b;
    b.n = (size_t)lround(seconds * SR);
    b.loop = loop;
    b.s = calloc(b.n, sizeof *b.s);
    if (!b.s)
        die_oom();
    return b;
}

static void buf_free(buf *b)
{
    free(b->s);
    b->s = NULL;
    b->n = 0;
}

/* Adds v at sample index i (wrapping for loops, dropped past the end otherwise). */
static void put(buf *b, size_t i, double v)
{
    if (b->loop)
        b->s[i % b->n] += v;
    else if (i < b->n)
        b->s[i] += v;
}

static size_t at(double t)
{
    return t <= 0.0 ? 0 : (size_t)lround(t * SR);
}

/* dst += gain * src (same length). */
static void mix(buf *dst, const buf *src, double gain)
{
    for (size_t i = 0; i < dst->n && i < src->n; i++)
        dst->s[i] += gain * src->s[i];
}

/* One-pole coefficient for a cutoff in Hz. */
static double onepole_k(double hz)
{
    if (hz >= SR * 0.45)
        return 1.0;
    return 1.0 - exp(-TAU * hz / SR);
}

/* Gentle one-pole low-pass over a whole buffer; a loop is run twice so the filter state at the
 * start equals the state at the end and the loop point stays seamless. */
static void lowpass(buf *b, double hz)
{
    double k = onepole_k(hz), y = 0.0;
    if (b->loop)
        for (size_t i = 0; i < b->n; i++)
            y += k * (b->s[i] - y);
    for (size_t i = 0; i < b->n; i++) {
        y += k * (b->s[i] - y);
        b->s[i] = y;
    }
}

/* Circular echo for loops (plain for one-shots): taps at delay, 2*delay, ... each times gain. */
static void echo(buf *b, double delay, double gain, int taps)
{
    buf dry = buf_new((double)b->n / SR, b->loop);
    memcpy(dry.s, b->s, b->n * sizeof *b->s);
    size_t d = at(delay);
    double g = 1.0;
    for (int t = 1; t <= taps; t++) {
        g *= gain;
        for (size_t i = 0; i < b->n; i++)
            put(b, i + d * (size_t)t, g * dry.s[i]);
    }
    buf_free(&dry);
}

static double peak(const buf *b)
{
    double p = 0.0;
    for (size_t i = 0; i < b->n; i++)
        if (fabs(b->s[i]) > p)
            p = fabs(b->s[i]);
    return p;
}

/* Scales the buffer so its peak sits at db dBFS. */
static void normalise(buf *b, double db)
{
    double p = peak(b);
    if (p <= 0.0)
        return;
    double g = pow(10.0, db / 20.0) / p;
    for (size_t i = 0; i < b->n; i++)
        b->s[i] *= g;
}

/* Safety raised-cosine fades (in_ms, out_ms) at the ends of a one-shot: starts and ends at 0. */
static void edge_fade(buf *b, double in_ms, double out_ms)
{
    size_t m_in = at(in_ms / 1000.0), m_out = at(out_ms / 1000.0);
    if (m_in + m_out > b->n)
        return;
    for (size_t i = 0; i < m_in; i++)
        b->s[i] *= 0.5 - 0.5 * cos(PI * (double)i / (double)m_in);
    for (size_t i = 0; i < m_out; i++)
        b->s[b->n - 1 - i] *= 0.5 - 0.5 * cos(PI * (double)i / (double)m_out);
}

/* ------------------------------------------------------------ oscillators */

static uint32_t rng_state = 1;

static void rng_seed(uint32_t seed)
{
    rng_state = seed ? seed : 0x9e3779b9u;
}

/* xorshift32: deterministic on every platform. */
static uint32_t rng_next(void)
{
    uint32_t x = rng_state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    rng_state = x;
    return x;
}

/* Uniform in [0, 1). */
static double rng_unit(void)
{
    return (double)(rng_next() >> 8) / 16777216.0;
}

static double noise(void)
{
    return 2.0 * rng_unit() - 1.0;
}

/* PolyBLEP residual: smooths the steps of saw and square to tame aliasing. */
static double blep(double t, double dt)
{
    if (t < dt) {
        t /= dt;
        return t + t - t * t - 1.0;
    }
    if (t > 1.0 - dt) {
        t = (t - 1.0) / dt;
        return t * t + t + t + 1.0;
    }
    return 0.0;
}

/* Phases are in [0, 1); dt is the phase step per sample (freq / SR). */
static double osc_sine(double ph)
{
    return sin(TAU * ph);
}

static double osc_triangle(double ph)
{
    return ph < 0.5 ? 4.0 * ph - 1.0 : 3.0 - 4.0 * ph;
}

static double osc_saw(double ph, double dt)
{
    return 2.0 * ph - 1.0 - blep(ph, dt);
}

/* Pulse with the given duty cycle, DC removed. */
static double osc_square(double ph, double dt, double duty)
{
    double v = ph < duty ? 1.0 : -1.0;
    double ph2 = ph + 1.0 - duty;
    if (ph2 >= 1.0)
        ph2 -= 1.0;
    v += blep(ph, dt) - blep(ph2, dt);
    return v - (2.0 * duty - 1.0);
}

static double midi_hz(double note)
{
    return 440.0 * pow(2.0, (note - 69.0) / 12.0);
}

/* --------------------------------------------------------------- envelope */

/* ADSR: raised-cosine attack over a, exponential decay (time constant d; 0 = hold) towards the
 * sustain level s, and from the gate on a raised-cosine release over r to exactly zero. */
typedef struct {
    double a, d, s, r;
} adsr;

static double env_adsr(const adsr *e, double t, double gate)
{
    double a = e->a < 0.001 ? 0.001 : e->a;
    double r = e->r < 0.004 ? 0.004 : e->r;
    double tt = t < gate ? t : gate;
    double lvl;
    if (tt < a)
        lvl = 0.5 - 0.5 * cos(PI * tt / a);
    else if (e->d > 0.0)
        lvl = e->s + (1.0 - e->s) * exp(-(tt - a) / e->d);
    else
        lvl = 1.0;
    if (t < gate)
        return lvl;
    if (t >= gate + r)
        return 0.0;
    return lvl * (0.5 + 0.5 * cos(PI * (t - gate) / r));
}

static double env_len(const adsr *e, double gate)
{
    return gate + (e->r < 0.004 ? 0.004 : e->r);
}

/* ------------------------------------------------------------------ voices */

typedef enum { W_SINE, W_TRIANGLE, W_SAW, W_SQUARE, W_NOISE } wave;

/* An instrument: waveform, envelope and optional glide, vibrato, tremolo, detune and filters. */
typedef struct {
    wave w;
    double duty;                /* W_SQUARE pulse width; 0 means 0.5 */
    adsr env;
    double glide_to, glide_tau; /* pitch approaches freq * glide_to with time constant (s) */
    double vib_rate, vib_depth, vib_delay; /* Hz, semitones, s */
    double trem_rate, trem_depth;          /* Hz, 0..1 */
    double detune;              /* cents: two oscillators at +-detune */
    double lp, lp_env;          /* two-pole low-pass Hz (0 = off), cutoff *(1 + lp_env * env) */
    double hp;                  /* one-pole high-pass Hz (0 = off) */
} instr;

static double osc(wave w, double ph, double dt, double duty)
{
    switch (w) {
    case W_SINE:
        return osc_sine(ph);
    case W_TRIANGLE:
        return osc_triangle(ph);
    case W_SAW:
        return osc_saw(ph, dt);
    case W_SQUARE:
        return osc_square(ph, dt, duty);
    case W_NOISE:
        return noise();
    }
    return 0.0;
}

/* Plays one note of instrument in on b: starts at t0 s, key held for gate s, at freq Hz. */
static void note(buf *b, const instr *in, double t0, double gate, double freq, double amp)
{
    double len = env_len(&in->env, gate);
    size_t start = at(t0), count = at(len);
    double duty = in->duty > 0.0 ? in->duty : 0.5;
    double det = in->detune != 0.0 ? pow(2.0, in->detune / 1200.0) : 1.0;
    double ph1 = 0.0, ph2 = 0.0, lp1 = 0.0, lp2 = 0.0, hpz = 0.0;
    double khp = in->hp > 0.0 ? onepole_k(in->hp) : 0.0;
    for (size_t i = 0; i < count; i++) {
        double t = (double)i / SR;
        double e = env_adsr(&in->env, t, gate);
        double f = freq;
        if (in->glide_to > 0.0 && in->glide_tau > 0.0) {
            double target = freq * in->glide_to;
            f = target + (freq - target) * exp(-t / in->glide_tau);
        }
        if (in->vib_depth > 0.0 && t > in->vib_delay) {
            double ramp = fmin(1.0, (t - in->vib_delay) / 0.15);
            f *= pow(2.0, ramp * in->vib_depth * sin(TAU * in->vib_rate * t) / 12.0);
        }
        double v;
        if (in->detune != 0.0) {
            double dt1 = f * det / SR, dt2 = f / det / SR;
            v = 0.5 * (osc(in->w, ph1, dt1, duty) + osc(in->w, ph2, dt2, duty));
            ph1 += dt1;
            ph2 += dt2;
            ph2 -= floor(ph2);
        } else {
            double dt1 = f / SR;
            v = osc(in->w, ph1, dt1, duty);
            ph1 += dt1;
        }
        ph1 -= floor(ph1);
        if (in->lp > 0.0) {
            double k = onepole_k(in->lp * (1.0 + in->lp_env * e));
            lp1 += k * (v - lp1);
            lp2 += k * (lp1 - lp2);
            v = lp2;
        }
        if (khp > 0.0) {
            hpz += khp * (v - hpz);
            v -= hpz;
        }
        if (in->trem_depth > 0.0)
            v *= 1.0 - in->trem_depth * (0.5 - 0.5 * cos(TAU * in->trem_rate * t));
        put(b, start + i, amp * e * v);
    }
}

/* Band-passed noise whose centre glides exponentially from f0 to f1 (Chamberlin SVF). */
static void noise_sweep(buf *b, double t0, double gate, double rel, double att, double f0,
                        double f1, double q, double amp)
{
    adsr e = {att, 0.0, 1.0, rel};
    size_t start = at(t0), count = at(env_len(&e, gate));
    double low = 0.0, band = 0.0, damp = 1.0 / q;
    for (size_t i = 0; i < count; i++) {
        double t = (double)i / SR, x = t / (gate + rel);
        double fc = f0 * pow(f1 / f0, x);
        double f = 2.0 * sin(PI * fc / SR);
        double high = noise() - low - damp * band;
        band += f * high;
        low += f * band;
        put(b, start + i, amp * env_adsr(&e, t, gate) * band);
    }
}

/* Random short high pings (pentatonic above C7) between t0 and t1. */
static void sparkle(buf *b, double t0, double t1, int count, double amp)
{
    static const int steps[] = {0, 2, 4, 7, 9, 12, 14, 16};
    instr ping = {.w = W_SINE, .env = {0.002, 0.05, 0.0, 0.04}};
    for (int i = 0; i < count; i++) {
        double t = t0 + (t1 - t0) * rng_unit();
        double n = 96.0 + steps[rng_next() % 8];
        double a = amp * (0.5 + 0.5 * rng_unit());
        note(b, &ping, t, 0.03, midi_hz(n), a);
        note(b, &ping, t, 0.03, midi_hz(n) * 2.01, a * 0.3);
    }
}

/* A struck bell-like tone: sine partials at 1, 2 and 3 (upper ones decaying faster). */
static void chime(buf *b, double t0, double gate, double freq, double amp, double decay)
{
    instr p1 = {.w = W_SINE, .env = {0.002, decay, 0.0, 0.05}};
    instr p2 = {.w = W_SINE, .env = {0.002, decay * 0.5, 0.0, 0.04}};
    instr p3 = {.w = W_SINE, .env = {0.002, decay * 0.25, 0.0, 0.03}};
    note(b, &p1, t0, gate, freq, amp);
    note(b, &p2, t0, gate, freq * 2.0, amp * 0.35);
    note(b, &p3, t0, gate, freq * 3.0, amp * 0.12);
}

/* ----------------------------------------------------------------- sounds */

/* Rising G5-C6-E6 chime with a soft pulse edge and a high shimmer. */
static buf sfx_correct(void)
{
    buf b = buf_new(0.35, 0);
    instr edge = {.w = W_SQUARE, .duty = 0.25, .env = {0.002, 0.05, 0.0, 0.02}, .lp = 3500};
    static const double notes[] = {79, 84, 88};
    for (int i = 0; i < 3; i++) {
        double t = 0.055 * i, gate = 0.35 - t - 0.06;
        chime(&b, t, gate, midi_hz(notes[i]), i == 2 ? 0.5 : 0.4, i == 2 ? 0.12 : 0.06);
        note(&b, &edge, t, 0.05, midi_hz(notes[i]), 0.12);
    }
    chime(&b, 0.11, 0.18, midi_hz(100), 0.08, 0.05);
    return b;
}

/* Two low detuned saw/square notes, Eb3 then B2 drooping, low-passed: "bwa-womp". */
static buf sfx_wrong(void)
{
    buf b = buf_new(0.40, 0);
    instr saw = {.w = W_SAW, .env = {0.008, 0.12, 0.55, 0.07}, .detune = 12,
                 .lp = 420, .lp_env = 1.8};
    instr sq = {.w = W_SQUARE, .duty = 0.5, .env = {0.008, 0.12, 0.55, 0.07}, .detune = -7,
                .lp = 350, .lp_env = 1.2};
    note(&b, &saw, 0.0, 0.11, midi_hz(51), 0.5);
    note(&b, &sq, 0.0, 0.11, midi_hz(51), 0.35);
    saw.glide_to = sq.glide_to = 0.93;
    saw.glide_tau = sq.glide_tau = 0.15;
    saw.env.r = sq.env.r = 0.08;
    note(&b, &saw, 0.13, 0.185, midi_hz(47), 0.55);
    note(&b, &sq, 0.13, 0.185, midi_hz(47), 0.4);
    return b;
}

/* Buzzy detuned square+saw falling from G4 towards G3 with a fast tremolo. */
static buf sfx_timeout(void)
{
    buf b = buf_new(0.50, 0);
    instr sq = {.w = W_SQUARE, .duty = 0.5, .env = {0.006, 0.0, 1.0, 0.08}, .detune = 9,
                .glide_to = 0.5, .glide_tau = 0.3, .trem_rate = 28, .trem_depth = 0.35,
                .lp = 1800};
    instr saw = sq;
    saw.w = W_SAW;
    saw.detune = -11;
    note(&b, &sq, 0.0, 0.415, midi_hz(67), 0.5);
    note(&b, &saw, 0.0, 0.415, midi_hz(55), 0.35);
    return b;
}

/* Wood block: two inharmonic partials with a fast decay and a tiny noise click. */
static void woodblock(buf *b, double freq, double decay, double gate, double body)
{
    instr p1 = {.w = W_SINE, .env = {0.001, decay, 0.0, 0.01}};
    instr p2 = {.w = W_SINE, .env = {0.001, decay * 0.4, 0.0, 0.01}};
    instr clk = {.w = W_NOISE, .env = {0.001, 0.003, 0.0, 0.004}, .lp = 9000, .hp = 2500};
    note(b, &p1, 0.0, gate, freq, 1.0);
    note(b, &p2, 0.0, gate, freq * 2.73, 0.35);
    if (body > 0.0)
        note(b, &p1, 0.0, gate, freq * 0.5, body);
    note(b, &clk, 0.0, 0.004, 1.0, 0.25);
}

static buf sfx_tick(void)
{
    buf b = buf_new(0.06, 0);
    rng_seed(11);
    woodblock(&b, 1150, 0.011, 0.05, 0.0);
    return b;
}

static buf sfx_tick_last(void)
{
    buf b = buf_new(0.08, 0);
    rng_seed(12);
    woodblock(&b, 1550, 0.018, 0.065, 0.45);
    return b;
}

/* Soft swell: band-passed noise rising 500 Hz -> 4 kHz under a quiet sine glide C5 -> G5. */
static buf sfx_appear(void)
{
    buf b = buf_new(0.25, 0);
    rng_seed(21);
    noise_sweep(&b, 0.0, 0.15, 0.095, 0.13, 500, 4000, 2.5, 0.9);
    instr glide = {.w = W_SINE, .env = {0.10, 0.0, 1.0, 0.12}, .glide_to = 1.5,
                   .glide_tau = 0.08};
    note(&b, &glide, 0.0, 0.125, midi_hz(72), 0.12);
    note(&b, &glide, 0.0, 0.125, midi_hz(79), 0.06);
    lowpass(&b, 6000);
    return b;
}

/* Fast C-major run up three octaves, a ringing chord and a sparkle tail. */
static buf sfx_streak(void)
{
    buf b = buf_new(0.80, 0);
    rng_seed(31);
    instr lead = {.w = W_SQUARE, .duty = 0.125, .env = {0.002, 0.06, 0.3, 0.03}, .lp = 5000};
    static const double run[] = {72, 76, 79, 84, 88, 91, 96};
    for (int i = 0; i < 7; i++) {
        double t = 0.04 * i;
        note(&b, &lead, t, 0.05, midi_hz(run[i]), 0.22);
        chime(&b, t, 0.05, midi_hz(run[i]), 0.18, 0.05);
    }
    static const double chord[] = {84, 88, 91};
    for (int i = 0; i < 3; i++)
        chime(&b, 0.28, 0.40, midi_hz(chord[i]), 0.22, 0.22);
    instr shine = {.w = W_TRIANGLE, .env = {0.01, 0.25, 0.3, 0.12}, .vib_rate = 6,
                   .vib_depth = 0.15, .vib_delay = 0.1};
    note(&b, &shine, 0.28, 0.38, midi_hz(96), 0.12);
    noise_sweep(&b, 0.0, 0.2, 0.1, 0.15, 800, 5000, 4.0, 0.1);
    sparkle(&b, 0.3, 0.7, 14, 0.12);
    return b;
}

/* Chiptune "ta-da": G4 C5 E5 G5 . E5 G5 C6, over a triangle bass and a soft final chord. */
static buf sfx_round_end(void)
{
    buf b = buf_new(1.20, 0);
    rng_seed(41);
    instr lead = {.w = W_SQUARE, .duty = 0.25, .env = {0.004, 0.12, 0.5, 0.05}, .lp = 3200,
                  .vib_rate = 5.5, .vib_depth = 0.12, .vib_delay = 0.2};
    instr bass = {.w = W_TRIANGLE, .env = {0.005, 0.2, 0.6, 0.06}};
    instr pad = {.w = W_TRIANGLE, .env = {0.02, 0.4, 0.4, 0.15}};
    static const struct { double t, gate, n; } mel[] = {
        {0.00, 0.08, 67}, {0.10, 0.08, 72}, {0.20, 0.08, 76}, {0.30, 0.15, 79},
        {0.50, 0.07, 76}, {0.60, 0.07, 79}, {0.70, 0.33, 84},
    };
    for (size_t i = 0; i < sizeof mel / sizeof mel[0]; i++) {
        note(&b, &lead, mel[i].t, mel[i].gate, midi_hz(mel[i].n), 0.3);
        chime(&b, mel[i].t, mel[i].gate, midi_hz(mel[i].n), 0.12, 0.08);
    }
    note(&b, &bass, 0.00, 0.26, midi_hz(48), 0.45);
    note(&b, &bass, 0.30, 0.18, midi_hz(43), 0.45);
    note(&b, &bass, 0.50, 0.16, midi_hz(47), 0.45);
    note(&b, &bass, 0.70, 0.33, midi_hz(48), 0.5);
    static const double chord[] = {60, 64, 67, 72};
    for (int i = 0; i < 4; i++)
        note(&b, &pad, 0.70, 0.33, midi_hz(chord[i]), 0.12);
    sparkle(&b, 0.72, 1.0, 6, 0.06);
    return b;
}

/* Kettle-drum hit: a sine thump that sags in pitch, with a noise skin. */
static void timpani(buf *b, double t, double freq, double amp)
{
    instr body = {.w = W_SINE, .env = {0.002, 0.25, 0.0, 0.08}, .glide_to = 0.85,
                  .glide_tau = 0.08};
    instr skin = {.w = W_NOISE, .env = {0.001, 0.03, 0.0, 0.02}, .lp = 900};
    note(b, &body, t, 0.3, freq, amp);
    note(b, &body, t, 0.3, freq * 1.5, amp * 0.25);
    note(b, &skin, t, 0.05, 1.0, amp * 0.5);
}

/* Brass fanfare: G4 G4 G4 C5 . E5 G5 then a held C major chord with timpani and sparkles. */
static buf sfx_highscore(void)
{
    buf b = buf_new(1.60, 0);
    rng_seed(51);
    instr brass = {.w = W_SAW, .env = {0.015, 0.18, 0.65, 0.06}, .detune = 7, .lp = 900,
                   .lp_env = 3.0, .vib_rate = 5.5, .vib_depth = 0.15, .vib_delay = 0.25};
    instr brass_hold = brass;
    brass_hold.env.r = 0.16;
    static const struct { double t, gate, n; } mel[] = {
        {0.00, 0.085, 67}, {0.11, 0.085, 67}, {0.22, 0.085, 67}, {0.33, 0.20, 72},
        {0.58, 0.08, 76}, {0.69, 0.09, 79},
    };
    for (size_t i = 0; i < sizeof mel / sizeof mel[0]; i++) {
        note(&b, &brass, mel[i].t, mel[i].gate, midi_hz(mel[i].n), 0.35);
        note(&b, &brass, mel[i].t, mel[i].gate, midi_hz(mel[i].n - 12), 0.18);
    }
    static const double chord[] = {72, 76, 79, 84};
    for (int i = 0; i < 4; i++)
        note(&b, &brass_hold, 0.82, 0.6, midi_hz(chord[i]), i == 3 ? 0.3 : 0.2);
    note(&b, &brass_hold, 0.82, 0.6, midi_hz(48), 0.25);
    chime(&b, 0.82, 0.6, midi_hz(96), 0.08, 0.3);
    timpani(&b, 0.33, midi_hz(43), 0.5);
    timpani(&b, 0.82, midi_hz(36), 0.6);
    sparkle(&b, 0.85, 1.45, 16, 0.07);
    return b;
}

/* Tiny rising blip. */
static buf sfx_menu_move(void)
{
    buf b = buf_new(0.05, 0);
    instr blip = {.w = W_SQUARE, .duty = 0.25, .env = {0.002, 0.02, 0.2, 0.008}, .lp = 4500,
                  .glide_to = 1.06, .glide_tau = 0.01};
    instr sub = {.w = W_SINE, .env = {0.002, 0.02, 0.2, 0.008}};
    note(&b, &blip, 0.0, 0.04, midi_hz(88), 0.4);
    note(&b, &sub, 0.0, 0.04, midi_hz(76), 0.3);
    return b;
}

/* Confirm: C6 then G6. */
static buf sfx_menu_select(void)
{
    buf b = buf_new(0.15, 0);
    instr blip = {.w = W_SQUARE, .duty = 0.25, .env = {0.002, 0.04, 0.4, 0.015}, .lp = 4500};
    instr sub = {.w = W_SINE, .env = {0.002, 0.05, 0.4, 0.015}};
    note(&b, &blip, 0.0, 0.045, midi_hz(84), 0.4);
    note(&b, &sub, 0.0, 0.045, midi_hz(72), 0.3);
    note(&b, &blip, 0.06, 0.07, midi_hz(91), 0.4);
    note(&b, &sub, 0.06, 0.07, midi_hz(79), 0.3);
    return b;
}

/* ------------------------------------------------------------------ music */

#define BPM 120.0
#define BARS 8
#define EIGHTH (30.0 / BPM)
#define BAR (8 * EIGHTH)

/* Chord tones (MIDI, around C4) and bass root (MIDI, octave 2-3) per bar:
 * C Am F G | C E7 F G7, the second half turning back to C at the loop. */
static const int chords[BARS][4] = {
    {60, 64, 67, 0}, {60, 64, 69, 0}, {60, 65, 69, 0}, {59, 62, 67, 0},
    {60, 64, 67, 0}, {59, 62, 64, 68}, {60, 65, 69, 0}, {59, 62, 65, 67},
};
static const int roots[BARS] = {48, 45, 41, 43, 48, 40, 41, 43};

/* Melody: {MIDI note (0 = rest), length in eighths}; every bar adds up to 8. */
typedef struct {
    int n, len;
} mnote;

static const mnote melody[] = {
    {67, 1}, {72, 1}, {76, 1}, {79, 2}, {76, 1}, {79, 2},         /* C  */
    {81, 2}, {79, 1}, {76, 1}, {72, 2}, {76, 2},                  /* Am */
    {77, 1}, {76, 1}, {77, 1}, {81, 2}, {77, 1}, {72, 2},         /* F  */
    {74, 1}, {67, 1}, {71, 1}, {74, 1}, {79, 3}, {0, 1},          /* G  */
    {67, 1}, {72, 1}, {76, 1}, {79, 2}, {84, 1}, {83, 1}, {84, 1}, /* C  */
    {83, 2}, {80, 1}, {76, 1}, {74, 2}, {68, 2},                  /* E7 */
    {69, 1}, {72, 1}, {77, 1}, {81, 2}, {79, 1}, {77, 1}, {76, 1}, /* F  */
    {77, 2}, {74, 1}, {71, 1}, {67, 2}, {0, 2},                   /* G7 */
};

static void kick(buf *b, double t, double amp)
{
    instr body = {.w = W_SINE, .env = {0.002, 0.12, 0.0, 0.05}, .glide_to = 0.3,
                  .glide_tau = 0.03};
    instr click = {.w = W_NOISE, .env = {0.001, 0.004, 0.0, 0.005}, .lp = 3000};
    note(b, &body, t, 0.18, 150, amp);
    note(b, &click, t, 0.006, 1.0, amp * 0.25);
}

static void hat(buf *b, double t, double amp)
{
    instr h = {.w = W_NOISE, .env = {0.001, 0.018, 0.0, 0.02}, .hp = 7000};
    note(b, &h, t, 0.03, 1.0, amp);
}

static void snare(buf *b, double t, double amp)
{
    instr rattle = {.w = W_NOISE, .env = {0.001, 0.06, 0.0, 0.05}, .lp = 6000, .hp = 1200};
    instr tonk = {.w = W_TRIANGLE, .env = {0.001, 0.04, 0.0, 0.03}, .glide_to = 0.8,
                  .glide_tau = 0.03};
    note(b, &rattle, t, 0.1, 1.0, amp);
    note(b, &tonk, t, 0.06, 200, amp * 0.6);
}

/* 8 bars at 120 BPM (16.000 s): every note is written with wrap-around so the loop is seamless. */
static buf music(void)
{
    buf mixbuf = buf_new(BARS * BAR, 1);
    buf lead = buf_new(BARS * BAR, 1);
    rng_seed(61);

    instr bass_tri = {.w = W_TRIANGLE, .env = {0.004, 0.25, 0.5, 0.03}};
    instr bass_sq = {.w = W_SQUARE, .duty = 0.5, .env = {0.004, 0.08, 0.3, 0.03}, .lp = 500,
                     .lp_env = 1.0};
    instr stab = {.w = W_SQUARE, .duty = 0.25, .env = {0.003, 0.05, 0.25, 0.04}, .lp = 1800,
                  .lp_env = 0.8};
    instr mel = {.w = W_SQUARE, .duty = 0.25, .env = {0.005, 0.2, 0.6, 0.05}, .lp = 2800,
                 .lp_env = 0.5, .vib_rate = 5.5, .vib_depth = 0.12, .vib_delay = 0.18};
    instr mel_sub = {.w = W_TRIANGLE, .env = {0.005, 0.2, 0.6, 0.05}};

    for (int bar = 0; bar < BARS; bar++) {
        double t0 = bar * BAR;
        /* bass: octave bounce; bar 8 walks F G A B up to the loop's C */
        for (int e = 0; e < 8; e++) {
            int n = roots[bar] + (e % 2 ? 12 : 0);
            if (bar == BARS - 1 && e >= 4) {
                static const int walk[] = {41, 43, 45, 47};
                n = walk[e - 4];
            }
            double t = t0 + e * EIGHTH;
            note(&mixbuf, &bass_tri, t, EIGHTH * 0.8, midi_hz(n), 0.42);
            note(&mixbuf, &bass_sq, t, EIGHTH * 0.6, midi_hz(n), 0.16);
        }
        /* chords: off-beat stabs */
        for (int e = 1; e < 8; e += 2)
            for (int v = 0; v < 4 && chords[bar][v]; v++)
                note(&mixbuf, &stab, t0 + e * EIGHTH, EIGHTH * 0.4, midi_hz(chords[bar][v]),
                     0.075);
        /* drums: kick on 1 and 3 (plus the "and" of 3), snare on 2 and 4, eighth hats */
        kick(&mixbuf, t0, 0.75);
        kick(&mixbuf, t0 + 4 * EIGHTH, 0.75);
        if (bar % 2 == 1)
            kick(&mixbuf, t0 + 5 * EIGHTH, 0.5);
        snare(&mixbuf, t0 + 2 * EIGHTH, 0.3);
        snare(&mixbuf, t0 + 6 * EIGHTH, 0.3);
        if (bar == BARS - 1) {
            snare(&mixbuf, t0 + 6.5 * EIGHTH, 0.18);
            snare(&mixbuf, t0 + 7.0 * EIGHTH, 0.24);
            snare(&mixbuf, t0 + 7.5 * EIGHTH, 0.3);
        }
        for (int e = 0; e < 8; e++)
            hat(&mixbuf, t0 + e * EIGHTH, e % 2 ? 0.14 : 0.08);
    }

    double t = 0.0;
    for (size_t i = 0; i < sizeof melody / sizeof melody[0]; i++) {
        double len = melody[i].len * EIGHTH;
        if (melody[i].n) {
            double gate = len - 0.05;
            note(&lead, &mel, t, gate, midi_hz(melody[i].n), 0.3);
            note(&lead, &mel_sub, t, gate, midi_hz(melody[i].n - 12), 0.1);
        }
        t += len;
    }
    echo(&lead, 3 * EIGHTH, 0.28, 3);
    mix(&mixbuf, &lead, 1.0);
    buf_free(&lead);
    lowpass(&mixbuf, 12000);
    return mixbuf;
}

/* ------------------------------------------------------------------- WAV */

static void put_u16(unsigned char *p, unsigned v)
{
    p[0] = (unsigned char)(v & 0xff);
    p[1] = (unsigned char)((v >> 8) & 0xff);
}

static void put_u32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v & 0xff);
    p[1] = (unsigned char)((v >> 8) & 0xff);
    p[2] = (unsigned char)((v >> 16) & 0xff);
    p[3] = (unsigned char)((v >> 24) & 0xff);
}

static _Noreturn void fail(const char *path)
{
    fprintf(stderr, "sfxgen: %s: %s\n", path, strerror(errno));
    exit(1);
}

/* A RIFF chunk tag: four bytes, no NUL. */
static void put_tag(unsigned char *p, const char *tag)
{
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)tag[i];
}

/* Writes b as 16-bit PCM mono at SR, little-endian whatever the host. */
static void write_wav(const char *path, const buf *b)
{
    uint32_t data = (uint32_t)(b->n * 2);
    unsigned char h[44];
    put_tag(h, "RIFF");
    put_u32(h + 4, 36 + data);
    put_tag(h + 8, "WAVE");
    put_tag(h + 12, "fmt ");
    put_u32(h + 16, 16);         /* fmt chunk size */
    put_u16(h + 20, 1);          /* PCM */
    put_u16(h + 22, 1);          /* mono */
    put_u32(h + 24, SR);         /* sample rate */
    put_u32(h + 28, SR * 2);     /* byte rate */
    put_u16(h + 32, 2);          /* block align */
    put_u16(h + 34, 16);         /* bits per sample */
    put_tag(h + 36, "data");
    put_u32(h + 40, data);

    unsigned char *pcm = malloc(b->n * 2 + 1);
    if (!pcm)
        die_oom();
    for (size_t i = 0; i < b->n; i++) {
        double v = floor(b->s[i] * 32767.0 + 0.5);
        if (v > 32767.0)
            v = 32767.0;
        if (v < -32767.0)
            v = -32767.0;
        put_u16(pcm + 2 * i, (unsigned)((long)v & 0xffff));
    }

    errno = 0;
    FILE *f = fopen(path, "wb");
    if (!f)
        fail(path);
    if (fwrite(h, 1, sizeof h, f) != sizeof h || fwrite(pcm, 1, b->n * 2, f) != b->n * 2) {
        int err = errno ? errno : EIO;
        fclose(f);
        errno = err;
        fail(path);
    }
    free(pcm);
    if (fclose(f) != 0)
        fail(path);
}

/* ------------------------------------------------------------------ table */

typedef struct {
    const char *name;
    buf (*render)(void);
    double peak_db; /* normalised peak, dBFS */
} sound;

static const sound sounds[] = {
    {"correct.wav", sfx_correct, -3.0},
    {"wrong.wav", sfx_wrong, -3.0},
    {"timeout.wav", sfx_timeout, -3.0},
    {"tick.wav", sfx_tick, -4.5}, /* a notch under tick_last, which must sound stronger */
    {"tick_last.wav", sfx_tick_last, -3.0},
    {"appear.wav", sfx_appear, -4.5}, /* soft by design */
    {"streak.wav", sfx_streak, -3.0},
    {"round_end.wav", sfx_round_end, -3.0},
    {"highscore.wav", sfx_highscore, -3.0},
    {"menu_move.wav", sfx_menu_move, -4.5}, /* heard often: keep it small */
    {"menu_select.wav", sfx_menu_select, -3.0},
    {"music.wav", music, -6.0},
};

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: sfxgen OUTDIR\n");
        return 2;
    }
    const char *dir = argv[1];
    if (mkdir(dir, 0777) != 0 && errno != EEXIST)
        fail(dir);

    for (size_t i = 0; i < sizeof sounds / sizeof sounds[0]; i++) {
        size_t len = strlen(dir) + strlen(sounds[i].name) + 2;
        char *path = malloc(len);
        if (!path)
            die_oom();
        snprintf(path, len, "%s/%s", dir, sounds[i].name);
        buf b = sounds[i].render();
        if (!b.loop)
            edge_fade(&b, 1.0, 2.0);
        normalise(&b, sounds[i].peak_db);
        write_wav(path, &b);
        buf_free(&b);
        free(path);
    }
    return 0;
}
