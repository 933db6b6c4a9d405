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
 * (a tile of outputs in vector registers, one sum per lane), never from
 * reassociating one of them. And no multiply is fused with its add: gcc
 * contracts `acc + a * b` into an FMA by default wherever the target has one
 * (the AVX-512 kernel's does), clang within one expression; the build passes
 * -ffp-contract=off to gcc, clang and Emscripten alike, the pragmas below
 * hold this file to it whatever the flags, and each product is a statement
 * of its own besides. WebAssembly's SIMD128 has no FMA. So the native
 * kernels (AVX-512, AVX2, SSE2) and WebAssembly's give the same bits.
 */
#include <math.h>
#include <string.h>
#include "internal.h"

/* The build says -ffp-contract=off; this file holds to it under any flags. */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif

/* ---------------------------------------------------- the matrix product */

/*
 * C (rows×cols, row stride ldc) = init + A · B, where A (rows×np) has entry
 * (i, p) at a[i·rsa + p·csa], B (np×cols) has entry (p, j) at b[p·rsb + j·csb]
 * (so Wᵀ is read straight from w), and init is `bias` (one row of cols,
 * added to every row) or 0 if bias is NULL. Each entry's sum runs over p in
 * order; the product kernels (matrix_kernel.h) hold a tile of C in vector
 * registers while it does, and take B in chunks of KC steps, where needed
 * packed into a contiguous panel padded with zeros to the tile's width.
 * Between chunks the running sums wait in C (a stored double reloads
 * exactly).
 */
enum { KC = 256, NR_MAX = 8 };

static const double zero_row[NR_MAX];

/* panel[p][c] = B[p0 + p][j0 + c] for p < kc, c < nc; 0 for nc <= c < nr. */
static void pack(double *restrict panel, size_t nr, const double *restrict b, size_t rsb,
                 size_t csb, size_t p0, size_t kc, size_t j0, size_t nc)
{
    for (size_t p = 0; p < kc; p++) {
        double *row = panel + p * nr;
        for (size_t c = 0; c < nc; c++) row[c] = b[(p0 + p) * rsb + (j0 + c) * csb];
        for (size_t c = nc; c < nr; c++) row[c] = 0.0;
    }
}

#if defined(__GNUC__)
#define ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define ALWAYS_INLINE inline
#endif

/* A product kernel, and whether this CPU can run it (NULL: any can). */
typedef struct {
    const char *name;
    void (*product)(double *restrict cm, size_t ldc, size_t rows, size_t cols, size_t np,
                    const double *restrict a, size_t rsa, size_t csa,
                    const double *restrict b, size_t rsb, size_t csb, const double *restrict bias);
    int (*runs)(void);
} kernel;

/* One kernel per vector width, MR × NV vectors a tile, sized so that the
 * tile, one row of B and a broadcast of A fit the registers. */
#if defined(__wasm_simd128__)
/* f64x2 (v128): 4 × 2 vectors, eight accumulators; V8 keeps them in xmm
 * registers (bigger tiles spilled in the measurements). */
#define KERNEL(name) name##_simd128
#define KERNEL_TARGET
#define VW 2
#define MR 4
#define NV 2
#include "matrix_kernel.h"
static const kernel kernels[] = {{"simd128", product_simd128, NULL}};

#elif defined(__x86_64__) && defined(__GNUC__)
/* x86-64 (gcc or clang): one kernel per instruction set, picked at run time
 * by what the CPU has, as layers.c's target_clones pick theirs. Here the
 * kernels differ in vector width and tile, not only in target, so they are
 * instantiated one by one and dispatched by hand; the sanitizer build, which
 * leaves layers.c's clones out, runs these same kernels, and the tests run
 * each (bp__matrix_use_kernel). Measured on AVX-512 (Zen 4): the 8-wide type
 * compiled for AVX2 was 7x slower, and the 4-wide one under AVX-512 15%
 * slower than the 8-wide (twice the instructions per flop: front-end bound).
 * None of the targets turns on FMA contraction (see the top of this file). */
#define KERNEL(name) name##_avx512
#define KERNEL_TARGET __attribute__((target("avx512f")))
#define VW 8
#define MR 8
#define NV 1
#include "matrix_kernel.h"
#undef KERNEL
#undef KERNEL_TARGET
#undef VW
#undef MR
#undef NV
#define KERNEL(name) name##_avx2
#define KERNEL_TARGET __attribute__((target("avx2")))
#define VW 4
#define MR 4
#define NV 2
#include "matrix_kernel.h"
#undef KERNEL
#undef KERNEL_TARGET
#undef VW
/* The SSE2 baseline: two-double vectors, 4 × 2 of them, as for WebAssembly
 * (the 4-wide tile in pairs of xmm registers spilled: 25x slower). */
#define KERNEL(name) name##_sse2
#define KERNEL_TARGET
#define VW 2
#include "matrix_kernel.h"

static int has_avx512(void) { return __builtin_cpu_supports("avx512f"); }
static int has_avx2(void) { return __builtin_cpu_supports("avx2"); }
static const kernel kernels[] = {
    {"avx512", product_avx512, has_avx512},
    {"avx2", product_avx2, has_avx2},
    {"sse2", product_sse2, NULL},
};

#elif defined(__GNUC__)
/* Other GNU C targets (ARM, ...): four-double vectors for whatever the
 * baseline instruction set is. */
#define KERNEL(name) name##_vec4
#define KERNEL_TARGET
#define VW 4
#define MR 4
#define NV 2
#include "matrix_kernel.h"
static const kernel kernels[] = {{"vec4", product_vec4, NULL}};

#else
/* Any other C11 compiler: plain doubles, the same order of additions. */
#define KERNEL(name) name##_scalar
#define KERNEL_TARGET
#define VW 1
#define MR 4
#define NV 4
#include "matrix_kernel.h"
static const kernel kernels[] = {{"scalar", product_scalar, NULL}};
#endif

enum { KERNEL_COUNT = sizeof kernels / sizeof kernels[0] };

/* The kernel the tests chose (bp__matrix_use_kernel), or -1: the first this
 * CPU runs. */
static int chosen_kernel = -1;

/* The kernel the layers use now. */
static int kernel_in_use(void)
{
    int k = chosen_kernel;
    if (k < 0)   /* the last kernel runs anywhere */
        for (k = 0; kernels[k].runs && !kernels[k].runs();) k++;
    return k;
}

const char *bp__matrix_kernel_name(int k)
{
    if (k < 0) return kernels[kernel_in_use()].name;
    return k < KERNEL_COUNT ? kernels[k].name : NULL;
}

int bp__matrix_use_kernel(int k)
{
    if (k >= KERNEL_COUNT || (k >= 0 && kernels[k].runs && !kernels[k].runs())) return 0;
    chosen_kernel = k < 0 ? -1 : k;
    return 1;
}

static void product(double *restrict cm, size_t ldc, size_t rows, size_t cols, size_t np,
                    const double *restrict a, size_t rsa, size_t csa,
                    const double *restrict b, size_t rsb, size_t csb, const double *restrict bias)
{
    kernels[kernel_in_use()].product(cm, ldc, rows, cols, np, a, rsa, csa, b, rsb, csb, bias);
}

void bp_affine_forward(double *out, const double *x, const double *w, const double *b,
                       size_t n, size_t d, size_t m)
{
    /* out (n×m) = x (n×d) · w (d×m), starting from b */
    product(out, m, n, m, d, x, d, 1, w, m, 1, b);
}

void bp_affine_backward(double *dx, double *dw, double *db, const double *x, const double *w,
                        const double *dout, size_t n, size_t d, size_t m)
{
    if (dx)   /* dx (n×d) = dout (n×m) · wᵀ: B's entry (j, k) is w[k][j] */
        product(dx, d, n, d, m, dout, m, 1, w, 1, m, NULL);
    if (dw)   /* dw (d×m) = xᵀ: A's entry (k, i) is x[i][k] */
        product(dw, m, d, m, n, x, 1, d, dout, m, 1, NULL);
    if (db) {
        for (size_t j = 0; j < m; j++) db[j] = 0.0;
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < m; j++) db[j] += dout[i * m + j];
    }
}

/* ---------------------------------------------------- Softmax-with-Loss */

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
            tops[r] = row_max(row, k);
            for (size_t j = 0; j < k; j++) yr[j] = row[j] - tops[r];
        }
        bp__exp_inplace(y + i0 * k, rows * k);
        for (size_t r = 0; r < rows; r++) {
            const size_t i = i0 + r;
            const double *row = x + i * k;
            double *yr = y + i * k;
            double sum = 0.0;
            for (size_t j = 0; j < k; j++) sum += yr[j];
            const double log_sum = log(sum);
            for (size_t j = 0; j < k; j++) yr[j] /= sum;
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
    if (t) {
        for (size_t e = 0; e < n * k; e++) dx[e] = (y[e] - t[e]) / count;
        return;
    }
    /* Class indices: y - 0 is y, bit for bit (-0 - 0 is -0), so only each
     * row's label needs the subtraction. */
    for (size_t e = 0; e < n * k; e++) dx[e] = y[e] / count;
    for (size_t i = 0; t_index && i < n; i++)
        if ((size_t)t_index[i] < k) dx[i * k + t_index[i]] = (y[i * k + t_index[i]] - 1.0) / count;
}
