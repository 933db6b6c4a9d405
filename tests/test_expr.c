/* test_expr.c: the expression parser. Gradients of many expressions against
 * both the numeric check and derivatives worked out by hand; precedence;
 * the graph's shape; every error message and column; the limits. */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "backprop.h"
#include "check.h"

static bp_graph *g;

/* Parse src into g, a check in itself: a failure counts and says why. */
#define parse(src, flags) parse_at(__FILE__, __LINE__, (src), (flags))
static int parse_at(const char *file, int line, const char *src, unsigned flags) {
    bp_status s = bp_graph_parse(g, src, flags);
    return check_report(s == BP_OK, file, line, "parse(\"%.60s\", %u) = %d (%s): %s", src, flags, (int)s,
                        bp_status_str(s), bp_graph_error(g));
}

/* The value of the output after a forward pass. */
static double output(void) {
    CHECK_OK(bp_graph_forward(g));
    return bp_graph_value(g, bp_graph_output(g));
}

static int input_id(const char *name) {
    for (int i = 0; i < bp_graph_num_inputs(g); i++) {
        int id = bp_graph_input_id(g, i);
        if (strcmp(bp_graph_label(g, id), name) == 0) return id;
    }
    return -1;
}

static double sig(double t) { return 1 / (1 + exp(-t)); }

/* ------------------------------------------------ gradients by hand
 *
 * Each case: id, source, the values of x, y, z, then f and df/dx, df/dy,
 * df/dz written with libm (0 for a variable the expression does not use).
 * Parentheses keep the commas of pow() inside one macro argument. */
