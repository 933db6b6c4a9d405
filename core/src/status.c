/* status.c: status names, the core's free() and its message formatter. */
#include <stdarg.h>
#include <stdlib.h>
#include "internal.h"

const char *bp_status_str(bp_status status) {
    switch (status) {
    case BP_OK:         return "ok";
    case BP_ERR_NOMEM:  return "out of memory";
    case BP_ERR_ARG:    return "bad argument";
    case BP_ERR_NUMBER: return "not a number";
    case BP_ERR_RANGE:  return "number out of range";
    case BP_ERR_SYNTAX: return "syntax error";
    case BP_ERR_LIMIT:  return "over a limit";
    }
    return "unknown status";
}

void bp_free(void *p) { free(p); }

/* Append s (n bytes) to buf[*len], keeping a NUL inside size; *len counts
 * what would have been written, as snprintf does. */
static void emit(char *buf, size_t size, size_t *len, const char *s, size_t n) {
    for (size_t i = 0; i < n; i++, (*len)++)
        if (*len + 1 < size) buf[*len] = s[i];
}

int bp__vformat(char *buf, size_t size, const char *fmt, va_list ap) {
    size_t len = 0;
    for (const char *f = fmt; *f; f++) {
        if (*f != '%') {
            emit(buf, size, &len, f, 1);
            continue;
        }
        f++;
        /* [0][width][.*][l] then s c d u zu x X %: what the core's messages use. */
        int zero_pad = *f == '0';
        if (zero_pad) f++;
        int width = 0;
        while (*f >= '0' && *f <= '9') width = width * 10 + (*f++ - '0');
        int precision = -1;
        if (f[0] == '.' && f[1] == '*') {
            precision = va_arg(ap, int);
            f += 2;
        }
        int is_long = *f == 'l';
        if (is_long) f++;
        if (*f == 's') {
            const char *s = va_arg(ap, const char *);
            if (!s) s = "(null)";
            /* With a precision, s need not end in a NUL before it, as in printf. */
            size_t n = 0;
            while ((precision < 0 || n < (size_t)precision) && s[n]) n++;
            emit(buf, size, &len, s, n);
        } else if (*f == 'c') {
            char c = (char)va_arg(ap, int);
            emit(buf, size, &len, &c, 1);
        } else if (*f == 'd' || *f == 'u' || *f == 'x' || *f == 'X' || (*f == 'z' && f[1] == 'u')) {
            /* Digits from the lowest up, in unsigned arithmetic so INT_MIN is fine. */
            unsigned long long v;
            int negative = 0;
            unsigned base = (*f == 'x' || *f == 'X') ? 16 : 10;
            const char *digit_chars = *f == 'x' ? "0123456789abcdef" : "0123456789ABCDEF";
            if (*f == 'd') {
                long d = is_long ? va_arg(ap, long) : va_arg(ap, int);
                negative = d < 0;
                v = negative ? 0ull - (unsigned long long)d : (unsigned long long)d;
            } else if (*f == 'z') {
                v = va_arg(ap, size_t);
                f++;
            } else {
                v = is_long ? va_arg(ap, unsigned long) : va_arg(ap, unsigned);
            }
            char digits[24];
            int nd = 0;
            do digits[nd++] = digit_chars[v % base]; while ((v /= base) != 0);
            while (nd < width && nd < (int)sizeof digits - 1) digits[nd++] = zero_pad ? '0' : ' ';
            if (negative) emit(buf, size, &len, "-", 1);
            while (nd) emit(buf, size, &len, &digits[--nd], 1);
        } else if (*f == '%') {
            emit(buf, size, &len, "%", 1);
        } else {
            break; /* an unsupported conversion: stop rather than read a wrong argument */
        }
    }
    if (size) buf[len < size ? len : size - 1] = '\0';
    return (int)len;
}

int bp__format(char *buf, size_t size, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = bp__vformat(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
