/*
 * test_matrix_check.c: the numeric checks of the layers' gradients
 * (bp_relu_check, bp_sigmoid_check, bp_affine_check, bp_softmax_loss_check).
 * At the shapes 1×1, 1×n, n×1 and 3×7: every record of a correct
 * gradient passes, with its numeric derivative equal to a central difference
 * taken here by running the layer's own forward on a perturbed copy; a
 * gradient with one wrong entry fails at exactly that record. Then the
 * records' layout, the graphs' step and relative error bit for bit, ReLU at
 * its kink, and NaN and ±∞ as the header says.
 */
#include <float.h>
#include <stdlib.h>
#include "check.h"

enum { MAXN = 64 };

/* What a correct gradient's record may be off by. Affine is linear, so only
 * rounding is left; the smooth layers add the truncation error h²|f'''|/6
 * with h ≈ 6e-6, about 1e-11 relative at these values. */
#define PASS 1e-8
/* A wrong entry is off by 1e-3 relative: far beyond PASS. */
#define WRONG 1e-3

/* A reproducible value in [-2, 2] (xorshift), never 0 (ReLU's kink). */
static double noise(unsigned *s)
{
    *s ^= *s << 13; *s ^= *s >> 17; *s ^= *s << 5;
    const double v = (*s % 40001u) / 10000.0 - 2.0;
    return v == 0 ? 0.5 : v;
}

static void fill(double *v, size_t n, unsigned *seed)
{
    for (size_t i = 0; i < n; i++) v[i] = noise(seed);
}

/* Records filled with a pattern no check writes, to see which were written. */
static const bp_check untouched = {-1234.5, -1234.5, -1234.5, -1234.5};
static void clear(bp_check *c, size_t n)
{
    for (size_t i = 0; i < n; i++) c[i] = untouched;
}
static int is_untouched(const bp_check *c)
{
    return c->numeric == untouched.numeric && c->analytic == untouched.analytic &&
           c->rel_error == untouched.rel_error && c->step == untouched.step;
}

static double worst; /* the largest rel_error of a correct gradient, for the log */

/* The record of entry v: its step is the graphs', its analytic the
 * gradient's, its numeric within PASS of the central difference `want`
 * computed by the caller, and it passes unless the gradient was made wrong. */
static void check_record(const bp_check *c, double v, double analytic, double want, int wrong)
{
    CHECK_SAME(c->step, cbrt(DBL_EPSILON) * fmax(1.0, fabs(v)));
    CHECK_SAME(c->analytic, analytic);
    CHECK_NEAR(c->numeric, want, PASS);
    if (wrong) {
        CHECK_LT(1e-4, c->rel_error);
    } else {
        CHECK_LE(c->rel_error, PASS);
        if (c->rel_error > worst) worst = c->rel_error;
    }
}

/* -------------------------------------------------- the four layers */

/* One entry of `grad` made wrong, or none (which = -1). */
static void spoil(double *grad, size_t n, long which)
{
    if (which >= 0 && (size_t)which < n) grad[which] += WRONG * (1 + fabs(grad[which]));
}

/* ReLU and Sigmoid over n values, with entry `wrong` of dx spoiled. */
static void elementwise(int sigmoid, size_t n, unsigned seed, long wrong)
{
    double x[MAXN], dout[MAXN], out[MAXN], dx[MAXN], moved[MAXN];
    unsigned char mask[MAXN];
    bp_check checks[MAXN + 1];
    fill(x, n, &seed);
    fill(dout, n, &seed);
    if (sigmoid) {
        bp_sigmoid_forward(out, x, n);
        bp_sigmoid_backward(dx, out, dout, n);
    } else {
        bp_relu_forward(out, mask, x, n);
        bp_relu_backward(dx, mask, dout, n);
    }
    spoil(dx, n, wrong);
    clear(checks, n + 1);
    (sigmoid ? bp_sigmoid_check : bp_relu_check)(checks, x, dout, dx, n);
    for (size_t e = 0; e < n; e++) {
        check_case("%s over %zu values, x[%zu]%s", sigmoid ? "sigmoid" : "relu", n, e,
                   (long)e == wrong ? " (wrong)" : "");
        /* The layer's own forward on a copy with x[e] moved by ±h. */
        const double h = cbrt(DBL_EPSILON) * fmax(1.0, fabs(x[e]));
        double l[2];
        for (int side = 0; side < 2; side++) {
            for (size_t i = 0; i < n; i++) moved[i] = x[i];
            moved[e] = side ? x[e] - h : x[e] + h;
            if (sigmoid) bp_sigmoid_forward(out, moved, n);
            else bp_relu_forward(out, mask, moved, n);
            l[side] = 0;
            for (size_t i = 0; i < n; i++) l[side] += out[i] * dout[i];
        }
        check_record(&checks[e], x[e], dx[e], (l[0] - l[1]) / ((x[e] + h) - (x[e] - h)), (long)e == wrong);
    }
    check_case(NULL);
    CHECK(is_untouched(&checks[n]));
}