#define GRADIENT_CASES(C)                                                                         \
    C(g01, "x", 0.7, 0, 0, x, 1, 0, 0)                                                            \
    C(g02, "x + y", 0.7, -1.3, 0, x + y, 1, 1, 0)                                                 \
    C(g03, "x - y", 0.7, -1.3, 0, x - y, 1, -1, 0)                                                \
    C(g04, "x * y", 0.7, -1.3, 0, x * y, y, x, 0)                                                 \
    C(g05, "x / y", 0.7, -1.3, 0, x / y, 1 / y, -x / (y * y), 0)                                  \
    C(g06, "x ^ 2", 0.7, 0, 0, x * x, 2 * x, 0, 0)                                                \
    C(g07, "x ^ y", 1.3, 0.8, 0, (pow(x, y)), (y * pow(x, y - 1)), (pow(x, y) * log(x)), 0)        \
    C(g08, "2 ^ x", 0.7, 0, 0, (pow(2, x)), (pow(2, x) * log(2)), 0, 0)                           \
    C(g09, "-x", 0.7, 0, 0, -x, -1, 0, 0)                                                         \
    C(g10, "exp(x)", 0.7, 0, 0, exp(x), exp(x), 0, 0)                                             \
    C(g11, "log(x)", 0.7, 0, 0, log(x), 1 / x, 0, 0)                                              \
    C(g12, "sqrt(x)", 0.7, 0, 0, sqrt(x), 0.5 / sqrt(x), 0, 0)                                    \
    C(g13, "tanh(x)", 0.7, 0, 0, tanh(x), 1 - tanh(x) * tanh(x), 0, 0)                            \
    C(g14, "sin(x)", 0.7, 0, 0, sin(x), cos(x), 0, 0)                                             \
    C(g15, "cos(x)", 0.7, 0, 0, cos(x), -sin(x), 0, 0)                                            \
    C(g16, "abs(x)", -0.7, 0, 0, fabs(x), -1, 0, 0)                                               \
    C(g17, "abs(x)", 0.7, 0, 0, fabs(x), 1, 0, 0)                                                 \
    C(g18, "relu(x)", 0.7, 0, 0, x, 1, 0, 0)                                                      \
    C(g19, "relu(x)", -0.7, 0, 0, 0, 0, 0, 0)                                                     \
    C(g20, "sigmoid(x)", 0.7, 0, 0, sig(x), sig(x) * (1 - sig(x)), 0, 0)                          \
    C(g21, "(x+y)*z", -2, 5, -4, (x + y) * z, z, z, x + y)                                        \
    C(g22, "x*y + x", 3, -2, 0, x * y + x, y + 1, x, 0)                                           \
    C(g23, "x*x", 1.7, 0, 0, x * x, 2 * x, 0, 0)                                                  \
    C(g24, "x*x*x", 1.7, 0, 0, x * x * x, 3 * x * x, 0, 0)                                        \
    C(g25, "x*y*z", 1.5, -2, 0.5, x * y * z, y * z, x * z, x * y)                                 \
    C(g26, "x/y/z", 3, 2, -4, x / y / z, 1 / (y * z), -x / (y * y * z), -x / (y * z * z))        \
    C(g27, "x^3^0.5", 1.4, 0, 0, (pow(x, pow(3, 0.5))), (pow(3, 0.5) * pow(x, pow(3, 0.5) - 1)),  \
      0, 0)                                                                                       \
    C(g28, "-x^2", 3, 0, 0, -x * x, -2 * x, 0, 0)                                                 \
    C(g29, "(-x)^2", 3, 0, 0, x * x, 2 * x, 0, 0)                                                 \
    C(g30, "exp(-x^2/2)", 0.8, 0, 0, exp(-x * x / 2), -x * exp(-x * x / 2), 0, 0)                 \
    C(g31, "log(1 + exp(x))", 0.3, 0, 0, log(1 + exp(x)), exp(x) / (1 + exp(x)), 0, 0)            \
    C(g32, "sin(x)*cos(y)", 0.4, 1.1, 0, sin(x) * cos(y), cos(x) * cos(y), -sin(x) * sin(y), 0)   \
    C(g33, "tanh(x*y + z)", 0.3, -0.5, 0.2, tanh(x * y + z),                                      \
      (1 - tanh(x * y + z) * tanh(x * y + z)) * y, (1 - tanh(x * y + z) * tanh(x * y + z)) * x,  \
      1 - tanh(x * y + z) * tanh(x * y + z))                                                      \
    C(g34, "sqrt(x^2 + y^2)", 3, 4, 0, 5, x / 5, y / 5, 0)                                        \
    C(g35, "x/(1 + abs(x))", -0.6, 0, 0, x / (1 + fabs(x)), 1 / ((1 + fabs(x)) * (1 + fabs(x))),  \
      0, 0)                                                                                       \
    C(g36, "sigmoid(x*y + z)", 0.5, -1.2, 0.3, sig(x * y + z),                                    \
      sig(x * y + z) * (1 - sig(x * y + z)) * y, sig(x * y + z) * (1 - sig(x * y + z)) * x,       \
      sig(x * y + z) * (1 - sig(x * y + z)))                                                      \
    C(g37, "1/(1 + exp(-x))", 0.7, 0, 0, sig(x), sig(x) * (1 - sig(x)), 0, 0)                     \
    C(g38, "x^-1", 1.6, 0, 0, 1 / x, -1 / (x * x), 0, 0)                                          \
    C(g39, "x^-y", 1.6, 0.7, 0, (pow(x, -y)), (-y * pow(x, -y - 1)), (-pow(x, -y) * log(x)), 0)  \
    C(g40, "(x - y)^2 + (y - z)^2", 1, 0.3, -0.5, (x - y) * (x - y) + (y - z) * (y - z),          \
      2 * (x - y), -2 * (x - y) + 2 * (y - z), -2 * (y - z))                                      \
    C(g41, "exp(x)*sin(y) + z^3", 0.2, 0.9, 1.3, exp(x) * sin(y) + z * z * z, exp(x) * sin(y),    \
      exp(x) * cos(y), 3 * z * z)                                                                 \
    C(g42, "log(x*y)", 1.5, 2.5, 0, log(x * y), 1 / x, 1 / y, 0)                                  \
    C(g43, "relu(x - y) * z", 1.5, 0.5, -2, (x - y) * z, z, -z, x - y)                            \
    C(g44, "abs(x*y - z)", 1.5, 0.5, 2, z - x * y, -y, -x, 1)                                     \
    C(g45, "x*(y + z) - y*(x - z)", 1.2, -0.7, 0.4, x * z + y * z, z, z, x + y)                   \
    C(g46, "tanh(tanh(tanh(x)))", 0.5, 0, 0, tanh(tanh(tanh(x))),                                 \
      (1 - tanh(tanh(tanh(x))) * tanh(tanh(tanh(x)))) * (1 - tanh(tanh(x)) * tanh(tanh(x))) *     \
          (1 - tanh(x) * tanh(x)),                                                                \
      0, 0)                                                                                       \
    C(g47, "exp(log(x))", 2.5, 0, 0, x, 1, 0, 0)                                                  \
    C(g48, "sqrt(x*x)", -2, 0, 0, 2, -1, 0, 0)                                                    \
    C(g49, "x*y/(x + y)", 2, 3, 0, x * y / (x + y), y * y / ((x + y) * (x + y)),                  \
      x * x / ((x + y) * (x + y)), 0)                                                             \
    C(g50, "(x + y + z)^2", 0.3, 0.4, 0.5, (x + y + z) * (x + y + z), 2 * (x + y + z),            \
      2 * (x + y + z), 2 * (x + y + z))                                                           \
    C(g51, "3*x + 2*y - z", 0.3, 0.4, 0.5, 3 * x + 2 * y - z, 3, 2, -1)                           \
    C(g52, "x^2*y + y^3*z", 1.1, -0.6, 0.9, x * x * y + y * y * y * z, 2 * x * y,                 \
      x * x + 3 * y * y * z, y * y * y)                                                           \
    C(g53, "sin(x*y*z)", 0.5, 1.5, -0.8, sin(x * y * z), cos(x * y * z) * y * z,                  \
      cos(x * y * z) * x * z, cos(x * y * z) * x * y)                                             \
    C(g54, "log(sigmoid(x))", 0.4, 0, 0, log(sig(x)), 1 - sig(x), 0, 0)                           \
    C(g55, "x*sigmoid(x)", 0.9, 0, 0, x * sig(x), sig(x) + x * sig(x) * (1 - sig(x)), 0, 0)       \
    C(g56, "-(-(-x))", 0.7, 0, 0, -x, -1, 0, 0)                                                   \
    C(g57, "+x", 0.7, 0, 0, x, 1, 0, 0)                                                           \
    C(g58, "x - -y", 0.7, -1.3, 0, x + y, 1, 1, 0)                                                \
    C(g59, "2*x^3 - 4*x + 1", 1.3, 0, 0, 2 * x * x * x - 4 * x + 1, 6 * x * x - 4, 0, 0)          \
    C(g60, "cos(x*x + y)", 0.6, 0.2, 0, cos(x * x + y), -sin(x * x + y) * 2 * x,                  \
      -sin(x * x + y), 0)                                                                         \
    C(g61, "1e-3*x + 2E+3*y", 0.7, 1e-6, 0, 1e-3 * x + 2e3 * y, 1e-3, 2e3, 0)                     \
    C(g62, ".5*x^2", 1.4, 0, 0, 0.5 * x * x, x, 0, 0)                                             \
    C(g63, "(x*y)^z", 1.5, 2, 0.7, (pow(x * y, z)), (z * pow(x * y, z - 1) * y),                  \
      (z * pow(x * y, z - 1) * x), (pow(x * y, z) * log(x * y)))                                  \
    C(g64, "exp(x) / (1 + exp(x))", 0.3, 0, 0, exp(x) / (1 + exp(x)),                             \
      exp(x) / ((1 + exp(x)) * (1 + exp(x))), 0, 0)                                               \
    C(g65, "sqrt(abs(x) + y^2)", -1.5, 0.8, 0, sqrt(1.5 + y * y), -0.5 / sqrt(1.5 + y * y),       \
      y / sqrt(1.5 + y * y), 0)                                                                   \
    C(g66, "x^0.5", 2, 0, 0, sqrt(x), 0.5 / sqrt(x), 0, 0)                                        \
    C(g67, "relu(x) + relu(-x)", -0.8, 0, 0, 0.8, -1, 0, 0)                                       \
    C(g68, "log(exp(x) + exp(y))", 0.2, -0.5, 0, log(exp(x) + exp(y)),                            \
      exp(x) / (exp(x) + exp(y)), exp(y) / (exp(x) + exp(y)), 0)                                  \
    C(g69, "x_1 * _y2", 0.7, 0, 0, 0, 0, 0, 0)

