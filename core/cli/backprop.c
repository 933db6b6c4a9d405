/* backprop: the command-line face of the core.
 *
 *   backprop trace GRAPH --x X [--dout G] [--json]
 *   backprop trace --expr "(x+y)*z" --var x=-2 --var y=5 --var z=-4 [--dout G] [--expand] [--json]
 *   backprop layer relu|sigmoid --x "1,-0.5;-2,3" [--dout M] [--json]
 *   backprop layer affine --x M --w M [--b V] [--dout M] [--json]
 *   backprop layer softmax-loss --x M (--t M | --t-index V) [--json]
 *   backprop check GRAPH --x X [--dout G]       (or --expr/--var as for trace)
 *   backprop check layer NAME ...               (the options of layer NAME)
 *
 * Exit status: 0 done, 1 a gradient check failed, 2 bad arguments (one line on
 * stderr), 3 out of memory (cli.h). main() is main.c; this file is
 * backprop_main(), which reads and writes the streams it is given and never
 * exits, with the graphs' commands; the layers' are layer.c, and reading a
 * matrix argument (text, @FILE or -) is matrix_arg.c. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "command.h"

static const char usage[] =
    "usage: backprop trace GRAPH --x X [--dout G] [--json]\n"
    "       backprop trace --expr EXPR --var NAME=VALUE ... [--dout G] [--expand] [--json]\n"
    "       backprop layer relu|sigmoid --x M [--dout M] [--json]\n"
    "       backprop layer affine --x M --w M [--b V] [--dout M] [--json]\n"
    "       backprop layer softmax-loss --x M (--t M | --t-index V) [--json]\n"
    "       backprop check GRAPH --x X [--dout G]   (or --expr/--var)\n"
    "       backprop check layer NAME ...           (the options of layer NAME)\n"
    "       backprop data spiral|circles|xor|gauss|moons [--n 300] [--classes K] [--noise 0.1] [--seed 1]\n"
    "       backprop net init --layers 2,8,8,2 [--activation relu|sigmoid] [--init std|xavier|he] [--seed 1]\n"
    "       backprop net grad --params P.json --data D.csv [--activations] [--json]\n"
    "       backprop net check --params P.json --data D.csv\n"
    "       backprop net train --params P.json --data D.csv [--lr 0.1] [--batch 10] [--steps 1000]\n"
    "                          [--shuffle] [--seed 1] [--json]\n"
    "GRAPH is relu, sigmoid or sigmoid-steps. Numbers are decimals; inf, -inf and nan\n"
    "are accepted as spelled. --dout defaults to 1 (for a layer, ones in out's shape).\n"
    "--expand shows sigmoid() as its elementary nodes. net grad --activations adds each\n"
    "layer's input x, its z = x\xC2\xB7W + b, dz and dx (dL/dx), row by row, and y.\n"
    "A matrix M is rows separated by ';' (or new lines) of values separated by ','\n"
    "(\"1,-0.5;-2,3\"); a single row V is a vector and prints flat. Any matrix may be\n"
    "@FILE (CSV rows, or the same syntax) or - (standard input, for one option);\n"
    "each holds at most 10^6 values. affine: x is N\xC3\x97" "D (or D values: N = 1), w D\xC3\x97M,\n"
    "b M values (default zeros), dout N\xC3\x97M. softmax-loss: labels as one-hot rows (--t)\n"
    "or one class index per row (--t-index 2,0); it takes no --dout.\n"
    "Exit status: 0 done, 1 a gradient check failed, 2 bad arguments, 3 out of memory.\n";

int complain(const streams *io, int status, const char *fmt, ...) {
    /* The whole message, however long the argument it echoes back; without
     * memory for it, as much as a line of the stack holds. */
    char line[256], *text = line;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (n >= (int)sizeof line && (text = malloc((size_t)n + 1)) != NULL) {
        va_start(ap, fmt);
        vsnprintf(text, (size_t)n + 1, fmt, ap);
        va_end(ap);
    } else if (text == NULL) {
        text = line;
    }
    /* One line, whatever an argument echoed back holds: its control
     * characters (a new line, a tab) are written as \n, \t, \xNN. */
    fputs("backprop: ", io->err);
    for (const char *c = text; *c; c++) {
        unsigned char u = (unsigned char)*c;
        if (u == '\n') fputs("\\n", io->err);
        else if (u == '\t') fputs("\\t", io->err);
        else if (u < 0x20 || u == 0x7f) fprintf(io->err, "\\x%02x", u);
        else fputc(u, io->err);
    }
    fputs("\n", io->err);
    if (text != line) free(text);
    return status;
}

