// web/serve.mjs: a small static file server for the built site (node:http,
// no dependencies).
//
//   node web/serve.mjs --root build/site --port 8000
//
// Listens on 127.0.0.1 only; serves files under --root with their MIME types
// (application/wasm for .wasm, so that browsers can compile while
// downloading); refuses paths outside the root; 404 for anything missing;
// Cache-Control: no-cache, so that a rebuild shows on reload. Any path under
// /csp/ serves the same file with a strict Content-Security-Policy header.
import {createServer} from 'node:http';
import {createReadStream} from 'node:fs';
import {stat} from 'node:fs/promises';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const root = path.resolve(option('root', 'build/site'));
const port = Number(option('port', process.env.PORT || 8000));
const host = '127.0.0.1';
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`serve: --port: '${option('port')}' is not a port number`);
  process.exit(2);
}

const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

function send(res, status, text) {
  res.writeHead(status, {'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-cache'});
  res.end(text);
}

const server = createServer(async (req, res) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed\n');
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
  } catch {
    return send(res, 400, 'bad request\n');
  }
  if (pathname.includes('\0')) return send(res, 400, 'bad request\n');
  // /csp/…: the same file, sent with the strict Content-Security-Policy the
  // embed promises to work under (the e2e tests load pages through it).
  const strict = pathname === '/csp' || pathname.startsWith('/csp/');
  if (strict) pathname = pathname.slice(4) || '/';
  if (pathname.endsWith('/')) pathname += 'index.html';
  const file = path.resolve(root, '.' + pathname);
  if (file !== root && !file.startsWith(root + path.sep)) return send(res, 403, 'forbidden\n');
  let info;
  try {
    info = await stat(file);
  } catch {
    return send(res, 404, 'not found\n');
  }
  if (info.isDirectory()) {
    res.writeHead(301, {Location: (strict ? '/csp' : '') + pathname + '/', 'Cache-Control': 'no-cache'});
    return res.end();
  }
  res.writeHead(200, {
    'Content-Type': TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream',
    'Content-Length': info.size,
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
    ...(strict ? {'Content-Security-Policy': STRICT_CSP} : {}),
  });
  if (req.method === 'HEAD') return res.end();
  createReadStream(file).on('error', () => res.destroy()).pipe(res);
});

server.on('error', (error) => {
  console.error(`serve: ${error.code === 'EADDRINUSE' ? `port ${port} is already in use` : error.message}`);
  process.exit(1);
});
server.listen(port, host, () => {
  console.log(`serving ${path.relative(process.cwd(), root) || '.'} at http://${host}:${server.address().port}/`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
