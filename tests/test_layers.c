/*
 * test_layers.c: bp_exp, bp_sigmoid and the array layers, checked against
 * libm and against the plain definitions, natively and as WASM under node.
 */
#include <float.h>
#include <stdint.h>
#include <stdlib.h>
#include "backprop.h"
#include "check.h"

/* See test_parity_digest. */
#define PARITY_DIGEST 0x52cb30f1c0b0bb96ULL

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Values that exercise every branch of a layer: signs, both zeros, the
 * non-finite values, the ends of the double range and subnormals. */
static const double SPECIALS[] = {
    -2.0, -1.0, -0.5, -0.0, 0.0, 0.25, 1.0, 3.0, 37.5, -37.5,
    800.0, -800.0, 709.0, -709.0, 710.0, -710.0, 745.0, -745.0,
    1e-300, -1e-300, DBL_MIN, -DBL_MIN, 5e-324, -5e-324, DBL_MAX, -DBL_MAX,
    NAN, -NAN, INFINITY, -INFINITY,
};

static uint64_t bits_of(double d) { return check_bits(d); }
static double ulps(double a, double b) { return check_ulps(a, b); }

/* A small deterministic generator, so every run and platform sees the same
 * random points. */
static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;
static uint64_t rng_next(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}
static double rng_uniform(double lo, double hi)
{
    return lo + (hi - lo) * ((double)(rng_next() >> 11) * 0x1p-53);
}
static double rng_any_double(void)
{
    double d;
    uint64_t u = rng_next();
    memcpy(&d, &u, sizeof d);
    return d;
}

static double libm_sigmoid(double x) { return 1.0 / (1.0 + exp(-x)); }

/* -------------------------------------------------------------- bp_exp */

static void test_exp_specials(void)
{
    CHECK_NAN(bp_exp(NAN));
    CHECK_SAME(bp_exp(INFINITY), INFINITY);
    CHECK_SAME(bp_exp(-INFINITY), 0.0);
    CHECK_SAME(bp_exp(0.0), 1.0);
    CHECK_SAME(bp_exp(-0.0), 1.0);
    CHECK_SAME(bp_exp(1e-300), 1.0);
    CHECK_SAME(bp_exp(5e-324), 1.0);
    CHECK_SAME(bp_exp(800.0), INFINITY);
    CHECK_SAME(bp_exp(-800.0), 0.0);
    CHECK_SAME(bp_exp(DBL_MAX), INFINITY);
    CHECK_SAME(bp_exp(-DBL_MAX), 0.0);
    CHECK_ULPS(bp_exp(1.0), 2.718281828459045, 1);
    CHECK_ULPS(bp_exp(-1.0), 0.36787944117144233, 1);
    CHECK_ULPS(bp_exp(0.6931471805599453), 2.0, 1);
}

/* bp_exp and libm's exp at 4000 consecutive doubles around `middle`: within
 * 1 ulp, and infinite or zero at exactly the same arguments. Returns the
 * first and last x walked. */
static void walk_threshold(const char *name, double middle, double *first, double *last)
{
    double x = middle;
    for (int i = 0; i < 2000; i++) x = nextafter(x, -INFINITY);
    *first = x;
    for (int i = 0; i < 4000; i++, x = nextafter(x, INFINITY)) {
        double a = bp_exp(x), b = exp(x);
        int ok = isinf(a) == isinf(b) && (a == 0) == (b == 0) && ulps(a, b) <= 1;
        CHECK_MSG(ok, "%s walk, step %d: bp_exp(%.17g) = %.17g (%a), libm exp gives %.17g (%a)", name, i, x, a, a, b,
                  b);
        *last = x;
    }
}

/* Overflow and underflow happen at exactly the same arguments as libm's. */
static void test_exp_thresholds(void)
{
    /* Largest x with a finite exp (ln DBL_MAX rounded down), and the next. */
    double top = 709.782712893384;
    CHECK_ULPS(bp_exp(top), exp(top), 1);
    CHECK_LT(exp(top), INFINITY);
    double above = nextafter(top, INFINITY);
    CHECK_SAME(bp_exp(above), INFINITY);
    CHECK_SAME(exp(above), INFINITY);

    /* Walk a few thousand doubles on both sides of each end; each walk
     * crosses its threshold. */
    double first, last;
    walk_threshold("overflow", top, &first, &last);
    CHECK_LT(bp_exp(first), INFINITY);
    CHECK_SAME(bp_exp(last), INFINITY);
    /* exp(x) rounds to 0 below -1075 ln 2 = -745.1332191019411... */
    walk_threshold("underflow", -745.13321910194111, &first, &last);
    CHECK_SAME(bp_exp(first), 0.0);
    CHECK_SAME(bp_exp(last), 5e-324);
    CHECK_SAME(bp_exp(-745.2), 0.0);
    CHECK_SAME(bp_exp(-745.1), 5e-324);   /* the smallest subnormal */
}