/* The options after the command, into a; no meaning checked yet. */
static int parse_args(const streams *io, int argc, char **argv, args *a) {
    for (int i = 2; i < argc; i++) {
        const char *arg = argv[i];
        const char **slot = NULL;
        int is_var = 0;
        if (!strcmp(arg, "--json")) { a->json = 1; continue; }
        if (!strcmp(arg, "--expand")) { a->expand = 1; continue; }
        if (!strcmp(arg, "--x")) slot = &a->x;
        else if (!strcmp(arg, "--dout")) slot = &a->dout;
        else if (!strcmp(arg, "--w")) slot = &a->w;
        else if (!strcmp(arg, "--b")) slot = &a->b;
        else if (!strcmp(arg, "--t")) slot = &a->t;
        else if (!strcmp(arg, "--t-index")) slot = &a->t_index;
        else if (!strcmp(arg, "--expr")) slot = &a->expr;
        else if (!strcmp(arg, "--var")) {
            if (a->n_vars == MAX_VARS) return bad(io, "too many --var (at most %d)", MAX_VARS);
            slot = &a->vars[a->n_vars++];
            is_var = 1;
        } else if (arg[0] == '-' && arg[1] == '-') {
            return bad(io, "unknown option '%s'", arg);
        } else if (!a->graph) {
            a->graph = arg;
            continue;
        } else if (!a->layer && !strcmp(a->command, "check") && !strcmp(a->graph, "layer")) {
            a->layer = arg;
            continue;
        } else {
            return bad(io, "unexpected argument '%s'", arg);
        }
        if (i + 1 >= argc) return bad(io, "%s needs a value", arg);
        if (*slot && !is_var) return bad(io, "%s given twice", arg);
        *slot = argv[++i];
    }
    return 0;
}

static int parse_scalar(const streams *io, const char *option, const char *text, double *out) {
    const char *why = "";
    /* "1,,2" or "1,2,3" is a list, not a decimal comma: lists belong to `layer`. */
    const char *comma = strchr(text, ',');
    if (comma && strchr(comma + 1, ','))
        return bad(io, "%s: '%s': one number expected (comma-separated lists are for 'backprop layer')", option,
                   text);
    if (bp_parse_number(text, out, &why) != BP_OK) return bad(io, "%s: '%s': %s", option, text, why);
    return 0;
}

/* ------------------------------------------------------------ output */

/* Columns on a terminal, not bytes: a UTF-8 continuation byte takes none
 * (the labels' characters, such as σ, ×, −, are one column each). */
int display_width(const char *s) {
    int width = 0;
    for (; *s; s++) width += ((unsigned char)*s & 0xC0) != 0x80;
    return width;
}

/* s, then spaces up to `width` columns (none if s is wider). */
void print_padded(FILE *f, const char *s, int width) {
    fputs(s, f);
    for (int w = display_width(s); w < width; w++) fputc(' ', f);
}

void print_json_number(FILE *f, double v) {
    char number[40];
    bp_format_number(number, v);
    /* JSON has no NaN or Infinity: those are strings. */
    fprintf(f, isfinite(v) ? "%s" : "\"%s\"", number);
}

void print_check_header(FILE *f, const char *first, int name_width) {
    print_padded(f, first, name_width);
    fprintf(f, " %-24s %-24s %-12s %s\n", "numeric", "analytic", "rel. error", "step");
}

int print_check_row(FILE *f, const char *name, int name_width, const bp_check *c) {
    char n[40], an[40], st[40], rel[40];
    bp_format_number(n, c->numeric);
    bp_format_number(an, c->analytic);
    bp_format_number(st, c->step);
    if (isfinite(c->rel_error)) snprintf(rel, sizeof rel, "%.3g", c->rel_error);
    else bp_format_number(rel, c->rel_error); /* NaN, as everywhere else */
    int ok = c->rel_error <= 1e-6;
    print_padded(f, name, name_width);
    fprintf(f, " %-24s %-24s %-12s %s  %s\n", n, an, rel, st, ok ? "ok" : "FAIL");
    return !ok;
}

/* ------------------------------------------------------------ trace and check */