typedef struct {
    double f, d[3];
} by_hand;

#define DEFINE_REFERENCE(id, src, X, Y, Z, F, DX, DY, DZ)                                         \
    static by_hand id(double x, double y, double z) {                                             \
        (void)x; (void)y; (void)z;                                                                \
        return (by_hand){F, {DX, DY, DZ}};                                                        \
    }
GRADIENT_CASES(DEFINE_REFERENCE)

static const struct {
    const char *src;
    double at[3];
    by_hand (*reference)(double x, double y, double z);
} gradient_cases[] = {
#define LIST_CASE(id, src, X, Y, Z, F, DX, DY, DZ) {src, {X, Y, Z}, id},
    GRADIENT_CASES(LIST_CASE)
};

static const char *const xyz[3] = {"x", "y", "z"};

static void test_gradients(void) {
    int n = (int)(sizeof gradient_cases / sizeof gradient_cases[0]);
    double worst_numeric = 0;
    for (int i = 0; i < n; i++) {
        const char *src = gradient_cases[i].src;
        if (strcmp(src, "x_1 * _y2") == 0) continue; /* names only, checked below */
        const double *at = gradient_cases[i].at;
        by_hand want = gradient_cases[i].reference(at[0], at[1], at[2]);
        /* Both forms: they differ only where sigmoid appears. */
        for (unsigned flags = 0; flags <= BP_EXPAND_SIGMOID; flags++) {
            check_case("\"%s\" (flags %u) at x = %g, y = %g, z = %g", src, flags, at[0], at[1], at[2]);
            if (!parse(src, flags)) continue;
            for (int v = 0; v < 3; v++)
                if (input_id(xyz[v]) >= 0) CHECK_OK(bp_graph_set(g, xyz[v], at[v]));
            CHECK_NEAR(output(), want.f, 1e-13);
            for (int v = 0; v < 3; v++) {
                check_case("\"%s\" (flags %u) at x = %g, y = %g, z = %g: d/d%s", src, flags, at[0], at[1], at[2],
                           xyz[v]);
                bp_check c;
                if (input_id(xyz[v]) < 0) {
                    CHECK_STATUS(bp_graph_check(g, xyz[v], 1.0, &c), BP_ERR_ARG);
                    CHECK_SAME(want.d[v], 0.0); /* the table agrees that f ignores it */
                    continue;
                }
                CHECK_OK(bp_graph_check(g, xyz[v], 1.0, &c));
                CHECK_NEAR(c.analytic, want.d[v], 1e-12);
                CHECK_NEAR(c.numeric, want.d[v], 1e-6);
                CHECK_LT(c.rel_error, 1e-6);
                if (c.rel_error > worst_numeric) worst_numeric = c.rel_error;
            }
        }
    }
    check_case(NULL);
    printf("gradients: %d expressions, worst numeric rel_error %.3g\n", n - 1, worst_numeric);

    /* Names with digits and underscores, and dout scaling the gradients. */
    if (parse("x_1 * _y2", 0)) {
        CHECK_OK(bp_graph_set(g, "x_1", 3));
        CHECK_OK(bp_graph_set(g, "_y2", -2));
        bp_check c;
        CHECK_OK(bp_graph_check(g, "x_1", 2.5, &c));
        CHECK_SAME(c.analytic, -5.0);
        CHECK_OK(bp_graph_check(g, "_y2", 2.5, &c));
        CHECK_SAME(c.analytic, 7.5);
    }
}

/* ------------------------------------------------ precedence */

static void test_precedence(void) {
    static const struct {
        const char *src;
        double x, value;
    } cases[] = {
        {"-2^2", 0, -4},       {"2^3^2", 0, 512},      {"2*3+4", 0, 10},      {"2+3*4", 0, 14},
        {"8/4/2", 0, 1},       {"2-3-4", 0, -5},       {"(2+3)*4", 0, 20},    {"-x^2", 3, -9},
        {"2^-1", 0, 0.5},      {"2^-1^2", 0, 0.5},     {"-2^-2", 0, -0.25},   {"(-2)^2", 0, 4},
        {"2*-3", 0, -6},       {"2--3", 0, 5},         {"-+-2", 0, 2},        {"2^3*2", 0, 16},
        {"2*3^2", 0, 18},      {"12/3*2", 0, 8},       {"12/(3*2)", 0, 2},    {"1-2+3", 0, 2},
        {"2^(1+2)", 0, 8},     {"-x*3", 2, -6},        {"x^2^-1", 4, 2},      {"exp(0)+1", 0, 2},
        {"sqrt(16)^0.5", 0, 2}, {"-exp(0)", 0, -1},    {"1e-3", 0, 0.001},    {"2E+3", 0, 2000},
        {".5", 0, 0.5},        {"2.", 0, 2},           {"0.5", 0, 0.5},       {"007", 0, 7},
        {"1e-400", 0, 0},      {"1 - - - 1", 0, 0},    {"\t1\n+\r\n2 ", 0, 3}, {"2/4*x", 3, 1.5},
        {"x - 1 - x", 5, -1},  {"-(x)", 2, -2},        {"((((x))))", 7, 7},   {"2 ^ 2 ^ 0.5", 0, 0},
        {"1.5e1", 0, 15},      {"4.9e-324", 0, 4.9e-324},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        check_case("\"%s\" at x = %g", cases[i].src, cases[i].x);
        if (!parse(cases[i].src, 0)) continue;
        if (bp_graph_num_inputs(g) > 0) CHECK_OK(bp_graph_set(g, "x", cases[i].x));
        double want = cases[i].value;
        if (strcmp(cases[i].src, "2 ^ 2 ^ 0.5") == 0) want = pow(2, sqrt(2)); /* right-assoc */
        CHECK_SAME(output(), want);
    }
    check_case(NULL);
    /* Nothing folded, so -0 keeps its sign: neg(0). */
    if (parse("-0", 0)) CHECK_SAME(output(), -0.0);
}

