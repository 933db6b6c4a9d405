/*
 * backprop.h: the one public header of the backprop-viz core.
 *
 * Two parts:
 *
 *   1. Array layers (bp_relu_*, bp_sigmoid_*, bp_add_*, bp_mul_*): the C form
 *      of the "Deep Learning from Scratch" layers. Free functions over
 *      caller-owned buffers of doubles, output first. They never allocate and
 *      never fail, so they return nothing.
 *
 *   2. Scalar computational graphs (bp_graph): an opaque handle whose nodes
 *      are plain integer ids, built from a built-in name (bp_graph_builtin) or
 *      an expression (bp_graph_parse), then run forward and backward. Every
 *      step is recorded so that it can be replayed (the trace).
 *
 * Conventions
 *
 *   Memory   The caller owns every buffer passed in. Strings returned through
 *            `char **` were allocated by the core: release them with bp_free().
 *            Strings returned as `const char *` belong to the core and stay
 *            valid until the graph they came from is changed or freed.
 *   Status   Functions that can fail return a bp_status; BP_OK is 0. Their
 *            out-parameters are written only on BP_OK. bp_status_str() names a
 *            status; bp_graph_error() holds the detailed message of a graph's
 *            last failure. Nothing here calls exit() or abort().
 *   Numerics Doubles, IEEE 754, nothing clamped: overflow gives Infinity,
 *            0 * Infinity gives NaN, and the graph records a warning naming the
 *            node where a non-finite value first appears.
 *   Parity   exp is the core's own (bp_exp), not the platform's, so native and
 *            WebAssembly builds give bit-identical results for the graphs
 *            relu, sigmoid and sigmoid-steps.
 */
#ifndef BACKPROP_H
#define BACKPROP_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------- status */

typedef enum {
    BP_OK = 0,
    BP_ERR_NOMEM,   /* an allocation failed */
    BP_ERR_ARG,     /* a bad argument: unknown graph or input, bad node id */
    BP_ERR_NUMBER,  /* text that is not a number (bp_parse_number) */
    BP_ERR_RANGE,   /* a number too large for a double, e.g. 1e999 */
    BP_ERR_SYNTAX,  /* an expression that does not parse (column is set) */
    BP_ERR_LIMIT    /* an expression over a limit: length, nodes or depth */
} bp_status;

/* A short English description of `status`; never NULL. */
const char *bp_status_str(bp_status status);

/* Release a string or buffer that the core allocated. NULL is fine. */
void bp_free(void *p);

/* ------------------------------------------------------------- numbers */

/*
 * Parse `text` strictly as one double into *out.
 * Accepted: an optional sign ('+', '-' or U+2212 MINUS SIGN), then a decimal
 * number with optional fraction and exponent ("2", "-0.5", ".5", "1e-3"), or
 * exactly "inf", "Infinity", "nan", "NaN" (signed forms of inf too). Leading and
 * trailing spaces are allowed; nothing else is: "", "abc", "1,5", "0x10",
 * "1e999" (BP_ERR_RANGE) are refused. A value below the smallest double
 * rounds to a subnormal or zero, as strtod does.
 * On failure *why (if not NULL) points to a static English reason.
 */
bp_status bp_parse_number(const char *text, double *out, const char **why);

/*
 * Write `value` into buf (size >= 32) as the shortest decimal that reads back
 * to the same double, the way JavaScript prints numbers ("0.5", "1e-7",
 * "-0"); non-finite values as "NaN", "Infinity", "-Infinity".
 * Returns the length written.
 */
int bp_format_number(char *buf, double value);

/* ---------------------------------------------------------- elementary */

/* exp(x) to within 1 ulp, the same bits on every platform. */
double bp_exp(double x);

/* 1 / (1 + bp_exp(-x)): the logistic sigmoid. */
double bp_sigmoid(double x);

/*
 * The fused sigmoid's backward as the reference post's Fig. 7 writes it,
 * dL/dy * y^2 * exp(-x), with every number of its Eq. (6), which turns it
 * into dL/dy * y(1 - y):
 *   dL/dy y^2 exp(-x) = dL/dy 1/(1 + exp(-x))^2 exp(-x)
 *                     = dL/dy 1/(1 + exp(-x)) exp(-x)/(1 + exp(-x)) = dL/dy y(1 - y)
 * A trace carries one on each backward step of a sigmoid node ("fig7").
 */