/* Set the expression's inputs from --var NAME=VALUE, each exactly once. */
static int set_vars(const streams *io, const args *a, bp_graph *g) {
    int n_inputs = bp_graph_num_inputs(g);
    char *given = calloc((size_t)n_inputs + 1, 1);
    if (!given) return failed(io, "out of memory");
    int rc = 0;
    for (int i = 0; i < a->n_vars && !rc; i++) {
        const char *eq = strchr(a->vars[i], '=');
        if (!eq || eq == a->vars[i]) {
            rc = bad(io, "--var '%s': expected NAME=VALUE", a->vars[i]);
            break;
        }
        char name[64];
        size_t len = (size_t)(eq - a->vars[i]);
        if (len >= sizeof name) {
            rc = bad(io, "--var: name too long");
            break;
        }
        memcpy(name, a->vars[i], len);
        name[len] = '\0';
        double v;
        char option[80];
        snprintf(option, sizeof option, "--var %s", name);
        if ((rc = parse_scalar(io, option, eq + 1, &v))) break;
        int which = -1;
        for (int k = 0; k < n_inputs; k++)
            if (!strcmp(bp_graph_input_name(g, k), name)) which = k;
        if (which < 0) rc = bad(io, "--var %s: the expression has no variable '%s'", name, name);
        else if (given[which]) rc = bad(io, "--var %s given twice", name);
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
        if (*missing) rc = bad(io, "missing --var for: %s", missing);
    }
    free(given);
    return rc;
}

/* Build the graph that trace and check work on, with its inputs set. */
static int build_graph(const streams *io, const args *a, bp_graph *g) {
    const char *layer_option = a->w ? "--w" : a->b ? "--b" : a->t ? "--t" : a->t_index ? "--t-index" : NULL;
    if (layer_option)
        return bad(io, "%s goes with a layer (backprop %s affine|softmax-loss ...), not a graph", layer_option,
                   strcmp(a->command, "check") ? "layer" : "check layer");
    if (a->expr) {
        if (a->graph) return bad(io, "give either GRAPH or --expr, not both");
        if (a->x) return bad(io, "with --expr, give values as --var NAME=VALUE (not --x)");
        bp_status s = bp_graph_parse(g, a->expr, a->expand ? BP_EXPAND_SIGMOID : 0);
        if (s == BP_ERR_NOMEM) return failed(io, "--expr: %s", bp_graph_error(g));
        if (s != BP_OK) return bad(io, "--expr: %s", bp_graph_error(g));
        return set_vars(io, a, g);
    }
    if (a->n_vars) return bad(io, "--var goes with --expr; for GRAPH use --x");
    if (a->expand) return bad(io, "--expand goes with --expr");
    if (!a->graph) return bad(io, "%s needs GRAPH (relu, sigmoid, sigmoid-steps) or --expr", a->command);
    bp_status s = bp_graph_builtin(g, a->graph);
    if (s == BP_ERR_NOMEM) return failed(io, "out of memory");
    if (s != BP_OK) return bad(io, "%s", bp_graph_error(g));
    if (!a->x) return bad(io, "%s %s needs --x", a->command, a->graph);
    double x;
    int rc = parse_scalar(io, "--x", a->x, &x);
    if (!rc) bp_graph_set(g, "x", x);
    return rc;
}

/* What trace and check both start from: dL/dy and the graph, built. */
static int open_graph(const streams *io, const args *a, bp_graph **graph, double *dout) {
    *graph = NULL;
    *dout = 1.0;
    if (a->dout) {
        int rc = parse_scalar(io, "--dout", a->dout, dout);
        if (rc) return rc;
    }
    bp_graph *g = bp_graph_new();
    if (!g) return failed(io, "out of memory");
    int rc = build_graph(io, a, g);
    if (rc) bp_graph_free(g);
    else *graph = g;
    return rc;
}

/* The core's own message for status s, for a failure after the arguments. */
static int core_failed(const streams *io, const bp_graph *g, bp_status s) {
    return failed(io, "%s", bp_graph_error(g)[0] ? bp_graph_error(g) : bp_status_str(s));
}

