/*
 * test_matrix.c: the Affine and Softmax-with-Loss layers over row-major
 * matrices, against hand-derived values, the reference post's numbers, a
 * softmax computed here with the C library's exp, and central differences
 * of every input entry; NaN and the infinities as IEEE arithmetic gives them.
 * The vectorised products against the plain triple loops, bit for bit, and
 * with no multiply fused into its add, with every product kernel the CPU
 * runs (natively AVX-512, AVX2 and SSE2 on x86-64; WebAssembly's f64x2
 * kernel under ctest in build/wasm), and a digest of their bits pinned for
 * both builds.
 */
#include <float.h>
#include <stdlib.h>
#include "check.h"
#include "../core/src/internal.h"

/* See parity_digest. */
#define PARITY_DIGEST 0x77b8be8532369a24ULL

enum { MAXN = 64 };

/* A reproducible value in [-2, 2] (xorshift; no libc rand state). */
static double noise(unsigned *s)
{
    *s ^= *s << 13; *s ^= *s >> 17; *s ^= *s << 5;
    return (*s % 40001u) / 10000.0 - 2.0;
}

static void affine_by_hand(void)
{
    const double x[] = {1, 2, 3, 4};                  /* 2×2 */
    const double w[] = {1, 0, -1, 2, 1, 0};           /* 2×3 */
    const double b[] = {0.5, -1, 2};
    const double dout[] = {1, 0, -1, 2, 1, 0.5};      /* 2×3 */
    double out[6], dx[4], dw[6], db[3];
    bp_affine_forward(out, x, w, b, 2, 2, 3);
    const double want_out[] = {5.5, 1, 1, 11.5, 3, -1};
    CHECK_ARRAY_SAME(out, want_out, 6);
    bp_affine_backward(dx, dw, db, x, w, dout, 2, 2, 3);
    const double want_dx[] = {2, 2, 1.5, 5};          /* dout · wᵀ */
    const double want_dw[] = {7, 3, 0.5, 10, 4, 0};   /* xᵀ · dout */
    const double want_db[] = {3, 1, -0.5};            /* column sums */
    CHECK_ARRAY_SAME(dx, want_dx, 4);
    CHECK_ARRAY_SAME(dw, want_dw, 6);
    CHECK_ARRAY_SAME(db, want_db, 3);

    /* No bias, and each gradient alone (the others NULL). */
    bp_affine_forward(out, x, w, NULL, 2, 2, 3);
    const double want_nob[] = {5, 2, -1, 11, 4, -3};
    CHECK_ARRAY_SAME(out, want_nob, 6);
    double only[6] = {0};
    bp_affine_backward(NULL, only, NULL, x, w, dout, 2, 2, 3);
    CHECK_ARRAY_SAME(only, want_dw, 6);

    /* The book's single sample: X (2,), W (2×3), B (3,). */
    const double x1[] = {0.5, -1};
    double o1[3];
    bp_affine_forward(o1, x1, w, b, 1, 2, 3);
    const double want_o1[] = {0.5 * 1 - 2 + 0.5, -1 - 1, -0.5 + 2};
    CHECK_ARRAY_SAME(o1, want_o1, 3);
}

static void affine_nonfinite(void)
{
    const double x[] = {NAN, 1, 2, 3};                /* 2×2: row 0 has a NaN */
    const double w[] = {1, 2, 3, 4};
    double out[4];
    bp_affine_forward(out, x, w, NULL, 2, 2, 2);
    CHECK_NAN(out[0]);
    CHECK_NAN(out[1]);
    CHECK_SAME(out[2], 2 * 1 + 3 * 3.0);
    CHECK_SAME(out[3], 2 * 2 + 3 * 4.0);
    const double xi[] = {INFINITY, 0};                /* inf · 0 in the sum: NaN */
    const double wi[] = {1, 0, 1, 1};
    bp_affine_forward(out, xi, wi, NULL, 1, 2, 2);
    CHECK_SAME(out[0], INFINITY);
    CHECK_NAN(out[1]);
}

