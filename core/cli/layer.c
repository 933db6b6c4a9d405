/* layer.c: `backprop layer relu|sigmoid|affine|softmax-loss` and
 * `backprop check layer NAME`: the book's layers over matrix arguments,
 * forward, backward and the numeric check of every input entry, printed as
 * aligned matrices, as one JSON object, or as the check's table. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "command.h"

typedef enum { RELU, SIGMOID, AFFINE, SOFTMAX_LOSS } layer_kind;

static const struct {
    const char *name;
    const char *takes; /* the options it takes, for a message */
} layers[] = {
    [RELU] = {"relu", "--x and --dout"},
    [SIGMOID] = {"sigmoid", "--x and --dout"},
    [AFFINE] = {"affine", "--x, --w, --b and --dout"},
    [SOFTMAX_LOSS] = {"softmax-loss", "--x and --t or --t-index"},
};

/* Everything one run reads and computes; absent parts are empty / NULL. */
typedef struct {
    layer_kind kind;
    matrix x, w, b, t, t_index, dout;
    int *labels;                 /* t_index as ints */
    size_t n, d, m;              /* x: n×d (softmax-loss: n×k, k = d); w: d×m */
    double *out, *dx, *dw, *db;  /* out is y for softmax-loss */
    unsigned char *mask;
    double loss;
    bp_check *checks;            /* x's, then w's, then b's */
} run;

static void run_free(run *r) {
    matrix *ms[] = {&r->x, &r->w, &r->b, &r->t, &r->t_index, &r->dout};
    for (size_t i = 0; i < sizeof ms / sizeof ms[0]; i++) matrix_free(ms[i]);
    free(r->labels);
    free(r->out);
    free(r->dx);
    free(r->dw);
    free(r->db);
    free(r->mask);
    free(r->checks);
}

/* ------------------------------------------------------------ options */

/* The options the layer does not take, refused by name; the ones it needs. */
static int check_options(const streams *io, const args *a, layer_kind kind) {
    const char *name = layers[kind].name;
    const struct {
        const char *option;
        int given, applies;
    } options[] = {
        {"--w", a->w != NULL, kind == AFFINE},
        {"--b", a->b != NULL, kind == AFFINE},
        {"--t", a->t != NULL, kind == SOFTMAX_LOSS},
        {"--t-index", a->t_index != NULL, kind == SOFTMAX_LOSS},
        {"--expr", a->expr != NULL, 0},
        {"--var", a->n_vars > 0, 0},
        {"--expand", a->expand, 0},
    };
    if (kind == SOFTMAX_LOSS && a->dout)
        return bad(io, "softmax-loss takes no --dout: it is the end of the graph (dL/dloss = 1)");
    for (size_t i = 0; i < sizeof options / sizeof options[0]; i++)
        if (options[i].given && !options[i].applies)
            return bad(io, "%s does not apply to layer %s (it takes %s)", options[i].option, name, layers[kind].takes);
    if (!a->x) return bad(io, "layer %s needs --x (a matrix: values separated by ',', rows by ';')", name);
    if (kind == AFFINE && !a->w) return bad(io, "layer affine needs --w (a matrix with one row per column of --x)");
    if (kind == SOFTMAX_LOSS && !a->t == !a->t_index)
        return a->t ? bad(io, "give --t or --t-index, not both")
                    : bad(io, "layer softmax-loss needs labels: --t (one-hot rows) or --t-index (class indices)");
    return 0;
}

static int read_all(const streams *io, const args *a, run *r) {
    int stdin_taken = 0, rc = 0;
    const struct {
        const char *option, *text;
        matrix *m;
    } inputs[] = {
        {"--x", a->x, &r->x},       {"--w", a->w, &r->w},             {"--b", a->b, &r->b},
        {"--t", a->t, &r->t}, {"--t-index", a->t_index, &r->t_index}, {"--dout", a->dout, &r->dout},
    };
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0] && !rc; i++)
        if (inputs[i].text) rc = read_matrix(io, inputs[i].option, inputs[i].text, &stdin_taken, inputs[i].m);
    return rc;
}

/* "--dout has 3 numbers but --x has 2" for two vectors, else with shapes. */
static int mismatch(const streams *io, const char *option, const matrix *got, const char *what, const matrix *want) {
    char a[48], b[48];
    if (got->flat && want->flat)
        return bad(io, "%s has %zu number%s but %s has %zu", option, got->cols, got->cols == 1 ? "" : "s", what, want->cols);
    return bad(io, "%s is %s but %s is %s", option, shape_text(a, got), what, shape_text(b, want));
}

