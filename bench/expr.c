/*
 * expr.c: the cost of the user's own expressions as they grow. For
 * expressions of about 10, 100, 500 and 1000 nodes, times
 *   parse + trace: bp_graph_parse, then forward, backward and the numeric
 *                  check of every input (what the page asks of the core), and
 *   JSON:          bp_graph_trace_json on top (what the CLI's --json adds),
 * as the minimum over repeated batches, and prints one JSON object.
 */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "backprop.h"

static double now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* A sum of neuron-like terms over three variables, about 10 nodes a term
 * (the variables are shared, so gradients fan in from every term). */
static void make_expression(char *buf, size_t size, int terms, int pad) {
    static const char *const term[] = {"sigmoid(w*x + 0.5)", "tanh(x*y - w)", "exp(-x*x) * y",
                                       "relu(w - y) / (1 + x*x)"};
    size_t used = 0;
    for (int i = 0; i < terms; i++)
        used += (size_t)snprintf(buf + used, size - used, "%s%s", i ? " + " : "", term[i % 4]);
    for (int i = 0; i < pad; i++) /* one add node each: x is already a node */
        used += (size_t)snprintf(buf + used, size - used, " + x");
}

static const char *const inputs[] = {"x", "y", "w"};

static void parse_and_trace(bp_graph *g, const char *src, int json) {
    if (bp_graph_parse(g, src, 0) != BP_OK) {
        fprintf(stderr, "expr bench: %s\n", bp_graph_error(g));
        exit(1);
    }
    bp_graph_set(g, "x", 0.3);
    bp_graph_set(g, "y", -1.2);
    bp_graph_set(g, "w", 0.7);
    if (json) {
        char *text = NULL;
        bp_graph_trace_json(g, 1.0, &text);
        bp_free(text);
        return;
    }
    bp_check c;
    for (int i = 0; i < 3; i++) bp_graph_check(g, inputs[i], 1.0, &c);
}

static double time_us(bp_graph *g, const char *src, int json) {
    double best = 1e300;
    for (int batch = 0; batch < 7; batch++) {
        int reps = 0;
        double start = now_ns(), t;
        do {
            parse_and_trace(g, src, json);
            reps++;
        } while ((t = now_ns() - start) < 5e6);
        if (batch > 0 && t / reps < best) best = t / reps; /* batch 0 warms up */
    }
    return best / 1e3;
}

int main(void) {
    static const int target_nodes[] = {10, 100, 500, 1000};
    static char src[BP_MAX_EXPR_CHARS + 1];
    bp_graph *g = bp_graph_new();
    printf("{\"results\":[");
    for (size_t i = 0; i < sizeof target_nodes / sizeof *target_nodes; i++) {
        /* The most terms whose graph fits the target node count, then
         * single add nodes up to it exactly. */
        int terms = 1;
        for (;;) {
            make_expression(src, sizeof src, terms + 1, 0);
            if (bp_graph_parse(g, src, 0) != BP_OK || bp_graph_size(g) > target_nodes[i]) break;
            terms++;
        }
        make_expression(src, sizeof src, terms, 0);
        bp_graph_parse(g, src, 0);
        make_expression(src, sizeof src, terms, target_nodes[i] - bp_graph_size(g));
        bp_graph_parse(g, src, 0);
        int nodes = bp_graph_size(g);
        double compute = time_us(g, src, 0), json = time_us(g, src, 1);
        printf("%s{\"nodes\":%d,\"chars\":%zu,\"parse_trace_us\":%.3f,\"parse_trace_json_us\":%.3f}",
               i ? "," : "", nodes, strlen(src), compute, json);
    }
    printf("]}\n");
    bp_graph_free(g);
    return 0;
}