/* Central differences of L = sum(out ⊙ g) for every entry of x, w and b. */
static void affine_numeric(size_t n, size_t d, size_t m, unsigned seed)
{
    double x[MAXN], w[MAXN], b[MAXN], g[MAXN], out[MAXN], dx[MAXN], dw[MAXN], db[MAXN];
    for (size_t i = 0; i < n * d; i++) x[i] = noise(&seed);
    for (size_t i = 0; i < d * m; i++) w[i] = noise(&seed);
    for (size_t i = 0; i < m; i++) b[i] = noise(&seed);
    for (size_t i = 0; i < n * m; i++) g[i] = noise(&seed);
    bp_affine_backward(dx, dw, db, x, w, g, n, d, m);
    double *inputs[] = {x, w, b}, *grads[] = {dx, dw, db};
    const size_t sizes[] = {n * d, d * m, m};
    const char *names[] = {"x", "w", "b"};
    for (int which = 0; which < 3; which++) {
        for (size_t e = 0; e < sizes[which]; e++) {
            check_case("affine %zux%zu -> %zu, d%s[%zu]", n, d, m, names[which], e);
            double *v = &inputs[which][e];
            const double keep = *v, h = 1e-5;
            double lp = 0, lm = 0;
            *v = keep + h;
            bp_affine_forward(out, x, w, b, n, d, m);
            for (size_t i = 0; i < n * m; i++) lp += out[i] * g[i];
            *v = keep - h;
            bp_affine_forward(out, x, w, b, n, d, m);
            for (size_t i = 0; i < n * m; i++) lm += out[i] * g[i];
            *v = keep;
            CHECK_NEAR(grads[which][e], (lp - lm) / (2 * h), 1e-7);
        }
    }
    check_case(NULL);
}

static void softmax_reference_post(void)
{
    /* x = (0.3, 2.9, 4.0), t = (0, 0, 1): the book's example. */
    const double x[] = {0.3, 2.9, 4.0}, t[] = {0, 0, 1};
    const int index[] = {2};
    double y[3], y2[3], dx[3], dx2[3];
    const double loss = bp_softmax_loss_forward(y, x, t, NULL, 1, 3);
    /* The post's seven digits: within half a unit of the last. */
    const double want_y[] = {0.0182113, 0.2451918, 0.7365969};
    for (int j = 0; j < 3; j++) CHECK_LE(fabs(y[j] - want_y[j]), 5e-8);
    CHECK_LE(fabs(loss - 0.3057145), 5e-8);
    /* The same from the C library's exp, to a few roundings. The loss is a
     * difference of numbers near 4.3 (log of the sum, minus 4): its error is
     * counted in ulps of 4.3, not of the 0.3 it leaves. */
    const double s = exp(0.3) + exp(2.9) + exp(4.0);
    for (int j = 0; j < 3; j++) CHECK_ULPS(y[j], exp(x[j]) / s, 4);
    CHECK_LE(fabs(loss - (log(s) - 4.0)), 8 * 4.3 * DBL_EPSILON);
    bp_softmax_loss_backward(dx, y, t, NULL, 1, 3);
    const double want_dx[] = {y[0], y[1], y[2] - 1};
    CHECK_ARRAY_SAME(dx, want_dx, 3);
    CHECK_NEAR(dx[2], -0.2634031, 1e-6);
    /* Labels as class indices give the same, bit for bit. */
    CHECK_SAME(bp_softmax_loss_forward(y2, x, NULL, index, 1, 3), loss);
    CHECK_ARRAY_SAME(y2, y, 3);
    bp_softmax_loss_backward(dx2, y2, NULL, index, 1, 3);
    CHECK_ARRAY_SAME(dx2, dx, 3);
    /* A batch of two: the mean loss, and dx divided by N = 2. */
    const double xb[] = {0.3, 2.9, 4.0, 0.3, 2.9, 4.0};
    const int ib[] = {2, 0};
    double yb[6], dxb[6];
    const double lb = bp_softmax_loss_forward(yb, xb, NULL, ib, 2, 3);
    CHECK_LE(fabs(lb - ((log(s) - 4.0) + (log(s) - 0.3)) / 2), 8 * 4.3 * DBL_EPSILON);
    bp_softmax_loss_backward(dxb, yb, NULL, ib, 2, 3);
    CHECK_SAME(dxb[2], (yb[2] - 1) / 2);
    CHECK_SAME(dxb[3], (yb[3] - 1) / 2);
    CHECK_SAME(dxb[4], yb[4] / 2);
}

