// One figure, every host: the page and a <backprop-graph> given the same
// state draw the same graph and say the same words: node names, values
// and gradients, edge labels, the narration and the step's formula.
import {test, expect} from './fixtures.mjs';
import {figureOnBlankPage} from './embed-fixtures.mjs';

test.use({reducedMotion: 'reduce'});

const CASES = [
  {name: 'sigmoid-steps', hash: 'graph=sigmoid-steps&x=0.5&dout=1', attrs: {graph: 'sigmoid-steps', x: '0.5', dout: '1'}, steps: [0, 2, 5, 8]},
  {name: 'relu', hash: 'graph=relu&x=-1.5&dout=2', attrs: {graph: 'relu', x: '-1.5', dout: '2'}, steps: [0, 1, 2]},
  {name: '(x+y)*z', hash: 'graph=expr&expr=(x%2By)*z&vars=x=-2,y=5,z=-4&dout=1', attrs: {expr: '(x+y)*z', vars: 'x=-2,y=5,z=-4', dout: '1'}, steps: [0, 1, 2, 3, 5]},
  {name: 'the neuron', hash: 'graph=expr&expr=sigmoid(w0*x0%20%2B%20w1*x1%20%2B%20w2)&vars=w0=2,x0=-1,w1=-3,x1=-2,w2=-3&dout=1',
    attrs: {expr: 'sigmoid(w0*x0 + w1*x1 + w2)', vars: 'w0=2,x0=-1,w1=-3,x1=-2,w2=-3', dout: '1'}, steps: [0, 3, 6, 9, 12]},
  {name: 'fan-out', hash: 'graph=expr&expr=x*x%20%2B%20exp(x)&vars=x=0.5&dout=2', attrs: {expr: 'x*x + exp(x)', vars: 'x=0.5', dout: '2'}, steps: [0, 2, 4, 5, 6, 7]},
];

// What a figure shows, read the same way in either host.
function drawn(root) {
  const svg = root.querySelector('svg.graph');
  return {
    nodes: [...svg.querySelectorAll('g.node')].map((g) => [g.getAttribute('aria-label'), g.getAttribute('data-value'), g.getAttribute('data-grad')]),
    labels: [...svg.querySelectorAll('g.edge')].map((g) => [g.getAttribute('data-key'), ...[...g.querySelectorAll('text.label')].map((t) => t.textContent)]),
    terminal: svg.querySelector('text.terminal')?.textContent,
  };
}

for (const c of CASES) {
  test(`${c.name}: the page and the element show the same figure`, async ({app, page, context}) => {
    const element = await context.newPage();
    const figure = await figureOnBlankPage(element, c.attrs);
    for (const step of c.steps) {
      await test.step(`step ${step}`, async () => {
        await app.open(`#${c.hash}&step=${step}`);
        await figure.evaluate((el, s) => el.setAttribute('step', String(s)), step);
        await expect(figure.locator('svg.graph')).toHaveAttribute('data-step', String(step));
        const onPage = await page.evaluate(drawn, await page.locator('#graphs section.pane').first().elementHandle());
        const inElement = await figure.evaluate((el, f) => (0, eval)(`(${f})`)(el.shadowRoot), drawn.toString());
        expect(inElement.nodes.length).toBeGreaterThan(1);
        expect(inElement).toEqual(onPage);
        const narration = await figure.locator('.narration').textContent();
        // The page says "Ready." before it until the reader changes something.
        await expect(app.status).toHaveText(new RegExp(`^(Ready\\. )?${narration.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
        expect(narration).toMatch(new RegExp(`^Step ${step} of \\d+`));
        await expect(page.locator('#chain-line')).toHaveText(await figure.locator('.formula').textContent());
      });
    }
  });
}