static void print_trace_table(FILE *f, const bp_graph *g, double dout) {
    int label_width = 10;
    for (int i = 0; i < bp_graph_size(g); i++) {
        int w = display_width(bp_graph_label(g, i));
        if (w > label_width) label_width = w;
    }
    fprintf(f, "graph %s", bp_graph_name(g));
    if (bp_graph_expr(g)) fprintf(f, "  %s", bp_graph_expr(g));
    fprintf(f, "\n\n%4s  %-10s ", "id", "op");
    print_padded(f, "label", label_width);
    fprintf(f, " %-24s %s\n", "value", "grad (dL/dnode)");
    for (int i = 0; i < bp_graph_size(g); i++) {
        char v[40], d[40] = "-";
        bp_format_number(v, bp_graph_value(g, i));
        if (bp_graph_has_grad(g, i)) bp_format_number(d, bp_graph_grad(g, i));
        fprintf(f, "%4d  %-10s ", i, bp_op_name(bp_graph_op(g, i)));
        print_padded(f, bp_graph_label(g, i), label_width);
        fprintf(f, " %-24s %s\n", v, d);
    }
    char y[40], dy[40];
    bp_format_number(y, bp_graph_value(g, bp_graph_output(g)));
    bp_format_number(dy, dout);
    /* An expression may have its own variable y: call its output f, or as
     * the page names it, F or out where a variable is called f. */
    const char *out = "y";
    if (bp_graph_expr(g)) {
        static const char *const names[] = {"f", "F", "out"};
        out = names[0];
        for (int n = 0; n < 3; n++) {
            int taken = 0;
            for (int k = 0; k < bp_graph_num_inputs(g); k++) taken |= !strcmp(bp_graph_input_name(g, k), names[n]);
            if (!taken) {
                out = names[n];
                break;
            }
        }
    }
    fprintf(f, "\n%s = %s   dL/d%s = %s\n", out, y, out, dy);
    for (int k = 0; k < bp_graph_num_inputs(g); k++) {
        int id = bp_graph_input_id(g, k);
        char gx[40];
        bp_format_number(gx, bp_graph_grad(g, id));
        fprintf(f, "dL/d%s = %s\n", bp_graph_label(g, id), gx);
    }
    for (int i = 0; i < bp_graph_num_warnings(g); i++) {
        const bp_warning *w = bp_graph_warning(g, i);
        char message[256];
        bp_graph_warning_message(g, i, message, sizeof message);
        fprintf(f, "warning: node %d (%s): %s\n", w->node, w->kind, message);
    }
}

static int run_trace(const streams *io, const args *a) {
    bp_graph *g;
    double dout;
    int rc = open_graph(io, a, &g, &dout);
    if (rc) return rc;
    char *json = NULL;
    bp_status s = bp_graph_trace_json(g, dout, &json);
    if (s != BP_OK) rc = core_failed(io, g, s);
    else if (a->json) fprintf(io->out, "%s\n", json);
    else print_trace_table(io->out, g, dout);
    bp_free(json);
    bp_graph_free(g);
    return rc;
}

/* The check's table; returns 1 if any input failed it. */
static int print_check_table(FILE *f, const bp_graph *g, const bp_check *checks) {
    int n_inputs = bp_graph_num_inputs(g), name_width = 8, any_failed = 0;
    for (int k = 0; k < n_inputs; k++) {
        int w = display_width(bp_graph_input_name(g, k));
        if (w > name_width) name_width = w;
    }
    print_check_header(f, "input", name_width);
    for (int k = 0; k < n_inputs; k++)
        any_failed |= print_check_row(f, bp_graph_input_name(g, k), name_width, &checks[k]);
    return any_failed;
}

static int run_check(const streams *io, const args *a) {
    if (a->graph && !strcmp(a->graph, "layer")) return run_layer(io, a, 1);
    if (a->json) return bad(io, "check has no --json; use trace --json, whose \"check\" field holds the same");
    bp_graph *g;
    double dout;
    int rc = open_graph(io, a, &g, &dout);
    if (rc) return rc;
    bp_check *checks = calloc((size_t)bp_graph_num_inputs(g) + 1, sizeof *checks);
    bp_status s;
    if (!checks) rc = failed(io, "out of memory");
    else if ((s = bp_graph_check_all(g, dout, checks)) != BP_OK) rc = core_failed(io, g, s);
    else if (print_check_table(io->out, g, checks)) rc = BACKPROP_CHECK_FAILED;
    free(checks);
    bp_graph_free(g);
    return rc;
}

/* ------------------------------------------------------------ the command */

static int run_layer_command(const streams *io, const args *a) { return run_layer(io, a, 0); }

static const struct {
    const char *name;
    int (*run)(const streams *io, const args *a);
} commands[] = {{"trace", run_trace}, {"layer", run_layer_command}, {"check", run_check}};

int backprop_main(int argc, char **argv, FILE *in, FILE *out, FILE *err) {
    const streams io = {in, out, err};
    if (argc < 2) return bad(&io, "missing command (trace, layer, check, net or data); try --help");
    /* backprop --help, and backprop COMMAND ... --help: the usage, whatever else is there. */
    for (int i = 1; i < argc; i++) {
        if (i > 1 && !strcmp(argv[i - 1], "--expr")) continue; /* an expression is not an option */
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h") || (i == 1 && !strcmp(argv[i], "help"))) {
            fputs(usage, out);
            return BACKPROP_DONE;
        }
    }
    if (!strcmp(argv[1], "net") || !strcmp(argv[1], "data")) return backprop_net_main(argc, argv, in, out, err);
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        if (strcmp(argv[1], commands[i].name)) continue;
        args a = {.command = commands[i].name};
        int rc = parse_args(&io, argc, argv, &a);
        return rc ? rc : commands[i].run(&io, &a);
    }
    return bad(&io, "unknown command '%s' (expected trace, layer, check, net or data)", argv[1]);
}
