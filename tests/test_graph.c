/* test_graph: built-in graphs, every op's forward and backward, the trace. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include "backprop.h"
#include "check.h"

static double libm_sigmoid(double x) { return 1.0 / (1.0 + exp(-x)); }
/* sigma'(x) = t / (1 + t)^2 with t = e^(-|x|): no cancellation at any x. */
static double libm_sigmoid_slope(double x) {
    double t = exp(-fabs(x));
    return t / ((1 + t) * (1 + t));
}

/* Run a built-in graph at x with dout; returns the graph (caller frees). */
static bp_graph *run(const char *name, double x, double dout) {
    bp_graph *g = bp_graph_new();
    CHECK_MSG(g != NULL, "bp_graph_new() gave NULL");
    CHECK_OK(bp_graph_builtin(g, name));
    CHECK_OK(bp_graph_set(g, "x", x));
    CHECK_OK(bp_graph_forward(g));
    CHECK_OK(bp_graph_backward(g, dout));
    return g;
}

static void test_builtins(void) {
    static const double xs[] = {0.5, 0.0, -0.0, 1.0, -1.0, 3.25, -7.5, 20.0, -20.0, 36.0, -36.0, 1e-300};
    static const double douts[] = {1.0, -2.5, 0.125, 0.0};
    for (size_t i = 0; i < sizeof xs / sizeof *xs; i++)
        for (size_t j = 0; j < sizeof douts / sizeof *douts; j++) {
            double x = xs[i], dout = douts[j];
            check_case("x = %.17g, dout = %.17g", x, dout);
            double y = libm_sigmoid(x);
            bp_graph *fused = run("sigmoid", x, dout);
            bp_graph *steps = run("sigmoid-steps", x, dout);
            bp_graph *relu = run("relu", x, dout);
            CHECK_INT(bp_graph_size(fused), 2);
            CHECK_INT(bp_graph_size(steps), 5);
            CHECK_INT(bp_graph_size(relu), 2);
            CHECK_NEAR(bp_graph_value(fused, 1), y, 1e-15);
            CHECK_NEAR(bp_graph_grad(fused, 0), dout * libm_sigmoid_slope(x), 1e-14);
            CHECK_NEAR(bp_graph_value(steps, 4), y, 1e-15);
            /* The step graph's dL/dx equals the fused one, to rounding, at
             * every x: the fused node takes 1 - y as sigma(-x), where y(1 - y)
             * would cancel (at x = 36, 1 - y is one ulp of 1). */
            CHECK_NEAR(bp_graph_grad(steps, 0), bp_graph_grad(fused, 0), 4e-15);
            /* Each step node's own value and local derivative. */
            CHECK_SAME(bp_graph_value(steps, 1), -x);
            CHECK_NEAR(bp_graph_value(steps, 2), exp(-x), 1e-15);
            CHECK_NEAR(bp_graph_value(steps, 3), 1 + exp(-x), 1e-15);
            CHECK_NEAR(bp_graph_grad(steps, 3), -dout * y * y, 1e-15);
            CHECK_SAME(bp_graph_value(relu, 1), x > 0 ? x : 0.0);
            CHECK_SAME(bp_graph_grad(relu, 0), x > 0 ? dout : 0.0 * dout);
            bp_graph_free(fused);
            bp_graph_free(steps);
            bp_graph_free(relu);
        }
    check_case(NULL);
    /* The documented figures. */
    bp_graph *g = run("sigmoid-steps", 0.5, 1.0);
    CHECK_NEAR(bp_graph_value(g, 4), 0.6224593312018546, 1e-16);
    CHECK_NEAR(bp_graph_grad(g, 0), 0.2350037122015945, 1e-15);
    CHECK_STR(bp_graph_label(g, 1), "\u00d7(\u22121)");
    CHECK_STR(bp_graph_label(g, 2), "exp");
    CHECK_STR(bp_graph_label(g, 3), "+1");
    CHECK_STR(bp_graph_label(g, 4), "/");
    CHECK_STR(bp_graph_name(g), "sigmoid-steps");
    bp_graph_free(g);
}

static void test_relu_mask_at_zero(void) {
    /* The mask is x <= 0, so at exactly 0 (and -0) the gradient is 0. */
    bp_graph *g = run("relu", 0.0, 5.0);
    CHECK_SAME(bp_graph_value(g, 1), 0.0);
    CHECK_SAME(bp_graph_grad(g, 0), 0.0);
    bp_graph_free(g);
    g = run("relu", -0.0, 5.0);
    CHECK_SAME(bp_graph_value(g, 1), 0.0);
    CHECK_SAME(bp_graph_grad(g, 0), 0.0);
    bp_graph_free(g);
    g = run("relu", DBL_MIN, 5.0);
    CHECK_SAME(bp_graph_grad(g, 0), 5.0);
    bp_graph_free(g);
}

static int has_warning(const bp_graph *g, int node, bp_phase phase, const char *kind) {
    for (int i = 0; i < bp_graph_num_warnings(g); i++) {
        const bp_warning *w = bp_graph_warning(g, i);
        if (w->node == node && w->phase == phase && !strcmp(w->kind, kind)) return 1;
    }
    return 0;
}

