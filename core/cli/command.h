/* command.h: what the backprop command's files share (backprop.c: the
 * arguments, the graphs and the dispatch; matrix_arg.c: reading a matrix
 * argument; layer.c: the layers). Private to the CLI. */
#ifndef BACKPROP_COMMAND_H
#define BACKPROP_COMMAND_H

#include <stddef.h>
#include <stdio.h>
#include "backprop.h"
#include "cli.h"

#if defined(__GNUC__)
#define PRINTF_LIKE(fmt, first) __attribute__((format(printf, fmt, first)))
#else
#define PRINTF_LIKE(fmt, first)
#endif

/* Where a command reads `-` from, writes results to, and complains to. */
typedef struct {
    FILE *in, *out, *err;
} streams;

/* One clear line on err; returns `status`, the exit status that goes with it. */
int complain(const streams *io, int status, const char *fmt, ...) PRINTF_LIKE(3, 4);

/* Bad arguments: exit status 2, the contract. */
#define bad(io, ...) complain(io, BACKPROP_USAGE, __VA_ARGS__)
/* The arguments were fine, memory was not: exit status 3. */
#define failed(io, ...) complain(io, BACKPROP_FAILED, __VA_ARGS__)

#define MAX_VARS BP_MAX_NODES /* an expression has no more variables than nodes */

/* The command line after the command, as given; no meaning checked yet. */
typedef struct {
    const char *command;
    const char *graph;   /* GRAPH, the layer's name, or "layer" in `check layer NAME` */
    const char *layer;   /* NAME in `check layer NAME` */
    const char *x, *dout, *w, *b, *t, *t_index; /* option texts */
    const char *expr;
    const char *vars[MAX_VARS];
    int n_vars;
    int json, expand;
} args;

/* ---------------------------------------------------------- output */

/* Columns on a terminal, not bytes: a UTF-8 continuation byte takes none. */
int display_width(const char *s);

/* s, then spaces up to `width` columns (none if s is wider). */
void print_padded(FILE *f, const char *s, int width);

/* A number as JSON: non-finite ones as the strings "NaN", "Infinity", "-Infinity". */
void print_json_number(FILE *f, double v);

/* A check table: its header (first column `first`, name_width wide), then one
 * row per record; a row returns 1 if the record fails (rel. error > 1e-6, or NaN). */
void print_check_header(FILE *f, const char *first, int name_width);
int print_check_row(FILE *f, const char *name, int name_width, const bp_check *c);

/* --------------------------------------------------------- matrices */

/* The whole of f into a NUL-terminated buffer (*len bytes): text, at most
 * max bytes; stops at a NUL byte or past max, not at the end of /dev/zero.
 * `label` starts a complaint, `name` says what could not be read. */
int read_text(const streams *io, const char *label, const char *name, FILE *f, size_t max, char **text,
              size_t *len);

/* The most values one matrix argument may hold. */
#define MAX_VALUES 1000000

/* A matrix argument: rows × cols doubles, row-major. `flat` when it was one
 * row (a vector, as `--x 1,-2,0,3`): it is printed back flat. */
typedef struct {
    double *v;
    size_t rows, cols;
    int flat;
} matrix;

/* Read option's value `text` into m: the matrix itself ("1,-0.5;-2,3"), @FILE
 * or - (io->in; *stdin_taken says whether an earlier option took it). On
 * failure m is empty and the complaint made. */
int read_matrix(const streams *io, const char *option, const char *text, int *stdin_taken, matrix *m);

void matrix_free(matrix *m);

/* m's shape as the book writes it into buf (size >= 48): "2×3", or "(3,)" if flat. */
const char *shape_text(char *buf, const matrix *m);

/* ----------------------------------------------------------- layers */

/* backprop layer NAME ...; with `checking`, backprop check layer NAME ... */
int run_layer(const streams *io, const args *a, int checking);

#endif
