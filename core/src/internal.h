/* internal.h: what the core's files share and the public header hides. */
#ifndef BP_INTERNAL_H
#define BP_INTERNAL_H

#include <float.h>
#include <math.h>
#include <stdarg.h>
#include "backprop.h"

typedef struct {
    bp_op op;
    int a, b;            /* operand ids, -1 where unused */
    double k;            /* constant of CONST, SCALE, ADD_CONST */
    double value, grad;
    int needs_grad;      /* depends on some input */
    char *name;          /* inputs only */
    char label[48];      /* a number's label (const, scale, add_const), worded on first use */
} bp_node;

struct bp_graph {
    bp_node *nodes;
    int n, cap;
    int *inputs;         /* ids of input nodes, in order of creation */
    int n_inputs, cap_inputs;
    bp_step *steps;
    int n_steps, cap_steps;
    bp_warning *warnings;
    int n_warnings, cap_warnings;
    char name[32];       /* built-in name, or "expr" */
    char *expr;          /* parsed source, or NULL */
    char error[160];
    int error_column;
};

/* Empty g and name it; expr (may be NULL) is copied. */
bp_status bp__graph_reset(bp_graph *g, const char *name, const char *expr);

/* Record a failure on g: status, 1-based column (0 for none) and message.
 * Returns status, so `return bp__graph_fail(...)` reads well. */
bp_status bp__graph_fail(bp_graph *g, bp_status status, int column, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* The decimal number at s (digits, optional '.', fraction, optional exponent;
 * no sign, no spaces, no inf/nan) correctly rounded to the nearest double, ties
 * to even, as strtod would give it; *end is set past the last character used
 * (to s if there is no number). Overflow gives +Infinity and sets *range to 1,
 * otherwise *range is 0. Our own code, not strtod: the WebAssembly module then
 * links no long-double arithmetic. */
double bp__decimal_to_double(const char *s, const char **end, int *range);

/* vsnprintf for the core's messages: %s %.*s %c, %d %u %x %X (also with l),
 * %zu, an optional zero-padded width, and %%; no floating point, so that the
 * WebAssembly module links no printf. */
int bp__vformat(char *buf, size_t size, const char *fmt, va_list ap);
int bp__format(char *buf, size_t size, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* out[i] = bp_sigmoid(x[i]), bit for bit, vectorised; out may be x. It lives
 * in elementary.c so that the compiler can inline the exp kernel into it. */
void bp__sigmoid_array(double *out, const double *x, size_t n);

/* random.c: log, sin, cos and sqrt in plain IEEE operations, the same bits
 * on every platform, for the generator and the data sets (a few ulps). */
double bp__log(double x);
double bp__sin(double x);
double bp__cos(double x);
double bp__sqrt(double x);

/* io[i] = bp_exp(io[i]), bit for bit, vectorised. */
void bp__exp_inplace(double *io, size_t n);

/* C (rows×cols, row stride ldc) = bias + A · B (matrix_product.c), each
 * entry summed over p in matrix.c's order: A's entry (i, p) is at
 * a[i·rsa + p·csa], B's entry (p, j) at b[p·rsb + j·csb], bias is one row of
 * cols added to every row (NULL: 0). matrix.c's layers are made of it. */
void bp__matrix_product(double *restrict cm, size_t ldc, size_t rows, size_t cols, size_t np,
                        const double *restrict a, size_t rsa, size_t csa,
                        const double *restrict b, size_t rsb, size_t csb, const double *restrict bias);

/* matrix_product.c's kernels, for the tests to run each one this CPU can:
 * the name of kernel k ("avx512", "avx2", "sse2", "simd128", ...; NULL past
 * the last; -1: the one in use), and bp__matrix_use_kernel(k), which makes
 * the matrix layers use kernel k from now on (-1: the best this CPU runs,
 * the default) and returns 0, changing nothing, if this CPU cannot run it.
 * Not thread-safe. */
const char *bp__matrix_kernel_name(int k);
int bp__matrix_use_kernel(int k);

/* net_small.c: bp_affine_forward and bp_affine_backward, bit for bit, for
 * layers whose sizes d and m are both at most BP__SMALL_WIDTH (the network's
 * small layers, where matrix.c's packing and dispatch cost more than the
 * sums). */
enum { BP__SMALL_WIDTH = 16 };
void bp__small_affine_forward(double *out, const double *x, const double *w, const double *b,
                              size_t n, size_t d, size_t m);
void bp__small_affine_backward(double *dx, double *dw, double *db, const double *x, const double *w,
                               const double *dout, size_t n, size_t d, size_t m);

/* The gradient checks' two rules, so that a graph (graph.c) and a layer
 * (matrix_check.c) are checked alike. The central difference's step at value
 * v: cbrt(eps) balances the truncation error (h^2) against rounding (eps/h),
 * scaled with |v| beyond 1. */
static inline double bp__check_step(double v) { return cbrt(DBL_EPSILON) * fmax(1.0, fabs(v)); }

/* c->analytic, and c->rel_error from c->numeric as bp_check defines it:
 * 0 if both are 0, NaN if either is NaN. */
static inline void bp__check_compare(bp_check *c, double analytic) {
    c->analytic = analytic;
    double scale = fmax(fabs(c->numeric), fabs(analytic));
    c->rel_error = scale == 0 ? 0.0 : fabs(c->numeric - analytic) / scale;
    if (isnan(c->numeric) || isnan(analytic)) c->rel_error = NAN;
}

#endif
