"""The CLI against references that do not come from the core.

1. The reference post's numpy layers (ReluLayer, SigmoidLayer) and the
   previous chapter's MulLayer and AddLayer, as the book writes them, run on
   seeded random arrays and on the edges of the doubles, compared with
   `backprop layer relu|sigmoid --json` and `backprop trace --expr --json`.
2. A table of hand-derived values for the built-in graphs (relu, sigmoid,
   sigmoid-steps): literal numbers where they are exact, closed forms in
   Python's own math elsewhere, compared with `backprop trace GRAPH --json`.

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
from numpy_ref import ReluLayer, SigmoidLayer  # noqa: E402


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


relu_layer()
sigmoid_layer()
apples()
mul_add_random()
builtin_table()
print(f"built-in graphs: at most {table_worst} ulp(s) from the closed forms")
print(f"reference: {checks} checks, {failures} failed")
sys.exit(1 if failures else 0)
