// Fixtures for the embed tests: host pages from e2e/pages/ served under
// /fixture/ (routed by the test, so they never ship in build/site), and a
// `figure(id)` helper that finds a <backprop-graph> and waits for it.
import {test as base, expect} from '@playwright/test';
import {readFileSync} from 'node:fs';

const PAGES = new URL('./pages/', import.meta.url);
const TYPES = {html: 'text/html; charset=utf-8', css: 'text/css', js: 'text/javascript'};

export async function routeFixtures(page, {csp = null} = {}) {
  await page.route('**/fixture/**', (route) => {
    const name = new URL(route.request().url()).pathname.replace(/^\/fixture\//, '');
    if (!/^[\w.-]+$/.test(name)) return route.fulfill({status: 404, body: 'not found'});
    const headers = {'Content-Type': TYPES[name.split('.').pop()] || 'application/octet-stream'};
    if (csp && name.endsWith('.html')) headers['Content-Security-Policy'] = csp;
    return route.fulfill({status: 200, headers, body: readFileSync(new URL(name, PAGES))});
  });
}

// Every <backprop-graph> on the page has set its ready attribute.
export async function allReady(page) {
  await expect.poll(() => page.evaluate(() => {
    const all = [...document.querySelectorAll('backprop-graph')];
    return all.length > 0 && all.every((f) => f.hasAttribute('ready'));
  })).toBe(true);
}

export const test = base.extend({
  figure: async ({page}, use) => {
    await use((selector) => page.locator(selector));
  },
});
export {expect};
