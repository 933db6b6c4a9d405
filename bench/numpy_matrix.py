"""The reference book's Affine and SoftmaxWithLoss layers in numpy, timed the
way bench/matrix.c times the C ones, at the same shapes.

Prints one JSON object, with the BLAS numpy runs on. The comparison is only
meant against OpenBLAS on one thread: bench/run sets OPENBLAS_NUM_THREADS=1
(and unsets OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE) for this command, and
this script refuses to time anything if numpy is not running OpenBLAS on one
thread (Debian's reference BLAS is over ten times slower at 784 -> 50).
Run with /usr/bin/python3 (Debian's numpy).
"""
import ctypes
import json
import sys
import time

import numpy as np

from numpy_ref import Affine  # the book's, shared with tests/


# ---- the reference book's code (common/layers.py, common/functions.py) ----
def softmax(x):
    if x.ndim == 2:
        x = x.T
        x = x - np.max(x, axis=0)
        y = np.exp(x) / np.sum(np.exp(x), axis=0)
        return y.T
    x = x - np.max(x)
    return np.exp(x) / np.sum(np.exp(x))


def cross_entropy_error(y, t):
    if y.ndim == 1:
        t = t.reshape(1, t.size)
        y = y.reshape(1, y.size)
    if t.size == y.size:
        t = t.argmax(axis=1)
    batch_size = y.shape[0]
    return -np.sum(np.log(y[np.arange(batch_size), t] + 1e-7)) / batch_size


class SoftmaxWithLoss:
    def __init__(self):
        self.loss = None
        self.y = None
        self.t = None

    def forward(self, x, t):
        self.t = t
        self.y = softmax(x)
        self.loss = cross_entropy_error(self.y, self.t)
        return self.loss

    def backward(self, dout=1):
        batch_size = self.t.shape[0]
        dx = (self.y - self.t) / batch_size
        return dx
# ---------------------------------------------------------------------------


def blas_in_use():
    """The BLAS library this process has loaded (after a product has run),
    asked for its name, core type and thread count if it is OpenBLAS."""
    np.dot(np.ones((64, 64)), np.ones((64, 64)))
    with open("/proc/self/maps") as maps:
        paths = sorted({line.split()[-1] for line in maps if "blas" in line.lower() and "/" in line})
    for path in paths:
        try:
            lib = ctypes.CDLL(path)
            lib.openblas_get_config.restype = ctypes.c_char_p
            lib.openblas_get_corename.restype = ctypes.c_char_p
            return {"library": path, "openblas": True,
                    "config": lib.openblas_get_config().decode(),
                    "core": lib.openblas_get_corename().decode(),
                    "threads": lib.openblas_get_num_threads()}
        except (OSError, AttributeError):
            continue
    return {"library": ", ".join(paths) or "none found", "openblas": False}


def time_calls(call, batches=7):
    """Minimum ns per call: 20 ms of warm-up, then batches of about 3 ms."""
    t0 = time.perf_counter_ns()
    calls = 0
    while time.perf_counter_ns() - t0 < 20e6:
        call()
        calls += 1
    reps = max(1, int(3e6 / ((time.perf_counter_ns() - t0) / calls)))
    best = float("inf")
    for _ in range(batches):
        start = time.perf_counter_ns()
        for _ in range(reps):
            call()
        best = min(best, (time.perf_counter_ns() - start) / reps)
    return best


def main():
    blas = blas_in_use()
    if not blas["openblas"] or blas["threads"] != 1:
        sys.exit("numpy_matrix.py: numpy must run OpenBLAS on one thread for this comparison; "
                 "it runs %s (install libopenblas0-pthread; OPENBLAS_NUM_THREADS=1)" % json.dumps(blas))
    rng = np.random.default_rng(7)
    results = []
    # Same shapes and value ranges as bench/matrix.c.
    for n, d, m in ((100, 784, 50), (100, 50, 10), (2, 2, 2), (8, 8, 8), (16, 16, 16), (32, 32, 32),
                    (64, 64, 64)):
        x = rng.uniform(-1, 1, (n, d))
        layer = Affine(rng.uniform(-0.1, 0.1, (d, m)), rng.uniform(-0.1, 0.1, m))
        dout = rng.uniform(-1, 1, (n, m))

        def affine():
            layer.forward(x)
            layer.backward(dout)
        results.append({"layer": "affine", "n": n, "d": d, "m": m, "ns": time_calls(affine)})
    n, k = 100, 10
    x = rng.uniform(-4, 4, (n, k))
    t = np.zeros((n, k))
    t[np.arange(n), (np.arange(n) * 7) % k] = 1.0   # one-hot rows, as bench/matrix.c
    loss_layer = SoftmaxWithLoss()

    def softmax_loss():
        loss_layer.forward(x, t)
        loss_layer.backward()
    results.append({"layer": "softmax-loss", "n": n, "d": 0, "m": k, "ns": time_calls(softmax_loss)})
    print(json.dumps({"numpy": np.__version__, "blas": blas, "results": results}))


if __name__ == "__main__":
    main()
