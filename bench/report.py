"""Merge the benchmark runs into tables and bench.json.

Usage: report.py NATIVE.json NUMPY.json WASM.json|- EXPR.json OUT.json [MATRIX_DIR]

MATRIX_DIR holds the matrix layers' rounds, matrix-{native,numpy,wasm}-R.json
(bench/run); each round times the three one after another.
"""
import glob
import json
import os
import statistics
import sys

# Bytes each element moves, reads plus writes, counted the same way for both
# (no write-allocate traffic on either side):
#   ReLU forward + backward: read x (8) + write out (8) + write mask (1),
#                            read mask (1) + read dout (8) + write dx (8) = 34
#   copy (memcpy):           read 8 + write 8                             = 16
RELU_BYTES = 34
COPY_BYTES = 16


def load(path):
    if path == "-":
        return None
    with open(path) as f:
        return json.load(f)


def load_rounds(directory, side):
    paths = glob.glob(os.path.join(directory, "matrix-%s-*.json" % side))
    paths.sort(key=lambda p: int(p.rsplit("-", 1)[1].split(".")[0]))
    return [load(p) for p in paths]


def spread(values):
    """Median and range of a list, or None if it is empty."""
    if not values:
        return None
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def matrix_report(directory):
    """The Affine and Softmax-with-Loss table, the targets, and their data."""
    native, numpy, wasm = (load_rounds(directory, side) for side in ("native", "numpy", "wasm"))
    if not native:
        return None
    key = lambda r: (r["layer"], r["n"], r["d"], r["m"])
    by_key = lambda run: {key(r): r["ns"] for r in run["results"]}
    rows = []
    for case in native[0]["results"]:
        k = key(case)
        c = [by_key(run)[k] for run in native]
        p = [by_key(run)[k] for run in numpy if k in by_key(run)]
        w = [by_key(run)[k] for run in wasm if k in by_key(run)]
        # Ratios round by round: each round ran the sides back to back.
        rounds = range(len(native))
        speedup = [p[i] / c[i] for i in rounds if i < len(p)]
        wasm_over = [w[i] / c[i] for i in rounds if i < len(w)]
        rows.append({"layer": k[0], "n": k[1], "d": k[2], "m": k[3],
                     "native_ns": spread(c), "numpy_ns": spread(p), "wasm_ns": spread(w),
                     "speedup_vs_numpy": spread(speedup), "wasm_over_native": spread(wasm_over)})

    def shape(r):
        if r["layer"] == "affine":
            return "N = %d, %d → %d" % (r["n"], r["d"], r["m"])
        return "N = %d, K = %d" % (r["n"], r["m"])

    def cell(sp, scale=1e-3, spec=".1f", unit=""):
        if sp is None:
            return "n/a"
        f = lambda v: format(v * scale, spec)
        return "%s%s (%s–%s)" % (f(sp["median"]), unit, f(sp["min"]), f(sp["max"]))

    blas = numpy[0]["blas"] if numpy else None
    print("| layer, forward + backward | shape | C (µs) | numpy + OpenBLAS (µs) | WASM (µs) "
          "| C speedup vs numpy | WASM / C |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for r in rows:
        print("| {} | {} | {} | {} | {} | {} | {} |".format(
            "Affine" if r["layer"] == "affine" else "Softmax-with-Loss", shape(r),
            cell(r["native_ns"]), cell(r["numpy_ns"]), cell(r["wasm_ns"]),
            cell(r["speedup_vs_numpy"], 1, ".2f", "x"), cell(r["wasm_over_native"], 1, ".2f", "x")))
    print()
    print("Median (range) over %d rounds; each round runs C, numpy and WASM back to back, each timing"
          % len(native))
    print("batches of ~3 ms after 20 ms of warm-up and keeping its fastest batch; ratios are taken round")
    print("by round. C kernel: %s. numpy %s on %s (%s kernels), %s thread(s)."
          % (native[0].get("kernel", "?"), numpy[0]["numpy"] if numpy else "n/a",
             blas["config"].split(" NO_")[0] if blas else "n/a", blas["core"] if blas else "n/a",
             blas["threads"] if blas else "n/a"))

    # The targets, each from the medians, with the range's verdict too.
    book = [r for r in rows if r["layer"] == "affine" and r["n"] == 100]
    page = [r for r in rows if r["layer"] == "affine" and r["n"] == r["d"] == r["m"]]
    loss = [r for r in rows if r["layer"] == "softmax-loss"]

    def verdict(sp, ok, limit_text):
        if sp is None:
            return "not measured"
        med, every = ok(sp["median"]), ok(sp["min"]) and ok(sp["max"])
        text = "holds" if med else "NOT met"
        if med and not every:
            text += " (not in every round)"
        return "%s: %.2fx, %s" % (text, sp["median"], limit_text)

    targets = []
    for r in book:
        sp = r["speedup_vs_numpy"]
        targets.append(("Affine %s: C within 2x of numpy" % shape(r),
                        verdict(sp, lambda v: v >= 0.5, "C speedup vs numpy, target >= 0.5x")))
    for r in book:
        sp = r["wasm_over_native"]
        targets.append(("Affine %s: WASM within 2x of C" % shape(r),
                        verdict(sp, lambda v: v <= 2.0, "WASM / C, target <= 2x")))
    for r in page:
        sp = r["speedup_vs_numpy"]
        targets.append(("Affine %d×%d (page size): C faster than numpy" % (r["n"], r["n"]),
                        verdict(sp, lambda v: v > 1.0, "C speedup vs numpy, target > 1x")))
    for r in loss:
        sp = r["speedup_vs_numpy"]
        targets.append(("Softmax-with-Loss %s: C faster than numpy" % shape(r),
                        verdict(sp, lambda v: v > 1.0, "C speedup vs numpy, target > 1x")))
    print()
    for name, text in targets:
        print("- %s — %s" % (name, text))

    # The other kernels, forced: what a CPU without the best one would run.
    others = []
    for o, other in enumerate(native[0].get("other_kernels", [])):
        for case in other["results"]:
            k = key(case)
            c = [by_key(run["other_kernels"][o])[k] for run in native]
            p = [by_key(run)[k] for run in numpy if k in by_key(run)]
            others.append({"kernel": other["kernel"], "layer": k[0], "n": k[1], "d": k[2], "m": k[3],
                           "native_ns": spread(c),
                           "speedup_vs_numpy": spread([p[i] / c[i] for i in range(len(c)) if i < len(p)])})
    if others:
        print()
        print("The other native kernels, forced on this CPU (what one without %s runs), same rounds:"
              % native[0].get("kernel", "?"))
        print()
        print("| kernel | Affine shape | C (µs) | C speedup vs numpy |")
        print("|---|---|---:|---:|")
        for r in others:
            print("| {} | {} | {} | {} |".format(r["kernel"], shape(r), cell(r["native_ns"]),
                                                cell(r["speedup_vs_numpy"], 1, ".2f", "x")))
    return {"rows": rows, "other_kernels": others, "rounds": len(native),
            "kernel": native[0].get("kernel"), "blas": blas,
            "targets": [{"target": name, "verdict": text} for name, text in targets]}


def main():
    native, numpy, wasm = load(sys.argv[1]), load(sys.argv[2]), load(sys.argv[3])
    expr, out_path = load(sys.argv[4]), sys.argv[5]
    by_n = lambda d: {r["n"]: r for r in d["results"]} if d else {}
    nat, npy, was = by_n(native), by_n(numpy), by_n(wasm)

    rows = []
    for n in sorted(nat):
        c, p, w = nat[n], npy.get(n), was.get(n)
        row = {"n": n}
        for layer in ("relu", "sigmoid"):
            key = layer + "_ns_per_elem"
            row[layer] = {"native_ns": c[key],
                          "numpy_ns": p[key] if p else None,
                          "wasm_ns": w[key] if w else None,
                          "speedup_vs_numpy": p[key] / c[key] if p else None,
                          "wasm_over_native": w[key] / c[key] if w else None}
        row["copy"] = {"native_ns": c["copy_ns_per_elem"],
                       "wasm_ns": w["copy_ns_per_elem"] if w else None,
                       "native_gb_per_s": COPY_BYTES / c["copy_ns_per_elem"]}
        relu_gbs = RELU_BYTES / c["relu_ns_per_elem"]
        row["relu"]["native_gb_per_s"] = relu_gbs
        row["relu"]["fraction_of_copy_bandwidth"] = relu_gbs / row["copy"]["native_gb_per_s"]
        rows.append(row)

    fmt = lambda v, spec: "n/a" if v is None else format(v, spec)
    print("| N | layer | C (ns/elem) | numpy (ns/elem) | C speedup vs numpy | WASM (ns/elem) | WASM / C |")
    print("|---:|---|---:|---:|---:|---:|---:|")
    for r in rows:
        for layer, name in (("relu", "ReLU"), ("sigmoid", "Sigmoid")):
            L = r[layer]
            print("| {:.0e} | {} | {} | {} | {}x | {} | {}x |".format(
                r["n"], name, fmt(L["native_ns"], ".3f"), fmt(L["numpy_ns"], ".3f"),
                fmt(L["speedup_vs_numpy"], ".1f"), fmt(L["wasm_ns"], ".3f"),
                fmt(L["wasm_over_native"], ".2f")))
    print()
    print("| N | copy (ns/elem) | copy GB/s | ReLU fwd+bwd GB/s | ReLU / copy bandwidth |")
    print("|---:|---:|---:|---:|---:|")
    for r in rows:
        print("| {:.0e} | {:.3f} | {:.1f} | {:.1f} | {:.0f}% |".format(
            r["n"], r["copy"]["native_ns"], r["copy"]["native_gb_per_s"],
            r["relu"]["native_gb_per_s"], 100 * r["relu"]["fraction_of_copy_bandwidth"]))
    print()
    print("Times are forward + backward per element, the minimum over repeated timed batches after a")
    print("warm-up. Bandwidth counts bytes read + written: ReLU moves %d B/element (x, out, mask,"
          % RELU_BYTES)
    print("mask, dout, dx), a copy %d B/element; both single-threaded, same clock." % COPY_BYTES)
    print("Sigmoid max relative error vs libm 1/(1+exp(-x)) on [-750, 750]: native %s, WASM %s"
          % (native["sigmoid_max_rel_error"], wasm["sigmoid_max_rel_error"] if wasm else "n/a"))

    print()
    print("| expression nodes | characters | parse + trace (us) | + JSON text (us) |")
    print("|---:|---:|---:|---:|")
    for r in expr["results"]:
        print("| {} | {} | {:.1f} | {:.1f} |".format(r["nodes"], r["chars"], r["parse_trace_us"],
                                                  r["parse_trace_json_us"]))
    print()
    print("Parse + trace: bp_graph_parse, forward, backward and the numeric check of all three inputs,")
    print("what the page asks of the core; + JSON adds the CLI's --json text (number formatting).")

    matrix = None
    if len(sys.argv) > 6:
        print()
        matrix = matrix_report(sys.argv[6])

    summary = {"rows": rows, "expressions": expr["results"],
               "sigmoid_max_rel_error": {"native": native["sigmoid_max_rel_error"],
                                         "wasm": wasm["sigmoid_max_rel_error"] if wasm else None},
               "numpy_version": numpy.get("numpy") if numpy else None,
               "bytes_per_element": {"relu_fwd_bwd": RELU_BYTES, "copy": COPY_BYTES},
               "matrix": matrix}
    with open(out_path, "w") as f:
        json.dump(summary, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