/* Affine n×d → m (b NULL if !bias), with entry `wrong` of the records
 * (x's, then w's, then b's) spoiled in its gradient. */
static void affine(size_t n, size_t d, size_t m, int bias, unsigned seed, long wrong)
{
    double x[MAXN], w[MAXN], b[MAXN], dout[MAXN], out[MAXN], dx[MAXN], dw[MAXN], db[MAXN];
    bp_check checks[3 * MAXN + 1];
    fill(x, n * d, &seed);
    fill(w, d * m, &seed);
    fill(b, m, &seed);
    fill(dout, n * m, &seed);
    const double *bp = bias ? b : NULL;
    bp_affine_backward(dx, dw, db, x, w, dout, n, d, m);
    spoil(dx, n * d, wrong);
    spoil(dw, d * m, wrong - (long)(n * d));
    spoil(db, m, wrong - (long)(n * d + d * m));
    const size_t count = n * d + d * m + (bias ? m : 0);
    clear(checks, count + 1);
    bp_affine_check(checks, x, w, bp, dout, dx, dw, db, n, d, m);

    double *inputs[] = {x, w, b}, *grads[] = {dx, dw, db};
    const size_t sizes[] = {n * d, d * m, bias ? m : 0};
    const char *names[] = {"x", "w", "b"};
    size_t r = 0;
    for (int which = 0; which < 3; which++) {
        for (size_t e = 0; e < sizes[which]; e++, r++) {
            check_case("affine %zux%zu -> %zu%s, %s[%zu]%s", n, d, m, bias ? "" : " (no b)", names[which], e,
                       (long)r == wrong ? " (wrong)" : "");
            double *v = &inputs[which][e];
            const double keep = *v, h = cbrt(DBL_EPSILON) * fmax(1.0, fabs(keep));
            double l[2];
            for (int side = 0; side < 2; side++) {
                *v = side ? keep - h : keep + h;
                bp_affine_forward(out, x, w, bp, n, d, m);
                l[side] = 0;
                for (size_t i = 0; i < n * m; i++) l[side] += out[i] * dout[i];
            }
            *v = keep;
            check_record(&checks[r], keep, grads[which][e], (l[0] - l[1]) / ((keep + h) - (keep - h)),
                         (long)r == wrong);
        }
    }
    check_case(NULL);
    CHECK(is_untouched(&checks[count]));
}

/* Softmax-with-Loss n×k, labels one-hot (t) or as indices, with entry
 * `wrong` of dx spoiled. */
static void softmax_loss(size_t n, size_t k, int one_hot, unsigned seed, long wrong)
{
    double x[MAXN], t[MAXN] = {0}, y[MAXN], dx[MAXN];
    int index[MAXN] = {0};
    bp_check checks[MAXN + 1];
    fill(x, n * k, &seed);
    for (size_t i = 0; i < n; i++) {
        index[i] = (int)((seed = seed * 1103515245u + 12345u) >> 16) % (int)k;
        t[i * k + (size_t)index[i]] = 1;
    }
    const double *tp = one_hot ? t : NULL;
    const int *ip = one_hot ? NULL : index;
    bp_softmax_loss_forward(y, x, tp, ip, n, k);
    bp_softmax_loss_backward(dx, y, tp, ip, n, k);
    spoil(dx, n * k, wrong);
    clear(checks, n * k + 1);
    bp_softmax_loss_check(checks, x, tp, ip, dx, n, k);
    for (size_t e = 0; e < n * k; e++) {
        check_case("softmax-loss %zux%zu (%s), x[%zu]%s", n, k, one_hot ? "one-hot" : "indices", e,
                   (long)e == wrong ? " (wrong)" : "");
        const double keep = x[e], h = cbrt(DBL_EPSILON) * fmax(1.0, fabs(keep));
        x[e] = keep + h;
        const double lp = bp_softmax_loss_forward(y, x, tp, ip, n, k);
        x[e] = keep - h;
        const double lm = bp_softmax_loss_forward(y, x, tp, ip, n, k);
        x[e] = keep;
        /* The loss is near 1 while its change is near h y: the forward's
         * difference keeps only about 11 digits, so compare to 1e-8 of the
         * derivative plus what the loss's own rounding can move. */
        const double want = (lp - lm) / ((keep + h) - (keep - h));
        const bp_check *c = &checks[e];
        CHECK_LE(fabs(c->numeric - want), PASS * fabs(want) + 4 * DBL_EPSILON * (fabs(lp) + 1) / (2 * h));
        CHECK_SAME(c->step, h);
        CHECK_SAME(c->analytic, dx[e]);
        if ((long)e == wrong) {
            CHECK_LT(1e-4, c->rel_error);
        } else {
            CHECK_LE(c->rel_error, PASS);
            if (c->rel_error > worst) worst = c->rel_error;
        }
    }
    check_case(NULL);
    CHECK(is_untouched(&checks[n * k]));
}

