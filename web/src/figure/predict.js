// figure/predict.js: predict mode (mode=predict), the entry of
// backprop-graph-predict.js, which the page and <backprop-graph> fetch from
// beside themselves the first time a figure predicts. Each backward step
// (ask=all: each step) waits for the reader's answer: the host's player
// stops before it (limit()), its value stays out of the figure, and a box
// under the figure asks for it. Right (equal as shown, or within 0.5%):
// revealed with a ✓. Wrong: the chain rule with the upstream gradient and
// the local derivative, the product left blank. Wrong again: revealed,
// worked out. A running score, and Restart.
//
//   const predict = createPredict({after, mount, goTo, play});
//   step = predict.use(source, step, ask);  // before drawing: the step that may be shown
//   player: limit: (target) => predict.limit(target)
//   predict.draw({lang, precise, step});    // after drawing: the box, and the '?' in the figure
//
// source: {trace, line} (a graph: the trace and views/formula.js's
// askedLine) or {figure} (a layer figure: its steps and question(k)).
// Nothing is computed here: answers are compared with the C core's values.
import {formatNumber, exactText} from '../model/number.js';
import {isRight, readAnswer} from '../model/answer.js';
import {edgeKey, OUTPUT_EDGE, outputNode} from '../model/timeline.js';
import {tablesTranslator} from '../words/figure.js';
import {PREDICT_WORDS} from '../words/predict.js';
import CSS from '../views/predict.css';
import {sheetAdopter} from './sheet.js';

const SVG = 'http://www.w3.org/2000/svg';
const stepsOf = (source) => (source.figure ? source.figure.steps : source.trace.steps);
const keyOf = (source) => JSON.stringify(source.figure ? source.figure.spec
  : [source.trace.graph, source.trace.expr, source.trace.nodes.map((n) => n.label), source.trace.inputs, source.trace.dout],
(k, v) => (typeof v === 'number' ? exactText(v) : v));

const adoptSheet = sheetAdopter(CSS); // one stylesheet for every figure's questions
let ids = 0;

