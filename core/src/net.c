/*
 * net.c: a network of the matrix layers (matrix.c, layers.c), the reference
 * book's TwoLayerNet at any depth: L Affine layers, an activation after each
 * but the last, Softmax-with-Loss at the end.
 *
 * One allocation holds the struct and every buffer, each a run of doubles
 * (or mask bytes, last) sized for max_batch rows. Layer l maps sizes[l]
 * inputs to sizes[l+1] outputs; its input is x (l = 0) or the previous
 * activation's output h[l-1].
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

struct bp_net {
    int layers;
    int sizes[BP_NET_MAX_LAYERS + 1];
    bp_activation act;
    int small;                  /* every size at most BP__SMALL_WIDTH: net_small.c's layers */
    size_t max_batch, n;        /* rows of the last forward pass */
    int *label;                 /* its labels (max_batch) */
    size_t *rows;               /* bp_net_train's batch rows (max_batch) */
    double loss;
    double *w[BP_NET_MAX_LAYERS], *b[BP_NET_MAX_LAYERS];
    double *dw[BP_NET_MAX_LAYERS], *db[BP_NET_MAX_LAYERS];
    double *x;                  /* the input rows (max_batch × sizes[0]) */
    double *z[BP_NET_MAX_LAYERS];   /* Affine outputs */
    double *dz[BP_NET_MAX_LAYERS];  /* their gradients */
    double *h[BP_NET_MAX_LAYERS];   /* activation outputs (hidden layers) */
    double *dx[BP_NET_MAX_LAYERS];  /* dL/d(layer l's input): dL/dh[l-1] for l > 0; dx[0], dL/dx,
                                       only from bp_net_input_grad() */
    double *y;                      /* softmax of the scores */
    unsigned char *mask[BP_NET_MAX_LAYERS];
};

static size_t align8(size_t bytes) { return (bytes + 7) & ~(size_t)7; }

bp_net *bp_net_new(const int *sizes, int count, bp_activation act, size_t max_batch)
{
    if (!sizes || count < 2 || count > BP_NET_MAX_LAYERS + 1) return NULL;
    if (act != BP_ACT_RELU && act != BP_ACT_SIGMOID) return NULL;
    if (max_batch < 1 || max_batch > BP_NET_MAX_BATCH) return NULL;
    int widest = 0;
    for (int i = 0; i < count; i++) {
        if (sizes[i] < 1 || sizes[i] > BP_NET_MAX_WIDTH) return NULL;
        if (sizes[i] > widest) widest = sizes[i];
    }
    if (sizes[count - 1] < 2) return NULL;
    const int layers = count - 1;
    size_t weights = 0;
    for (int l = 0; l < layers; l++) weights += (size_t)sizes[l] * (size_t)sizes[l + 1] + (size_t)sizes[l + 1];
    if (weights > BP_NET_MAX_PARAMS) return NULL;
    const size_t rows = max_batch;
    /* Count the doubles, then lay them out in the same order. */
    size_t doubles = rows * (size_t)sizes[0] + rows * (size_t)sizes[layers];
    size_t masks = 0;
    for (int l = 0; l < layers; l++) {
        size_t in = (size_t)sizes[l], out = (size_t)sizes[l + 1];
        doubles += 2 * (in * out + out) + 2 * rows * out + rows * in;
        if (l < layers - 1) {
            doubles += rows * out;
            masks += rows * out;
        }
    }
    size_t head = align8(sizeof(bp_net)), labels = align8(rows * sizeof(int)) + align8(rows * sizeof(size_t));
    if (doubles > (SIZE_MAX - head - labels - masks) / sizeof(double)) return NULL;
    bp_net *net = calloc(1, head + labels + doubles * sizeof(double) + masks);
    if (!net) return NULL;
    net->layers = layers;
    memcpy(net->sizes, sizes, (size_t)count * sizeof *sizes);
    net->act = act;
    net->small = widest <= BP__SMALL_WIDTH;
    net->max_batch = max_batch;
    net->label = (int *)((char *)net + head);
    net->rows = (size_t *)((char *)net + head + align8(rows * sizeof(int)));
    double *d = (double *)((char *)net + head + labels);
    unsigned char *m = (unsigned char *)(d + doubles);
    net->x = d, d += rows * (size_t)sizes[0];
    net->y = d, d += rows * (size_t)sizes[layers];
    for (int l = 0; l < layers; l++) {
        size_t in = (size_t)sizes[l], out = (size_t)sizes[l + 1];
        net->w[l] = d, d += in * out;
        net->b[l] = d, d += out;
        net->dw[l] = d, d += in * out;
        net->db[l] = d, d += out;
        net->z[l] = d, d += rows * out;
        net->dz[l] = d, d += rows * out;
        net->dx[l] = d, d += rows * in;
        if (l < layers - 1) {
            net->h[l] = d, d += rows * out;
            net->mask[l] = m, m += rows * out;
        }
    }
    return net;
}

