/* test_decimal.c: bp__decimal_to_double against the platform's strtod (glibc
 * natively, musl in WASM; both correctly rounded), bit for bit, with the same
 * end pointer and the overflow flag: hard cases by hand, exact midpoints
 * between neighbouring doubles and their near neighbours, a pseudo-random
 * sweep of decimal strings, and random doubles printed and read back. */
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "../core/src/internal.h"

#ifdef __EMSCRIPTEN__
enum { SWEEP = 400000, DOUBLES = 100000, MIDPOINTS = 2000 };
#else
enum { SWEEP = 1000000, DOUBLES = 300000, MIDPOINTS = 20000 };
#endif

static uint64_t bits_of(double d) { return check_bits(d); }

static double of_bits(uint64_t u) {
    double d;
    memcpy(&d, &u, sizeof d);
    return d;
}

/* A check: s parses to what strtod says, the same bits, the same end, and
 * range set iff the result is Infinity. Only strings within our grammar
 * (strtod also takes signs, spaces, hex, inf). */
#define AGREES(s) agrees_at(__FILE__, __LINE__, (s))
static int agrees_at(const char *file, int line, const char *s) {
    char *ref_end;
    double ref = strtod(s, &ref_end);
    const char *end = NULL;
    int range = -1;
    double got = bp__decimal_to_double(s, &end, &range);
    int ok = bits_of(got) == bits_of(ref) && end == ref_end && range == (isinf(ref) ? 1 : 0);
    return check_report(ok, file, line,
                        "\"%.200s\"%s: got %.17g (%a, end +%ld, range %d), strtod gives %.17g (%a, end +%ld)", s,
                        strlen(s) > 200 ? "..." : "", got, got, end ? (long)(end - s) : -1L, range, ref, ref,
                        (long)(ref_end - s));
}

/* s parses to exactly the double with these bits, consuming len characters. */
static void expect(const char *s, uint64_t bits, size_t len, int want_range) {
    check_case("\"%s\"", s);
    const char *end = NULL;
    int range = -1;
    double got = bp__decimal_to_double(s, &end, &range);
    CHECK_BITS(got, of_bits(bits));
    CHECK_INT(end ? end - s : -1, len);
    CHECK_INT(range, want_range);
    check_case(NULL);
}

/* ------------------------------------------------ a deterministic PRNG */

static uint64_t rng_state = 0x9E3779B97F4A7C15u;

static uint64_t rng(void) {  /* xorshift64 */
    uint64_t x = rng_state;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return rng_state = x;
}

static int below(int n) { return (int)(rng() % (uint64_t)n); }

/* ------------------------------------------------ hard cases by hand */

