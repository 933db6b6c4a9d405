/* check.h: the tests' assertions. Every check counts; a failed one prints
 * where, what was compared, the value it got and the value it expected
 * (doubles as %.17g and as hex floats, which show every bit), and the case
 * set by check_case() when it runs inside a loop over cases. main() returns
 * check_summary(), nonzero if anything failed.
 *
 * NaN is never equal to anything in CHECK_SAME or CHECK_NEAR: a NaN where a
 * number is expected is a failure. Where NaN is the expected value, say so:
 * CHECK_NAN(got), or CHECK_SAME_OR_BOTH_NAN(got, want) for a table whose rows
 * expect NaN for NaN inputs. */
#ifndef CHECK_H
#define CHECK_H

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "backprop.h"

static int check_failures;
static int check_count;
static char check_case_text[400];

/* After this many failures only the count goes on: a broken kernel swept over
 * a million inputs should not print a million lines. */
enum { CHECK_MAX_PRINTED = 60 };

#if defined(__GNUC__)
#define CHECK_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define CHECK_PRINTF(f, a)
#endif

/* The case the following checks belong to, printed with each failure:
 * check_case("x = %.17g", x) at the top of a loop body, check_case(NULL)
 * after the loop. */
static inline void check_case(const char *fmt, ...) CHECK_PRINTF(1, 2);
static inline void check_case(const char *fmt, ...) {
    check_case_text[0] = '\0';
    if (!fmt) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(check_case_text, sizeof check_case_text, fmt, ap);
    va_end(ap);
}

/* Count one check; if !ok, report it. Returns ok, so a test can stop using a
 * value that failed its check. */
static inline int check_report(int ok, const char *file, int line, const char *fmt, ...) CHECK_PRINTF(4, 5);
static inline int check_report(int ok, const char *file, int line, const char *fmt, ...) {
    check_count++;
    if (ok) return 1;
    if (++check_failures > CHECK_MAX_PRINTED) {
        if (check_failures == CHECK_MAX_PRINTED + 1) fprintf(stderr, "(further failures are counted, not printed)\n");
        return 0;
    }
    fprintf(stderr, "%s:%d: ", file, line);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    if (check_case_text[0]) fprintf(stderr, "    case: %s\n", check_case_text);
    return 0;
}

static inline uint64_t check_bits(double d) {
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    return u;
}

/* Distance in units in the last place; 0 for equal values (+0 and -0 too),
 * infinite across a sign change or against NaN. */
static inline double check_ulps(double a, double b) {
    if (isnan(a) || isnan(b)) return INFINITY;
    if (a == b) return 0;
    if ((a < 0) != (b < 0)) return INFINITY;
    uint64_t ua = check_bits(fabs(a)), ub = check_bits(fabs(b));
    return ua > ub ? (double)(ua - ub) : (double)(ub - ua);
}

/* ------------------------------------------------ the checks */

/* A condition that is a fact in itself (a predicate, not a comparison of two
 * values: compare with the typed checks below, which print both sides). */
#define CHECK(cond) check_report(!!(cond), __FILE__, __LINE__, "CHECK(%s) failed", #cond)

/* A condition with its own explanation: CHECK_MSG(ok, "fmt", values...). */
#define CHECK_MSG(cond, ...) check_report(!!(cond), __FILE__, __LINE__, __VA_ARGS__)

#define CHECK_INT(got, want) check_int(__FILE__, __LINE__, #got, (long long)(got), (long long)(want))
static inline int check_int(const char *file, int line, const char *what, long long got, long long want) {
    return check_report(got == want, file, line, "%s = %lld, expected %lld", what, got, want);
}

/* A bp_status, printed with its meaning. */
#define CHECK_STATUS(got, want) check_status(__FILE__, __LINE__, #got, (got), (want))
static inline int check_status(const char *file, int line, const char *what, bp_status got, bp_status want) {
    return check_report(got == want, file, line, "%s = %d (%s), expected %d (%s)", what, (int)got,
                        bp_status_str(got), (int)want, bp_status_str(want));
}
#define CHECK_OK(got) CHECK_STATUS(got, BP_OK)

/* The same number: equal, and the same sign if both are zero. NaN fails. */
#define CHECK_SAME(got, want) check_same_at(__FILE__, __LINE__, #got, (got), (want), 0)
/* As CHECK_SAME, but a NaN expected is met by a NaN got (any payload). For
 * tables where some rows expect NaN (a NaN input passed through). */
#define CHECK_SAME_OR_BOTH_NAN(got, want) check_same_at(__FILE__, __LINE__, #got, (got), (want), 1)
static inline int check_same_at(const char *file, int line, const char *what, double got, double want, int nan_ok) {
    int ok = nan_ok && isnan(want) ? isnan(got) : got == want && signbit(got) == signbit(want);
    return check_report(ok, file, line, "%s = %.17g (%a), expected %.17g (%a)", what, got, got, want, want);
}