typedef struct {
    double exp_neg_x;  /* exp(-x), bp_exp                           */
    double denom;      /* 1 + exp(-x)                               */
    double y;          /* 1 / (1 + exp(-x)), bit for bit bp_sigmoid  */
    double y2;         /* y * y                                     */
    double ratio;      /* exp(-x) / (1 + exp(-x)), which is 1 - y    */
    double local;      /* y^2 * exp(-x): Fig. 7's local derivative   */
    double grad;       /* dout * local: Fig. 7's dL/dx              */
} bp_fig7;

/* out = the Fig. 7 parts of the sigmoid at x, with upstream gradient dout. */
void bp_sigmoid_fig7(bp_fig7 *out, double x, double dout);

/* ------------------------------------------------------------- layers
 *
 * Backward functions OVERWRITE their outputs (they do not accumulate) and
 * never write into `dout`, unless the caller passes the same pointer as an
 * output: an output may be exactly the same buffer as `dout` (in place), but
 * buffers must not otherwise overlap. n may be 0.
 */

/*
 * ReLU forward: out[i] = x[i] > 0 ? x[i] : 0, mask[i] = (x[i] <= 0).
 * NaN is not <= 0, so it passes through (mask 0); -0.0 gives +0.0 (mask 1).
 * out may be the same buffer as x.
 */
void bp_relu_forward(double *out, unsigned char *mask, const double *x, size_t n);

/* ReLU backward: dx[i] = mask[i] ? 0 : dout[i], from the forward's mask only. */
void bp_relu_backward(double *dx, const unsigned char *mask, const double *dout, size_t n);

/* Sigmoid forward: out[i] = 1 / (1 + exp(-x[i])). out may be x. */
void bp_sigmoid_forward(double *out, const double *x, size_t n);

/* Sigmoid backward: dx[i] = dout[i] * out[i] * (1 - out[i]), from the
 * forward's output only. dx may be out or dout. */
void bp_sigmoid_backward(double *dx, const double *out, const double *dout, size_t n);

/* Add forward: out[i] = a[i] + b[i]. out may be a or b. */
void bp_add_forward(double *out, const double *a, const double *b, size_t n);

/* Add backward: da[i] = db[i] = dout[i]. da or db may be dout. */
void bp_add_backward(double *da, double *db, const double *dout, size_t n);

/* Mul forward: out[i] = a[i] * b[i]. out may be a or b. */
void bp_mul_forward(double *out, const double *a, const double *b, size_t n);

/* Mul backward, the inputs swapped: da[i] = dout[i] * b[i],
 * db[i] = dout[i] * a[i]. da or db may be dout; neither may be a or b. */
void bp_mul_backward(double *da, double *db, const double *a, const double *b,
                     const double *dout, size_t n);

/* ------------------------------------------------------------ matrices */

/*
 * The layers of a network (the reference book's Affine and SoftmaxWithLoss)
 * over row-major matrices of doubles: x is n×d (n rows of d), w is d×m, a
 * vector is one row. Like the array layers they never allocate and never
 * fail; outputs are overwritten, never accumulated into, and may not
 * overlap any input. NaN and infinities propagate as IEEE arithmetic says.
 */

/* Affine forward: out (n×m) = x (n×d) · w (d×m) + b (m; NULL: no bias). */
void bp_affine_forward(double *out, const double *x, const double *w, const double *b,
                       size_t n, size_t d, size_t m);

/* Affine backward from dout (n×m): dx (n×d) = dout · wᵀ, dw (d×m) = xᵀ · dout,
 * db (m) = the column sums of dout. Any of dx, dw, db may be NULL (not wanted). */
void bp_affine_backward(double *dx, double *dw, double *db, const double *x, const double *w,
                        const double *dout, size_t n, size_t d, size_t m);

