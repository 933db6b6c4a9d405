/* decimal.c: decimal text to the nearest double, ties to even, without
 * strtod.
 *
 * Why not strtod: in the WebAssembly build it drags in long-double (128-bit
 * soft-float) arithmetic, a large part of a small module. This file uses only
 * 32- and 64-bit integers and, on one fast path, double multiply and divide.
 *
 * How: the significant digits form an integer M and the number is M * 10^e.
 * - Fast path (Clinger): M < 10^15 and |e| <= 22. M and 10^|e| are then exact
 *   doubles, so one IEEE multiply or divide rounds the exact value once.
 * - Otherwise exact arithmetic: with 10^e = 5^e * 2^e, let N/D be M*5^e / 1
 *   or M / 5^-e (big integers, base 2^32). Shift the smaller of N, D left so
 *   both have the same bit length; N/D is then in (1/2, 2), and 64 or 65
 *   steps of shift-and-subtract division give a 64-bit quotient whose
 *   remainder, zero or not, is the sticky bit. Rounding 64 bits plus sticky
 *   to 53 (fewer for subnormals) is then exact, ties to even included.
 * Only the first MAXD significant digits are kept; any later nonzero digit is
 * replaced by one digit 1 after them. That is exact for rounding because no
 * midpoint between two doubles has more than 767 significant digits, so none
 * can lie between the truncated and the true value. */
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "internal.h"

enum {
    MAXD = 800,  /* significant digits kept (>= 768, see above) */
    /* Words of a big integer: M < 10^(MAXD+1) has at most 2661 bits, and
     * D = 5^k at most 2610, as k <= MAXD + 1 + 323 (beyond that the answer
     * is 0 before any big arithmetic). Aligned, either fits 84 words, and
     * the division adds a zero word above: 85 used, a little to spare. */
    NW = 88
};

/* a = a * m + add; returns the new length. */
static int mul_add(uint32_t *a, int n, uint32_t m, uint32_t add) {
    uint64_t c = add;
    for (int i = 0; i < n; i++) {
        c += (uint64_t)a[i] * m;
        a[i] = (uint32_t)c;
        c >>= 32;
    }
    if (c) a[n++] = (uint32_t)c;
    return n;
}

/* a = a * 5^k, by 5^13 (the largest power of five in 32 bits) while we can. */
static int mul_pow5(uint32_t *a, int n, int k) {
    for (; k >= 13; k -= 13) n = mul_add(a, n, 1220703125, 0);
    while (k--) n = mul_add(a, n, 5, 0);
    return n;
}

/* a = a << sh: whole words by moving (top down, a loop rather than memmove,
 * which the module would otherwise link only for this), the rest by
 * multiplying by 2^b. */
static int shl(uint32_t *a, int n, int sh) {
    int w = sh >> 5;
    for (int i = n - 1; i >= 0; i--) a[i + w] = a[i];
    memset(a, 0, 4 * (size_t)w);
    return mul_add(a, n + w, (uint32_t)1 << (sh & 31), 0);
}

static int bitlen(const uint32_t *a, int n) {
    return 32 * n - __builtin_clz(a[n - 1]);
}

/* If a >= b, a -= b and return 1; else 0. Both have w words. */
static int sub_if_ge(uint32_t *a, const uint32_t *b, int w) {
    int i = w - 1;
    while (i > 0 && a[i] == b[i]) i--;
    if (a[i] < b[i]) return 0;
    uint64_t borrow = 0;
    for (i = 0; i < w; i++) {
        uint64_t t = (uint64_t)a[i] - b[i] - borrow;
        a[i] = (uint32_t)t;
        borrow = t >> 63;
    }
    return 1;
}

/* The double nearest q * 2^E + r, where q >= 2^63 and 0 <= r < 2^E, with
 * r > 0 iff sticky. */