static const char *const hard[] = {
    "0", "0.0", "00000", ".0", "0.", "0e0", "0e999999999", "0.000e-99999",
    "1", "9", "10", "1.5", "123.456", "5.", ".5", "00012", "0.0001", "000.000125e3",
    "9007199254740992", "9007199254740993", "9007199254740994", "9007199254740995",
    "9007199254740993.0000000000000000000000000000001",
    "9007199254740992.9999999999999999999999999999999",
    "18014398509481987", "18014398509481986", "18014398509481985",
    "2.2250738585072011e-308", "2.2250738585072012e-308", "2.2250738585072014e-308",
    "2.225073858507201136057409796709131975934819546351645648e-308",
    "2.2250738585072009e-308", "2.2250738585072013e-308",
    "4.9406564584124654e-324", "4.9406564584124655e-324", "5e-324", "3e-324",
    "2.4703282292062327e-324", "2.4703282292062328e-324", "2.47032822920623272e-324",
    "2.4703282292062327208828439643411068618252990130716238221279284125033775364"
    "5101e-324",
    "2.4703282292062327208828439643411068618252990130716238221279284125033775363"
    "5101e-324",
    "1e-324", "2e-324", "1e-323", "1e-320", "1.5e-323", "7.4109846876186982e-324",
    "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308",
    "1.797693134862315708145274237317043567980705675258449965989174768031572607800"
    "28538760589558632766878171540458953514382464234321326889464182768467546703537"
    "516986049910576551282076245490090389328944075868508455133942304583236903222948"
    "165808559332123348274797826204144723168738177180919299881250404026184124858368e0",
    "179769313486231580793728971405303415079934132710037826936173778980444968292764"
    "750946649017977587207096330286416692887910946555547851940402630657488671505820"
    "681908902000708383676273854845817711531764475730270069855571366959622842914819"
    "860834936475292719074168444365510704342711559699508093042880177904174497791.99",
    "179769313486231580793728971405303415079934132710037826936173778980444968292764"
    "750946649017977587207096330286416692887910946555547851940402630657488671505820"
    "681908902000708383676273854845817711531764475730270069855571366959622842914819"
    "860834936475292719074168444365510704342711559699508093042880177904174497792",
    "1e308", "1e309", "1e310", "9.9e307", "1e999999999999", "1e-999999999999",
    "123456789012345678901234567890e-20", "123456789012345678901234567890e20",
    "0.1", "0.2", "0.3", "0.7", "1e23", "8.41e21", "5e-20", "1e22", "1e-22",
    "3.14159265358979323846264338327950288419716939937510", "2.718281828459045",
    "100000000000000000000000", "999999999999999999999999999999999999999",
    "0.000000000000000000000000000000000000000000000000000000000000000000000001",
    "1.00000000000000011102230246251565404236316680908203125",  /* 1 + ulp/2 */
    "1.00000000000000011102230246251565404236316680908203124",
    "1.00000000000000011102230246251565404236316680908203126",
    "1.00000000000000033306690738754696212708950042724609375",  /* 1 + 3ulp/2 */
    "7.0420557077594588669468784357561207962098443483187940792729600000e59",
    "9.5e-1", "4.35679e-4", "1.0e+0", "1E+2", "1e-0", "12e+000000000000000000000004",
    "0.5e1", "5e-1", "6.631236846766476e-316", "3.2378839133029012e-319",
    "69533558078476371e-340", "2.4e-323", "9.88131291682493088353e-324",
    "1438456663141390273526118207642235581183227845246331231162636653790368152091394"
    "196930365828634687637948157940776599182791387527135353034738357134110310609455"
    "693900824193549772792016543182680519740580354365467985440183598701312257624545"
    "562331397018329928613196125590274187720073914818062530830316533158098624984118"
    "889298281371812288789537310599037529113415438738954894752124724983067241108764"
    "488346454376699018673078404751121414804937224520613829519863698426012005416558"
    "6015955549e-325",
};

/* Text after the number, and what is not a number at all. */
static void ends(void) {
    expect("1e", bits_of(1), 1, 0);
    expect("1e+", bits_of(1), 1, 0);
    expect("1E-", bits_of(1), 1, 0);
    expect("1ex", bits_of(1), 1, 0);
    expect("1e+x", bits_of(1), 1, 0);
    expect("2.5e", bits_of(2.5), 3, 0);
    expect("5.e3", bits_of(5000), 4, 0);
    expect(".5e-1", bits_of(0.05), 5, 0);
    expect("1.5e+3x", bits_of(1500), 6, 0);
    expect("1..2", bits_of(1), 2, 0);
    expect("1.2.3", bits_of(1.2), 3, 0);
    expect("0x10", bits_of(0), 1, 0);
    expect("12 ", bits_of(12), 2, 0);
    expect("7,5", bits_of(7), 1, 0);
    expect("3e4e5", bits_of(3e4), 3, 0);
    expect("1e-0009", bits_of(1e-9), 7, 0);
    expect("4\xE2\x88\x92", bits_of(4), 1, 0);
    expect("1e\xE2", bits_of(1), 1, 0);
    expect("9\xB0", bits_of(9), 1, 0);
    expect("1e400", bits_of(INFINITY), 5, 1);
    expect("1e-400", bits_of(0), 6, 0);
    static const char *const none[] = {
        "", ".", "..", ".e5", "e5", "E5", "-1", "+1", " 1", "inf", "nan",
        "Infinity", "x", "\xE2\x88\x92\x31", ",5", "-", "-.5",
    };
    for (size_t i = 0; i < sizeof none / sizeof none[0]; i++)
        expect(none[i], bits_of(0), 0, 0);
}

/* ------------------------------------------------ long strings */

static char big[8192];

