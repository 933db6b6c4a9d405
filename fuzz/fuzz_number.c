/* fuzz_number.c: libFuzzer target for the number reader. The data (copied to
 * get its NUL) goes through
 *   - bp__decimal_to_double, the core's own decimal conversion, which claims
 *     to round exactly as strtod does: it must consume the longest decimal
 *     prefix and give strtod's bits for it, and flag overflow iff Infinity;
 *   - bp_parse_number: it must accept exactly what the README's grammar
 *     accepts (spaces around, one sign '+', '-' or U+2212, then inf,
 *     Infinity, nan, NaN or a decimal of at most 400 characters), refuse the
 *     rest with a reason and its output untouched, and give strtod's bits
 *     (with the sign applied) for every decimal it accepts.
 * strtod is glibc's, correctly rounded. A broken invariant abort()s: that is
 * how a fuzzer reports it. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "backprop.h"
#include "internal.h"

static void require(int ok) {
    if (!ok) abort();
}

static uint64_t bits(double d) {
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    return u;
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* The length of the longest prefix of s that is a decimal: digits, an
 * optional '.' and digits (at least one digit in all), then an optional
 * exponent, 'e' or 'E', a sign maybe, and at least one digit. */
static size_t decimal_prefix(const char *s) {
    size_t i = 0, digits = 0;
    for (; is_digit(s[i]); i++) digits++;
    if (s[i] == '.')
        for (i++; is_digit(s[i]); i++) digits++;
    if (digits == 0) return 0;
    if (s[i] == 'e' || s[i] == 'E') {
        size_t j = i + 1;
        if (s[j] == '+' || s[j] == '-') j++;
        size_t k = j;
        while (is_digit(s[k])) k++;
        if (k > j) return k;
    }
    return i;
}

/* strtod of the first n characters of s (on a copy, so that strtod cannot
 * read hex, inf or anything else past them); it must use all n. */
static double strtod_of(const char *s, size_t n) {
    char *copy = malloc(n + 1);
    require(copy != NULL);
    memcpy(copy, s, n);
    copy[n] = '\0';
    char *end;
    double v = strtod(copy, &end);
    require(end == copy + n);
    free(copy);
    return v;
}

static void check_conversion(const char *s) {
    size_t n = decimal_prefix(s);
    const char *end = NULL;
    int range = -1;
    double got = bp__decimal_to_double(s, &end, &range);
    require(end == s + n);
    if (n == 0) {
        require(bits(got) == 0 && range == 0);
        return;
    }
    double want = strtod_of(s, n);
    require(bits(got) == bits(want));
    require(range == (isinf(want) ? 1 : 0));
}

/* What bp_parse_number should say about text, worked out from the grammar
 * with strtod doing the arithmetic. */
static bp_status reference(const char *text, double *out) {
    const char *p = text, *end = text + strlen(text);
    while (is_space(*p)) p++;
    while (end > p && is_space(end[-1])) end--;
    size_t len = (size_t)(end - p);
    if (len == 0 || len > 400) return BP_ERR_NUMBER;
    int negative = 0;
    if (*p == '+' || *p == '-') negative = *p++ == '-';
    else if (len >= 3 && memcmp(p, "\xE2\x88\x92", 3) == 0) {
        negative = 1;
        p += 3;
    }
    size_t rest = (size_t)(end - p);
    static const char *const infinities[] = {"inf", "Infinity"}, *const nans[] = {"nan", "NaN"};
    for (int i = 0; i < 2; i++) {
        if (rest == strlen(infinities[i]) && memcmp(p, infinities[i], rest) == 0) {
            *out = negative ? -INFINITY : INFINITY;
            return BP_OK;
        }
        if (rest == strlen(nans[i]) && memcmp(p, nans[i], rest) == 0) {
            *out = NAN;
            return BP_OK;
        }
    }
    if (rest == 0 || decimal_prefix(p) != rest) return BP_ERR_NUMBER;
    double v = strtod_of(p, rest);
    if (isinf(v)) return BP_ERR_RANGE;
    *out = negative ? -v : v;
    return BP_OK;
}

static void check_parse(const char *text) {
    const double untouched = 12345.678;
    double got = untouched, want = untouched;
    const char *why = NULL;
    bp_status s = bp_parse_number(text, &got, &why);
    bp_status ref = reference(text, &want);
    require(s == ref);
    if (s == BP_OK) {
        require(isnan(want) ? isnan(got) : bits(got) == bits(want));
    } else {
        require(why != NULL && why[0] != '\0');
        require(bits(got) == bits(untouched));
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *text = malloc(size + 1);
    if (!text) return 0;
    memcpy(text, data, size);
    text[size] = '\0'; /* an embedded NUL ends the text, for both sides */
    check_conversion(text);
    check_parse(text);
    free(text);
    return 0;
}