static int same_shape(const matrix *a, const matrix *b) { return a->rows == b->rows && a->cols == b->cols; }

/* The labels: one-hot rows of x's shape, or one class index per row of x. */
static int check_labels(const streams *io, run *r) {
    const size_t k = r->d;
    if (r->t.v) {
        if (!same_shape(&r->t, &r->x)) return mismatch(io, "--t", &r->t, "--x", &r->x);
        for (size_t i = 0; i < r->n; i++) {
            size_t ones = 0, zeros = 0;
            for (size_t j = 0; j < k; j++) {
                ones += r->t.v[i * k + j] == 1.0;
                zeros += r->t.v[i * k + j] == 0.0;
            }
            if (ones != 1 || zeros != k - 1) {
                if (r->t.flat) return bad(io, "--t is not one-hot: it needs one 1 and every other value 0");
                return bad(io, "--t: row %zu is not one-hot: it needs one 1 and every other value 0", i + 1);
            }
        }
        return 0;
    }
    const matrix *ti = &r->t_index;
    char s[48];
    if (!ti->flat)
        return bad(io, "--t-index is %s but must be one row of class indices, one per row of --x", shape_text(s, ti));
    if (ti->cols != r->n)
        return bad(io, "--t-index has %zu class ind%s but --x has %zu row%s", ti->cols, ti->cols == 1 ? "ex" : "ices",
                   r->n, r->n == 1 ? "" : "s");
    r->labels = malloc(r->n * sizeof *r->labels);
    if (!r->labels) return failed(io, "out of memory");
    for (size_t i = 0; i < r->n; i++) {
        const double c = ti->v[i];
        if (!(c >= 0 && c < (double)k && c == floor(c))) {
            char number[40];
            bp_format_number(number, c);
            return bad(io, "--t-index: row %zu's class is %s, but --x has %zu column%s (classes 0 to %zu)", i + 1, number,
                       k, k == 1 ? "" : "s", k - 1);
        }
        r->labels[i] = (int)c;
    }
    return 0;
}

/* Shapes: x n×d; affine's w d×m, b m, dout n×m; the others' dout as x. */
static int check_shapes(const streams *io, run *r) {
    r->n = r->x.rows;
    r->d = r->x.cols;
    char s[48], u[48];
    if (r->kind == SOFTMAX_LOSS) return check_labels(io, r);
    if (r->kind != AFFINE) {
        if (r->dout.v && !same_shape(&r->dout, &r->x)) return mismatch(io, "--dout", &r->dout, "--x", &r->x);
        return 0;
    }
    r->m = r->w.cols;
    if (r->w.rows != r->d)
        return bad(io, "--w is %s: it needs %zu row%s, one per %s of --x", shape_text(s, &r->w), r->d, r->d == 1 ? "" : "s",
                   r->x.flat ? "value" : "column");
    if (r->b.v && !r->b.flat)
        return bad(io, "--b is %s but must be one row of %zu values, one per column of --w", shape_text(s, &r->b), r->m);
    if (r->b.v && r->b.cols != r->m)
        return bad(io, "--b has %zu value%s but --w has %zu column%s", r->b.cols, r->b.cols == 1 ? "" : "s", r->m,
                   r->m == 1 ? "" : "s");
    if (r->n * r->m > MAX_VALUES)
        return bad(io, "out (x\xC2\xB7w + b) would be %zu\xC3\x97%zu, over %d values (the limit)", r->n, r->m, MAX_VALUES);
    if (r->dout.v) {
        const matrix out = {NULL, r->n, r->m, r->x.flat};
        if (!same_shape(&r->dout, &out)) {
            if (r->dout.flat && out.flat)
                return bad(io, "--dout has %zu number%s but out (x\xC2\xB7w + b) has %zu", r->dout.cols,
                           r->dout.cols == 1 ? "" : "s", r->m);
            return bad(io, "--dout is %s but out (x\xC2\xB7w + b) is %s", shape_text(s, &r->dout), shape_text(u, &out));
        }
    }
    return 0;
}

/* ------------------------------------------------------------ compute */

/* An all-ones matrix in x's form for `rows`×`cols` (a missing --dout), or
 * zeros (a missing --b). */
static int fill(const streams *io, matrix *m, size_t rows, size_t cols, int flat, double value) {
    m->v = malloc((rows * cols + 1) * sizeof *m->v); /* +1: malloc(0) may give NULL */
    if (!m->v) return failed(io, "out of memory");
    for (size_t i = 0; i < rows * cols; i++) m->v[i] = value;
    m->rows = rows;
    m->cols = cols;
    m->flat = flat;
    return 0;
}

