// element/element.js: <backprop-graph>, a live figure for blog posts.
//
//   <backprop-graph graph="sigmoid-steps" x="0.5" dout="1" step="5"></backprop-graph>
//   <backprop-graph expr="(x+y)*z" vars="x=-2,y=5,z=-4" lang="ko"></backprop-graph>
//
//   <backprop-graph layer="relu" x="1,-0.5;-2,3" dout="1,1;1,1"></backprop-graph>
//
// Attributes (each mirrored by a property): graph, x, dout, step (a number
// or "end"), controls (full | minimal | none), theme (auto | light | dark),
// lang (en | ko; default: the page's <html lang>), autoplay, expr, vars, app
// (the app page that "Copy link" points to; default: index.html next to
// this script), panels (check, plot, both or none: the page's gradient
// check and curve beside the figure); in layer mode (layer: relu, sigmoid,
// affine, softmax-loss) x and dout are matrices, with w, b, t, t-index
// and inplace (the book's in-place backward beside the core's); mode
// (watch | predict: each backward step waits for the reader's answer,
// figure/predict.js) and ask (backward | all). A bad value shows a message in the figure and the console,
// and the figure keeps its last good state. Events: `ready` once, `change`
// (detail: {trace, step, …}) after every new state.
//
// Each figure lives in a shadow root styled by one constructable stylesheet
// shared by all figures (no <style>, no inline style: CSP style-src 'self');
// all share one WebAssembly instance; every number comes from the C core.
// The class is the element's lifecycle over the shared figure (figure/):
// attributes in (config.js), the shadow DOM (skeleton.js), the page's
// theme and widths (host-page.js); its methods are short, its length is
// their number.
import {exactText} from '../model/number.js';
import {translator, langOf, addFigureWords} from '../words/figure.js';
import {FIGURE_KO} from '../words/figure-ko.js';
import {figureTrace, layoutFor, nodeNames, outputName} from '../figure/source.js';
import {copyText, showFallback} from '../model/share.js';
import {writeState} from '../model/state.js';
import {DEFAULTS, ATTRIBUTES, quote, parseAttribute} from './config.js';
import {pageTheme, watch} from './host-page.js';
import {buildSkeleton, labelSkeleton, inputFields, fieldText} from './skeleton.js';
import {createPlayer} from '../figure/player.js';
import {createFigure} from '../figure/figure.js';
import {askedLine} from '../views/formula.js';
import {wireNumberField} from '../figure/fields.js';
import {watchNodes} from '../figure/node-focus.js';
import CSS from './element.css';

// Files beside this one, fetched the first time they are needed (again
// after a failure, which the figure reports, naming the file: what a blog
// author needs to know): the panels and the export (element/extras.js), and
// the layer figure (figure/layer-chunk.js). Literal relative imports (kept
// as they are by the build): browsers resolve them beside this file, and a
// bundler that takes in the npm package makes each a chunk of its own.
const beside = (file, fetchIt) => {
  let loaded = null;
  const load = () => (loaded ??= fetchIt().catch((error) => { loaded = null; throw error; }));
  load.file = file;
  return load;
};
const loadExtras = beside('backprop-graph-extras.js', () => import('./backprop-graph-extras.js'));
const loadLayer = beside('backprop-graph-layer.js', () => import('./backprop-graph-layer.js'));
const loadPredict = beside('backprop-graph-predict.js', () => import('./backprop-graph-predict.js'));
const loadCode = beside('backprop-graph-code.js', () => import('./backprop-graph-code.js'));
addFigureWords('ko', FIGURE_KO); // the element speaks both languages at once
const detailOf = (error) => String(error && error.message || error);
// ---------------------------------------------------------------- element

