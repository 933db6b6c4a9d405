// element/element.js: <backprop-graph>, a live figure for blog posts.
//
//   <backprop-graph graph="sigmoid-steps" x="0.5" dout="1" step="5"></backprop-graph>
//   <backprop-graph expr="(x+y)*z" vars="x=-2,y=5,z=-4" lang="ko"></backprop-graph>
//
// Attributes (each mirrored by a property): graph, x, dout, step (a number
// or "end"), controls (full | minimal | none), theme (auto | light | dark),
// lang (en | ko; default: the page's <html lang>), autoplay, expr, vars, app
// (the app page that "Copy link" points to; default: index.html next to
// this script). A bad value shows a message in the figure and the console,
// and the figure keeps its last good state. Events: `ready` once, `change`
// (detail: {trace, step, …}) after every new state.
//
// Each figure lives in a shadow root styled by one constructable stylesheet
// shared by all figures (no <style>, no inline style: CSP style-src 'self');
// all share one WebAssembly instance; every number comes from the C core.
import {select} from 'd3-selection';
import {graphView} from '../views/graph.js';
import {layoutGraph} from '../layout/chain.js';
import {layoutDag} from '../layout/dag.js';
import {parseNumber, formatNumber, exactText} from '../model/number.js';
import {translator, langOf, nodeName, stepSentence} from '../words/figure.js';
import {chainLine} from '../views/formula.js';
import {stateHash, copyText, showFallback} from '../model/share.js';
import {svgText, pngBlob, download} from '../views/export.js';
import CSS from './element.css';

export const GRAPH_IDS = ['relu', 'sigmoid', 'sigmoid-steps'];
const CHOICES = {controls: ['full', 'minimal', 'none'], theme: ['auto', 'light', 'dark']};
const DEFAULTS = {graph: 'sigmoid-steps', x: 0.5, dout: 1, step: null, controls: 'full', theme: 'auto', expr: null, vars: {}};
const ATTRIBUTES = ['graph', 'x', 'dout', 'step', 'controls', 'theme', 'lang', 'autoplay', 'expr', 'vars', 'app'];
const TRAVEL_MS = 650;
const DWELL_MS = 450;
const MAX_SHOWN = 60; // characters of a bad value quoted back in a message

// ------------------------------------------------------------ attributes

const quote = (text) => (text.length > MAX_SHOWN ? text.slice(0, MAX_SHOWN) + '…' : text);

// Read one attribute's text. {ok, value} or {ok: false, key, params}.
function parseAttribute(name, text) {
  const bad = (key, params = {}) => ({ok: false, key, params: {name, text: quote(text), ...params}});
  switch (name) {
    case 'graph':
      return GRAPH_IDS.includes(text) ? {ok: true, value: text} : bad('badGraph');
    case 'x': case 'dout': {
      const n = parseNumber(text);
      return n.ok ? {ok: true, value: n.value} : bad('badNumber', {reason: n.reason});
    }
    case 'step': {
      const s = text.trim();
      if (s === 'end') return {ok: true, value: null};
      return /^\d{1,6}$/.test(s) ? {ok: true, value: Number(s)} : bad('badStep');
    }
    case 'controls': case 'theme':
      return CHOICES[name].includes(text.trim()) ? {ok: true, value: text.trim()} : bad('badChoice', {choices: CHOICES[name].join(', ')});
    case 'expr':
      return text.trim() ? {ok: true, value: text} : bad('badExpr', {detail: 'empty'});
    case 'vars': {
      const vars = {};
      for (const pair of text.split(/[,;]/)) {
        if (!pair.trim()) continue;
        const m = /^\s*([A-Za-z_]\w{0,31})\s*=(.*)$/.exec(pair);
        const n = m ? parseNumber(m[2]) : {ok: false};
        if (!n.ok) return bad('badVars');
        vars[m[1]] = n.value;
      }
      return {ok: true, value: vars};
    }
    default:
      return {ok: true, value: text};
  }
}

// ---------------------------------------------------- page-wide watchers

