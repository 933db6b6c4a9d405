/* backprop: the command-line face of the core.
 *
 *   backprop trace GRAPH --x X [--dout G] [--json]
 *   backprop trace --expr "(x+y)*z" --var x=-2 --var y=5 --var z=-4 [--dout G] [--expand] [--json]
 *   backprop layer relu|sigmoid --x 1,-2,3 [--dout 1,1,1] [--json]
 *   backprop check GRAPH --x X [--dout G]       (or --expr/--var as for trace)
 *
 * Exit status: 0 done, 1 a gradient check failed, 2 bad arguments (one line on
 * stderr), 3 the core failed (out of memory). */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "backprop.h"

#define EXIT_USAGE 2
#define MAX_VARS 64

static const char usage[] =
    "usage: backprop trace GRAPH --x X [--dout G] [--json]\n"
    "       backprop trace --expr EXPR --var NAME=VALUE ... [--dout G] [--expand] [--json]\n"
    "       backprop layer relu|sigmoid --x 1,-2,3 [--dout 1,1,1] [--json]\n"
    "       backprop check GRAPH --x X [--dout G]   (or --expr/--var)\n"
    "GRAPH is relu, sigmoid or sigmoid-steps. Numbers are decimals; inf, -inf and nan\n"
    "are accepted as spelled. --dout defaults to 1. --expand shows sigmoid() as its\n"
    "elementary nodes.\n";