/*
 * Softmax-with-Loss forward: y (n×k) = the softmax of each row of x, computed
 * stably (the row's maximum subtracted first); returns the loss, the mean
 * over rows of -sum_j t[i][j] log y[i][j], with log y taken from the
 * log-sum-exp (x - max - log sum exp), not as the book's log(y + 1e-7): a
 * class whose y underflows to 0 still gets its true, finite loss. The
 * labels are t (n×k: one-hot rows, or any weights), or, with t NULL, the
 * class indices t_index (n, each in 0..k-1). n or k of 0 gives loss 0.
 */
double bp_softmax_loss_forward(double *y, const double *x, const double *t, const int *t_index,
                               size_t n, size_t k);

/* Softmax-with-Loss backward, the end of the graph (no dout): dx (n×k) =
 * (y - t) / n, from the forward's y and the same labels. */
void bp_softmax_loss_backward(double *dx, const double *y, const double *t, const int *t_index,
                              size_t n, size_t k);

/* One numeric gradient check: of a graph's input, or of one entry of a
 * layer's input. */
typedef struct {
    double numeric;    /* dout * (f(x+h) - f(x-h)) / 2h                 */
    double analytic;   /* the backward pass's gradient                   */
    double rel_error;  /* |numeric - analytic| / max(|numeric|, |analytic|), 0 if both 0,
                          NaN if either is NaN                           */
    double step;       /* h = cbrt(DBL_EPSILON) * max(1, |x|)            */
} bp_check;

/*
 * Numeric checks of these layers' gradients (and of the array layers'
 * ReLU and Sigmoid): for every entry v of every input, a central difference
 * of the loss L, (L(v + h) - L(v - h)) / (2h), against the analytic gradient
 * the caller got from the layer's backward, one bp_check record per entry
 * (the same step h and rel_error as bp_graph_check).
 * L is sum(out ⊙ dout) for ReLU, Sigmoid and Affine, and the layer's loss
 * for Softmax-with-Loss. Like the layers they never allocate and never
 * fail; the records are caller-owned, written in full, and may not overlap
 * the inputs. The cost is that of a few forward passes: the difference is
 * taken over the outputs an entry moves (x[i][j]: row i; w[j][k], b[k]:
 * column k), and of each only over the part that moves (the terms it does not
 * touch cancel exactly, so their rounding is not added in).
 *
 * A record passes when rel_error is small: 1e-6 is the CLI's test; smooth
 * layers at moderate values give about 1e-9 or less. It fails honestly where the
 * function is not differentiable (ReLU at exactly 0: numeric dout/2,
 * analytic 0, rel_error 1) and where rounding swamps a tiny derivative.
 *
 * NaN and ±∞: an entry that is itself NaN or ±∞ gets numeric NaN (its
 * step is infinite, or v ± h is NaN); so does every entry whose perturbation
 * moves an output that is NaN or ±∞ (∞ - ∞): for Affine, x[i][j] when any
 * out[i][k] is not finite, w[j][k] and b[k] when any out[i][k] is not; for
 * Softmax-with-Loss, every entry of a row holding NaN or +∞, or whose loss
 * is +∞ (a label on a -∞ entry). A -∞ elsewhere in a row is a class of
 * probability 0, and the row's other entries are checked as usual. rel_error
 * is NaN whenever numeric or analytic is, so such a record fails any test
 * `rel_error <= tol`.
 */

/* ReLU and Sigmoid: n records for x; dout and dx (from the backward) of n. */
void bp_relu_check(bp_check *checks, const double *x, const double *dout, const double *dx, size_t n);
void bp_sigmoid_check(bp_check *checks, const double *x, const double *dout, const double *dx, size_t n);

/* Affine: checks holds n×d records for x, then d×m for w, then m for b (none
 * when b is NULL; db is then not read). dout is n×m; dx, dw, db are
 * bp_affine_backward's gradients from that dout. */
void bp_affine_check(bp_check *checks, const double *x, const double *w, const double *b,
                     const double *dout, const double *dx, const double *dw, const double *db,
                     size_t n, size_t d, size_t m);

/* Softmax-with-Loss: n×k records for x, labels t or t_index as for the
 * forward, dx (n×k) from bp_softmax_loss_backward. */
