// bench/package.mjs: the npm package, measured.
//
//   node bench/package.mjs          (after node web/build.mjs)
//
// Prints and writes build/bench-package.json:
//   tarball   what `npm pack` makes (gzip'd tar of dist/, the README and
//             the licence)                                            target <= 150 KB
//   svg       `backprop-viz svg --graph sigmoid-steps --x 0.5 --step 5`,
//             and a layer's, `--layer affine` (the book's batch),
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
const TARGETS = {tarballKB: 150, svgMs: 150};
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

// Wall times of RUNS runs of the command with `args` (after one warm-up),
// each checked for `mark` in its output.
function timed(args, mark) {
  const times = [];
  for (let i = 0; i <= RUNS; i++) {
    const start = process.hrtime.bigint();
    const run = spawnSync(process.execPath, [cli, ...args], {encoding: 'utf8'});
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (run.status !== 0 || !run.stdout.includes(mark)) throw new Error(`backprop-viz ${args.join(' ')} did not draw its figure: ${run.stderr}`);
    if (i > 0) times.push(ms); // the first run warms the disk cache
  }
  return times;
}
const figures = [
  {what: 'Fig. 3', args: ['svg', '--graph', 'sigmoid-steps', '--x', '0.5', '--step', '5'], mark: 'aria-label="+1: value 1.6065, gradient −0.3875"'},
  // The book's batch: out = x·W + b, its first cell 1·0.1 + 0.5·0.2 + 0.1 = 0.3.
  {what: 'Affine layer', args: ['svg', '--layer', 'affine', '--x', '1,0.5;-1,2', '--w', '0.1,0.3,0.5;0.2,0.4,0.6', '--b', '0.1,0.2,0.3', '--dout', '1,2,3;4,5,6'], mark: '>0.3000</text>'},
];

const results = {
  tarball: {file: packed.filename, bytes: packed.size, KB: round(packed.size / 1024), files: packed.files.length,
    targetKB: TARGETS.tarballKB, ok: packed.size / 1024 <= TARGETS.tarballKB},
  svg: figures.map(({what, args, mark}) => {
    const times = timed(args, mark);
    return {what, command: `backprop-viz ${args.join(' ')}`, runs: times.length, medianMs: round(median(times)),
      minMs: round(Math.min(...times)), maxMs: round(Math.max(...times)), targetMs: TARGETS.svgMs, ok: median(times) <= TARGETS.svgMs};
  }),
};
writeFileSync(path.join(build, 'bench-package.json'), JSON.stringify(results, null, 2) + '\n');
const mark = (ok) => (ok ? 'ok' : 'OVER');
console.log('| npm package | measured | target | |');
console.log('| --- | --- | --- | --- |');
console.log(`| ${packed.filename}, ${packed.files.length} files | ${results.tarball.KB} KB | <= ${TARGETS.tarballKB} KB | ${mark(results.tarball.ok)} |`);
for (const r of results.svg) {
  console.log(`| backprop-viz svg, ${r.what}, node start-up included, median of ${RUNS} | ${r.medianMs} ms | <= ${TARGETS.svgMs} ms | ${mark(r.ok)} |`);
}
console.error(`bench: wrote ${path.relative(process.cwd(), path.join(build, 'bench-package.json'))}`);