/* Max ulp error over a dense sweep and random points, subnormal results
 * included; the bound is 1 ulp against libm (glibc's exp is correctly
 * rounded in practice, so this bounds our error below 1.5 ulp of the truth,
 * and measured it is at most 1). */
static void test_exp_ulps(void)
{
    double worst = 0, worst_x = 0;
    enum { M = 400000 };
    for (int i = 0; i <= M; i++) {
        double x = -746.0 + (710.0 + 746.0) * i / M;
        double u = ulps(bp_exp(x), exp(x));
        if (u > worst) { worst = u; worst_x = x; }
    }
    for (int i = 0; i < 200000; i++) {
        double x = rng_uniform(-2.0, 2.0);
        double u = ulps(bp_exp(x), exp(x));
        if (u > worst) { worst = u; worst_x = x; }
        x = rng_uniform(-746.0, 710.0);
        u = ulps(bp_exp(x), exp(x));
        if (u > worst) { worst = u; worst_x = x; }
        x = ldexp(rng_uniform(-1.0, 1.0), -(int)(rng_next() % 60));  /* near 0 */
        u = ulps(bp_exp(x), exp(x));
        if (u > worst) { worst = u; worst_x = x; }
    }
    printf("bp_exp: max %.0f ulp from libm exp (at x = %.17g)\n", worst, worst_x);
    check_case("the worst x = %.17g (%a)", worst_x, worst_x);
    CHECK_LE(worst, 1);
    check_case(NULL);
}

/* Parity: native and WASM builds must give the same bits. A digest of
 * bp_exp and the array sigmoid over many points is pinned here; both builds
 * run this test, so each must reproduce it. (Changing the exp kernel means
 * updating the constant, deliberately.) */
static void test_parity_digest(void)
{
    enum { CHUNK = 1024 };
    static double x[CHUNK], y[CHUNK];
    uint64_t h = 0xcbf29ce484222325ULL;   /* FNV-1a over the result bits */
    uint64_t state = 12345;
    for (int c = 0; c < 64; c++) {
        for (int i = 0; i < CHUNK; i++) {
            state = state * 6364136223846793005ULL + 1442695040888963407ULL;
            x[i] = -760.0 + 1520.0 * ((double)(state >> 11) * 0x1p-53);
        }
        bp_sigmoid_forward(y, x, CHUNK);
        for (int i = 0; i < CHUNK; i++) {
            uint64_t v[2] = {bits_of(bp_exp(x[i])), bits_of(y[i])};
            for (int k = 0; k < 2; k++)
                for (int b = 0; b < 8; b++) {
                    h ^= (v[k] >> (8 * b)) & 0xff;
                    h *= 0x100000001b3ULL;
                }
        }
    }
    printf("parity digest: %016llx\n", (unsigned long long)h);
    CHECK_MSG(h == PARITY_DIGEST, "parity digest %016llx, expected %016llx", (unsigned long long)h,
              (unsigned long long)PARITY_DIGEST);
}

/* ---------------------------------------------------------- bp_sigmoid */

static void test_sigmoid_scalar(void)
{
    CHECK_SAME(bp_sigmoid(0.0), 0.5);
    CHECK_SAME(bp_sigmoid(-0.0), 0.5);
    CHECK_SAME(bp_sigmoid(800.0), 1.0);
    CHECK_SAME(bp_sigmoid(-800.0), 0.0);
    CHECK_SAME(bp_sigmoid(INFINITY), 1.0);
    CHECK_SAME(bp_sigmoid(-INFINITY), 0.0);
    CHECK_NAN(bp_sigmoid(NAN));
    CHECK_SAME(bp_sigmoid(5e-324), 0.5);
    CHECK_NEAR(bp_sigmoid(2.0), 0.8807970779778823, 1e-15);
    CHECK_NEAR(bp_sigmoid(-709.5), libm_sigmoid(-709.5), 1e-14);  /* subnormal result */
}