void bp_softmax_loss_check(bp_check *checks, const double *x, const double *t, const int *t_index,
                           const double *dx, size_t n, size_t k);

/* ------------------------------------------------------------ networks
 *
 * A network of fully connected layers (the reference book's TwoLayerNet,
 * any depth): Affine -> activation -> Affine -> ... -> Affine ->
 * Softmax-with-Loss, built from the layers above. Everything random is drawn
 * from one documented generator (bp_rng) and every function avoids the
 * platform's libm, so the same seed gives the same bits natively and in
 * WebAssembly: the data, the initial weights, the batches and every step.
 */

/* xoshiro256** (Blackman and Vigna), seeded by splitmix64 from a 64-bit seed. */
typedef struct {
    unsigned long long s[4];
} bp_rng;

void bp_rng_seed(bp_rng *r, unsigned long long seed);
/* The next 64 random bits. */
unsigned long long bp_rng_next(bp_rng *r);
/* Uniform on [0, 1): the top 53 bits of bp_rng_next() times 2^-53. */
double bp_rng_uniform(bp_rng *r);
/* Standard normal: Marsaglia's polar method with the core's own log, so the
 * same bits on every platform. Each call draws pairs of uniforms until one
 * falls inside the unit disc and keeps no spare value. */
double bp_rng_normal(bp_rng *r);

/* Two-dimensional data sets for classification. */
typedef enum {
    BP_DATA_SPIRAL,   /* K arms (cs231n's spiral): classes >= 2          */
    BP_DATA_CIRCLES,  /* a disc inside a ring: 2 classes                 */
    BP_DATA_XOR,      /* the four quadrants, label = signs differ: 2     */
    BP_DATA_GAUSS,    /* K round clusters on a circle: classes >= 2      */
    BP_DATA_MOONS,    /* two interleaved half circles: 2 classes         */
    BP_DATA_COUNT
} bp_data_kind;

/* The name of a kind ("spiral", ...), or NULL; and back (-1: unknown). */
const char *bp_data_name(bp_data_kind kind);
int bp_data_kind_of(const char *name);

enum { BP_DATA_MAX_CLASSES = 10, BP_DATA_MAX_POINTS = 1000000 };

/*
 * n points into x (n×2, row-major, within about [-1.2, 1.2]^2 before noise)
 * and their classes into label (0..classes-1), the classes interleaved
 * (point i has class i % classes, so that any run of points in file order
 * mixes the classes). noise is the standard deviation of the Gaussian added
 * to each coordinate (spiral: to each point's angle instead, times 2, so
 * that noise 0.1 is cs231n's 0.2 radians). BP_ERR_ARG for an
 * unknown kind, a class count the kind does not have (2 for circles, xor and
 * moons; 2..BP_DATA_MAX_CLASSES for the others), n outside
 * 1..BP_DATA_MAX_POINTS, or noise outside [0, 10].
 */
bp_status bp_data_generate(double *x, int *label, bp_data_kind kind, size_t n, int classes, double noise,
                           unsigned long long seed);

/* How many of the n labels fall in each class: counts[0..classes-1]; labels
 * outside 0..classes-1 are not counted. */
void bp_data_class_counts(int *counts, const int *label, size_t n, int classes);

typedef enum { BP_ACT_RELU, BP_ACT_SIGMOID } bp_activation;
typedef enum {
    BP_INIT_STD,     /* N(0, 0.01^2): the book's weight_init_std = 0.01 */
    BP_INIT_XAVIER,  /* N(0, 1/fan_in)                                  */
    BP_INIT_HE       /* N(0, 2/fan_in)                                  */
} bp_init;

enum { BP_NET_MAX_LAYERS = 8, BP_NET_MAX_WIDTH = 1024, BP_NET_MAX_PARAMS = 1 << 21, BP_NET_MAX_BATCH = 1000000 };

typedef struct bp_net bp_net;

