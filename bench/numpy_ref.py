"""The reference post's numpy layers, timed the way bench.c times the C ones.

Prints one JSON object. Run with /usr/bin/python3 (Debian's numpy).
Usage: numpy_ref.py [N ...]
"""
import json
import sys
import time

import numpy as np


# ---- the reference post's code, verbatim --------------------------------
class ReluLayer:
    def __init__(self):
        self.mask = None
    def forward(self, x):
        self.mask = (x <= 0)
        out = x.copy()
        out[self.mask] = 0
        return out
    def backward(self, dout):
        dout[self.mask] = 0
        dx = dout
        return dx

class SigmoidLayer:
    def __init__(self):
        self.out = None
    def forward(self, x):
        self.out = 1 / (1 + np.exp(-x))
        return self.out
    def backward(self, dout):
        dx = dout * self.out * (1.0 - self.out)
        return dx

# The next chapter's Affine (the book's common/layers.py), for the matrix
# benchmark and the references in tests/.
class Affine:
    def __init__(self, W, b):
        self.W = W
        self.b = b
        self.x = None
        self.dW = None
        self.db = None

    def forward(self, x):
        self.x = x
        out = np.dot(x, self.W) + self.b
        return out

    def backward(self, dout):
        dx = np.dot(dout, self.W.T)
        self.dW = np.dot(self.x.T, dout)
        self.db = np.sum(dout, axis=0)
        return dx
# --------------------------------------------------------------------------


def time_layer(layer_class, x, dout, reps, batches):
    """Minimum ns per forward+backward over `batches` batches of `reps` calls.

    ReluLayer.backward writes into dout, so every call gets its own fresh
    copy, made before the clock starts (the C layers write into a separate
    dx and never touch dout, so neither side pays for a copy)."""
    layer = layer_class()
    best = float("inf")
    for batch in range(batches + 1):   # batch 0 is the warm-up
        douts = [dout.copy() for _ in range(reps)]
        t0 = time.perf_counter_ns()
        for i in range(reps):
            layer.forward(x)
            layer.backward(douts[i])
        dt = (time.perf_counter_ns() - t0) / reps
        if batch > 0:
            best = min(best, dt)
    return best


def main():
    sizes = [int(float(a)) for a in sys.argv[1:]] or [1000, 100000, 1000000, 10000000]
    rng = np.random.default_rng(42)
    results = []
    for n in sizes:
        x = rng.uniform(-8.0, 8.0, n)      # same distribution as bench.c
        dout = rng.uniform(-1.0, 1.0, n)
        reps = max(1, int(2e6 // n))
        batches = 5 if n >= 10000000 else 9
        row = {"n": n}
        for name, cls in (("relu", ReluLayer), ("sigmoid", SigmoidLayer)):
            row[name + "_ns_per_elem"] = time_layer(cls, x, dout, reps, batches) / n
        results.append(row)
    print(json.dumps({"numpy": np.__version__, "results": results}))


if __name__ == "__main__":
    main()
