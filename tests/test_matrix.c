/*
 * test_matrix.c: the Affine and Softmax-with-Loss layers over row-major
 * matrices, against hand-derived values, the reference post's numbers, a
 * softmax computed here with the C library's exp, and central differences
 * of every input entry; NaN and the infinities as IEEE arithmetic gives them.
 */
#include <float.h>
#include "check.h"

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
    return check_summary("test_matrix");
}