/*
 * A network with sizes[0] inputs, sizes[1..count-2] hidden units and
 * sizes[count-1] classes (count - 1 Affine layers, 1..BP_NET_MAX_LAYERS),
 * able to run batches of up to max_batch rows. Parameters, gradients and
 * every activation live in one allocation. The weights start at zero: call
 * bp_net_init() or write them through bp_net_param(). NULL on a bad shape
 * (a size outside 1..BP_NET_MAX_WIDTH, fewer than 2 classes, more than
 * BP_NET_MAX_PARAMS weights and biases in all) or no memory;
 * free with bp_net_free().
 */
bp_net *bp_net_new(const int *sizes, int count, bp_activation act, size_t max_batch);
void bp_net_free(bp_net *net);

int bp_net_num_layers(const bp_net *net);    /* Affine layers */
int bp_net_size(const bp_net *net, int i);   /* sizes[i], i in 0..layers */
bp_activation bp_net_activation(const bp_net *net);
size_t bp_net_max_batch(const bp_net *net);

/* Draw every W from the seeded generator, layer by layer, row by row; b = 0. */
void bp_net_init(bp_net *net, bp_init init, unsigned long long seed);

typedef enum {
    BP_NET_W,      /* W of layer l: in × out, row-major */
    BP_NET_B,      /* b of layer l: out */
    BP_NET_DW,     /* dL/dW after bp_net_backward() */
    BP_NET_DB,     /* dL/db */
    BP_NET_X,      /* the input of layer l (n × in): x for l = 0, else the activation's output */
    BP_NET_Z,      /* layer l's Affine output (n × out); for the last layer, the scores */
    BP_NET_DZ,     /* dL/dz of layer l after bp_net_backward() (n × out) */
    BP_NET_Y,      /* the softmax of the scores (n × classes); l is ignored */
    BP_NET_DX      /* dL/d(layer l's input) (n × in): for l > 0, dL/d of the activation's output
                      below, after bp_net_backward(); for l = 0, dL/dx, after bp_net_input_grad() */
} bp_net_part;

/* A pointer to a part of layer l (writable for W and b), valid while the
 * network lives; NULL for l out of range. Activations hold the rows of the
 * last forward pass. */
double *bp_net_param(bp_net *net, bp_net_part part, int l);
/* ReLU's mask after layer l's activation (n × out; l < layers - 1), else NULL. */
const unsigned char *bp_net_mask(const bp_net *net, int l);

/*
 * Forward over n rows of x with class labels (n <= max_batch; more are cut
 * to max_batch): returns the loss, the mean cross-entropy. Labels must be in
 * 0..classes-1 (the caller checks; one outside counts as no class, adding
 * nothing to the loss). n = 0 gives 0.
 */
double bp_net_forward(bp_net *net, const double *x, const int *label, size_t n);
/* Backward from the last forward pass: every dW and db, and every dz and
 * dx (BP_NET_DX) but the first layer's dx, which training never reads. */
void bp_net_backward(bp_net *net);
/* After bp_net_backward(): the first layer's dx, dL/dx of the input rows
 * (n × sizes[0]), the book's Affine dx = dout·Wᵀ, as BP_NET_DX of layer 0. */
void bp_net_input_grad(bp_net *net);
/* One step of plain SGD: W -= lr * dW, b -= lr * db. */
void bp_net_sgd(bp_net *net, double lr);

/*
 * One training step on the rows rows[0..batch-1] of (x, label) (batch <=
 * max_batch): gather, forward, backward, SGD. Returns the batch's loss
 * before the step.
 */
double bp_net_train_step(bp_net *net, const double *x, const int *label, const size_t *rows, size_t batch,
                         double lr);

/*
 * Which rows train step `step` (0, 1, ...) of a run over n rows: without
 * shuffling, rows (step*batch + i) mod n, the file's order wrapping around;
 * with it, each epoch (n rows) in a fresh order, a Fisher-Yates shuffle
 * from a generator seeded with seed + epoch, a batch running on into the
 * next epoch's order. rows gets batch entries. order is the caller's n + 1
 * entries, the current epoch's order, kept from call to call: set order[n]
 * to 0 before the first call of a run.
 */
void bp_net_batch_rows(size_t *rows, size_t *order, size_t n, size_t batch, unsigned long long step, int shuffle,
                       unsigned long long seed);

