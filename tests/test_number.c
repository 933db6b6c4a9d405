/* test_number: strict parsing and shortest round-trip formatting. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include "backprop.h"
#include "check.h"

static void test_accepted(void) {
    static const struct { const char *text; double value; } cases[] = {
        {"0", 0.0},        {"-0", -0.0},       {"+2", 2.0},         {"0.5", 0.5},
        {".5", 0.5},       {"5.", 5.0},        {"1e-3", 1e-3},      {"2E+3", 2e3},
        {" 7 ", 7.0},      {"\xE2\x88\x92" "2", -2.0},              {"-800", -800.0},
        {"1e-400", 0.0},   {"4.9406564584124654e-324", 4.9406564584124654e-324},
        {"1.7976931348623157e308", DBL_MAX}, {"0.1", 0.1}, {"123456789012345678901234567890", 123456789012345678901234567890.0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        check_case("\"%s\"", cases[i].text);
        double v = 42;
        CHECK_OK(bp_parse_number(cases[i].text, &v, NULL));
        CHECK_SAME(v, cases[i].value);
    }
    static const struct { const char *text; double value; } special[] = {
        {"inf", INFINITY}, {"-inf", -INFINITY}, {"Infinity", INFINITY}, {"-Infinity", -INFINITY},
    };
    for (size_t i = 0; i < sizeof special / sizeof *special; i++) {
        check_case("\"%s\"", special[i].text);
        double v = 42;
        CHECK_OK(bp_parse_number(special[i].text, &v, NULL));
        CHECK_SAME(v, special[i].value);
    }
    static const char *const nans[] = {"nan", "NaN", "-nan", " NaN "};
    for (size_t i = 0; i < sizeof nans / sizeof *nans; i++) {
        check_case("\"%s\"", nans[i]);
        double v = 42;
        CHECK_OK(bp_parse_number(nans[i], &v, NULL));
        CHECK_NAN(v);
    }
    check_case(NULL);
}

static void test_refused(void) {
    static const struct { const char *text; bp_status status; const char *why; } cases[] = {
        {"", BP_ERR_NUMBER, "empty: expected a number"},
        {"   ", BP_ERR_NUMBER, "empty: expected a number"},
        {"abc", BP_ERR_NUMBER, "not a number"},
        {"0,5", BP_ERR_NUMBER, "use '.' for decimals, not ','"},
        {"1e999", BP_ERR_RANGE, "too large for a double (beyond 1.8e308)"},
        {"-1e999", BP_ERR_RANGE, "too large for a double (beyond 1.8e308)"},
        {"1e", BP_ERR_NUMBER, "exponent without digits"},
        {"0x10", BP_ERR_NUMBER, "not a number"},
        {"INF", BP_ERR_NUMBER, "not a number"},
        {"infinity", BP_ERR_NUMBER, "not a number"},
        {"nan(1)", BP_ERR_NUMBER, "not a number"},
        {"1 2", BP_ERR_NUMBER, "not a number"},
        {"--1", BP_ERR_NUMBER, "not a number"},
        {".", BP_ERR_NUMBER, "not a number"},
        {"1.2.3", BP_ERR_NUMBER, "not a number"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        check_case("\"%s\"", cases[i].text);
        double v = 42;
        const char *why = NULL;
        CHECK_STATUS(bp_parse_number(cases[i].text, &v, &why), cases[i].status);
        CHECK_STR(why, cases[i].why);
        CHECK_SAME(v, 42);
    }
    check_case(NULL);
    /* A 10,000-character paste is refused without reading past it. */
    char *long_text = malloc(10001);
    memset(long_text, '1', 10000);
    long_text[10000] = '\0';
    double v = 42;
    const char *why = NULL;
    CHECK_STATUS(bp_parse_number(long_text, &v, &why), BP_ERR_NUMBER);
    CHECK_STR(why, "too long to be a number");
    free(long_text);
    CHECK_STATUS(bp_parse_number(NULL, &v, NULL), BP_ERR_ARG);
    CHECK_SAME(v, 42);
}

static void test_format(void) {
    static const struct { double value; const char *text; } cases[] = {
        {0.0, "0"}, {-0.0, "-0"}, {0.5, "0.5"}, {-2, "-2"}, {100, "100"},
        {0.6224593312018546, "0.6224593312018546"}, {1e21, "1e+21"}, {1e20, "100000000000000000000"},
        {1e-7, "1e-7"}, {1.5e-7, "1.5e-7"}, {0.000001, "0.000001"}, {123.456, "123.456"},
        {DBL_MAX, "1.7976931348623157e+308"}, {4.9406564584124654e-324, "5e-324"},
        {NAN, "NaN"}, {INFINITY, "Infinity"}, {-INFINITY, "-Infinity"}, {0.1 + 0.2, "0.30000000000000004"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        check_case("%.17g (%a)", cases[i].value, cases[i].value);
        char buf[40];
        int n = bp_format_number(buf, cases[i].value);
        CHECK_STR(buf, cases[i].text);
        CHECK_INT(n, strlen(cases[i].text));
    }
    /* Every formatted finite double reads back to itself. */
    unsigned long long state = 0x9E3779B97F4A7C15ull;
    for (int i = 0; i < 20000; i++) {
        state ^= state << 13; state ^= state >> 7; state ^= state << 17;
        double d;
        memcpy(&d, &state, sizeof d);
        if (!isfinite(d)) continue;
        char buf[40];
        bp_format_number(buf, d);
        check_case("%a printed as \"%s\"", d, buf);
        double back = NAN;
        CHECK_OK(bp_parse_number(buf, &back, NULL));
        CHECK_SAME(back, d);
    }
    check_case(NULL);
}

int main(void) {
    test_accepted();
    test_refused();
    test_format();
    return check_summary("test_number");
}
