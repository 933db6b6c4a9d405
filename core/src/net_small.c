/*
 * net_small.c: the Affine layers of matrix.c for the small matrices of a
 * network (every width up to BP__SMALL_WIDTH), the same sums in the same
 * order (matrix.c's contract: each entry one sum starting from b or 0, left
 * to right, each product rounded before it is added, no FMA), so that the
 * results are bit for bit matrix.c's.
 *
 * matrix.c's kernel is built for big matrices: it packs panels of B, pads
 * tiles of C and picks a kernel by CPU on every call. At a batch of 10 rows
 * of 2 to 16 units all of that is the cost. Here each row of the result is
 * computed straight from the operands, up to eight columns at a time in
 * two-double vectors (SSE2 natively, SIMD128 in WebAssembly), and Wᵀ, which
 * the input gradient reads by columns, is transposed once per call into a
 * buffer on the stack.
 */
#include <stddef.h>
#include "internal.h"

#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif

#if defined(__GNUC__)
typedef double v2 __attribute__((vector_size(2 * sizeof(double))));
/* Loads and stores at any double's address, aliasing doubles. */
typedef double v2u __attribute__((vector_size(2 * sizeof(double)), aligned(sizeof(double)), may_alias));
#define LOAD(p) (*(const v2u *)(p))
#define STORE(p, v) (*(v2u *)(p) = (v))
#define SPLAT(s) ((v2){(s), (s)})
#define ZERO ((v2){0.0, 0.0})
#endif

#if defined(__GNUC__)
#define ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define ALWAYS_INLINE inline
#endif

/*
 * C (rows×cols, rows ldc apart) = init + A·B: A's entry (i, p) at
 * a[i·rsa + p·csa], B's row p at b + p·ldb (columns contiguous), init the
 * row `bias` for every row of C, or 0 if bias is NULL. Each entry's sum runs
 * over p < np in order.
 *
 * A tile of mr rows by nv two-double vectors is summed in registers, mr·nv
 * sums side by side: one sum alone would wait on its previous add at every
 * step (a 2-unit output layer is one vector wide). mr and nv are constants
 * wherever tile() is inlined, so its arrays become registers.
 */
#if defined(__GNUC__)
enum { MR = 4, NV = 2 };

static ALWAYS_INLINE void tile(int mr, int nv, double *restrict c, size_t ldc, const double *restrict a,
                               size_t rsa, size_t csa, const double *restrict b, size_t ldb, size_t np,
                               const double *restrict bias)
{
    v2 s[MR][NV];
    for (int r = 0; r < mr; r++)
        for (int v = 0; v < nv; v++) s[r][v] = bias ? (v2)LOAD(bias + 2 * v) : ZERO;
    for (size_t p = 0; p < np; p++, a += csa, b += ldb) {
        v2 bv[NV];
        for (int v = 0; v < nv; v++) bv[v] = LOAD(b + 2 * v);
        for (int r = 0; r < mr; r++) {
            const v2 x = SPLAT(a[(size_t)r * rsa]);
            for (int v = 0; v < nv; v++) {
                const v2 q = x * bv[v];   /* rounded here, never fused */
                s[r][v] = s[r][v] + q;
            }
        }
    }
    for (int r = 0; r < mr; r++)
        for (int v = 0; v < nv; v++) STORE(c + (size_t)r * ldc + 2 * v, s[r][v]);
}

/* mr rows of C: every pair of columns in tiles, then an odd last column. */
static ALWAYS_INLINE void row_block(int mr, double *restrict c, size_t ldc, size_t cols, size_t np,
                                   const double *restrict a, size_t rsa, size_t csa,
                                   const double *restrict b, size_t ldb, const double *restrict bias)
{
    size_t j = 0;
    for (; j + 2 * NV <= cols; j += 2 * NV) tile(mr, NV, c + j, ldc, a, rsa, csa, b + j, ldb, np, bias ? bias + j : NULL);
    for (; j + 2 <= cols; j += 2) tile(mr, 1, c + j, ldc, a, rsa, csa, b + j, ldb, np, bias ? bias + j : NULL);
    if (j < cols)
        for (int r = 0; r < mr; r++) {
            double sum = bias ? bias[j] : 0.0;
            const double *ap = a + (size_t)r * rsa, *bp = b + j;
            for (size_t p = 0; p < np; p++, ap += csa, bp += ldb) {
                const double q = *ap * *bp;
                sum = sum + q;
            }
            c[(size_t)r * ldc + j] = sum;
        }
}

static void product(double *restrict c, size_t ldc, size_t rows, size_t cols, size_t np,
                    const double *restrict a, size_t rsa, size_t csa,
                    const double *restrict b, size_t ldb, const double *restrict bias)
{
    size_t i = 0;
    for (; i + MR <= rows; i += MR) row_block(MR, c + i * ldc, ldc, cols, np, a + i * rsa, rsa, csa, b, ldb, bias);
    if (i + 2 <= rows) row_block(2, c + i * ldc, ldc, cols, np, a + i * rsa, rsa, csa, b, ldb, bias), i += 2;
    if (i < rows) row_block(1, c + i * ldc, ldc, cols, np, a + i * rsa, rsa, csa, b, ldb, bias);
}
#else
/* Plain doubles, the same order. */
static void product(double *restrict c, size_t ldc, size_t rows, size_t cols, size_t np,
                    const double *restrict a, size_t rsa, size_t csa,
                    const double *restrict b, size_t ldb, const double *restrict bias)
{
    for (size_t i = 0; i < rows; i++)
        for (size_t j = 0; j < cols; j++) {
            double sum = bias ? bias[j] : 0.0;
            for (size_t p = 0; p < np; p++) {
                const double q = a[i * rsa + p * csa] * b[p * ldb + j];
                sum = sum + q;
            }
            c[i * ldc + j] = sum;
        }
}
#endif

void bp__small_affine_forward(double *out, const double *x, const double *w, const double *b,
                              size_t n, size_t d, size_t m)
{
    product(out, m, n, m, d, x, d, 1, w, m, b);
}

void bp__small_affine_backward(double *dx, double *dw, double *db, const double *x, const double *w,
                               const double *dout, size_t n, size_t d, size_t m)
{
    if (dx) {
        /* dx (n×d) = dout (n×m) · wᵀ, wᵀ's rows contiguous */
        double wt[BP__SMALL_WIDTH * BP__SMALL_WIDTH];
        for (size_t k = 0; k < d; k++)
            for (size_t j = 0; j < m; j++) wt[j * d + k] = w[k * m + j];
        product(dx, d, n, d, m, dout, m, 1, wt, d, NULL);
    }
    if (dw)   /* dw (d×m) = xᵀ · dout */
        product(dw, m, d, m, n, x, 1, d, dout, m, NULL);
    if (db) {
        for (size_t j = 0; j < m; j++) db[j] = 0.0;
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < m; j++) db[j] += dout[i * m + j];
    }
}