void bp_net_free(bp_net *net) { free(net); }

int bp_net_num_layers(const bp_net *net) { return net->layers; }
int bp_net_size(const bp_net *net, int i) { return i >= 0 && i <= net->layers ? net->sizes[i] : 0; }
bp_activation bp_net_activation(const bp_net *net) { return net->act; }
size_t bp_net_max_batch(const bp_net *net) { return net->max_batch; }

void bp_net_init(bp_net *net, bp_init init, unsigned long long seed)
{
    bp_rng r;
    bp_rng_seed(&r, seed);
    for (int l = 0; l < net->layers; l++) {
        size_t in = (size_t)net->sizes[l], out = (size_t)net->sizes[l + 1];
        double scale = init == BP_INIT_XAVIER ? bp__sqrt(1.0 / (double)in)
                     : init == BP_INIT_HE     ? bp__sqrt(2.0 / (double)in)
                                              : 0.01;
        for (size_t i = 0; i < in * out; i++) net->w[l][i] = scale * bp_rng_normal(&r);
        memset(net->b[l], 0, out * sizeof(double));
    }
}

double *bp_net_param(bp_net *net, bp_net_part part, int l)
{
    if (part == BP_NET_Y) return net->y;
    if (l < 0 || l >= net->layers) return NULL;
    switch (part) {
    case BP_NET_W: return net->w[l];
    case BP_NET_B: return net->b[l];
    case BP_NET_DW: return net->dw[l];
    case BP_NET_DB: return net->db[l];
    case BP_NET_X: return l ? net->h[l - 1] : net->x;
    case BP_NET_Z: return net->z[l];
    case BP_NET_DZ: return net->dz[l];
    case BP_NET_DX: return net->dx[l];
    default: return NULL;
    }
}

const unsigned char *bp_net_mask(const bp_net *net, int l)
{
    return l >= 0 && l < net->layers - 1 && net->act == BP_ACT_RELU ? net->mask[l] : NULL;
}

/* Forward from the rows already in net->x: the scores into z[L-1], then the
 * softmax into y; returns the loss (labels: net->label, or none). */
static double forward_rows(bp_net *net, size_t n, const int *label)
{
    const double *in = net->x;
    for (int l = 0; l < net->layers; l++) {
        size_t d = (size_t)net->sizes[l], m = (size_t)net->sizes[l + 1];
        if (net->small)
            bp__small_affine_forward(net->z[l], in, net->w[l], net->b[l], n, d, m);
        else
            bp_affine_forward(net->z[l], in, net->w[l], net->b[l], n, d, m);
        if (l == net->layers - 1) break;
        if (net->act == BP_ACT_RELU)
            bp_relu_forward(net->h[l], net->mask[l], net->z[l], n * m);
        else
            bp_sigmoid_forward(net->h[l], net->z[l], n * m);
        in = net->h[l];
    }
    const int L = net->layers;
    return bp_softmax_loss_forward(net->y, net->z[L - 1], NULL, label, n, (size_t)net->sizes[L]);
}

/* Labels outside 0..classes-1 count as no class: -1 matches none. */
static void keep_labels(bp_net *net, const int *label, size_t n)
{
    const int classes = net->sizes[net->layers];
    for (size_t i = 0; i < n; i++) net->label[i] = label[i] >= 0 && label[i] < classes ? label[i] : -1;
}

double bp_net_forward(bp_net *net, const double *x, const int *label, size_t n)
{
    if (n > net->max_batch) n = net->max_batch;
    memmove(net->x, x, n * (size_t)net->sizes[0] * sizeof(double));
    keep_labels(net, label, n);
    net->n = n;
    return net->loss = forward_rows(net, n, net->label);
}

/* Layer l's Affine backward from its dz, through the path its width takes:
 * dx, dw and db each where not NULL. */
static void affine_backward(bp_net *net, int l, double *dx, double *dw, double *db)
{
    size_t d = (size_t)net->sizes[l], m = (size_t)net->sizes[l + 1];
    const double *in = l ? net->h[l - 1] : net->x;
    if (net->small)
        bp__small_affine_backward(dx, dw, db, in, net->w[l], net->dz[l], net->n, d, m);
    else
        bp_affine_backward(dx, dw, db, in, net->w[l], net->dz[l], net->n, d, m);
}