static void softmax_stable(void)
{
    /* Shifting a row changes nothing: the row's maximum is subtracted. */
    const double a[] = {0, 1, 2}, b[] = {1000, 1001, 1002};
    const int index[] = {1};
    double ya[3], yb[3];
    const double la = bp_softmax_loss_forward(ya, a, NULL, index, 1, 3);
    const double lb = bp_softmax_loss_forward(yb, b, NULL, index, 1, 3);
    CHECK_ARRAY_SAME(yb, ya, 3);
    CHECK_SAME(lb, la);
    /* A class whose y underflows to 0 keeps its true loss: -log y = 800 +
     * log(1 + e^-800) = 800, where the book's log(y + 1e-7) gives 16.118. */
    const double u[] = {0, -800};
    const int last[] = {1};
    double yu[2];
    const double lu = bp_softmax_loss_forward(yu, u, NULL, last, 1, 2);
    CHECK_SAME(yu[1], 0.0);
    CHECK_SAME(lu, 800.0);
    /* n or k of 0: nothing to average. */
    CHECK_SAME(bp_softmax_loss_forward(yu, u, NULL, last, 0, 2), 0.0);
}

static void softmax_nonfinite(void)
{
    const int index[] = {0, 0, 1};
    const double x[] = {NAN, 1, 2, 3, -INFINITY, 0, INFINITY, 1, 2};  /* 3×3 */
    double y[9];
    const double loss = bp_softmax_loss_forward(y, x, NULL, index, 3, 3);
    for (int j = 0; j < 3; j++) CHECK_NAN(y[j]);        /* NaN spreads over its row */
    CHECK_SAME(y[4], 0.0);                               /* exp(-inf) */
    CHECK_ULPS(y[3], 1 / (1 + exp(-3.0)), 4);
    CHECK_NAN(y[6]);                                     /* inf - inf: no value */
    CHECK_NAN(loss);
    /* -inf on the label's class: the loss is +inf, not NaN. */
    const double z[] = {-INFINITY, 0};
    const int first[] = {0};
    double yz[2];
    CHECK_SAME(bp_softmax_loss_forward(yz, z, NULL, first, 1, 2), INFINITY);
}

/* Central differences of the loss for every entry of x. */
static void softmax_numeric(size_t n, size_t k, unsigned seed)
{
    double x[MAXN], y[MAXN], dx[MAXN];
    int index[MAXN] = {0};
    for (size_t i = 0; i < n * k; i++) x[i] = noise(&seed);
    for (size_t i = 0; i < n; i++) index[i] = (int)(seed % k), noise(&seed);
    bp_softmax_loss_forward(y, x, NULL, index, n, k);
    bp_softmax_loss_backward(dx, y, NULL, index, n, k);
    for (size_t e = 0; e < n * k; e++) {
        check_case("softmax-loss %zux%zu, dx[%zu]", n, k, e);
        const double keep = x[e], h = 1e-5;
        x[e] = keep + h;
        const double lp = bp_softmax_loss_forward(y, x, NULL, index, n, k);
        x[e] = keep - h;
        const double lm = bp_softmax_loss_forward(y, x, NULL, index, n, k);
        x[e] = keep;
        CHECK_MSG(fabs(dx[e] - (lp - lm) / (2 * h)) <= 1e-8,
                  "dx %.17g, central difference %.17g", dx[e], (lp - lm) / (2 * h));
    }
    check_case(NULL);
}

/* ------------------------------------- the products against plain loops */

/* The plain loops, in the order of additions matrix.c promises. Compiled
 * with the library's -ffp-contract=off, so nothing here is fused either. */
static void naive_forward(double *out, const double *x, const double *w, const double *b,
                          size_t n, size_t d, size_t m)
{
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < m; j++) {
            double s = b ? b[j] : 0.0;
            for (size_t k = 0; k < d; k++) s += x[i * d + k] * w[k * m + j];
            out[i * m + j] = s;
        }
}