static void test_non_finite(void) {
    /* x = -800: exp(800) overflows, then 0 * inf = NaN on the way back,
     * while the fused layer gives a clean 0. */
    bp_graph *steps = run("sigmoid-steps", -800, 1.0);
    CHECK_SAME(bp_graph_value(steps, 2), INFINITY);
    CHECK_SAME(bp_graph_value(steps, 4), 0.0);
    CHECK_NAN(bp_graph_grad(steps, 0));
    CHECK(has_warning(steps, 2, BP_FORWARD, "overflow"));
    CHECK(has_warning(steps, 2, BP_BACKWARD, "nan"));
    CHECK_INT(bp_graph_num_warnings(steps), 2);
    char message[256];
    bp_graph_warning_message(steps, 0, message, sizeof message);
    CHECK_STR(message, "exp(800) overflowed to Infinity");
    bp_graph_free(steps);
    bp_graph *fused = run("sigmoid", -800, 1.0);
    CHECK_SAME(bp_graph_value(fused, 1), 0.0);
    CHECK_SAME(bp_graph_grad(fused, 0), 0.0);
    CHECK_INT(bp_graph_num_warnings(fused), 0);
    bp_graph_free(fused);
    /* x = +800: both are fine. */
    steps = run("sigmoid-steps", 800, 1.0);
    CHECK_SAME(bp_graph_value(steps, 4), 1.0);
    CHECK_SAME(bp_graph_grad(steps, 0), 0.0);
    CHECK_INT(bp_graph_num_warnings(steps), 0);
    bp_graph_free(steps);
    /* NaN and infinite inputs are named where they enter. */
    steps = run("sigmoid-steps", NAN, 1.0);
    CHECK_NAN(bp_graph_value(steps, 4));
    CHECK_NAN(bp_graph_grad(steps, 0));
    CHECK(has_warning(steps, 0, BP_FORWARD, "nan-input"));
    CHECK_INT(bp_graph_num_warnings(steps), 1);
    bp_graph_free(steps);
    fused = run("sigmoid", INFINITY, 1.0);
    CHECK_SAME(bp_graph_value(fused, 1), 1.0);
    CHECK_SAME(bp_graph_grad(fused, 0), 0.0);
    CHECK(has_warning(fused, 0, BP_FORWARD, "infinite-input"));
    bp_graph_free(fused);
    fused = run("sigmoid", -INFINITY, 1.0);
    CHECK_SAME(bp_graph_value(fused, 1), 0.0);
    bp_graph_free(fused);
    bp_graph *relu = run("relu", INFINITY, 1.0);
    CHECK_SAME(bp_graph_value(relu, 1), INFINITY);
    CHECK_SAME(bp_graph_grad(relu, 0), 1.0);
    bp_graph_free(relu);
    relu = run("relu", NAN, 1.0);
    CHECK_NAN(bp_graph_value(relu, 1));
    bp_graph_free(relu);
}

/* Every op: forward against libm, backward against the derivative written
 * by hand, and against the numeric check. */
typedef struct {
    bp_op op;
    double k, a, b;
    double y, da, db; /* expected value and partial derivatives */
} op_case;