static void shapes(void)
{
    /* The shapes: 1×1, 1×n, n×1 and 3×7 (affine: x n×d, m outputs). */
    const size_t sizes[][3] = {{1, 1, 1}, {1, 6, 3}, {6, 1, 2}, {3, 7, 2}};
    unsigned seed = 2024;
    for (size_t s = 0; s < 4; s++) {
        const size_t n = sizes[s][0], d = sizes[s][1], m = sizes[s][2];
        for (int sigmoid = 0; sigmoid < 2; sigmoid++) {
            elementwise(sigmoid, n * d, seed++, -1);
            elementwise(sigmoid, n * d, seed++, (long)(n * d / 2));
        }
        for (int bias = 0; bias < 2; bias++) {
            const long records = (long)(n * d + d * m + (bias ? m : 0));
            affine(n, d, m, bias, seed++, -1);
            /* A wrong entry in dx, in dw, and in db. */
            affine(n, d, m, bias, seed++, 0);
            affine(n, d, m, bias, seed++, (long)(n * d + d * m / 2));
            if (bias) affine(n, d, m, bias, seed++, records - 1);
        }
        for (int one_hot = 0; one_hot < 2; one_hot++) {
            softmax_loss(n, d, one_hot, seed++, -1);
            softmax_loss(n, d, one_hot, seed++, (long)(n * d - 1));
        }
    }
}

/* --------------------------------------------------- exact values */

/* The check of a layer and of the graph of the same function agree bit for
 * bit: one step rule, one relative error (internal.h). */
static void same_as_graphs(void)
{
    const double xs[] = {0.75, -2, 3.5, 1e-3, 40};
    const double dout = -1.5;
    for (int sigmoid = 0; sigmoid < 2; sigmoid++) {
        bp_graph *g = bp_graph_new();
        CHECK(g != NULL);
        if (!g) return;
        CHECK_OK(bp_graph_builtin(g, sigmoid ? "sigmoid" : "relu"));
        for (size_t i = 0; i < sizeof xs / sizeof xs[0]; i++) {
            check_case("%s at %g", sigmoid ? "sigmoid" : "relu", xs[i]);
            bp_check graph, layer;
            CHECK_OK(bp_graph_set(g, "x", xs[i]));
            CHECK_OK(bp_graph_check(g, "x", dout, &graph));
            /* The graph's own gradient as the analytic one: the layer's
             * backward multiplies in another order (and gives +0 for -0). */
            (sigmoid ? bp_sigmoid_check : bp_relu_check)(&layer, &xs[i], &dout, &graph.analytic, 1);
            CHECK_BITS(layer.numeric, graph.numeric);
            CHECK_BITS(layer.analytic, graph.analytic);
            CHECK_BITS(layer.rel_error, graph.rel_error);
            CHECK_BITS(layer.step, graph.step);
        }
        check_case(NULL);
        bp_graph_free(g);
    }
}