/* The array sigmoid gives exactly bp_sigmoid's bits, everywhere. */
static void test_sigmoid_array_matches_scalar(void)
{
    enum { M = 100000 };
    double *x = malloc(M * sizeof *x), *y = malloc(M * sizeof *y);
    if (!CHECK_MSG(x && y, "out of memory for %d doubles", 2 * M)) { free(x); free(y); return; }
    size_t n = 0;
    for (size_t i = 0; i < LEN(SPECIALS); i++) x[n++] = SPECIALS[i];
    for (int i = 0; i <= 20000; i++) x[n++] = -760.0 + 1520.0 * i / 20000;
    for (int i = 0; i <= 2000; i++) {   /* around the core's range limits */
        x[n++] = -710.0 + 1e-3 * i;
        x[n++] = 707.0 - 1e-3 * i;
        x[n++] = 708.0 - 1e-3 * i;
    }
    while (n < M) x[n++] = rng_any_double();  /* every exponent, NaN payloads */
    /* The same bits, except that a NaN may carry another payload. */
    bp_sigmoid_forward(y, x, n);
    for (size_t i = 0; i < n; i++) {
        check_case("x[%zu] = %.17g (%a)", i, x[i], x[i]);
        double s = bp_sigmoid(x[i]);
        if (isnan(s)) CHECK_NAN(y[i]);
        else CHECK_BITS(y[i], s);
    }

    /* In place, and every length from 0 to 40 (vector tails). */
    memcpy(y, x, n * sizeof *x);
    bp_sigmoid_forward(y, y, n);
    for (size_t i = 0; i < n; i++) {
        check_case("in place, x[%zu] = %.17g (%a)", i, x[i], x[i]);
        double s = bp_sigmoid(x[i]);
        if (isnan(s)) CHECK_NAN(y[i]);
        else CHECK_BITS(y[i], s);
    }
    for (size_t len = 0; len <= 40; len++) {
        double out[42];
        for (size_t i = 0; i < 42; i++) out[i] = -1.0;
        bp_sigmoid_forward(out, x + 3, len);
        for (size_t i = 0; i < len; i++) {
            check_case("length %zu, element %zu, x = %.17g", len, i, x[3 + i]);
            CHECK_SAME_OR_BOTH_NAN(out[i], bp_sigmoid(x[3 + i]));
        }
        check_case("length %zu", len);
        CHECK_SAME(out[len], -1.0);   /* nothing written past n */
    }
    check_case(NULL);
    free(x);
    free(y);
}

/* Against libm over a dense sweep of [-750, 750]: max relative error. In
 * chunks, since the WASM test has a 16 MiB heap. */
static void test_sigmoid_vs_libm(void)
{
    enum { M = 1500001, CHUNK = 4096 };
    static double x[CHUNK], y[CHUNK];
    double worst = 0, worst_x = 0;
    for (int start = 0; start < M; start += CHUNK) {
        int len = M - start < CHUNK ? M - start : CHUNK;
        for (int i = 0; i < len; i++) x[i] = -750.0 + 1500.0 * (start + i) / (M - 1);
        bp_sigmoid_forward(y, x, (size_t)len);
        for (int i = 0; i < len; i++) {
            double ref = libm_sigmoid(x[i]);
            double m = fmax(fabs(ref), fabs(y[i]));
            double rel = m > 0 ? fabs(y[i] - ref) / m : 0;
            if (rel > worst) { worst = rel; worst_x = x[i]; }
        }
    }
    printf("sigmoid: max relative error %.3g vs libm 1/(1+exp(-x)) (at x = %.17g)\n",
           worst, worst_x);
    check_case("the worst x = %.17g (%a)", worst_x, worst_x);
    CHECK_LE(worst, 1e-14);
    check_case(NULL);
}

/* ---------------------------------------------------------------- ReLU */

/* What ReLU's mask is: x <= 0, said another way (NaN is not masked). */
static int relu_masks(double x) { return !isnan(x) && !(x > 0); }