/* ------------------------------------------------ the graph's shape */

static void check_ops(const char *src, unsigned flags, const bp_op *ops, int n) {
    if (!parse(src, flags)) return;
    check_case("\"%s\" (flags %u)", src, flags);
    CHECK_INT(bp_graph_size(g), n);
    for (int i = 0; i < n && i < bp_graph_size(g); i++) {
        bp_op op = bp_graph_op(g, i);
        CHECK_MSG(op == ops[i], "\"%s\" node %d: op %s, expected %s", src, i, bp_op_name(op), bp_op_name(ops[i]));
    }
    check_case(NULL);
}

/* Node `id`'s operands are a and b (-1 for none). */
#define CHECK_ARGS(id, a, b) do { CHECK_INT(bp_graph_arg(g, id, 0), a); CHECK_INT(bp_graph_arg(g, id, 1), b); } while (0)

static void test_shape(void) {
    {
        const bp_op ops[] = {BP_OP_INPUT, BP_OP_INPUT, BP_OP_ADD, BP_OP_INPUT, BP_OP_MUL};
        check_ops("(x+y)*z", 0, ops, 5);
        CHECK_ARGS(2, 0, 1);
        CHECK_ARGS(4, 2, 3);
        CHECK_STR(bp_graph_label(g, 3), "z");
        CHECK_STR(bp_graph_name(g), "expr");
        CHECK_STR(bp_graph_expr(g), "(x+y)*z");
        CHECK_STR(bp_graph_error(g), "");
        CHECK_INT(bp_graph_error_column(g), 0);
    }
    {
        /* No constant folding: the reader sees the graph they typed. */
        const bp_op ops[] = {BP_OP_CONST, BP_OP_NEG};
        check_ops("-2", 0, ops, 2);
        CHECK_SAME(bp_graph_k(g, 0), 2.0);
        const bp_op ops2[] = {BP_OP_CONST, BP_OP_CONST, BP_OP_MUL};
        check_ops("2*3", 0, ops2, 3);
        const bp_op ops3[] = {BP_OP_CONST, BP_OP_CONST, BP_OP_CONST, BP_OP_POW, BP_OP_POW};
        check_ops("2^3^2", 0, ops3, 5);
        CHECK_ARGS(3, 1, 2);
        CHECK_ARGS(4, 0, 3);
    }
    {
        /* Unary plus makes no node; a variable is one node however often used. */
        const bp_op ops[] = {BP_OP_INPUT};
        check_ops("+x", 0, ops, 1);
        const bp_op ops2[] = {BP_OP_INPUT, BP_OP_MUL, BP_OP_INPUT, BP_OP_MUL, BP_OP_ADD};
        check_ops("x*x + y*x", 0, ops2, 5);
        CHECK_INT(bp_graph_num_inputs(g), 2);
        CHECK_ARGS(1, 0, 0);
        CHECK_ARGS(3, 2, 0);
    }
    {
        /* Inputs in order of first use. */
        if (parse("b*a + b", 0)) {
            CHECK_INT(bp_graph_num_inputs(g), 2);
            CHECK_STR(bp_graph_label(g, bp_graph_input_id(g, 0)), "b");
            CHECK_STR(bp_graph_label(g, bp_graph_input_id(g, 1)), "a");
        }
    }
    {
        /* Every function maps to its op. */
        static const struct {
            const char *src;
            bp_op op;
        } fns[] = {{"exp(x)", BP_OP_EXP},   {"log(x)", BP_OP_LOG},   {"sqrt(x)", BP_OP_SQRT},
                   {"tanh(x)", BP_OP_TANH}, {"sin(x)", BP_OP_SIN},   {"cos(x)", BP_OP_COS},
                   {"abs(x)", BP_OP_ABS},   {"relu(x)", BP_OP_RELU}, {"sigmoid(x)", BP_OP_SIGMOID},
                   {"exp (x)", BP_OP_EXP}};
        for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++) {
            const bp_op ops[] = {BP_OP_INPUT, fns[i].op};
            check_ops(fns[i].src, 0, ops, 2);
        }
        const bp_op ops[] = {BP_OP_INPUT, BP_OP_INPUT, BP_OP_SUB, BP_OP_INPUT, BP_OP_DIV};
        check_ops("x - y / z", 0, (const bp_op[]){BP_OP_INPUT, BP_OP_INPUT, BP_OP_INPUT, BP_OP_DIV, BP_OP_SUB}, 5);
        check_ops("(x - y) / z", 0, ops, 5);
    }
    {
        /* Expanded sigmoid: the nodes of the built-in sigmoid-steps graph. */
        const bp_op ops[] = {BP_OP_INPUT, BP_OP_SCALE, BP_OP_EXP, BP_OP_ADD_CONST, BP_OP_RECIP};
        check_ops("sigmoid(x)", BP_EXPAND_SIGMOID, ops, 5);
        CHECK_SAME(bp_graph_k(g, 1), -1.0);
        CHECK_SAME(bp_graph_k(g, 3), 1.0);
        bp_graph *steps = bp_graph_new();
        CHECK_OK(bp_graph_builtin(steps, "sigmoid-steps"));
        CHECK_INT(bp_graph_size(steps), bp_graph_size(g));
        for (int i = 0; i < bp_graph_size(steps) && i < bp_graph_size(g); i++) {
            check_case("node %d", i);
            CHECK_INT(bp_graph_op(g, i), bp_graph_op(steps, i));
            CHECK_SAME(bp_graph_k(g, i), bp_graph_k(steps, i));
            CHECK_INT(bp_graph_arg(g, i, 0), bp_graph_arg(steps, i, 0));
            CHECK_STR(bp_graph_label(g, i), bp_graph_label(steps, i));
        }
        check_case(NULL);
        bp_graph_free(steps);
    }
}

