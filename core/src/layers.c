/*
 * layers.c: the array layers of backprop.h.
 *
 * Each layer is a plain loop that gcc (-O3, SSE2 baseline) and clang (wasm
 * simd128) vectorise. The header allows an output to be the very same buffer
 * as an input; a compiler cannot prove that safe, so it would add overlap
 * checks and fall back to scalar code exactly when the caller works in
 * place. Instead every layer dispatches on pointer equality to a kernel whose
 * pointers are `restrict` (distinct buffers) or to an in-place kernel that
 * reads and writes through one pointer.
 *
 * Under WebAssembly the ReLU kernels are written with SIMD intrinsics instead,
 * because the vectoriser packs and unpacks the mask bytes one at a time.
 *
 * The sigmoid itself lives in elementary.c, next to the exp it inlines.
 */
#include <stdint.h>
#include <string.h>
#include "internal.h"

#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__) \
    && !defined(__SANITIZE_ADDRESS__)
/* GCC 12 cannot narrow a double comparison to a byte mask with SSE2 alone,
 * so the ReLU kernels get an AVX2 clone, picked at load time; the default
 * clone stays correct, just scalar for the forward pass. No AVX-512 clone:
 * measured side by side at N = 1e6 it was slower (1.3-1.5 ns/element
 * against 0.8-1.1 for AVX2) on this memory-bound loop. */
#define BP_CLONES __attribute__((target_clones("default", "avx2")))
#else
#define BP_CLONES
#endif

/* ------------------------------------------------------------------ ReLU */

#if !defined(__wasm_simd128__)
/* The mask is the comparison itself, so -0.0 (mask 1) and NaN (mask 0)
 * follow IEEE `<=` with no special cases; selecting +0.0 rather than
 * multiplying keeps -0.0 * 0 and NaN * 0 out of it. */
BP_CLONES
static void relu_fwd_apart(double *restrict out, unsigned char *restrict mask,
                           const double *restrict x, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        double v = x[i];
        unsigned char m = v <= 0.0;
        mask[i] = m;
        out[i] = m ? 0.0 : v;
    }
}

BP_CLONES
static void relu_fwd_inplace(double *restrict io, unsigned char *restrict mask, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        double v = io[i];
        unsigned char m = v <= 0.0;
        mask[i] = m;
        io[i] = m ? 0.0 : v;
    }
}
#endif

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>

/* clang's wasm vectoriser compares two doubles at a time but then packs the
 * mask bytes one by one. By hand: 16 comparisons give 8 vectors of 64-bit
 * lanes (all ones or zero); two saturating narrows (i32 -> i16 -> i8) and one
 * shuffle pack them into 16 mask bytes. x & ~m gives +0.0 where masked. */
static void relu_fwd_wasm(double *out, unsigned char *mask, const double *x, size_t n)
{
    const v128_t zero = wasm_f64x2_splat(0.0), one = wasm_i8x16_splat(1);
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        v128_t m[8];
        for (int k = 0; k < 8; k++) {
            v128_t v = wasm_v128_load(x + i + 2 * k);
            m[k] = wasm_f64x2_le(v, zero);
            wasm_v128_store(out + i + 2 * k, wasm_v128_andnot(v, m[k]));
        }
        /* Each element's lane narrows to two equal bytes; keep the even ones. */
        v128_t lo = wasm_i8x16_narrow_i16x8(wasm_i16x8_narrow_i32x4(m[0], m[1]),
                                            wasm_i16x8_narrow_i32x4(m[2], m[3]));
        v128_t hi = wasm_i8x16_narrow_i16x8(wasm_i16x8_narrow_i32x4(m[4], m[5]),
                                            wasm_i16x8_narrow_i32x4(m[6], m[7]));
        v128_t bytes = wasm_i8x16_shuffle(lo, hi, 0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
        wasm_v128_store(mask + i, wasm_v128_and(bytes, one));
    }
    for (; i < n; i++) { /* the tail, and the loads above never overlap stores */
        double v = x[i];
        unsigned char m = v <= 0.0;
        mask[i] = m;
        out[i] = m ? 0.0 : v;
    }
}
#endif

