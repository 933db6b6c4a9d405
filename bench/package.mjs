// bench/package.mjs: the npm package, measured.
//
//   node bench/package.mjs          (after node web/build.mjs)
//
// Prints and writes build/bench-package.json:
//   tarball   what `npm pack` makes (gzip'd tar of dist/, the README and
//             the licence)                                            target <= 160 KB
//   svg       `backprop-viz svg --graph sigmoid-steps --x 0.5 --step 5`,
//             one figure per run, node's start-up included: wall time
//             of the whole process, median of 15 runs (one warm-up)   target median <= 150 ms
import {execFileSync, spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const build = process.env.BUILD_DIR ? path.resolve(process.env.BUILD_DIR) : path.join(root, 'build');
const cli = path.join(root, 'dist', 'backprop-viz.mjs');
if (!existsSync(cli)) {
  console.error('bench/package.mjs: dist/backprop-viz.mjs is missing; run node web/build.mjs first');
  process.exit(1);
}
const TARGETS = {tarballKB: 160, svgMs: 150};
const RUNS = 15;
const round = (v) => Math.round(v * 10) / 10;
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

const tmp = mkdtempSync(path.join(tmpdir(), 'backprop-bench-'));
let packed;
try {
  [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', tmp], {cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']}));
} finally {
  rmSync(tmp, {recursive: true, force: true});
}

const args = [cli, 'svg', '--graph', 'sigmoid-steps', '--x', '0.5', '--step', '5'];
const times = [];
for (let i = 0; i <= RUNS; i++) {
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, {encoding: 'utf8'});
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0 || !run.stdout.includes('aria-label="+1: value 1.6065, gradient −0.3875"')) {
    throw new Error(`backprop-viz svg did not draw Fig. 3: ${run.stderr}`);
  }
  if (i > 0) times.push(ms); // the first run warms the disk cache
}

const results = {
  tarball: {file: packed.filename, bytes: packed.size, KB: round(packed.size / 1024), files: packed.files.length,
    targetKB: TARGETS.tarballKB, ok: packed.size / 1024 <= TARGETS.tarballKB},
  svg: {command: `backprop-viz ${args.slice(1).join(' ')}`, runs: times.length, medianMs: round(median(times)),
    minMs: round(Math.min(...times)), maxMs: round(Math.max(...times)), targetMs: TARGETS.svgMs, ok: median(times) <= TARGETS.svgMs},
};
writeFileSync(path.join(build, 'bench-package.json'), JSON.stringify(results, null, 2) + '\n');
const mark = (ok) => (ok ? 'ok' : 'OVER');
console.log('| npm package | measured | target | |');
console.log('| --- | --- | --- | --- |');
console.log(`| ${packed.filename}, ${packed.files.length} files | ${results.tarball.KB} KB | <= ${TARGETS.tarballKB} KB | ${mark(results.tarball.ok)} |`);
console.log(`| backprop-viz svg, one figure, node start-up included, median of ${RUNS} | ${results.svg.medianMs} ms | <= ${TARGETS.svgMs} ms | ${mark(results.svg.ok)} |`);
console.error(`bench: wrote ${path.relative(process.cwd(), path.join(build, 'bench-package.json'))}`);
