/*
 * elementary.c: the core's own exp and logistic sigmoid.
 *
 * Why not libm's exp: glibc, musl and Emscripten's libm round differently in
 * the last bit, and the page promises that the WASM build shows the same
 * numbers as the native CLI and tests. So exp is computed here with plain
 * IEEE double operations only (+, -, *, / and bit moves), which every
 * platform rounds identically as long as nothing fuses a multiply-add (the
 * build uses -ffp-contract=off).
 *
 * Method: x = k*ln2 + r with |r| <= ln2/2 (Cody-Waite, ln2 split so that
 * k*LN2_HI is exact), exp(r) = 1 + r + r^2 * g(r) with g a degree-10
 * polynomial (Chebyshev-economised Taylor series, truncation error < 2e-19
 * on |r| < 0.3466), then a multiply by 2^k built from bits. The final sum is
 * arranged as 1 + (hi + (r^2 g - lo)) so that the rounding of r = hi - lo
 * never reaches the result at full weight; the error bound is about 0.85 ulp
 * and the test measures at most 1 ulp against glibc.
 *
 * The same branch-free kernel (exp_core) serves bp_exp and the array sigmoid,
 * so the array form gives exactly the bits of bp_sigmoid element by element.
 */
#include <math.h>     /* INFINITY only; no libm functions */
#include <stdint.h>
#include <string.h>
#include "internal.h"

/* GCC will not if-convert the array sigmoid's out-of-range selects while it
 * must assume that an overflow in the discarded branch could trap. No trap
 * is ever enabled here and the flag changes no result (it is clang's
 * default); it only has to cover every function that gets inlined into the
 * loop, hence the whole file. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("no-trapping-math")
#endif


static const double LOG2E   = 0x1.71547652b82fep0;
/* Adding 1.5 * 2^52 rounds to an integer (ties to even) and leaves that
 * integer in the low bits of the representation. */
static const double SHIFTER = 0x1.8p52;
/* ln2 = LN2_HI + LN2_LO; LN2_HI has 32 significant bits, so k * LN2_HI is
 * exact for |k| < 2^21 and x - k * LN2_HI is exact by Sterbenz' lemma. */
static const double LN2_HI  = 0x1.62e42fee00000p-1;
static const double LN2_LO  = 0x1.a39ef35793c76p-33;

/* exp_core's range. Above CORE_MAX, the largest double whose exp is finite
 * (ln DBL_MAX rounded down, as libm's threshold), exp overflows; below
 * CORE_MIN the result would be (nearly) subnormal and the exponent-field
 * scaling below would not apply. */
#define CORE_MIN (-707.0)
#define CORE_MAX 0x1.62e42fefa39efp+9   /* 709.782712893384 */

/* g(r) = (e^r - 1 - r) / r^2 on |r| <= 0.3466. */
static const double G0  = 0x1.0000000000000p-1;
static const double G1  = 0x1.5555555555557p-3;
static const double G2  = 0x1.5555555555557p-5;
static const double G3  = 0x1.11111111100dcp-7;
static const double G4  = 0x1.6c16c16c15a69p-10;
static const double G5  = 0x1.a01a01abe7b65p-13;
static const double G6  = 0x1.a01a01a9e94f0p-16;
static const double G7  = 0x1.71de023288d0bp-19;
static const double G8  = 0x1.27e4d41a20dbfp-22;
static const double G9  = 0x1.af4de76a90952p-26;
static const double G10 = 0x1.1f7f2613da7fap-29;

static inline uint64_t bits_of(double d) { uint64_t u; memcpy(&u, &d, sizeof u); return u; }
static inline double double_of(uint64_t u) { double d; memcpy(&d, &u, sizeof d); return d; }

/*
 * e^r for the reduced argument, and k (as the low bits of *kbits) such that
 * exp(x) = result * 2^k. Straight-line code so that loops over it vectorise.
 */