/* One clear line on stderr and exit status 2: the contract for bad arguments. */
static int bad(const char *fmt, ...) {
    va_list ap;
    fputs("backprop: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("\n", stderr);
    return EXIT_USAGE;
}

typedef struct {
    const char *command;
    const char *graph;   /* GRAPH or layer name */
    const char *x;       /* --x text */
    const char *dout;    /* --dout text */
    const char *expr;
    const char *vars[MAX_VARS];
    int n_vars;
    int json, expand;
} args;

static int parse_args(int argc, char **argv, args *a) {
    memset(a, 0, sizeof *a);
    if (argc < 2) return bad("missing command (trace, layer or check); try --help");
    a->command = argv[1];
    if (strcmp(a->command, "trace") && strcmp(a->command, "layer") && strcmp(a->command, "check"))
        return bad("unknown command '%s' (expected trace, layer or check)", a->command);
    for (int i = 2; i < argc; i++) {
        const char *arg = argv[i];
        const char **slot = NULL;
        int is_var = 0;
        if (!strcmp(arg, "--json")) { a->json = 1; continue; }
        if (!strcmp(arg, "--expand")) { a->expand = 1; continue; }
        if (!strcmp(arg, "--x")) slot = &a->x;
        else if (!strcmp(arg, "--dout")) slot = &a->dout;
        else if (!strcmp(arg, "--expr")) slot = &a->expr;
        else if (!strcmp(arg, "--var")) {
            if (a->n_vars == MAX_VARS) return bad("too many --var (at most %d)", MAX_VARS);
            slot = &a->vars[a->n_vars++];
            is_var = 1;
        } else if (arg[0] == '-' && arg[1] == '-') {
            return bad("unknown option '%s'", arg);
        } else if (!a->graph) {
            a->graph = arg;
            continue;
        } else {
            return bad("unexpected argument '%s'", arg);
        }
        if (i + 1 >= argc) return bad("%s needs a value", arg);
        if (*slot && !is_var) return bad("%s given twice", arg);
        *slot = argv[++i];
    }
    return 0;
}

static int parse_scalar(const char *option, const char *text, double *out) {
    const char *why = "";
    /* "1,,2" or "1,2" is a list, not a decimal comma: lists belong to `layer`. */
    const char *comma = strchr(text, ',');
    if (comma && strchr(comma + 1, ','))
        return bad("%s: '%s': one number expected (comma-separated lists are for 'backprop layer')", option, text);
    if (bp_parse_number(text, out, &why) != BP_OK) return bad("%s: '%s': %s", option, text, why);
    return 0;
}

/* A comma-separated list of numbers, strictly: no empty items. */
static int parse_list(const char *option, const char *text, double **out, size_t *n) {
    size_t count = 1;
    for (const char *p = text; *p; p++) count += *p == ',';
    double *values = malloc(count * sizeof *values);
    if (!values) return bad("out of memory");
    const char *start = text;
    for (size_t i = 0; i < count; i++) {
        const char *end = strchr(start, ',');
        size_t len = end ? (size_t)(end - start) : strlen(start);
        char item[128];
        if (len >= sizeof item) {
            free(values);
            return bad("%s: item %zu is too long to be a number", option, i + 1);
        }
        memcpy(item, start, len);
        item[len] = '\0';
        const char *why = "";
        if (bp_parse_number(item, &values[i], &why) != BP_OK) {
            free(values);
            return bad("%s: item %zu '%s': %s", option, i + 1, item, why);
        }
        start = end ? end + 1 : start + len;
    }
    *out = values;
    *n = count;
    return 0;
}

static void print_number(double v) {
    char buf[40];
    bp_format_number(buf, v);
    fputs(buf, stdout);
}

static void print_array(const char *key, const double *v, size_t n, int last) {
    printf("\"%s\":[", key);
    for (size_t i = 0; i < n; i++) {
        if (i) putchar(',');
        if (isfinite(v[i])) print_number(v[i]);
        else {
            putchar('"');
            print_number(v[i]);
            putchar('"');
        }
    }
    printf("]%s", last ? "" : ",");
}

static int run_layer(const args *a) {
    if (!a->graph) return bad("layer needs a name: relu or sigmoid");
    int relu = !strcmp(a->graph, "relu");
    if (!relu && strcmp(a->graph, "sigmoid")) return bad("unknown layer '%s' (expected relu or sigmoid)", a->graph);
    if (!a->x) return bad("layer needs --x (comma-separated numbers)");
    if (a->expr || a->n_vars || a->expand) return bad("layer takes only --x, --dout and --json");
    double *x = NULL, *dout = NULL;
    size_t n = 0, n_dout = 0;
    int rc = parse_list("--x", a->x, &x, &n);
    if (!rc && a->dout) {
        rc = parse_list("--dout", a->dout, &dout, &n_dout);
        if (!rc && n_dout != n) rc = bad("--dout has %zu numbers but --x has %zu", n_dout, n);
    }
    double *out = malloc(n * sizeof *out), *dx = malloc(n * sizeof *dx);
    unsigned char *mask = malloc(n);
    if (!rc && !dout) {
        dout = malloc(n * sizeof *dout);
        for (size_t i = 0; dout && i < n; i++) dout[i] = 1.0;
    }
    if (!rc && (!out || !dx || !mask || !dout)) rc = bad("out of memory");
    if (!rc) {
        if (relu) {
            bp_relu_forward(out, mask, x, n);
            bp_relu_backward(dx, mask, dout, n);
        } else {
            bp_sigmoid_forward(out, x, n);
            bp_sigmoid_backward(dx, out, dout, n);
        }
        if (a->json) {
            printf("{\"layer\":\"%s\",", a->graph);
            print_array("x", x, n, 0);
            print_array("dout", dout, n, 0);
            print_array("out", out, n, 0);
            print_array("dx", dx, n, 1);
            printf("}\n");
        } else {
            printf("%-24s %-24s %-24s %s\n", "x", "out", "dout", "dx");
            for (size_t i = 0; i < n; i++) {
                char c[4][40];
                bp_format_number(c[0], x[i]);
                bp_format_number(c[1], out[i]);
                bp_format_number(c[2], dout[i]);
                bp_format_number(c[3], dx[i]);
                printf("%-24s %-24s %-24s %s\n", c[0], c[1], c[2], c[3]);
            }
        }
    }
    free(x); free(dout); free(out); free(dx); free(mask);
    return rc;
}

/* Build the graph that trace and check work on, with its inputs set. */
static int build_graph(const args *a, bp_graph *g) {
    if (a->expr) {
        if (a->graph) return bad("give either GRAPH or --expr, not both");
        if (a->x) return bad("with --expr, give values as --var NAME=VALUE (not --x)");
        bp_status s = bp_graph_parse(g, a->expr, a->expand ? BP_EXPAND_SIGMOID : 0);
        if (s != BP_OK) return bad("--expr: %s", bp_graph_error(g));
        int n_inputs = bp_graph_num_inputs(g);
        char *given = calloc((size_t)n_inputs + 1, 1);
        if (!given) return bad("out of memory");
        int rc = 0;
        for (int i = 0; i < a->n_vars && !rc; i++) {
            const char *eq = strchr(a->vars[i], '=');
            if (!eq || eq == a->vars[i]) {
                rc = bad("--var '%s': expected NAME=VALUE", a->vars[i]);
                break;
            }
            char name[64];
            size_t len = (size_t)(eq - a->vars[i]);
            if (len >= sizeof name) {
                rc = bad("--var: name too long");
                break;
            }
            memcpy(name, a->vars[i], len);
            name[len] = '\0';
            double v;
            char option[80];
            snprintf(option, sizeof option, "--var %s", name);
            if ((rc = parse_scalar(option, eq + 1, &v))) break;
            int which = -1;
            for (int k = 0; k < n_inputs; k++)
                if (!strcmp(bp_graph_input_name(g, k), name)) which = k;
            if (which < 0) rc = bad("--var %s: the expression has no variable '%s'", name, name);
            else if (given[which]) rc = bad("--var %s given twice", name);
            else {
                given[which] = 1;
                bp_graph_set(g, name, v);
            }
        }
        if (!rc) {
            char missing[512] = "";
            for (int k = 0; k < n_inputs; k++) {
                if (given[k]) continue;
                if (*missing) strncat(missing, ", ", sizeof missing - strlen(missing) - 1);
                strncat(missing, bp_graph_input_name(g, k), sizeof missing - strlen(missing) - 1);
            }
            if (*missing) rc = bad("missing --var for: %s", missing);
        }
        free(given);
        return rc;
    }
    if (a->n_vars) return bad("--var goes with --expr; for GRAPH use --x");
    if (a->expand) return bad("--expand goes with --expr");
    if (!a->graph) return bad("%s needs GRAPH (relu, sigmoid, sigmoid-steps) or --expr", a->command);
    if (bp_graph_builtin(g, a->graph) != BP_OK) return bad("%s", bp_graph_error(g));
    if (!a->x) return bad("%s %s needs --x", a->command, a->graph);
    double x;
    int rc = parse_scalar("--x", a->x, &x);
    if (!rc) bp_graph_set(g, "x", x);
    return rc;
}

static void print_table(const bp_graph *g, double dout) {
    printf("graph %s", bp_graph_name(g));
    if (bp_graph_expr(g)) printf("  %s", bp_graph_expr(g));
    printf("\n\n%4s  %-10s %-10s %-24s %s\n", "id", "op", "label", "value", "grad (dL/dnode)");
    for (int i = 0; i < bp_graph_size(g); i++) {
        char v[40], d[40] = "-";
        bp_format_number(v, bp_graph_value(g, i));
        if (bp_graph_has_grad(g, i)) bp_format_number(d, bp_graph_grad(g, i));
        /* Pad the label by display width: its UTF-8 continuation bytes take no column. */
        const char *label = bp_graph_label(g, i);
        int width = 0;
        for (const char *p = label; *p; p++) width += ((unsigned char)*p & 0xC0) != 0x80;
        printf("%4d  %-10s %s%*s %-24s %s\n", i, bp_op_name(bp_graph_op(g, i)), label, width < 10 ? 10 - width : 0,
               "", v, d);
    }
    char y[40], dy[40];
    bp_format_number(y, bp_graph_value(g, bp_graph_output(g)));
    bp_format_number(dy, dout);
    /* An expression may have its own variable y: call its output f. */
    const char *out = bp_graph_expr(g) ? "f" : "y";
    printf("\n%s = %s   dL/d%s = %s\n", out, y, out, dy);
    for (int k = 0; k < bp_graph_num_inputs(g); k++) {
        int id = bp_graph_input_id(g, k);
        char gx[40];
        bp_format_number(gx, bp_graph_grad(g, id));
        printf("dL/d%s = %s\n", bp_graph_label(g, id), gx);
    }
    for (int i = 0; i < bp_graph_num_warnings(g); i++) {
        const bp_warning *w = bp_graph_warning(g, i);
        char message[256];
        bp_graph_warning_message(g, i, message, sizeof message);
        printf("warning: node %d (%s): %s\n", w->node, w->kind, message);
    }
}

static int run_trace_or_check(const args *a) {
    double dout = 1.0;
    if (a->dout && parse_scalar("--dout", a->dout, &dout)) return EXIT_USAGE;
    bp_graph *g = bp_graph_new();
    if (!g) return bad("out of memory");
    int rc = build_graph(a, g);
    if (!rc && !strcmp(a->command, "trace")) {
        char *json = NULL;
        bp_status s = bp_graph_trace_json(g, dout, &json);
        if (s != BP_OK) rc = (fprintf(stderr, "backprop: %s\n", bp_graph_error(g)), 3);
        else if (a->json) printf("%s\n", json);
        else print_table(g, dout);
        bp_free(json);
    } else if (!rc && a->json) {
        rc = bad("check has no --json; use trace --json, whose \"check\" field holds the same");
    } else if (!rc) {
        int n_inputs = bp_graph_num_inputs(g);
        bp_check *checks = calloc((size_t)n_inputs + 1, sizeof *checks);
        if (!checks) rc = bad("out of memory");
        else if (bp_graph_check_all(g, dout, checks) != BP_OK) rc = (fprintf(stderr, "backprop: %s\n", bp_graph_error(g)), 3);
        else printf("%-8s %-24s %-24s %-12s %s\n", "input", "numeric", "analytic", "rel. error", "step");
        for (int k = 0; k < n_inputs && !rc; k++) {
            const bp_check *c = &checks[k];
            char n[40], an[40], st[40];
            bp_format_number(n, c->numeric);
            bp_format_number(an, c->analytic);
            bp_format_number(st, c->step);
            int ok = c->rel_error <= 1e-6;
            printf("%-8s %-24s %-24s %-12.3g %s  %s\n", bp_graph_input_name(g, k), n, an, c->rel_error, st,
                   ok ? "ok" : "FAIL");
            if (!ok) rc = 1;
        }
        free(checks);
    }
    bp_graph_free(g);
    return rc;
}

int main(int argc, char **argv) {
    if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help"))) {
        fputs(usage, stdout);
        return 0;
    }
    args a;
    int rc = parse_args(argc, argv, &a);
    if (rc) return rc;
    if (!strcmp(a.command, "layer")) return run_layer(&a);
    return run_trace_or_check(&a);
}
