// model/timeline.js: what is known at a given step of a trace (pure data).
//
// Step s of a trace with N steps means steps[0..s-1] are done and steps[s-1]
// is the active one; s = 0 shows only what the reader gave: x on the input
// edges and dL/dy on the output edge.

export const OUTPUT_EDGE = 'out';
export const edgeKey = (e) => `${e.from}-${e.to}-${e.arg}`;

export function outputNode(trace) {
  return trace.nodes.length - 1;
}

export function reveal(trace, step) {
  const done = trace.steps.slice(0, step);
  const active = step > 0 ? trace.steps[step - 1] : null;
  const valueKnown = new Set(trace.nodes.filter((n) => n.op === 'input' || n.op === 'const').map((n) => n.id)); // given, or typed in the expression
  const edgeGrad = new Map(); // edge key -> that edge's share of the gradient
  const gradsIn = new Map(); // node -> how many of its backward shares are done
  for (const s of done) {
    if (s.phase === 'forward') valueKnown.add(s.node);
    else {
      edgeGrad.set(edgeKey({from: s.to, to: s.node, arg: s.arg}), s.grad);
      gradsIn.set(s.to, (gradsIn.get(s.to) || 0) + 1);
    }
  }
  // A node's gradient is final once every edge leaving it has sent its share
  // back; the output node's is dL/dy, given by the reader.
  const out = outputNode(trace);
  const uses = new Map();
  for (const e of trace.edges) uses.set(e.from, (uses.get(e.from) || 0) + 1);
  const gradKnown = new Set([out]);
  for (const n of trace.nodes) if (n.id !== out && uses.get(n.id) && gradsIn.get(n.id) === uses.get(n.id)) gradKnown.add(n.id);

  let activeEdges = [];
  if (active && active.phase === 'forward') {
    activeEdges = active.node === out ? [OUTPUT_EDGE]
      : trace.edges.filter((e) => e.from === active.node).map(edgeKey);
  } else if (active) {
    activeEdges = [edgeKey({from: active.to, to: active.node, arg: active.arg})];
  }
  return {step, count: trace.steps.length, active, activeEdges, valueKnown, gradKnown, edgeGrad};
}

// The labels of every edge at this step: {key, value?, grad?} where a missing
// field is not known yet.
export function edgeLabels(trace, known) {
  const labels = trace.edges.map((e) => {
    const key = edgeKey(e);
    const label = {key, from: e.from, to: e.to, arg: e.arg};
    if (known.valueKnown.has(e.from)) label.value = trace.nodes[e.from].value;
    if (known.edgeGrad.has(key)) label.grad = known.edgeGrad.get(key);
    return label;
  });
  const out = outputNode(trace);
  const output = {key: OUTPUT_EDGE, from: out, to: null, arg: 0, grad: trace.dout};
  if (known.valueKnown.has(out)) output.value = trace.output;
  labels.push(output);
  return labels;
}

const phaseCounts = (trace) => {
  const forward = trace.steps.filter((s) => s.phase === 'forward').length;
  return {forward, backward: trace.steps.length - forward};
};

// The step of `other` that matches step `step` of `trace` phase by phase, so
// that two graphs of one function reach y together and dL/dx together.
export function matchStep(trace, other, step) {
  const a = phaseCounts(trace), b = phaseCounts(other);
  const f = Math.min(step, a.forward), k = Math.max(0, step - a.forward);
  const forward = a.forward ? Math.floor((f * b.forward) / a.forward) : b.forward;
  const backward = a.backward ? Math.floor((k * b.backward) / a.backward) : 0;
  return forward + backward;
}

// Which of the backward steps into s.to this one is: {index, count, previous}.
export function share(trace, stepIndex) {
  const s = trace.steps[stepIndex];
  let index = 0, count = 0, previous = null;
  trace.steps.forEach((t, i) => {
    if (t.phase !== 'backward' || t.to !== s.to) return;
    count++;
    if (i < stepIndex) { index++; previous = t; }
  });
  return {index: index + 1, count, previous};
}