static inline double exp_reduced(double x, uint64_t *kbits)
{
    double t = x * LOG2E + SHIFTER;
    double kd = t - SHIFTER;
    double hi = x - kd * LN2_HI;
    double lo = kd * LN2_LO;
    double r = hi - lo;
    /* Estrin's scheme: a short dependency chain, so that the vectorised
     * loop is not bound by the latency of eleven multiply-adds in a row. */
    double r2 = r * r;
    double r4 = r2 * r2;
    double g01 = G0 + G1 * r, g23 = G2 + G3 * r, g45 = G4 + G5 * r;
    double g67 = G6 + G7 * r, g89 = G8 + G9 * r;
    double g03 = g01 + r2 * g23;
    double g47 = g45 + r2 * g67;
    double g8a = g89 + r2 * G10;
    double g = g03 + r4 * (g47 + r4 * g8a);
    *kbits = bits_of(t);
    return 1.0 + (hi + (r2 * g - lo));
}

/*
 * exp(x) for CORE_MIN <= x <= CORE_MAX, or NaN. Branch-free. Multiplying by
 * 2^k is adding k to p's exponent field, exact because the result is normal
 * (p in [0.7, 1.42], and p < 1 whenever k = 1024 since x <= CORE_MAX).
 */
static inline double exp_core(double x)
{
    uint64_t kbits;
    double p = exp_reduced(x, &kbits);
    /* The low 12 bits of kbits hold k in two's complement; shifted to the
     * exponent field they add k modulo 2^64, the rest falls off the top. */
    return double_of(bits_of(p) + (kbits << 52));
}

/* exp(x) for -746 <= x < CORE_MIN: results near or below DBL_MIN. Scale to
 * a normal number first, then round once into the subnormal range. */
static double exp_tiny(double x)
{
    uint64_t kbits;
    double p = exp_reduced(x, &kbits);
    double scale = double_of((kbits + 1023 + 1000) << 52);  /* 2^(k+1000) */
    return p * scale * 0x1p-1000;
}

double bp_exp(double x)
{
    if (x > CORE_MAX)      /* overflow, +Inf included */
        return (double)INFINITY;
    if (x != x)            /* NaN: exp_core would scramble its bits */
        return x + x;
    if (x >= CORE_MIN)
        return exp_core(x);
    if (x < -746.0)        /* below half the smallest subnormal; also -Inf */
        return 0.0;
    return exp_tiny(x);
}

double bp_sigmoid(double x)
{
    return 1.0 / (1.0 + bp_exp(-x));
}

/* Fig. 7's form, multiplied left to right as the post writes it:
 * (y * y) * exp(-x), then dout * that. */
void bp_sigmoid_fig7(bp_fig7 *out, double x, double dout)
{
    double e = bp_exp(-x);
    out->exp_neg_x = e;
    out->denom = 1.0 + e;
    out->y = 1.0 / out->denom;
    out->y2 = out->y * out->y;
    out->ratio = e / out->denom;
    out->local = out->y2 * e;
    out->grad = dout * out->local;
}

/*
 * The array sigmoid, bit for bit bp_sigmoid. Out of the core's range the
 * kernel's value is replaced afterwards: below CORE_MIN bp_exp is < 2^-1000
 * and 1 + it rounds to 1 just as 1 + 0 does; above CORE_MAX both are +Inf.
 * NaN fails both comparisons and propagates through the kernel. Selecting
 * after the fact (rather than clamping the argument) keeps gcc from threading
 * a constant, overflowing path out of the loop body, so the loop stays
 * branch-free and gcc (SSE2, or AVX2 in the clone below) and clang (wasm
 * simd128) vectorise it.
 */
static inline double sigmoid_lane(double x)
{
    double y = -x;
    double e = exp_core(y);
    e = y < CORE_MIN ? 0.0 : e;
    e = y > CORE_MAX ? (double)INFINITY : e;
    e = y != y ? y + y : e;
    return 1.0 / (1.0 + e);
}

#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__) \
    && !defined(__SANITIZE_ADDRESS__)
/* AVX2 and AVX-512 clones, picked at load time. Neither target enables FMA
 * and the build has -ffp-contract=off, so every clone rounds identically.
 * Unlike the memory-bound ReLU (layers.c, no AVX-512 clone), this loop is
 * compute-bound and AVX-512 pays: measured side by side on an AVX-512
 * machine, 1.31 ns/element at N = 1e3 and 1e5 against 1.73-1.79 without it
 * (bench/bench.c, the best of three runs each). */
#define BP_CLONES __attribute__((target_clones("default", "avx2", "avx512f")))
#else
#define BP_CLONES
#endif