void bp_relu_forward(double *out, unsigned char *mask, const double *x, size_t n)
{
#if defined(__wasm_simd128__)
    /* Reads and writes of element i happen before element i + 16 is touched,
     * and each store only covers what its own loads read: safe in place too. */
    relu_fwd_wasm(out, mask, x, n);
#else
    if (out == x)
        relu_fwd_inplace(out, mask, n);
    else
        relu_fwd_apart(out, mask, x, n);
#endif
}

#if !defined(__wasm_simd128__)
/* Any nonzero mask byte means "masked", as the header's `mask[i] ? 0 : dout[i]`
 * reads. Written as a bit mask over the double's representation (all ones
 * keeps dout, zero gives +0.0), which vectorises where a select may not. */
static inline double keep_unless(unsigned char m, double d)
{
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    u &= (uint64_t)0 - (uint64_t)(m == 0);
    memcpy(&d, &u, sizeof d);
    return d;
}

BP_CLONES
static void relu_bwd_apart(double *restrict dx, const unsigned char *restrict mask,
                           const double *restrict dout, size_t n)
{
    for (size_t i = 0; i < n; i++)
        dx[i] = keep_unless(mask[i], dout[i]);
}

BP_CLONES
static void relu_bwd_inplace(double *restrict io, const unsigned char *restrict mask, size_t n)
{
    for (size_t i = 0; i < n; i++)
        io[i] = keep_unless(mask[i], io[i]);
}
#else
/* 16 mask bytes widened to 64-bit lanes (i8 -> i16 -> i32 -> i64, sign
 * extension keeps 0 and nonzero apart), compared with zero, and used to keep
 * dout or give +0.0. Element i is read before it is written: safe in place. */
static void relu_bwd_wasm(double *dx, const unsigned char *mask, const double *dout, size_t n)
{
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        v128_t bytes = wasm_i8x16_eq(wasm_v128_load(mask + i), wasm_i8x16_splat(0)); /* all ones: keep */
        v128_t half[2] = {wasm_i16x8_extend_low_i8x16(bytes), wasm_i16x8_extend_high_i8x16(bytes)};
        for (int h = 0; h < 2; h++) {
            v128_t quarter[2] = {wasm_i32x4_extend_low_i16x8(half[h]), wasm_i32x4_extend_high_i16x8(half[h])};
            for (int q = 0; q < 2; q++) {
                size_t at = i + 8 * (size_t)h + 4 * (size_t)q;
                v128_t keep0 = wasm_i64x2_extend_low_i32x4(quarter[q]);
                v128_t keep1 = wasm_i64x2_extend_high_i32x4(quarter[q]);
                wasm_v128_store(dx + at, wasm_v128_and(wasm_v128_load(dout + at), keep0));
                wasm_v128_store(dx + at + 2, wasm_v128_and(wasm_v128_load(dout + at + 2), keep1));
            }
        }
    }
    for (; i < n; i++)
        dx[i] = mask[i] ? 0.0 : dout[i];
}
#endif

void bp_relu_backward(double *dx, const unsigned char *mask, const double *dout, size_t n)
{
#if defined(__wasm_simd128__)
    relu_bwd_wasm(dx, mask, dout, n);
#else
    if (dx == dout)
        relu_bwd_inplace(dx, mask, n);
    else
        relu_bwd_apart(dx, mask, dout, n);
#endif
}

/* --------------------------------------------------------------- Sigmoid */

/* The backward's loops are vectorised but not unrolled: unrolled, they were
 * 0.8 KB of the WebAssembly module (a quarter of it gzipped) for no time
 * measurable next to the forward's exp. */
#if defined(__clang__)
#define SMALL_LOOP _Pragma("clang loop unroll(disable)")
#else
#define SMALL_LOOP
#endif

void bp_sigmoid_forward(double *out, const double *x, size_t n)
{
    bp__sigmoid_array(out, x, n);
}

/* dout * y * (1 - y), multiplied in that order on every path of the layer,
 * so in-place and apart round alike. */
static void sigmoid_bwd_apart(double *restrict dx, const double *restrict out,
                              const double *restrict dout, size_t n)
{
    SMALL_LOOP
    for (size_t i = 0; i < n; i++)
        dx[i] = dout[i] * out[i] * (1.0 - out[i]);
}

static void sigmoid_bwd_into_out(double *restrict io, const double *restrict dout, size_t n)
{
    SMALL_LOOP
    for (size_t i = 0; i < n; i++) {
        double y = io[i];
        io[i] = dout[i] * y * (1.0 - y);
    }
}

