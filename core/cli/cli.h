/* cli.h: the backprop command as a function. main() (main.c) calls it with
 * stdin, stdout and stderr; the CLI fuzzer (fuzz/fuzz_cli.c) calls it over
 * and over with streams of its own, which is why it never exits and frees
 * everything it allocates before it returns. */
#ifndef BACKPROP_CLI_H
#define BACKPROP_CLI_H

#include <stdio.h>

/* Exit statuses: the CLI's contract (README, "The command-line tool"). */
enum {
    BACKPROP_DONE = 0,
    BACKPROP_CHECK_FAILED = 1, /* `check`: a gradient disagreed with its central difference */
    BACKPROP_USAGE = 2,        /* bad arguments: one line on err */
    BACKPROP_FAILED = 3,       /* the core or the CLI ran out of memory: one line on err */
};

/* Run `backprop argv[1] ...`: a matrix argument `-` from in, results on out,
 * errors on err. Returns the exit status. argv[0] is not read; argv[argc]
 * need not be NULL. */
int backprop_main(int argc, char **argv, FILE *in, FILE *out, FILE *err);

/* `backprop net ...` and `backprop data ...` (net_commands.c), as backprop_main
 * calls them: argv[1] is "net" or "data". */
int backprop_net_main(int argc, char **argv, FILE *in, FILE *out, FILE *err);

#endif