static void naive_backward(double *dx, double *dw, double *db, const double *x, const double *w,
                           const double *dout, size_t n, size_t d, size_t m)
{
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < d; k++) {
            double s = 0.0;
            for (size_t j = 0; j < m; j++) s += dout[i * m + j] * w[k * m + j];
            dx[i * d + k] = s;
        }
    for (size_t k = 0; k < d; k++)
        for (size_t j = 0; j < m; j++) {
            double s = 0.0;
            for (size_t i = 0; i < n; i++) s += x[i * d + k] * dout[i * m + j];
            dw[k * m + j] = s;
        }
    for (size_t j = 0; j < m; j++) {
        double s = 0.0;
        for (size_t i = 0; i < n; i++) s += dout[i * m + j];
        db[j] = s;
    }
}

/* Entries of mixed sign spread over 2^-20 .. 2^20: summed in another
 * order, most sums of a few terms round differently. */
static double spread(unsigned *s)
{
    const double v = noise(s);
    return ldexp(v, (int)(*s % 41u) - 20);
}

static double *spread_matrix(size_t count, unsigned *s)
{
    double *p = malloc((count ? count : 1) * sizeof *p);
    for (size_t i = 0; p && i < count; i++) p[i] = spread(s);
    return p;
}

/* got and want, count entries: the same bits, or both NaN (x86 and
 * WebAssembly may give a NaN different payloads); the first difference is
 * reported with its index. */
static void check_same_bits(const char *what, const double *got, const double *want, size_t count)
{
    size_t bad = count;
    for (size_t e = 0; e < count && bad == count; e++)
        if (!(isnan(got[e]) && isnan(want[e])) && check_bits(got[e]) != check_bits(want[e])) bad = e;
    CHECK_MSG(bad == count, "%s[%zu] = %a, the plain loop gives %a", what, bad,
              bad < count ? got[bad] : 0.0, bad < count ? want[bad] : 0.0);
}

/* Forward and all of backward against the plain loops at n×d -> m. */
static void affine_matches_loops(size_t n, size_t d, size_t m, unsigned seed)
{
    check_case("affine %zux%zu -> %zu against the plain loops", n, d, m);
    double *x = spread_matrix(n * d, &seed), *w = spread_matrix(d * m, &seed);
    double *b = spread_matrix(m, &seed), *dout = spread_matrix(n * m, &seed);
    double *got[4], *want[4];
    const size_t sizes[4] = {n * m, n * d, d * m, m};
    int ok = x && w && b && dout;
    for (int r = 0; r < 4; r++) {
        got[r] = malloc((sizes[r] ? sizes[r] : 1) * sizeof(double));
        want[r] = malloc((sizes[r] ? sizes[r] : 1) * sizeof(double));
        ok = ok && got[r] && want[r];
    }
    if (CHECK_MSG(ok, "out of memory")) {
        /* Outputs start as NaN: every entry must be written. */
        for (int r = 0; r < 4; r++)
            for (size_t e = 0; e < sizes[r]; e++) got[r][e] = NAN;
        bp_affine_forward(got[0], x, w, b, n, d, m);
        naive_forward(want[0], x, w, b, n, d, m);
        check_same_bits("out", got[0], want[0], sizes[0]);
        bp_affine_backward(got[1], got[2], got[3], x, w, dout, n, d, m);
        naive_backward(want[1], want[2], want[3], x, w, dout, n, d, m);
        check_same_bits("dx", got[1], want[1], sizes[1]);
        check_same_bits("dw", got[2], want[2], sizes[2]);
        check_same_bits("db", got[3], want[3], sizes[3]);
        bp_affine_forward(got[0], x, w, NULL, n, d, m);
        naive_forward(want[0], x, w, NULL, n, d, m);
        check_same_bits("out without b", got[0], want[0], sizes[0]);
    }
    free(x); free(w); free(b); free(dout);
    for (int r = 0; r < 4; r++) { free(got[r]); free(want[r]); }
    check_case(NULL);
}

/* The comparison above has teeth: for these data the order of additions
 * shows in the bits (a sum taken backwards differs in most entries). */
static void order_shows(void)
{
    unsigned seed = 99;
    enum { N = 40, D = 30 };
    double x[N * D], w[D];
    for (size_t e = 0; e < N * D; e++) x[e] = spread(&seed);
    for (size_t e = 0; e < D; e++) w[e] = spread(&seed);
    double out[N];
    bp_affine_forward(out, x, w, NULL, N, D, 1);
    int differ = 0;
    for (size_t i = 0; i < N; i++) {
        double s = 0.0;
        for (size_t k = D; k-- > 0;) s += x[i * D + k] * w[k];
        differ += s != out[i];
    }
    CHECK_MSG(differ >= N / 2, "only %d of %d sums changed when taken backwards", differ, N);
}

