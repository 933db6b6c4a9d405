// net/net-element.js: <backprop-network>, the network figure for posts.
//
//   <backprop-network data="moons" units="8,8" steps="2000"></backprop-network>
//
// Attributes are the link's keys (net-state.js: data, classes, points,
// noise, seed, units, act, init, lr, batch, shuffle, steps, add), plus lang
// (en | ko; default: the page's <html lang>), theme (auto | light | dark)
// and autoplay. A value that does not read is shown in the figure and the
// default kept. Events: `ready` once, `change` (detail: {state, link}) after
// each change the reader makes. A separate file from <backprop-graph>: a
// post without a network never loads it.
import {createNetworkFigure} from './net-figure.js';
import {adoptLayerSheet} from '../figure/layer-view.js';
import {readNetState, writeNetState, NET_KEYS} from './net-state.js';
import {NET_WORDS} from './net-words.js';
import {tablesTranslator, langOf} from '../words/figure.js';

const OWN = ['lang', 'theme', 'autoplay'];

export function defineBackpropNetwork({loadNet, css, name = 'backprop-network', win = window}) {
  if (win.customElements.get(name)) return win.customElements.get(name);
  let sheet = null;
  let netPromise = null;
  const net = () => (netPromise ??= loadNet().catch((error) => {
    netPromise = null;
    throw error;
  }));

  class BackpropNetwork extends win.HTMLElement {
    static get observedAttributes() { return [...NET_KEYS, ...OWN]; }

    connectedCallback() {
      if (this.shadowRoot) return;
      const root = this.attachShadow({mode: 'open'});
      sheet ??= (() => { const s = new win.CSSStyleSheet(); s.replaceSync(css); return s; })();
      root.adoptedStyleSheets = [sheet];
      adoptLayerSheet(root); // the one point's layer figure
      this.box = this.ownerDocument.createElement('div');
      this.box.className = 'host';
      root.append(this.box);
      this.mount();
    }

    disconnectedCallback() {
      this.figure?.dispose();
      this.figure = null;
      this.shadowRoot?.replaceChildren(this.box);
      this.box.textContent = '';
      this.mounted = false;
    }

    attributeChangedCallback() {
      if (this.mounted && !this.writing) this.mount();
    }

    pairs() {
      const pairs = new URLSearchParams();
      for (const key of NET_KEYS) if (this.hasAttribute(key)) pairs.set(key, this.getAttribute(key));
      return pairs;
    }

    async mount() {
      if (!this.box) return;
      this.mounted = true;
      const token = (this.token = {});
      this.figure?.dispose();
      this.figure = null;
      this.box.textContent = '';
      const lang = langOf(this.getAttribute('lang') || this.ownerDocument.documentElement.lang) ?? 'en';
      const t = tablesTranslator(lang, NET_WORDS);
      this.box.lang = lang;
      let module;
      try {
        module = await net();
      } catch (error) {
        if (token !== this.token) return;
        const p = this.ownerDocument.createElement('p');
        p.className = 'net-error';
        p.setAttribute('role', 'alert');
        p.textContent = `${t('netFailed')} ${error.message ?? error}`;
        this.box.append(p);
        return;
      }
      if (token !== this.token) return;
      const {state, errors} = readNetState(this.pairs());
      for (const e of errors) console.warn(`<backprop-network>: ${e.key}="${this.getAttribute(e.key)}" was not understood (${e.code})`);
      this.figure = createNetworkFigure({host: this.box, net: module, t, state, onState: (s) => this.changed(s)});
      this.figure.showLinkErrors(errors);
      if (this.hasAttribute('autoplay')) this.figure.play();
      if (!this.readySent) {
        this.readySent = true;
        this.toggleAttribute('ready', true);
        this.dispatchEvent(new win.CustomEvent('ready'));
      }
    }

    changed(state) {
      this.dispatchEvent(new win.CustomEvent('change', {detail: {state, link: writeNetState(state)}}));
    }

    get state() { return this.figure?.state ?? null; }
    play() { this.figure?.play(); }
    pause() { this.figure?.pause(); }
  }
  win.customElements.define(name, BackpropNetwork);
  return BackpropNetwork;
}