static void long_strings(void) {
    /* 0.000...0001 with many zeros, and the same with a compensating exponent */
    for (int zeros = 300; zeros <= 4000; zeros += 37) {
        int n = sprintf(big, "0.");
        memset(big + n, '0', (size_t)zeros);
        n += zeros;
        n += sprintf(big + n, "1");
        big[n] = 0;
        AGREES(big);
        sprintf(big + n, "e%d", zeros - 5);
        AGREES(big);
        sprintf(big + n, "2345678901234567890123e%d", zeros + 1);
        AGREES(big);
    }
    /* Thousands of digits: integers, fractions, with and without exponents. */
    for (int len = 1; len <= 4000; len = len * 3 / 2 + 1) {
        for (int kind = 0; kind < 6; kind++) {
            int n = 0;
            for (int i = 0; i < len; i++) big[n++] = (char)('0' + (kind & 1 ? 9 : below(10)));
            if (kind >= 2) {
                int at = below(len + 1);
                memmove(big + at + 1, big + at, (size_t)(len - at));
                big[at] = '.';
                n++;
            }
            big[n] = 0;
            if (kind >= 4) sprintf(big + n, "e%d", -below(700) - (kind == 5 ? len : 0));
            AGREES(big);
        }
    }
    /* Leading zeros before a number, 4096 characters in all. */
    memset(big, '0', 4096);
    strcpy(big + 4096 - 22, "1.7976931348623158e308");
    AGREES(big);
    strcpy(big + 4096 - 22, "2.4703282292062328e-324");
    AGREES(big);
    /* The same digits with trailing zeros: beyond the digits we keep. */
    for (int pad = 700; pad <= 3000; pad += 300) {
        int n = sprintf(big, "2.4703282292062327208828439643411068618252990130716238221279284125033775");
        memset(big + n, '0', (size_t)pad);
        n += pad;
        sprintf(big + n, "e-324");
        AGREES(big);
        sprintf(big + n, "1e-324");
        AGREES(big);
    }
}

/* ------------------------------------------------ exact midpoints
 *
 * The midpoint between a double x = f * 2^q and the next one up is
 * (2f + 1) * 2^(q-1): written as an integer times 10^-k it takes up to 767
 * digits. We print it exactly with a small decimal big integer, then also a
 * hair above and below (a digit 1 far beyond the 800 digits the parser keeps,
 * or just after the midpoint's own digits). */

static int dec[1200], ndec;  /* little-endian decimal digits */

static void dec_mul(long long m) {
    long long c = 0;
    for (int i = 0; i < ndec; i++) {
        c += dec[i] * m;
        dec[i] = (int)(c % 10);
        c /= 10;
    }
    while (c) {
        dec[ndec++] = (int)(c % 10);
        c /= 10;
    }
}

static void midpoint(uint64_t u) {
    uint64_t f = u & (((uint64_t)1 << 52) - 1);
    int q = (int)(u >> 52 & 0x7FF);
    if (q) f |= (uint64_t)1 << 52;
    else q = 1;
    q -= 1075;  /* x = f * 2^q */
    uint64_t odd = 2 * f + 1;
    ndec = 0;
    for (; odd; odd /= 10) dec[ndec++] = (int)(odd % 10);
    int k = 0;  /* midpoint = dec * 10^-k */
    for (int i = 0; i < q - 1; i += 20) dec_mul(1LL << (q - 1 - i < 20 ? q - 1 - i : 20));
    for (; k < 1 - q; k += 10) {
        long long p = 1;
        for (int j = 0; j < 10 && k + j < 1 - q; j++) p *= 5;
        dec_mul(p);
    }
    k = 1 - q > 0 ? 1 - q : 0;
    int n = 0;
    for (int i = ndec - 1; i >= 0; i--) big[n++] = (char)('0' + dec[i]);
    sprintf(big + n, "e-%d", k);
    AGREES(big);  /* the tie itself */
    memset(big + n, '0', 900);
    sprintf(big + n + 900, "1e-%d", k + 901);
    AGREES(big);  /* a hair above, the 1 far past the kept digits */
    sprintf(big + n, "1e-%d", k + 1);
    AGREES(big);  /* a hair above, right after */
    int i = n - 1;  /* minus one in the last place, then 999: a hair below */
    while (big[i] == '0') big[i--] = '9';
    big[i]--;
    sprintf(big + n, "999e-%d", k + 3);
    AGREES(big);
    memset(big + n, '9', 1000);
    sprintf(big + n + 1000, "e-%d", k + 1000);
    AGREES(big);  /* below by less than anything the kept digits show */
}

