// The demo post (/demo/) against the reference post, Backpropagation-3: each
// of Fig. 1-8 shows the graph, the step and the active node its caption
// names, and its numbers are the native CLI's at that step.
//
// The facts below are written out from the reference post: its graphs, the
// step each figure stops at (1-4 forward through ×(−1), exp, +1 and /, then
// 5-8 backward through /, +1, exp and ×(−1)), and the number each step
// carries at x = 0.5, dL/dy = 1 (y = 1/(1 + e^−0.5) = 0.6225; through the /
// node −y² = −0.3875; through +1 unchanged; through exp × e^−0.5 = −0.2350;
// through ×(−1) 0.2350 = dL/dy · y(1 − y)).
import {test, expect, allReady, figureShows, cliAtStep, shownNumbers} from './embed-fixtures.mjs';
import {cliTrace} from './fixtures.mjs';

test.use({reducedMotion: 'reduce'});

const STEPS_OPS = ['input', 'scale', 'exp', 'add_const', 'recip'];
const STEPS_NAMES = ['x', '×(−1)', 'exp', '+1', '/'];

// fig: the caption's number; nth: which figure under it; carries: the
// number the active step moves, to four decimals (forward: the active
// node's output; backward: the gradient it sends downstream).
const FIGURES = [
  {fig: 1, nth: 0, caption: 'ReLU 계층의 순전파(검은 실선)와 역전파(주황 점선)', title: 'ReLU: 계산 그래프',
    graph: 'relu', x: 2, dout: 1.5, step: 2, count: 2, ops: ['input', 'relu'], names: ['x', 'ReLU'],
    active: ['backward', 'ReLU', 'x'], carries: '1.5000', // x > 0: the upstream value unchanged
    narration: '단계 2/2, 역전파: ReLU 노드에서 상류 1.5000 × 국소적 미분 1 = 1.5000, 하류 x 쪽으로 흘려보냅니다.'},
  {fig: 1, nth: 1, caption: 'ReLU 계층의 순전파(검은 실선)와 역전파(주황 점선)', title: 'ReLU: 계산 그래프',
    graph: 'relu', x: -1, dout: 1.5, step: 2, count: 2, ops: ['input', 'relu'], names: ['x', 'ReLU'],
    active: ['backward', 'ReLU', 'x'], carries: '0.0000', // x ≤ 0: nothing (0) downstream
    narration: '단계 2/2, 역전파: ReLU 노드에서 상류 1.5000 × 국소적 미분 0 = 0, 하류 x 쪽으로 흘려보냅니다.'},
  {fig: 2, nth: 0, caption: 'Sigmoid 계층의 순전파', title: 'Sigmoid 단계별: 계산 그래프',
    graph: 'sigmoid-steps', x: 0.5, dout: 1, step: 4, count: 8, ops: STEPS_OPS, names: STEPS_NAMES,
    active: ['forward', '/', null], carries: '0.6225',
    narration: '단계 4/8, 순전파: / 노드의 출력 0.6225.'},
  {fig: 3, nth: 0, caption: '나눗셈 노드의 역전파', title: 'Sigmoid 단계별: 계산 그래프',
    graph: 'sigmoid-steps', x: 0.5, dout: 1, step: 5, count: 8, ops: STEPS_OPS, names: STEPS_NAMES,
    active: ['backward', '/', '+1'], carries: '-0.3875',
    narration: '단계 5/8, 역전파: / 노드에서 상류 1 × 국소적 미분 (−0.3875) = −0.3875, 하류 +1 쪽으로 흘려보냅니다.'},
  {fig: 4, nth: 0, caption: '덧셈 노드의 역전파', title: 'Sigmoid 단계별: 계산 그래프',
    graph: 'sigmoid-steps', x: 0.5, dout: 1, step: 6, count: 8, ops: STEPS_OPS, names: STEPS_NAMES,
    active: ['backward', '+1', 'exp'], carries: '-0.3875',
    narration: '단계 6/8, 역전파: +1 노드에서 상류 −0.3875 × 국소적 미분 1 = −0.3875, 하류 exp 쪽으로 흘려보냅니다.'},
  {fig: 5, nth: 0, caption: 'Exponential 노드의 역전파', title: 'Sigmoid 단계별: 계산 그래프',
    graph: 'sigmoid-steps', x: 0.5, dout: 1, step: 7, count: 8, ops: STEPS_OPS, names: STEPS_NAMES,
    active: ['backward', 'exp', '×(−1)'], carries: '-0.2350',
    narration: '단계 7/8, 역전파: exp 노드에서 상류 −0.3875 × 국소적 미분 0.6065 = −0.2350, 하류 ×(−1) 쪽으로 흘려보냅니다.'},
  {fig: 6, nth: 0, caption: '곱셈 노드의 역전파: Sigmoid 계층의 역전파 계산 그래프 완성', title: 'Sigmoid 단계별: 계산 그래프',
    graph: 'sigmoid-steps', x: 0.5, dout: 1, step: 8, count: 8, ops: STEPS_OPS, names: STEPS_NAMES,
    active: ['backward', '×(−1)', 'x'], carries: '0.2350',
    narration: '단계 8/8, 역전파: ×(−1) 노드에서 상류 −0.2350 × 국소적 미분 (−1) = 0.2350, 하류 x 쪽으로 흘려보냅니다.'},
  {fig: 7, nth: 0, caption: 'Sigmoid 계층의 역전파: ∂L/∂y · y² · exp(−x)와 같은 값', title: 'Sigmoid: 계산 그래프',
    graph: 'sigmoid', x: 0.5, dout: 1, step: 2, count: 2, ops: ['input', 'sigmoid'], names: ['x', 'σ'],
    active: ['backward', 'σ', 'x'], carries: '0.2350',
    narration: '단계 2/2, 역전파: σ 노드에서 상류 1 × 국소적 미분 0.2350 = 0.2350, 하류 x 쪽으로 흘려보냅니다.'},
  {fig: 8, nth: 0, caption: 'Sigmoid 계층의 역전파: 순전파의 출력 y만으로 계산한 역전파', title: 'Sigmoid: 계산 그래프',
    graph: 'sigmoid', x: 0.5, dout: 1, step: 2, count: 2, ops: ['input', 'sigmoid'], names: ['x', 'σ'],
    active: ['backward', 'σ', 'x'], carries: '0.2350',
    narration: '단계 2/2, 역전파: σ 노드에서 상류 1 × 국소적 미분 0.2350 = 0.2350, 하류 x 쪽으로 흘려보냅니다.'},
];