static void test_relu(void)
{
    enum { N = LEN(SPECIALS) };
    double x[N], out[N], dout[N], dout_copy[N], dx[N], want_out[N], want_dx[N];
    unsigned char mask[N];
    for (size_t i = 0; i < N; i++) {
        x[i] = SPECIALS[i];
        dout[i] = dout_copy[i] = 1.0 + (double)i;
        want_out[i] = relu_masks(x[i]) ? 0.0 : x[i];   /* +0.0, never -0.0; NaN passes */
        want_dx[i] = relu_masks(x[i]) ? 0.0 : dout[i];
    }
    bp_relu_forward(out, mask, x, N);
    bp_relu_backward(dx, mask, dout, N);
    for (size_t i = 0; i < N; i++) {
        check_case("x[%zu] = %.17g", i, x[i]);
        CHECK_INT(mask[i], relu_masks(x[i]));
    }
    check_case(NULL);
    CHECK_ARRAY_SAME_OR_BOTH_NAN(out, want_out, N);
    CHECK_ARRAY_SAME(dx, want_dx, N);
    CHECK_ARRAY_SAME(dout, dout_copy, N);   /* dout untouched */

    /* The mask at exactly 0, and -0.0 turning into +0.0. */
    double z[2] = {0.0, -0.0}, zo[2];
    unsigned char zm[2];
    bp_relu_forward(zo, zm, z, 2);
    CHECK_INT(zm[0], 1);
    CHECK_INT(zm[1], 1);
    CHECK_SAME(zo[0], 0.0);
    CHECK_SAME(zo[1], 0.0);

    /* In place: out == x, then dx == dout. */
    double io[N];
    unsigned char mask2[N];
    memcpy(io, x, sizeof io);
    bp_relu_forward(io, mask2, io, N);
    for (size_t i = 0; i < N; i++) {
        check_case("in place, x[%zu] = %.17g", i, x[i]);
        CHECK_INT(mask2[i], mask[i]);
    }
    check_case(NULL);
    CHECK_ARRAY_SAME_OR_BOTH_NAN(io, want_out, N);
    memcpy(io, dout, sizeof io);
    bp_relu_backward(io, mask2, io, N);
    CHECK_ARRAY_SAME(io, want_dx, N);

    /* Any nonzero mask byte masks. */
    unsigned char odd_mask[3] = {0, 2, 255};
    double d3[3] = {4, 5, 6}, dx3[3];
    bp_relu_backward(dx3, odd_mask, d3, 3);
    CHECK_SAME(dx3[0], 4.0);
    CHECK_SAME(dx3[1], 0.0);
    CHECK_SAME(dx3[2], 0.0);

    /* The same through the vector bodies (16 and more at a time): the specials
     * cycled over 50 elements, and mask bytes of every kind of value. */
    enum { V = 50 };
    double vx[V], vout[V], vd[V], vdx[V], want_vout[V], want_vdx[V];
    unsigned char vmask[V], bytes[V];
    for (size_t i = 0; i < V; i++) {
        vx[i] = SPECIALS[i % N];
        vd[i] = (double)i - 20.5;
        bytes[i] = (unsigned char)((i * 37) % 256);
        want_vout[i] = relu_masks(vx[i]) ? 0.0 : vx[i];
        want_vdx[i] = bytes[i] ? 0.0 : vd[i];
    }
    bp_relu_forward(vout, vmask, vx, V);
    bp_relu_backward(vdx, bytes, vd, V);
    for (size_t i = 0; i < V; i++) {
        check_case("vx[%zu] = %.17g", i, vx[i]);
        CHECK_INT(vmask[i], relu_masks(vx[i]));
    }
    check_case(NULL);
    CHECK_ARRAY_SAME_OR_BOTH_NAN(vout, want_vout, V);
    CHECK_ARRAY_SAME(vdx, want_vdx, V);
}

/* Every length 0..70 against the definition, so vector bodies and tails
 * (and the empty and length-1 cases) all run; nothing past n is written. */
static void test_relu_lengths(void)
{
    enum { L = 72 };
    double x[L], out[L], dout[L], dx[L];
    unsigned char mask[L];
    for (size_t i = 0; i < L; i++) {
        x[i] = rng_uniform(-1, 1);
        dout[i] = rng_uniform(-1, 1);
    }
    for (size_t n = 0; n <= 70; n++) {
        for (size_t i = 0; i < L; i++) { out[i] = 7.0; dx[i] = 7.0; mask[i] = 7; }
        bp_relu_forward(out, mask, x, n);
        bp_relu_backward(dx, mask, dout, n);
        for (size_t i = 0; i < n; i++) {
            check_case("length %zu, x[%zu] = %.17g", n, i, x[i]);
            CHECK_INT(mask[i], x[i] <= 0);
            CHECK_SAME(out[i], x[i] > 0 ? x[i] : 0.0);
            CHECK_SAME(dx[i], x[i] > 0 ? dout[i] : 0.0);
        }
        check_case("length %zu: the element just past the end", n);
        CHECK_SAME(out[n], 7.0);
        CHECK_SAME(dx[n], 7.0);
        CHECK_INT(mask[n], 7);
    }
    check_case(NULL);
}

