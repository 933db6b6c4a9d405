/* status.c: status names, the core's free() and its message formatter. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
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
        char digits[24];
        size_t nd = 0;
        if (*f == 's') {
            const char *s = va_arg(ap, const char *);
            if (!s) s = "(null)";
            emit(buf, size, &len, s, strlen(s));
        } else if (*f == 'c') {
            char c = (char)va_arg(ap, int);
            emit(buf, size, &len, &c, 1);
        } else if (*f == 'd' || (*f == 'z' && f[1] == 'u')) {
            /* Digits from the lowest up, in unsigned arithmetic so INT_MIN is fine. */
            unsigned long long v;
            int negative = 0;
            if (*f == 'd') {
                int d = va_arg(ap, int);
                negative = d < 0;
                v = negative ? 0ull - (unsigned long long)d : (unsigned long long)d;
            } else {
                v = va_arg(ap, size_t);
                f++;
            }
            do digits[nd++] = (char)('0' + v % 10); while ((v /= 10) != 0);
            if (negative) digits[nd++] = '-';
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