const figureOf = (page, fig, nth) => page.locator('figure').filter({hasText: `Fig. ${fig}.`}).locator('backprop-graph').nth(nth);

test('Fig. 1-8 show what their captions name, with the CLI\'s numbers', async ({page}) => {
  await page.goto('/demo/');
  await allReady(page);
  for (const f of FIGURES) {
    await test.step(`Fig. ${f.fig}${f.nth ? ` (figure ${f.nth + 1})` : ''}: ${f.caption}`, async () => {
      const figure = figureOf(page, f.fig, f.nth);
      await expect(page.locator('figure').filter({hasText: `Fig. ${f.fig}.`}).locator('figcaption')).toContainText(f.caption);
      await expect(figure.getByRole('group', {name: f.title, exact: true})).toBeVisible();
      const shown = await figureShows(figure);
      expect({graph: shown.graph, step: shown.step, count: shown.count, inputs: shown.inputs, dout: shown.dout})
        .toEqual({graph: f.graph, step: f.step, count: f.count, inputs: {x: f.x}, dout: f.dout});
      expect(shown.nodes.map((n) => n.op)).toEqual(f.ops);
      expect(shown.nodes.map((n) => n.name.split(':')[0])).toEqual(f.names);
      expect(shown.narration).toBe(f.narration);

      const cli = cliTrace(f.graph, f.x, f.dout);
      const active = cli.steps[f.step - 1];
      const label = (id) => cli.nodes[id].label;
      expect([active.phase, label(active.node), active.phase === 'backward' ? label(active.to) : null]).toEqual(f.active);
      const carried = active.phase === 'forward' ? active.value : active.grad;
      expect(carried.toFixed(4)).toBe(f.carries);
      expect(shownNumbers(shown)).toEqual(cliAtStep(cli, f.step));
    });
  }
});

test('Fig. 7\'s ∂L/∂x is ∂L/∂y · y² · exp(−x), the same as Fig. 6\'s', async ({page}) => {
  await page.goto('/demo/');
  await allReady(page);
  const dx = (fig) => figureOf(page, fig, 0).getByRole('img', {name: /^x:/});
  const fused = Number(await dx(7).getAttribute('data-grad'));
  const y = Number(await figureOf(page, 7, 0).getByRole('img', {name: /^σ:/}).getAttribute('data-value'));
  // Two roundings apart at most: y² · exp(−x) in doubles vs the core's y(1 − y).
  expect(Math.abs(fused - y * y * Math.exp(-0.5))).toBeLessThanOrEqual(4 * Number.EPSILON * fused);
  await expect(dx(6)).toHaveAccessibleName('x: 값 0.5000, 기울기 0.2350');
  await expect(dx(7)).toHaveAccessibleName('x: 값 0.5000, 기울기 0.2350');
});