/* A multiply fused with its add would show: (1 + 2^-30)(1 - 2^-30) =
 * 1 - 2^-60 rounds to 1 as a product, so -1 + it is 0 exactly; an FMA
 * keeps the -2^-60. Every entry of out, dx and dw is that sum, over shapes
 * that fill whole tiles and leave edges. */
static void no_fused_multiply_add(size_t rows, size_t cols)
{
    check_case("no FMA, %zu x %zu", rows, cols);
    const double up = 1 + 0x1p-30, down = 1 - 0x1p-30;
    double *x = malloc(rows * 2 * sizeof *x), *w = malloc(2 * cols * sizeof *w);
    double *t = malloc(cols * 2 * sizeof *t), *out = malloc(rows * cols * sizeof *out);
    if (CHECK_MSG(x && w && t && out, "out of memory")) {
        for (size_t i = 0; i < rows; i++) x[i * 2] = -1, x[i * 2 + 1] = up;     /* rows×2 */
        for (size_t j = 0; j < cols; j++) w[j] = 1, w[cols + j] = down;         /* 2×cols */
        for (size_t j = 0; j < cols; j++) t[j * 2] = 1, t[j * 2 + 1] = down;    /* cols×2 */
        bp_affine_forward(out, x, w, NULL, rows, 2, cols);        /* out = x · w */
        size_t fused = 0;
        for (size_t e = 0; e < rows * cols; e++) fused += check_bits(out[e]) != 0;
        CHECK_MSG(fused == 0, "out: %zu of %zu entries are not +0 (first %a)", fused, rows * cols, out[0]);
        /* dx (rows×cols) = dout (rows×2) · wᵀ with w = t (cols×2). */
        bp_affine_backward(out, NULL, NULL, NULL, t, x, rows, cols, 2);
        fused = 0;
        for (size_t e = 0; e < rows * cols; e++) fused += check_bits(out[e]) != 0;
        CHECK_MSG(fused == 0, "dx: %zu of %zu entries are not +0 (first %a)", fused, rows * cols, out[0]);
        /* dw (rows×cols) = xᵀ · dout with x = the transpose of x above
         * (2×rows) and dout = w (2×cols). */
        double *xt = malloc(2 * rows * sizeof *xt);
        if (CHECK_MSG(xt != NULL, "out of memory")) {
            for (size_t i = 0; i < rows; i++) xt[i] = -1, xt[rows + i] = up;
            bp_affine_backward(NULL, out, NULL, xt, NULL, w, 2, rows, cols);
            fused = 0;
            for (size_t e = 0; e < rows * cols; e++) fused += check_bits(out[e]) != 0;
            CHECK_MSG(fused == 0, "dw: %zu of %zu entries are not +0 (first %a)", fused, rows * cols, out[0]);
        }
        free(xt);
    }
    free(x); free(w); free(t); free(out);
    check_case(NULL);
}

/* NaN and infinities at the edges of tiles (the last row and column, where
 * the kernels pad) stay where IEEE puts them and touch nothing else. */
static void affine_nonfinite_edges(void)
{
    enum { N = 9, D = 5, M = 11 };
    unsigned seed = 4242;
    double x[N * D], w[D * M], dout[N * M];
    for (size_t e = 0; e < N * D; e++) x[e] = noise(&seed);
    for (size_t e = 0; e < D * M; e++) w[e] = noise(&seed);
    for (size_t e = 0; e < N * M; e++) dout[e] = noise(&seed);
    x[(N - 1) * D + 2] = NAN;          /* the last row of x */
    w[1 * M + (M - 1)] = INFINITY;     /* the last column of w */
    dout[(N - 1) * M + (M - 1)] = -INFINITY;
    double out[N * M], want_out[N * M], dx[N * D], want_dx[N * D];
    double dw[D * M], want_dw[D * M], db[M], want_db[M];
    bp_affine_forward(out, x, w, NULL, N, D, M);
    naive_forward(want_out, x, w, NULL, N, D, M);
    CHECK_ARRAY_SAME_OR_BOTH_NAN(out, want_out, N * M);
    CHECK_NAN(out[(N - 1) * M]);                    /* the NaN's row */
    CHECK(isfinite(out[(N - 2) * M + (M - 2)]));    /* a neighbour */
    bp_affine_backward(dx, dw, db, x, w, dout, N, D, M);
    naive_backward(want_dx, want_dw, want_db, x, w, dout, N, D, M);
    CHECK_ARRAY_SAME_OR_BOTH_NAN(dx, want_dx, N * D);
    CHECK_ARRAY_SAME_OR_BOTH_NAN(dw, want_dw, D * M);
    CHECK_ARRAY_SAME_OR_BOTH_NAN(db, want_db, M);
    CHECK_SAME(db[M - 1], -INFINITY);
}

