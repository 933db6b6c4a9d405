/* matrix_arg.c: a matrix argument of `backprop layer`, read strictly.
 *
 * Rows are separated by ';' or a new line, values by ','; spaces around a
 * value are fine, and so are new lines (and CRLF) at the very end. Since one
 * command-line argument holds at most 128 KB, the text may also come from
 * @FILE (CSV rows, or the same syntax) or from - (standard input). Whatever
 * is wrong is said in one line naming where: the row, the column or item,
 * the file. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "command.h"

/* One value's text: a double's shortest form takes 24 characters. */
#define MAX_ITEM 127
/* A file of at most MAX_VALUES values of at most MAX_ITEM characters each
 * (and their separators) is smaller than this. */
#define MAX_TEXT ((size_t)MAX_VALUES * (MAX_ITEM + 2))

void matrix_free(matrix *m) {
    free(m->v);
    *m = (matrix){0};
}

const char *shape_text(char *buf, const matrix *m) {
    if (m->flat) snprintf(buf, 48, "(%zu,)", m->cols);
    else snprintf(buf, 48, "%zu\xC3\x97%zu", m->rows, m->cols); /* U+00D7 × */
    return buf;
}

int read_text(const streams *io, const char *label, const char *name, FILE *f, size_t max, char **text,
              size_t *len) {
    size_t cap = 0, n = 0;
    char *buf = NULL;
    for (;;) {
        if (cap - n < 2) {
            size_t grown = cap ? 2 * cap : 1 << 16;
            char *bigger = realloc(buf, grown);
            if (!bigger) {
                free(buf);
                return failed(io, "%s: out of memory", label);
            }
            buf = bigger;
            cap = grown;
        }
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        if (got && memchr(buf + n, '\0', got)) {
            size_t at = n + (size_t)((char *)memchr(buf + n, '\0', got) - (buf + n));
            free(buf);
            return bad(io, "%s: byte %zu is NUL: not a text file", label, at + 1);
        }
        n += got;
        if (n > max) {
            free(buf);
            return max == MAX_TEXT ? bad(io, "%s: over %zu MB, more than %d values can take", label,
                                         MAX_TEXT / 1000000, MAX_VALUES)
                                   : bad(io, "%s: over %zu MB", label, max >> 20);
        }
        if (got == 0) break;
    }
    if (ferror(f)) {
        int e = errno;
        free(buf);
        return bad(io, "%s: cannot read %s: %s", label, name, strerror(e));
    }
    buf[n] = '\0';
    *text = buf;
    *len = n;
    return 0;
}

static int is_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

/* One row of [p, end): the end of the row (';', '\n' or end) and its values. */
static const char *row_end(const char *p, const char *end, size_t *values, int *blank) {
    *values = 1;
    *blank = 1;
    for (; p < end && *p != ';' && *p != '\n'; p++) {
        *values += *p == ',';
        *blank &= is_blank(*p);
    }
    return p;
}

/* Where a value is, for a message: "item 3" in a vector, "row 2, column 1" in a matrix. */
static const char *place(char *buf, size_t size, int flat, size_t row, size_t column) {
    if (flat) snprintf(buf, size, "item %zu", column);
    else snprintf(buf, size, "row %zu, column %zu", row, column);
    return buf;
}

static int parse(const streams *io, const char *label, const char *s, size_t len, matrix *m) {
    while (len && (is_blank(s[len - 1]) || s[len - 1] == '\n')) len--;
    if (len == 0) return bad(io, "%s is empty", label);
    const char *end = s + len;

    /* The shape first, so that nothing is allocated for a ragged or an
     * oversized matrix. */
    size_t rows = 0, cols = 0, count = 0;
    for (const char *p = s;; p++) {
        size_t values;
        int blank;
        p = row_end(p, end, &values, &blank);
        rows++;
        if (blank) return bad(io, "%s: row %zu is empty", label, rows);
        if (rows == 1) cols = values;
        else if (values != cols)
            return bad(io, "%s: row %zu has %zu value%s but row 1 has %zu", label, rows, values,
                       values == 1 ? "" : "s", cols);
        count += values;
        if (count > MAX_VALUES) return bad(io, "%s has over %d values (the limit)", label, MAX_VALUES);
        if (p == end) break;
    }

    double *v = malloc(count * sizeof *v);
    if (!v) return failed(io, "%s: out of memory", label);
    const int flat = rows == 1;
    size_t row = 1, column = 1, i = 0;
    for (const char *p = s; i < count; p++) {
        const char *stop = p;
        while (stop < end && *stop != ',' && *stop != ';' && *stop != '\n') stop++;
        char item[MAX_ITEM + 1], where[64];
        size_t n = (size_t)(stop - p);
        if (n > MAX_ITEM) {
            free(v);
            return bad(io, "%s: %s is too long to be a number", label, place(where, sizeof where, flat, row, column));
        }
        memcpy(item, p, n);
        item[n] = '\0';
        const char *why = "";
        if (bp_parse_number(item, &v[i++], &why) != BP_OK) {
            /* The item as typed, less the spaces (and a CRLF's CR) around it. */
            const char *shown = item;
            while (is_blank(*shown)) shown++;
            while (n > 0 && is_blank(item[n - 1])) item[--n] = '\0';
            free(v);
            return bad(io, "%s: %s '%s': %s", label, place(where, sizeof where, flat, row, column), shown, why);
        }
        p = stop;
        if (p < end && *p != ',') {
            row++;
            column = 1;
        } else {
            column++;
        }
    }
    *m = (matrix){v, rows, cols, flat};
    return 0;
}

int read_matrix(const streams *io, const char *option, const char *text, int *stdin_taken, matrix *m) {
    *m = (matrix){0};
    if (text[0] != '@' && strcmp(text, "-") != 0) return parse(io, option, text, strlen(text), m);

    char label[200];
    char *buf = NULL;
    size_t len = 0;
    int rc;
    if (text[0] == '@') {
        snprintf(label, sizeof label, "%s %.150s", option, text);
        if (!text[1]) return bad(io, "%s: @ needs a file name (@FILE)", option);
        FILE *f = fopen(text + 1, "rb");
        if (!f) return bad(io, "%s: cannot open %.150s: %s", option, text + 1, strerror(errno));
        rc = read_text(io, label, text + 1, f, MAX_TEXT, &buf, &len);
        fclose(f);
    } else {
        if (*stdin_taken) return bad(io, "%s -: only one argument may be - (standard input)", option);
        *stdin_taken = 1;
        snprintf(label, sizeof label, "%s (standard input)", option);
        rc = read_text(io, label, "standard input", io->in, MAX_TEXT, &buf, &len);
    }
    if (!rc) rc = parse(io, label, buf, len, m);
    free(buf);
    return rc;
}
