/*
 * data.c: two-dimensional data sets for classification, generated from a
 * seed with the core's own generator and trigonometry (random.c), so that a
 * seed gives the same points to the bit natively and in WebAssembly.
 *
 * Point i has class i % classes: the classes interleave, so that batches
 * taken in file order mix them. Within a class, q counts its points
 * (0, 1, ...) and c is how many it has.
 */
#include <string.h>
#include "internal.h"

static const char *const names[BP_DATA_COUNT] = {"spiral", "circles", "xor", "gauss", "moons"};

const char *bp_data_name(bp_data_kind kind)
{
    return (unsigned)kind < BP_DATA_COUNT ? names[kind] : NULL;
}

int bp_data_kind_of(const char *name)
{
    for (int i = 0; i < BP_DATA_COUNT; i++)
        if (name && !strcmp(name, names[i])) return i;
    return -1;
}

static const double PI = 3.141592653589793;

/* The noise-free point q of c in class j of `classes`, into p[0], p[1]. */
static void point(double *p, bp_data_kind kind, size_t q, size_t c, int j, int classes, double noise, bp_rng *r)
{
    /* t runs over [0, 1] within the class (0 for a class of one point). */
    double t = c > 1 ? (double)q / (double)(c - 1) : 0.0;
    switch (kind) {
    case BP_DATA_SPIRAL: {
        /* cs231n's spiral, an arm of 4 radians per class, but with radius
         * (q+1)/c rather than from 0: points at the origin would sit on
         * every ReLU's kink while the biases are 0, where no central
         * difference agrees with backprop. */
        double radius = (double)(q + 1) / (double)c;
        double angle = 4.0 * ((double)j + radius) + 2.0 * noise * bp_rng_normal(r);
        p[0] = radius * bp__sin(angle);
        p[1] = radius * bp__cos(angle);
        break;
    }
    case BP_DATA_CIRCLES: {
        double angle = 2.0 * PI * bp_rng_uniform(r), radius = j ? 1.0 : 0.5;
        p[0] = radius * bp__cos(angle);
        p[1] = radius * bp__sin(angle);
        break;
    }
    case BP_DATA_XOR: {
        /* Uniform in a quadrant pair kept 0.05 from the axes: class 1 where
         * the signs differ. */
        double a = 0.05 + 0.95 * bp_rng_uniform(r), b = 0.05 + 0.95 * bp_rng_uniform(r);
        int flip = bp_rng_uniform(r) < 0.5;
        p[0] = flip ? -a : a;
        p[1] = (flip != (j == 1)) ? -b : b;
        break;
    }
    case BP_DATA_GAUSS: {
        double angle = 2.0 * PI * (double)j / (double)classes;
        p[0] = 0.7 * bp__cos(angle) + 0.2 * bp_rng_normal(r);
        p[1] = 0.7 * bp__sin(angle) + 0.2 * bp_rng_normal(r);
        break;
    }
    default: { /* moons: sklearn's two half circles, centred on the origin */
        double angle = PI * t;
        p[0] = j ? 0.5 - bp__cos(angle) : bp__cos(angle) - 0.5;
        p[1] = j ? 0.25 - bp__sin(angle) : bp__sin(angle) - 0.25;
        break;
    }
    }
}

bp_status bp_data_generate(double *x, int *label, bp_data_kind kind, size_t n, int classes, double noise,
                           unsigned long long seed)
{
    if ((unsigned)kind >= BP_DATA_COUNT || n < 1 || n > BP_DATA_MAX_POINTS) return BP_ERR_ARG;
    int many = kind == BP_DATA_SPIRAL || kind == BP_DATA_GAUSS;
    if (many ? classes < 2 || classes > BP_DATA_MAX_CLASSES : classes != 2) return BP_ERR_ARG;
    if (!(noise >= 0.0 && noise <= 10.0)) return BP_ERR_ARG;
    bp_rng r;
    bp_rng_seed(&r, seed);
    for (size_t i = 0; i < n; i++) {
        int j = (int)(i % (size_t)classes);
        size_t q = i / (size_t)classes;
        size_t c = n / (size_t)classes + ((size_t)j < n % (size_t)classes);
        double *p = x + 2 * i;
        point(p, kind, q, c, j, classes, noise, &r);
        if (kind != BP_DATA_SPIRAL && noise > 0.0) {
            p[0] += noise * bp_rng_normal(&r);
            p[1] += noise * bp_rng_normal(&r);
        }
        label[i] = j;
    }
    return BP_OK;
}

void bp_data_class_counts(int *counts, const int *label, size_t n, int classes)
{
    if (classes < 1) return;
    memset(counts, 0, (size_t)classes * sizeof *counts);
    for (size_t i = 0; i < n; i++)
        if (label[i] >= 0 && label[i] < classes) counts[label[i]]++;
}
