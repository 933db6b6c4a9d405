/* net_commands.c: the network commands of the backprop CLI.
 *
 *   backprop data spiral|circles|xor|gauss|moons [--n 300] [--classes K] [--noise 0.1] [--seed 1]
 *   backprop net init --layers 2,8,8,2 [--activation relu|sigmoid] [--init std|xavier|he] [--seed 1]
 *   backprop net grad --params P.json --data D.csv [--activations] [--json]
 *   backprop net train --params P.json --data D.csv [--lr 0.1] [--batch 10] [--steps 1000]
 *                      [--shuffle] [--seed 1] [--json]
 *   backprop net check --params P.json --data D.csv
 *
 * Parameters are JSON, {"activation":"relu","layers":[{"W":[[...]],"b":[...]},...]},
 * W being in × out (the book's W1, W2); data are CSV rows of features and a
 * class label (last), after an optional header line. Either file may be "-",
 * standard input. Every error is one line naming the file and its line or
 * field, exit status 2, as for the other commands. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "command.h"

/* The check's verdict: the book's mean |numeric - backprop| per parameter
 * above this fails. Central differences step over ReLU's kink where a
 * pre-activation is within h (about 6e-6) of 0, which gives means near 1e-5
 * for tiny weights; backprop errors give far more. */
#define CHECK_TOLERANCE 1e-6

/* A million rows of CSV take about 50 MB. */
#define MAX_FILE_BYTES (128 << 20)

/* ------------------------------------------------------------ options */

typedef struct {
    const char *name;  /* "--lr" */
    const char *value; /* its text, or NULL */
    int is_flag;       /* takes no value; value is "1" when given */
} option;

/* Options argv[first..] into opts (a NULL-named end); any other is refused. */
static int read_options(const streams *io, int argc, char **argv, int first, option *opts, const char *command)
{
    for (int i = first; i < argc; i++) {
        option *o = opts;
        while (o->name && strcmp(o->name, argv[i])) o++;
        if (!o->name) {
            if (argv[i][0] == '-' && argv[i][1] == '-') return bad(io, "%s: unknown option '%s'", command, argv[i]);
            return bad(io, "%s: unexpected argument '%s'", command, argv[i]);
        }
        if (o->value) return bad(io, "%s given twice", o->name);
        if (o->is_flag) {
            o->value = "1";
            continue;
        }
        if (i + 1 >= argc) return bad(io, "%s needs a value", o->name);
        o->value = argv[++i];
    }
    return 0;
}

static const char *value_of(const option *opts, const char *name)
{
    for (; opts->name; opts++)
        if (!strcmp(opts->name, name)) return opts->value;
    return NULL;
}

/* A whole number in [lo, hi] from an option's text (absent: fallback). */
static int read_count(const streams *io, const char *name, const char *text, long long lo, long long hi,
                      long long fallback, long long *out)
{
    if (!text) {
        *out = fallback;
        return 0;
    }
    char *end;
    errno = 0;
    long long v = strtoll(text, &end, 10);
    if (end == text || *end || errno || v < lo || v > hi)
        return bad(io, "%s: '%s': a whole number from %lld to %lld expected", name, text, lo, hi);
    *out = v;
    return 0;
}

static int read_real(const streams *io, const char *name, const char *text, double fallback, double *out)
{
    const char *why = "";
    if (!text) {
        *out = fallback;
        return 0;
    }
    if (bp_parse_number(text, out, &why) != BP_OK) return bad(io, "%s: '%s': %s", name, text, why);
    if (!isfinite(*out)) return bad(io, "%s: '%s': a finite number expected", name, text);
    return 0;
}

/* ------------------------------------------------------------ files */

/* The whole of `path` ("-": standard input), NUL-terminated, into *text. */
static int read_file(const streams *io, const char *option_name, const char *path, char **text)
{
    int from_stdin = !strcmp(path, "-");
    FILE *f = from_stdin ? io->in : fopen(path, "rb");
    if (!f) return bad(io, "%s: cannot read '%s': %s", option_name, path, strerror(errno));
    char label[200];
    snprintf(label, sizeof label, "%s '%.150s'", option_name, path);
    size_t len;
    int rc = read_text(io, label, from_stdin ? "standard input" : path, f, MAX_FILE_BYTES, text, &len);
    if (!from_stdin) fclose(f);
    return rc;
}

/* ------------------------------------------------------------ parameters (JSON) */

/* A reader of the parameters file: just enough JSON for its one shape. */
typedef struct {
    const streams *io;
    const char *path, *text, *p;
    char where[96]; /* the field being read, for messages: "layers[1].W[3]" */
} json;