/*
 * Steps first .. first + steps - 1 of a run over the n rows of (x, label):
 * bp_net_batch_rows (order as there), then bp_net_train_step, each. losses
 * (steps entries, or NULL) gets each step's loss. The same as calling those
 * two in a loop, to the bit; one call for many steps.
 */
void bp_net_train(bp_net *net, const double *x, const int *label, size_t n, size_t *order, size_t batch,
                  unsigned long long first, size_t steps, int shuffle, unsigned long long seed, double lr,
                  double *losses);

/* The class probabilities (n × classes) of any number of rows, in slices of
 * max_batch; overwrites the stored activations. */
void bp_net_predict(bp_net *net, double *probs, const double *x, size_t n);

/* What the page shows of the last forward (and backward) pass: the share of
 * its rows whose most probable class is their label (ties: the lower
 * class); the Euclidean norm of layer l's dW; and a histogram of hidden
 * layer l's activation outputs (l < layers - 1) over its rows: counts[bins]
 * of equal bins over [lo, hi), values outside counted in the first or last. */
double bp_net_accuracy(const bp_net *net);
double bp_net_grad_norm(const bp_net *net, int l);
void bp_net_histogram(const bp_net *net, int l, double lo, double hi, int bins, int *counts);

/*
 * The decision regions over a w × h grid of points spanning [x0, x1] ×
 * [y0, y1] (row 0 at y1, the top; pixel centres): each point's most probable
 * class into cls and that class's probability into confidence (w*h entries
 * each, row-major). Runs in slices of max_batch; overwrites the stored
 * activations.
 */
void bp_net_regions(bp_net *net, unsigned char *cls, double *confidence, double x0, double x1, double y0,
                    double y1, int w, int h);

/*
 * The book's gradient check over (x, label) (n <= max_batch rows): every
 * parameter's central difference (h = cbrt(eps) * max(1, |p|)) against
 * backprop. diff[2l] is the mean |numeric - backprop| over layer l's W,
 * diff[2l+1] over its b. Leaves the parameters as they were and the
 * gradients and activations as after forward and backward.
 */
void bp_net_check(bp_net *net, const double *x, const int *label, size_t n, double *diff);

/* -------------------------------------------------------------- graphs */

/* Node operations. k is the node's constant where it has one.
 * Derivatives where the textbook formula fails: a ^ b's is 0, not NaN, where
 * it does not move with the operand (b = 0; a = 0 with b >= 0), PyTorch's
 * convention; tanh's and sigmoid's are computed from a, not as 1 - y^2 and
 * y(1 - y), which cancel for large |a| (0 from |a| of about 19 and 37 on). */
typedef enum {
    BP_OP_INPUT,      /* a named variable                    */
    BP_OP_CONST,      /* k                                   */
    BP_OP_SCALE,      /* k * a        (multiply-by-constant) */
    BP_OP_ADD_CONST,  /* a + k                               */
    BP_OP_ADD,        /* a + b                               */
    BP_OP_SUB,        /* a - b                               */
    BP_OP_MUL,        /* a * b                               */
    BP_OP_DIV,        /* a / b                               */
    BP_OP_POW,        /* a ^ b; derivatives 0 where it stays */
    BP_OP_NEG,        /* -a                                  */
    BP_OP_EXP,        /* exp(a)                              */
    BP_OP_LOG,        /* log(a)                              */
    BP_OP_SQRT,       /* sqrt(a)                             */
    BP_OP_RECIP,      /* 1 / a                               */
    BP_OP_TANH,       /* tanh(a), backward 4t/(1+t)^2, t=e^-2|a| */
    BP_OP_SIN,        /* sin(a)                              */
    BP_OP_COS,        /* cos(a)                              */
    BP_OP_ABS,        /* |a|                                 */
    BP_OP_RELU,       /* max(a, 0), gradient 0 at a <= 0 (NaN passes, as in bp_relu_backward) */
    BP_OP_SIGMOID,    /* 1 / (1 + exp(-a)), backward y(1-y) as y sigmoid(-a) */
    BP_OP_COUNT
} bp_op;

/* The op's name in the trace ("input", "scale", "add_const", ...). */
const char *bp_op_name(bp_op op);

