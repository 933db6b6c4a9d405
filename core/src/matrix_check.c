/* matrix_check.c: central-difference checks of the array and matrix layers'
 * gradients, one record per entry of every input, with the graphs' step and
 * relative error (internal.h). No allocation: while a check is built up, its
 * own records hold the running sums (and, for Softmax-with-Loss, each row's
 * suffix log-sum-exps), so the cost stays that of a few forward passes.
 *
 * L(v + h) - L(v - h) is taken over the outputs the entry moves, and of each
 * output only the part that moves: the terms an entry does not touch are the
 * same in both evaluations and cancel exactly, so they are left out rather
 * than added and subtracted again (which would leave their rounding, about
 * 1e-11 of them after the division by 2h, where the derivative may be 0). */
#include <math.h>
#include "internal.h"

/* The perturbed values v ± h of an entry whose step is h (as c->step). */
static double above(const bp_check *c, double v) { return v + c->step; }
static double below(const bp_check *c, double v) { return v - c->step; }

/* Ready a record to collect the sum of dout ⊙ (out(v + h) - out(v - h)). */
static void begin(bp_check *c, double v)
{
    c->step = bp__check_step(v);
    c->numeric = 0.0;
}

/* The record from its collected sum: divided by the step actually taken. */
static void finish(bp_check *c, double v, double analytic)
{
    c->numeric /= above(c, v) - below(c, v);
    bp__check_compare(c, analytic);
}

/* -------------------------------------------------------- elementwise */

/* As bp_relu_forward: the mask is v <= 0, so NaN passes through. */
static double relu(double v) { return v <= 0 ? 0.0 : v; }

static void elementwise_check(bp_check *checks, double (*f)(double), const double *x, const double *dout,
                              const double *dx, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        bp_check *c = &checks[i];
        begin(c, x[i]);
        const double vp = above(c, x[i]), vm = below(c, x[i]);
        /* In the graphs' order (graph.c), so that both give the same bits. */
        c->numeric = dout[i] * ((f(vp) - f(vm)) / (vp - vm));
        bp__check_compare(c, dx[i]);
    }
}

void bp_relu_check(bp_check *checks, const double *x, const double *dout, const double *dx, size_t n)
{
    elementwise_check(checks, relu, x, dout, dx, n);
}

void bp_sigmoid_check(bp_check *checks, const double *x, const double *dout, const double *dx, size_t n)
{
    elementwise_check(checks, bp_sigmoid, x, dout, dx, n);
}

/* ------------------------------------------------------------- affine */

void bp_affine_check(bp_check *checks, const double *x, const double *w, const double *b, const double *dout,
                     const double *dx, const double *dw, const double *db, size_t n, size_t d, size_t m)
{
    bp_check *cx = checks, *cw = checks + n * d, *cb = checks + n * d + d * m;
    for (size_t e = 0; e < n * d; e++) begin(&cx[e], x[e]);
    for (size_t e = 0; e < d * m; e++) begin(&cw[e], w[e]);
    for (size_t k = 0; b && k < m; k++) begin(&cb[k], b[k]);
    /* out[i][k] = sum_j x[i][j] w[j][k] + b[k]: x[i][j] moves row i by its
     * term x[i][j] w[j][k]; w[j][k] and b[k] move column k. */
    for (size_t i = 0; i < n; i++) {
        const double *xi = x + i * d;
        for (size_t k = 0; k < m; k++) {
            const double g = dout[i * m + k];
            double out = b ? b[k] : 0.0;
            for (size_t j = 0; j < d; j++) out += xi[j] * w[j * m + k];
            /* An output that is not finite has no difference (inf - inf). */
            const double live = isfinite(out) ? 1.0 : NAN;
            for (size_t j = 0; j < d; j++) {
                const double wjk = w[j * m + k];
                bp_check *c = &cx[i * d + j];
                c->numeric += live * g * (above(c, xi[j]) * wjk - below(c, xi[j]) * wjk);
                c = &cw[j * m + k];
                c->numeric += live * g * (xi[j] * above(c, wjk) - xi[j] * below(c, wjk));
            }
            if (b) cb[k].numeric += live * g * (above(&cb[k], b[k]) - below(&cb[k], b[k]));
        }
    }
    for (size_t e = 0; e < n * d; e++) finish(&cx[e], x[e], dx[e]);
    for (size_t e = 0; e < d * m; e++) finish(&cw[e], w[e], dw[e]);
    for (size_t k = 0; b && k < m; k++) finish(&cb[k], b[k], db[k]);
}

