"""The CLI against references that do not come from the core.

1. The reference post's numpy layers (ReluLayer, SigmoidLayer) and the
   previous chapter's MulLayer and AddLayer, as the book writes them, run on
   seeded random arrays and on the edges of the doubles, compared with
   `backprop layer relu|sigmoid --json` and `backprop trace --expr --json`.
2. A table of hand-derived values for the built-in graphs (relu, sigmoid,
   sigmoid-steps): literal numbers where they are exact, closed forms in
   Python's own math elsewhere, compared with `backprop trace GRAPH --json`.
3. The book's Affine and SoftmaxWithLoss classes (5.6 and 5.7) over seeded
   random matrices of the shapes 1×1, 1×n, n×1, 3×7 and more, compared with
   `backprop layer affine|softmax-loss --json`, both sides also against the
   exact values (Python's fractions and decimal), and the CLI's `check`
   field against central differences of the book's forward.

How close is close enough, and why, is said where each comparison is made.
Every failure prints the case and both values; the last line counts checks.

Run natively by ctest (test_reference) with Debian's /usr/bin/python3, which
has numpy (./dev test installs python3-numpy):
    /usr/bin/python3 tests/reference.py build/native/bin/backprop
"""
import json
import math
import struct
import subprocess
import sys
from decimal import Decimal, localcontext
from fractions import Fraction
from pathlib import Path

try:
    import numpy as np
except ImportError:
    sys.exit(f"reference: numpy is missing for {sys.executable}: install python3-numpy "
             "(./dev test does), or run this with /usr/bin/python3")


# ---- the book's layers, as written ----------------------------------------
# ReluLayer and SigmoidLayer (reference/backpropagation-3.md) are the bench's
# copy, verbatim; MulLayer and AddLayer are the previous chapter's (Deep
# Learning from Scratch 5.4).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from numpy_ref import Affine, ReluLayer, SigmoidLayer  # noqa: E402


class MulLayer:
    def __init__(self):
        self.x = None
        self.y = None

    def forward(self, x, y):
        self.x = x
        self.y = y
        out = x * y
        return out

    def backward(self, dout):
        dx = dout * self.y
        dy = dout * self.x
        return dx, dy


class AddLayer:
    def __init__(self):
        pass

    def forward(self, x, y):
        out = x + y
        return out

    def backward(self, dout):
        dx = dout * 1
        dy = dout * 1
        return dx, dy


# The book's SoftmaxWithLoss (5.6.3, with softmax from 3.5 and
# cross_entropy_error from 4.2; its Affine, 5.6.2, is bench/numpy_ref.py's),
# as written there, but for one line:
# the loss comes from the log-sum-exp of x, as the core's does, not from the
# book's log(y + 1e-7), whose 1e-7 moves the loss by about 1e-7 / y (that is
# the book's choice, not an error of either side, and would hide the last
# nine digits). The book's classes take 2-D arrays here: for a 1-D x its
# backward would divide by the number of classes (t.shape[0]) instead of 1.
def softmax(x):
    if x.ndim == 2:
        x = x.T
        x = x - np.max(x, axis=0)
        y = np.exp(x) / np.sum(np.exp(x), axis=0)
        return y.T
    x = x - np.max(x)  # overflow guard
    return np.exp(x) / np.sum(np.exp(x))


def cross_entropy_error_lse(x, t):
    """The mean over rows of -log softmax(x)[t] = log(sum(exp(x - max))) - (x[t] - max)."""
    if t.size == x.size:
        t = t.argmax(axis=1)
    batch_size = x.shape[0]
    top = np.max(x, axis=1)
    log_sum = np.log(np.sum(np.exp(x - top[:, None]), axis=1))
    return np.sum(log_sum - (x[np.arange(batch_size), t] - top)) / batch_size


class SoftmaxWithLoss:
    def __init__(self):
        self.loss = None
        self.y = None
        self.t = None

    def forward(self, x, t):
        self.t = t
        self.y = softmax(x)
        self.loss = cross_entropy_error_lse(x, self.t)  # the book: cross_entropy_error(self.y, self.t)
        return self.loss

    def backward(self, dout=1):
        batch_size = self.t.shape[0]
        if self.t.size == self.y.size:
            dx = (self.y - self.t) / batch_size
        else:
            dx = self.y.copy()
            dx[np.arange(batch_size), self.t] -= 1
            dx = dx / batch_size
        return dx
# ----------------------------------------------------------------------------


CLI = sys.argv[1] if len(sys.argv) > 1 else None
if not CLI:
    sys.exit("usage: reference.py PATH/TO/backprop")

checks = 0
failures = 0


def check(ok, what):
    global checks, failures
    checks += 1
    if not ok:
        failures += 1
        print(f"FAIL {what}")


def ordered(x):
    """x's place among the doubles: ... -5e-324 -> -2, -0 -> -1, +0 -> 0, 5e-324 -> 1 ..."""
    i = struct.unpack("<q", struct.pack("<d", x))[0]
    return i if i >= 0 else -(i & 0x7FFFFFFFFFFFFFFF) - 1


