/* fuzz_expr.c: libFuzzer target for bp_graph_parse and everything after it.
 * The data is the expression (copied to get its NUL); parse it both ways,
 * check what a parse promises, then give every input a value picked by the
 * data and write the whole trace. Invariant failures abort(): that is how a
 * fuzzer reports them (the library itself never aborts). */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "backprop.h"

/* Values that provoke the interesting IEEE paths. */
static const double values[] = {
    0.0, -0.0, 1.0, -1.0, 0.5, -2.5, 3.0, 1e-310, 710.0, -800.0, 1e308, -1e308, INFINITY, -INFINITY, NAN, 1e-8,
};
#define N_VALUES (sizeof values / sizeof values[0])

static void require(int ok) {
    if (!ok) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *src = malloc(size + 1);
    if (!src) return 0;
    memcpy(src, data, size);
    src[size] = '\0';
    size_t len = strlen(src); /* an embedded NUL ends the expression */

    bp_graph *g = bp_graph_new();
    if (!g) {
        free(src);
        return 0;
    }
    for (unsigned flags = 0; flags <= BP_EXPAND_SIGMOID; flags++) {
        bp_status s = bp_graph_parse(g, src, flags);
        if (s != BP_OK) {
            /* A failure leaves g empty, with a column inside the text (or just past it). */
            require(s == BP_ERR_SYNTAX || s == BP_ERR_LIMIT || s == BP_ERR_NOMEM);
            require(bp_graph_size(g) == 0 && bp_graph_num_inputs(g) == 0);
            require(bp_graph_error(g)[0] != '\0');
            int col = bp_graph_error_column(g);
            require(s == BP_ERR_NOMEM || (col >= 1 && (size_t)col <= len + 1));
            continue;
        }
        int n = bp_graph_size(g);
        require(n >= 1 && n <= BP_MAX_NODES && len <= BP_MAX_EXPR_CHARS);
        require(bp_graph_error(g)[0] == '\0' && bp_graph_error_column(g) == 0);
        require(bp_graph_expr(g) && strcmp(bp_graph_expr(g), src) == 0);
        /* Operands always come before the node that uses them. */
        for (int id = 0; id < n; id++)
            for (int w = 0; w < 2; w++) require(bp_graph_arg(g, id, w) < id);

        for (int i = 0; i < bp_graph_num_inputs(g); i++) {
            const char *name = bp_graph_label(g, bp_graph_input_id(g, i));
            double v = values[(size ? data[(size_t)i % size] : 0) % N_VALUES];
            require(bp_graph_set(g, name, v) == BP_OK);
        }
        double dout = values[(size ? data[size - 1] : 0) % N_VALUES];
        char *json = NULL;
        s = bp_graph_trace_json(g, dout, &json);
        require(s == BP_OK || s == BP_ERR_NOMEM);
        if (s == BP_OK) require(json && json[0] == '{');
        bp_free(json);
    }
    bp_graph_free(g);
    free(src);
    return 0;
}