/* ---------------------------------------------------- softmax with loss */

/* log(e^a + e^b) without overflow; -inf for two -infs, NaN if either is NaN. */
static double log_add_exp(double a, double b)
{
    if (isnan(a) || isnan(b)) return NAN;
    const double hi = a > b ? a : b, lo = a > b ? b : a;
    if (hi == -INFINITY || hi == INFINITY) return hi;
    return hi + log1p(bp_exp(lo - hi));
}

/* log(1 + e^z), accurate where it is tiny. */
static double softplus(double z)
{
    return z > 0 ? z + log1p(bp_exp(-z)) : log1p(bp_exp(z));
}

/* lse(a) - lse(b), where lse(v) is the log-sum-exp of a row whose other
 * entries' log-sum-exp is `others`: lse(v) = others + softplus(v - others).
 * Taken as a difference of softpluses, it keeps its digits when the entry's
 * share of the row is tiny (a difference of two lse's would lose them). */
static double lse_change(double others, double a, double b)
{
    if (others == -INFINITY) return a - b; /* no other class: lse(v) = v */
    if (!(others < INFINITY)) return NAN;  /* NaN or +inf in the row: y is NaN */
    return softplus(a - others) - softplus(b - others);
}

/* The label weight of class j in row i, as bp_softmax_loss_forward reads it. */
static double label(const double *t, const int *t_index, size_t i, size_t j, size_t k)
{
    if (t) return t[i * k + j];
    return t_index && (size_t)t_index[i] == j ? 1.0 : 0.0;
}

void bp_softmax_loss_check(bp_check *checks, const double *x, const double *t, const int *t_index,
                           const double *dx, size_t n, size_t k)
{
    /* Row i's loss is sum_j t[j] (lse(x) - x[j]) = T lse(x) - sum_j t[j] x[j],
     * T the row's label weights' sum; the loss is the mean over rows. */
    for (size_t i = 0; i < n; i++) {
        const double *row = x + i * k;
        bp_check *c = checks + i * k;
        double weight = 0.0;
        int infinite_loss = 0; /* a label on a -inf entry: this row's loss is +inf */
        for (size_t j = 0; j < k; j++) {
            const double tj = label(t, t_index, i, j, k);
            weight += tj;
            infinite_loss |= tj != 0.0 && row[j] == -INFINITY;
        }
        /* The log-sum-exp of entries j..k-1, kept in c[j].rel_error until
         * entry j is done: entry j needs those of the entries before it (the
         * running `before`) and after it. */
        double after = -INFINITY;
        for (size_t j = k; j-- > 0;) c[j].rel_error = after = log_add_exp(row[j], after);
        double before = -INFINITY;
        for (size_t j = 0; j < k; j++) {
            const double others = log_add_exp(before, j + 1 < k ? c[j + 1].rel_error : -INFINITY);
            const double tj = label(t, t_index, i, j, k);
            begin(&c[j], row[j]);
            const double vp = above(&c[j], row[j]), vm = below(&c[j], row[j]);
            const double change = weight * lse_change(others, vp, vm) - (tj != 0.0 ? tj * (vp - vm) : 0.0);
            c[j].numeric = infinite_loss ? NAN : change / (double)n;
            before = log_add_exp(before, row[j]);
            finish(&c[j], row[j], dx[i * k + j]);
        }
    }
}