/* ------------------------------------------------ named examples */

static void set3(const char *a, double va, const char *b, double vb, const char *c, double vc) {
    CHECK_OK(bp_graph_set(g, a, va));
    CHECK_OK(bp_graph_set(g, b, vb));
    CHECK_OK(bp_graph_set(g, c, vc));
}

static double grad_of(const char *name) { return bp_graph_grad(g, input_id(name)); }

static void test_examples(void) {
    /* CS231n's first circuit. */
    if (parse("(x+y)*z", 0)) {
        set3("x", -2, "y", 5, "z", -4);
        CHECK_SAME(output(), -12.0);
        CHECK_OK(bp_graph_backward(g, 1));
        CHECK_SAME(grad_of("x"), -4.0);
        CHECK_SAME(grad_of("y"), -4.0);
        CHECK_SAME(grad_of("z"), 3.0);
    }
    /* The book's apples: 100 per apple, 2 apples, tax 1.1. */
    if (parse("apple*count*tax", 0)) {
        set3("apple", 100, "count", 2, "tax", 1.1);
        CHECK_NEAR(output(), 220.0, 1e-15);
        CHECK_OK(bp_graph_backward(g, 1));
        CHECK_NEAR(grad_of("apple"), 2.2, 1e-15);
        CHECK_NEAR(grad_of("count"), 110.0, 1e-15);
        CHECK_NEAR(grad_of("tax"), 200.0, 1e-15);
    }
    /* CS231n's neuron, fused and expanded. */
    static const char *const names[] = {"w0", "x0", "w1", "x1", "w2"};
    static const double at[] = {2, -1, -3, -2, -3};
    double fused[5], fused_out = 0;
    for (unsigned flags = 0; flags <= BP_EXPAND_SIGMOID; flags++) {
        check_case("flags %u", flags);
        if (!parse("sigmoid(w0*x0 + w1*x1 + w2)", flags)) continue;
        CHECK_INT(bp_graph_size(g), flags ? 13 : 10);
        for (int i = 0; i < 5; i++) CHECK_OK(bp_graph_set(g, names[i], at[i]));
        double out = output();
        CHECK_OK(bp_graph_backward(g, 1));
        double s = sig(1), ds = s * (1 - s); /* w0*x0 + w1*x1 + w2 = 1 */
        double by_hand[5] = {at[1] * ds, at[0] * ds, at[3] * ds, at[2] * ds, ds};
        CHECK_NEAR(out, s, 1e-15);
        for (int i = 0; i < 5; i++) {
            check_case("flags %u, d/d%s", flags, names[i]);
            double d = grad_of(names[i]);
            CHECK_NEAR(d, by_hand[i], 1e-14);
            if (flags == 0) fused[i] = d;
            else CHECK_NEAR(d, fused[i], 1e-15);
        }
        check_case("flags %u", flags);
        if (flags == 0) fused_out = out;
        else CHECK_NEAR(out, fused_out, 1e-15);
    }
    check_case(NULL);
}

/* ------------------------------------------------ fan-out */

/* The backward steps that send gradient into node `to` add up to its total. */
static int steps_into(int to, double *sum, double *last_total) {
    int n = 0;
    *sum = 0;
    for (int i = 0; i < bp_graph_num_steps(g); i++) {
        const bp_step *s = bp_graph_step(g, i);
        if (s->phase != BP_BACKWARD || s->to != to) continue;
        n++;
        *sum += s->grad;
        *last_total = s->total;
    }
    return n;
}

