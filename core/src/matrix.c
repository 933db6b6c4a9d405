/* matrix.c: the layers of a network over row-major matrices (the reference
 * book's Affine and SoftmaxWithLoss), in the same form as layers.c's:
 * caller-owned buffers, output first, no allocation, no failure. */
#include <math.h>
#include <string.h>
#include "backprop.h"

void bp_affine_forward(double *out, const double *x, const double *w, const double *b,
                       size_t n, size_t d, size_t m)
{
    for (size_t i = 0; i < n; i++) {
        double *row = out + i * m;
        for (size_t j = 0; j < m; j++) row[j] = b ? b[j] : 0.0;
        /* i-k-j order: the inner loop runs along a row of w and of out. */
        for (size_t k = 0; k < d; k++) {
            const double xik = x[i * d + k];
            const double *wk = w + k * m;
            for (size_t j = 0; j < m; j++) row[j] += xik * wk[j];
        }
    }
}

void bp_affine_backward(double *dx, double *dw, double *db, const double *x, const double *w,
                        const double *dout, size_t n, size_t d, size_t m)
{
    if (dx) {
        for (size_t i = 0; i < n; i++) {
            const double *g = dout + i * m;
            for (size_t k = 0; k < d; k++) {
                const double *wk = w + k * m;
                double s = 0.0;
                for (size_t j = 0; j < m; j++) s += g[j] * wk[j];
                dx[i * d + k] = s;
            }
        }
    }
    if (dw) {
        if (d != 0 && m != 0) memset(dw, 0, d * m * sizeof *dw);
        for (size_t i = 0; i < n; i++) {
            const double *g = dout + i * m;
            for (size_t k = 0; k < d; k++) {
                const double xik = x[i * d + k];
                double *dwk = dw + k * m;
                for (size_t j = 0; j < m; j++) dwk[j] += xik * g[j];
            }
        }
    }
    if (db) {
        for (size_t j = 0; j < m; j++) db[j] = 0.0;
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < m; j++) db[j] += dout[i * m + j];
    }
}

/* The label weight of class j in row i: a one-hot (or any) row of t, or 1
 * for the index t_index[i]. */
static double label(const double *t, const int *t_index, size_t i, size_t j, size_t k)
{
    if (t) return t[i * k + j];
    return t_index && (size_t)t_index[i] == j ? 1.0 : 0.0;
}

double bp_softmax_loss_forward(double *y, const double *x, const double *t, const int *t_index,
                               size_t n, size_t k)
{
    if (n == 0 || k == 0) return 0.0;
    double loss = 0.0;
    for (size_t i = 0; i < n; i++) {
        const double *row = x + i * k;
        double *yr = y + i * k;
        double top = -INFINITY;
        for (size_t j = 0; j < k; j++) top = row[j] > top || isnan(row[j]) ? row[j] : top;
        double sum = 0.0;
        for (size_t j = 0; j < k; j++) sum += (yr[j] = bp_exp(row[j] - top));
        const double log_sum = log(sum);
        for (size_t j = 0; j < k; j++) yr[j] /= sum;
        /* -sum_j t_j log y_j with log y_j = x_j - top - log(sum): exact where
         * y_j underflows to 0, and a zero weight adds nothing (not 0 * inf). */
        for (size_t j = 0; j < k; j++) {
            const double tj = label(t, t_index, i, j, k);
            if (tj != 0.0) loss -= tj * (row[j] - top - log_sum);
        }
    }
    return loss / (double)n;
}

void bp_softmax_loss_backward(double *dx, const double *y, const double *t, const int *t_index,
                              size_t n, size_t k)
{
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < k; j++)
            dx[i * k + j] = (y[i * k + j] - label(t, t_index, i, j, k)) / (double)n;
}