/* A message with the file's line and column at the reader's position. */
static int json_bad(json *j, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
static int json_bad(json *j, const char *fmt, ...)
{
    int line = 1, column = 1;
    for (const char *s = j->text; s < j->p; s++) {
        if (*s == '\n') line++, column = 1;
        else column += ((unsigned char)*s & 0xC0) != 0x80;
    }
    char message[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    return bad(j->io, "%s:%d:%d: %s%s%s", j->path, line, column, j->where, *j->where ? ": " : "", message);
}

static void json_space(json *j)
{
    while (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r') j->p++;
}

static int json_expect(json *j, char c)
{
    json_space(j);
    if (*j->p != c) return json_bad(j, "expected '%c'", c);
    j->p++;
    return 0;
}

/* A string without escapes (keys and names here need none) into buf. */
static int json_string(json *j, char *buf, size_t size)
{
    if (json_expect(j, '"')) return BACKPROP_USAGE;
    size_t n = 0;
    while (*j->p && *j->p != '"') {
        if (*j->p == '\\' || n + 1 >= size) return json_bad(j, "a short plain string expected");
        buf[n++] = *j->p++;
    }
    if (*j->p != '"') return json_bad(j, "unterminated string");
    j->p++;
    buf[n] = '\0';
    return 0;
}

/* A number: JSON's, or the strings "NaN", "Infinity", "-Infinity" that
 * this tool writes for them. */
static int json_number(json *j, double *out)
{
    json_space(j);
    char item[64];
    if (*j->p == '"') {
        if (json_string(j, item, sizeof item)) return BACKPROP_USAGE;
    } else {
        size_t n = strspn(j->p, "+-0123456789.eE");
        if (n == 0 || n >= sizeof item) return json_bad(j, "a number expected");
        memcpy(item, j->p, n);
        item[n] = '\0';
        const char *why = "";
        if (bp_parse_number(item, out, &why) != BP_OK) return json_bad(j, "'%s': %s", item, why);
        j->p += n;
        return 0;
    }
    const char *why = "";
    if (bp_parse_number(item, out, &why) != BP_OK) return json_bad(j, "'%s' is not a number", item);
    return 0;
}

/* An array of numbers into a growing buffer; *n counts them. */
static int json_numbers(json *j, double **values, size_t *n, size_t *cap)
{
    if (json_expect(j, '[')) return BACKPROP_USAGE;
    json_space(j);
    if (*j->p == ']') {
        j->p++;
        return 0;
    }
    for (;;) {
        if (*n == *cap) {
            size_t more = *cap ? *cap * 2 : 64;
            double *grown = realloc(*values, more * sizeof **values);
            if (!grown) return failed(j->io, "out of memory");
            *values = grown, *cap = more;
        }
        if (json_number(j, &(*values)[(*n)++])) return BACKPROP_USAGE;
        json_space(j);
        if (*j->p == ',') {
            j->p++;
            continue;
        }
        return json_expect(j, ']');
    }
}

typedef struct {
    int count;                      /* sizes: layers + 1 */
    int sizes[BP_NET_MAX_LAYERS + 1];
    bp_activation act;
    double *w[BP_NET_MAX_LAYERS], *b[BP_NET_MAX_LAYERS];
} params;

static void params_free(params *ps)
{
    for (int l = 0; l < BP_NET_MAX_LAYERS; l++) free(ps->w[l]), free(ps->b[l]);
}

/* One layer's {"W":[[...],...],"b":[...]} (keys in either order). */
static int json_layer(json *j, params *ps, int l)
{
    size_t rows = 0, cols = 0, n_b = 0, cap_w = 0, cap_b = 0;
    int have_w = 0, have_b = 0;
    if (json_expect(j, '{')) return BACKPROP_USAGE;
    for (;;) {
        char key[16];
        snprintf(j->where, sizeof j->where, "layers[%d]", l);
        if (json_string(j, key, sizeof key) || json_expect(j, ':')) return BACKPROP_USAGE;
        if (!strcmp(key, "W") && !have_w) {
            have_w = 1;
            if (json_expect(j, '[')) return BACKPROP_USAGE;
            for (;;) {
                size_t before = rows * cols;
                snprintf(j->where, sizeof j->where, "layers[%d].W[%zu]", l, rows);
                size_t n = before;
                if (json_numbers(j, &ps->w[l], &n, &cap_w)) return BACKPROP_USAGE;
                if (rows == 0) cols = n;
                else if (n - before != cols) return json_bad(j, "%zu numbers, but row 0 has %zu", n - before, cols);
                if (cols == 0) return json_bad(j, "an empty row");
                rows++;
                json_space(j);
                if (*j->p == ',') {
                    j->p++;
                    continue;
                }
                if (json_expect(j, ']')) return BACKPROP_USAGE;
                break;
            }
        } else if (!strcmp(key, "b") && !have_b) {
            have_b = 1;
            snprintf(j->where, sizeof j->where, "layers[%d].b", l);
            if (json_numbers(j, &ps->b[l], &n_b, &cap_b)) return BACKPROP_USAGE;
        } else {
            return json_bad(j, "unexpected key '%s' (a layer has \"W\" and \"b\", once each)", key);
        }
        json_space(j);
        if (*j->p == ',') {
            j->p++;
            continue;
        }
        if (json_expect(j, '}')) return BACKPROP_USAGE;
        break;
    }
    snprintf(j->where, sizeof j->where, "layers[%d]", l);
    if (!have_w || !have_b) return json_bad(j, "needs both \"W\" and \"b\"");
    if (rows > BP_NET_MAX_WIDTH || cols > BP_NET_MAX_WIDTH)
        return json_bad(j, "W is %zu×%zu; at most %d×%d", rows, cols, BP_NET_MAX_WIDTH, BP_NET_MAX_WIDTH);
    if (n_b != cols) return json_bad(j, "b has %zu numbers but W has %zu columns", n_b, cols);
    if (l > 0 && (int)rows != ps->sizes[l])
        return json_bad(j, "W has %zu rows but layers[%d] has %d outputs", rows, l - 1, ps->sizes[l]);
    ps->sizes[l] = (int)rows;
    ps->sizes[l + 1] = (int)cols;
    return 0;
}

static int too_many_weights(const params *ps)
{
    size_t weights = 0;
    for (int l = 0; l + 1 < ps->count; l++)
        weights += (size_t)ps->sizes[l] * (size_t)ps->sizes[l + 1] + (size_t)ps->sizes[l + 1];
    return weights > BP_NET_MAX_PARAMS;
}

static int read_params(const streams *io, const char *path, params *ps)
{
    char *text = NULL;
    int rc = read_file(io, "--params", path, &text);
    if (rc) return rc;
    json j = {.io = io, .path = path, .text = text, .p = text};
    int have_act = 0, have_layers = 0;
    rc = json_expect(&j, '{');
    while (!rc) {
        char key[16];
        j.where[0] = '\0';
        if ((rc = json_string(&j, key, sizeof key)) || (rc = json_expect(&j, ':'))) break;
        if (!strcmp(key, "activation") && !have_act) {
            char name[16];
            have_act = 1;
            snprintf(j.where, sizeof j.where, "activation");
            if ((rc = json_string(&j, name, sizeof name))) break;
            if (!strcmp(name, "relu")) ps->act = BP_ACT_RELU;
            else if (!strcmp(name, "sigmoid")) ps->act = BP_ACT_SIGMOID;
            else rc = json_bad(&j, "'%s' (expected relu or sigmoid)", name);
        } else if (!strcmp(key, "layers") && !have_layers) {
            have_layers = 1;
            if ((rc = json_expect(&j, '['))) break;
            int l = 0;
            for (;;) {
                if (l == BP_NET_MAX_LAYERS) {
                    rc = json_bad(&j, "more than %d layers", BP_NET_MAX_LAYERS);
                    break;
                }
                if ((rc = json_layer(&j, ps, l++))) break;
                json_space(&j);
                if (*j.p == ',') {
                    j.p++;
                    continue;
                }
                rc = json_expect(&j, ']');
                break;
            }
            ps->count = l + 1;
        } else {
            rc = json_bad(&j, "unexpected key '%s' (expected \"activation\" and \"layers\", once each)", key);
        }
        if (rc) break;
        json_space(&j);
        if (*j.p == ',') {
            j.p++;
            continue;
        }
        if ((rc = json_expect(&j, '}'))) break;
        json_space(&j);
        j.where[0] = '\0';
        if (*j.p) rc = json_bad(&j, "text after the parameters' object");
        else if (!have_act || !have_layers) rc = json_bad(&j, "needs \"activation\" and \"layers\"");
        else if (ps->sizes[ps->count - 1] < 2) rc = json_bad(&j, "the last layer has %d output; a classifier needs 2 or more", ps->sizes[ps->count - 1]);
        else if (too_many_weights(ps)) rc = json_bad(&j, "more than %d weights and biases", BP_NET_MAX_PARAMS);
        break;
    }
    free(text);
    return rc;
}

static void print_number(FILE *f, double v)
{
    char s[40];
    bp_format_number(s, v);
    fprintf(f, isfinite(v) ? "%s" : "\"%s\"", s);
}

/* A rows × cols matrix as nested JSON arrays (one row: still nested). */
static void print_matrix_json(FILE *f, const double *v, int rows, int cols)
{
    fputc('[', f);
    for (int i = 0; i < rows; i++) {
        fputs(i ? ",[" : "[", f);
        for (int k = 0; k < cols; k++) {
            if (k) fputc(',', f);
            print_number(f, v[(size_t)i * (size_t)cols + (size_t)k]);
        }
        fputc(']', f);
    }
    fputc(']', f);
}

static void print_vector_json(FILE *f, const double *v, int n)
{
    fputc('[', f);
    for (int i = 0; i < n; i++) {
        if (i) fputc(',', f);
        print_number(f, v[i]);
    }
    fputc(']', f);
}

/* The network's parameters (or, with grads, its dW and db) as JSON. */
static void print_layers_json(FILE *f, bp_net *net, int grads)
{
    const int L = bp_net_num_layers(net);
    fputs("\"layers\":[", f);
    for (int l = 0; l < L; l++) {
        int in = bp_net_size(net, l), out = bp_net_size(net, l + 1);
        fprintf(f, "%s{\"%s\":", l ? "," : "", grads ? "dW" : "W");
        print_matrix_json(f, bp_net_param(net, grads ? BP_NET_DW : BP_NET_W, l), in, out);
        fprintf(f, ",\"%s\":", grads ? "db" : "b");
        print_vector_json(f, bp_net_param(net, grads ? BP_NET_DB : BP_NET_B, l), out);
        fputc('}', f);
    }
    fputc(']', f);
}

static void print_params(FILE *f, bp_net *net)
{
    fprintf(f, "{\"activation\":\"%s\",", bp_net_activation(net) == BP_ACT_RELU ? "relu" : "sigmoid");
    print_layers_json(f, net, 0);
    fputs("}\n", f);
}

/* ------------------------------------------------------------ data (CSV) */

typedef struct {
    size_t n;
    int features;
    double *x;
    int *label;
} dataset;

/* One CSV field [s, end) as a number; 0 or a message. */
static int csv_number(const char *s, const char *end, double *out, const char **why)
{
    char item[64];
    while (s < end && (*s == ' ' || *s == '\t')) s++;
    while (end > s && (end[-1] == ' ' || end[-1] == '\t')) end--;
    if ((size_t)(end - s) >= sizeof item) {
        *why = "too long to be a number";
        return 1;
    }
    memcpy(item, s, (size_t)(end - s));
    item[end - s] = '\0';
    return bp_parse_number(item, out, why) != BP_OK;
}

static int finite_features(const double *row, int features)
{
    for (int k = 0; k < features; k++)
        if (!isfinite(row[k])) return 0;
    return 1;
}

/* Rows "f1,...,fD,label" after an optional header (a first line that is not
 * all numbers); D = features, labels 0..classes-1. */
static int read_data(const streams *io, const char *path, int features, int classes, dataset *ds)
{
    char *text = NULL;
    int rc = read_file(io, "--data", path, &text);
    if (rc) return rc;
    size_t cap = 0;
    int line = 0;
    for (char *s = text; *s && !rc;) {
        char *eol = s + strcspn(s, "\n");
        char *next = *eol ? eol + 1 : eol;
        if (eol > s && eol[-1] == '\r') eol--;
        line++;
        if (eol == s) { /* blank lines (a trailing one, say) are skipped */
            s = next;
            continue;
        }
        double row[BP_NET_MAX_WIDTH + 1];
        int fields = 0;
        const char *why = "";
        int bad_field = 0;
        for (const char *f = s; f <= eol; fields++) {
            const char *comma = memchr(f, ',', (size_t)(eol - f));
            const char *end = comma ? comma : eol;
            if (fields <= features && !bad_field && csv_number(f, end, &row[fields], &why)) bad_field = fields + 1;
            f = end + 1;
        }
        if (bad_field && line == 1 && ds->n == 0) { /* the header */
            s = next;
            continue;
        }
        if (fields != features + 1) {
            rc = bad(io, "%s:%d: %d fields, expected %d (%d features and a label)", path, line, fields,
                     features + 1, features);
        } else if (bad_field) {
            rc = bad(io, "%s:%d: field %d: %s", path, line, bad_field, why);
        } else if (!finite_features(row, features)) {
            rc = bad(io, "%s:%d: a feature is not finite (inf or nan)", path, line);
        } else if (!(row[features] >= 0 && row[features] < classes && row[features] == floor(row[features]))) {
            char v[40];
            bp_format_number(v, row[features]);
            rc = bad(io, "%s:%d: label %s is not a class of the network (0 to %d)", path, line, v, classes - 1);
        } else if (ds->n == BP_DATA_MAX_POINTS) {
            rc = bad(io, "%s: more than %d rows", path, BP_DATA_MAX_POINTS);
        } else {
            if (ds->n == cap) {
                size_t more = cap ? cap * 2 : 256;
                double *x = realloc(ds->x, more * (size_t)features * sizeof *x);
                if (x) ds->x = x;
                int *label = realloc(ds->label, more * sizeof *label);
                if (label) ds->label = label;
                if (!x || !label) {
                    rc = failed(io, "out of memory");
                    break;
                }
                cap = more;
            }
            memcpy(ds->x + ds->n * (size_t)features, row, (size_t)features * sizeof *row);
            ds->label[ds->n++] = (int)row[features];
        }
        s = next;
    }
    free(text);
    if (!rc && ds->n == 0) rc = bad(io, "%s: no data rows", path);
    ds->features = features;
    return rc;
}

/* ------------------------------------------------------------ commands */

static int run_data(const streams *io, int argc, char **argv)
{
    if (argc < 3 || argv[2][0] == '-')
        return bad(io, "data needs a kind: spiral, circles, xor, gauss or moons");
    int kind = bp_data_kind_of(argv[2]);
    if (kind < 0) return bad(io, "unknown data set '%s' (expected spiral, circles, xor, gauss or moons)", argv[2]);
    option opts[] = {{"--n", 0, 0}, {"--classes", 0, 0}, {"--noise", 0, 0}, {"--seed", 0, 0}, {0, 0, 0}};
    long long n = 0, classes = 0, seed = 0;
    double noise = 0;
    int many = kind == BP_DATA_SPIRAL || kind == BP_DATA_GAUSS;
    int rc = read_options(io, argc, argv, 3, opts, "data");
    if (!rc) rc = read_count(io, "--n", value_of(opts, "--n"), 1, BP_DATA_MAX_POINTS, 300, &n);
    if (!rc) rc = read_count(io, "--classes", value_of(opts, "--classes"), 2, BP_DATA_MAX_CLASSES, many ? 3 : 2, &classes);
    if (!rc && !many && classes != 2)
        rc = bad(io, "--classes: '%s': %s has 2 classes, always", value_of(opts, "--classes"), argv[2]);
    if (!rc) rc = read_real(io, "--noise", value_of(opts, "--noise"), 0.1, &noise);
    if (!rc && (noise < 0 || noise > 10)) rc = bad(io, "--noise: '%s': from 0 to 10", value_of(opts, "--noise"));
    if (!rc) rc = read_count(io, "--seed", value_of(opts, "--seed"), 0, INT64_MAX, 1, &seed);
    if (rc) return rc;
    double *x = malloc((size_t)n * 2 * sizeof *x);
    int *label = malloc((size_t)n * sizeof *label);
    if (!x || !label) {
        rc = failed(io, "out of memory");
    } else if (bp_data_generate(x, label, (bp_data_kind)kind, (size_t)n, (int)classes, noise,
                                (unsigned long long)seed) != BP_OK) {
        rc = bad(io, "data: these options do not make a data set");
    } else {
        fputs("x1,x2,label\n", io->out);
        for (long long i = 0; i < n; i++) {
            char a[40], b[40];
            bp_format_number(a, x[2 * i]);
            bp_format_number(b, x[2 * i + 1]);
            fprintf(io->out, "%s,%s,%d\n", a, b, label[i]);
        }
    }
    free(x);
    free(label);
    return rc;
}

/* --layers 2,8,8,2 into sizes. */
static int read_layers(const streams *io, const char *text, int *sizes, int *count)
{
    if (!text) return bad(io, "net init needs --layers, e.g. --layers 2,8,8,2");
    *count = 0;
    for (const char *s = text;;) {
        char *end;
        errno = 0;
        long v = strtol(s, &end, 10);
        if (end == s || errno || v < 1 || v > BP_NET_MAX_WIDTH || (*end && *end != ','))
            return bad(io, "--layers: '%s': whole numbers from 1 to %d, separated by commas", text, BP_NET_MAX_WIDTH);
        if (*count == BP_NET_MAX_LAYERS + 1)
            return bad(io, "--layers: '%s': at most %d layers (%d sizes)", text, BP_NET_MAX_LAYERS, BP_NET_MAX_LAYERS + 1);
        sizes[(*count)++] = (int)v;
        if (!*end) break;
        s = end + 1;
    }
    if (*count < 2) return bad(io, "--layers: '%s': inputs and classes at least, e.g. 2,2", text);
    if (sizes[*count - 1] < 2) return bad(io, "--layers: '%s': the last size is the classes, 2 or more", text);
    long long weights = 0;
    for (int l = 0; l + 1 < *count; l++) weights += (long long)sizes[l] * sizes[l + 1] + sizes[l + 1];
    if (weights > BP_NET_MAX_PARAMS)
        return bad(io, "--layers: '%s': %lld weights and biases; at most %d", text, weights, BP_NET_MAX_PARAMS);
    return 0;
}

static int run_init(const streams *io, int argc, char **argv)
{
    option opts[] = {{"--layers", 0, 0}, {"--activation", 0, 0}, {"--init", 0, 0}, {"--seed", 0, 0}, {0, 0, 0}};
    int sizes[BP_NET_MAX_LAYERS + 1], count = 0;
    long long seed = 0;
    int rc = read_options(io, argc, argv, 3, opts, "net init");
    if (!rc) rc = read_layers(io, value_of(opts, "--layers"), sizes, &count);
    const char *act = value_of(opts, "--activation"), *init = value_of(opts, "--init");
    if (!rc && act && strcmp(act, "relu") && strcmp(act, "sigmoid"))
        rc = bad(io, "--activation: '%s' (expected relu or sigmoid)", act);
    int sigmoid = act && !strcmp(act, "sigmoid");
    /* The book's advice: He for ReLU, Xavier for Sigmoid. */
    bp_init how = sigmoid ? BP_INIT_XAVIER : BP_INIT_HE;
    if (!rc && init) {
        if (!strcmp(init, "std")) how = BP_INIT_STD;
        else if (!strcmp(init, "xavier")) how = BP_INIT_XAVIER;
        else if (!strcmp(init, "he")) how = BP_INIT_HE;
        else rc = bad(io, "--init: '%s' (expected std, xavier or he)", init);
    }
    if (!rc) rc = read_count(io, "--seed", value_of(opts, "--seed"), 0, INT64_MAX, 1, &seed);
    if (rc) return rc;
    bp_net *net = bp_net_new(sizes, count, sigmoid ? BP_ACT_SIGMOID : BP_ACT_RELU, 1);
    if (!net) return failed(io, "out of memory");
    bp_net_init(net, how, (unsigned long long)seed);
    print_params(io->out, net);
    bp_net_free(net);
    return 0;
}

/* The network of a parameters file, able to run `rows` rows at once. */
static int load_net(const streams *io, const params *ps, size_t rows, bp_net **net)
{
    *net = bp_net_new(ps->sizes, ps->count, ps->act, rows);
    if (!*net) return failed(io, "out of memory");
    for (int l = 0; l < ps->count - 1; l++) {
        size_t in = (size_t)ps->sizes[l], out = (size_t)ps->sizes[l + 1];
        memcpy(bp_net_param(*net, BP_NET_W, l), ps->w[l], in * out * sizeof(double));
        memcpy(bp_net_param(*net, BP_NET_B, l), ps->b[l], out * sizeof(double));
    }
    return 0;
}

/* --params and --data, read and checked against each other. */
static int read_inputs(const streams *io, const option *opts, const char *command, params *ps, dataset *ds)
{
    const char *p = value_of(opts, "--params"), *d = value_of(opts, "--data");
    if (!p || !d) return bad(io, "%s needs --params P.json and --data D.csv", command);
    if (!strcmp(p, "-") && !strcmp(d, "-")) return bad(io, "only one of --params and --data can be '-' (standard input)");
    int rc = read_params(io, p, ps);
    return rc ? rc : read_data(io, d, ps->sizes[0], ps->sizes[ps->count - 1], ds);
}

/* Training accuracy: the share of rows whose most probable class is theirs.
 * A row with a NaN probability (training diverged) has no class: wrong. */
static double accuracy(bp_net *net, const dataset *ds, double *probs)
{
    const int k = bp_net_size(net, bp_net_num_layers(net));
    bp_net_predict(net, probs, ds->x, ds->n);
    size_t right = 0;
    for (size_t i = 0; i < ds->n; i++) {
        const double *p = probs + i * (size_t)k;
        int best = 0, defined = !isnan(p[0]);
        for (int c = 1; c < k; c++) {
            defined &= !isnan(p[c]);
            if (p[c] > p[best]) best = c;
        }
        right += defined && best == ds->label[i];
    }
    return (double)right / (double)ds->n;
}

static void print_table(FILE *f, const char *title, const double *v, int rows, int cols)
{
    fprintf(f, "%s (%d×%d)\n", title, rows, cols);
    for (int i = 0; i < rows; i++) {
        for (int k = 0; k < cols; k++) {
            char s[40];
            bp_format_number(s, v[(size_t)i * (size_t)cols + (size_t)k]);
            fprintf(f, "%s%24s", k ? " " : "  ", s);
        }
        fputc('\n', f);
    }
}

/* What --activations adds for each layer l: its input x, z = x·W + b, dz and
 * dx, each n rows of the layer's input width (out = 0) or output width (1). */
static const struct {
    const char *name;
    bp_net_part part;
    int out;
} pass_parts[] = {{"x", BP_NET_X, 0}, {"z", BP_NET_Z, 1}, {"dz", BP_NET_DZ, 1}, {"dx", BP_NET_DX, 0}};
enum { PASS_PARTS = sizeof pass_parts / sizeof pass_parts[0] };

static int run_grad(const streams *io, const option *opts, int json, const params *ps, const dataset *ds)
{
    bp_net *net;
    int rc = load_net(io, ps, ds->n, &net);
    if (rc) return rc;
    const int all = value_of(opts, "--activations") != NULL;
    const int n = (int)ds->n, L = ps->count - 1;
    double loss = bp_net_forward(net, ds->x, ds->label, ds->n);
    bp_net_backward(net);
    if (all) bp_net_input_grad(net);
    if (json) {
        fputs("{\"loss\":", io->out);
        print_number(io->out, loss);
        fputc(',', io->out);
        print_layers_json(io->out, net, 1);
        if (all) {
            /* Each layer's input x, its z = x·W + b, dz and dx, row by row, and y. */
            fputs(",\"passes\":[", io->out);
            for (int l = 0; l < L; l++) {
                fputs(l ? ",{" : "{", io->out);
                for (int k = 0; k < PASS_PARTS; k++) {
                    fprintf(io->out, "%s\"%s\":", k ? "," : "", pass_parts[k].name);
                    print_matrix_json(io->out, bp_net_param(net, pass_parts[k].part, l), n, ps->sizes[l + pass_parts[k].out]);
                }
                fputc('}', io->out);
            }
            fputs("],\"y\":", io->out);
            print_matrix_json(io->out, bp_net_param(net, BP_NET_Y, 0), n, ps->sizes[L]);
        }
        fputs("}\n", io->out);
    } else {
        char s[40];
        bp_format_number(s, loss);
        fprintf(io->out, "loss %s (mean cross-entropy over %zu rows)\n", s, ds->n);
        for (int l = 0; l < ps->count - 1; l++) {
            char title[16];
            snprintf(title, sizeof title, "dW%d", l + 1);
            print_table(io->out, title, bp_net_param(net, BP_NET_DW, l), ps->sizes[l], ps->sizes[l + 1]);
            snprintf(title, sizeof title, "db%d", l + 1);
            print_table(io->out, title, bp_net_param(net, BP_NET_DB, l), 1, ps->sizes[l + 1]);
        }
        for (int l = 0; all && l < L; l++) {
            for (int k = 0; k < PASS_PARTS; k++) {
                char title[16];
                snprintf(title, sizeof title, "%s%d", pass_parts[k].name, l + 1);
                print_table(io->out, title, bp_net_param(net, pass_parts[k].part, l), n, ps->sizes[l + pass_parts[k].out]);
            }
        }
        if (all) print_table(io->out, "y", bp_net_param(net, BP_NET_Y, 0), n, ps->sizes[L]);
    }
    bp_net_free(net);
    return 0;
}

static int run_train(const streams *io, const option *opts, int json, const params *ps, const dataset *ds)
{
    double lr = 0;
    long long batch = 0, steps = 0, seed = 0;
    int shuffle = value_of(opts, "--shuffle") != NULL;
    int rc = read_real(io, "--lr", value_of(opts, "--lr"), 0.1, &lr);
    if (!rc) rc = read_count(io, "--batch", value_of(opts, "--batch"), 1, BP_DATA_MAX_POINTS, 10, &batch);
    if (!rc) rc = read_count(io, "--steps", value_of(opts, "--steps"), 0, 10000000, 1000, &steps);
    if (!rc) rc = read_count(io, "--seed", value_of(opts, "--seed"), 0, INT64_MAX, 1, &seed);
    if (!rc && value_of(opts, "--seed") && !shuffle) rc = bad(io, "--seed orders the batches: it needs --shuffle");
    if (rc) return rc;
    bp_net *net;
    if ((rc = load_net(io, ps, (size_t)batch, &net))) return rc;
    size_t *order = malloc((ds->n + 1) * sizeof *order);
    double *losses = malloc((size_t)(steps ? steps : 1) * sizeof *losses);
    const int classes = ps->sizes[ps->count - 1];
    double *probs = malloc(ds->n * (size_t)classes * sizeof *probs);
    if (!losses || !order || !probs) {
        rc = failed(io, "out of memory");
    } else {
        order[ds->n] = 0;
        if (json) fputs("{\"loss\":[", io->out);
        else fputs("step loss\n", io->out);
        bp_net_train(net, ds->x, ds->label, ds->n, order, (size_t)batch, 0, (size_t)steps, shuffle,
                     (unsigned long long)seed, lr, losses);
        for (long long s = 0; s < steps; s++) {
            if (json) {
                if (s) fputc(',', io->out);
                print_number(io->out, losses[s]);
            } else {
                char t[40];
                bp_format_number(t, losses[s]);
                fprintf(io->out, "%lld %s\n", s + 1, t);
            }
        }
        double acc = accuracy(net, ds, probs);
        if (json) {
            fputs("],\"accuracy\":", io->out);
            print_number(io->out, acc);
            fputs(",\"params\":", io->out);
            print_params(io->out, net);
            fputs("}\n", io->out);
        } else {
            char t[40];
            bp_format_number(t, acc);
            fprintf(io->out, "training accuracy %s; the parameters: --json\n", t);
        }
    }
    free(losses);
    free(order);
    free(probs);
    bp_net_free(net);
    return rc;
}

static int run_check(const streams *io, const params *ps, const dataset *ds)
{
    bp_net *net;
    int rc = load_net(io, ps, ds->n, &net);
    if (rc) return rc;
    double diff[2 * BP_NET_MAX_LAYERS];
    bp_net_check(net, ds->x, ds->label, ds->n, diff);
    int failures = 0;
    fprintf(io->out, "%-6s %s\n", "param", "mean |numeric - backprop|");
    for (int i = 0; i < 2 * (ps->count - 1); i++) {
        char name[16], v[40];
        snprintf(name, sizeof name, "%s%d", i % 2 ? "b" : "W", i / 2 + 1);
        bp_format_number(v, diff[i]);
        int ok = diff[i] <= CHECK_TOLERANCE;
        failures += !ok;
        fprintf(io->out, "%-6s %s%s\n", name, v, ok ? "" : "  FAILED");
    }
    bp_net_free(net);
    return failures ? BACKPROP_CHECK_FAILED : BACKPROP_DONE;
}

static int run_net(const streams *io, int argc, char **argv)
{
    const char *sub = argc >= 3 ? argv[2] : "";
    if (!strcmp(sub, "init")) return run_init(io, argc, argv);
    int grad = !strcmp(sub, "grad"), train = !strcmp(sub, "train"), check = !strcmp(sub, "check");
    if (!grad && !train && !check)
        return bad(io, "net needs a command: init, grad, train or check");
    option opts[] = {{"--params", 0, 0}, {"--data", 0, 0}, {"--json", 0, 1}, {"--lr", 0, 0}, {"--batch", 0, 0},
                     {"--steps", 0, 0}, {"--shuffle", 0, 1}, {"--seed", 0, 0}, {0, 0, 0}};
    /* Only train takes the training options, grad its --activations; check
     * prints its table only. */
    if (grad) opts[3] = (option){"--activations", 0, 1}, opts[4].name = NULL;
    else if (!train) opts[3].name = NULL;
    if (check) opts[2] = opts[3];
    char command[16];
    snprintf(command, sizeof command, "net %s", sub);
    int rc = read_options(io, argc, argv, 3, opts, command);
    if (rc) return rc;
    params ps = {0};
    dataset ds = {0};
    rc = read_inputs(io, opts, command, &ps, &ds);
    int json = value_of(opts, "--json") != NULL;
    if (!rc) rc = grad ? run_grad(io, opts, json, &ps, &ds) : train ? run_train(io, opts, json, &ps, &ds)
                                                                    : run_check(io, &ps, &ds);
    params_free(&ps);
    free(ds.x);
    free(ds.label);
    return rc;
}

int backprop_net_main(int argc, char **argv, FILE *in, FILE *out, FILE *err)
{
    const streams io = {in, out, err};
    return !strcmp(argv[1], "data") ? run_data(&io, argc, argv) : run_net(&io, argc, argv);
}
