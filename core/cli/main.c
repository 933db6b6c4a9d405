/* main.c: the backprop executable; all of it is backprop_main (backprop.c). */
#include "cli.h"

int main(int argc, char **argv) { return backprop_main(argc, argv, stdin, stdout, stderr); }
