// A static server for a directory the test made (a packed package's project,
// a generator's site): web/serve.mjs, the project's own, started on a free
// port and stopped by the caller. Its address is what it prints when it
// listens, so nothing waits on a guess.
import {spawn} from 'node:child_process';
import {fileURLToPath} from 'node:url';

const SERVE = fileURLToPath(new URL('../web/serve.mjs', import.meta.url));

// -> {url: 'http://127.0.0.1:PORT/', close()}
export function serveDirectory(root) {
  const server = spawn(process.execPath, [SERVE, '--root', root, '--port', '0'], {stdio: ['ignore', 'pipe', 'inherit']});
  return new Promise((resolve, reject) => {
    let out = '';
    server.on('error', reject);
    server.on('exit', (code) => reject(new Error(`web/serve.mjs exited (${code}) before listening: ${out}`)));
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const m = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) resolve({url: m[1], close: () => server.kill()});
    });
  });
}