/* Softmax-with-Loss takes its exp from bp__exp_inplace: bp_exp's bits for
 * every input, and nothing written past n. */
static void exp_inplace_matches_bp_exp(void)
{
    enum { M = 20000 };
    double *x = malloc(M * sizeof *x), *y = malloc(M * sizeof *y), *want = malloc(M * sizeof *want);
    if (CHECK_MSG(x && y && want, "out of memory")) {
        const double specials[] = {0.0, -0.0, 1.0, -1.0, NAN, -NAN, INFINITY, -INFINITY, 709.78, 709.79,
                                   -707.0, -707.0000000000001, -745.1, -745.2, -746.0, -746.0000000000001,
                                   5e-324, -5e-324, DBL_MAX, -DBL_MAX};
        size_t n = 0;
        for (size_t i = 0; i < sizeof specials / sizeof specials[0]; i++) x[n++] = specials[i];
        for (int i = 0; i <= 6000; i++) x[n++] = -760.0 + 1480.0 * i / 6000;   /* every range */
        for (int i = 0; i <= 4000; i++) x[n++] = -747.0 + 41.0 * i / 4000;     /* subnormal results */
        unsigned seed = 777;
        while (n < M) {   /* any bits: every exponent, NaN payloads */
            uint64_t u = 0;
            for (int b = 0; b < 4; b++) u = u << 16 | (uint64_t)(noise(&seed) * 16383 + 32768);
            memcpy(&x[n++], &u, sizeof u);
        }
        for (size_t i = 0; i < n; i++) want[i] = bp_exp(x[i]);
        memcpy(y, x, n * sizeof *y);
        bp__exp_inplace(y, n);
        check_same_bits("exp", y, want, n);
        for (size_t len = 0; len <= 20; len++) {   /* vector tails */
            double io[21];
            for (size_t i = 0; i < 21; i++) io[i] = i < len ? x[5 + i] : -1.0;
            bp__exp_inplace(io, len);
            check_case("exp, length %zu", len);
            check_same_bits("exp", io, want + 5, len);
            CHECK_SAME(io[len], -1.0);
        }
        check_case(NULL);
    }
    free(x); free(y); free(want);
}

/* Parity: the native and WASM builds give the same bits. A digest of the
 * Affine products and of Softmax-with-Loss's y, dx and loss is pinned here;
 * both builds run this test, so each must reproduce it. */
