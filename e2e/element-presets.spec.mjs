// The page's expression presets as <backprop-graph expr=… vars=…> figures:
// every node's value and gradient, the output and each input's gradient,
// against the native CLI's --json.
import {execFileSync} from 'node:child_process';
import {test, expect, routeFixtures, allReady} from './embed-fixtures.mjs';
import {pageNumber} from './fixtures.mjs';

const CLI = new URL('../build/native/bin/backprop', import.meta.url).pathname;
const special = {NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity};

function cliExpr(expr, vars, dout) {
  const args = ['trace', '--expr', expr, '--dout', String(dout), '--json'];
  for (const pair of vars.split(',')) args.push('--var', pair);
  return JSON.parse(execFileSync(CLI, args, {encoding: 'utf8'}), (k, v) => (typeof v === 'string' && v in special && k !== 'label' ? special[v] : v));
}

test.use({reducedMotion: 'reduce'});

test('each expression preset in the element matches the CLI', async ({page}) => {
  await routeFixtures(page);
  await page.goto('/fixture/presets.html');
  await allReady(page);
  for (const id of ['sum', 'neuron', 'apples', 'fanout']) {
    await test.step(id, async () => {
      const figure = page.locator(`#${id}`);
      const [expr, vars, dout] = await figure.evaluate((el) => [el.getAttribute('expr'), el.getAttribute('vars'), el.getAttribute('dout') ?? '1']);
      const expected = cliExpr(expr, vars, dout);
      const trace = await figure.evaluate((el) => el.trace);
      expect(trace.output).toBe(expected.output);
      expect(trace.grads).toEqual(expected.grads);
      // What is drawn: each node's full-precision value and gradient.
      const drawn = await figure.evaluate((el) => [...el.shadowRoot.querySelectorAll('[data-value]')]
        .map((n) => [n.getAttribute('data-id'), n.getAttribute('data-value'), n.getAttribute('data-grad')]));
      // Nodes carry their id; edge labels (values and gradients on arrows) do not.
      const withIds = drawn.filter(([nodeId]) => nodeId != null);
      expect(withIds.length).toBe(expected.nodes.length);
      for (const [nodeId, value, grad] of withIds) {
        const node = expected.nodes[Number(nodeId)];
        expect(pageNumber(value)).toBe(node.value);
        if (node.grad === null) expect(grad, `node ${nodeId} (${node.label}) has no gradient`).toBeNull();
        else expect(pageNumber(grad)).toBe(node.grad);
      }
    });
  }
});