static size_t input_entries(const run *r) {
    return r->kind == AFFINE ? r->n * r->d + r->d * r->m + r->m : r->n * r->d;
}

static int compute(const streams *io, run *r, int with_check) {
    const size_t n = r->n, d = r->d, m = r->m, nx = n * d;
    int rc = 0;
    if (r->kind == AFFINE) {
        if (!r->b.v) rc = fill(io, &r->b, 1, m, 1, 0.0);
        if (!rc && !r->dout.v) rc = fill(io, &r->dout, n, m, r->x.flat, 1.0);
    } else if (r->kind != SOFTMAX_LOSS && !r->dout.v) {
        rc = fill(io, &r->dout, n, d, r->x.flat, 1.0);
    }
    if (rc) return rc;
    const size_t nout = r->kind == AFFINE ? n * m : nx;
    /* +1: malloc(0) may give NULL. */
    r->out = malloc((nout + 1) * sizeof *r->out);
    r->dx = malloc((nx + 1) * sizeof *r->dx);
    int ok = r->out && r->dx;
    if (r->kind == RELU) ok &= (r->mask = malloc(nx + 1)) != NULL;
    if (r->kind == AFFINE) {
        ok &= (r->dw = malloc((d * m + 1) * sizeof *r->dw)) != NULL;
        ok &= (r->db = malloc((m + 1) * sizeof *r->db)) != NULL;
    }
    if (with_check) ok &= (r->checks = malloc((input_entries(r) + 1) * sizeof *r->checks)) != NULL;
    if (!ok) return failed(io, "out of memory");

    const double *x = r->x.v, *dout = r->dout.v;
    switch (r->kind) {
    case RELU:
        bp_relu_forward(r->out, r->mask, x, nx);
        bp_relu_backward(r->dx, r->mask, dout, nx);
        if (with_check) bp_relu_check(r->checks, x, dout, r->dx, nx);
        break;
    case SIGMOID:
        bp_sigmoid_forward(r->out, x, nx);
        bp_sigmoid_backward(r->dx, r->out, dout, nx);
        if (with_check) bp_sigmoid_check(r->checks, x, dout, r->dx, nx);
        break;
    case AFFINE:
        bp_affine_forward(r->out, x, r->w.v, r->b.v, n, d, m);
        bp_affine_backward(r->dx, r->dw, r->db, x, r->w.v, dout, n, d, m);
        if (with_check) bp_affine_check(r->checks, x, r->w.v, r->b.v, dout, r->dx, r->dw, r->db, n, d, m);
        break;
    case SOFTMAX_LOSS:
        r->loss = bp_softmax_loss_forward(r->out, x, r->t.v, r->labels, n, d);
        bp_softmax_loss_backward(r->dx, r->out, r->t.v, r->labels, n, d);
        if (with_check) bp_softmax_loss_check(r->checks, x, r->t.v, r->labels, r->dx, n, d);
        break;
    }
    return 0;
}

/* ------------------------------------------------------------- output */

/* One field of the output: a matrix of numbers or booleans (mask) or check
 * records, or a scalar (loss). */
typedef struct {
    const char *name, *note;
    const double *v;
    const unsigned char *mask;
    const bp_check *checks;
    size_t rows, cols;
    int flat, scalar;
    double value;
} field;

static field grid(const char *name, const double *v, size_t rows, size_t cols, int flat) {
    return (field){.name = name, .v = v, .rows = rows, .cols = cols, .flat = flat};
}

/* The fields that apply, in the order of the JSON: layer, x, w, b, t, out,
 * mask, y, loss, dout, dx, dw, db. Returns how many. */
