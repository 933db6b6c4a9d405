/* graph.c: scalar computational graphs. Nodes are appended in creation order,
 * which is a topological order, so forward is one loop front to back and
 * backward one loop back to front. Every step is recorded for the trace. */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

/* ------------------------------------------------------------ op table */

#define MINUS "\xE2\x88\x92" /* U+2212, the typographic minus */

/* Each op's name in the trace, its number of operands and its label on a
 * node. A label with "{k}" carries the node's number there, |k| as the
 * shortest decimal that reads back; `negative` is the label when k's sign
 * bit is set. An input's label is its name. */
static const struct {
    const char *name;
    int arity;
    const char *label, *negative;
} op_info[BP_OP_COUNT] = {
    [BP_OP_INPUT] = {"input", 0, NULL, NULL},
    [BP_OP_CONST] = {"const", 0, "{k}", MINUS "{k}"},
    [BP_OP_SCALE] = {"scale", 1, "\xC3\x97{k}", "\xC3\x97(" MINUS "{k})"},
    [BP_OP_ADD_CONST] = {"add_const", 1, "+{k}", MINUS "{k}"},
    [BP_OP_ADD] = {"add", 2, "+", NULL},                [BP_OP_SUB] = {"sub", 2, MINUS, NULL},
    [BP_OP_MUL] = {"mul", 2, "\xC3\x97", NULL},         [BP_OP_DIV] = {"div", 2, "\xC3\xB7", NULL},
    [BP_OP_POW] = {"pow", 2, "^", NULL},                [BP_OP_NEG] = {"neg", 1, MINUS "x", NULL},
    [BP_OP_EXP] = {"exp", 1, "exp", NULL},              [BP_OP_LOG] = {"log", 1, "log", NULL},
    [BP_OP_SQRT] = {"sqrt", 1, "\xE2\x88\x9A", NULL},   [BP_OP_RECIP] = {"recip", 1, "/", NULL},
    [BP_OP_TANH] = {"tanh", 1, "tanh", NULL},           [BP_OP_SIN] = {"sin", 1, "sin", NULL},
    [BP_OP_COS] = {"cos", 1, "cos", NULL},              [BP_OP_ABS] = {"abs", 1, "abs", NULL},
    [BP_OP_RELU] = {"relu", 1, "ReLU", NULL},           [BP_OP_SIGMOID] = {"sigmoid", 1, "\xCF\x83", NULL},
};

static int op_valid(bp_op op) { return (unsigned)op < BP_OP_COUNT; }

const char *bp_op_name(bp_op op) { return op_valid(op) ? op_info[op].name : "?"; }
int bp_op_arity(bp_op op) { return op_valid(op) ? op_info[op].arity : -1; }

/* ------------------------------------------------------------ lifetime */

bp_graph *bp_graph_new(void) {
    bp_graph *g = calloc(1, sizeof *g);
    if (g) strcpy(g->name, "empty");
    return g;
}

static void clear_nodes(bp_graph *g) {
    for (int i = 0; i < g->n; i++) free(g->nodes[i].name);
    g->n = 0;
    g->n_inputs = 0;
    g->n_steps = 0;
    g->n_warnings = 0;
}

void bp_graph_free(bp_graph *g) {
    if (!g) return;
    clear_nodes(g);
    free(g->nodes);
    free(g->inputs);
    free(g->steps);
    free(g->warnings);
    free(g->expr);
    free(g);
}

bp_status bp__graph_reset(bp_graph *g, const char *name, const char *expr) {
    clear_nodes(g);
    free(g->expr);
    g->expr = NULL;
    bp__format(g->name, sizeof g->name, "%s", name);
    g->error[0] = '\0';
    g->error_column = 0;
    if (expr) {
        size_t len = strlen(expr);
        g->expr = malloc(len + 1);
        if (!g->expr) return bp__graph_fail(g, BP_ERR_NOMEM, 0, "out of memory");
        memcpy(g->expr, expr, len + 1);
    }
    return BP_OK;
}

