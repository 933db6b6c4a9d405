// Fixtures for the page tests: `app`, a page object opened on a state and
// ready (its data-ready attribute set once the WebAssembly core has drawn the
// first graph), and `cli`, the native CLI's trace for comparison.
import {test as base, expect} from '@playwright/test';
import {execFileSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';

// BACKPROP_CLI names another build of it (as CMake's test_cli is given one).
export const CLI = process.env.BACKPROP_CLI || fileURLToPath(new URL('../build/native/bin/backprop', import.meta.url));
const special = {NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity};

// The CLI's trace, with its non-finite strings turned back into numbers.
export function cliTrace(graph, x, dout) {
  return cliJson(['trace', graph, '--x', String(x), '--dout', String(dout), '--json']);
}

// The same for an expression; vars: {name: value}.
export function cliExprTrace(expr, vars, dout) {
  const args = Object.entries(vars).flatMap(([k, v]) => ['--var', `${k}=${v}`]);
  return cliJson(['trace', '--expr', expr, ...args, '--dout', String(dout), '--json']);
}

function cliJson(args) {
  const text = execFileSync(CLI, args, {encoding: 'utf8'});
  return JSON.parse(text, (k, v) => (typeof v === 'string' && v in special && k !== 'label' ? special[v] : v));
}

// `backprop layer NAME --x … [--w --b --t --t-index --dout] --json`, its
// fields as matrices ({out: [[…]…], …}: a flat vector as one row, the
// mask's true and false as 1 and 0, the loss a number). args: {x: '1,-0.5;-2,3', …}.
export function cliLayer(layer, args) {
  const flags = Object.entries(args).flatMap(([k, v]) => [`--${k}`, v]);
  const json = cliJson(['layer', layer, ...flags, '--json']);
  const rows = (v) => (Array.isArray(v) && !Array.isArray(v[0]) ? [v] : v);
  const out = {};
  for (const [k, v] of Object.entries(json)) out[k] = Array.isArray(v) ? rows(v).map((r) => r.map((c) => (typeof c === 'boolean' ? Number(c) : c))) : v;
  return out;
}

// A full-precision number the page wrote into a data-value attribute, read
// with JavaScript's own Number() rather than the page's parser. The text must
// be exactly what JavaScript prints for that double ("-0" for negative zero,
// "NaN", "Infinity"), so nothing was rounded or padded on the way.
export function pageNumber(text) {
  const value = typeof text === 'string' ? Number(text) : NaN;
  const back = Object.is(value, -0) ? '-0' : String(value);
  if (back !== text) throw new Error(`not a full-precision number on the page: ${JSON.stringify(text)}`);
  return value;
}

export class App {
  constructor(page) {
    this.page = page;
    this.status = page.getByRole('status');
    this.x = page.getByLabel('x', {exact: true});
    this.dout = page.getByLabel('dL/dy');
    this.play = page.getByRole('button', {name: 'Play'});
    this.pause = page.getByRole('button', {name: 'Pause'});
    this.stepForward = page.getByRole('button', {name: 'Step forward'});
    this.stepBack = page.getByRole('button', {name: 'Step back'});
    this.reset = page.getByRole('button', {name: 'Reset'});
    this.timeline = page.getByRole('slider', {name: 'Timeline'});
    this.speed = page.getByLabel('Speed');
    this.graphs = page.locator('#graphs');
    this.errorOf = (field) => page.locator(`#${field}-error`);
  }

  async open(hash = '') {
    await this.page.goto('/' + hash);
    await this.ready();
  }

  async ready() {
    await expect(this.page.locator('#app')).toHaveAttribute('data-ready', 'true');
  }

  // The graph node whose accessible name starts with `op` (in a pane, when given).
  node(op, pane = null) {
    const scope = pane ? this.paneByTitle(pane) : this.graphs;
    return scope.getByRole('img', {name: new RegExp(`^${escape(op)}:`)});
  }

  paneByTitle(title) {
    return this.page.locator('section.pane').filter({has: this.page.getByRole('heading', {name: title, exact: true})});
  }

  async chooseGraph(name) {
    await this.page.getByRole('radio', {name, exact: true}).check();
  }
}

// The page's animation clock, owned by the test (Playwright's clock fakes
// timers, not the document timeline that Web Animations run on). Frozen,
// a number in flight or a pause between steps stays where it is, however
// long the machine takes to answer, until the test finishes it. It reaches
// the animations of the document and of every open shadow root in it (the
// <backprop-graph> figures').
export class AnimationClock {
  constructor(page) {
    this.page = page;
    this.session = null;
  }

  async freeze() {
    this.session ??= await this.page.context().newCDPSession(this.page);
    await this.session.send('Animation.enable');
    await this.session.send('Animation.setPlaybackRate', {playbackRate: 0});
  }

  // Run every animation on the page to its end; returns how many of them
  // the page started from script (see `running` below).
  async finishAll() {
    return this.page.evaluate(`(() => {
      const all = (${running})();
      for (const a of all) a.finish();
      return all.filter((a) => a.scripted).length;
    })()`);
  }

  // How many animations started from script are pending (running or
  // paused, not finished).
  async pending() {
    return this.page.evaluate(`(${running})().filter((a) => a.scripted).length`);
  }

  // Finish animations until none is left: each one finished may start the
  // next (a player's pause after a step, then the next step's travel), so
  // after each round the page runs the callbacks waiting on them (a task
  // later, all their promise reactions are done). Returns how many rounds
  // had an animation started from script; fails if they keep coming.
  async settle(rounds = 100) {
    return this.page.evaluate(`(async () => {
      const all = ${running};
      const nextTask = () => new Promise((resolve) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = resolve;
        channel.port2.postMessage(null);
      });
      let scripted = 0;
      for (let round = 0; round < ${rounds}; round++) {
        const now = all();
        if (!now.length) return scripted;
        if (now.some((a) => a.scripted)) scripted++;
        for (const a of now) a.finish();
        await nextTask();
      }
      throw new Error('animations still running after ${rounds} rounds');
    })()`);
  }
}

// In the page: every animation not yet finished, in the document and in the
// open shadow roots within it (the document's list leaves those out), each
// marked `scripted` unless it is a CSS transition or animation. Those are
// finished too but not counted: whether a style change has started one yet
// depends on whether the browser has rendered a frame since.
function running() {
  const seen = new Set(document.getAnimations());
  const visit = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (!el.shadowRoot) continue;
      for (const a of el.shadowRoot.getAnimations()) seen.add(a);
      visit(el.shadowRoot);
    }
  };
  visit(document);
  return [...seen].filter((a) => a.playState !== 'finished').map((a) => {
    a.scripted = !(a instanceof CSSTransition || a instanceof CSSAnimation);
    return a;
  });
}

