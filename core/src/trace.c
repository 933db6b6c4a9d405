/* trace.c: a graph's run written as the one JSON shape of design.md. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

typedef struct {
    char *data;
    size_t len, cap;
    int failed;
} buffer;

static void put(buffer *b, const char *s, size_t n) {
    if (b->failed) return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 4096;
        while (cap < b->len + n + 1) cap *= 2;
        char *p = realloc(b->data, cap);
        if (!p) {
            b->failed = 1;
            return;
        }
        b->data = p;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

static void puts_(buffer *b, const char *s) { put(b, s, strlen(s)); }

static void putf(buffer *b, const char *fmt, ...) {
    char tmp[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n > 0) put(b, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

/* JSON has no NaN or Infinity: those are written as strings. */
static void put_number(buffer *b, double v) {
    char tmp[40];
    int n = bp_format_number(tmp, v);
    if (isfinite(v)) {
        put(b, tmp, (size_t)n);
    } else {
        put(b, "\"", 1);
        put(b, tmp, (size_t)n);
        put(b, "\"", 1);
    }
}

static void put_string(buffer *b, const char *s) {
    put(b, "\"", 1);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') {
            char esc[2] = {'\\', (char)c};
            put(b, esc, 2);
        } else if (c < 0x20) {
            putf(b, "\\u%04x", c);
        } else {
            put(b, s, 1);
        }
    }
    put(b, "\"", 1);
}

static void put_key_number(buffer *b, const char *key, double v) {
    putf(b, ",\"%s\":", key);
    put_number(b, v);
}

static const char *input_name(const bp_graph *g, int i) { return g->nodes[g->inputs[i]].name; }

/* ,"key":{"x":...,"y":...} with each input's value, or its gradient. */
static void put_inputs(buffer *b, const bp_graph *g, const char *key, int grads) {
    putf(b, ",\"%s\":{", key);
    for (int i = 0; i < g->n_inputs; i++) {
        const bp_node *node = &g->nodes[g->inputs[i]];
        if (i) puts_(b, ",");
        put_string(b, node->name);
        puts_(b, ":");
        put_number(b, grads ? node->grad : node->value);
    }
    puts_(b, "}");
}

/* ,"fig7":{...}: a sigmoid's backward step as the post's Fig. 7 writes it. */
static void put_fig7(buffer *b, double x, double dout) {
    bp_fig7 f;
    bp_sigmoid_fig7(&f, x, dout);
    puts_(b, ",\"fig7\":{\"exp_neg_x\":");
    put_number(b, f.exp_neg_x);
    put_key_number(b, "denom", f.denom);
    put_key_number(b, "y", f.y);
    put_key_number(b, "y2", f.y2);
    put_key_number(b, "ratio", f.ratio);
    put_key_number(b, "local", f.local);
    put_key_number(b, "grad", f.grad);
    puts_(b, "}");
}