/* How many operands the op takes: 0, 1 or 2. */
int bp_op_arity(bp_op op);

typedef struct bp_graph bp_graph;

/* A new empty graph, or NULL if memory ran out. Free with bp_graph_free(). */
bp_graph *bp_graph_new(void);

/* Free a graph and everything it owns. NULL is fine. */
void bp_graph_free(bp_graph *g);

/*
 * Replace g's nodes by a built-in graph: "relu", "sigmoid" or
 * "sigmoid-steps" (x -> *(-1) -> exp -> +1 -> 1/x). Each has one input "x",
 * set to 0. BP_ERR_ARG for an unknown name.
 */
bp_status bp_graph_builtin(bp_graph *g, const char *name);

/* The names bp_graph_builtin() knows, NULL-terminated. */
extern const char *const bp_builtin_names[];

/* Parse flags. */
#define BP_EXPAND_SIGMOID 1u  /* sigmoid(e) as *(-1), exp, +1, 1/x nodes */

/* Limits of bp_graph_parse() (an input's name, also bp_graph_input()'s). */
#define BP_MAX_NAME_CHARS 23
#define BP_MAX_EXPR_CHARS 4096
#define BP_MAX_NODES      1000
#define BP_MAX_DEPTH      256

/*
 * Replace g's nodes by the graph of expression `src`: numbers, variables,
 * + - * / ^, unary minus, parentheses, and exp log sqrt tanh sin cos abs relu
 * sigmoid. Each variable becomes one input node however often it is used;
 * inputs start at 0. On failure returns BP_ERR_SYNTAX or BP_ERR_LIMIT with
 * bp_graph_error() and bp_graph_error_column() (1-based) set, and g empty.
 */
bp_status bp_graph_parse(bp_graph *g, const char *src, unsigned flags);

/*
 * Append a named input node (or find the existing one of that name) and
 * write its id to *id. Names are identifiers of at most BP_MAX_NAME_CHARS
 * characters: [A-Za-z_][A-Za-z0-9_]*.
 */
bp_status bp_graph_input(bp_graph *g, const char *name, int *id);

/*
 * Append a node: op over operands a and b (ids of earlier nodes, or -1 where
 * the op takes fewer) with constant k (ignored by ops without one), and write
 * its id to *id. BP_ERR_ARG for a bad op or operand. Ids count up from 0 in
 * creation order, which is a topological order.
 */
bp_status bp_graph_add(bp_graph *g, bp_op op, int a, int b, double k, int *id);

/* Set input `name` to value. BP_ERR_ARG if there is no such input. */
bp_status bp_graph_set(bp_graph *g, const char *name, double value);

/* Forward pass in creation order; the output is the last node. */
bp_status bp_graph_forward(bp_graph *g);

/*
 * Backward pass from dL/dy = dout at the last node, in reverse creation
 * order, after bp_graph_forward(). Gradients reaching a node along several
 * edges add up. Nodes that depend on no input (constants) get no gradient.
 */
bp_status bp_graph_backward(bp_graph *g, double dout);

/* Inspection. Ids out of range give NaN / NULL / -1. */
int         bp_graph_size(const bp_graph *g);          /* number of nodes */
int         bp_graph_output(const bp_graph *g);        /* id of y, or -1  */
bp_op       bp_graph_op(const bp_graph *g, int id);
int         bp_graph_arg(const bp_graph *g, int id, int which); /* operand 0/1 */
double      bp_graph_k(const bp_graph *g, int id);
const char *bp_graph_label(const bp_graph *g, int id); /* "x", "×(−1)", "exp", "+1", "/" */
/* The label with a const's, scale's or add_const's number left as "{k}",
 * meaning |k| as the shortest decimal that reads back ("×(−{k})", "+{k}");
 * any other label as it is. For a host that writes the number itself (the
 * WebAssembly page, which links no number formatting). */