def ulps(a, b):
    """How many doubles apart a and b are (NaN only equals NaN)."""
    a, b = float(a), float(b)
    if math.isnan(a) or math.isnan(b):
        return 0 if math.isnan(a) and math.isnan(b) else math.inf
    return abs(ordered(a) - ordered(b))


def same_bits(a, b):
    """The same double: -0 is not 0, NaN is NaN."""
    a, b = float(a), float(b)
    return (math.isnan(a) and math.isnan(b)) or struct.pack("<d", a) == struct.pack("<d", b)


def text(v):
    """A double as the CLI reads it, exactly (repr is the shortest round trip)."""
    v = float(v)
    return "nan" if math.isnan(v) else "inf" if v == math.inf else "-inf" if v == -math.inf else repr(v)


SPECIAL = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}


def revive(value, key=None):
    if isinstance(value, dict):
        return {k: revive(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [revive(v, key) for v in value]
    if isinstance(value, str) and value in SPECIAL and key != "label":
        return SPECIAL[value]
    return value


def cli_json(*args):
    r = subprocess.run([CLI, *args, "--json"], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"reference: {CLI} {' '.join(args)} exited {r.returncode}: {r.stderr.strip()}")
    # "-0" is a JSON integer: keep its sign.
    return revive(json.loads(r.stdout, parse_int=lambda s: -0.0 if s == "-0" else int(s)))


# ---- 1. The book's layers on arrays ----------------------------------------

rng = np.random.default_rng(20240611)
EDGES = [0.0, -0.0, 0.0, -0.0,                          # exact zeros: ReLU's mask is x <= 0
         5e-324, -5e-324, 1e-310, -1e-310,              # subnormals
         2.2250738585072014e-308, -2.2250738585072014e-308, 1e-300, -1e-300, 1e-17, -1e-17,
         0.5, -0.5, 1.0, -1.0, 36.7, -36.7, 37.5, -37.5, 709.78, -709.78, 710.0, -710.0,
         745.0, -745.0, 800.0, -800.0, 1e308, -1e308, 1.7976931348623157e308, -1.7976931348623157e308,
         math.inf, -math.inf, math.nan]


def random_x(n):
    """n values: most in the range where sigmoid is interesting, some of every
    magnitude a double has, about one in twenty-five an exact signed zero."""
    x = np.concatenate([rng.uniform(-8, 8, n // 2), rng.uniform(-50, 50, n // 4),
                        rng.choice([-1.0, 1.0], n - n // 2 - n // 4) * 10.0 ** rng.uniform(-320, 308, n - n // 2 - n // 4)])
    zeros = rng.random(n) < 0.04
    x[zeros] = rng.choice([0.0, -0.0], zeros.sum())
    return np.concatenate([np.array(EDGES), rng.permutation(x)])


def random_dout(n):
    d = rng.uniform(-3, 3, n)
    d[:8] = [0.0, -0.0, 1e300, -1e300, 5e-324, -1e-310, 1.0, -1.0]
    return rng.permutation(d)


def layer_from_cli(name, x, dout):
    t = cli_json("layer", name, "--x", ",".join(map(text, x)), "--dout", ",".join(map(text, dout)))
    check(len(t["out"]) == len(x) and len(t["dx"]) == len(x), f"layer {name}: {len(x)} numbers in, {len(t['out'])} out")
    return np.array(t["out"], dtype=float), np.array(t["dx"], dtype=float)


def relu_layer():
    x = random_x(400)
    dout = random_dout(len(x))
    layer = ReluLayer()
    out = layer.forward(x)
    dx = layer.backward(dout.copy())
    c_out, c_dx = layer_from_cli("relu", x, dout)
    # ReLU is exact: selection and copies only, so every bit agrees (the sign
    # of zero too: the book writes 0 where the mask is set, +0 in IEEE).
    for i in range(len(x)):
        check(same_bits(c_out[i], out[i]), f"relu out at x={text(x[i])}: CLI {text(c_out[i])}, book {text(out[i])}")
        check(same_bits(c_dx[i], dx[i]),
              f"relu dx at x={text(x[i])}, dout={text(dout[i])}: CLI {text(c_dx[i])}, book {text(dx[i])}")


# Sigmoid's bounds. 1/(1 + exp(-x)) has three roundings: exp's, the sum's
# and the quotient's. The core's exp is its own (core/src/elementary.c: within
# 0.85 ulp), so the CLI's y is within 0.85 * 2^-52 + 2 * 2^-53 = 1.85 * 2^-52
# of the true value, relatively; an ulp is at least 2^-53 of the value, so
# that is under 3.7 ulps, and the truth rounded to a double adds half an ulp:
# at most 4 ulps apart. numpy's exp (the platform's, within 1 ulp) puts the
# book's y within 4 ulps of the truth as well, so the two are at most 8 apart.
SIGMOID_TRUE_ULPS = 4
SIGMOID_BOOK_ULPS = 8
# Where exp(-x) overflows (x < -709.78) the formula gives 0 on both sides
# while the true value is still a subnormal: the book's formula, not an error
# of the core. The comparison with the truth starts above that.
TRUE_SIGMOID_FROM = -708.0


def true_sigmoid(x):
    """1/(1 + e^-x) to 40 digits (Python's decimal), rounded once to a double."""
    with localcontext() as ctx:
        ctx.prec = 40
        return float(1 / (1 + (-Decimal(x)).exp()))


def sigmoid_layer():
    x = random_x(400)
    dout = random_dout(len(x))
    layer = SigmoidLayer()
    with np.errstate(over="ignore", invalid="ignore"):
        out = layer.forward(x)
        dx = layer.backward(dout.copy())
    c_out, c_dx = layer_from_cli("sigmoid", x, dout)
    worst_book = worst_true = 0
    for i in range(len(x)):
        xi, di = float(x[i]), float(dout[i])
        case = f"x={text(xi)}"
        u = ulps(c_out[i], out[i])
        worst_book = max(worst_book, u)
        check(u <= SIGMOID_BOOK_ULPS, f"sigmoid out at {case}: CLI {text(c_out[i])}, book {text(out[i])}, {u} ulps apart")
        if math.isfinite(xi) and xi > TRUE_SIGMOID_FROM:
            t = true_sigmoid(xi)
            u = ulps(c_out[i], t)
            worst_true = max(worst_true, u)
            check(u <= SIGMOID_TRUE_ULPS, f"sigmoid out at {case}: CLI {text(c_out[i])}, true {text(t)}, {u} ulps apart")
        # The backward pass uses y alone, as the book's does, in the book's
        # order: given the CLI's own y, the book's backward gives its dx bit
        # for bit (IEEE products and a difference, no library call).
        with np.errstate(invalid="ignore", over="ignore"):
            book_dx = np.float64(di) * c_out[i] * (1.0 - c_out[i])
        check(same_bits(c_dx[i], book_dx),
              f"sigmoid dx at {case}, dout={text(di)}: CLI {text(c_dx[i])}, book's backward on the CLI's y {text(book_dx)}")
        # And against the book end to end: y's difference d moves
        # dout*y*(1-y) by dout*d*(1 - 2y - d); each side rounds three times
        # (3 half-ulps of its dx), and two subnormal steps cover dx below the
        # normal range.
        d = float(out[i]) - float(c_out[i])
        if math.isfinite(float(c_dx[i])) and math.isfinite(float(dx[i])):
            bound = (abs(di * d * (1 - 2 * float(c_out[i]) - d)) + 3 * 2.0 ** -53 * (abs(float(dx[i])) + abs(float(c_dx[i])))
                     + 2 * 5e-324)
            check(abs(float(dx[i]) - float(c_dx[i])) <= bound,
                  f"sigmoid dx at {case}, dout={text(di)}: CLI {text(c_dx[i])}, book {text(dx[i])}, bound {bound:.3g}")
        else:
            check(same_bits(c_dx[i], dx[i]), f"sigmoid dx at {case}, dout={text(di)}: CLI {text(c_dx[i])}, book {text(dx[i])}")
    print(f"sigmoid layer: {len(x)} values; y at most {worst_true} ulp(s) from the true sigmoid (bound "
          f"{SIGMOID_TRUE_ULPS}), {worst_book} from the book's (bound {SIGMOID_BOOK_ULPS})")


def expr_trace(expr, variables, dout):
    args = ["trace", "--expr", expr, "--dout", text(dout)]
    for name, v in variables.items():
        args += ["--var", f"{name}={text(v)}"]
    return cli_json(*args)


def compare_exact(t, output, grads, case):
    """Mul and Add are single IEEE operations in the same order: bit for bit."""
    check(same_bits(t["output"], output), f"{case}: output CLI {text(t['output'])}, book {text(output)}")
    for name, g in grads.items():
        check(same_bits(t["grads"][name], g), f"{case}: d/d{name} CLI {text(t['grads'][name])}, book {text(g)}")


def apples():
    # 5.4.1: two apples at 100 each, 10% tax.
    apple, apple_num, tax = 100.0, 2.0, 1.1
    mul_apple_layer = MulLayer()
    mul_tax_layer = MulLayer()
    apple_price = mul_apple_layer.forward(apple, apple_num)
    price = mul_tax_layer.forward(apple_price, tax)
    dprice = 1
    dapple_price, dtax = mul_tax_layer.backward(dprice)
    dapple, dapple_num = mul_apple_layer.backward(dapple_price)
    # The book prints 220, 2.2, 110 and 200; in doubles 100 * 2 * 1.1 is
    # 220.00000000000003 and 1.1 * 100 is 110.00000000000001.
    check((price, dapple, dapple_num, dtax) == (220.00000000000003, 2.2, 110.00000000000001, 200.0),
          f"the book's apples: {price}, {dapple}, {dapple_num}, {dtax}")
    t = expr_trace("apple*apple_num*tax", {"apple": apple, "apple_num": apple_num, "tax": tax}, dprice)
    compare_exact(t, price, {"apple": dapple, "apple_num": dapple_num, "tax": dtax}, "apples")

    # 5.4.2: apples and oranges, with the Add layer.
    orange, orange_num = 150.0, 3.0
    mul_orange_layer, add_layer = MulLayer(), AddLayer()
    mul_apple_layer, mul_tax_layer = MulLayer(), MulLayer()
    apple_price = mul_apple_layer.forward(apple, apple_num)
    orange_price = mul_orange_layer.forward(orange, orange_num)
    all_price = add_layer.forward(apple_price, orange_price)
    price = mul_tax_layer.forward(all_price, tax)
    dall_price, dtax = mul_tax_layer.backward(dprice)
    dapple_price, dorange_price = add_layer.backward(dall_price)
    dorange, dorange_num = mul_orange_layer.backward(dorange_price)
    dapple, dapple_num = mul_apple_layer.backward(dapple_price)
    # The book: 715, 110, 2.2, 3.3, 165, 650.
    check((price, dapple_num, dapple, dorange, dorange_num, dtax)
          == (715.0000000000001, 110.00000000000001, 2.2, 3.3000000000000003, 165.0, 650.0),
          f"the book's apples and oranges: {price}, {dapple_num}, {dapple}, {dorange}, {dorange_num}, {dtax}")
    t = expr_trace("(apple*apple_num + orange*orange_num)*tax",
                   {"apple": apple, "apple_num": apple_num, "orange": orange, "orange_num": orange_num, "tax": tax}, dprice)
    compare_exact(t, price, {"apple": dapple, "apple_num": dapple_num, "orange": dorange, "orange_num": dorange_num,
                             "tax": dtax}, "apples and oranges")


def mul_add_random():
    """The two layers on seeded random numbers (and a few edges), each point
    one trace of the same expression."""
    n = 12
    pick = lambda: np.concatenate([[0.0, -0.0, 5e-324, 1e300, -3.0], rng.uniform(-10, 10, n - 5)])
    a, b, c, d, dout = pick(), rng.permutation(pick()), rng.permutation(pick()), pick()[::-1], rng.uniform(-4, 4, n)
    with np.errstate(over="ignore", invalid="ignore"):
        m1, m2, add = MulLayer(), MulLayer(), AddLayer()
        ab = m1.forward(a, b)
        cd = m2.forward(c, d)
        f = add.forward(ab, cd)              # a*b + c*d
        dab, dcd = add.backward(dout)
        da, db = m1.backward(dab)
        dc, dd = m2.backward(dcd)
        m3, add2 = MulLayer(), AddLayer()
        s = add2.forward(a, b)
        g = m3.forward(s, c)                  # (a+b)*c
        ds, dc2 = m3.backward(dout)
        da2, db2 = add2.backward(ds)
    for i in range(n):
        v = {"a": a[i], "b": b[i], "c": c[i], "d": d[i]}
        compare_exact(expr_trace("a*b + c*d", v, dout[i]), f[i],
                      {"a": da[i], "b": db[i], "c": dc[i], "d": dd[i]}, f"a*b + c*d at {v}")
        v = {"a": a[i], "b": b[i], "c": c[i]}
        compare_exact(expr_trace("(a+b)*c", v, dout[i]), g[i],
                      {"a": da2[i], "b": db2[i], "c": dc2[i]}, f"(a+b)*c at {v}")


# ---- 2. Hand-derived values for the built-in graphs -------------------------
# The table holds real numbers: a zero's sign is not part of a derivation, so
# zeros compare as equal here (the layer comparison above checks the bits).

XS = [0.5, -1.0, 0.0, 2.0, -0.0]
DOUTS = [1.0, -2.0, 0.5]


table_worst = 0


def near(actual, expected, max_ulps, case):
    global table_worst
    actual = float(actual)
    ok = (actual == expected) if max_ulps == 0 else (actual == expected or ulps(actual, expected) <= max_ulps)
    if max_ulps and actual != expected:
        table_worst = max(table_worst, ulps(actual, expected))
    check(ok, f"{case}: CLI {text(actual)}, expected {text(expected)}"
          + ("" if max_ulps == 0 else f" within {max_ulps} ulps ({ulps(actual, expected)})"))


# relu: y = x for x > 0, else 0; dL/dx = dL/dy where x > 0, else 0 (the mask
# is x <= 0, so the gradient at exactly 0 is 0). Rows: x, dL/dy, y, dL/dx.
RELU = [
    (0.5, 1.0, 0.5, 1.0), (0.5, -2.0, 0.5, -2.0), (0.5, 0.5, 0.5, 0.5),
    (-1.0, 1.0, 0.0, 0.0), (-1.0, -2.0, 0.0, 0.0), (-1.0, 0.5, 0.0, 0.0),
    (0.0, 1.0, 0.0, 0.0), (0.0, -2.0, 0.0, 0.0), (0.0, 0.5, 0.0, 0.0),
    (2.0, 1.0, 2.0, 1.0), (2.0, -2.0, 2.0, -2.0), (2.0, 0.5, 2.0, 0.5),
    (-0.0, 1.0, 0.0, 0.0), (-0.0, -2.0, 0.0, 0.0), (-0.0, 0.5, 0.0, 0.0),
]

# At x = 0 (and -0) every sigmoid quantity is exact: e^0 = 1, y = 1/2,
# y(1 - y) = 1/4. Rows per dL/dy for sigmoid-steps, node by node (x, ×(−1),
# exp, +1, /): values 0, 0, 1, 2, 0.5; gradients dL/dy/4, -dL/dy/4, -dL/dy/4,
# -dL/dy/4, dL/dy.
SIGMOID_AT_ZERO = {  # dL/dy: (dL/dx, [node grads])
    1.0: (0.25, [0.25, -0.25, -0.25, -0.25, 1.0]),
    -2.0: (-0.5, [-0.5, 0.5, 0.5, 0.5, -2.0]),
    0.5: (0.125, [0.125, -0.125, -0.125, -0.125, 0.5]),
}

# Elsewhere the closed forms, worked to 40 digits with Python's decimal and
# rounded once, so that the expected value is the true one; with e = e^-x
# and s = 1 + e:
#   y = 1/s; dL/dx = dL/dy * e / s^2 (the book's eq. 6, first line);
#   sigmoid-steps: values -x, e, s, 1/s; gradients of /, +1, exp, ×(−1), x:
#   dL/dy, -dL/dy/s^2, -dL/dy/s^2, -dL/dy*e/s^2, dL/dy*e/s^2;
#   local derivatives of /, +1, exp, ×(−1): -1/s^2, 1, e, -1;
#   fused: the local derivative y(1 - y) = e/s^2.
def closed_forms(x, dout):
    with localcontext() as ctx:
        ctx.prec = 40
        d = Decimal(dout)
        e = (-Decimal(x)).exp()
        s = 1 + e
        return {name: float(v) for name, v in {
            "e": e, "s": s, "y": 1 / s, "dx": d * e / (s * s), "d_top": -d / (s * s),
            "d_scale": -d * e / (s * s), "local_recip": -1 / (s * s), "local_sigmoid": e / (s * s)}.items()}


# How far the CLI may be from the true value: count its roundings. A relative
# error of R units of 2^-53 is at most R ulps (an ulp is at least 2^-53 of the
# value), and the rounded truth adds half an ulp. The core's exp is within
# 0.85 ulp (core/src/elementary.c), 1.7 units; every other operation rounds
# once, 1 unit; a product adds its factors' errors.
#   e                           1.7                     -> 2 ulps
#   s = 1 + e                   1.7 e/(1+e) + 1 < 2.7   -> 3
#   y = 1/s                     2.7 + 1 = 3.7           -> 4
#   -y*y (local of /)           2 * 3.7 + 1 = 8.4       -> 8
#   dL/dy * -y*y (+1 and exp)   8.4 + 1 = 9.4           -> 9
#   ... * e (×(−1) and x)       9.4 + 1.7 + 1 = 12.1    -> 12
# The fused layer's y(1 - y) works from y alone: 1 - y cancels the digits y
# shares with 1, which turns y's absolute error into 3.7 y/(1 - y) units of
# 1 - y, and y/(1 - y) = e^x: 3.7 (1 + e^x) + 2 units for the local
# derivative, one more for the gradient (34 ulps at x = 2).
ULPS = {"e": 2, "s": 3, "y": 4, "local_recip": 8, "d_top": 9, "d_scale": 12, "dx": 12}


def fused_ulps(x, roundings):
    return int(3.7 * (1 + math.exp(x)) + roundings + 0.5)


def builtin_table():
    for x in XS:
        for dout in DOUTS:
            case = f"x={text(x)}, dL/dy={text(dout)}"
            # relu
            row = next(r for r in RELU if same_bits(r[0], x) and r[1] == dout)
            t = cli_json("trace", "relu", "--x", text(x), "--dout", text(dout))
            near(t["output"], row[2], 0, f"relu {case}: y")
            near(t["grads"]["x"], row[3], 0, f"relu {case}: dL/dx")
            near(t["nodes"][0]["grad"], row[3], 0, f"relu {case}: node x grad")
            near(t["nodes"][1]["value"], row[2], 0, f"relu {case}: node ReLU value")
            near(t["nodes"][1]["grad"], dout, 0, f"relu {case}: node ReLU grad")
            back = [s for s in t["steps"] if s["phase"] == "backward"]
            near(back[0]["local"], 1.0 if x > 0 else 0.0, 0, f"relu {case}: local derivative")

            zero = x == 0
            if zero:  # the literal values above, exactly
                dx, grads = SIGMOID_AT_ZERO[dout]
                f = {"e": 1.0, "s": 2.0, "y": 0.5, "dx": dx, "d_top": grads[3], "d_scale": grads[1],
                     "local_recip": -0.25, "local_sigmoid": 0.25}
            else:
                f = closed_forms(x, dout)
            bound = (lambda name: 0) if zero else ULPS.get

            # sigmoid, fused
            t = cli_json("trace", "sigmoid", "--x", text(x), "--dout", text(dout))
            near(t["output"], f["y"], bound("y"), f"sigmoid {case}: y")
            near(t["grads"]["x"], f["dx"], 0 if zero else fused_ulps(x, 3), f"sigmoid {case}: dL/dx")
            back = [s_ for s_ in t["steps"] if s_["phase"] == "backward"]
            near(back[0]["local"], f["local_sigmoid"], 0 if zero else fused_ulps(x, 2),
                 f"sigmoid {case}: local derivative y(1-y)")

            # sigmoid-steps, every node: x, ×(−1), exp, +1, /
            t = cli_json("trace", "sigmoid-steps", "--x", text(x), "--dout", text(dout))
            labels = [n["label"] for n in t["nodes"]]
            check(labels == ["x", "\u00d7(\u22121)", "exp", "+1", "/"], f"sigmoid-steps nodes {labels}")
            values = [(x, 0), (-x, 0), (f["e"], bound("e")), (f["s"], bound("s")), (f["y"], bound("y"))]
            grads = [(f["dx"], bound("dx")), (f["d_scale"], bound("d_scale")), (f["d_top"], bound("d_top")),
                     (f["d_top"], bound("d_top")), (dout, 0)]
            for i, node in enumerate(t["nodes"]):
                near(node["value"], *values[i], f"sigmoid-steps {case}: {labels[i]} value")
                near(node["grad"], *grads[i], f"sigmoid-steps {case}: {labels[i]} grad")
            near(t["output"], f["y"], bound("y"), f"sigmoid-steps {case}: y")
            near(t["grads"]["x"], f["dx"], bound("dx"), f"sigmoid-steps {case}: dL/dx")
            local = {s_["node"]: s_["local"] for s_ in t["steps"] if s_["phase"] == "backward"}
            for node_id, (expected, ulps_) in {4: (f["local_recip"], bound("local_recip")), 3: (1.0, 0),
                                                2: (f["e"], bound("e")), 1: (-1.0, 0)}.items():
                near(local[node_id], expected, ulps_, f"sigmoid-steps {case}: local derivative of {labels[node_id]}")


# ---- 3. Affine and Softmax-with-Loss over matrices ----------------------------

U = 2.0 ** -53  # the unit roundoff: one rounding moves a value by at most U of it
mrng = np.random.default_rng(20240612)
# The shapes, then seeded random ones: (n, d, m) for Affine, n×d for
# Softmax-with-Loss.
SHAPES = [(1, 1, 1), (1, 6, 3), (6, 1, 2), (3, 7, 4)] + [tuple(int(v) for v in mrng.integers(1, 10, 3)) for _ in range(8)]


def gamma(k):
    """The bound on the relative error of k roundings (Higham's gamma_k)."""
    return k * U / (1 - k * U)


def matrix_text(a):
    """A 2-D array as the CLI reads it; one row is a vector."""
    return ";".join(",".join(text(v) for v in row) for row in a)


def as_rows(v, rows):
    """A JSON field as a 2-D array: a flat one is one row."""
    return np.array(v, dtype=float).reshape(rows, -1)


def central_differences(loss, arrays):
    """dL/d(entry) for every entry of each array, by central differences with
    the core's step h = cbrt(eps) max(1, |v|), each with its rounding bound
    (the two losses' own, divided by the step: 2 err / 2h)."""
    out = []
    for a in arrays:
        numeric = np.empty(a.shape)
        noise = np.empty(a.shape)
        for e in np.ndindex(a.shape):
            keep = a[e]
            if not np.isfinite(keep):
                numeric[e] = noise[e] = math.nan
                continue
            h = np.cbrt(np.finfo(float).eps) * max(1.0, abs(keep))
            a[e] = keep + h
            lp, ep = loss()
            a[e] = keep - h
            lm, em = loss()
            a[e] = keep
            numeric[e] = (lp - lm) / ((keep + h) - (keep - h))
            noise[e] = (ep + em) / (2 * h)
        out.append((numeric, noise))
    return out


def compare_check(records, numeric, noise, values, grads, what):
    """The CLI's check records (flat) against central differences done here:
    within their rounding noise plus 1e-9 of the derivative (the truncation
    error, h^2/6 times the third derivative, is the same on both sides, as
    the step is). Each record's analytic is the gradient printed, its
    rel_error as bp_check defines it; at |v| <= 10 a correct gradient's is
    under 1e-8 (beyond, the step grows with |v| and so does the truncation
    error: about 6e-6 at v = 1000 for Softmax-with-Loss, whose scale is not
    |v|). Returns the worst difference as a fraction of its bound."""
    worst = 0.0
    for r, num, noi, v, g in zip(records, numeric.ravel(), noise.ravel(), values.ravel(), grads.ravel()):
        off = abs(r["numeric"] - num)
        bound = noi + 1e-9 * abs(num)
        worst = max(worst, off / bound if bound else 0.0)
        check(off <= bound, f"{what}: check numeric {text(r['numeric'])}, central difference here {text(num)}, "
              f"bound {bound:.3g}")
        check(same_bits(r["analytic"], g), f"{what}: check analytic {text(r['analytic'])}, gradient {text(g)}")
        top = max(abs(r["numeric"]), abs(r["analytic"]))
        check(r["rel_error"] == (abs(r["numeric"] - r["analytic"]) / top if top else 0.0),
              f"{what}: rel_error {r['rel_error']} of {r}")
        if abs(v) <= 10:
            check(r["rel_error"] <= 1e-8, f"{what}: the CLI's own check has rel_error {r['rel_error']} at {text(v)}")
    return worst


def flat_records(field, rows):
    """A check field's records in row-major order (a vector's are one row)."""
    return [c for row in field for c in row] if rows > 1 else list(field)


def affine_case(n, d, m, bias):
    x = mrng.uniform(-3, 3, (n, d))
    W = mrng.uniform(-3, 3, (d, m))
    b = mrng.uniform(-3, 3, m) if bias else np.zeros(m)
    dout = mrng.uniform(-3, 3, (n, m))
    x[mrng.random((n, d)) < 0.1] = 0.0  # some exact zeros
    args = ["layer", "affine", "--x", matrix_text(x), "--w", matrix_text(W), "--dout", matrix_text(dout)]
    if bias:
        args += ["--b", ",".join(map(text, b))]
    t = cli_json(*args)
    case = f"affine x {n}×{d}, w {d}×{m}{'' if bias else ', no --b'}"
    # One row is a vector: out, dout and dx are flat like x; dw has w's rows.
    check(isinstance(t["out"][0], list) == (n > 1), f"{case}: out nested {isinstance(t['out'][0], list)}")
    check(t["b"] == [float(v) for v in b], f"{case}: b {t['b']}")

    layer = Affine(W, b)
    out = layer.forward(x)
    dx = layer.backward(dout)
    book = {"out": out, "dx": dx, "dw": layer.dW, "db": layer.db.reshape(1, -1)}
    cli = {"out": as_rows(t["out"], n), "dx": as_rows(t["dx"], n), "dw": as_rows(t["dw"], d),
           "db": as_rows(t["db"], 1)}
    # Each entry is a sum of k terms; both sides round its products and sums
    # in orders of their own (numpy's BLAS, perhaps with fused multiply-adds),
    # and each is within gamma(k) of the terms' magnitudes from the exact
    # value, computed here in fractions.
    F = np.vectorize(Fraction, otypes=[object])
    fx, fW, fb, fd = F(x), F(W), F(b), F(dout)
    exact = {"out": fx.dot(fW) + fb, "dx": fd.dot(fW.T), "dw": fx.T.dot(fd), "db": fd.sum(axis=0).reshape(1, -1)}
    scale = {"out": (np.abs(x).dot(np.abs(W)) + np.abs(b), d + 1), "dx": (np.abs(dout).dot(np.abs(W).T), m),
             "dw": (np.abs(x).T.dot(np.abs(dout)), n), "db": (np.abs(dout).sum(axis=0).reshape(1, -1), n)}
    worst = 0.0
    for name in ("out", "dx", "dw", "db"):
        size, k = scale[name]
        for e in np.ndindex(exact[name].shape):
            bound = gamma(k) * size[e]
            for side, got in (("CLI", cli[name][e]), ("book", book[name][e])):
                off = abs(Fraction(float(got)) - exact[name][e])
                if side == "CLI" and size[e]:
                    worst = max(worst, float(off) / (U * size[e]))
                check(off <= bound, f"{case}: {name}{list(e)} {side} {text(got)}, exact {float(exact[name][e])!r}, "
                      f"bound {bound:.3g}")

    # The check field: every entry of x, w and b against central differences
    # of the book's forward, L = sum(out * dout): each out entry within
    # gamma(d + 1) of its terms' magnitudes, the products with dout and their
    # sum of n m terms within gamma(n m + 1) more.
    mag = np.sum(np.abs(dout) * (np.abs(x).dot(np.abs(W)) + np.abs(b)))

    def loss():
        return float(np.sum(Affine(W, b).forward(x) * dout)), gamma(d + n * m + 2) * mag

    diffs = central_differences(loss, [x, W, b])
    c = t["check"]
    records = {"x": flat_records(c["x"], n), "w": flat_records(c["w"], d), "b": c["b"]}
    inputs = {"x": (x, cli["dx"]), "w": (W, cli["dw"]), "b": (b, cli["db"])}
    worst_check = max(compare_check(records[name], num, noi, *inputs[name], f"{case}: check of {name}")
                      for name, (num, noi) in zip(("x", "w", "b"), diffs))
    return worst, worst_check


def affine_layers():
    worst = worst_check = 0.0
    for n, d, m in SHAPES:
        for bias in (True, False):
            w, wc = affine_case(n, d, m, bias)
            worst, worst_check = max(worst, w), max(worst_check, wc)
    print(f"affine: {len(SHAPES) * 2} cases; out, dx, dw, db at most {worst:.3g} u of their terms' magnitudes from "
          f"the exact sums (bound gamma(k), about k u); check at most {worst_check:.3g} of its bound")


def true_softmax_row(row):
    """y and log(sum exp) of one row, to 40 digits (decimal)."""
    with localcontext() as ctx:
        ctx.prec = 40
        e = [Decimal(0) if v == -math.inf else Decimal(float(v)).exp() for v in row]
        s = sum(e)
        return [float(v / s) for v in e], s.ln()


def softmax_case(n, k, one_hot):
    x = mrng.uniform(-5, 5, (n, k))
    if n > 1:
        x[n - 1] += 1000.0  # a row far from 0: the maximum is subtracted first
    labels = mrng.integers(0, k, n)
    if k > 2:
        x[0, (labels[0] + 1) % k] = -math.inf  # a class of probability 0, off the label
    t = np.eye(k)[labels]
    case = f"softmax-loss {n}×{k}, labels {'one-hot' if one_hot else 'as indices'}"
    args = ["layer", "softmax-loss", "--x", matrix_text(x)]
    args += ["--t", matrix_text(t)] if one_hot else ["--t-index", ",".join(str(int(v)) for v in labels)]
    r = cli_json(*args)
    y, dx = as_rows(r["y"], n), as_rows(r["dx"], n)
    check(r["t"] == (t.tolist() if n > 1 else t[0].tolist()) if one_hot else r["t"] == labels.tolist(),
          f"{case}: t printed as given: {r['t']}")

    layer = SoftmaxWithLoss()
    # With one class, the book's classes take indices for one-hot labels (it
    # tells them apart by size): give them one-hot rows then.
    book_loss = layer.forward(x, t if one_hot or k == 1 else labels)
    book_y = layer.y
    # y: both sides subtract the row's maximum (the same rounding), take k
    # exps (the core's within 0.85 ulp, numpy's within 2), add them (k - 1
    # roundings) and divide: each within (k + 8) u of the truth, relatively,
    # which is k + 9 ulps, and within 2 (k + 9) ulps of each other.
    worst = 0
    terms, bound = [], 0.0
    for i in range(n):
        true_y, log_sum = true_softmax_row(x[i])
        for j in range(k):
            for side, got in (("CLI", y[i, j]), ("book", book_y[i, j])):
                u_ = ulps(got, true_y[j])
                if side == "CLI":
                    worst = max(worst, u_)
                check(u_ <= k + 9, f"{case}: y[{i}][{j}] {side} {text(got)}, true {text(true_y[j])}, {u_} ulps")
            check(ulps(y[i, j], book_y[i, j]) <= 2 * (k + 9),
                  f"{case}: y[{i}][{j}] CLI {text(y[i, j])}, book {text(book_y[i, j])}")
        with localcontext() as ctx:
            ctx.prec = 40
            terms.append(log_sum - Decimal(float(x[i, labels[i]])))
        # The row's loss, log(sum) - (x[t] - max): the sum's (k + 3) u, which
        # log turns into as much absolute error, log's own rounding, the
        # difference x[t] - max's and the subtraction's; then the mean's n.
        top = float(np.max(x[i]))
        bound += ((k + 3) * U + U * abs(float(log_sum) - top) + U * abs(float(x[i, labels[i]]) - top)
                  + (n + 1) * U * float(abs(terms[-1])))
    with localcontext() as ctx:
        ctx.prec = 40
        true_loss = sum(terms) / n
    bound /= n
    for side, got in (("CLI", r["loss"]), ("book", book_loss)):
        check(abs(Decimal(float(got)) - true_loss) <= Decimal(bound),
              f"{case}: loss {side} {text(got)}, true {float(true_loss)!r}, bound {bound:.3g}")
    # dx: the book's backward on the CLI's own y gives the CLI's dx bit for
    # bit (the same subtraction and division, in the same order).
    layer.y = y
    book_dx = layer.backward()
    for e in np.ndindex(dx.shape):
        check(same_bits(dx[e], book_dx[e]),
              f"{case}: dx{list(e)} CLI {text(dx[e])}, book on the CLI's y {text(book_dx[e])}")

    # The check field against central differences of the loss; the -inf
    # entry (a step of infinity) has numeric NaN, as the header says.
    finite = np.isfinite(x)
    mag = sum(abs(float(v)) for v in terms) / n + float(np.max(np.abs(x[finite])))

    def loss():
        return float(cross_entropy_error_lse(x, t)), gamma(k + n + 4) * mag

    (numeric, noise), = central_differences(loss, [x])
    records = flat_records(r["check"]["x"], n)
    for e, c in zip(np.ndindex(x.shape), records):
        if not finite[e]:
            check(math.isnan(c["numeric"]) and math.isnan(c["rel_error"]), f"{case}: check at x{list(e)} = -inf: {c}")
    keep = finite.ravel()
    return worst, compare_check([c for c, f in zip(records, keep) if f], numeric.ravel()[keep],
                                noise.ravel()[keep], x.ravel()[keep], dx.ravel()[keep], f"{case}: check of x")


def softmax_layers():
    worst = worst_check = 0.0
    for n, k, _ in SHAPES:
        for one_hot in (True, False):
            w, wc = softmax_case(n, k, one_hot)
            worst, worst_check = max(worst, w), max(worst_check, wc)
    print(f"softmax-loss: {len(SHAPES) * 2} cases; y at most {worst} ulp(s) from the true softmax (bound k + 9); "
          f"check at most {worst_check:.3g} of its bound")


relu_layer()
sigmoid_layer()
apples()
mul_add_random()
builtin_table()
print(f"built-in graphs: at most {table_worst} ulp(s) from the closed forms")
affine_layers()
softmax_layers()
print(f"reference: {checks} checks, {failures} failed")
sys.exit(1 if failures else 0)