static void test_ops(void) {
    const double a = 0.7, b = 1.9;
    const op_case cases[] = {
        {BP_OP_SCALE, -1.0, a, 0, -a, -1, 0},
        {BP_OP_SCALE, 2.5, a, 0, 2.5 * a, 2.5, 0},
        {BP_OP_ADD_CONST, 1.0, a, 0, a + 1, 1, 0},
        {BP_OP_ADD, 0, a, b, a + b, 1, 1},
        {BP_OP_SUB, 0, a, b, a - b, 1, -1},
        {BP_OP_MUL, 0, a, b, a * b, b, a},
        {BP_OP_DIV, 0, a, b, a / b, 1 / b, -a / (b * b)},
        {BP_OP_POW, 0, a, b, pow(a, b), b * pow(a, b - 1), pow(a, b) * log(a)},
        {BP_OP_NEG, 0, a, 0, -a, -1, 0},
        {BP_OP_EXP, 0, a, 0, exp(a), exp(a), 0},
        {BP_OP_LOG, 0, a, 0, log(a), 1 / a, 0},
        {BP_OP_SQRT, 0, a, 0, sqrt(a), 0.5 / sqrt(a), 0},
        {BP_OP_RECIP, 0, a, 0, 1 / a, -1 / (a * a), 0},
        {BP_OP_TANH, 0, a, 0, tanh(a), 1 / (cosh(a) * cosh(a)), 0},
        {BP_OP_SIN, 0, a, 0, sin(a), cos(a), 0},
        {BP_OP_COS, 0, a, 0, cos(a), -sin(a), 0},
        {BP_OP_ABS, 0, -a, 0, a, -1, 0},
        {BP_OP_ABS, 0, a, 0, a, 1, 0},
        {BP_OP_RELU, 0, a, 0, a, 1, 0},
        {BP_OP_RELU, 0, -a, 0, 0, 0, 0},
        {BP_OP_SIGMOID, 0, a, 0, libm_sigmoid(a), libm_sigmoid_slope(a), 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const op_case *c = &cases[i];
        check_case("op %s, k = %g, a = %g, b = %g", bp_op_name(c->op), c->k, c->a, c->b);
        bp_graph *g = bp_graph_new();
        int ia, ib = -1, out;
        CHECK_OK(bp_graph_input(g, "a", &ia));
        if (bp_op_arity(c->op) == 2) CHECK_OK(bp_graph_input(g, "b", &ib));
        CHECK_OK(bp_graph_add(g, c->op, ia, ib, c->k, &out));
        CHECK_OK(bp_graph_set(g, "a", c->a));
        if (ib >= 0) CHECK_OK(bp_graph_set(g, "b", c->b));
        const double dout = -1.5;
        CHECK_OK(bp_graph_forward(g));
        CHECK_OK(bp_graph_backward(g, dout));
        CHECK_NEAR(bp_graph_value(g, out), c->y, 1e-15);
        CHECK_NEAR(bp_graph_grad(g, ia), dout * c->da, 1e-14);
        if (ib >= 0) CHECK_NEAR(bp_graph_grad(g, ib), dout * c->db, 1e-14);
        /* The check's two sides, each against the derivative by hand: the
         * analytic one to rounding, the numeric one to its truncation error. */
        bp_check check;
        CHECK_OK(bp_graph_check(g, "a", dout, &check));
        CHECK_NEAR(check.analytic, dout * c->da, 1e-14);
        if (c->da != 0) {
            CHECK_NEAR(check.numeric, dout * c->da, 1e-8);
            CHECK_LT(check.rel_error, 1e-8);
        } else {
            CHECK_SAME(fabs(check.numeric), 0.0);
        }
        if (ib >= 0) {
            CHECK_OK(bp_graph_check(g, "b", dout, &check));
            CHECK_NEAR(check.analytic, dout * c->db, 1e-14);
            CHECK_NEAR(check.numeric, dout * c->db, 1e-8);
            CHECK_LT(check.rel_error, 1e-8);
        }
        bp_graph_free(g);
    }
    check_case(NULL);
}

/* A step as it should be recorded: forward steps give node and value,
 * backward ones node, to, arg, upstream, local, grad and total. */
typedef struct {
    bp_phase phase;
    int node, to, arg;
    double value, upstream, local, grad, total;
} step_by_hand;

static void check_steps(const bp_graph *g, const step_by_hand *want, int n) {
    CHECK_INT(bp_graph_num_steps(g), n);
    for (int i = 0; i < n && i < bp_graph_num_steps(g); i++) {
        check_case("step %d", i);
        const bp_step *s = bp_graph_step(g, i);
        CHECK_INT(s->phase, want[i].phase);
        CHECK_INT(s->node, want[i].node);
        CHECK_INT(s->to, want[i].to);
        CHECK_INT(s->arg, want[i].arg);
        if (want[i].phase == BP_FORWARD) {
            CHECK_SAME(s->value, want[i].value);
            continue;
        }
        CHECK_SAME(s->upstream, want[i].upstream);
        CHECK_SAME(s->local, want[i].local);
        CHECK_SAME(s->grad, want[i].grad);
        CHECK_SAME(s->total, want[i].total);
    }
    check_case(NULL);
    CHECK_MSG(bp_graph_step(g, n) == NULL, "bp_graph_step(g, %d) is not NULL past the last step", n);
}

static void test_fan_out_and_steps(void) {
    /* y = x * x + x: x is used three times; its gradient sums 2x + 1. */
    bp_graph *g = bp_graph_new();
    int x, again, sq, y;
    CHECK_OK(bp_graph_input(g, "x", &x));
    CHECK_OK(bp_graph_input(g, "x", &again));
    CHECK_INT(again, x); /* the same node */
    CHECK_OK(bp_graph_add(g, BP_OP_MUL, x, x, 0, &sq));
    CHECK_OK(bp_graph_add(g, BP_OP_ADD, sq, x, 0, &y));
    CHECK_OK(bp_graph_set(g, "x", 3.0));
    CHECK_OK(bp_graph_forward(g));
    CHECK_OK(bp_graph_backward(g, 2.0));
    CHECK_SAME(bp_graph_value(g, y), 12.0);
    CHECK_SAME(bp_graph_grad(g, x), 2.0 * (2 * 3.0 + 1));
    /* Forward mul, add; backward add->mul, add->x, then mul->x twice (local
     * derivative: the other operand, 3). */
    const step_by_hand steps[] = {
        {BP_FORWARD, sq, -1, -1, 9.0, 0, 0, 0, 0},
        {BP_FORWARD, y, -1, -1, 12.0, 0, 0, 0, 0},
        {BP_BACKWARD, y, sq, 0, 0, 2.0, 1.0, 2.0, 2.0},
        {BP_BACKWARD, y, x, 1, 0, 2.0, 1.0, 2.0, 2.0},
        {BP_BACKWARD, sq, x, 0, 0, 2.0, 3.0, 6.0, 8.0},
        {BP_BACKWARD, sq, x, 1, 0, 2.0, 3.0, 6.0, 14.0},
    };
    check_steps(g, steps, 6);
    /* Backward again does not repeat the steps. */
    CHECK_OK(bp_graph_backward(g, 2.0));
    check_steps(g, steps, 6);
    CHECK_SAME(bp_graph_grad(g, x), 14.0);
    bp_graph_free(g);
}

static void test_constants_get_no_gradient(void) {
    bp_graph *g = bp_graph_new();
    int x, two, y;
    CHECK_OK(bp_graph_input(g, "x", &x));
    CHECK_OK(bp_graph_add(g, BP_OP_CONST, -1, -1, -2.0, &two));
    CHECK_OK(bp_graph_add(g, BP_OP_POW, x, two, 0, &y));
    CHECK_OK(bp_graph_set(g, "x", -3.0)); /* log(-3) would be NaN if the exponent got a gradient */
    CHECK_OK(bp_graph_forward(g));
    CHECK_OK(bp_graph_backward(g, 1.0));
    CHECK_SAME(bp_graph_value(g, y), 1.0 / 9.0);
    CHECK_NEAR(bp_graph_grad(g, x), 2.0 / 27.0, 1e-15); /* -2 x^-3 at -3 */
    CHECK_INT(bp_graph_has_grad(g, two), 0);
    CHECK_NAN(bp_graph_grad(g, two));
    CHECK_INT(bp_graph_num_warnings(g), 0);
    CHECK_STR(bp_graph_label(g, two), "\u22122");
    bp_graph_free(g);
}

static void test_warnings(void) {
    struct { bp_op op; double a, b; const char *kind; const char *message; } cases[] = {
        {BP_OP_DIV, 1, 0, "divide-by-zero", "1 / 0 is Infinity: division by zero"},
        {BP_OP_RECIP, 0, 0, "divide-by-zero", "1 / 0 is Infinity: division by zero"},
        {BP_OP_LOG, -1, 0, "domain", "log(-1) is NaN: outside the domain of log"},
        {BP_OP_SQRT, -4, 0, "domain", "sqrt(-4) is NaN: outside the domain of sqrt"},
        {BP_OP_MUL, 1e200, 1e200, "overflow", "1e+200 * 1e+200 overflowed to Infinity"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        check_case("op %s, a = %g, b = %g", bp_op_name(cases[i].op), cases[i].a, cases[i].b);
        bp_graph *g = bp_graph_new();
        int a, b = -1, y;
        CHECK_OK(bp_graph_input(g, "a", &a));
        if (bp_op_arity(cases[i].op) == 2) CHECK_OK(bp_graph_input(g, "b", &b));
        CHECK_OK(bp_graph_add(g, cases[i].op, a, b, 0, &y));
        CHECK_OK(bp_graph_set(g, "a", cases[i].a));
        if (b >= 0) CHECK_OK(bp_graph_set(g, "b", cases[i].b));
        CHECK_OK(bp_graph_forward(g));
        CHECK_INT(bp_graph_num_warnings(g), 1);
        CHECK(has_warning(g, y, BP_FORWARD, cases[i].kind));
        char message[256];
        bp_graph_warning_message(g, 0, message, sizeof message);
        CHECK_STR(message, cases[i].message);
        bp_graph_free(g);
    }
    check_case(NULL);
}

/* One op of operands (a, b) run forward and backward with dout = 1; the
 * caller frees it. */
static bp_graph *run_op(bp_op op, double a, double b) {
    bp_graph *g = bp_graph_new();
    int ia, ib = -1, y;
    CHECK_OK(bp_graph_input(g, "a", &ia));
    if (bp_op_arity(op) == 2) CHECK_OK(bp_graph_input(g, "b", &ib));
    CHECK_OK(bp_graph_add(g, op, ia, ib, 0, &y));
    CHECK_OK(bp_graph_set(g, "a", a));
    if (ib >= 0) CHECK_OK(bp_graph_set(g, "b", b));
    CHECK_OK(bp_graph_forward(g));
    CHECK_OK(bp_graph_backward(g, 1.0));
    return g;
}

/* Where the textbook formula of a derivative meets 0 * Infinity, or cancels,
 * and the values the core gives instead (by hand, and as PyTorch gives them). */
static void test_derivative_edges(void) {
    /* a ^ 0 is 1 whatever a is: d/da = 0, also at a = 0 (0 * 0^-1 would be NaN). */
    bp_graph *g = run_op(BP_OP_POW, 0, 0);
    CHECK_SAME(bp_graph_value(g, 2), 1.0);
    CHECK_SAME(bp_graph_grad(g, 0), 0.0);
    CHECK_SAME(bp_graph_grad(g, 1), 0.0); /* d/db 0^b at b = 0: 0, not 1 * log 0 */
    CHECK_INT(bp_graph_num_warnings(g), 0);
    bp_graph_free(g);
    /* 0 ^ b for b > 0 is 0: d/db = 0 (not 0 * -Infinity); d/da = b 0^(b-1). */
    g = run_op(BP_OP_POW, 0, 2);
    CHECK_SAME(bp_graph_value(g, 2), 0.0);
    CHECK_SAME(bp_graph_grad(g, 0), 0.0);
    CHECK_SAME(bp_graph_grad(g, 1), 0.0);
    CHECK_INT(bp_graph_num_warnings(g), 0);
    bp_graph_free(g);
    g = run_op(BP_OP_POW, 0, 0.5); /* sqrt's slope at 0: Infinity, named */
    CHECK_SAME(bp_graph_grad(g, 0), INFINITY);
    CHECK_SAME(bp_graph_grad(g, 1), 0.0);
    CHECK(has_warning(g, 2, BP_BACKWARD, "domain"));
    bp_graph_free(g);
    /* A negative exponent at 0 keeps its infinities (1/0 forward). */
    g = run_op(BP_OP_POW, 0, -1);
    CHECK_SAME(bp_graph_value(g, 2), INFINITY);
    CHECK(has_warning(g, 2, BP_FORWARD, "divide-by-zero"));
    bp_graph_free(g);

    /* An infinite local derivative from finite values is named where it starts. */
    g = run_op(BP_OP_SQRT, 0, 0);
    CHECK_SAME(bp_graph_value(g, 1), 0.0);
    CHECK_SAME(bp_graph_grad(g, 0), INFINITY);
    CHECK_INT(bp_graph_num_warnings(g), 1);
    CHECK(has_warning(g, 1, BP_BACKWARD, "domain"));
    char message[256];
    bp_graph_warning_message(g, 0, message, sizeof message);
    CHECK_STR(message, "backward through \u221a: its local derivative is Infinity");
    bp_graph_free(g);
    g = run_op(BP_OP_LOG, 1e-320, 0); /* 1 / 1e-320 overflows */
    CHECK_SAME(bp_graph_grad(g, 0), INFINITY);
    CHECK(has_warning(g, 1, BP_BACKWARD, "domain"));
    bp_graph_free(g);

    /* tanh' and sigma' from the input: exact to a few ulps where 1 - y^2 and
     * y(1 - y) have lost their digits (x = 10) or all of them (x = 20, 40).
     * By hand: tanh'(x) = 4 e^(-2x) / (1 + e^(-2x))^2, sigma'(x) = e^(-x) / (1 + e^(-x))^2. */
    static const double xs[] = {0.0, 0.5, -3.0, 10.0, -15.0, 20.0, 40.0, -40.0, 400.0, 800.0};
    for (size_t i = 0; i < sizeof xs / sizeof *xs; i++) {
        double x = xs[i];
        check_case("x = %g", x);
        double t2 = exp(-2 * fabs(x)), t1 = exp(-fabs(x));
        g = run_op(BP_OP_TANH, x, 0);
        CHECK_NEAR(bp_graph_grad(g, 0), 4 * t2 / ((1 + t2) * (1 + t2)), 1e-14);
        bp_graph_free(g);
        g = run_op(BP_OP_SIGMOID, x, 0);
        CHECK_NEAR(bp_graph_grad(g, 0), t1 / ((1 + t1) * (1 + t1)), 1e-14);
        bp_graph_free(g);
    }
    check_case(NULL);
    g = run_op(BP_OP_TANH, 0, 0);
    CHECK_SAME(bp_graph_grad(g, 0), 1.0);
    bp_graph_free(g);
    g = run_op(BP_OP_SIGMOID, 0, 0);
    CHECK_SAME(bp_graph_grad(g, 0), 0.25);
    bp_graph_free(g);

    /* ReLU's mask is a <= 0, as the array layer's: NaN passes its gradient on. */
    g = run_op(BP_OP_RELU, NAN, 0);
    CHECK_NAN(bp_graph_value(g, 1));
    CHECK_SAME(bp_graph_grad(g, 0), 1.0);
    bp_graph_free(g);
}

/* Every failure leaves its own message, not the last one's. */
static void test_error_messages_are_fresh(void) {
    bp_graph *g = bp_graph_new();
    CHECK_OK(bp_graph_builtin(g, "relu"));
    CHECK_STATUS(bp_graph_set(g, "zz", 1), BP_ERR_ARG);
    CHECK_STR(bp_graph_error(g), "the graph has no input 'zz'");
    CHECK_STATUS(bp_graph_input(g, "y", NULL), BP_ERR_ARG);
    CHECK_STR(bp_graph_error(g), "bp_graph_input: id is NULL");
    CHECK_STATUS(bp_graph_add(g, BP_OP_EXP, 0, -1, 0, NULL), BP_ERR_ARG);
    CHECK_STR(bp_graph_error(g), "bp_graph_add: id is NULL");
    CHECK_STATUS(bp_graph_set(g, NULL, 1), BP_ERR_ARG);
    CHECK_STR(bp_graph_error(g), "bp_graph_set: name is NULL");
    bp_check c;
    CHECK_STATUS(bp_graph_check(g, NULL, 1, &c), BP_ERR_ARG);
    CHECK_STR(bp_graph_error(g), "bp_graph_check: name is NULL");
    CHECK_STATUS(bp_graph_check(g, "x", 1, NULL), BP_ERR_ARG);
    CHECK_STR(bp_graph_error(g), "bp_graph_check: out is NULL");
    CHECK_STATUS(bp_graph_check_all(g, 1, NULL), BP_ERR_ARG);
    CHECK_STR(bp_graph_error(g), "bp_graph_check_all: out is NULL");
    bp_graph_free(g);
}

/* f(x, y) = x y + sin x, the function test_check_all builds. */
static double x_y_plus_sin_x(double x, double y) { return x * y + sin(x); }

/* A gradient check's fields against the same computed by hand: the
 * derivative `exact` (times dout), the step h = cbrt(eps) max(1, |at|), and
 * the central difference over the steps actually taken. */
static void check_by_hand(const bp_check *c, double exact, double at, double numeric_by_hand) {
    CHECK_NEAR(c->analytic, exact, 1e-15);
    CHECK_SAME(c->step, cbrt(DBL_EPSILON) * fmax(1.0, fabs(at)));
    CHECK_NEAR(c->numeric, numeric_by_hand, 1e-12);
    CHECK_NEAR(c->numeric, exact, 1e-9);
    CHECK_SAME(c->rel_error, fabs(c->numeric - c->analytic) / fmax(fabs(c->numeric), fabs(c->analytic)));
    CHECK_LT(c->rel_error, 1e-8);
}

/* check_all and check, each against the derivatives and central differences
 * worked out by hand; check_all leaves the graph run forward and backward
 * with every step recorded once. */
static void test_check_all(void) {
    bp_graph *g = bp_graph_new();
    int x, y, xy, s, out;
    CHECK_OK(bp_graph_input(g, "x", &x));
    CHECK_OK(bp_graph_input(g, "y", &y));
    CHECK_OK(bp_graph_add(g, BP_OP_MUL, x, y, 0, &xy));
    CHECK_OK(bp_graph_add(g, BP_OP_SIN, x, -1, 0, &s));
    CHECK_OK(bp_graph_add(g, BP_OP_ADD, xy, s, 0, &out));
    const double x0 = 1.25, y0 = -0.5, dout = 2.0;
    CHECK_OK(bp_graph_set(g, "x", x0));
    CHECK_OK(bp_graph_set(g, "y", y0));
    /* df/dx = y + cos x, df/dy = x; and the central differences. */
    const double exact[2] = {dout * (y0 + cos(x0)), dout * x0};
    double hx = cbrt(DBL_EPSILON) * fmax(1.0, fabs(x0)), hy = cbrt(DBL_EPSILON) * fmax(1.0, fabs(y0));
    volatile double xp = x0 + hx, xm = x0 - hx, yp = y0 + hy, ym = y0 - hy;
    const double numeric[2] = {
        dout * ((x_y_plus_sin_x(xp, y0) - x_y_plus_sin_x(xm, y0)) / (xp - xm)),
        dout * ((x_y_plus_sin_x(x0, yp) - x_y_plus_sin_x(x0, ym)) / (yp - ym)),
    };
    const double at[2] = {x0, y0};
    const char *names[2] = {"x", "y"};

    bp_check all[2], one;
    CHECK_OK(bp_graph_check_all(g, dout, all));
    CHECK_INT(bp_graph_num_steps(g), 3 + 5); /* mul, sin, add; then 5 edges back */
    CHECK_SAME(bp_graph_value(g, out), x_y_plus_sin_x(x0, y0));
    CHECK_NEAR(bp_graph_grad(g, x), exact[0], 1e-15);
    CHECK_NEAR(bp_graph_grad(g, y), exact[1], 1e-15);
    for (int i = 0; i < 2; i++) {
        check_case("bp_graph_check_all, input %s", names[i]);
        check_by_hand(&all[i], exact[i], at[i], numeric[i]);
        check_case("bp_graph_check, input %s", names[i]);
        CHECK_OK(bp_graph_check(g, names[i], dout, &one));
        check_by_hand(&one, exact[i], at[i], numeric[i]);
    }
    check_case(NULL);
    CHECK_INT(bp_graph_num_steps(g), 3 + 5);

    /* No inputs: still one forward and backward pass, and no output needed. */
    bp_graph *c = bp_graph_new();
    int k;
    CHECK_OK(bp_graph_add(c, BP_OP_CONST, -1, -1, 3.0, &k));
    CHECK_OK(bp_graph_check_all(c, 1.0, NULL));
    CHECK_SAME(bp_graph_value(c, k), 3.0);
    bp_graph_free(c);
    CHECK_STATUS(bp_graph_check_all(NULL, 1.0, all), BP_ERR_ARG);
    CHECK_STATUS(bp_graph_check_all(g, 1.0, NULL), BP_ERR_ARG);
    bp_graph_free(g);
}

static void test_errors(void) {
    bp_graph *g = bp_graph_new();
    CHECK_STATUS(bp_graph_builtin(g, "tanh"), BP_ERR_ARG);
    CHECK_STR(bp_graph_error(g), "unknown graph 'tanh' (known: relu, sigmoid, sigmoid-steps)");
    CHECK_STATUS(bp_graph_forward(g), BP_ERR_ARG);
    CHECK_STR(bp_graph_error(g), "the graph is empty");
    int id;
    CHECK_STATUS(bp_graph_add(g, BP_OP_EXP, 0, -1, 0, &id), BP_ERR_ARG);
    CHECK_STATUS(bp_graph_add(g, BP_OP_COUNT, -1, -1, 0, &id), BP_ERR_ARG);
    CHECK_STATUS(bp_graph_add(g, BP_OP_INPUT, -1, -1, 0, &id), BP_ERR_ARG);
    CHECK_STATUS(bp_graph_input(g, "1x", &id), BP_ERR_ARG);
    CHECK_STATUS(bp_graph_input(g, "", &id), BP_ERR_ARG);
    CHECK_OK(bp_graph_builtin(g, "relu"));
    CHECK_STATUS(bp_graph_set(g, "y", 1), BP_ERR_ARG);
    CHECK_STR(bp_graph_error(g), "the graph has no input 'y'");
    bp_check c;
    CHECK_STATUS(bp_graph_check(g, "y", 1, &c), BP_ERR_ARG);
    CHECK_STATUS(bp_graph_builtin(NULL, "relu"), BP_ERR_ARG);
    CHECK_NAN(bp_graph_value(g, 99)); /* out of range */
    CHECK_MSG(bp_graph_label(g, -1) == NULL, "bp_graph_label(g, -1) is not NULL");
    CHECK_MSG(bp_graph_step(g, 0) == NULL, "bp_graph_step(g, 0) is not NULL before any pass");
    CHECK_STR(bp_status_str(BP_ERR_RANGE), "number out of range");
    bp_graph_free(g);
    bp_graph_free(NULL);
}

/* Fig. 7's dL/dy * y^2 * exp(-x) and Eq. (6)'s parts, against values derived
 * by hand (40 digits, then rounded): at x = 0.5, exp(-0.5) = 0.60653065971263342,
 * y = 1/(1 + exp(-0.5)) = 0.62245933120185456, y^2 = 0.38745561900026008,
 * y^2 exp(-x) = 0.23500371220159449 = y(1 - y). */
static void test_fig7(void) {
    bp_fig7 f;
    bp_sigmoid_fig7(&f, 0.5, 1.0);
    CHECK_NEAR(f.exp_neg_x, 0.6065306597126334, 1e-16);
    CHECK_NEAR(f.denom, 1.6065306597126334, 2e-16);
    CHECK_SAME(f.y, bp_sigmoid(0.5));
    CHECK_NEAR(f.y, 0.6224593312018546, 1e-16);
    CHECK_NEAR(f.y2, 0.3874556190002601, 1e-16);
    CHECK_NEAR(f.ratio, 0.3775406687981454, 2e-16); /* one division away: 1 ulp */
    CHECK_NEAR(f.local, 0.2350037122015945, 1e-16);
    CHECK_NEAR(f.local, f.y * (1 - f.y), 1e-16);
    CHECK_SAME(f.grad, f.local);
    bp_sigmoid_fig7(&f, 0.5, -2.0);
    CHECK_SAME(f.grad, -2.0 * f.local);
    /* Fig. 7's form equals the fused layer's dL/dx, to rounding. */
    bp_graph *fused = run("sigmoid", -1.25, 3.0);
    bp_sigmoid_fig7(&f, -1.25, 3.0);
    CHECK_NEAR(f.grad, bp_graph_grad(fused, 0), 1e-15);
    bp_graph_free(fused);
    /* x = -800: exp(800) = Infinity, y = 0, and y^2 exp(-x) = 0 * Infinity is
     * NaN, where y(1 - y) gives 0: Eq. (6) is also the stable form. */
    bp_sigmoid_fig7(&f, -800, 1.0);
    CHECK_SAME(f.exp_neg_x, INFINITY);
    CHECK_SAME(f.y, 0.0);
    CHECK_NAN(f.local);
    CHECK_NAN(f.grad);
    /* The trace carries it on a sigmoid's backward step, and only there. */
    bp_graph *g = bp_graph_new();
    CHECK_OK(bp_graph_builtin(g, "sigmoid"));
    CHECK_OK(bp_graph_set(g, "x", 0.5));
    char *json = NULL;
    CHECK_OK(bp_graph_trace_json(g, 1.0, &json));
    CHECK_CONTAINS(json, "\"total\":0.2350037122015945,\"fig7\":{\"exp_neg_x\":0.6065306597126334,"
                         "\"denom\":1.6065306597126334,\"y\":0.6224593312018546,\"y2\":0.3874556190002601,");
    CHECK_CONTAINS(json, "\"local\":0.2350037122015945,\"grad\":0.2350037122015945}}");
    bp_free(json);
    json = NULL;
    CHECK_OK(bp_graph_builtin(g, "sigmoid-steps"));
    CHECK_OK(bp_graph_trace_json(g, 1.0, &json));
    CHECK(strstr(json, "fig7") == NULL);
    bp_free(json);
    bp_graph_free(g);
}

static void test_check_and_json(void) {
    bp_graph *g = bp_graph_new();
    CHECK_OK(bp_graph_builtin(g, "sigmoid-steps"));
    CHECK_OK(bp_graph_set(g, "x", 0.5));
    bp_check c;
    CHECK_OK(bp_graph_check(g, "x", 1.0, &c));
    CHECK_NEAR(c.analytic, 0.2350037122015945, 1e-15);
    CHECK_LT(c.rel_error, 1e-9);
    CHECK_SAME(c.step, cbrt(DBL_EPSILON));
    CHECK_OK(bp_graph_set(g, "x", 1000.0));
    CHECK_OK(bp_graph_check(g, "x", 1.0, &c));
    CHECK_SAME(c.step, 1000.0 * cbrt(DBL_EPSILON));

    CHECK_OK(bp_graph_set(g, "x", 0.5));
    char *json = NULL;
    CHECK_OK(bp_graph_trace_json(g, 1.0, &json));
    const char *expected[] = {
        "{\"graph\":\"sigmoid-steps\",\"inputs\":{\"x\":0.5},\"dout\":1,\"output\":0.6224593312018546,",
        "\"grads\":{\"x\":0.2350037122015945}",
        "{\"id\":1,\"op\":\"scale\",\"label\":\"\u00d7(\u22121)\",\"k\":-1,\"args\":[0],\"value\":-0.5,",
        "{\"from\":3,\"to\":4,\"arg\":0}",
        "{\"phase\":\"forward\",\"node\":1,\"value\":-0.5}",
        "{\"phase\":\"backward\",\"node\":4,\"to\":3,\"arg\":0,\"upstream\":1,\"local\":-0.3874556190002601,",
        "\"warnings\":[]}",
    };
    for (size_t i = 0; i < sizeof expected / sizeof *expected; i++) CHECK_CONTAINS(json, expected[i]);
    bp_free(json);
    json = NULL;
    CHECK_OK(bp_graph_set(g, "x", -800));
    CHECK_OK(bp_graph_trace_json(g, 1.0, &json));
    CHECK_CONTAINS(json, "\"value\":\"Infinity\"");
    CHECK_CONTAINS(json, "\"grads\":{\"x\":\"NaN\"}");
    CHECK_CONTAINS(json, "\"kind\":\"overflow\"");
    CHECK_CONTAINS(json, "\"message\":\"exp(800) overflowed to Infinity\"");
    bp_free(json);
    bp_graph_free(g);
}

/* Every op's label from the op table: patterns where a number goes, the
 * number filled in by bp_graph_label, and every other op as it is. */
static void test_labels(void) {
    static const struct { bp_op op; double k; const char *pattern, *label; } cases[] = {
        {BP_OP_SCALE, -1, "\u00d7(\u2212{k})", "\u00d7(\u22121)"}, {BP_OP_SCALE, 2.5, "\u00d7{k}", "\u00d72.5"},
        {BP_OP_SCALE, -0.0, "\u00d7(\u2212{k})", "\u00d7(\u22120)"}, {BP_OP_ADD_CONST, 1, "+{k}", "+1"},
        {BP_OP_ADD_CONST, -1e21, "\u2212{k}", "\u22121e+21"}, {BP_OP_ADD_CONST, NAN, "+{k}", "+NaN"},
        {BP_OP_CONST, -2, "\u2212{k}", "\u22122"}, {BP_OP_CONST, 1e-7, "{k}", "1e-7"},
        {BP_OP_ADD, 0, "+", "+"}, {BP_OP_SUB, 0, "\u2212", "\u2212"}, {BP_OP_MUL, 0, "\u00d7", "\u00d7"},
        {BP_OP_DIV, 0, "\u00f7", "\u00f7"}, {BP_OP_POW, 0, "^", "^"}, {BP_OP_NEG, 0, "\u2212x", "\u2212x"},
        {BP_OP_EXP, 0, "exp", "exp"}, {BP_OP_LOG, 0, "log", "log"}, {BP_OP_SQRT, 0, "\u221a", "\u221a"},
        {BP_OP_RECIP, 0, "/", "/"}, {BP_OP_TANH, 0, "tanh", "tanh"}, {BP_OP_SIN, 0, "sin", "sin"},
        {BP_OP_COS, 0, "cos", "cos"}, {BP_OP_ABS, 0, "abs", "abs"}, {BP_OP_RELU, 0, "ReLU", "ReLU"},
        {BP_OP_SIGMOID, -3, "\u03c3", "\u03c3"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        bp_graph *g = bp_graph_new();
        int x, y;
        CHECK(bp_graph_input(g, "velocity", &x) == BP_OK);
        CHECK(bp_graph_add(g, cases[i].op, x, x, cases[i].k, &y) == BP_OK);
        CHECK_STR(bp_graph_label_pattern(g, x), "velocity");
        CHECK_STR(bp_graph_label(g, x), "velocity");
        CHECK_STR(bp_graph_label_pattern(g, y), cases[i].pattern);
        CHECK_STR(bp_graph_label(g, y), cases[i].label);
        CHECK(bp_graph_label_pattern(g, y + 1) == NULL && bp_graph_label(g, -1) == NULL);
        bp_graph_free(g);
    }
}

/* The records' layout as backprop.h gives it, reported as the host reads it. */
static void test_record_layout(void) {
    static const int expected[BP_RECORD_LAYOUT_INTS] = {
        56, 0, 4, 8, 12, 16, 24, 32, 40, 48,  /* bp_step */
        40, 0, 4, 8, 16, 24, 32,              /* bp_warning */
        32, 0, 8, 16, 24,                     /* bp_check */
    };
    const int *layout = bp_record_layout();
    for (int i = 0; i < BP_RECORD_LAYOUT_INTS; i++) CHECK(layout[i] == expected[i]);
    bp_graph *g = run("sigmoid-steps", 0.5, 1.0);
    const bp_step *s = bp_graph_step(g, 4);
    CHECK(*(const double *)((const char *)s + layout[6]) == s->upstream); /* layout[6]: bp_step.upstream */
    bp_graph_free(g);
}

int main(void) {
    test_builtins();
    test_relu_mask_at_zero();
    test_non_finite();
    test_ops();
    test_fan_out_and_steps();
    test_constants_get_no_gradient();
    test_warnings();
    test_derivative_edges();
    test_error_messages_are_fresh();
    test_check_all();
    test_errors();
    test_check_and_json();
    test_fig7();
    test_labels();
    test_record_layout();
    return check_summary("test_graph");
}