bp_status bp__graph_fail(bp_graph *g, bp_status status, int column, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    bp__vformat(g->error, sizeof g->error, fmt, ap);
    va_end(ap);
    g->error_column = column;
    return status;
}

/* Grow *items (of *cap elements of size `size`) to hold at least `need`. */
static int grow(void **items, int *cap, int need, size_t size) {
    if (need <= *cap) return 1;
    int new_cap = *cap ? *cap * 2 : 16;
    while (new_cap < need) new_cap *= 2;
    void *p = realloc(*items, (size_t)new_cap * size);
    if (!p) return 0;
    *items = p;
    *cap = new_cap;
    return 1;
}

/* ------------------------------------------------------------ building */

static bp_status append(bp_graph *g, bp_node node, int *id) {
    if (!grow((void **)&g->nodes, &g->cap, g->n + 1, sizeof(bp_node)))
        return bp__graph_fail(g, BP_ERR_NOMEM, 0, "out of memory");
    node.value = 0;
    node.grad = NAN;
    g->nodes[g->n] = node;
    *id = g->n++;
    g->n_steps = 0;
    g->n_warnings = 0;
    return BP_OK;
}

static int valid_name(const char *s) {
    if (!s || !(*s == '_' || (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'))) return 0;
    size_t n = 0;
    for (; *s; s++, n++)
        if (!(*s == '_' || (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9')))
            return 0;
    return n <= BP_MAX_NAME_CHARS;
}

static int find_input(const bp_graph *g, const char *name) {
    for (int i = 0; i < g->n_inputs; i++)
        if (strcmp(g->nodes[g->inputs[i]].name, name) == 0) return g->inputs[i];
    return -1;
}

bp_status bp_graph_input(bp_graph *g, const char *name, int *id) {
    if (!g) return BP_ERR_ARG;
    if (!id) return bp__graph_fail(g, BP_ERR_ARG, 0, "bp_graph_input: id is NULL");
    if (!valid_name(name))
        return bp__graph_fail(g, BP_ERR_ARG, 0, "'%s' is not a valid input name", name ? name : "(null)");
    int found = find_input(g, name);
    if (found >= 0) {
        *id = found;
        return BP_OK;
    }
    if (!grow((void **)&g->inputs, &g->cap_inputs, g->n_inputs + 1, sizeof(int)))
        return bp__graph_fail(g, BP_ERR_NOMEM, 0, "out of memory");
    size_t len = strlen(name);
    char *copy = malloc(len + 1);
    if (!copy) return bp__graph_fail(g, BP_ERR_NOMEM, 0, "out of memory");
    memcpy(copy, name, len + 1);
    bp_node node = {.op = BP_OP_INPUT, .a = -1, .b = -1, .needs_grad = 1, .name = copy};
    bp_status s = append(g, node, id);
    if (s != BP_OK) {
        free(copy);
        return s;
    }
    g->inputs[g->n_inputs++] = *id;
    return BP_OK;
}

bp_status bp_graph_add(bp_graph *g, bp_op op, int a, int b, double k, int *id) {
    if (!g) return BP_ERR_ARG;
    if (!id) return bp__graph_fail(g, BP_ERR_ARG, 0, "bp_graph_add: id is NULL");
    if (!op_valid(op) || op == BP_OP_INPUT)
        return bp__graph_fail(g, BP_ERR_ARG, 0, "bad op %d", (int)op);
    int arity = op_info[op].arity;
    if ((arity >= 1 && (a < 0 || a >= g->n)) || (arity >= 2 && (b < 0 || b >= g->n)))
        return bp__graph_fail(g, BP_ERR_ARG, 0, "%s: operand is not an earlier node", bp_op_name(op));
    if (arity < 1) a = -1;
    if (arity < 2) b = -1;
    int needs = (a >= 0 && g->nodes[a].needs_grad) || (b >= 0 && g->nodes[b].needs_grad);
    bp_node node = {.op = op, .a = a, .b = b, .k = k, .needs_grad = needs};
    return append(g, node, id);
}

const char *const bp_builtin_names[] = {"relu", "sigmoid", "sigmoid-steps", NULL};

bp_status bp_graph_builtin(bp_graph *g, const char *name) {
    if (!g) return BP_ERR_ARG;
    int which = -1;
    for (int i = 0; name && bp_builtin_names[i]; i++)
        if (strcmp(name, bp_builtin_names[i]) == 0) which = i;
    if (which < 0)
        return bp__graph_fail(g, BP_ERR_ARG, 0, "unknown graph '%s' (known: relu, sigmoid, sigmoid-steps)",
                              name ? name : "(null)");
    bp_status s = bp__graph_reset(g, name, NULL);
    int x, id;
    if (s == BP_OK) s = bp_graph_input(g, "x", &x);
    if (s != BP_OK) return s;
    switch (which) {
    case 0: return bp_graph_add(g, BP_OP_RELU, x, -1, 0, &id);
    case 1: return bp_graph_add(g, BP_OP_SIGMOID, x, -1, 0, &id);
    default:
        if ((s = bp_graph_add(g, BP_OP_SCALE, x, -1, -1.0, &id)) != BP_OK) return s;
        if ((s = bp_graph_add(g, BP_OP_EXP, id, -1, 0, &id)) != BP_OK) return s;
        if ((s = bp_graph_add(g, BP_OP_ADD_CONST, id, -1, 1.0, &id)) != BP_OK) return s;
        return bp_graph_add(g, BP_OP_RECIP, id, -1, 0, &id);
    }
}

bp_status bp_graph_set(bp_graph *g, const char *name, double value) {
    if (!g) return BP_ERR_ARG;
    if (!name) return bp__graph_fail(g, BP_ERR_ARG, 0, "bp_graph_set: name is NULL");
    int id = find_input(g, name);
    if (id < 0) return bp__graph_fail(g, BP_ERR_ARG, 0, "the graph has no input '%s'", name);
    g->nodes[id].value = value;
    return BP_OK;
}

/* ------------------------------------------------------------ evaluation */

static double eval_node(const bp_graph *g, const bp_node *node) {
    double a = node->a >= 0 ? g->nodes[node->a].value : 0;
    double b = node->b >= 0 ? g->nodes[node->b].value : 0;
    switch (node->op) {
    case BP_OP_INPUT: return node->value;
    case BP_OP_CONST: return node->k;
    case BP_OP_SCALE: return node->k * a;
    case BP_OP_ADD_CONST: return a + node->k;
    case BP_OP_ADD: return a + b;
    case BP_OP_SUB: return a - b;
    case BP_OP_MUL: return a * b;
    case BP_OP_DIV: return a / b;
    case BP_OP_POW: return pow(a, b);
    case BP_OP_NEG: return -a;
    case BP_OP_EXP: return bp_exp(a);
    case BP_OP_LOG: return log(a);
    case BP_OP_SQRT: return sqrt(a);
    case BP_OP_RECIP: return 1.0 / a;
    case BP_OP_TANH: return tanh(a);
    case BP_OP_SIN: return sin(a);
    case BP_OP_COS: return cos(a);
    case BP_OP_ABS: return fabs(a);
    case BP_OP_RELU: return a <= 0 ? 0.0 : a; /* NaN passes, as in the array layer */
    case BP_OP_SIGMOID: return bp_sigmoid(a);
    case BP_OP_COUNT: break;
    }
    return NAN;
}

/* tanh'(a) = 1 - tanh(a)^2 from a, not from y = tanh(a): near |a| = 10, 1 - y^2
 * has lost half its digits, and 0 from |a| = 19.1 on. With t = e^(-2|a|),
 * 1 - y^2 = 4t / (1 + t)^2, a few ulps everywhere (bp_exp: the same on every
 * platform). */
static double tanh_derivative(double a) {
    double t = bp_exp(-2 * fabs(a));
    return 4 * t / ((1 + t) * (1 + t));
}

/* d(node)/d(operand `which`), from the node's operands and its own output y. */
static double local_derivative(const bp_graph *g, const bp_node *node, int which) {
    double a = node->a >= 0 ? g->nodes[node->a].value : 0;
    double b = node->b >= 0 ? g->nodes[node->b].value : 0;
    double y = node->value;
    switch (node->op) {
    case BP_OP_SCALE: return node->k;
    case BP_OP_ADD_CONST: return 1;
    case BP_OP_ADD: return 1;
    case BP_OP_SUB: return which == 0 ? 1 : -1;
    case BP_OP_MUL: return which == 0 ? b : a; /* the inputs swapped */
    case BP_OP_DIV: return which == 0 ? 1.0 / b : -y / b;
    /* Where a ^ b does not move with an operand, its derivative is 0, not
     * 0 * Infinity: with b == 0 (a ^ 0 is 1) and, for b >= 0, at a == 0
     * (0 ^ b is 0, or 1). PyTorch's conventions. */
    case BP_OP_POW: /* a ^ 0, and 0 ^ b for b >= 0, stay put: 0, not 0 * Infinity */
        if (which == 0) return b == 0 ? 0 : b * pow(a, b - 1);
        return a == 0 && b >= 0 ? 0 : y * log(a);
    case BP_OP_NEG: return -1;
    case BP_OP_EXP: return y;
    case BP_OP_LOG: return 1.0 / a;
    case BP_OP_SQRT: return 0.5 / y;
    case BP_OP_RECIP: return -(y * y);
    case BP_OP_TANH: return tanh_derivative(a);
    case BP_OP_SIN: return cos(a);
    case BP_OP_COS: return -sin(a);
    case BP_OP_ABS: return a > 0 ? 1 : a < 0 ? -1 : 0;
    case BP_OP_RELU: return a <= 0 ? 0 : 1; /* the layer's mask a <= 0: 0 at 0, NaN passes */
    case BP_OP_SIGMOID: return y * bp_sigmoid(-a); /* y (1 - y): 1 - y is sigma(-a) */
    default: return NAN;
    }
}

static bp_status add_step(bp_graph *g, bp_step step) {
    if (!grow((void **)&g->steps, &g->cap_steps, g->n_steps + 1, sizeof(bp_step)))
        return bp__graph_fail(g, BP_ERR_NOMEM, 0, "out of memory");
    g->steps[g->n_steps++] = step;
    return BP_OK;
}

static bp_status warn(bp_graph *g, int node, bp_phase phase, const char *kind, double a, double b, double value) {
    if (!grow((void **)&g->warnings, &g->cap_warnings, g->n_warnings + 1, sizeof(bp_warning)))
        return bp__graph_fail(g, BP_ERR_NOMEM, 0, "out of memory");
    bp_warning w = {.node = node, .phase = phase, .kind = kind, .a = a, .b = b, .value = value};
    g->warnings[g->n_warnings++] = w;
    return BP_OK;
}

/* Name the cause of a non-finite value that a node made from finite operands
 * (or NaN from non-NaN ones); silent when it only passed one along. */
static bp_status check_forward(bp_graph *g, int id) {
    const bp_node *node = &g->nodes[id];
    double y = node->value;
    if (isfinite(y)) return BP_OK;
    if (node->op == BP_OP_INPUT)
        return warn(g, id, BP_FORWARD, isnan(y) ? "nan-input" : "infinite-input", NAN, NAN, y);
    double a = node->a >= 0 ? g->nodes[node->a].value : NAN;
    double b = node->b >= 0 ? g->nodes[node->b].value : NAN;
    int operands_finite = (node->a < 0 || isfinite(a)) && (node->b < 0 || isfinite(b));
    int operands_nan = isnan(a) || isnan(b);
    if (operands_finite) {
        int zero_div = (node->op == BP_OP_DIV && b == 0) || (node->op == BP_OP_RECIP && a == 0) ||
                       (node->op == BP_OP_LOG && a == 0) || (node->op == BP_OP_POW && a == 0 && b < 0);
        const char *kind = zero_div ? "divide-by-zero" : isnan(y) ? "domain" : "overflow";
        return warn(g, id, BP_FORWARD, kind, a, b, y);
    }
    if (isnan(y) && !operands_nan) return warn(g, id, BP_FORWARD, "nan", a, b, y);
    return BP_OK;
}

/* Evaluate every node; `record` adds the steps and warnings of the trace. */
static bp_status run_forward(bp_graph *g, int record) {
    if (record) {
        g->n_steps = 0;
        g->n_warnings = 0;
    }
    for (int i = 0; i < g->n; i++) {
        bp_node *node = &g->nodes[i];
        node->value = eval_node(g, node);
        node->grad = NAN;
        if (!record) continue;
        bp_status s = check_forward(g, i);
        if (s == BP_OK && node->op != BP_OP_INPUT && node->op != BP_OP_CONST) {
            bp_step step = {.phase = BP_FORWARD, .node = i, .to = -1, .arg = -1, .value = node->value,
                            .upstream = NAN, .local = NAN, .grad = NAN, .total = NAN};
            s = add_step(g, step);
        }
        if (s != BP_OK) return s;
    }
    return BP_OK;
}

bp_status bp_graph_forward(bp_graph *g) {
    if (!g) return BP_ERR_ARG;
    if (g->n == 0) return bp__graph_fail(g, BP_ERR_ARG, 0, "the graph is empty");
    return run_forward(g, 1);
}

bp_status bp_graph_backward(bp_graph *g, double dout) {
    if (!g) return BP_ERR_ARG;
    if (g->n == 0) return bp__graph_fail(g, BP_ERR_ARG, 0, "the graph is empty");
    /* Drop the steps of an earlier backward pass, keep the forward ones. */
    int n_forward = 0;
    while (n_forward < g->n_steps && g->steps[n_forward].phase == BP_FORWARD) n_forward++;
    g->n_steps = n_forward;
    int n_warn = 0;
    while (n_warn < g->n_warnings && g->warnings[n_warn].phase == BP_FORWARD) n_warn++;
    g->n_warnings = n_warn;

    /* -0.0 is the additive identity that keeps a lone contribution's sign. */
    for (int i = 0; i < g->n; i++) g->nodes[i].grad = g->nodes[i].needs_grad ? -0.0 : NAN;
    bp_node *out = &g->nodes[g->n - 1];
    if (out->needs_grad) out->grad = dout;

    for (int i = g->n - 1; i >= 0; i--) {
        const bp_node *node = &g->nodes[i];
        if (!node->needs_grad) continue;
        for (int which = 0; which < 2; which++) {
            int to = which == 0 ? node->a : node->b;
            if (to < 0 || !g->nodes[to].needs_grad) continue;
            double upstream = node->grad;
            double local = local_derivative(g, node, which);
            double contribution = upstream * local;
            g->nodes[to].grad += contribution;
            bp_step step = {.phase = BP_BACKWARD, .node = i, .to = to, .arg = which, .value = node->value,
                            .upstream = upstream, .local = local, .grad = contribution,
                            .total = g->nodes[to].grad};
            bp_status s = add_step(g, step);
            /* Name only where a non-finite gradient starts, not where it is passed on. */
            if (s == BP_OK && isnan(contribution) && !isnan(upstream) && !isnan(local))
                s = warn(g, i, BP_BACKWARD, "nan", upstream, local, contribution);
            else if (s == BP_OK && isinf(contribution) && isfinite(upstream) && isfinite(local))
                s = warn(g, i, BP_BACKWARD, "overflow", upstream, local, contribution);
            else if (s == BP_OK && ((isnan(local) && !isnan(upstream)) || (isinf(local) && isfinite(upstream))) &&
                     isfinite(node->value))
                s = warn(g, i, BP_BACKWARD, "domain", upstream, local, contribution);
            if (s != BP_OK) return s;
        }
    }
    return BP_OK;
}

/* ------------------------------------------------------------ checking */

/* The central difference for input node `id`: c->numeric and c->step. Only
 * unrecorded forward passes; the node's value is restored. */
static void estimate(bp_graph *g, int id, double dout, bp_check *c) {
    double x = g->nodes[id].value;
    double h = bp__check_step(x);
    volatile double xp = x + h, xm = x - h; /* the steps actually taken */
    bp_node *y = &g->nodes[g->n - 1];
    g->nodes[id].value = xp;
    run_forward(g, 0);
    double fp = y->value;
    g->nodes[id].value = xm;
    run_forward(g, 0);
    double fm = y->value;
    g->nodes[id].value = x;
    c->numeric = dout * ((fp - fm) / (xp - xm));
    c->step = h;
}

/* c->analytic and c->rel_error from the backward pass just run. */
static void compare(const bp_graph *g, int id, bp_check *c) {
    bp__check_compare(c, g->nodes[id].grad);
}

static bp_status forward_backward(bp_graph *g, double dout) {
    bp_status s = bp_graph_forward(g);
    return s == BP_OK ? bp_graph_backward(g, dout) : s;
}

bp_status bp_graph_check(bp_graph *g, const char *name, double dout, bp_check *out) {
    if (!g) return BP_ERR_ARG;
    if (!name || !out) return bp__graph_fail(g, BP_ERR_ARG, 0, "bp_graph_check: %s is NULL", !name ? "name" : "out");
    if (g->n == 0) return bp__graph_fail(g, BP_ERR_ARG, 0, "the graph is empty");
    int id = find_input(g, name);
    if (id < 0) return bp__graph_fail(g, BP_ERR_ARG, 0, "the graph has no input '%s'", name);
    bp_check c;
    estimate(g, id, dout, &c);
    bp_status s = forward_backward(g, dout);
    if (s != BP_OK) return s;
    compare(g, id, &c);
    *out = c;
    return BP_OK;
}

bp_status bp_graph_check_all(bp_graph *g, double dout, bp_check *out) {
    if (!g) return BP_ERR_ARG;
    if (!out && g->n_inputs) return bp__graph_fail(g, BP_ERR_ARG, 0, "bp_graph_check_all: out is NULL");
    if (g->n == 0) return bp__graph_fail(g, BP_ERR_ARG, 0, "the graph is empty");
    for (int i = 0; i < g->n_inputs; i++) estimate(g, g->inputs[i], dout, &out[i]);
    bp_status s = forward_backward(g, dout);
    if (s != BP_OK) return s;
    for (int i = 0; i < g->n_inputs; i++) compare(g, g->inputs[i], &out[i]);
    return BP_OK;
}

/* ------------------------------------------------------------ inspection */

static const bp_node *node_at(const bp_graph *g, int id) {
    return g && id >= 0 && id < g->n ? &g->nodes[id] : NULL;
}

int bp_graph_size(const bp_graph *g) { return g ? g->n : 0; }
int bp_graph_output(const bp_graph *g) { return g && g->n ? g->n - 1 : -1; }
bp_op bp_graph_op(const bp_graph *g, int id) { return node_at(g, id) ? node_at(g, id)->op : BP_OP_COUNT; }
double bp_graph_k(const bp_graph *g, int id) { return node_at(g, id) ? node_at(g, id)->k : NAN; }
double bp_graph_value(const bp_graph *g, int id) { return node_at(g, id) ? node_at(g, id)->value : NAN; }
double bp_graph_grad(const bp_graph *g, int id) { return node_at(g, id) ? node_at(g, id)->grad : NAN; }
int bp_graph_has_grad(const bp_graph *g, int id) { return node_at(g, id) ? node_at(g, id)->needs_grad : 0; }
int bp_graph_num_inputs(const bp_graph *g) { return g ? g->n_inputs : 0; }
int bp_graph_input_id(const bp_graph *g, int i) { return g && i >= 0 && i < g->n_inputs ? g->inputs[i] : -1; }
const char *bp_graph_input_name(const bp_graph *g, int i) {
    return g && i >= 0 && i < g->n_inputs ? g->nodes[g->inputs[i]].name : NULL;
}
const char *bp_graph_name(const bp_graph *g) { return g ? g->name : NULL; }
const char *bp_graph_expr(const bp_graph *g) { return g ? g->expr : NULL; }
const char *bp_graph_error(const bp_graph *g) { return g ? g->error : ""; }
int bp_graph_error_column(const bp_graph *g) { return g ? g->error_column : 0; }
int bp_graph_num_steps(const bp_graph *g) { return g ? g->n_steps : 0; }
int bp_graph_num_warnings(const bp_graph *g) { return g ? g->n_warnings : 0; }

const char *bp_graph_label_pattern(const bp_graph *g, int id) {
    const bp_node *node = node_at(g, id);
    if (!node) return NULL;
    if (node->op == BP_OP_INPUT) return node->name;
    const char *negative = op_info[node->op].negative;
    return negative && signbit(node->k) && !isnan(node->k) ? negative : op_info[node->op].label;
}

int bp_graph_arg(const bp_graph *g, int id, int which) {
    const bp_node *node = node_at(g, id);
    if (!node) return -1;
    return which == 0 ? node->a : which == 1 ? node->b : -1;
}

const bp_step *bp_graph_step(const bp_graph *g, int i) {
    return g && i >= 0 && i < g->n_steps ? &g->steps[i] : NULL;
}

const bp_warning *bp_graph_warning(const bp_graph *g, int i) {
    return g && i >= 0 && i < g->n_warnings ? &g->warnings[i] : NULL;
}

/* ------------------------------------------------------------ record layout */

/* The numbers backprop.h promises and web/src/core/core.js reads with:
 * changing a record breaks the build here first. */
#define PIN(type, field, at) _Static_assert(offsetof(type, field) == (at), #type "." #field " moved: update backprop.h and core.js")
PIN(bp_step, phase, 0); PIN(bp_step, node, 4); PIN(bp_step, to, 8); PIN(bp_step, arg, 12); PIN(bp_step, value, 16);
PIN(bp_step, upstream, 24); PIN(bp_step, local, 32); PIN(bp_step, grad, 40); PIN(bp_step, total, 48);
PIN(bp_warning, node, 0); PIN(bp_warning, phase, 4); PIN(bp_warning, kind, 8);
PIN(bp_warning, a, 16); PIN(bp_warning, b, 24); PIN(bp_warning, value, 32);
PIN(bp_check, numeric, 0); PIN(bp_check, analytic, 8); PIN(bp_check, rel_error, 16); PIN(bp_check, step, 24);
_Static_assert(sizeof(bp_step) == 56 && sizeof(bp_warning) == 40 && sizeof(bp_check) == 32,
               "a record's size changed: update backprop.h and core.js");

const int *bp_record_layout(void) {
    static const int layout[BP_RECORD_LAYOUT_INTS] = {
        sizeof(bp_step), offsetof(bp_step, phase), offsetof(bp_step, node), offsetof(bp_step, to),
        offsetof(bp_step, arg), offsetof(bp_step, value), offsetof(bp_step, upstream), offsetof(bp_step, local),
        offsetof(bp_step, grad), offsetof(bp_step, total),
        sizeof(bp_warning), offsetof(bp_warning, node), offsetof(bp_warning, phase), offsetof(bp_warning, kind),
        offsetof(bp_warning, a), offsetof(bp_warning, b), offsetof(bp_warning, value),
        sizeof(bp_check), offsetof(bp_check, numeric), offsetof(bp_check, analytic), offsetof(bp_check, rel_error),
        offsetof(bp_check, step),
    };
    return layout;
}