static double assemble(uint64_t q, int E, int sticky, int *range) {
    /* The value is in [2^(E+63), 2^(E+64)). Keep 53 bits when normal; below
     * 2^-1022 keep fewer, down to none (drop 64: the top bit is the
     * rounding bit of 2^-1074). */
    int biased = E + 63 + 1022, drop = 11;
    if (biased < 0) {
        drop -= biased;
        biased = 0;
    }
    if (drop > 64) return 0;
    if (drop == 64) {  /* keep the shifts below 64 */
        sticky |= (int)(q & 1);
        q >>= 1;
        drop = 63;
    }
    uint64_t half = (uint64_t)1 << (drop - 1), rest = q & (2 * half - 1);
    uint64_t m = q >> drop;
    if (rest > half || (rest == half && (sticky || (m & 1)))) m++;
    /* A normal m includes the hidden bit 2^52, hence 1022 not 1023; a
     * rounding carry out of m moves into the exponent, and a subnormal that
     * rounds up to 2^52 becomes the smallest normal, as it should. */
    uint64_t bits = ((uint64_t)biased << 52) + m;
    if (bits >= (uint64_t)0x7FF << 52) {
        *range = 1;
        return HUGE_VAL;  /* +Infinity */
    }
    double d;
    memcpy(&d, &bits, sizeof d);
    return d;
}

double bp__decimal_to_double(const char *s, const char **end, int *range) {
    uint32_t N[NW], D[NW];
    int n = 0, nd = 0, e = 0, any = 0, dot = 0, sticky = 0;
    const char *p = s;
    *range = 0;
    /* The value is M * 10^e, M = N the integer of the nd significant digits
     * (leading zeros are not counted). e changes by at most one a character,
     * so it cannot overflow for any input shorter than about 10^9. */
    for (;; p++) {
        unsigned d = (unsigned)(unsigned char)*p - '0';
        if (*p == '.' && !dot) {
            dot = 1;
            continue;
        }
        if (d > 9) break;
        any = 1;
        if (nd < MAXD) {
            if (nd || d) {
                n = mul_add(N, n, 10, d);
                nd++;
            }
            e -= dot;
        } else {
            sticky |= (int)d;
            e += !dot;
        }
    }
    if (!any) {
        *end = s;
        return 0;
    }
    if ((*p | 32) == 'e') {
        /* Only with digits after it is this an exponent, as for strtod. */
        const char *q = p + 1;
        int neg = *q == '-', x = 0;
        q += neg || *q == '+';
        if ((unsigned)(*q - '0') <= 9) {
            /* Clamped: past 10^8 the answer is 0 or Infinity anyway. */
            for (; (unsigned)(*q - '0') <= 9; q++)
                if (x < 100000000) x = x * 10 + (*q - '0');
            e += neg ? -x : x;
            p = q;
        }
    }
    *end = p;
    if (sticky) {
        n = mul_add(N, n, 10, 1);
        nd++;
        e--;
    }
    /* M * 10^e < 10^(nd+e): at most 10^-324, below half of 2^-1074. */
    if (!nd || nd + e <= -324) return 0;
    /* M * 10^e >= 10^(nd+e-1) >= 10^309: beyond the largest double. */
    if (nd + e > 309) {
        *range = 1;
        return HUGE_VAL;  /* +Infinity */
    }

    if (nd <= 15 && e >= -22 && e <= 22) {
        double v = (double)(N[0] | (n > 1 ? (uint64_t)N[1] << 32 : 0)), t = 1;
        for (int i = e < 0 ? -e : e; i > 0; i--) t *= 10;  /* exact to 10^22 */
        return e < 0 ? v / t : v * t;
    }
    int m = 1;
    D[0] = 1;
    if (e >= 0)
        n = mul_pow5(N, n, e);
    else
        m = mul_pow5(D, m, -e);
    int ln = bitlen(N, n), ld = bitlen(D, m);
    if (ln > ld)
        m = shl(D, m, ln - ld);
    else
        shl(N, n, ld - ln);
    /* Equal bit lengths, so both have m words; one more makes room for
     * doubling N. N/D < 2 now, so one subtraction a step keeps N < D, and
     * N stays below 2D.
     * Quotient bits come from 2^0 down until there are 64 of them (64 or 65
     * steps, as N/D > 1/2): M * 10^e = N/D * 2^(ln - ld + e). */
    N[m] = D[m] = 0;
    m++;
    uint64_t q = 0;
    e += ln - ld + 1;
    do {
        q = q << 1 | (uint64_t)sub_if_ge(N, D, m);
        mul_add(N, m, 2, 0);
        e--;
    } while (!(q >> 63));
    uint32_t r = 0;  /* the remainder, as a sticky bit */
    while (m--) r |= N[m];
    return assemble(q, e, r != 0, range);
}
