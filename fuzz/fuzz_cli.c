/* fuzz_cli.c: libFuzzer target for the CLI's argument handling. The data,
 * split at NUL bytes, is argv[1], argv[2], ... (at most 80 of them);
 * backprop_main runs with its three streams in memory and must keep the CLI's
 * contract:
 *   0  done: nothing on err, something on out (a JSON object for --json,
 *      the usage for --help or -h anywhere but as --expr's value);
 *   1  `check` only: a table on out with a FAIL row, nothing on err;
 *   2  bad arguments, 3 out of memory: nothing on out, one message on err,
 *      "backprop: ..." ending in a newline;
 * and no other status. The sanitizers catch overflows and leaks (the fuzzer
 * calls it millions of times in one process). A broken invariant abort()s. */
#define _POSIX_C_SOURCE 200809L /* open_memstream, fmemopen */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

enum { MAX_ARGS = 80 };

static void require(int ok) {
    if (!ok) abort();
}

static int ends_with(const char *s, size_t n, const char *end) {
    size_t k = strlen(end);
    return n >= k && memcmp(s + n - k, end, k) == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *text = malloc(size + 1);
    if (!text) return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    char *argv[MAX_ARGS + 2] = {"backprop"};
    int argc = 1, json = 0, help = 0;
    for (char *p = text; p < text + size && argc <= MAX_ARGS; p += strlen(p) + 1) {
        int value_of_expr = argc > 1 && !strcmp(argv[argc - 1], "--expr");
        help |= !value_of_expr && (!strcmp(p, "--help") || !strcmp(p, "-h") || (argc == 1 && !strcmp(p, "help")));
        argv[argc++] = p;
        json |= !strcmp(p, "--json");
    }
    argv[argc] = NULL;

    char *out = NULL, *err = NULL;
    size_t out_size = 0, err_size = 0;
    /* Standard input, for a matrix argument `-`: a small matrix. */
    static char input[] = "1,-0.5\r\n-2,3\n";
    FILE *in_stream = fmemopen(input, sizeof input - 1, "r");
    FILE *out_stream = open_memstream(&out, &out_size), *err_stream = open_memstream(&err, &err_size);
    require(in_stream && out_stream && err_stream);
    int status = backprop_main(argc, argv, in_stream, out_stream, err_stream);
    fclose(in_stream);
    fclose(out_stream);
    fclose(err_stream);

    switch (status) {
    case BACKPROP_DONE:
        require(err_size == 0 && out_size > 0 && out[out_size - 1] == '\n');
        if (help) require(strncmp(out, "usage: ", 7) == 0);
        else if (json && (!strcmp(argv[1], "trace") || !strcmp(argv[1], "layer")))
            require(out[0] == '{' && ends_with(out, out_size, "}\n"));
        break;
    case BACKPROP_CHECK_FAILED:
        require(!strcmp(argv[1], "check") && err_size == 0 && strstr(out, "  FAIL\n") != NULL);
        break;
    case BACKPROP_USAGE:
    case BACKPROP_FAILED:
        require(out_size == 0);
        require(err_size > strlen("backprop: \n") && strncmp(err, "backprop: ", 10) == 0 && err[err_size - 1] == '\n');
        require(strlen(err) == err_size); /* one message, no NUL inside */
        break;
    default:
        require(0);
    }
    free(out);
    free(err);
    free(text);
    return 0;
}
