/*
 * matrix.c: time the library's Affine layer (forward + backward: out, dx, dw,
 * db) and Softmax-with-Loss (forward + backward) at the shapes of the
 * reference book's two-layer net and of the page, and print one JSON object.
 * Built natively and with Emscripten (run under node), like bench.c, and
 * timed the same way as numpy_matrix.py times the book's numpy code. The
 * Affine cases run again with each other product kernel this CPU has
 * (natively: AVX2 and SSE2 on an AVX-512 machine).
 *
 * Timing: each case is called until about 20 ms have passed (warm-up), then
 * `batches` batches of `reps` calls of about 3 ms each are timed with
 * CLOCK_MONOTONIC; the minimum ns per call is printed (the least disturbed
 * batch). bench/run repeats the whole program and reports the median and the
 * range over those repeats.
 */
#define _POSIX_C_SOURCE 199309L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "backprop.h"
#include "../core/src/internal.h"   /* bp__matrix_kernel_name: which kernel ran */

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* Read one result after each call so that no call counts as dead. */
static volatile double sink;

static double uniform(unsigned long long *s)
{
    *s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(*s >> 11) * 0x1p-53;
}

typedef struct {
    const char *layer;      /* "affine" or "softmax-loss" */
    size_t n, d, m;         /* affine: x n×d, w d×m; softmax-loss: n×m scores */
    double *x, *w, *b, *dout, *out, *dx, *dw, *db, *t;
} matrix_case;

static void run_case(matrix_case *c)
{
    if (c->layer[0] == 'a') {
        bp_affine_forward(c->out, c->x, c->w, c->b, c->n, c->d, c->m);
        bp_affine_backward(c->dx, c->dw, c->db, c->x, c->w, c->dout, c->n, c->d, c->m);
        sink = c->out[0] + c->dx[0] + c->dw[0] + c->db[0];
    } else {
        sink = bp_softmax_loss_forward(c->out, c->x, c->t, NULL, c->n, c->m);
        bp_softmax_loss_backward(c->dx, c->out, c->t, NULL, c->n, c->m);
        sink = c->dx[0];
    }
}

static double *filled(size_t count, double lo, double hi, unsigned long long *seed)
{
    double *p = malloc((count ? count : 1) * sizeof *p);
    if (!p) {
        fprintf(stderr, "matrix bench: out of memory\n");
        exit(1);
    }
    for (size_t i = 0; i < count; i++) p[i] = lo + (hi - lo) * uniform(seed);
    return p;
}

/* Minimum ns per call over `batches` timed batches. */
static double time_case(matrix_case *c, int batches)
{
    double t0 = now_ns(), warm = 0;
    long calls = 0;
    while ((warm = now_ns() - t0) < 20e6) {
        run_case(c);
        calls++;
    }
    long reps = (long)(3e6 / (warm / (double)calls));
    if (reps < 1) reps = 1;
    double best = INFINITY;
    for (int t = 0; t < batches; t++) {
        double start = now_ns();
        for (long r = 0; r < reps; r++) run_case(c);
        double per_call = (now_ns() - start) / (double)reps;
        if (per_call < best) best = per_call;
    }
    return best;
}

/* The JSON array of results: every Affine shape, and Softmax-with-Loss if
 * with_loss (it uses no product kernel). */
static void print_results(int with_loss)
{
    /* The book's two-layer net (N = 100; 784 -> 50 -> 10), then the page's
     * square sizes, then the loss at the end of that net. */
    static const size_t affine_shapes[][3] = {
        {100, 784, 50}, {100, 50, 10}, {2, 2, 2}, {8, 8, 8}, {16, 16, 16}, {32, 32, 32}, {64, 64, 64},
    };
    const size_t n_affine = sizeof affine_shapes / sizeof affine_shapes[0];
    printf("[");
    for (size_t s = 0; s < n_affine + (with_loss ? 1 : 0); s++) {
        unsigned long long seed = 7;
        matrix_case c = {0};
        if (s < n_affine) {
            c.layer = "affine";
            c.n = affine_shapes[s][0], c.d = affine_shapes[s][1], c.m = affine_shapes[s][2];
            c.x = filled(c.n * c.d, -1, 1, &seed);
            c.w = filled(c.d * c.m, -0.1, 0.1, &seed);
            c.b = filled(c.m, -0.1, 0.1, &seed);
            c.dout = filled(c.n * c.m, -1, 1, &seed);
            c.out = filled(c.n * c.m, 0, 0, &seed);
            c.dx = filled(c.n * c.d, 0, 0, &seed);
            c.dw = filled(c.d * c.m, 0, 0, &seed);
            c.db = filled(c.m, 0, 0, &seed);
        } else {
            c.layer = "softmax-loss";
            c.n = 100, c.m = 10;
            c.x = filled(c.n * c.m, -4, 4, &seed);
            c.t = filled(c.n * c.m, 0, 0, &seed);   /* one-hot rows, as the book's t */
            for (size_t i = 0; i < c.n; i++) c.t[i * c.m + (i * 7) % c.m] = 1.0;
            c.out = filled(c.n * c.m, 0, 0, &seed);
            c.dx = filled(c.n * c.m, 0, 0, &seed);
        }
        double ns = time_case(&c, 7);
        printf("%s{\"layer\": \"%s\", \"n\": %zu, \"d\": %zu, \"m\": %zu, \"ns\": %.1f}",
               s ? ", " : "", c.layer, c.n, c.d, c.m, ns);
        fflush(stdout);
        double *bufs[] = {c.x, c.w, c.b, c.dout, c.out, c.dx, c.dw, c.db, c.t};
        for (size_t i = 0; i < sizeof bufs / sizeof bufs[0]; i++) free(bufs[i]);
    }
    printf("]");
}

/* The kernel the library picks, then each other kernel this CPU runs,
 * forced (Affine only): what a CPU without AVX-512 would get. */
int main(void)
{
    printf("{\"kernel\": \"%s\", \"results\": ", bp__matrix_kernel_name(-1));
    print_results(1);
    printf(", \"other_kernels\": [");
    const char *best = bp__matrix_kernel_name(-1);
    int printed = 0;
    for (int k = 0; bp__matrix_kernel_name(k); k++) {
        if (strcmp(bp__matrix_kernel_name(k), best) == 0 || !bp__matrix_use_kernel(k)) continue;
        printf("%s{\"kernel\": \"%s\", \"results\": ", printed++ ? ", " : "", bp__matrix_kernel_name(k));
        print_results(0);
        printf("}");
    }
    bp__matrix_use_kernel(-1);
    printf("]}\n");
    return 0;
}