static void by_hand(void)
{
    const double h1 = cbrt(DBL_EPSILON); /* the step at |v| <= 1 */
    /* ReLU at its kink: (relu(h) - relu(-h)) / 2h = 1/2 exactly, times dout;
     * the backward gives 0 (the mask is x <= 0): rel_error 1, a failure. */
    const double kink[] = {0.0, -0.0}, dout[] = {3, 3}, zero[] = {0, 0};
    bp_check c[2];
    bp_relu_check(c, kink, dout, zero, 2);
    for (int i = 0; i < 2; i++) {
        CHECK_SAME(c[i].numeric, 1.5);
        CHECK_SAME(c[i].analytic, 0.0);
        CHECK_SAME(c[i].rel_error, 1.0);
        CHECK_SAME(c[i].step, h1);
    }
    /* Away from it both sides are exact: numeric = dout or 0. Both 0 gives
     * rel_error 0, not 0/0. */
    const double away[] = {2, -1}, dx[] = {3, 0};
    bp_relu_check(c, away, dout, dx, 2);
    CHECK_SAME(c[0].numeric, 3.0);
    CHECK_SAME(c[0].rel_error, 0.0);
    CHECK_SAME(c[0].step, 2 * h1);
    CHECK_SAME(c[1].numeric, 0.0);
    CHECK_SAME(c[1].rel_error, 0.0);

    /* Affine 1×1 → 1, out = x w + b with x = 2, w = 3, b = 1 and dout = 2:
     * dL/dx = 6, dL/dw = 4, dL/db = 2; given wrong (7, 4, 2), x's record has
     * rel_error 1/7. */
    const double x = 2, w = 3, b = 1, g = 2, wrong_dx = 7, dw = 4, db = 2;
    bp_check a[3];
    bp_affine_check(a, &x, &w, &b, &g, &wrong_dx, &dw, &db, 1, 1, 1);
    CHECK_NEAR(a[0].numeric, 6, 1e-10);
    CHECK_NEAR(a[0].rel_error, 1.0 / 7, 1e-9);
    CHECK_NEAR(a[1].numeric, 4, 1e-10);
    CHECK_NEAR(a[2].numeric, 2, 1e-10);
    CHECK_SAME(a[0].step, 2 * h1);
    CHECK_SAME(a[1].step, 3 * h1);
    CHECK_SAME(a[2].step, h1);

    /* The book's Softmax-with-Loss example: dx = y - t for one row. */
    const double sx[] = {0.3, 2.9, 4.0}, t[] = {0, 0, 1};
    const double s = exp(0.3) + exp(2.9) + exp(4.0);
    const double sdx[] = {exp(0.3) / s, exp(2.9) / s, exp(4.0) / s - 1};
    bp_check sc[3];
    bp_softmax_loss_check(sc, sx, t, NULL, sdx, 1, 3);
    for (int j = 0; j < 3; j++) CHECK_LE(sc[j].rel_error, PASS);
    CHECK_NEAR(sc[2].numeric, -0.2634031, 1e-6);
    /* One class: y = 1 whatever x is, the loss is 0 and so is dx. */
    const double one = 5, one_t = 1, one_dx = 0;
    bp_softmax_loss_check(sc, &one, &one_t, NULL, &one_dx, 1, 1);
    CHECK_SAME(sc[0].numeric, 0.0);
    CHECK_SAME(sc[0].rel_error, 0.0);
    /* A tiny share of the row: y = e^-30 / (1 + e^-30) ≈ 9.4e-14 keeps its
     * digits in the check (a difference of two losses near 30 would not). */
    const double far[] = {0, -30}, first[] = {1, 0};
    const double tiny = exp(-30) / (1 + exp(-30));
    const double far_dx[] = {tiny - 1 + 0.0, tiny}; /* (y - t) / 1 */
    bp_softmax_loss_check(sc, far, first, NULL, far_dx, 1, 2);
    CHECK_NEAR(sc[1].numeric, tiny, 1e-8);
    CHECK_LE(sc[1].rel_error, PASS);
}

/* ------------------------------------------------------ NaN and ±∞ */