/* Every layer, forward and backward, over n == 0 elements of these buffers. */
static void run_every_layer_on_nothing(double *a, double *b, double *c, double *d, double *e, unsigned char *mask)
{
    bp_relu_forward(a, mask, b, 0);
    bp_relu_backward(c, mask, d, 0);
    bp_sigmoid_forward(a, b, 0);
    bp_sigmoid_backward(a, b, c, 0);
    bp_add_forward(a, b, c, 0);
    bp_add_backward(a, b, c, 0);
    bp_mul_forward(a, b, c, 0);
    bp_mul_backward(a, b, c, d, e, 0);
}

/* n == 0 writes nothing and reads nothing: buffers filled with a sentinel
 * keep it, and NULL pointers are never touched (the sanitizer build would
 * report a read or write through them). */
static void test_empty_layers(void)
{
    double a[2] = {7.0, 7.0}, b[2] = {7.0, 7.0}, c[2] = {7.0, 7.0}, d[2] = {7.0, 7.0}, e[2] = {7.0, 7.0};
    const double sentinel[2] = {7.0, 7.0};
    unsigned char mask[2] = {7, 7};
    run_every_layer_on_nothing(a, b, c, d, e, mask);
    CHECK_ARRAY_SAME(a, sentinel, 2);
    CHECK_ARRAY_SAME(b, sentinel, 2);
    CHECK_ARRAY_SAME(c, sentinel, 2);
    CHECK_ARRAY_SAME(d, sentinel, 2);
    CHECK_ARRAY_SAME(e, sentinel, 2);
    CHECK_INT(mask[0], 7);
    CHECK_INT(mask[1], 7);
    run_every_layer_on_nothing(NULL, NULL, NULL, NULL, NULL, NULL);
}

/* ------------------------------------------------------------- Sigmoid */

static void test_sigmoid_layer(void)
{
    enum { N = LEN(SPECIALS) };
    double x[N], out[N], dout[N], dout_copy[N], dx[N], want_dx[N];
    for (size_t i = 0; i < N; i++) {
        x[i] = SPECIALS[i];
        dout[i] = dout_copy[i] = 0.5 - (double)i;
    }
    bp_sigmoid_forward(out, x, N);
    bp_sigmoid_backward(dx, out, dout, N);
    CHECK_ARRAY_SAME(dout, dout_copy, N);
    for (size_t i = 0; i < N; i++) {
        check_case("x[%zu] = %.17g, dout = %.17g", i, x[i], dout_copy[i]);
        double ref = libm_sigmoid(x[i]);
        if (isnan(x[i])) CHECK_NAN(out[i]);
        else CHECK_NEAR(out[i], ref, 1e-14);
        /* The derivative from libm, e^-x / (1 + e^-x)^2. Only where
         * y(1 - y) can be accurate: for x > 4 the cached y is so close to 1
         * that 1 - y has lost digits (x = 37.5 gives exactly 0), which is
         * the book's formula, not a bug; far left (1 + e)^2 overflows. */
        double e = exp(-x[i]);
        if (x[i] >= -30 && x[i] <= 4) {
            double dref = dout_copy[i] * e / ((1 + e) * (1 + e));
            CHECK_NEAR(dx[i], dref, 1e-13);
        }
        /* Everywhere, the book's formula from the cached output. */
        want_dx[i] = dout_copy[i] * out[i] * (1.0 - out[i]);
        CHECK_SAME_OR_BOTH_NAN(dx[i], want_dx[i]);
    }
    check_case(NULL);
    CHECK_SAME(out[10], 1.0);   /* x = 800 */
    CHECK_SAME(out[11], 0.0);   /* x = -800: the fused layer gives 0, not NaN */
    CHECK_SAME(dx[11], 0.0 * dout_copy[11]);

    /* Aliasing the header allows: out == x; dx == out; dx == dout. */
    double io[N], io2[N], want_io2[N];
    memcpy(io, x, sizeof io);
    bp_sigmoid_forward(io, io, N);
    CHECK_ARRAY_SAME_OR_BOTH_NAN(io, out, N);
    bp_sigmoid_backward(io, io, dout, N);            /* dx == out */
    CHECK_ARRAY_SAME_OR_BOTH_NAN(io, want_dx, N);
    memcpy(io2, dout, sizeof io2);
    bp_sigmoid_backward(io2, out, io2, N);          /* dx == dout */
    CHECK_ARRAY_SAME_OR_BOTH_NAN(io2, want_dx, N);
    memcpy(io2, out, sizeof io2);
    bp_sigmoid_backward(io2, io2, io2, N);          /* all three */
    for (size_t i = 0; i < N; i++) want_io2[i] = out[i] * out[i] * (1.0 - out[i]);
    CHECK_ARRAY_SAME_OR_BOTH_NAN(io2, want_io2, N);

    /* Length 1 */
    double one = 0.0, yo, g = 2.0, gx;
    bp_sigmoid_forward(&yo, &one, 1);
    bp_sigmoid_backward(&gx, &yo, &g, 1);
    CHECK_SAME(yo, 0.5);
    CHECK_SAME(gx, 0.5);
}