// The class is long for its many short methods: the lifecycle, attributes in,
// traces, drawing, the panels, the fields, share and export.
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
      this.run = {width: 0, trace: null, key: '', ready: false, messages: [], fieldErrors: {}};
      this.player = null; // made with the shadow DOM, whose figure paces it
      this.sourceErrors = []; // what the figure's source got wrong beyond its attributes (element/fences.js)
    }

    // ------------------------------------------------------------ DOM

    build() {
      const doc = this.ownerDocument;
      const root = this.attachShadow({mode: 'open'});
      sheet ??= (() => { const s = new win.CSSStyleSheet(); s.replaceSync(CSS); return s; })();
      root.adoptedStyleSheets = [sheet];
      const $ = (this.$ = buildSkeleton(doc, {
        reset: () => this.player.goTo(0),
        back: () => this.player.goTo(this.shown - 1),
        play: () => this.player.toggle(),
        forward: () => this.player.goTo(this.shown + 1, {travel: true}),
        link: () => this.copyLink(),
        latex: () => this.copyLatex(),
        svg: () => this.exportAs('svg'),
        png: () => this.exportAs('png'),
      }));
      // Its light-DOM children (a static fallback; embed.html's first paint)
      // show through the slot until the first render, the frame laid out
      // beside them but invisible ('waiting'), so that it draws at its width.
      $.slot = doc.createElement('slot');
      $.slot.addEventListener('slotchange', () => this.waitBehind($.slot.assignedElements().length > 0));
      root.append($.slot, $.frame);
      this.waitBehind(this.firstElementChild != null);
      this.fields = new Map(); // input name (or 'dout') -> <input>
      this.figure = createFigure({graphs: $.figure, formula: $.formula, narration: $.narration, titles: false, layoutFor,
        buttons: {play: $.play, back: $.back, forward: $.forward}});
      this.roveNodes = watchNodes($.figure, (node) => this.withCode((v) => v.explain(node)));
      this.player = createPlayer({
        host: $.figure,
        step: () => (this.live.step == null ? this.count : Math.min(this.count, this.live.step)), // set before drawn
        setStep: (s) => { this.live.step = s; },
        count: () => this.count,
        render: (o) => this.render(o),
        reducedMotion: () => this.reducedMotion(),
        changed: () => this.figure.drawButtons(this.buttons()),
        limit: (s) => (this.pf ? this.pf.limit(s) : s), // predict mode: not past a question
      });
    }

    // Until the first render (or a message), the fallback shows, if any.
    waitBehind(fallback) {
      const waiting = fallback && !this.run.ready && !this.run.messages.length;
      this.$.slot.hidden = !waiting;
      this.$.frame.classList.toggle('waiting', waiting);
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
        this.showMessages([this.tr('coreFailed', {detail: detailOf(error)})], false);
      });
      if (this.hasAttribute('autoplay')) this.watchVisibility();
    }

    disconnectedCallback() {
      this.player.stop();
      if (this.panelView?.dispose) this.panelView.dispose();
      this.panelView = null;
      this.$.panels.textContent = '';
      watch.remove(this, this.$.frame);
      this.visibility?.disconnect();
    }

    attributeChangedCallback(name, old, value) {
      if (old === value) return;
      this.dirty.add(name);
      if (name === 'lang') this.applyLanguage();
      if (name === 'theme') this.dirty.add('theme');
      if (name === 'autoplay' && value != null && this.isConnected) this.watchVisibility();
      if (name === 'layer') for (const k of ['x', 'dout', 'step']) this.dirty.add(k); // numbers, or matrices
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
      if (!this.tr || this.tr.lang !== lang) this.tr = translator(lang); // tr: the words (t is an attribute, the labels)
      if (!this.$ || this.$.frame.getAttribute('lang') === lang) return;
      const t = this.tr;
      const {$} = this;
      $.frame.setAttribute('lang', lang);
      labelSkeleton($, t);
      this.dirty.add('lang');
      if (this.run.trace || this.lf) this.update();
    }

    applyTheme() {
      if (!this.$) return;
      const attr = this.good.theme;
      const theme = attr === 'auto' ? pageTheme(this.ownerDocument) : attr;
      if (this.$.frame.getAttribute('data-theme') !== theme) this.$.frame.setAttribute('data-theme', theme);
    }

    // Read the changed attributes, rebuild the trace (or the layer) if
    // needed, redraw.
    update() {
      const t = this.tr;
      const layer = this.hasAttribute('layer');
      if (layer && !this.lf) return this.loadLayer();
      // A bad mode keeps the last good one, as every attribute does (the
      // loop below says why).
      const modeText = this.getAttribute('mode');
      const mode = modeText == null ? {ok: true, value: DEFAULTS.mode} : parseAttribute('mode', modeText);
      const predicting = (mode.ok ? mode.value : this.good.mode) === 'predict';
      if (predicting && !this.pf) return this.loadPredict();
      if (!predicting && this.pf) this.pf = void this.pf.remove();
      const errors = [...this.sourceErrors];
      const changed = new Set(this.dirty);
      this.dirty.clear();
      for (const name of changed) {
        if (!(name in DEFAULTS) || layer && (name === 'x' || name === 'dout')) continue; // the layer's matrices
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
      if (changed.has('code')) this.codeView?.codeChanged();
      const lang = this.getAttribute('lang');
      if (changed.has('lang') && lang != null && !langOf(lang)) errors.push(t('badChoice', {name: 'lang', text: quote(lang), choices: 'en, ko'}));
      this.inLayer = layer;
      if (changed.has('mode') || changed.has('ask')) {
        this.player.stop();
        this.live.step = this.good.step;
      }
      this.$.figure.classList.toggle('layer-mode', layer);
      if (layer) return this.lf.update(changed, errors);

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
        this.player.stop();
        this.live.step = this.good.step;
      }
      this.run.trace = trace ?? this.run.trace;
      if (['controls', 'lang'].some((k) => changed.has(k)) || rebuild) this.renderControls();
      if (errors.length) this.showMessages(errors, errors.length > this.sourceErrors.length);
      else if (changed.size) this.showMessages([]);
      this.render();
    }

    // Layer mode: the layer figure's file (figure/layer-element.js reads
    // the attributes and draws), then the first update in that mode (with
    // every attribute still to read: update() returned before reading).
    loadLayer() {
      this.layerLoading ??= loadLayer().then(({elementLayer}) => {
        this.lf = elementLayer(this);
        this.update();
      }, (error) => {
        this.layerLoading = null;
        this.showMessages([this.tr('fileFailed', {file: loadLayer.file, detail: detailOf(error)})]);
      });
    }

    // Predict mode: its file (figure/predict.js), then the update again.
    loadPredict() {
      this.predictLoading ??= loadPredict().then(({createPredict}) => {
        this.predictLoading = null;
        this.pf = createPredict({after: this.$.figure, mount: this.$.figure, goTo: (k, o) => this.player.goTo(k, o),
          play: () => this.player.play(), inside: () => this.ownerDocument.activeElement === this});
        this.update();
      }, (error) => {
        this.predictLoading = null;
        this.showMessages([this.tr('fileFailed', {file: loadPredict.file, detail: detailOf(error)})]);
      });
    }

    traceOf(expr) {
      const inputs = {...this.live.inputs};
      if (expr == null) return this.core.trace({graph: this.good.graph, inputs: {x: inputs.x ?? this.good.x}, dout: this.live.dout});
      return figureTrace(this.exprTrace(expr, inputs));
    }

    exprTrace(expr, inputs) {
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
      const text = lines.join(' ') + (keeping ? ' ' + this.tr('keeping') : '');
      message.textContent = text;
      message.hidden = false;
      this.waitBehind(false);
      console.warn(`<backprop-graph>: ${text}`);
    }

    // ---------------------------------------------------------- render

    get count() { return this.inLayer ? this.lf.count : this.run.trace ? this.run.trace.steps.length : 0; }

    // `change`, once for each link and language the figure shows.
    announce() {
      const key = `${this.link()}|${this.tr.lang}`;
      if (key === this.run.key) return;
      this.run.key = key;
      this.dispatchEvent(new CustomEvent('change', {detail: this.detail()}));
    }

    render({travel = false} = {}) {
      const layer = this.inLayer;
      if (!layer && !this.run.trace) return Promise.resolve();
      const t = this.tr;
      const count = this.count;
      if (this.pf) this.live.step = this.pf.use(layer ? {figure: this.lf} : {trace: this.run.trace, line: askedLine}, this.live.step, this.good.ask);
      this.shown = this.live.step == null ? count : Math.max(0, Math.min(count, this.live.step));
      this.$.figure.querySelector('.loading')?.remove();
      const travelled = layer ? this.lf.draw(travel) : this.figure.draw(this.scene(), {travel});
      if (layer) {
        this.figure.drawButtons(this.buttons());
        if (this.good.code || this.codeView) this.withCode((v) => v.draw()); // the layer's code view
      } else {
        this.renderPanels();
        this.roveNodes();
        if (this.good.code || this.good.fig7 || this.codeView) this.withCode((v) => v.draw());
      }
      this.pf?.draw({lang: t.lang, step: this.shown});

      this.announce();
      if (!this.run.ready) {
        this.run.ready = true;
        this.waitBehind(false);
        this.setAttribute('ready', '');
        this.dispatchEvent(new CustomEvent('ready', {detail: this.detail()}));
        if (this.pendingAutoplay) this.startAutoplay();
      }
      return travelled;
    }

    // The check and the curve, where the panels attribute asks for them;
    // their code is loaded the first time.
    renderPanels() {
      const which = this.good.panels.filter((p) => p !== 'check' || !this.pf || this.pf.finished); // no answers before they are asked
      if (!which.length && !this.panelView) return;
      if (!this.panelView) {
        this.panelView = 'loading';
        loadExtras().then(({createPanels}) => {
          this.panelView = createPanels({box: this.$.panels, core: this.core, pick: (name, value) => this.picked(name, value)});
          this.renderPanels();
        }, (error) => {
          this.panelView = null;
          this.showMessages([this.tr('fileFailed', {file: loadExtras.file, detail: detailOf(error)})]);
        });
        return;
      }
      if (this.panelView === 'loading') return;
      this.panelView.render({trace: this.run.trace, which, lang: this.tr.lang, width: this.run.width || this.$.frame.clientWidth || 600});
    }

    // The code chunk's view of this figure (code, fig7, the nodes'
    // explanations), loaded the first time one is wanted, then use(view).
    withCode(use) {
      if (this.codeView) return use(this.codeView);
      this.codeLoading ??= loadCode().then(({elementCode}) => {
        this.codeView = elementCode(this);
        if (this.run.trace && !this.inLayer) this.render();
      }, (error) => {
        this.codeLoading = null;
        this.showMessages([this.tr('fileFailed', {file: loadCode.file, detail: detailOf(error)})]);
      });
      this.codeLoading.then(() => this.codeView && use(this.codeView));
    }

    // A value chosen on the curve: the plotted input's new value.
    picked(name, value) {
      this.live.inputs[name] = value;
      this.run.trace = this.traceOf(this.run.expr);
      this.renderControls();
      this.render();
    }

    // What the figure shows now (figure/figure.js draws it).
    scene() {
      const trace = this.run.trace;
      const t = this.tr;
      const title = trace.expr != null ? t.graphName('expr', trace.expr) : t.graphName(trace.graph);
      return {panes: [{id: 'main', title, trace, names: nodeNames(t, trace)}], step: this.shown, t,
        width: Math.max(240, Math.floor(this.run.width || this.$.frame.clientWidth || 600) - 2),
        motion: !this.reducedMotion(), duration: this.player.travelMs(), playing: this.player.playing,
        chainText: this.codeView?.chainText};
    }

    // What the player's buttons show, in either mode.
    buttons() { return {step: this.shown ?? 0, count: this.count, t: this.tr, playing: this.player.playing}; }

    reducedMotion() { return win.matchMedia('(prefers-reduced-motion: reduce)').matches; }

    detail() {
      if (this.inLayer) return this.lf.detail();
      const trace = this.run.trace;
      return {trace, step: this.shown, count: trace.steps.length, graph: trace.graph, expr: trace.expr ?? null,
        inputs: {...trace.inputs}, dout: trace.dout, link: this.link()};
    }

    // The bar for this `controls` value, and one field per input.
    renderControls() {
      const {$} = this;
      const mode = this.good.controls;
      $.bar.hidden = mode === 'none';
      $.inputs.hidden = mode !== 'full' || this.inLayer; // a layer's grids are its fields
      $.tools.hidden = mode !== 'full';
      $.narration.classList.toggle('quiet', mode === 'none');
      const trace = this.run.trace;
      if (!trace) return;
      const names = [...Object.keys(trace.inputs), 'dout'];
      const key = names.join('\u0000') + outputName(trace) + this.tr.lang;
      if (this.fieldsKey !== key) {
        this.fieldsKey = key;
        $.inputs.textContent = '';
        this.fields.clear();
        for (const [input, field] of inputFields($, trace)) {
          this.wireField(input, field);
          this.fields.set(input, field);
        }
      }
      for (const [input, field] of this.fields) {
        if (this.ownerDocument.activeElement === this && this.shadowRoot.activeElement === field) continue;
        field.value = fieldText(trace, input);
        field.removeAttribute('aria-invalid');
      }
    }

    wireField(input, field) {
      const label = input === 'dout' ? `dL/d${outputName(this.run.trace)}` : input;
      wireNumberField({
        field,
        onValue: (v) => {
          if (input === 'dout') this.live.dout = v; else this.live.inputs[input] = v;
          this.run.trace = this.traceOf(this.run.expr);
          this.render();
        },
        onInvalid: (reason, text) => this.showMessages([this.tr('badNumber', {name: label, text: quote(text), reason: this.tr.reason(reason)})], true),
        onValid: () => this.showMessages([]),
      });
    }

    // ---------------------------------------------------------- player

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
      this.player.goTo(0);
      this.player.play();
    }

    resized(width) {
      if (Math.abs(width - this.run.width) < 1) return;
      this.run.width = width;
      if (this.run.trace && !this.player.playing) this.render();
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
      base.hash = this.inLayer ? this.lf.hash() // the page's layer mode
        : writeState({...trace, x: trace.inputs.x, vars: trace.inputs, step: this.shown, mode: this.good.mode, ask: this.good.ask, // trace.graph: a built-in's id, or expr
          code: this.codeView?.lang ?? this.good.code, fig7: this.good.fig7});
      return base.href;
    }

    async copy(text, done) {
      const {$} = this;
      $.fallback.hidden = true;
      if (await copyText(text, win)) {
        $.notice.textContent = this.tr(done);
      } else {
        $.notice.textContent = this.tr('copyBelow');
        showFallback($.fallbackField, text);
      }
    }

    copyLink() { return this.copy(this.link(), 'linkCopied'); }

    // The step's formula as LaTeX (the graphs' from the extras file).
    async latex() {
      if (this.inLayer) return this.lf.latex(this.shown);
      return this.codeView?.latex(this.run.trace, this.shown) ?? (await loadExtras()).exportLatex(this.run.trace, this.shown);
    }

    copyLatex() { return this.latex().then((text) => this.copy(text, 'latexCopied'), (error) => this.failed(error)); }

    // The figure as an .svg file's text, standing alone; saved as SVG or
    // PNG (element/extras.js does both).
    svg() { return loadExtras().then(({elementSvg}) => elementSvg(this)); }

    exportAs(kind) { return loadExtras().then(({exportElement}) => exportElement(this, kind), (error) => this.failed(error)); }

    failed(error) { this.$.notice.textContent = this.tr('exportFailed', {detail: detailOf(error)}); }

    get trace() { return this.run.trace; }
    get currentStep() { return this.shown ?? null; }
  }

  // Properties that mirror the attributes (t-index as tIndex, as the DOM names them).
  for (const attr of ATTRIBUTES) {
    if (attr === 'lang') continue; // HTMLElement's own lang already mirrors it
    Object.defineProperty(BackpropGraph.prototype, attr.replace(/-(\w)/g, (_, c) => c.toUpperCase()), {
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
