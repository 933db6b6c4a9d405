"""Merge the three benchmark runs into one table and bench.json.

Usage: report.py NATIVE.json NUMPY.json WASM.json|- EXPR.json OUT.json
"""
import json
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

    summary = {"rows": rows, "expressions": expr["results"],
               "sigmoid_max_rel_error": {"native": native["sigmoid_max_rel_error"],
                                         "wasm": wasm["sigmoid_max_rel_error"] if wasm else None},
               "numpy_version": numpy.get("numpy") if numpy else None,
               "bytes_per_element": {"relu_fwd_bwd": RELU_BYTES, "copy": COPY_BYTES}}
    with open(out_path, "w") as f:
        json.dump(summary, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
