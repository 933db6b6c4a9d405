"""`backprop net` against a numpy network written from the book's equations.

The reference chapter's layers (its ReluLayer and SigmoidLayer verbatim, and
the book's Affine and SoftmaxWithLoss) as numpy classes, stacked as its TwoLayerNet stacks them, at other depths too.
One change from the book, as in the core: the loss is taken from the
log-sum-exp of the scores, not as log(y + 1e-7), whose 1e-7 would dominate
any comparison. For seeded networks and data sets from the CLI itself
(`backprop net init`, `backprop data`), this compares

1. `backprop net grad --json`: the loss and every gradient;
2. `backprop net train --json` without --shuffle (file order, wrapping):
   every step's loss and the final parameters.

Tolerance: 1e-12 relative, each array measured against its own largest
entry (numpy's BLAS sums in another order, and a tiny entry of a gradient
that is a difference of large ones has no relative accuracy of its own).
Measured: at most 4.6e-15 over every case below.

    /usr/bin/python3 tests/net_reference.py build/native/bin/backprop
"""
import json
import subprocess
import sys
import tempfile
from pathlib import Path

try:
    import numpy as np
except ImportError:
    sys.exit(f"net_reference: numpy is missing for {sys.executable}: install python3-numpy "
             "(./dev test does), or run this with /usr/bin/python3")

# The reference post's ReluLayer and SigmoidLayer, verbatim (the bench's copy).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from numpy_ref import Affine, ReluLayer, SigmoidLayer  # noqa: E402

TOLERANCE = 1e-12


class SoftmaxWithLoss:
    def forward(self, x, t):
        self.t = t
        shifted = x - np.max(x, axis=1, keepdims=True)
        log_y = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
        self.y = np.exp(log_y)
        return -np.sum(log_y[np.arange(len(t)), t]) / len(t)

    def backward(self):
        dx = self.y.copy()
        dx[np.arange(len(self.t)), self.t] -= 1
        return dx / len(self.t)


class Net:
    def __init__(self, params):
        act = ReluLayer if params["activation"] == "relu" else SigmoidLayer
        self.affines = [Affine(np.array(p["W"], dtype=float), np.array(p["b"], dtype=float))
                        for p in params["layers"]]
        self.layers = []
        for i, a in enumerate(self.affines):
            self.layers.append(a)
            if i < len(self.affines) - 1:
                self.layers.append(act())
        self.last = SoftmaxWithLoss()

    def loss(self, x, t):
        for layer in self.layers:
            x = layer.forward(x)
        return self.last.forward(x, t)

    def gradient(self, x, t):
        loss = self.loss(x, t)
        dout = self.last.backward()
        for layer in reversed(self.layers):
            dout = layer.backward(dout)
        return loss

    def sgd(self, lr):
        for a in self.affines:
            a.W -= lr * a.dW
            a.b -= lr * a.db


checks = failures = 0
worst = 0.0


def close(what, got, want):
    global checks, failures, worst
    checks += 1
    got, want = np.asarray(got, dtype=float), np.asarray(want, dtype=float)
    scale = max(np.max(np.abs(want)), np.finfo(float).tiny)
    error = float(np.max(np.abs(got - want)) / scale) if got.shape == want.shape else float("inf")
    worst = max(worst, error)
    if not error <= TOLERANCE:
        failures += 1
        print(f"{what}: off by {error:.3g} of its largest entry\n  got  {got.ravel()[:6]}\n  want {want.ravel()[:6]}")


def cli(*args):
    done = subprocess.run([CLI, *args], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"net_reference: backprop {' '.join(args)} failed: {done.stderr.strip()}")
    return done.stdout


def read_csv(text):
    rows = np.array([[float(v) for v in line.split(",")] for line in text.splitlines()[1:]])
    return rows[:, :-1], rows[:, -1].astype(int)


CLI = sys.argv[1] if len(sys.argv) > 1 else "build/native/bin/backprop"

cases = [
    ("2,2,2", "relu", "he", "xor", 2, 40),
    ("2,8,8,3", "relu", "he", "spiral", 3, 90),
    ("2,16,16,3", "relu", "xavier", "spiral", 3, 300),
    ("2,6,2", "sigmoid", "xavier", "moons", 2, 50),
    ("2,8,8,8,8,4", "sigmoid", "std", "gauss", 4, 64),
    ("2,5,2", "relu", "std", "circles", 2, 1),
]
with tempfile.TemporaryDirectory() as tmp:
    for seed, (layers, act, init, kind, classes, n) in enumerate(cases, start=1):
        case = f"{layers} {act} {init} on {n} {kind}"
        params_text = cli("net", "init", "--layers", layers, "--activation", act, "--init", init, "--seed", str(seed))
        data_text = cli("data", kind, "--n", str(n), "--classes", str(classes), "--seed", str(seed))
        params, data = Path(tmp, f"p{seed}.json"), Path(tmp, f"d{seed}.csv")
        params.write_text(params_text)
        data.write_text(data_text)
        x, t = read_csv(data_text)

        # 1. One batch of every row: the loss and every gradient.
        got = json.loads(cli("net", "grad", "--params", str(params), "--data", str(data), "--json"))
        net = Net(json.loads(params_text))
        close(f"{case}: loss", got["loss"], net.gradient(x, t))
        for l, (layer, a) in enumerate(zip(got["layers"], net.affines)):
            close(f"{case}: dW{l + 1}", layer["dW"], a.dW)
            close(f"{case}: db{l + 1}", layer["db"], a.db)

        # 2. 30 SGD steps of batch 7 in file order, wrapping around.
        lr, batch, steps = 0.3, 7, 30
        got = json.loads(cli("net", "train", "--params", str(params), "--data", str(data), "--lr", str(lr),
                             "--batch", str(batch), "--steps", str(steps), "--json"))
        net = Net(json.loads(params_text))
        losses = []
        for s in range(steps):
            rows = [(s * batch + i) % n for i in range(batch)]
            losses.append(net.gradient(x[rows], t[rows]))
            net.sgd(lr)
        close(f"{case}: training losses", got["loss"], losses)
        for l, (layer, a) in enumerate(zip(got["params"]["layers"], net.affines)):
            close(f"{case}: W{l + 1} after training", layer["W"], a.W)
            close(f"{case}: b{l + 1} after training", layer["b"], a.b)

print(f"net_reference: {checks} checks, {failures} failed (largest difference {worst:.2g} of an array's largest entry)")
sys.exit(1 if failures else 0)