static size_t fields_of(const run *r, field *f) {
    size_t k = 0;
    const int flat = r->x.flat;
    f[k++] = grid("x", r->x.v, r->n, r->d, flat);
    if (r->kind == AFFINE) {
        f[k++] = grid("w", r->w.v, r->d, r->m, r->w.flat);
        f[k++] = grid("b", r->b.v, 1, r->m, 1);
        f[k++] = grid("out", r->out, r->n, r->m, flat);
    } else if (r->kind == SOFTMAX_LOSS) {
        if (r->t.v) f[k++] = grid("t", r->t.v, r->n, r->d, flat);
        else {
            f[k] = grid("t", r->t_index.v, 1, r->n, 1);
            f[k++].note = "class indices";
        }
        f[k++] = grid("y", r->out, r->n, r->d, flat);
        f[k++] = (field){.name = "loss", .scalar = 1, .value = r->loss};
    } else {
        f[k++] = grid("out", r->out, r->n, r->d, flat);
        if (r->kind == RELU) {
            f[k] = grid("mask", NULL, r->n, r->d, flat);
            f[k++].mask = r->mask;
        }
    }
    if (r->kind == AFFINE) f[k++] = grid("dout", r->dout.v, r->n, r->m, flat);
    else if (r->kind != SOFTMAX_LOSS) f[k++] = grid("dout", r->dout.v, r->n, r->d, flat);
    f[k++] = grid("dx", r->dx, r->n, r->d, flat);
    if (r->kind == AFFINE) {
        f[k++] = grid("dw", r->dw, r->d, r->m, r->w.flat);
        f[k++] = grid("db", r->db, 1, r->m, 1);
    }
    return k;
}

/* The inputs whose entries the check covers, each over its own records. */
static size_t checked_inputs(const run *r, field *f) {
    size_t k = 0;
    f[k] = grid("x", NULL, r->n, r->d, r->x.flat);
    f[k++].checks = r->checks;
    if (r->kind == AFFINE) {
        f[k] = grid("w", NULL, r->d, r->m, r->w.flat);
        f[k++].checks = r->checks + r->n * r->d;
        f[k] = grid("b", NULL, 1, r->m, 1);
        f[k++].checks = r->checks + r->n * r->d + r->d * r->m;
    }
    return k;
}

static void json_cell(FILE *f, const field *g, size_t i) {
    if (g->mask) {
        fputs(g->mask[i] ? "true" : "false", f);
    } else if (g->checks) {
        const bp_check *c = &g->checks[i];
        fputs("{\"numeric\":", f);
        print_json_number(f, c->numeric);
        fputs(",\"analytic\":", f);
        print_json_number(f, c->analytic);
        fputs(",\"rel_error\":", f);
        print_json_number(f, c->rel_error);
        fputs(",\"step\":", f);
        print_json_number(f, c->step);
        fputs("}", f);
    } else {
        print_json_number(f, g->v[i]);
    }
}

/* "name": the value, a flat array, or an array of rows. */
static void json_field(FILE *f, const field *g) {
    fprintf(f, "\"%s\":", g->name);
    if (g->scalar) {
        print_json_number(f, g->value);
        return;
    }
    fputs(g->flat ? "" : "[", f);
    for (size_t i = 0; i < g->rows; i++) {
        fputs(i ? ",[" : "[", f);
        for (size_t j = 0; j < g->cols; j++) {
            if (j) fputc(',', f);
            json_cell(f, g, i * g->cols + j);
        }
        fputc(']', f);
    }
    fputs(g->flat ? "" : "]", f);
}

static void print_json(FILE *f, const run *r) {
    field fs[16], cs[3];
    const size_t n = fields_of(r, fs), nc = checked_inputs(r, cs);
    fprintf(f, "{\"layer\":\"%s\"", layers[r->kind].name);
    for (size_t i = 0; i < n; i++) {
        fputc(',', f);
        json_field(f, &fs[i]);
    }
    fputs(",\"check\":{", f);
    for (size_t i = 0; i < nc; i++) {
        if (i) fputc(',', f);
        json_field(f, &cs[i]);
    }
    fputs("}}\n", f);
}

static void cell_text(char *buf, const field *g, size_t i) {
    if (g->mask) strcpy(buf, g->mask[i] ? "true" : "false");
    else bp_format_number(buf, g->v[i]);
}

/* A titled block, "x (2×2)", its columns right-aligned each to its widest
 * (width: room for g->cols ints). */
static void print_block(FILE *f, const field *g, int *width) {
    if (g->scalar) {
        char v[40];
        bp_format_number(v, g->value);
        fprintf(f, "%s = %s\n", g->name, v);
        return;
    }
    char shape[48], text[40];
    const matrix m = {NULL, g->rows, g->cols, g->flat};
    /* "x (2×2)", "b (3,)": the shapes as the book writes them. */
    fprintf(f, g->flat ? "%s %s%s%s\n" : "%s (%s)%s%s\n", g->name, shape_text(shape, &m), g->note ? ", " : "",
            g->note ? g->note : "");
    for (size_t j = 0; j < g->cols; j++) width[j] = 0;
    for (size_t i = 0; i < g->rows; i++)
        for (size_t j = 0; j < g->cols; j++) {
            cell_text(text, g, i * g->cols + j);
            int w = (int)strlen(text);
            if (w > width[j]) width[j] = w;
        }
    for (size_t i = 0; i < g->rows; i++) {
        for (size_t j = 0; j < g->cols; j++) {
            cell_text(text, g, i * g->cols + j);
            fprintf(f, "%s%*s", j ? "  " : "", width[j], text);
        }
        fputc('\n', f);
    }
}