static void nonfinite(void)
{
    const double dout[] = {1, 1, 1, 1}, xs[] = {NAN, INFINITY, -INFINITY, 1};
    double out[4], dx[4];
    unsigned char mask[4];
    bp_check c[4];
    for (int sigmoid = 0; sigmoid < 2; sigmoid++) {
        if (sigmoid) {
            bp_sigmoid_forward(out, xs, 4);
            bp_sigmoid_backward(dx, out, dout, 4);
            bp_sigmoid_check(c, xs, dout, dx, 4);
        } else {
            bp_relu_forward(out, mask, xs, 4);
            bp_relu_backward(dx, mask, dout, 4);
            bp_relu_check(c, xs, dout, dx, 4);
        }
        /* The entry itself NaN or ±∞: numeric NaN, rel_error NaN; the
         * finite entry beside them is checked as usual. */
        for (int i = 0; i < 3; i++) {
            check_case("%s at %g", sigmoid ? "sigmoid" : "relu", xs[i]);
            CHECK_NAN(c[i].numeric);
            CHECK_NAN(c[i].rel_error);
        }
        check_case(NULL);
        CHECK_LE(c[3].rel_error, PASS);
    }

    /* Affine x 2×2 (x[0][1] = ∞), w 2×3, b 3: out's row 0 is ∞, so x's row
     * 0 and every w and b entry (each column has an ∞ in row 0) are NaN;
     * x's row 1 is checked as usual. */
    const double x[] = {1, INFINITY, -0.5, 2}, w[] = {1, -2, 0.5, 3, 1, -1}, b[] = {0.5, 0, -1};
    const double g[] = {1, 2, -1, 0.5, -1, 2};
    double adx[4], adw[6], adb[3];
    bp_check a[4 + 6 + 3];
    bp_affine_backward(adx, adw, adb, x, w, g, 2, 2, 3);
    bp_affine_check(a, x, w, b, g, adx, adw, adb, 2, 2, 3);
    for (int r = 0; r < 13; r++) {
        check_case("affine with x[0][1] = inf, record %d", r);
        if (r == 2 || r == 3) {
            CHECK_LE(a[r].rel_error, PASS);
        } else {
            CHECK_NAN(a[r].numeric);
            CHECK_NAN(a[r].rel_error);
        }
    }
    /* A NaN in b: column 2 of out is NaN, so every x entry (each row moves
     * column 2) and w[.][2], b[2] are NaN; w[.][0..1], b[0..1] pass. */
    const double xf[] = {1, 0.25, -0.5, 2}, bn[] = {0.5, 0, NAN};
    bp_affine_backward(adx, adw, adb, xf, w, g, 2, 2, 3);
    bp_affine_check(a, xf, w, bn, g, adx, adw, adb, 2, 2, 3);
    for (int r = 0; r < 13; r++) {
        check_case("affine with b[2] = NaN, record %d", r);
        const int column2 = r < 4 || r == 6 || r == 9 || r == 12;
        if (column2) {
            CHECK_NAN(a[r].numeric);
        } else {
            CHECK_LE(a[r].rel_error, PASS);
        }
    }
    check_case(NULL);

    /* Softmax-with-Loss over 4 rows of 3, labels by index:
     *   row 0 holds NaN: every entry NaN;
     *   row 1 holds +∞: every entry NaN;
     *   row 2 holds -∞ off its label (class 0): the -∞ entry is NaN, the
     *         others are checked as usual (y of the -∞ class is 0);
     *   row 3 has its label on -∞: loss +∞, every entry NaN. */
    const double sx[] = {NAN, 1, 2, INFINITY, 1, 2, 0.5, -INFINITY, 1, -INFINITY, 1, 2};
    const int label[] = {1, 0, 0, 0};
    double y[12], sdx[12];
    bp_check s[12];
    bp_softmax_loss_forward(y, sx, NULL, label, 4, 3);
    bp_softmax_loss_backward(sdx, y, NULL, label, 4, 3);
    bp_softmax_loss_check(s, sx, NULL, label, sdx, 4, 3);
    for (int r = 0; r < 12; r++) {
        check_case("softmax-loss with NaN and infinities, x[%d][%d]", r / 3, r % 3);
        if (r == 6 || r == 8) {
            CHECK_LE(s[r].rel_error, PASS);
        } else {
            CHECK_NAN(s[r].numeric);
            CHECK_NAN(s[r].rel_error);
        }
    }
    check_case(NULL);
    /* Row 2 by hand: y = (e^0.5, 0, e) / (e^0.5 + e), dx = (y - t) / 4. */
    const double z = exp(0.5) + exp(1.0);
    CHECK_NEAR(s[6].numeric, (exp(0.5) / z - 1) / 4, 1e-8);
    CHECK_NEAR(s[8].numeric, exp(1.0) / z / 4, 1e-8);
}

/* Rows far apart in scale: the check needs no common maximum. x = 2e8 next
 * to zeros steps by h = 1211: the perturbed entry still dominates its row. */
static void large_values(void)
{
    const double x[] = {2e8, 0, 0}, t[] = {1, 0, 0};
    double y[3], dx[3];
    bp_check c[3];
    bp_softmax_loss_forward(y, x, t, NULL, 1, 3);
    bp_softmax_loss_backward(dx, y, t, NULL, 1, 3);
    bp_softmax_loss_check(c, x, t, NULL, dx, 1, 3);
    CHECK_SAME(dx[0], 0.0);
    CHECK_SAME(c[0].numeric, 0.0); /* lse(v) = v exactly: the label's change cancels */
    CHECK_SAME(c[0].rel_error, 0.0);
    CHECK_SAME(c[1].numeric, 0.0); /* e^-2e8: nothing */
}

int main(void)
{
    shapes();
    same_as_graphs();
    by_hand();
    nonfinite();
    large_values();
    printf("test_matrix_check: worst rel_error of a correct gradient %.3g (bound %g)\n", worst, PASS);
    return check_summary("test_matrix_check");
}
