/*
 * matrix_product.c: the matrix product under the Affine layer (matrix.c),
 * in a file of its own so that the WebAssembly build can compile it for
 * speed and the layers around it for size (CMakeLists.txt): at -Oz clang
 * keeps the kernel's tile in memory instead of registers, about 5x slower.
 *
 * Every entry is one sum in the order matrix.c's contract gives, each
 * product rounded to a double before it is added, never fused: the build
 * passes -ffp-contract=off and the pragmas below hold this file to it
 * whatever the flags.
 */
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
 * registers while it does, and take B in chunks of at most KC steps, where
 * needed packed into a contiguous panel padded with zeros to the tile's
 * width (WebAssembly's: A and B always, B up to BC doubles at a time).
 * Between chunks the running sums wait in C (a stored double reloads
 * exactly).
 */
enum { KC = 256, NR_MAX = 8, BC = 8192, KMIN = 64 };

static const double zero_row[NR_MAX];

#if defined(__GNUC__)
#define ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define ALWAYS_INLINE inline
#endif

#if defined(__clang__)
#define PLAIN_LOOP _Pragma("clang loop vectorize(disable) interleave(disable) unroll(disable)")
#else
#define PLAIN_LOOP
#endif

/* panel[p][c] = B[p0 + p][j0 + c] for p < kc, c < nc; 0 for nc <= c < nr.
 * A whole row of the panel two doubles at a time where it is contiguous in
 * B (w, dout, xᵀ), or two rows of it from two contiguous columns of B (wᵀ,
 * and A's rows as WebAssembly's driver packs them): the copying, not the
 * arithmetic, is what the plain loop loses to there. */
static void pack(double *restrict panel, size_t nr, const double *restrict b, size_t rsb, size_t csb,
                 size_t p0, size_t kc, size_t j0, size_t nc)
{
    const double *src = b + p0 * rsb + j0 * csb;
    size_t p = 0;
#if defined(__GNUC__)
    typedef double pair __attribute__((vector_size(2 * sizeof(double))));
    typedef double pairu __attribute__((vector_size(2 * sizeof(double)), aligned(sizeof(double)), may_alias));
    if (nc == nr && nr % 2 == 0 && csb == 1) {
        PLAIN_LOOP
        for (; p < kc; p++, panel += nr, src += rsb)
            PLAIN_LOOP
            for (size_t c = 0; c < nr; c += 2) *(pairu *)(panel + c) = *(const pairu *)(src + c);
        return;
    }
    if (nc == nr && nr % 2 == 0 && rsb == 1)
        PLAIN_LOOP
        for (; p + 2 <= kc; p += 2, panel += 2 * nr, src += 2)
            PLAIN_LOOP
            for (size_t c = 0; c < nr; c += 2) {
                const pair x = *(const pairu *)(src + c * csb), y = *(const pairu *)(src + (c + 1) * csb);
                *(pairu *)(panel + c) = (pair){x[0], y[0]};
                *(pairu *)(panel + nr + c) = (pair){x[1], y[1]};
            }
#endif
    /* The rest one by one; clang would vectorise these loops too, and make
     * the module 0.3 KB bigger for edges that take no time. */
    PLAIN_LOOP
    for (; p < kc; p++, panel += nr, src += rsb) {
        PLAIN_LOOP
        for (size_t c = 0; c < nc; c++) panel[c] = src[c * csb];
        PLAIN_LOOP
        for (size_t c = nc; c < nr; c++) panel[c] = 0.0;
    }
}

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
 * registers (bigger tiles spilled in the measurements), with both operands
 * packed (KERNEL_PACKED, see matrix_kernel.h). */
#define KERNEL(name) name##_simd128
#define KERNEL_TARGET
#define KERNEL_PACKED 1
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

void bp__matrix_product(double *restrict cm, size_t ldc, size_t rows, size_t cols, size_t np,
                        const double *restrict a, size_t rsa, size_t csa,
                        const double *restrict b, size_t rsb, size_t csb, const double *restrict bias)
{
    kernels[kernel_in_use()].product(cm, ldc, rows, cols, np, a, rsa, csa, b, rsb, csb, bias);
}