/* ----------------------------------------------------------- Add, Mul */

static void test_add_mul(void)
{
    enum { N = 9 };
    const double a0[N] = {1, -2, 0.5, -0.0, 0.0, INFINITY, NAN, 1e308, 3};
    const double b0[N] = {2, 3, -0.5, -0.0, -0.0, -INFINITY, 1, 1e308, 0.25};
    const double d0[N] = {1, -1, 2, 3, -4, 5, 6, 7, 0.5};
    /* The definitions, element by element; Infinity - Infinity and the NaN
     * input make NaN rows. */
    double sum[N], twice[N], product[N], square[N], mul_da[N], mul_db[N];
    for (int i = 0; i < N; i++) {
        sum[i] = a0[i] + b0[i];
        twice[i] = a0[i] + a0[i];
        product[i] = a0[i] * b0[i];
        square[i] = a0[i] * a0[i];
        mul_da[i] = d0[i] * b0[i];   /* the inputs swapped */
        mul_db[i] = d0[i] * a0[i];
    }
    double out[N], da[N], db[N], io[N], d[N];

    bp_add_forward(out, a0, b0, N);
    CHECK_ARRAY_SAME_OR_BOTH_NAN(out, sum, N);
    memcpy(io, a0, sizeof io); bp_add_forward(io, io, b0, N);
    CHECK_ARRAY_SAME_OR_BOTH_NAN(io, sum, N);
    memcpy(io, b0, sizeof io); bp_add_forward(io, a0, io, N);
    CHECK_ARRAY_SAME_OR_BOTH_NAN(io, sum, N);
    memcpy(io, a0, sizeof io); bp_add_forward(io, io, io, N);
    CHECK_ARRAY_SAME_OR_BOTH_NAN(io, twice, N);

    memcpy(d, d0, sizeof d);
    bp_add_backward(da, db, d, N);
    CHECK_ARRAY_SAME(d, d0, N);
    CHECK_ARRAY_SAME(da, d0, N);
    CHECK_ARRAY_SAME(db, d0, N);
    bp_add_backward(d, db, d, N);
    CHECK_ARRAY_SAME(d, d0, N);
    CHECK_ARRAY_SAME(db, d0, N);

    bp_mul_forward(out, a0, b0, N);
    CHECK_ARRAY_SAME_OR_BOTH_NAN(out, product, N);
    memcpy(io, a0, sizeof io); bp_mul_forward(io, io, b0, N);
    CHECK_ARRAY_SAME_OR_BOTH_NAN(io, product, N);
    memcpy(io, b0, sizeof io); bp_mul_forward(io, a0, io, N);
    CHECK_ARRAY_SAME_OR_BOTH_NAN(io, product, N);
    memcpy(io, a0, sizeof io); bp_mul_forward(io, io, io, N);
    CHECK_ARRAY_SAME_OR_BOTH_NAN(io, square, N);

    memcpy(d, d0, sizeof d);
    bp_mul_backward(da, db, a0, b0, d, N);
    CHECK_ARRAY_SAME(d, d0, N);
    CHECK_ARRAY_SAME_OR_BOTH_NAN(da, mul_da, N);
    CHECK_ARRAY_SAME_OR_BOTH_NAN(db, mul_db, N);
    memcpy(d, d0, sizeof d);
    bp_mul_backward(d, db, a0, b0, d, N);   /* da == dout */
    CHECK_ARRAY_SAME_OR_BOTH_NAN(d, mul_da, N);
    CHECK_ARRAY_SAME_OR_BOTH_NAN(db, mul_db, N);
    memcpy(d, d0, sizeof d);
    bp_mul_backward(da, d, a0, b0, d, N);   /* db == dout */
    CHECK_ARRAY_SAME_OR_BOTH_NAN(da, mul_da, N);
    CHECK_ARRAY_SAME_OR_BOTH_NAN(d, mul_db, N);
}

