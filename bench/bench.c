/*
 * bench.c: time the library's ReLU and Sigmoid layers (forward + backward)
 * and a plain memcpy of the same number of doubles, with one timing method,
 * and print one JSON object. The same file is built natively and with
 * Emscripten (run under node), so the two columns are comparable.
 *
 * Timing: for each size, a batch of `reps` calls is timed with
 * CLOCK_MONOTONIC after one warm-up batch; the batch is repeated and the
 * minimum per-call time is kept (the least disturbed run). Batches aim at a
 * few milliseconds so that the clock's resolution (coarser in node) does not
 * matter.
 *
 * Usage: bench [N ...]   (default 1e3 1e5 1e6 1e7)
 */
#define _POSIX_C_SOURCE 199309L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "backprop.h"

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* memcpy through a volatile pointer: a real call to the C library's memcpy
 * every time, which the compiler cannot drop as a dead store. */
static void *(*volatile copy_fn)(void *, const void *, size_t) = memcpy;

/* Read one result after each call so that no call counts as dead. */
static volatile double sink;

typedef struct {
    size_t n;
    double *x, *out, *dout, *dx, *copy_dst;
    unsigned char *mask;
} bufs;

enum { K_RELU, K_SIGMOID, K_COPY, K_COUNT };
static const char *const kernel_names[K_COUNT] = {"relu", "sigmoid", "copy"};

static void run_kernel(int k, bufs *b)
{
    switch (k) {
    case K_RELU:
        bp_relu_forward(b->out, b->mask, b->x, b->n);
        bp_relu_backward(b->dx, b->mask, b->dout, b->n);
        break;
    case K_SIGMOID:
        bp_sigmoid_forward(b->out, b->x, b->n);
        bp_sigmoid_backward(b->dx, b->out, b->dout, b->n);
        break;
    case K_COPY:
        copy_fn(b->copy_dst, b->x, b->n * sizeof(double));
        sink = b->copy_dst[b->n - 1];
        return;
    }
    sink = b->dx[b->n - 1];
}

/* Minimum ns per call over `batches` timed batches of `reps` calls. */
static double time_kernel(int k, bufs *b, int reps, int batches)
{
    for (int r = 0; r < reps; r++)     /* warm-up: page faults, caches, clocks */
        run_kernel(k, b);
    double best = INFINITY;
    for (int t = 0; t < batches; t++) {
        double t0 = now_ns();
        for (int r = 0; r < reps; r++)
            run_kernel(k, b);
        double dt = (now_ns() - t0) / reps;
        if (dt < best)
            best = dt;
    }
    return best;
}

/* Deterministic inputs: x uniform in [-8, 8) (half of them masked by ReLU,
 * sigmoid away from its flat tails), dout in [-1, 1). */
static double uniform(unsigned long long *s)
{
    *s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(*s >> 11) * 0x1p-53;
}

/* Max relative error of the library's sigmoid against libm's
 * 1 / (1 + exp(-x)) over a dense sweep of [-750, 750]. */
static double sigmoid_max_rel_error(void)
{
    enum { M = 1 << 20 };
    double *x = malloc(M * sizeof *x), *y = malloc(M * sizeof *y);
    if (!x || !y) { free(x); free(y); return NAN; }
    for (size_t i = 0; i < M; i++)
        x[i] = -750.0 + 1500.0 * (double)i / (M - 1);
    bp_sigmoid_forward(y, x, M);
    double worst = 0;
    for (size_t i = 0; i < M; i++) {
        double ref = 1.0 / (1.0 + exp(-x[i]));
        double d = fabs(y[i] - ref);
        double m = fmax(fabs(y[i]), fabs(ref));
        double rel = m > 0 ? d / m : 0;
        if (rel > worst)
            worst = rel;
    }
    free(x);
    free(y);
    return worst;
}

int main(int argc, char **argv)
{
    size_t sizes[16];
    int nsizes = 0;
    for (int i = 1; i < argc && nsizes < 16; i++)
        sizes[nsizes++] = (size_t)strtod(argv[i], NULL);
    if (nsizes == 0) {
        sizes[0] = 1000; sizes[1] = 100000; sizes[2] = 1000000; sizes[3] = 10000000;
        nsizes = 4;
    }

    printf("{\"sigmoid_max_rel_error\": %.3e, \"results\": [", sigmoid_max_rel_error());
    for (int s = 0; s < nsizes; s++) {
        bufs b = {.n = sizes[s]};
        size_t bytes = b.n * sizeof(double);
        b.x = malloc(bytes); b.out = malloc(bytes); b.dout = malloc(bytes);
        b.dx = malloc(bytes); b.copy_dst = malloc(bytes); b.mask = malloc(b.n);
        if (!b.x || !b.out || !b.dout || !b.dx || !b.copy_dst || !b.mask) {
            fprintf(stderr, "bench: out of memory at n=%zu\n", b.n);
            return 1;
        }
        unsigned long long seed = 42;
        for (size_t i = 0; i < b.n; i++) {
            b.x[i] = 16.0 * uniform(&seed) - 8.0;
            b.dout[i] = 2.0 * uniform(&seed) - 1.0;
        }
        /* About 4 ms of work per batch, at least one call. */
        double elems_per_batch = 4e6 / 2.0;
        int reps = (int)(elems_per_batch / (double)b.n);
        if (reps < 1) reps = 1;
        int batches = b.n >= 10000000 ? 5 : 9;

        printf("%s{\"n\": %zu", s ? ", " : "", b.n);
        for (int k = 0; k < K_COUNT; k++) {
            double ns = time_kernel(k, &b, reps, batches);
            printf(", \"%s_ns_per_elem\": %.4f", kernel_names[k], ns / (double)b.n);
        }
        printf("}");
        fflush(stdout);
        free(b.x); free(b.out); free(b.dout); free(b.dx); free(b.copy_dst); free(b.mask);
    }
    printf("]}\n");
    return 0;
}