void bp_net_backward(bp_net *net)
{
    const int L = net->layers;
    const size_t n = net->n;
    bp_softmax_loss_backward(net->dz[L - 1], net->y, NULL, net->label, n, (size_t)net->sizes[L]);
    for (int l = L - 1; l >= 0; l--) {
        size_t d = (size_t)net->sizes[l];
        /* dL/dh of the layer below into dx[l], then through its activation into its dz. */
        affine_backward(net, l, l ? net->dx[l] : NULL, net->dw[l], net->db[l]);
        if (!l) break;
        if (net->act == BP_ACT_RELU)
            bp_relu_backward(net->dz[l - 1], net->mask[l - 1], net->dx[l], n * d);
        else
            bp_sigmoid_backward(net->dz[l - 1], net->h[l - 1], net->dx[l], n * d);
    }
}

void bp_net_input_grad(bp_net *net)
{
    affine_backward(net, 0, net->dx[0], NULL, NULL);
}

void bp_net_sgd(bp_net *net, double lr)
{
    for (int l = 0; l < net->layers; l++) {
        size_t in = (size_t)net->sizes[l], out = (size_t)net->sizes[l + 1];
        for (size_t i = 0; i < in * out; i++) net->w[l][i] -= lr * net->dw[l][i];
        for (size_t i = 0; i < out; i++) net->b[l][i] -= lr * net->db[l][i];
    }
}

double bp_net_train_step(bp_net *net, const double *x, const int *label, const size_t *rows, size_t batch,
                         double lr)
{
    if (batch > net->max_batch) batch = net->max_batch;
    const size_t d = (size_t)net->sizes[0];
    int classes = net->sizes[net->layers];
    for (size_t i = 0; i < batch; i++) {
        memcpy(net->x + i * d, x + rows[i] * d, d * sizeof(double));
        int c = label[rows[i]];
        net->label[i] = c >= 0 && c < classes ? c : -1;
    }
    net->n = batch;
    double loss = net->loss = forward_rows(net, batch, net->label);
    bp_net_backward(net);
    bp_net_sgd(net, lr);
    return loss;
}

/* order[0..n-1] := epoch's order of the rows: the file's, or a Fisher-Yates
 * shuffle from a generator seeded with seed + epoch; order[n] := epoch + 1. */