BP_CLONES
static void sigmoid_apart(double *restrict out, const double *restrict x, size_t n)
{
    for (size_t i = 0; i < n; i++)
        out[i] = sigmoid_lane(x[i]);
}

BP_CLONES
static void sigmoid_inplace(double *io, size_t n)
{
    for (size_t i = 0; i < n; i++)
        io[i] = sigmoid_lane(io[i]);
}

void bp__sigmoid_array(double *out, const double *x, size_t n)
{
    if (out == x)
        sigmoid_inplace(out, n);
    else
        sigmoid_apart(out, x, n);
}

/*
 * The array exp in place, bit for bit bp_exp, for Softmax-with-Loss
 * (matrix.c). Every range of bp_exp is computed and the right one selected,
 * as sigmoid_lane does, so that the loop stays branch-free: exp_tiny's
 * scaling (its exponent bits masked so that they stay a double's in lanes
 * that discard it), 0 below -746, +Inf above CORE_MAX, and NaN as x + x.
 */
static inline double exp_lane(double x)
{
    uint64_t kbits;
    double p = exp_reduced(x, &kbits);
    double core = double_of(bits_of(p) + (kbits << 52));
    double tiny = p * double_of(((kbits + 1023 + 1000) & 0x7ff) << 52) * 0x1p-1000;
    double e = x >= CORE_MIN ? core : tiny;
    e = x < -746.0 ? 0.0 : e;
    e = x > CORE_MAX ? (double)INFINITY : e;
    return x != x ? x + x : e;
}

#if defined(__wasm_simd128__)
/* clang does not vectorise exp_lane for WebAssembly (it keeps exp_reduced a
 * call of its own), so there the array exp takes two lanes at a time by
 * hand: exp_reduced and exp_lane again, operation for operation, in f64x2
 * (no FMA in SIMD128), the selects as bit masks. Softmax-with-Loss of a
 * network's small batches spent a sixth of a training step in the scalar
 * calls. */
typedef double v2d __attribute__((vector_size(16)));
typedef long long v2i __attribute__((vector_size(16)));   /* comparisons' masks */
typedef unsigned long long v2u64 __attribute__((vector_size(16)));
typedef double v2du __attribute__((vector_size(16), aligned(8), may_alias));

static inline v2d splat(double d) { return (v2d){d, d}; }
static inline v2d pick(v2i take, v2d a, v2d b) { return (v2d)(((v2i)a & take) | ((v2i)b & ~take)); }

static inline v2d exp_lanes(v2d x)
{
    v2d t = x * splat(LOG2E) + splat(SHIFTER);
    v2d kd = t - splat(SHIFTER);
    v2d hi = x - kd * splat(LN2_HI);
    v2d lo = kd * splat(LN2_LO);
    v2d r = hi - lo;
    v2d r2 = r * r;
    v2d r4 = r2 * r2;
    v2d g01 = splat(G0) + splat(G1) * r, g23 = splat(G2) + splat(G3) * r, g45 = splat(G4) + splat(G5) * r;
    v2d g67 = splat(G6) + splat(G7) * r, g89 = splat(G8) + splat(G9) * r;
    v2d g03 = g01 + r2 * g23;
    v2d g47 = g45 + r2 * g67;
    v2d g8a = g89 + r2 * splat(G10);
    v2d g = g03 + r4 * (g47 + r4 * g8a);
    v2d p = splat(1.0) + (hi + (r2 * g - lo));
    v2u64 kbits = (v2u64)t;
    v2d core = (v2d)((v2u64)p + (kbits << 52));
    v2d tiny = p * (v2d)(((kbits + 1023 + 1000) & 0x7ff) << 52) * splat(0x1p-1000);
    v2d e = pick(x >= splat(CORE_MIN), core, tiny);
    e = pick(x < splat(-746.0), splat(0.0), e);
    e = pick(x > splat(CORE_MAX), splat((double)INFINITY), e);
    return pick(x != x, x + x, e);
}
#endif

BP_CLONES
void bp__exp_inplace(double *io, size_t n)
{
    size_t i = 0;
#if defined(__wasm_simd128__)
    for (; i + 2 <= n; i += 2) *(v2du *)(io + i) = exp_lanes(*(const v2du *)(io + i));
#endif
    for (; i < n; i++)
        io[i] = exp_lane(io[i]);
}