static void midpoints(void) {
    static const uint64_t edges[] = {
        0, 1, 2, 3, 0x000FFFFFFFFFFFFFu, 0x0010000000000000u, 0x0010000000000001u,
        0x001FFFFFFFFFFFFFu, 0x3FEFFFFFFFFFFFFFu, 0x3FF0000000000000u,
        0x4340000000000000u, 0x433FFFFFFFFFFFFFu, 0x7FEFFFFFFFFFFFFEu,
        0x7FEFFFFFFFFFFFFFu,
    };
    for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++) midpoint(edges[i]);
    for (int i = 0; i < MIDPOINTS; i++) {
        uint64_t u = rng() & 0x7FFFFFFFFFFFFFFFu;
        if ((u >> 52) == 0x7FF) continue;
        /* Half of them near the ends, where subnormals and overflow live. */
        if (i & 1) u = (u & 0x800FFFFFFFFFFFFFu) | (uint64_t)(below(2) ? below(60) : 0x7FF - 1 - below(60)) << 52;
        midpoint(u);
    }
}

/* ------------------------------------------------ random strings */

static int random_string(char *s) {
    int n = 0, sig = 1 + below(25);
    int lead = below(4) == 0 ? below(5) : 0;  /* leading zeros sometimes */
    int at = below(3) == 0 ? -1 : below(lead + sig + 1);  /* dot position, or none */
    for (int i = 0; i < lead + sig; i++) {
        if (i == at) s[n++] = '.';
        int d = below(10);
        if (i == lead && d == 0) d = 1 + below(9);
        if (below(8) == 0) d = below(2) ? 0 : 9;  /* runs of 0 and 9 near ties */
        s[n++] = (char)('0' + d);
    }
    if (at == lead + sig) s[n++] = '.';
    if (below(16)) {
        int x = below(681) - 350;
        n += sprintf(s + n, "%s%s%d", below(2) ? "e" : "E", x >= 0 && below(4) == 0 ? "+" : "", x);
    }
    if (below(16) == 0) {  /* something after the number, maybe a bad exponent */
        static const char *const tails[] = {"e", "E+", "e-", ".", "x", " ", "e+x", ".5"};
        n += sprintf(s + n, "%s", tails[below(8)]);
    }
    s[n] = 0;
    return n;
}

static void sweep(void) {
    char s[80];
    for (int i = 0; i < SWEEP; i++) {
        random_string(s);
        AGREES(s);
    }
}

/* Random doubles of every magnitude printed with 17 and 16 digits (the first
 * reads back exactly), plus 15 digits and a few exact ones. */
static void doubles(void) {
    char s[64];
    for (int i = 0; i < DOUBLES; i++) {
        double x = of_bits(rng() & 0x7FFFFFFFFFFFFFFFu);
        if (!isfinite(x)) x = (double)i;
        sprintf(s, "%.17g", x);
        AGREES(s);
        const char *end;
        int range;
        check_case("%a printed as \"%s\"", x, s);
        CHECK_BITS(bp__decimal_to_double(s, &end, &range), x);
        check_case(NULL);
        sprintf(s, "%.16g", x);
        AGREES(s);
        sprintf(s, "%.15g", x);
        AGREES(s);
        double y = (double)(rng() >> below(64)) / (double)((uint64_t)1 << below(40));
        sprintf(s, "%.17g", y);
        AGREES(s);
    }
}

int main(void) {
    for (size_t i = 0; i < sizeof hard / sizeof hard[0]; i++) AGREES(hard[i]);
    expect("9007199254740993", 0x4340000000000000u, 16, 0);  /* tie to even, down */
    expect("9007199254740995", 0x4340000000000002u, 16, 0);  /* tie to even, up */
    expect("2.2250738585072011e-308", 0x000FFFFFFFFFFFFFu, 23, 0);
    expect("2.2250738585072012e-308", 0x0010000000000000u, 23, 0);
    expect("4.9406564584124654e-324", 1, 23, 0);
    expect("2.4703282292062327e-324", 0, 23, 0);  /* just below half of it */
    expect("2.4703282292062328e-324", 1, 23, 0);  /* just above */
    expect("1.7976931348623157e308", 0x7FEFFFFFFFFFFFFFu, 22, 0);
    expect("1.7976931348623158e308", 0x7FEFFFFFFFFFFFFFu, 22, 0);
    expect("1.7976931348623159e308", bits_of(INFINITY), 22, 1);
    expect("1e999999999999", bits_of(INFINITY), 14, 1);
    expect("1e-999999999999", 0, 15, 0);
    expect("0e999999999999", 0, 14, 0);
    expect("123456789012345678901234567890e-20", bits_of(1234567890.1234567890123456789), 34, 0);
    ends();
    long_strings();
    midpoints();
    sweep();
    doubles();
    return check_summary("test_decimal");
}