/* A vector through ReLU or Sigmoid: one row per value, as before matrices. */
static void print_columns(FILE *f, const run *r) {
    const size_t n = r->n * r->d;
    fprintf(f, "%-24s %-24s %-24s %s\n", "x", "out", "dout", "dx");
    for (size_t i = 0; i < n; i++) {
        char c[4][40];
        bp_format_number(c[0], r->x.v[i]);
        bp_format_number(c[1], r->out[i]);
        bp_format_number(c[2], r->dout.v[i]);
        bp_format_number(c[3], r->dx[i]);
        fprintf(f, "%-24s %-24s %-24s %s\n", c[0], c[1], c[2], c[3]);
    }
}

static int print_table(const streams *io, const run *r) {
    if ((r->kind == RELU || r->kind == SIGMOID) && r->x.flat) {
        print_columns(io->out, r);
        return 0;
    }
    field fs[16];
    const size_t n = fields_of(r, fs);
    size_t widest = 1;
    for (size_t i = 0; i < n; i++)
        if (fs[i].cols > widest) widest = fs[i].cols;
    /* Before any output: a failure prints nothing but its line on err. */
    int *width = malloc(widest * sizeof *width);
    if (!width) return failed(io, "out of memory");
    for (size_t i = 0; i < n; i++) {
        /* A scalar follows its matrix without a blank line (y, then loss). */
        if (i && !fs[i].scalar) fputc('\n', io->out);
        print_block(io->out, &fs[i], width);
    }
    free(width);
    return 0;
}

/* An entry's name: x[2] in a vector, x[1][0] in a matrix. */
static void entry_name(char *buf, size_t size, const field *g, size_t i) {
    if (g->flat) snprintf(buf, size, "%s[%zu]", g->name, i);
    else snprintf(buf, size, "%s[%zu][%zu]", g->name, i / g->cols, i % g->cols);
}

/* The check's table, one row per entry; returns 1 if any entry failed. */
static int print_check(FILE *f, const run *r) {
    field cs[3];
    const size_t nc = checked_inputs(r, cs);
    char name[80];
    int name_width = 8, any_failed = 0;
    for (size_t k = 0; k < nc; k++)
        if (cs[k].rows > 0 && cs[k].cols > 0) {
            entry_name(name, sizeof name, &cs[k], cs[k].rows * cs[k].cols - 1);
            if ((int)strlen(name) > name_width) name_width = (int)strlen(name);
        }
    print_check_header(f, "entry", name_width);
    for (size_t k = 0; k < nc; k++)
        for (size_t i = 0; i < cs[k].rows * cs[k].cols; i++) {
            entry_name(name, sizeof name, &cs[k], i);
            any_failed |= print_check_row(f, name, name_width, &cs[k].checks[i]);
        }
    return any_failed;
}

/* ------------------------------------------------------------ command */

int run_layer(const streams *io, const args *a, int checking) {
    const char *name = checking ? a->layer : a->graph;
    const char *command = checking ? "check layer" : "layer";
    if (!name) return bad(io, "%s needs a name: relu, sigmoid, affine or softmax-loss", command);
    run r = {0};
    size_t k = 0;
    while (k < sizeof layers / sizeof layers[0] && strcmp(layers[k].name, name)) k++;
    if (k == sizeof layers / sizeof layers[0])
        return bad(io, "unknown layer '%s' (expected relu, sigmoid, affine or softmax-loss)", name);
    if (checking && a->json)
        return bad(io, "check has no --json; use layer --json, whose \"check\" field holds the same");
    r.kind = (layer_kind)k;
    int rc = check_options(io, a, r.kind);
    if (!rc) rc = read_all(io, a, &r);
    if (!rc) rc = check_shapes(io, &r);
    if (!rc) rc = compute(io, &r, checking || a->json);
    if (!rc) {
        if (checking) rc = print_check(io->out, &r) ? BACKPROP_CHECK_FAILED : BACKPROP_DONE;
        else if (a->json) print_json(io->out, &r);
        else rc = print_table(io, &r);
    }
    run_free(&r);
    return rc;
}
