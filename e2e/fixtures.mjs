// Fixtures for the page tests: `app`, a page object opened on a state and
// ready (its data-ready attribute set once the WebAssembly core has drawn the
// first graph), and `cli`, the native CLI's trace for comparison.
import {test as base, expect} from '@playwright/test';
import {execFileSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';

export const CLI = fileURLToPath(new URL('../build/native/bin/backprop', import.meta.url));
const special = {NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity};

// The CLI's trace, with its non-finite strings turned back into numbers.
export function cliTrace(graph, x, dout) {
  const text = execFileSync(CLI, ['trace', graph, '--x', String(x), '--dout', String(dout), '--json'], {encoding: 'utf8'});
  return JSON.parse(text, (k, v) => (typeof v === 'string' && v in special && k !== 'label' ? special[v] : v));
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
// long the machine takes to answer, until the test finishes it.
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

  // Run every animation on the page to its end; returns how many there were.
  async finishAll() {
    return this.page.evaluate(() => {
      const all = document.getAnimations();
      for (const a of all) a.finish();
      return all.length;
    });
  }

  // How many animations are pending (running or paused, not finished).
  async pending() {
    return this.page.evaluate(() => document.getAnimations().length);
  }
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
