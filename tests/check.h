/* check.h: the tests' few assertions. Each failed check prints where and why
 * and counts; main() returns check_summary(), nonzero if anything failed. */
#ifndef CHECK_H
#define CHECK_H

#include <math.h>
#include <stdio.h>
#include <string.h>

static int check_failures;
static int check_count;

#define CHECK(cond) do { check_count++; if (!(cond)) { check_failures++; \
    fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond); } } while (0)

/* Same double, bit for bit in meaning: NaN equals NaN, and -0 differs from +0. */
static inline int check_same(double a, double b) {
    if (isnan(a) || isnan(b)) return isnan(a) && isnan(b);
    return a == b && signbit(a) == signbit(b);
}

#define CHECK_SAME(a, b) do { double a_ = (a), b_ = (b); check_count++; \
    if (!check_same(a_, b_)) { check_failures++; \
    fprintf(stderr, "%s:%d: %s = %.17g, expected %.17g\n", __FILE__, __LINE__, #a, a_, b_); } } while (0)

/* |a - b| <= rel * max(|a|, |b|), or both the same non-finite value. */
#define CHECK_NEAR(a, b, rel) do { double a_ = (a), b_ = (b); check_count++; \
    int ok_ = check_same(a_, b_) || fabs(a_ - b_) <= (rel) * fmax(fabs(a_), fabs(b_)); \
    if (!ok_) { check_failures++; \
    fprintf(stderr, "%s:%d: %s = %.17g, expected %.17g (rel %g)\n", __FILE__, __LINE__, #a, a_, b_, (double)(rel)); } } while (0)

#define CHECK_STR(a, b) do { const char *a_ = (a), *b_ = (b); check_count++; \
    if (!a_ || !b_ || strcmp(a_, b_) != 0) { check_failures++; \
    fprintf(stderr, "%s:%d: %s = \"%s\", expected \"%s\"\n", __FILE__, __LINE__, #a, a_ ? a_ : "(null)", b_ ? b_ : "(null)"); } } while (0)

static inline int check_summary(const char *name) {
    printf("%s: %d checks, %d failed\n", name, check_count, check_failures);
    return check_failures != 0;
}

#endif