static void epoch_order(size_t *order, size_t n, int shuffle, unsigned long long seed, unsigned long long epoch)
{
    for (size_t i = 0; i < n; i++) order[i] = i;
    if (shuffle) {
        bp_rng r;
        bp_rng_seed(&r, seed + epoch);
        for (size_t i = n - 1; i > 0; i--) {
            size_t j = (size_t)(bp_rng_next(&r) % (unsigned long long)(i + 1));
            size_t t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }
    order[n] = (size_t)(epoch + 1);
}

void bp_net_batch_rows(size_t *rows, size_t *order, size_t n, size_t batch, unsigned long long step, int shuffle,
                       unsigned long long seed)
{
    if (n == 0) return;
    for (size_t i = 0; i < batch; i++) {
        unsigned long long k = step * (unsigned long long)batch + i, epoch = k / n;
        if (order[n] != (size_t)(epoch + 1)) epoch_order(order, n, shuffle, seed, epoch);
        rows[i] = order[k % n];
    }
}

void bp_net_train(bp_net *net, const double *x, const int *label, size_t n, size_t *order, size_t batch,
                  unsigned long long first, size_t steps, int shuffle, unsigned long long seed, double lr,
                  double *losses)
{
    if (batch > net->max_batch) batch = net->max_batch;
    for (size_t s = 0; s < steps; s++) {
        bp_net_batch_rows(net->rows, order, n, batch, first + s, shuffle, seed);
        double loss = bp_net_train_step(net, x, label, net->rows, batch, lr);
        if (losses) losses[s] = loss;
    }
}

void bp_net_predict(bp_net *net, double *probs, const double *x, size_t n)
{
    const size_t d = (size_t)net->sizes[0], k = (size_t)net->sizes[net->layers];
    for (size_t at = 0; at < n; at += net->max_batch) {
        size_t rows = n - at < net->max_batch ? n - at : net->max_batch;
        memcpy(net->x, x + at * d, rows * d * sizeof(double));
        forward_rows(net, rows, NULL);
        memcpy(probs + at * k, net->y, rows * k * sizeof(double));
        net->n = 0; /* no labelled rows: bp_net_accuracy() says 0 */
    }
}

/* cbrt(DBL_EPSILON) balances the truncation error (h^2) against rounding
 * (eps/h); a literal, not libm's cbrt, so both builds take the same h. */
static const double CBRT_EPSILON = 6.0554544523933395e-06;

/* One parameter's central difference: p moved by ±h, the loss of the rows
 * in net->x each time, p restored. */
static double numeric(bp_net *net, double *p, size_t n)
{
    const double saved = *p;
    const double h = CBRT_EPSILON * fmax(1.0, fabs(saved));
    *p = saved + h;
    double up = forward_rows(net, n, net->label);
    *p = saved - h;
    double down = forward_rows(net, n, net->label);
    *p = saved;
    return (up - down) / (2.0 * h);
}

void bp_net_check(bp_net *net, const double *x, const int *label, size_t n, double *diff)
{
    bp_net_forward(net, x, label, n);
    bp_net_backward(net);
    n = net->n;
    for (int l = 0; l < net->layers; l++) {
        size_t in = (size_t)net->sizes[l], out = (size_t)net->sizes[l + 1];
        double sum = 0.0;
        for (size_t i = 0; i < in * out; i++) sum += fabs(numeric(net, &net->w[l][i], n) - net->dw[l][i]);
        diff[2 * l] = sum / (double)(in * out);
        sum = 0.0;
        for (size_t i = 0; i < out; i++) sum += fabs(numeric(net, &net->b[l][i], n) - net->db[l][i]);
        diff[2 * l + 1] = sum / (double)out;
    }
    /* The activations as after forward and backward again. */
    net->loss = forward_rows(net, n, net->label);
}

/* The most probable class of a row of k probabilities (ties: the lower). */
static int argmax(const double *p, int k)
{
    int best = 0;
    for (int c = 1; c < k; c++)
        if (p[c] > p[best]) best = c;
    return best;
}

double bp_net_accuracy(const bp_net *net)
{
    const int k = net->sizes[net->layers];
    size_t right = 0;
    for (size_t i = 0; i < net->n; i++) right += argmax(net->y + i * (size_t)k, k) == net->label[i];
    return net->n ? (double)right / (double)net->n : 0.0;
}

double bp_net_grad_norm(const bp_net *net, int l)
{
    if (l < 0 || l >= net->layers) return 0.0;
    const size_t count = (size_t)net->sizes[l] * (size_t)net->sizes[l + 1];
    double sum = 0.0;
    for (size_t i = 0; i < count; i++) sum += net->dw[l][i] * net->dw[l][i];
    return bp__sqrt(sum);
}

void bp_net_histogram(const bp_net *net, int l, double lo, double hi, int bins, int *counts)
{
    if (bins < 1) return;
    memset(counts, 0, (size_t)bins * sizeof *counts);
    if (l < 0 || l >= net->layers - 1 || !(hi > lo)) return;
    const size_t count = net->n * (size_t)net->sizes[l + 1];
    const double scale = bins / (hi - lo);
    for (size_t i = 0; i < count; i++) {
        double v = net->h[l][i];
        int b = v < lo || v != v ? 0 : v >= hi ? bins - 1 : (int)((v - lo) * scale);
        counts[b < bins ? b : bins - 1]++;
    }
}

void bp_net_regions(bp_net *net, unsigned char *cls, double *confidence, double x0, double x1, double y0,
                    double y1, int w, int h)
{
    if (w < 1 || h < 1 || net->sizes[0] != 2) return;
    const int k = net->sizes[net->layers];
    const size_t total = (size_t)w * (size_t)h;
    const double dx = (x1 - x0) / w, dy = (y1 - y0) / h;
    for (size_t at = 0; at < total; at += net->max_batch) {
        size_t rows = total - at < net->max_batch ? total - at : net->max_batch;
        for (size_t r = 0; r < rows; r++) {
            size_t p = at + r;
            net->x[2 * r] = x0 + ((double)(p % (size_t)w) + 0.5) * dx;
            net->x[2 * r + 1] = y1 - ((double)(p / (size_t)w) + 0.5) * dy;
        }
        forward_rows(net, rows, NULL);
        for (size_t r = 0; r < rows; r++) {
            const double *prob = net->y + r * (size_t)k;
            int c = argmax(prob, k);
            cls[at + r] = (unsigned char)c;
            confidence[at + r] = prob[c];
        }
        net->n = 0;
    }
}