bp_status bp_graph_trace_json(bp_graph *g, double dout, char **json) {
    if (!g || !json) return BP_ERR_ARG;
    if (g->n == 0) return bp__graph_fail(g, BP_ERR_ARG, 0, "the graph is empty");

    /* The check runs first: it leaves g forward- and backward-run. */
    bp_check *checks = calloc((size_t)g->n_inputs + 1, sizeof *checks);
    if (!checks) return bp__graph_fail(g, BP_ERR_NOMEM, 0, "out of memory");
    bp_status s = bp_graph_check_all(g, dout, checks);
    if (s != BP_OK) {
        free(checks);
        return s;
    }

    buffer b = {0};
    puts_(&b, "{\"graph\":");
    put_string(&b, g->name);
    if (g->expr) {
        puts_(&b, ",\"expr\":");
        put_string(&b, g->expr);
    }
    put_inputs(&b, g, "inputs", 0);
    put_key_number(&b, "dout", dout);
    put_key_number(&b, "output", g->nodes[g->n - 1].value);
    put_inputs(&b, g, "grads", 1);

    puts_(&b, ",\"nodes\":[");
    for (int i = 0; i < g->n; i++) {
        const bp_node *node = &g->nodes[i];
        putf(&b, "%s{\"id\":%d,\"op\":\"%s\",\"label\":", i ? "," : "", i, bp_op_name(node->op));
        put_string(&b, bp_graph_label(g, i));
        if (node->op == BP_OP_CONST || node->op == BP_OP_SCALE || node->op == BP_OP_ADD_CONST)
            put_key_number(&b, "k", node->k);
        if (node->b >= 0) putf(&b, ",\"args\":[%d,%d]", node->a, node->b);
        else if (node->a >= 0) putf(&b, ",\"args\":[%d]", node->a);
        else puts_(&b, ",\"args\":[]");
        put_key_number(&b, "value", node->value);
        if (node->needs_grad) put_key_number(&b, "grad", node->grad);
        else puts_(&b, ",\"grad\":null");
        puts_(&b, "}");
    }
    puts_(&b, "],\"edges\":[");
    int first = 1;
    for (int i = 0; i < g->n; i++) {
        const bp_node *node = &g->nodes[i];
        int args[2] = {node->a, node->b};
        for (int k = 0; k < 2; k++) {
            if (args[k] < 0) continue;
            putf(&b, "%s{\"from\":%d,\"to\":%d,\"arg\":%d}", first ? "" : ",", args[k], i, k);
            first = 0;
        }
    }
    puts_(&b, "],\"steps\":[");
    for (int i = 0; i < g->n_steps; i++) {
        const bp_step *st = &g->steps[i];
        if (st->phase == BP_FORWARD) {
            putf(&b, "%s{\"phase\":\"forward\",\"node\":%d", i ? "," : "", st->node);
            put_key_number(&b, "value", st->value);
        } else {
            putf(&b, "%s{\"phase\":\"backward\",\"node\":%d,\"to\":%d,\"arg\":%d", i ? "," : "", st->node, st->to,
                 st->arg);
            put_key_number(&b, "upstream", st->upstream);
            put_key_number(&b, "local", st->local);
            put_key_number(&b, "grad", st->grad);
            put_key_number(&b, "total", st->total);
            if (g->nodes[st->node].op == BP_OP_SIGMOID) put_fig7(&b, g->nodes[st->to].value, st->upstream);
        }
        puts_(&b, "}");
    }
    puts_(&b, "],\"check\":{");
    for (int i = 0; i < g->n_inputs; i++) {
        if (i) puts_(&b, ",");
        put_string(&b, input_name(g, i));
        puts_(&b, ":{\"numeric\":");
        put_number(&b, checks[i].numeric);
        put_key_number(&b, "analytic", checks[i].analytic);
        put_key_number(&b, "rel_error", checks[i].rel_error);
        put_key_number(&b, "step", checks[i].step);
        puts_(&b, "}");
    }
    puts_(&b, "},\"warnings\":[");
    for (int i = 0; i < g->n_warnings; i++) {
        const bp_warning *w = &g->warnings[i];
        putf(&b, "%s{\"node\":%d,\"phase\":\"%s\",\"kind\":\"%s\"", i ? "," : "", w->node,
             w->phase == BP_FORWARD ? "forward" : "backward", w->kind);
        put_key_number(&b, "a", w->a);
        put_key_number(&b, "b", w->b);
        put_key_number(&b, "value", w->value);
        char message[256];
        bp_graph_warning_message(g, i, message, sizeof message);
        puts_(&b, ",\"message\":");
        put_string(&b, message);
        puts_(&b, "}");
    }
    puts_(&b, "]}");
    free(checks);
    if (b.failed) {
        free(b.data);
        return bp__graph_fail(g, BP_ERR_NOMEM, 0, "out of memory");
    }
    *json = b.data;
    return BP_OK;
}