// Blog themes' dark-mode switches: a class or a data attribute on <html> or
// <body> (Tailwind and many Jekyll themes: class="dark"; Hugo PaperMod:
// body.dark; Chirpy: data-mode; Bootstrap: data-bs-theme).
const THEME_ATTRIBUTES = ['data-theme', 'data-mode', 'data-bs-theme', 'data-color-scheme', 'data-color-mode'];
function pageTheme(doc) {
  for (const el of [doc.documentElement, doc.body]) {
    if (!el) continue;
    for (const a of THEME_ATTRIBUTES) {
      const v = (el.getAttribute(a) || '').toLowerCase();
      if (v === 'dark' || v === 'light') return v;
    }
    const c = el.classList;
    if (c.contains('dark') || c.contains('dark-mode') || c.contains('theme-dark')) return 'dark';
    if (c.contains('light') || c.contains('light-mode') || c.contains('theme-light')) return 'light';
  }
  return doc.defaultView.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

// One observer of each kind per page, whatever the number of figures.
const watch = (() => {
  const figures = new Set();
  let resize = null;
  let started = false;
  function start(win) {
    started = true;
    const themed = () => { for (const f of figures) f.applyTheme(); };
    new win.MutationObserver(themed).observe(win.document.documentElement, {attributes: true, attributeFilter: ['class', ...THEME_ATTRIBUTES]});
    if (win.document.body) new win.MutationObserver(themed).observe(win.document.body, {attributes: true, attributeFilter: ['class', ...THEME_ATTRIBUTES]});
    win.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', themed);
    resize = new win.ResizeObserver((entries) => {
      for (const e of entries) e.target.getRootNode().host?.resized(e.contentRect.width);
    });
  }
  return {
    add(figure, box) {
      if (!started) start(figure.ownerDocument.defaultView);
      figures.add(figure);
      resize.observe(box);
    },
    remove(figure, box) {
      figures.delete(figure);
      resize?.unobserve(box);
    },
  };
})();

// ---------------------------------------------------------------- element

export function defineBackpropGraph({loadCore, name = 'backprop-graph', win = window}) {
  if (win.customElements.get(name)) return win.customElements.get(name);
  let sheet = null; // made on first use: one CSSStyleSheet for every figure
  let corePromise = null;
  const core = () => (corePromise ??= loadCore());
  const defaultApp = new URL('index.html', import.meta.url).href;

  class BackpropGraph extends win.HTMLElement {
    static get observedAttributes() { return ATTRIBUTES; }

    constructor() {
      super();
      this.good = {...DEFAULTS}; // the last good value of each attribute
      this.live = {inputs: {}, dout: DEFAULTS.dout, step: null}; // what the reader changed since
      this.dirty = new Set(ATTRIBUTES);
      this.run = {playing: false, generation: 0, width: 0, trace: null, key: '', ready: false, messages: [], fieldErrors: {}};
      this.view = graphView();
    }

    // ------------------------------------------------------------ DOM

    build() {
      const doc = this.ownerDocument;
      const root = this.attachShadow({mode: 'open'});
      sheet ??= (() => { const s = new win.CSSStyleSheet(); s.replaceSync(CSS); return s; })();
      root.adoptedStyleSheets = [sheet];
      const el = (tag, props = {}, ...children) => {
        const e = doc.createElement(tag);
        for (const [k, v] of Object.entries(props)) {
          if (k === 'text') e.textContent = v; else if (k === 'on') e.addEventListener('click', v); else e.setAttribute(k, v);
        }
        e.append(...children);
        return e;
      };
      const button = (key, on, extra = {}) => el('button', {type: 'button', on, ...extra});
      const $ = (this.$ = {});
      $.frame = el('div', {class: 'frame', part: 'frame'});
      $.figure = el('div', {class: 'figure'}, el('p', {class: 'loading'}));
      $.formula = el('p', {class: 'formula'});
      $.narration = el('p', {class: 'narration', role: 'status'});
      $.message = el('p', {class: 'message', role: 'alert', hidden: ''});
      $.reset = button('reset', () => this.goTo(0));
      $.back = button('stepBack', () => this.goTo(Math.max(0, this.shown - 1)));
      $.play = button('play', () => (this.run.playing ? this.pause() : this.play()), {class: 'primary'});
      $.forward = button('stepForward', () => this.goTo(this.shown + 1, {travel: true}));
      $.player = el('div', {class: 'group player', role: 'group'}, $.reset, $.back, $.play, $.forward);
      $.inputs = el('div', {class: 'group inputs', role: 'group'});
      $.link = button('copyLink', () => this.copyLink());
      $.latex = button('copyLatex', () => this.copyLatex());
      $.svg = button('downloadSvg', () => this.exportAs('svg'));
      $.png = button('downloadPng', () => this.exportAs('png'));
      $.tools = el('div', {class: 'group tools', role: 'group'}, $.link, $.latex, $.svg, $.png);
      $.bar = el('div', {class: 'bar'}, $.player, $.inputs, $.tools);
      $.notice = el('p', {class: 'notice', role: 'status'});
      $.fallbackName = el('span');
      $.fallbackField = el('input', {type: 'text', readonly: ''});
      $.fallback = el('div', {class: 'fallback', hidden: ''}, el('label', {}, $.fallbackName, $.fallbackField));
      $.frame.append($.figure, $.formula, $.narration, $.message, $.bar, $.notice, $.fallback);
      root.append($.frame);
      this.fields = new Map(); // input name (or 'dout') -> <input>
    }

    connectedCallback() {
      if (!this.shadowRoot) this.build();
      this.applyTheme();
      this.applyLanguage();
      watch.add(this, this.$.frame);
      core().then((c) => {
        this.core = c;
        if (this.isConnected) this.update();
      }, (error) => {
        this.$.figure.textContent = '';
        this.showMessages([this.t('coreFailed', {detail: String(error && error.message || error)})], false);
      });
      if (this.hasAttribute('autoplay')) this.watchVisibility();
    }

    disconnectedCallback() {
      this.stop();
      watch.remove(this, this.$.frame);
      this.visibility?.disconnect();
    }

    attributeChangedCallback(name, old, value) {
      if (old === value) return;
      this.dirty.add(name);
      if (name === 'lang') this.applyLanguage();
      if (name === 'theme') this.dirty.add('theme');
      if (name === 'autoplay' && value != null && this.isConnected) this.watchVisibility();
      if (this.updateQueued) return;
      this.updateQueued = true;
      queueMicrotask(() => {
        this.updateQueued = false;
        if (this.core && this.isConnected) this.update();
      });
    }

    // ---------------------------------------------------------- state

    get language() { return langOf(this.getAttribute('lang')) ?? langOf(this.closest('[lang]')?.getAttribute('lang')) ?? 'en'; }

    applyLanguage() {
      const lang = this.language;
      if (!this.t || this.t.lang !== lang) this.t = translator(lang);
      if (!this.$ || this.$.frame.getAttribute('lang') === lang) return;
      const t = this.t;
      const {$} = this;
      $.frame.setAttribute('lang', lang);
      for (const [k, b] of [['reset', $.reset], ['stepBack', $.back], ['stepForward', $.forward]]) {
        b.textContent = '';
        b.append(icon(this.ownerDocument, {reset: '↺', stepBack: '‹', stepForward: '›'}[k]), t(k));
      }
      $.link.textContent = t('copyLink');
      $.latex.textContent = t('copyLatex');
      $.svg.textContent = t('downloadSvg');
      $.svg.setAttribute('aria-label', t('downloadSvgName'));
      $.png.textContent = t('downloadPng');
      $.png.setAttribute('aria-label', t('downloadPngName'));
      $.player.setAttribute('aria-label', t('player'));
      $.inputs.setAttribute('aria-label', t('inputs'));
      $.tools.setAttribute('aria-label', t('tools'));
      $.fallbackName.textContent = t('copyField');
      const loading = $.figure.querySelector('.loading');
      if (loading) loading.textContent = t('loading');
      this.dirty.add('lang');
      if (this.run.trace) this.update();
    }

    applyTheme() {
      if (!this.$) return;
      const attr = this.good.theme;
      const theme = attr === 'auto' ? pageTheme(this.ownerDocument) : attr;
      if (this.$.frame.getAttribute('data-theme') !== theme) this.$.frame.setAttribute('data-theme', theme);
    }

    // Read the changed attributes, rebuild the trace if needed, redraw.
    update() {
      const t = this.t;
      const errors = [];
      const changed = new Set(this.dirty);
      this.dirty.clear();
      for (const name of changed) {
        if (!(name in DEFAULTS)) continue;
        const text = this.getAttribute(name);
        if (text == null) { this.good[name] = DEFAULTS[name]; continue; }
        const r = parseAttribute(name, text);
        if (r.ok) this.good[name] = r.value;
        else {
          errors.push(t(r.key, {...r.params, reason: t.reason(r.params.reason)}));
          changed.delete(name);
        }
      }
      if (changed.has('theme')) this.applyTheme();
      const lang = this.getAttribute('lang');
      if (changed.has('lang') && lang != null && !langOf(lang)) errors.push(t('badChoice', {name: 'lang', text: quote(lang), choices: 'en, ko'}));

      // The trace: the expression if there is one (falling back to the last
      // good one, then to the graph), else the built-in graph.
      let trace = null;
      const rebuild = ['graph', 'expr', 'vars', 'x', 'dout'].some((k) => changed.has(k)) || !this.run.trace;
      if (changed.has('x')) this.live.inputs.x = this.good.x;
      if (changed.has('vars')) Object.assign(this.live.inputs, this.good.vars);
      if (changed.has('dout')) this.live.dout = this.good.dout;
      if (rebuild) {
        const exprs = changed.has('expr') && this.good.expr !== this.run.expr ? [this.good.expr, this.run.expr] : [this.run.expr];
        for (const expr of exprs) {
          try {
            trace = this.traceOf(expr);
            this.run.expr = expr;
            break;
          } catch (error) {
            if (!(error instanceof this.core.CoreError) || expr == null) throw error;
            errors.push(t('badExpr', {text: quote(expr), detail: error.message}));
          }
        }
        for (const name of Object.keys(this.good.vars)) {
          if (!(name in trace.inputs) && changed.has('vars')) errors.push(t('unknownVar', {text: quote(name)}));
        }
        if (this.run.trace && (trace.graph !== this.run.trace.graph || trace.expr !== this.run.trace.expr)) changed.add('step');
      }
      if (changed.has('step')) {
        this.stop();
        this.live.step = this.good.step;
      }
      this.run.trace = trace ?? this.run.trace;
      if (['controls', 'lang'].some((k) => changed.has(k)) || rebuild) this.renderControls();
      if (errors.length) this.showMessages(errors, true);
      else if (changed.size) this.showMessages([]);
      this.render();
    }

    traceOf(expr) {
      const inputs = {...this.live.inputs};
      if (expr == null) return this.core.trace({graph: this.good.graph, inputs: {x: inputs.x ?? this.good.x}, dout: this.live.dout});
      const g = new this.core.Graph({expr});
      try {
        const values = {};
        for (const name of g.inputs) if (name in inputs) values[name] = inputs[name];
        return g.trace(values, this.live.dout);
      } finally {
        g.dispose();
      }
    }

    showMessages(lines, keeping = false) {
      const {message} = this.$;
      this.run.messages = lines;
      if (!lines.length) {
        message.hidden = true;
        message.textContent = '';
        return;
      }
      const text = lines.join(' ') + (keeping ? ' ' + this.t('keeping') : '');
      message.textContent = text;
      message.hidden = false;
      console.warn(`<backprop-graph>: ${text}`);
    }

    // ---------------------------------------------------------- render

    get count() { return this.run.trace ? this.run.trace.steps.length : 0; }

    render({travel = false} = {}) {
      const trace = this.run.trace;
      if (!trace) return Promise.resolve();
      const t = this.t;
      const count = trace.steps.length;
      const step = this.live.step == null ? count : Math.max(0, Math.min(count, this.live.step));
      this.shown = step;
      const motion = !win.matchMedia('(prefers-reduced-motion: reduce)').matches;
      const width = Math.max(240, Math.floor(this.run.width || this.$.frame.clientWidth || 600) - 2);
      const fmt = (v) => formatNumber(v);
      const name = trace.expr != null ? t.graphName('expr', trace.expr) : t.graphName(trace.graph);
      this.$.figure.querySelector('.loading')?.remove();
      // The reference's chains keep layout.js's drawing; expressions get dag.js's.
      this.view.layout(trace.expr != null ? layoutDag : layoutGraph).trace(trace).step(step).width(width).motion(motion).duration(TRAVEL_MS)
        .title(t('figure', {name})).names((node, known, f) => nodeName(t, node, known, f));
      select(this.$.figure).call(this.view);
      this.$.formula.textContent = chainLine(trace, step, fmt).text;
      this.$.narration.textContent = stepSentence(t, trace, step, fmt);
      this.renderPlayer();

      const key = `${this.link()}|${t.lang}`;
      if (key !== this.run.key) {
        this.run.key = key;
        this.dispatchEvent(new CustomEvent('change', {detail: this.detail()}));
      }
      if (!this.run.ready) {
        this.run.ready = true;
        this.setAttribute('ready', '');
        this.dispatchEvent(new CustomEvent('ready', {detail: this.detail()}));
        if (this.pendingAutoplay) this.startAutoplay();
      }
      if (!travel || !motion) return Promise.resolve();
      return this.view.travel(select(this.$.figure));
    }

    detail() {
      const trace = this.run.trace;
      return {trace, step: this.shown, count: trace.steps.length, graph: trace.graph, expr: trace.expr ?? null,
        inputs: {...trace.inputs}, dout: trace.dout, link: this.link()};
    }

    renderPlayer() {
      const {$} = this;
      $.back.disabled = this.shown === 0;
      $.forward.disabled = this.shown >= this.count;
      $.play.textContent = '';
      $.play.append(icon(this.ownerDocument, this.run.playing ? '❚❚' : '▶'), this.t(this.run.playing ? 'pause' : 'play'));
      $.play.setAttribute('aria-pressed', String(this.run.playing));
    }

    // The bar for this `controls` value, and one field per input.
    renderControls() {
      const {$} = this;
      const mode = this.good.controls;
      $.bar.hidden = mode === 'none';
      $.inputs.hidden = mode !== 'full';
      $.tools.hidden = mode !== 'full';
      $.narration.classList.toggle('quiet', mode === 'none');
      const trace = this.run.trace;
      if (!trace) return;
      const names = [...Object.keys(trace.inputs), 'dout'];
      const key = names.join('\u0000') + this.t.lang;
      if (this.fieldsKey !== key) {
        this.fieldsKey = key;
        $.inputs.textContent = '';
        this.fields.clear();
        for (const input of names) {
          const field = this.ownerDocument.createElement('input');
          field.type = 'text';
          field.setAttribute('inputmode', 'decimal');
          field.setAttribute('autocomplete', 'off');
          field.setAttribute('spellcheck', 'false');
          field.addEventListener('input', () => this.edited(input, field));
          const label = this.ownerDocument.createElement('label');
          const span = this.ownerDocument.createElement('span');
          span.className = input === 'dout' ? '' : 'name';
          span.textContent = input === 'dout' ? 'dL/dy' : input;
          label.append(span, field);
          $.inputs.append(label);
          this.fields.set(input, field);
        }
      }
      for (const [input, field] of this.fields) {
        if (this.ownerDocument.activeElement === this && this.shadowRoot.activeElement === field) continue;
        field.value = exactText(input === 'dout' ? trace.dout : trace.inputs[input]);
        field.removeAttribute('aria-invalid');
      }
    }

    edited(input, field) {
      const n = parseNumber(field.value);
      const label = input === 'dout' ? 'dL/dy' : input;
      if (!n.ok) {
        field.setAttribute('aria-invalid', 'true');
        this.showMessages([this.t('badNumber', {name: label, text: quote(field.value), reason: this.t.reason(n.reason)})], true);
        return;
      }
      field.removeAttribute('aria-invalid');
      this.showMessages([]);
      if (input === 'dout') this.live.dout = n.value; else this.live.inputs[input] = n.value;
      this.run.trace = this.traceOf(this.run.expr);
      this.render();
    }

    // ---------------------------------------------------------- player

    async play() {
      if (this.run.playing || !this.run.trace) return;
      if (this.shown >= this.count) this.live.step = 0;
      else this.live.step = this.shown;
      this.run.playing = true;
      const generation = ++this.run.generation;
      while (this.run.generation === generation && this.live.step < this.count) {
        this.live.step += 1;
        await this.render({travel: true});
        if (this.run.generation !== generation) return;
        if (this.live.step < this.count) await this.dwell();
      }
      if (this.run.generation === generation) {
        this.run.playing = false;
        this.renderPlayer();
      }
    }

    // A pause between steps, paced by an animation with no effect (not a
    // timer), so that pausing cancels it.
    async dwell() {
      const reduced = win.matchMedia('(prefers-reduced-motion: reduce)').matches;
      this.run.dwell = this.$.figure.animate([], {duration: reduced ? TRAVEL_MS + DWELL_MS : DWELL_MS});
      try {
        await this.run.dwell.finished;
      } catch {
        // cancelled by pause
      }
    }

    stop() {
      this.run.generation++;
      this.run.dwell?.cancel();
      this.run.playing = false;
    }

    pause() {
      this.stop();
      this.renderPlayer();
    }

    goTo(step, {travel = false} = {}) {
      this.stop();
      this.live.step = step;
      this.render({travel});
    }

    watchVisibility() {
      if (this.visibility || !('IntersectionObserver' in win)) return this.startAutoplay();
      this.visibility = new win.IntersectionObserver((entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        this.visibility.disconnect();
        this.startAutoplay();
      });
      this.visibility.observe(this);
    }

    startAutoplay() {
      if (!this.run.ready) { this.pendingAutoplay = true; return; }
      this.pendingAutoplay = false;
      this.stop();
      this.live.step = 0;
      this.render();
      this.play();
    }

    resized(width) {
      if (Math.abs(width - this.run.width) < 1) return;
      this.run.width = width;
      if (this.run.trace && !this.run.playing) this.render();
    }

    // ---------------------------------------------------- share, export

    link() {
      const trace = this.run.trace;
      let base;
      try {
        base = new URL(this.getAttribute('app') || defaultApp, this.ownerDocument.baseURI);
        if (!/^https?:$/.test(base.protocol)) base = new URL(defaultApp);
      } catch {
        base = new URL(defaultApp);
      }
      base.hash = stateHash({graph: trace.graph, expr: trace.expr, inputs: trace.inputs, x: trace.inputs.x,
        dout: trace.dout, step: this.shown});
      return base.href;
    }

    async copy(text, done) {
      const {$} = this;
      $.fallback.hidden = true;
      if (await copyText(text, win)) {
        $.notice.textContent = this.t(done);
      } else {
        $.notice.textContent = this.t('copyBelow');
        showFallback($.fallbackField, text);
      }
    }

    copyLink() { return this.copy(this.link(), 'linkCopied'); }

    latex() { return chainLine(this.run.trace, this.shown).latex; }

    copyLatex() { return this.copy(this.latex(), 'latexCopied'); }

    // The figure as an .svg file's text, standing alone.
    svg() {
      const frame = this.$.frame;
      const style = win.getComputedStyle(frame);
      const bg = style.backgroundColor;
      const background = !bg || bg === 'transparent' || bg === 'rgba(0, 0, 0, 0)' ? style.getPropertyValue('--panel').trim() : bg;
      return svgText(this.$.figure.querySelector('svg'), {background});
    }

    async exportAs(kind) {
      const trace = this.run.trace;
      const file = `backprop-${trace.expr != null ? 'expr' : trace.graph}-step${this.shown}.${kind}`;
      try {
        const text = this.svg();
        const blob = kind === 'svg' ? new Blob([text], {type: 'image/svg+xml'}) : await pngBlob(text);
        download(blob, file, this.$.frame);
        this.$.notice.textContent = this.t('saved', {file});
      } catch (error) {
        this.$.notice.textContent = this.t('exportFailed', {detail: String(error && error.message || error)});
      }
    }

    get trace() { return this.run.trace; }
    get currentStep() { return this.shown ?? null; }
  }

  // Properties that mirror the attributes.
  for (const attr of ATTRIBUTES) {
    if (attr === 'lang') continue; // HTMLElement's own lang already mirrors it
    Object.defineProperty(BackpropGraph.prototype, attr, {
      configurable: true,
      get() {
        if (attr === 'autoplay') return this.hasAttribute('autoplay');
        if (attr === 'step') return this.getAttribute('step');
        return this.getAttribute(attr);
      },
      set(value) {
        if (attr === 'autoplay') return void this.toggleAttribute('autoplay', Boolean(value));
        if (value == null) return void this.removeAttribute(attr);
        this.setAttribute(attr, typeof value === 'number' ? exactText(value) : String(value));
      },
    });
  }
  win.customElements.define(name, BackpropGraph);
  return BackpropGraph;
}

function icon(doc, text) {
  const s = doc.createElement('span');
  s.className = 'icon';
  s.setAttribute('aria-hidden', 'true');
  s.textContent = text;
  return s;
}