/* ----------------------------------------------- finite-difference checks */

/* Central difference with h = cbrt(eps) * max(1, |x|); relative tolerance
 * 1e-6 is far above its O(h^2) + O(eps/h) error and far below any real
 * mistake in a backward pass. */
static double fd_step(double x) { return cbrt(DBL_EPSILON) * fmax(1.0, fabs(x)); }

/* analytic[i] against the central difference dout[i] * (yp[i] - ym[i]) /
 * (xp[i] - xm[i]), for each i < n. */
static void check_differences(const char *what, const double *analytic, const double *dout, const double *yp,
                              const double *ym, const double *xp, const double *xm, int n)
{
    for (int i = 0; i < n; i++) {
        check_case("%s, element %d: at %.17g", what, i, 0.5 * (xp[i] + xm[i]));
        CHECK_NEAR(analytic[i], dout[i] * (yp[i] - ym[i]) / (xp[i] - xm[i]), 1e-6);
    }
    check_case(NULL);
}

static void test_gradients(void)
{
    enum { N = 64 };
    double x[N], dout[N], dx[N], yp[N], ym[N], xp[N], xm[N], out[N];
    unsigned char mask[N];
    for (int i = 0; i < N; i++) {
        x[i] = rng_uniform(-6, 6);
        if (fabs(x[i]) < 0.01) x[i] = 0.5;   /* ReLU's kink is not differentiable */
        dout[i] = rng_uniform(-2, 2);
    }
    for (int i = 0; i < N; i++) { double h = fd_step(x[i]); xp[i] = x[i] + h; xm[i] = x[i] - h; }

    bp_relu_forward(out, mask, x, N);
    bp_relu_backward(dx, mask, dout, N);
    bp_relu_forward(yp, mask, xp, N);
    bp_relu_forward(ym, mask, xm, N);
    check_differences("relu dx", dx, dout, yp, ym, xp, xm, N);

    bp_sigmoid_forward(out, x, N);
    bp_sigmoid_backward(dx, out, dout, N);
    bp_sigmoid_forward(yp, xp, N);
    bp_sigmoid_forward(ym, xm, N);
    check_differences("sigmoid dx", dx, dout, yp, ym, xp, xm, N);

    /* Add and Mul: perturb a with b fixed, then b with a fixed. */
    double b[N], da[N], db[N];
    for (int i = 0; i < N; i++) b[i] = rng_uniform(-3, 3);
    double bp_[N], bm[N];
    for (int i = 0; i < N; i++) { double h = fd_step(b[i]); bp_[i] = b[i] + h; bm[i] = b[i] - h; }

    bp_add_backward(da, db, dout, N);
    bp_add_forward(yp, xp, b, N); bp_add_forward(ym, xm, b, N);
    check_differences("add da", da, dout, yp, ym, xp, xm, N);
    bp_add_forward(yp, x, bp_, N); bp_add_forward(ym, x, bm, N);
    check_differences("add db", db, dout, yp, ym, bp_, bm, N);

    bp_mul_backward(da, db, x, b, dout, N);
    bp_mul_forward(yp, xp, b, N); bp_mul_forward(ym, xm, b, N);
    check_differences("mul da", da, dout, yp, ym, xp, xm, N);
    bp_mul_forward(yp, x, bp_, N); bp_mul_forward(ym, x, bm, N);
    check_differences("mul db", db, dout, yp, ym, bp_, bm, N);
}

int main(void)
{
    test_exp_specials();
    test_exp_thresholds();
    test_exp_ulps();
    test_parity_digest();
    test_sigmoid_scalar();
    test_sigmoid_array_matches_scalar();
    test_sigmoid_vs_libm();
    test_relu();
    test_relu_lengths();
    test_empty_layers();
    test_sigmoid_layer();
    test_add_mul();
    test_gradients();
    return check_summary("test_layers");
}
