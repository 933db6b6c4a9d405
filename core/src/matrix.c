/*
 * matrix.c: the layers of a network over row-major matrices (the reference
 * book's Affine and SoftmaxWithLoss), in the same form as layers.c's:
 * caller-owned buffers, output first, no allocation, no failure.
 *
 * The order of additions is part of the contract. Every entry of every
 * matrix product here is one sum, taken in this order and no other:
 *
 *   out[i][j] = b[j] (0 with no b)   + x[i][0]·w[0][j]    + x[i][1]·w[1][j]    + ...  (over k)
 *   dx[i][k]  = 0                    + dout[i][0]·w[k][0] + dout[i][1]·w[k][1] + ...  (over j)
 *   dw[k][j]  = 0                    + x[0][k]·dout[0][j] + x[1][k]·dout[1][j] + ...  (over i)
 *   db[j]     = 0                    + dout[0][j]         + dout[1][j]         + ...  (over i)
 *
 * added left to right, each product rounded to a double before it is added:
 * the plain triple loop, which tests/test_matrix.c compares with every
 * kernel bit for bit. The speed comes from computing many such sums at once
 * (matrix_product.c: a tile of outputs in vector registers, one sum per
 * lane), never from reassociating one of them. And no multiply is fused with
 * its add: gcc contracts `acc + a * b` into an FMA by default wherever the
 * target has one (the AVX-512 kernel's does), clang within one expression;
 * the build passes -ffp-contract=off to gcc, clang and Emscripten alike,
 * pragmas hold both files to it whatever the flags, and each product is a
 * statement of its own besides. WebAssembly's SIMD128 has no FMA. So the native
 * kernels (AVX-512, AVX2, SSE2) and WebAssembly's give the same bits.
 */
#include <math.h>
#include "internal.h"

/* The build says -ffp-contract=off; this file holds to it under any flags. */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif

void bp_affine_forward(double *out, const double *x, const double *w, const double *b,
                       size_t n, size_t d, size_t m)
{
    /* out (n×m) = x (n×d) · w (d×m), starting from b */
    bp__matrix_product(out, m, n, m, d, x, d, 1, w, m, 1, b);
}

void bp_affine_backward(double *dx, double *dw, double *db, const double *x, const double *w,
                        const double *dout, size_t n, size_t d, size_t m)
{
    if (dx)   /* dx (n×d) = dout (n×m) · wᵀ: B's entry (j, k) is w[k][j] */
        bp__matrix_product(dx, d, n, d, m, dout, m, 1, w, 1, m, NULL);
    if (dw)   /* dw (d×m) = xᵀ: A's entry (k, i) is x[i][k] */
        bp__matrix_product(dw, m, d, m, n, x, 1, d, dout, m, 1, NULL);
    if (db) {
        for (size_t j = 0; j < m; j++) db[j] = 0.0;
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < m; j++) db[j] += dout[i * m + j];
    }
}

/* ---------------------------------------------------- Softmax-with-Loss */

/* The WebAssembly build compiles this file for size (-Oz), and at -Oz clang
 * vectorises no loop whose length is not known to be a multiple of the
 * vector's. The element-wise loops below, the ones that show in the time
 * (twice as slow without), take two doubles at a time there by hand, then
 * the rest one by one: each lane is the same IEEE operation on one entry, so
 * the same bits. Native builds (-O3) vectorise the plain loops themselves. */
#if defined(__wasm_simd128__)
typedef double pair __attribute__((vector_size(2 * sizeof(double)), aligned(sizeof(double)), may_alias));
#define PAIR(p) (*(pair *)(p))
#define CPAIR(p) (*(const pair *)(p))
#define SPLAT(s) ((pair){(s), (s)})
#define PAIRS(e, count) for (; (e) + 2 <= (count); (e) += 2)
#else
#define PAIRS(e, count) if (0)
#define PAIR(p) (*(p))
#define CPAIR(p) (*(p))
#define SPLAT(s) (s)
#endif

/* The label weight of class j in row i: a one-hot (or any) row of t, or 1
 * for the index t_index[i]. */
static double label(const double *t, const int *t_index, size_t i, size_t j, size_t k)
{
    if (t) return t[i * k + j];
    return t_index && (size_t)t_index[i] == j ? 1.0 : 0.0;
}

/* The largest entry of a row, or NaN if it has one. */
static double row_max(const double *row, size_t k)
{
    double top = -INFINITY;
    for (size_t j = 0; j < k; j++) top = row[j] > top || isnan(row[j]) ? row[j] : top;
    return top;
}

double bp_softmax_loss_forward(double *y, const double *x, const double *t, const int *t_index,
                               size_t n, size_t k)
{
    if (n == 0 || k == 0) return 0.0;
    /* A block of rows at a time, so that the exp runs over many entries at
     * once and each row's maximum is found once (it waits on the stack). */
    enum { ROWS = 32 };
    double tops[ROWS];
    double loss = 0.0;
    for (size_t i0 = 0; i0 < n; i0 += ROWS) {
        const size_t rows = n - i0 < ROWS ? n - i0 : ROWS;
        /* y = x - the row's maximum, then exp of the whole block in one
         * vectorised pass (bp_exp's bits, element by element). */
        for (size_t r = 0; r < rows; r++) {
            const double *row = x + (i0 + r) * k;
            double *yr = y + (i0 + r) * k;
            const double top = tops[r] = row_max(row, k);
            size_t j = 0;
            PAIRS(j, k) PAIR(yr + j) = CPAIR(row + j) - SPLAT(top);
            for (; j < k; j++) yr[j] = row[j] - top;
        }
        bp__exp_inplace(y + i0 * k, rows * k);
        for (size_t r = 0; r < rows; r++) {
            const size_t i = i0 + r;
            const double *row = x + i * k;
            double *yr = y + i * k;
            double sum = 0.0;
            for (size_t j = 0; j < k; j++) sum += yr[j];
            const double log_sum = log(sum);
            size_t j = 0;
            PAIRS(j, k) PAIR(yr + j) = CPAIR(yr + j) / SPLAT(sum);
            for (; j < k; j++) yr[j] /= sum;
            /* -sum_j t_j log y_j with log y_j = x_j - top - log(sum): exact
             * where y_j underflows to 0, and a zero weight adds nothing (not
             * 0 * inf). */
            for (size_t j = 0; j < k; j++) {
                const double tj = label(t, t_index, i, j, k);
                if (tj != 0.0) loss -= tj * (row[j] - tops[r] - log_sum);
            }
        }
    }
    return loss / (double)n;
}

void bp_softmax_loss_backward(double *dx, const double *y, const double *t, const int *t_index,
                              size_t n, size_t k)
{
    const double count = (double)n;
    size_t e = 0;
    if (t) {
        PAIRS(e, n * k) PAIR(dx + e) = (CPAIR(y + e) - CPAIR(t + e)) / SPLAT(count);
        for (; e < n * k; e++) dx[e] = (y[e] - t[e]) / count;
        return;
    }
    /* Class indices: y - 0 is y, bit for bit (-0 - 0 is -0), so only each
     * row's label needs the subtraction. */
    PAIRS(e, n * k) PAIR(dx + e) = CPAIR(y + e) / SPLAT(count);
    for (; e < n * k; e++) dx[e] = y[e] / count;
    for (size_t i = 0; t_index && i < n; i++)
        if ((size_t)t_index[i] < k) dx[i * k + t_index[i]] = (y[i * k + t_index[i]] - 1.0) / count;
}