// Serve every document of `page` with a strict Content-Security-Policy;
// returns the list the page's CSP complaints collect in.
export async function strictCsp(page) {
  const violations = [];
  page.on('console', (m) => { if (/Content.Security.Policy|Refused to/i.test(m.text())) violations.push(m.text()); });
  await page.route('**/*', async (route) => {
    let response;
    try {
      response = await route.fetch();
    } catch {
      return; // the test has ended with a request in flight (the favicon, say): nothing left to serve
    }
    const headers = {...response.headers()};
    if (route.request().resourceType() === 'document') {
      headers['content-security-policy'] = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:";
    }
    await route.fulfill({response, headers}).catch(() => {}); // (likewise)
  });
  return violations;
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export const test = base.extend({
  app: async ({page}, use) => {
    await use(new App(page));
  },
  clock: async ({page}, use) => {
    await use(new AnimationClock(page));
  },
});
export {expect};

// A layer figure's grid (`id`: out, mask, dx, …) as drawn in `scope` (the
// page, or a <backprop-graph>): each cell's full-precision number read with
// pageNumber, the mask's as 1 and 0, null for a cell not computed yet.
export async function layerGrid(scope, id) {
  const texts = await scope.locator(`section.grid[data-grid="${id}"] table`).evaluate((t) =>
    [...t.rows].map((r) => [...r.cells].map((c) => c.dataset.value ?? (c.querySelector('input')?.value ?? null))));
  return texts.map((row) => row.map((v) => (v == null ? null : v === 'true' ? 1 : v === 'false' ? 0 : pageNumber(v))));
}