// after: the element the box follows. mount: what holds the figure (its
// graph's svg, or its layer's grids). goTo(step, {travel}), play(): the
// host's player. inside(): whether the reader's focus is in the figure
// (a question it opens then takes the focus).
export function createPredict({after, mount, goTo, play, inside = () => true}) {
  const doc = after.ownerDocument;
  const root = after.getRootNode();
  adoptSheet(root);
  const el = (tag, cls, props = {}) => Object.assign(doc.createElement(tag), cls ? {className: cls} : {}, props);
  const id = `predict-${++ids}`;
  const box = el('section', 'predict');
  const score = el('p', 'predict-score');
  const form = el('form', 'predict-ask', {noValidate: true});
  const prompt = el('p', 'predict-q', {id: `${id}-q`});
  const fields = el('div', 'predict-fields');
  const check = el('button', 'primary', {type: 'submit'});
  const showMe = el('button', '', {type: 'button'});
  const say = el('p', 'predict-say');
  say.setAttribute('role', 'status');
  const idle = el('p', 'predict-idle');
  const next = el('button', 'primary', {type: 'button'});
  const restart = el('button', '', {type: 'button'});
  const row = (...buttons) => {
    const div = el('div', 'predict-buttons');
    div.append(...buttons);
    return div;
  };
  form.append(prompt, fields, row(check, showMe));
  box.append(score, form, say, idle, row(next, restart));
  after.after(box);

  const run = {source: null, key: null, questions: [], answered: new Map(), misses: new Map(), pending: null,
    right: 0, done: 0, said: null, t: tablesTranslator('en', PREDICT_WORDS), fmt: formatNumber, focus: null};

  // ------------------------------------------------------------ state

  // The first question not yet answered; the steps before it may be shown.
  const allowed = () => (run.questions.find((q) => !run.answered.has(q)) ?? stepsOf(run.source).length + 1) - 1;

  // Called before each drawing with what the figure shows: a new trace
  // (other numbers, another graph) or another `ask` starts the questions
  // again, those up to `step` given (step null: up to the first question).
  // Returns the step to show.
  function use(source, step, ask) {
    run.source = source;
    const key = `${keyOf(source)}|${ask}`;
    if (key !== run.key) {
      run.key = key;
      run.questions = stepsOf(source).map((s, i) => (ask === 'all' || s.phase === 'backward' ? i + 1 : 0)).filter(Boolean);
      run.answered = new Map();
      run.misses = new Map();
      run.pending = null;
      if (step == null) step = allowed();
      for (const q of run.questions) if (q <= step) run.answered.set(q, 'given');
    }
    return step == null ? allowed() : Math.min(step, allowed());
  }

  // The player's limit: the furthest step shown on the way to `target`;
  // beyond it, the question that waits is asked.
  function limit(target) {
    const a = allowed();
    if (target <= a) {
      if (run.pending) close();
      return target;
    }
    if (run.pending !== a + 1) {
      run.pending = a + 1;
      run.said = run.misses.get(a + 1) ? {key: 'hint', params: {line: question(a + 1).hint}} : null; // asked again: its hint again
      fields.textContent = '';
    }
    run.focus = inside() ? 'field' : null;
    show();
    return a;
  }

  function close() {
    run.pending = null;
    run.said = null;
  }

  // The pending step's question: [{name, value}] to type, its hint and
  // its worked line, and where it is in the figure.
  function question(k) {
    const {source, fmt} = run;
    if (source.figure) return {...source.figure.question(k, fmt), op: null};
    const {trace, line} = source;
    const s = trace.steps[k - 1];
    const asked = line(trace, k, fmt);
    const forward = s.phase === 'forward';
    const edges = !forward ? [edgeKey({from: s.to, to: s.node, arg: s.arg})]
      : s.node === outputNode(trace) ? [OUTPUT_EDGE] : trace.edges.filter((e) => e.from === s.node).map(edgeKey);
    return {targets: [{name: asked.name, value: forward ? s.value : s.grad}], hint: asked.text, worked: line(trace, k, fmt, true).text,
      op: trace.symbols?.[s.node] ?? trace.nodes[s.node].label, phase: s.phase, edges};
  }

  // ----------------------------------------------------------- answers

  function submit(event) {
    event.preventDefault();
    const k = run.pending;
    if (!k) return;
    const q = question(k);
    const inputs = [...fields.querySelectorAll('input')];
    const typed = inputs.map((input) => readAnswer(input.value));
    const bad = typed.findIndex((n) => !n.ok);
    if (bad >= 0) {
      inputs[bad].setAttribute('aria-invalid', 'true');
      tell('notNumber', {name: q.targets[bad].name, text: inputs[bad].value});
      return void inputs[bad].focus();
    }
    const wrong = q.targets.map((target, i) => !isRight(typed[i].value, target.value));
    inputs.forEach((input, i) => (wrong[i] ? input.setAttribute('aria-invalid', 'true') : input.removeAttribute('aria-invalid')));
    if (!wrong.some(Boolean)) {
      tell('right', {line: q.targets.map((x) => `${x.name} = ${run.fmt(x.value)}`).join(', ')});
      return resolve(k, 'right');
    }
    const misses = (run.misses.get(k) ?? 0) + 1;
    run.misses.set(k, misses);
    if (misses > 1) {
      tell('revealed', {line: q.worked});
      return resolve(k, 'revealed');
    }
    tell('hint', {line: q.hint});
    const first = inputs[wrong.indexOf(true)];
    first.focus();
    first.select();
  }

  function tell(key, params) {
    run.said = {key, params};
    drawSay();
  }

  // Step k answered (or shown): counted, then the figure goes there.
  function resolve(k, how) {
    run.answered.set(k, how);
    run.done += 1;
    if (how === 'right' && !run.misses.get(k)) run.right += 1;
    run.pending = null;
    run.focus = 'next';
    goTo(k, {travel: true});
  }

  showMe.addEventListener('click', () => {
    const k = run.pending;
    if (!k) return;
    run.misses.set(k, (run.misses.get(k) ?? 0) + 1);
    tell('shown', {line: question(k).worked});
    resolve(k, 'shown');
  });
  form.addEventListener('submit', submit);
  next.addEventListener('click', () => play());
  restart.addEventListener('click', () => {
    run.answered = new Map();
    run.misses = new Map();
    run.right = run.done = 0;
    close();
    run.focus = 'next';
    goTo(allowed());
  });

  // ------------------------------------------------------------ drawing

  // After the host has drawn `step`: the box, and the pending question
  // marked in the figure. lang: en or ko; precise: every digit.
  function draw({lang, precise = false, step}) {
    run.t = tablesTranslator(lang, PREDICT_WORDS);
    run.fmt = (v) => formatNumber(v, {precise});
    if (run.pending && step !== run.pending - 1) close(); // the host went elsewhere
    show();
  }

  function show() {
    const {t, pending} = run;
    box.setAttribute('aria-label', t('predictTitle'));
    box.lang = t.lang;
    const left = run.questions.filter((q) => !run.answered.has(q)).length;
    const sc = run.done ? t('score', {right: run.right, done: run.done}) : t('noneYet');
    score.textContent = left ? `${sc} · ${t('toGo', {n: left})}` : run.done ? t('allDone', {right: run.right, done: run.done}) : sc;
    check.textContent = t('check');
    showMe.textContent = t('showMe');
    next.textContent = t('next');
    restart.textContent = t('restart');
    form.hidden = !pending;
    next.hidden = Boolean(pending) || !left;
    idle.hidden = Boolean(pending) || !left;
    idle.textContent = t('idle', {what: t(run.questions.length && stepsOf(run.source).length === run.questions.length ? 'whatAll' : 'whatBackward')});
    drawSay();
    mark(pending);
    if (pending) ask(pending);
    const focus = run.focus;
    run.focus = null;
    if (focus === 'field') fields.querySelector('input')?.focus();
    else if (focus === 'next') (next.hidden ? restart : next).focus();
  }

  function drawSay() {
    say.textContent = run.said ? run.t(run.said.key, run.said.params) : '';
    say.dataset.kind = run.said?.key ?? '';
  }

  // The question's sentence and a field per value, kept while it is asked
  // (what the reader typed stays).
  function ask(k) {
    const q = question(k);
    const {t} = run;
    const names = q.targets.map((x) => x.name).join(', ');
    const n = stepsOf(run.source).length;
    prompt.textContent = q.op == null ? t('askCell', {step: k, n, names}) : t(q.phase === 'forward' ? 'askForward' : 'askBackward', {step: k, n, op: q.op, names});
    if (fields.childElementCount !== q.targets.length) {
      fields.textContent = '';
      for (const _ of q.targets) {
        const input = el('input', '', {type: 'text', autocomplete: 'off', spellcheck: false});
        input.setAttribute('inputmode', 'decimal');
        input.setAttribute('aria-describedby', prompt.id);
        const label = el('label');
        label.append(el('span', 'predict-name'), input);
        fields.append(label);
      }
    }
    [...fields.children].forEach((label, i) => {
      label.firstChild.textContent = `${q.targets[i].name} =`;
      label.lastChild.setAttribute('aria-label', t('answer', {name: q.targets[i].name}));
    });
  }

  // The '?' where the pending value will be: on its edge, or in its cells.
  function mark(k) {
    for (const old of mount.querySelectorAll('.predict-mark')) old.remove();
    if (!k) return;
    const q = question(k);
    if (q.edges) {
      const svg = mount.querySelector('svg.graph');
      const layer = svg?.querySelector('.tokens');
      if (!layer) return;
      const at = q.phase === 'forward' ? 'valueAt' : 'gradAt';
      for (const key of q.edges) {
        const d = svg.querySelector(`g.edge[data-key="${key}"]`)?.__data__;
        if (!d) continue;
        const g = layer.appendChild(doc.createElementNS(SVG, 'g'));
        g.setAttribute('class', `predict-mark ${q.phase}`);
        g.setAttribute('aria-hidden', 'true');
        const a = d[q.phase];
        const path = g.appendChild(doc.createElementNS(SVG, 'path'));
        path.setAttribute('d', a.path ?? `M${a.from.x},${a.from.y}L${a.to.x},${a.to.y}`);
        const text = g.appendChild(doc.createElementNS(SVG, 'text'));
        text.setAttribute('class', `label ${q.phase === 'forward' ? 'value' : 'grad'}`);
        text.setAttribute('x', d[at].x);
        text.setAttribute('y', d[at].y);
        text.textContent = '?';
      }
      return;
    }
    for (const {cell: [grid, i, j]} of q.targets) {
      const td = mount.querySelector(`section.grid[data-grid="${grid}"] td[data-i="${i}"][data-j="${j}"]`);
      if (!td) continue;
      td.classList.add('asking');
      td.textContent = '?';
    }
  }

  return {
    use, limit, draw,
    // Mode off: the box and the marks go (the host draws again).
    remove() {
      box.remove();
      mark(null);
    },
    // Whether every question has been answered (the check panel may show).
    get finished() { return allowed() === stepsOf(run.source).length; },
  };
}
