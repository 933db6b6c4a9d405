/*
 * random.c: the seeded generator, its normal deviates, and the sine, cosine
 * and logarithm they and the data sets need, in plain IEEE operations.
 *
 * Why not libm: glibc and musl (the WebAssembly build's) may round log, sin
 * and cos differently in the last bit, and one differing bit in a weight
 * changes a whole training run. Like elementary.c's exp, these use +, -, *, /
 * and bit moves only, which every platform rounds alike (-ffp-contract=off).
 * They are accurate to a few ulps on the ranges used here (the test measures
 * them against libm), which is all data and initialisation need.
 */
#include <math.h>     /* INFINITY, NAN only; no libm functions */
#include <stdint.h>
#include <string.h>
#include "internal.h"

/* ------------------------------------------------------------ generator */

static uint64_t splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

void bp_rng_seed(bp_rng *r, unsigned long long seed)
{
    uint64_t state = seed;
    for (int i = 0; i < 4; i++) r->s[i] = splitmix64(&state);
}

static inline uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

unsigned long long bp_rng_next(bp_rng *r)
{
    uint64_t *s = (uint64_t *)r->s;
    const uint64_t result = rotl(s[1] * 5, 7) * 9;
    const uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

double bp_rng_uniform(bp_rng *r) { return (double)(bp_rng_next(r) >> 11) * 0x1p-53; }

double bp_rng_normal(bp_rng *r)
{
    for (;;) {
        double u = 2.0 * bp_rng_uniform(r) - 1.0;
        double v = 2.0 * bp_rng_uniform(r) - 1.0;
        double s = u * u + v * v;
        /* s >= 2^-106 whenever it is not 0: the log below never sees a subnormal. */
        if (s > 0.0 && s < 1.0) return u * bp__sqrt(-2.0 * bp__log(s) / s);
    }
}

/* ------------------------------------------------------------ elementary */

static inline uint64_t bits_of(double d) { uint64_t u; memcpy(&u, &d, sizeof u); return u; }
static inline double double_of(uint64_t u) { double d; memcpy(&d, &u, sizeof d); return d; }

/* sqrt is correctly rounded by IEEE 754 (one instruction on both targets). */
double bp__sqrt(double x) { return __builtin_sqrt(x); }

/* ln 2 in two parts: e * LN2_HI is exact for |e| < 2^20. */
static const double LN2_HI = 0x1.62e42fefp-1, LN2_LO = 0x1.473de6af278edp-34;

/* log(x) for positive normal x: x = m 2^e with m in [sqrt(1/2), sqrt(2)),
 * log m = 2 atanh(s), s = (m-1)/(m+1), |s| < 0.1716, as its odd series to
 * s^23 (the next term is below 2^-64 relative). Other x: log's IEEE
 * special values; subnormals are scaled first. */
double bp__log(double x)
{
    if (!(x > 0.0)) return x == 0.0 ? -INFINITY : NAN;
    if (x == INFINITY) return x;
    int e = 0;
    if (x < 0x1p-1022) {
        x *= 0x1p54;
        e = -54;
    }
    uint64_t u = bits_of(x);
    e += (int)(u >> 52) - 1023;
    double m = double_of((u & 0x000FFFFFFFFFFFFFull) | 0x3FF0000000000000ull);
    if (m > 1.4142135623730951) {
        m *= 0.5;
        e += 1;
    }
    double f = m - 1.0, s = f / (m + 1.0), s2 = s * s;
    double p = 1.0 / 23;
    for (int k = 21; k >= 1; k -= 2) p = 1.0 / k + s2 * p;
    return ((double)e * LN2_HI + (2.0 * s * p + (double)e * LN2_LO));
}

/* pi/2 in three parts: k * PIO2_1 and k * PIO2_2 are exact for |k| < 2^20. */
static const double PIO2_1 = 0x1.921fb544p+0, PIO2_2 = 0x1.0b4611a6p-34, PIO2_3 = 0x1.3198a2e037073p-69;
static const double TWO_OVER_PI = 0.63661977236758134;

/* Taylor series on [-pi/4, pi/4]: the first omitted terms are below 1e-19. */
static double sin_reduced(double r)
{
    double r2 = r * r, p = 0.0;
    static const double k[] = {-1.0 / 6, 1.0 / 120, -1.0 / 5040, 1.0 / 362880, -1.0 / 39916800,
                               1.0 / 6227020800.0, -1.0 / 1307674368000.0, 1.0 / 355687428096000.0};
    for (int i = 7; i >= 0; i--) p = k[i] + r2 * p;
    return r + r * r2 * p;
}

static double cos_reduced(double r)
{
    double r2 = r * r, p = 0.0;
    static const double k[] = {1.0 / 24, -1.0 / 720, 1.0 / 40320, -1.0 / 3628800, 1.0 / 479001600,
                               -1.0 / 87178291200.0, 1.0 / 20922789888000.0, -1.0 / 6402373705728000.0};
    for (int i = 7; i >= 0; i--) p = k[i] + r2 * p;
    return 1.0 - 0.5 * r2 + r2 * r2 * p;
}

/* sin (quadrant 0) or cos (quadrant 1) of x: x = k pi/2 + r, then the
 * quadrant k + which picks the kernel and the sign. For |x| >= 2^20 the
 * reduction is inexact (still the same bits everywhere); not finite: NaN. */
static double sincos_at(double x, int which)
{
    if (x != x || x == INFINITY || x == -INFINITY) return NAN;
    double kf = x * TWO_OVER_PI;
    kf = kf < 0 ? -(double)(int64_t)(0.5 - kf) : (double)(int64_t)(kf + 0.5);
    double r = ((x - kf * PIO2_1) - kf * PIO2_2) - kf * PIO2_3;
    unsigned q = (unsigned)((int64_t)kf + which) & 3u;
    switch (q) {
    case 0: return sin_reduced(r);
    case 1: return cos_reduced(r);
    case 2: return -sin_reduced(r);
    default: return -cos_reduced(r);
    }
}

double bp__sin(double x) { return sincos_at(x, 0); }
double bp__cos(double x) { return sincos_at(x, 1); }
