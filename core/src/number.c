/* number.c: strict number parsing and shortest round-trip formatting. */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
static int is_digit(char c) { return c >= '0' && c <= '9'; }

static bp_status refuse(const char **why, const char *reason, bp_status status) {
    if (why) *why = reason;
    return status;
}

bp_status bp_parse_number(const char *text, double *out, const char **why) {
    if (!text) return refuse(why, "no text", BP_ERR_ARG);
    const char *p = text;
    while (is_space(*p)) p++;
    const char *end = text + strlen(text);
    while (end > p && is_space(end[-1])) end--;
    if (p == end) return refuse(why, "empty: expected a number", BP_ERR_NUMBER);
    size_t len = (size_t)(end - p);
    if (len > 400) return refuse(why, "too long to be a number", BP_ERR_NUMBER);

    /* The sign: '+', '-' or U+2212 MINUS SIGN (E2 88 92 in UTF-8). */
    int negative = 0;
    if (*p == '+' || *p == '-') negative = *p++ == '-';
    else if ((unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x88 && (unsigned char)p[2] == 0x92) {
        negative = 1;
        p += 3;
    }
    size_t rest = (size_t)(end - p);
    static const char *const specials[] = {"inf", "Infinity", "nan", "NaN"};
    for (size_t i = 0; i < 4; i++) {
        if (rest == strlen(specials[i]) && memcmp(p, specials[i], rest) == 0) {
            *out = i < 2 ? (negative ? -INFINITY : INFINITY) : NAN;
            return BP_OK;
        }
    }

    /* digits [ '.' digits ] [ ('e'|'E') [sign] digits ], at least one mantissa digit */
    const char *q = p;
    int mantissa_digits = 0;
    while (q < end && is_digit(*q)) { q++; mantissa_digits++; }
    if (q < end && *q == '.') {
        q++;
        while (q < end && is_digit(*q)) { q++; mantissa_digits++; }
    }
    if (mantissa_digits == 0) {
        if (q < end && *q == ',')
            return refuse(why, "use '.' for decimals, not ','", BP_ERR_NUMBER);
        return refuse(why, "not a number", BP_ERR_NUMBER);
    }
    if (q < end && (*q == 'e' || *q == 'E')) {
        q++;
        if (q < end && (*q == '+' || *q == '-')) q++;
        int exp_digits = 0;
        while (q < end && is_digit(*q)) { q++; exp_digits++; }
        if (exp_digits == 0) return refuse(why, "exponent without digits", BP_ERR_NUMBER);
    }
    if (q != end) {
        if (*q == ',')
            return refuse(why, "use '.' for decimals, not ','", BP_ERR_NUMBER);
        return refuse(why, "not a number", BP_ERR_NUMBER);
    }
    /* The syntax is checked, so the conversion consumes exactly `rest` bytes. */
    const char *stop;
    int range = 0;
    double value = bp__decimal_to_double(p, &stop, &range);
    if (range) return refuse(why, "too large for a double (beyond 1.8e308)", BP_ERR_RANGE);
    if (negative) value = -value;
    *out = value;
    return BP_OK;
}

int bp_format_number(char *buf, double value) {
    if (isnan(value)) return (int)(strcpy(buf, "NaN"), 3);
    if (isinf(value)) {
        strcpy(buf, value > 0 ? "Infinity" : "-Infinity");
        return value > 0 ? 8 : 9;
    }
    if (value == 0) {
        strcpy(buf, signbit(value) ? "-0" : "0");
        return signbit(value) ? 2 : 1;
    }
    /* The fewest significant digits that read back to the same double. If
     * some k <= 15 digits do, rounding to 15 digits gives those k digits and
     * zeros (the double is within half an ulp, 1.1e-16 relative, of them,
     * while 15-digit decimals are at least 1e-15 apart), and the zeros are
     * trimmed below; otherwise 16 or 17 digits. At most three tries, except
     * for subnormals, whose ulp is relatively larger: they try every length. */
    char sci[40];
    for (int precision = fabs(value) < DBL_MIN ? 0 : 14; precision <= 16; precision++) {
        snprintf(sci, sizeof sci, "%.*e", precision, value);
        /* strtod here: formatting is never linked into the WASM module, and
         * the C library's is fast for the 16 and 17 digit cases. */
        if (strtod(sci, NULL) == value) break;
    }
    /* sci is "-d.ddde+XX": split it into sign, digits and decimal exponent. */
    const char *s = sci;
    int negative = *s == '-';
    if (negative) s++;
    char digits[24];
    int nd = 0;
    for (; *s && *s != 'e'; s++)
        if (is_digit(*s)) digits[nd++] = *s;
    while (nd > 1 && digits[nd - 1] == '0') nd--;
    int e = atoi(s + 1); /* value = d.ddd * 10^e */

    /* JavaScript's Number.prototype.toString layout. */
    char *o = buf;
    if (negative) *o++ = '-';
    if (e >= -6 && e < 21) {
        if (e < 0) {
            *o++ = '0';
            *o++ = '.';
            for (int i = -1; i > e; i--) *o++ = '0';
            for (int i = 0; i < nd; i++) *o++ = digits[i];
        } else {
            for (int i = 0; i <= e || i < nd; i++) {
                if (i == e + 1) *o++ = '.';
                *o++ = i < nd ? digits[i] : '0';
            }
        }
    } else {
        *o++ = digits[0];
        if (nd > 1) {
            *o++ = '.';
            for (int i = 1; i < nd; i++) *o++ = digits[i];
        }
        o += sprintf(o, "e%c%d", e < 0 ? '-' : '+', e < 0 ? -e : e);
    }
    *o = '\0';
    return (int)(o - buf);
}
