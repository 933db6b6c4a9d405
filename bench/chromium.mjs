// chromium.mjs: what the page benchmarks share: the project's static server
// on a free port, and Debian's Chromium headless with the flags this machine
// needs. Both are stopped by the returned close().
import {chromium} from '@playwright/test';
import {spawn} from 'node:child_process';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function serveAndLaunch(site) {
  const server = spawn(process.execPath, [path.join(root, 'web', 'serve.mjs'), '--root', site, '--port', '0'],
    {stdio: ['ignore', 'pipe', 'inherit']});
  const base = await new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (d) => {
      out += d;
      const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
      if (m) resolve(m[0]);
    });
    server.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run'],
  });
  return {base, browser, close: async () => { await browser.close(); server.kill(); }};
}
