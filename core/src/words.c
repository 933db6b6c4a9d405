/* words.c: what the core writes with numbers in it: labels with their number
 * filled in, and warning messages in English, for the CLI and the trace's
 * JSON. The WebAssembly module exports none of this, so it links no number
 * formatting: its page fills in label patterns (bp_graph_label_pattern) and
 * words the warnings itself, in English or Korean. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "internal.h"

const char *bp_graph_label(const bp_graph *g, int id) {
    const char *pattern = bp_graph_label_pattern(g, id);
    const char *at = pattern ? strstr(pattern, "{k}") : NULL;
    if (!at) return pattern;
    bp_node *node = &g->nodes[id]; /* the label is a cache, filled on first use */
    if (!node->label[0]) {
        char num[32];
        bp_format_number(num, fabs(node->k));
        snprintf(node->label, sizeof node->label, "%.*s%s%s", (int)(at - pattern), pattern, num, at + 3);
    }
    return node->label;
}

/* The node written as arithmetic on its operands' values, e.g. "exp(800)". */
static void describe(const bp_graph *g, const bp_node *node, char *buf, size_t size) {
    char a[40] = "", b[40] = "", k[40];
    if (node->a >= 0) bp_format_number(a, g->nodes[node->a].value);
    if (node->b >= 0) bp_format_number(b, g->nodes[node->b].value);
    bp_format_number(k, node->k);
    switch (node->op) {
    case BP_OP_SCALE: snprintf(buf, size, "%s * %s", k, a); return;
    case BP_OP_ADD_CONST: snprintf(buf, size, "%s + %s", a, k); return;
    case BP_OP_ADD: snprintf(buf, size, "%s + %s", a, b); return;
    case BP_OP_SUB: snprintf(buf, size, "%s - %s", a, b); return;
    case BP_OP_MUL: snprintf(buf, size, "%s * %s", a, b); return;
    case BP_OP_DIV: snprintf(buf, size, "%s / %s", a, b); return;
    case BP_OP_POW: snprintf(buf, size, "%s ^ %s", a, b); return;
    case BP_OP_NEG: snprintf(buf, size, "-(%s)", a); return;
    case BP_OP_RECIP: snprintf(buf, size, "1 / %s", a); return;
    default: snprintf(buf, size, "%s(%s)", bp_op_name(node->op), a); return;
    }
}

int bp_graph_warning_message(const bp_graph *g, int i, char *buf, size_t size) {
    const bp_warning *w = bp_graph_warning(g, i);
    if (!w) return snprintf(buf, size, "no such warning");
    const bp_node *node = &g->nodes[w->node];
    char what[100], y[40], a[40], b[40];
    bp_format_number(y, w->value);
    bp_format_number(a, w->a);
    bp_format_number(b, w->b);
    if (w->phase == BP_BACKWARD) {
        const char *label = bp_graph_label(g, w->node);
        if (!strcmp(w->kind, "domain"))
            return snprintf(buf, size, "backward through %s: its local derivative is %s", label, b);
        return snprintf(buf, size, "backward through %s: upstream %s * local derivative %s %s", label, a, b,
                        !strcmp(w->kind, "nan") ? "is NaN" : "overflowed");
    }
    if (node->op == BP_OP_INPUT) return snprintf(buf, size, "input %s is %s", node->name, y);
    describe(g, node, what, sizeof what);
    if (!strcmp(w->kind, "divide-by-zero")) return snprintf(buf, size, "%s is %s: division by zero", what, y);
    if (!strcmp(w->kind, "domain"))
        return snprintf(buf, size, "%s is NaN: outside the domain of %s", what, bp_op_name(node->op));
    if (!strcmp(w->kind, "overflow")) return snprintf(buf, size, "%s overflowed to %s", what, y);
    return snprintf(buf, size, "%s is NaN", what);
}