const char *bp_graph_label_pattern(const bp_graph *g, int id);
const char *bp_graph_input_name(const bp_graph *g, int i); /* name of the i-th input */
double      bp_graph_value(const bp_graph *g, int id);
double      bp_graph_grad(const bp_graph *g, int id);  /* NaN if it gets none */
int         bp_graph_has_grad(const bp_graph *g, int id);
int         bp_graph_num_inputs(const bp_graph *g);
int         bp_graph_input_id(const bp_graph *g, int i); /* i-th input, by name order of first use */
const char *bp_graph_name(const bp_graph *g);          /* built-in name or "expr" */
const char *bp_graph_expr(const bp_graph *g);          /* source text, or NULL */
const char *bp_graph_error(const bp_graph *g);         /* last failure, or "" */
int         bp_graph_error_column(const bp_graph *g);  /* 1-based, 0 if none */

/* One recorded step. Forward: node computed `value`. Backward: node sends
 * upstream * local = grad to its operand `arg` (node id `to`), whose gradient
 * is `total` after adding it. */
typedef enum { BP_FORWARD, BP_BACKWARD } bp_phase;
typedef struct {
    bp_phase phase;
    int node;
    int to, arg;                    /* backward only; -1 in forward steps */
    double value;                   /* forward: the node's output         */
    double upstream, local, grad, total; /* backward only                 */
} bp_step;

int            bp_graph_num_steps(const bp_graph *g);
const bp_step *bp_graph_step(const bp_graph *g, int i);

/* A non-finite value's first appearance: node, kind ("overflow", "nan",
 * "divide-by-zero", "domain", "infinite-input", "nan-input") and the numbers
 * involved (backward "domain": a local derivative that is NaN or infinite
 * where the node's value is finite, e.g. sqrt at 0). Forward: a and b are the node's operands (NaN where it has none),
 * value its output. Backward: a is the upstream gradient, b the local
 * derivative, value their product. The struct holds numbers, not text, so that
 * a page can word the message in its own language; bp_graph_warning_message()
 * words it in English. */
typedef struct {
    int node;
    bp_phase phase;
    const char *kind;
    double a, b, value;
} bp_warning;

int               bp_graph_num_warnings(const bp_graph *g);
const bp_warning *bp_graph_warning(const bp_graph *g, int i);

/* Warning i in English into buf, e.g. "exp(800) overflowed to Infinity".
 * Returns the length it needed, like snprintf. */
int bp_graph_warning_message(const bp_graph *g, int i, char *buf, size_t size);

/*
 * Central-difference check of dL/d(input `name`) into one bp_check (its
 * struct is in "matrices"), at the inputs' current values.
 * Runs forward and backward itself; leaves g as after
 * bp_graph_forward() + bp_graph_backward(g, dout).
 */
bp_status bp_graph_check(bp_graph *g, const char *name, double dout, bp_check *out);

/*
 * The check of every input at once, into out[i] for the i-th input
 * (bp_graph_num_inputs(g) entries; out may be NULL when there are none).
 * Each input costs two unrecorded forward passes; one recorded forward and
 * backward pass follows for all, leaving g as bp_graph_check() does.
 */
bp_status bp_graph_check_all(bp_graph *g, double dout, bp_check *out);

/*
 * The byte layout of bp_step, bp_warning and bp_check, for a host that reads
 * them straight from the core's memory (the WebAssembly page does): for each
 * struct in that order, its sizeof, then the offset of each field in
 * declaration order; BP_RECORD_LAYOUT_INTS ints in all. The core pins these
 * numbers with _Static_assert (graph.c): they are the same on 32- and 64-bit
 * targets and change only with this header.
 *
 *   bp_step     56: phase 0, node 4, to 8, arg 12, value 16, upstream 24,
 *                   local 32, grad 40, total 48
 *   bp_warning  40: node 0, phase 4, kind 8, a 16, b 24, value 32
 *   bp_check    32: numeric 0, analytic 8, rel_error 16, step 24
 */
#define BP_RECORD_LAYOUT_INTS 22
const int *bp_record_layout(void);

/*
 * Run forward, backward (from dout) and the check of every input, and write
 * the trace as JSON (the shape of design.md) into *json, which the caller
 * releases with bp_free().
 */
bp_status bp_graph_trace_json(bp_graph *g, double dout, char **json);

#ifdef __cplusplus
}
#endif

#endif /* BACKPROP_H */