static void parity_digest(void)
{
    uint64_t h = 0xcbf29ce484222325ULL;   /* FNV-1a over the result bits */
    const size_t shapes[][3] = {{17, 33, 5}, {100, 50, 10}, {9, 300, 17}};
    unsigned seed = 2024;
    for (size_t s = 0; s < 3; s++) {
        const size_t n = shapes[s][0], d = shapes[s][1], m = shapes[s][2];
        double *x = spread_matrix(n * d, &seed), *w = spread_matrix(d * m, &seed);
        double *b = spread_matrix(m, &seed), *dout = spread_matrix(n * m, &seed);
        double *out = malloc(n * m * sizeof *out), *dx = malloc(n * d * sizeof *dx);
        double *dw = malloc(d * m * sizeof *dw), *db = malloc(m * sizeof *db);
        if (CHECK_MSG(x && w && b && dout && out && dx && dw && db, "out of memory")) {
            bp_affine_forward(out, x, w, b, n, d, m);
            bp_affine_backward(dx, dw, db, x, w, dout, n, d, m);
            /* The scores of Softmax-with-Loss: out, labels from the seed. */
            int *index = malloc(n * sizeof *index);
            double *y = malloc(n * m * sizeof *y), *dy = malloc(n * m * sizeof *dy), loss = 0;
            if (CHECK_MSG(index && y && dy, "out of memory")) {
                for (size_t i = 0; i < n; i++) index[i] = (int)((i * 7 + s) % m);
                loss = bp_softmax_loss_forward(y, out, NULL, index, n, m);
                bp_softmax_loss_backward(dy, y, NULL, index, n, m);
            }
            const double *parts[] = {out, dx, dw, db, y, dy, &loss};
            const size_t sizes[] = {n * m, n * d, d * m, m, n * m, n * m, 1};
            for (size_t p = 0; p < 7; p++)
                for (size_t e = 0; parts[p] && e < sizes[p]; e++) {
                    const uint64_t v = check_bits(parts[p][e]);
                    for (int k = 0; k < 8; k++) {
                        h ^= (v >> (8 * k)) & 0xff;
                        h *= 0x100000001b3ULL;
                    }
                }
            free(index); free(y); free(dy);
        }
        free(x); free(w); free(b); free(dout); free(out); free(dx); free(dw); free(db);
    }
    printf("parity digest: %016llx\n", (unsigned long long)h);
    CHECK_MSG(h == PARITY_DIGEST, "parity digest %016llx, expected %016llx", (unsigned long long)h,
              (unsigned long long)PARITY_DIGEST);
}

int main(void)
{
    affine_by_hand();
    affine_nonfinite();
    softmax_reference_post();
    softmax_stable();
    softmax_nonfinite();
    /* The shapes: 1×1, 1×n, n×1 and 3×7. */
    const size_t shapes[][3] = {{1, 1, 1}, {1, 5, 3}, {5, 1, 2}, {3, 7, 4}};
    unsigned seed = 12345;
    for (size_t s = 0; s < 4; s++) {
        affine_numeric(shapes[s][0], shapes[s][1], shapes[s][2], seed++);
        softmax_numeric(shapes[s][0], shapes[s][1], seed++);
    }
    /* The products, bit for bit, with each kernel: the shapes, then
     * edges of the kernels' tiles (4 or 8 rows, 8 columns) and of their
     * chunks of steps (d for out, n for dw, m for dx; up to 256, shorter in
     * WebAssembly's packed driver the wider the result), its blocks of
     * columns (dx of 784 columns, and 6 × 200 in chunks of 60 steps), empty
     * dimensions, and the book's first layer (N = 100, 784 -> 50) once. */
    const size_t odd[][3] = {
        {1, 1, 1}, {1, 13, 1}, {13, 1, 1}, {1, 1, 13}, {3, 7, 4}, {17, 33, 5}, {8, 8, 8}, {16, 3, 16},
        {9, 300, 17}, {5, 257, 9}, {300, 3, 5}, {3, 5, 260}, {2, 1, 31}, {7, 2, 2}, {0, 3, 4}, {3, 0, 4},
        {3, 4, 0}, {6, 300, 200}, {100, 50, 10}, {100, 784, 50},
    };
    for (int k = 0; bp__matrix_kernel_name(k); k++) {
        if (!bp__matrix_use_kernel(k)) {
            printf("kernel %s: not run, this CPU lacks its instructions\n", bp__matrix_kernel_name(k));
            continue;
        }
        printf("kernel %s\n", bp__matrix_kernel_name(k));
        unsigned kseed = 777;
        for (size_t s = 0; s < sizeof odd / sizeof odd[0]; s++)
            affine_matches_loops(odd[s][0], odd[s][1], odd[s][2], kseed++);
        no_fused_multiply_add(16, 16);
        no_fused_multiply_add(13, 19);
        affine_nonfinite_edges();
        parity_digest();
    }
    CHECK(bp__matrix_use_kernel(-1));
    CHECK(!bp__matrix_use_kernel(1000));
    printf("kernel in use: %s\n", bp__matrix_kernel_name(-1));
    CHECK(bp__matrix_kernel_name(-1) != NULL && bp__matrix_kernel_name(1000) == NULL);
    order_shows();
    exp_inplace_matches_bp_exp();
    return check_summary("test_matrix");
}