static void sigmoid_bwd_into_dout(double *restrict io, const double *restrict out, size_t n)
{
    SMALL_LOOP
    for (size_t i = 0; i < n; i++)
        io[i] = io[i] * out[i] * (1.0 - out[i]);
}

/* out == dout == dx: odd, but each element still only depends on itself. */
static void sigmoid_bwd_all_same(double *io, size_t n)
{
    SMALL_LOOP
    for (size_t i = 0; i < n; i++) {
        double y = io[i];
        io[i] = y * y * (1.0 - y);
    }
}

void bp_sigmoid_backward(double *dx, const double *out, const double *dout, size_t n)
{
    if (dx == out && dx == dout)
        sigmoid_bwd_all_same(dx, n);
    else if (dx == out)
        sigmoid_bwd_into_out(dx, dout, n);
    else if (dx == dout)
        sigmoid_bwd_into_dout(dx, out, n);
    else  /* out == dout is fine here: restrict only forbids writes */
        sigmoid_bwd_apart(dx, out, dout, n);
}

/* ------------------------------------------------------------ Add and Mul */

static void add_apart(double *restrict out, const double *restrict a,
                      const double *restrict b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        out[i] = a[i] + b[i];
}

static void add_inplace(double *restrict io, const double *restrict b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        io[i] = io[i] + b[i];
}

static void twice_inplace(double *io, size_t n)
{
    for (size_t i = 0; i < n; i++)
        io[i] = io[i] + io[i];
}

void bp_add_forward(double *out, const double *a, const double *b, size_t n)
{
    if (out == a && out == b)
        twice_inplace(out, n);
    else if (out == a)
        add_inplace(out, b, n);
    else if (out == b)
        add_inplace(out, a, n);   /* a + b == b + a exactly in IEEE */
    else
        add_apart(out, a, b, n);
}

static void copy_doubles(double *restrict dst, const double *restrict src, size_t n)
{
    for (size_t i = 0; i < n; i++)
        dst[i] = src[i];
}

void bp_add_backward(double *da, double *db, const double *dout, size_t n)
{
    if (da != dout)
        copy_doubles(da, dout, n);
    if (db != dout)
        copy_doubles(db, dout, n);
}

static void mul_apart(double *restrict out, const double *restrict a,
                      const double *restrict b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        out[i] = a[i] * b[i];
}

static void mul_inplace(double *restrict io, const double *restrict b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        io[i] = io[i] * b[i];
}

static void square_inplace(double *io, size_t n)
{
    for (size_t i = 0; i < n; i++)
        io[i] = io[i] * io[i];
}

void bp_mul_forward(double *out, const double *a, const double *b, size_t n)
{
    if (out == a && out == b)
        square_inplace(out, n);
    else if (out == a)
        mul_inplace(out, b, n);
    else if (out == b)
        mul_inplace(out, a, n);   /* a * b == b * a exactly in IEEE */
    else
        mul_apart(out, a, b, n);
}

/* da = dout * b, db = dout * a. When one gradient goes into dout, it must be
 * written after the other one has read dout. */
static void mul_bwd_apart(double *restrict da, double *restrict db, const double *restrict a,
                          const double *restrict b, const double *restrict dout, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        double t = dout[i];
        da[i] = t * b[i];
        db[i] = t * a[i];
    }
}

/* io is dout and receives io * keep; other = io * pass. */
static void mul_bwd_one_inplace(double *restrict io, double *restrict other,
                                const double *restrict keep, const double *restrict pass,
                                size_t n)
{
    for (size_t i = 0; i < n; i++) {
        double t = io[i];
        other[i] = t * pass[i];
        io[i] = t * keep[i];
    }
}

void bp_mul_backward(double *da, double *db, const double *a, const double *b,
                     const double *dout, size_t n)
{
    if (da == dout && db == dout) {
        /* Both into dout: as in the reference loop, db is written last. */
        mul_inplace(da, a, n);
    } else if (da == dout) {
        mul_bwd_one_inplace(da, db, b, a, n);
    } else if (db == dout) {
        mul_bwd_one_inplace(db, da, a, b, n);
    } else {
        mul_bwd_apart(da, db, a, b, dout, n);
    }
}