#define CHECK_NAN(got) check_nan_at(__FILE__, __LINE__, #got, (got))
static inline int check_nan_at(const char *file, int line, const char *what, double got) {
    return check_report(isnan(got), file, line, "%s = %.17g (%a), expected NaN", what, got, got);
}

/* The same 64 bits: NaN payloads and the sign of zero included. */
#define CHECK_BITS(got, want) check_bits_at(__FILE__, __LINE__, #got, (got), (want))
static inline int check_bits_at(const char *file, int line, const char *what, double got, double want) {
    return check_report(check_bits(got) == check_bits(want), file, line,
                        "%s = %.17g (%a, bits %016llx), expected %.17g (%a, bits %016llx)", what, got, got,
                        (unsigned long long)check_bits(got), want, want, (unsigned long long)check_bits(want));
}

/* |got - want| <= rel * max(|got|, |want|), or equal (so Infinity meets
 * Infinity). NaN fails. */
#define CHECK_NEAR(got, want, rel) check_near_at(__FILE__, __LINE__, #got, (got), (want), (rel))
static inline int check_near_at(const char *file, int line, const char *what, double got, double want, double rel) {
    int ok = got == want || fabs(got - want) <= rel * fmax(fabs(got), fabs(want));
    double off = fmax(fabs(got), fabs(want)) > 0 ? fabs(got - want) / fmax(fabs(got), fabs(want)) : 0;
    return check_report(ok, file, line, "%s = %.17g (%a), expected %.17g (%a) within rel %g (off by rel %.3g)", what,
                        got, got, want, want, rel, off);
}

/* At most max_ulps units in the last place apart, same sign. NaN fails. */
#define CHECK_ULPS(got, want, max_ulps) check_ulps_at(__FILE__, __LINE__, #got, (got), (want), (max_ulps))
static inline int check_ulps_at(const char *file, int line, const char *what, double got, double want, double max_ulps) {
    double u = check_ulps(got, want);
    return check_report(u <= max_ulps, file, line, "%s = %.17g (%a), expected %.17g (%a) within %g ulp (off by %g)",
                        what, got, got, want, want, max_ulps, u);
}

/* got[i] against want[i] for each i < n, as CHECK_SAME (or
 * CHECK_SAME_OR_BOTH_NAN); a failure names the element. */
#define CHECK_ARRAY_SAME(got, want, n) check_array_at(__FILE__, __LINE__, #got, (got), (want), (n), 0)
#define CHECK_ARRAY_SAME_OR_BOTH_NAN(got, want, n) check_array_at(__FILE__, __LINE__, #got, (got), (want), (n), 1)
static inline int check_array_at(const char *file, int line, const char *what, const double *got, const double *want,
                                 size_t n, int nan_ok) {
    int ok = 1;
    for (size_t i = 0; i < n; i++) {
        char element[160];
        snprintf(element, sizeof element, "%s[%zu]", what, i);
        ok &= check_same_at(file, line, element, got[i], want[i], nan_ok);
    }
    return ok;
}

/* got < bound, got <= bound (doubles; NaN fails). */
#define CHECK_LT(got, bound) check_order_at(__FILE__, __LINE__, #got, (got), (bound), 0)
#define CHECK_LE(got, bound) check_order_at(__FILE__, __LINE__, #got, (got), (bound), 1)
static inline int check_order_at(const char *file, int line, const char *what, double got, double bound, int or_equal) {
    int ok = or_equal ? got <= bound : got < bound;
    return check_report(ok, file, line, "%s = %.17g (%a), expected %s %.17g", what, got, got, or_equal ? "<=" : "<",
                        bound);
}

#define CHECK_STR(got, want) check_str_at(__FILE__, __LINE__, #got, (got), (want))
static inline int check_str_at(const char *file, int line, const char *what, const char *got, const char *want) {
    int ok = got && want && strcmp(got, want) == 0;
    return check_report(ok, file, line, "%s = \"%s\", expected \"%s\"", what, got ? got : "(null)",
                        want ? want : "(null)");
}

/* `text` contains `part` (the text is printed up to 600 bytes). */
#define CHECK_CONTAINS(text, part) check_contains_at(__FILE__, __LINE__, #text, (text), (part))
static inline int check_contains_at(const char *file, int line, const char *what, const char *text, const char *part) {
    int ok = text && part && strstr(text, part) != NULL;
    return check_report(ok, file, line, "%s does not contain \"%s\"; it is \"%.600s%s\"", what,
                        part ? part : "(null)", text ? text : "(null)", text && strlen(text) > 600 ? "..." : "");
}

static inline int check_summary(const char *name) {
    printf("%s: %d checks, %d failed\n", name, check_count, check_failures);
    return check_failures != 0;
}

#endif