static void test_fan_out(void) {
    const struct { /* not static: exp(1.0) is not a constant expression */
        const char *src;
        double x, y, dout;
        int uses_x;
        double dx, dy;
    } cases[] = {
        {"x*x", 3, 0, 1, 2, 6, 0},
        {"x*x", 3, 0, 2, 2, 12, 0},
        {"x*x*x", 3, 0, 1, 3, 27, 0},
        {"x + x + x", 3, 0, -0.5, 3, -1.5, 0},
        {"x*y + x", 3, -2, 1, 2, -1, 3},
        {"x*y + x*x", 3, -2, 1, 3, 4, 3},
        {"(x + y)*(x - y)", 3, -2, 1, 2, 6, 4},
        {"exp(x) * exp(x)", 0.5, 0, 1, 2, 2 * exp(1.0), 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        check_case("\"%s\" at x = %g, y = %g, dout = %g", cases[i].src, cases[i].x, cases[i].y, cases[i].dout);
        if (!parse(cases[i].src, 0)) continue;
        CHECK_OK(bp_graph_set(g, "x", cases[i].x));
        if (input_id("y") >= 0) CHECK_OK(bp_graph_set(g, "y", cases[i].y));
        output();
        CHECK_OK(bp_graph_backward(g, cases[i].dout));
        double sum, total = NAN;
        int x = input_id("x");
        CHECK_INT(steps_into(x, &sum, &total), cases[i].uses_x);
        CHECK_NEAR(grad_of("x"), cases[i].dx, 1e-15);
        CHECK_NEAR(sum, cases[i].dx, 1e-15);
        CHECK_NEAR(total, cases[i].dx, 1e-15);
        if (input_id("y") >= 0) CHECK_NEAR(grad_of("y"), cases[i].dy, 1e-15);
    }
    check_case(NULL);
}

/* ------------------------------------------------ errors */

static void check_error(const char *src, bp_status status, int column, const char *message) {
    check_case("\"%.60s\"", src);
    CHECK_STATUS(bp_graph_parse(g, src, 0), status);
    CHECK_INT(bp_graph_error_column(g), column);
    CHECK_STR(bp_graph_error(g), message);
    /* A failure leaves the graph empty. */
    CHECK_INT(bp_graph_size(g), 0);
    CHECK_INT(bp_graph_num_inputs(g), 0);
    CHECK_MSG(bp_graph_expr(g) == NULL, "bp_graph_expr(g) = \"%s\", expected NULL", bp_graph_expr(g));
    /* The same with the sigmoid expanded. */
    CHECK_STATUS(bp_graph_parse(g, src, BP_EXPAND_SIGMOID), status);
    CHECK_STR(bp_graph_error(g), message);
    check_case(NULL);
}

#define SYN BP_ERR_SYNTAX
#define KNOWN "(known: exp, log, sqrt, tanh, sin, cos, abs, relu, sigmoid)"

static void test_errors(void) {
    check_error("1 + * 2", SYN, 5, "column 5: expected a number, a variable or '('");
    check_error("", SYN, 1, "column 1: the expression is empty");
    check_error(" \t\r\n ", SYN, 1, "column 1: the expression is empty");
    check_error("foo(x)", SYN, 1, "column 1: unknown function 'foo' " KNOWN);
    check_error("  x + Exp(x)", SYN, 7, "column 7: unknown function 'Exp' " KNOWN);
    check_error("x (y)", SYN, 1, "column 1: unknown function 'x' " KNOWN);
    check_error("(x + 1", SYN, 7, "column 7: expected ')' to close '(' at column 1");
    check_error("(((x)", SYN, 6, "column 6: expected ')' to close '(' at column 2");
    check_error("(x y)", SYN, 4, "column 4: expected ')' to close '(' at column 1");
    check_error("exp(x", SYN, 6, "column 6: expected ')' to close '(' at column 4");
    check_error("exp(x, y)", SYN, 6, "column 6: 'exp' takes one argument");
    check_error("exp", SYN, 4, "column 4: expected '(' after 'exp'");
    check_error("exp + 1", SYN, 5, "column 5: expected '(' after 'exp'");
    check_error("2*sin x", SYN, 7, "column 7: expected '(' after 'sin'");
    check_error("sigmoid", SYN, 8, "column 8: expected '(' after 'sigmoid'");
    check_error("relu()", SYN, 6, "column 6: expected a number, a variable or '('");
    check_error("()", SYN, 2, "column 2: expected a number, a variable or '('");
    check_error("1 +", SYN, 4, "column 4: expected a number, a variable or '(' but the expression ended");
    check_error("-", SYN, 2, "column 2: expected a number, a variable or '(' but the expression ended");
    check_error("x^", SYN, 3, "column 3: expected a number, a variable or '(' but the expression ended");
    check_error("2**3", SYN, 3, "column 3: expected a number, a variable or '(' (write powers with '^')");
    check_error("x y", SYN, 3, "column 3: expected an operator before 'y'");
    check_error("2x", SYN, 2, "column 2: expected an operator before 'x'");
    check_error("2 (x)", SYN, 3, "column 3: expected an operator before '('");
    check_error("1.2.3", SYN, 4, "column 4: expected an operator before '.3'");
    check_error("x)", SYN, 2, "column 2: ')' without a matching '('");
    check_error("x,", SYN, 2, "column 2: unexpected ',' after the end of the expression");
    check_error("1e999", SYN, 1, "column 1: number too large");
    check_error("2 * 1e999", SYN, 5, "column 5: number too large");
    check_error("1e", SYN, 3, "column 3: expected a digit in the exponent of '1e'");
    check_error("1.5E+ 2", SYN, 6, "column 6: expected a digit in the exponent of '1.5E'");
    check_error(".", SYN, 1, "column 1: expected a digit after '.'");
    check_error("x + .e3", SYN, 5, "column 5: expected a digit after '.'");
    check_error("x $ y", SYN, 3, "column 3: unexpected character '$'");
    check_error("x = 1", SYN, 3, "column 3: unexpected character '='");
    check_error("'x'", SYN, 1, "column 1: unexpected character \"'\"");
    check_error("x + \x01", SYN, 5, "column 5: unexpected control character 0x01");
    check_error("x\x7f", SYN, 2, "column 2: unexpected control character 0x7F");
    check_error("x \xE2\x88\x92 y", SYN, 3, "column 3: unexpected character '\xE2\x88\x92' (U+2212): write '-' instead");
    check_error("2 \xC3\x97 3", SYN, 3, "column 3: unexpected character '\xC3\x97' (U+00D7): write '*' instead");
    check_error("x\xC2\xB2", SYN, 2, "column 2: unexpected character '\xC2\xB2' (U+00B2): write '^2' instead");
    check_error("\xC3\xA9", SYN, 1, "column 1: unexpected character U+00E9 (only ASCII is allowed)");
    check_error("x\xF0\x9F\x98\x80", SYN, 2, "column 2: unexpected character U+1F600 (only ASCII is allowed)");
    check_error("x\xFF", SYN, 2, "column 2: unexpected byte 0xFF (not UTF-8 text)");
    check_error("\xC0\xAF", SYN, 1, "column 1: unexpected byte 0xC0 (not UTF-8 text)");      /* overlong */
    check_error("\xED\xA0\x80", SYN, 1, "column 1: unexpected byte 0xED (not UTF-8 text)");  /* surrogate */
    check_error("1+\xE2\x88", SYN, 3, "column 3: unexpected byte 0xE2 (not UTF-8 text)");    /* cut short */
    check_error("\x80", SYN, 1, "column 1: unexpected byte 0x80 (not UTF-8 text)");
    check_error("abcdefghijklmnopqrstuvwx + 1", BP_ERR_LIMIT, 1,
                "column 1: the variable name 'abcdefghijklmnopqrstuvwx' is longer than 23 characters");
    check_error("2 * aVeryLongVariableNameIndeedYes", BP_ERR_LIMIT, 5,
                "column 5: the variable name 'aVeryLongVariableNameInd...' is longer than 23 characters");
    {
        char longnum[420] = "x + 1";
        memset(longnum + 5, '0', 400);
        longnum[405] = '\0';
        check_error(longnum, BP_ERR_LIMIT, 5, "column 5: the number is longer than 400 characters");
        longnum[5 + 399] = '\0'; /* 400 characters: 1e399, too large but read */
        check_error(longnum, SYN, 5, "column 5: number too large");
    }

    /* NULL is a bad argument, not a syntax error. */
    CHECK_STATUS(bp_graph_parse(g, NULL, 0), BP_ERR_ARG);
    CHECK_INT(bp_graph_size(g), 0);
    CHECK_STATUS(bp_graph_parse(NULL, "x", 0), BP_ERR_ARG);

    /* A good parse after a failure clears the error. */
    parse("x", 0);
    CHECK_STR(bp_graph_error(g), "");
    CHECK_INT(bp_graph_error_column(g), 0);
    CHECK_INT(bp_graph_size(g), 1);

    /* A 23-character name is fine. */
    if (parse("abcdefghijklmnopqrstuvw + 1", 0))
        CHECK_STR(bp_graph_label(g, bp_graph_input_id(g, 0)), "abcdefghijklmnopqrstuvw");
}

/* ------------------------------------------------ limits */

/* prefix repeated n times, then middle, then suffix repeated n times. */
static char *repeat(const char *prefix, int n, const char *middle, const char *suffix) {
    size_t lp = strlen(prefix), lm = strlen(middle), ls = strlen(suffix);
    char *s = malloc(lp * n + lm + ls * n + 1);
    char *o = s;
    for (int i = 0; i < n; i++, o += lp) memcpy(o, prefix, lp);
    memcpy(o, middle, lm);
    o += lm;
    for (int i = 0; i < n; i++, o += ls) memcpy(o, suffix, ls);
    *o = '\0';
    return s;
}

/* Parse repeat(...) with n and n + 1 repeats: the first must parse, the
 * second fail with `status` at `column` and `message`. */
static void check_limit(const char *prefix, int n, const char *middle, const char *suffix,
                        bp_status status, int column, const char *message) {
    char *ok = repeat(prefix, n, middle, suffix);
    char *over = repeat(prefix, n + 1, middle, suffix);
    check_case("\"%s\" x %d, \"%s\", \"%s\" x %d", prefix, n, middle, suffix, n);
    parse(ok, 0);
    check_case("\"%s\" x %d, \"%s\", \"%s\" x %d", prefix, n + 1, middle, suffix, n + 1);
    CHECK_STATUS(bp_graph_parse(g, over, 0), status);
    CHECK_INT(bp_graph_error_column(g), column);
    CHECK_STR(bp_graph_error(g), message);
    CHECK_INT(bp_graph_size(g), 0);
    check_case(NULL);
    free(ok);
    free(over);
}

static void test_limits(void) {
    const char *too_long = "column 4097: the expression is longer than 4096 characters";
    {
        char *s = repeat(" ", 4095, "x", "");
        CHECK_INT(strlen(s), 4096);
        parse(s, 0);
        free(s);
        s = repeat(" ", 4096, "x", "");
        CHECK_STATUS(bp_graph_parse(g, s, 0), BP_ERR_LIMIT);
        CHECK_INT(bp_graph_error_column(g), 4097);
        CHECK_STR(bp_graph_error(g), too_long);
        CHECK_INT(bp_graph_size(g), 0);
        free(s);
        /* Only the first 4097 bytes are looked at. */
        s = repeat(" ", 100000, "x", "");
        CHECK_STATUS(bp_graph_parse(g, s, 0), BP_ERR_LIMIT);
        CHECK_STR(bp_graph_error(g), too_long);
        free(s);
    }
    /* 1000 nodes: x and 999 additions; the 1000th '+' (column 2000) is one too many. */
    check_limit("", 999, "x", "+x", BP_ERR_LIMIT, 2000, "column 2000: the expression needs more than 1000 nodes");
    /* The node limit counts constants too, and points at the token that made node 1001. */
    {
        char *s = repeat("1+", 500, "x", "");
        CHECK_STATUS(bp_graph_parse(g, s, 0), BP_ERR_LIMIT);
        /* 500 constants, x and 499 additions make 1000; the 500th '+' (column 1000) one more. */
        CHECK_INT(bp_graph_error_column(g), 1000);
        free(s);
    }
    const char *deep = "the expression is nested more than 256 levels deep";
    char message[120];
    snprintf(message, sizeof message, "column 257: %s", deep);
    check_limit("(", 256, "x", ")", BP_ERR_LIMIT, 257, message);
    check_limit("-", 256, "x", "", BP_ERR_LIMIT, 257, message);
    check_limit("-(", 128, "x", ")", BP_ERR_LIMIT, 257, message);
    snprintf(message, sizeof message, "column 1025: %s", deep);
    check_limit("exp(", 256, "x", ")", BP_ERR_LIMIT, 1025, message);
    snprintf(message, sizeof message, "column 514: %s", deep);
    check_limit("x^", 256, "x", "", BP_ERR_LIMIT, 514, message);
    /* Deep and long at once: every level at its limit, still parses. */
    {
        char *s = repeat("-(", 128, "x", ")");
        if (parse(s, 0)) {
            CHECK_INT(bp_graph_size(g), 129);
            CHECK_OK(bp_graph_set(g, "x", 2));
            CHECK_SAME(output(), 2.0); /* 128 negations */
        }
        free(s);
    }
}

/* ------------------------------------------------ IEEE at forward time */

static const char *first_kind(void) {
    const bp_warning *w = bp_graph_warning(g, 0);
    return w ? w->kind : "(none)";
}

static void test_numerics(void) {
    /* Division by zero and log of a negative parse fine; forward flags them. */
    if (parse("x / y", 0)) {
        CHECK_OK(bp_graph_set(g, "x", 1));
        CHECK_SAME(output(), INFINITY);
        CHECK_STR(first_kind(), "divide-by-zero");
    }
    if (parse("log(x)", 0)) {
        CHECK_OK(bp_graph_set(g, "x", -1));
        CHECK_NAN(output());
        CHECK_STR(first_kind(), "domain");
    }
    if (parse("1/0", 0)) {
        CHECK_SAME(output(), INFINITY);
        CHECK_STR(first_kind(), "divide-by-zero");
    }
    /* The trace of a parsed graph is well-formed enough to start right. */
    if (parse("sigmoid(x*y)", BP_EXPAND_SIGMOID)) {
        char *json = NULL;
        CHECK_OK(bp_graph_trace_json(g, 1, &json));
        CHECK_MSG(json && json[0] == '{', "the trace is \"%.80s\"", json ? json : "(null)");
        bp_free(json);
    }
}

/* ------------------------------------------------ the fuzz corpus */

/* fuzz/corpus/expr, compiled in by CMakeLists.txt: {file name, bytes, size}.
 * A crash fuzz/run finds is added there, and so becomes a case here. */
static const struct {
    const char *name;
    const char *bytes;
    size_t size;
} seeds[] = {
#include "expr_seeds.h"
};

/* Each seed through what the fuzzer does, with numbers checked: a failed
 * parse says where and why and leaves the graph empty; a good one traces,
 * and its gradient check agrees wherever both sides are finite. The inputs
 * get 0.3, 0.4, 0.5, ...: away from the kinks of abs and relu and inside
 * the domains of log and sqrt for the corpus's expressions. */
static void test_fuzz_corpus(void) {
    int n_seeds = (int)(sizeof seeds / sizeof seeds[0]), parsed = 0, checked = 0;
    double worst = 0;
    for (int i = 0; i < n_seeds; i++) {
        char *src = malloc(seeds[i].size + 1);
        if (!CHECK_MSG(src != NULL, "out of memory")) return;
        memcpy(src, seeds[i].bytes, seeds[i].size);
        src[seeds[i].size] = '\0';
        size_t len = strlen(src); /* an embedded NUL ends the expression, as in the fuzzer */
        for (unsigned flags = 0; flags <= BP_EXPAND_SIGMOID; flags++) {
            check_case("seed %s \"%.60s\" (flags %u)", seeds[i].name, src, flags);
            bp_status s = bp_graph_parse(g, src, flags);
            if (s != BP_OK) {
                CHECK_MSG(s == BP_ERR_SYNTAX || s == BP_ERR_LIMIT, "status %d (%s)", (int)s, bp_status_str(s));
                CHECK_INT(bp_graph_size(g), 0);
                CHECK_MSG(bp_graph_error(g)[0] != '\0', "a failed parse without a message");
                int column = bp_graph_error_column(g);
                CHECK_MSG(column >= 1 && (size_t)column <= len + 1, "error column %d outside 1..%zu", column, len + 1);
                continue;
            }
            parsed++;
            CHECK_STR(bp_graph_expr(g), src);
            int n_inputs = bp_graph_num_inputs(g);
            for (int k = 0; k < n_inputs; k++) CHECK_OK(bp_graph_set(g, bp_graph_input_name(g, k), 0.3 + 0.1 * k));

            char *json = NULL;
            if (CHECK_OK(bp_graph_trace_json(g, 1.0, &json))) {
                CHECK_MSG(strncmp(json, "{\"graph\":\"expr\",", 16) == 0, "the trace starts \"%.40s\"", json);
                CHECK_MSG(json[strlen(json) - 1] == '}', "the trace ends \"%s\"", json + strlen(json) - 10);
            }
            bp_free(json);

            bp_check *c = calloc((size_t)n_inputs + 1, sizeof *c);
            if (CHECK_MSG(c != NULL, "out of memory") && CHECK_OK(bp_graph_check_all(g, 1.0, c))) {
                /* The central difference's rounding error is about eps |f| / h,
                 * where |f| is bounded by the largest value in the graph (its
                 * own cancellation, as in 1e-3*x + 2E+3*y, is no defect). */
                double largest = 0;
                for (int id = 0; id < bp_graph_size(g); id++)
                    if (isfinite(bp_graph_value(g, id))) largest = fmax(largest, fabs(bp_graph_value(g, id)));
                for (int k = 0; k < n_inputs; k++) {
                    if (!isfinite(c[k].numeric) || !isfinite(c[k].analytic)) continue;
                    check_case("seed %s \"%.60s\" (flags %u): d/d%s, numeric %.17g, analytic %.17g", seeds[i].name,
                               src, flags, bp_graph_input_name(g, k), c[k].numeric, c[k].analytic);
                    double scale = fmax(fabs(c[k].numeric), fabs(c[k].analytic));
                    CHECK_LE(fabs(c[k].numeric - c[k].analytic), 1e-6 * scale + 8 * DBL_EPSILON * largest / c[k].step);
                    CHECK_SAME(c[k].analytic, bp_graph_grad(g, bp_graph_input_id(g, k)));
                    if (c[k].rel_error > worst) worst = c[k].rel_error;
                    checked++;
                }
            }
            free(c);
        }
        free(src);
    }
    check_case(NULL);
    printf("fuzz corpus: %d seeds, %d parses (of both forms), %d finite gradients checked, worst rel_error %.3g\n",
           n_seeds, parsed, checked, worst);
    CHECK_MSG(parsed > 0 && checked > 0, "the corpus gave %d parses and %d gradients to check", parsed, checked);
}

int main(void) {
    g = bp_graph_new();
    if (!g) return 1;
    test_gradients();
    test_precedence();
    test_shape();
    test_examples();
    test_fan_out();
    test_errors();
    test_limits();
    test_numerics();
    test_fuzz_corpus();
    bp_graph_free(g);
    return check_summary("test_expr");
}
