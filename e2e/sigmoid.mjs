// What a figure of the fused sigmoid must show, from JavaScript's own
// Math.exp (not the C core): y = σ(x) and dL/dx = dL/dy · y(1 − y), as full
// doubles on the node (data-value, data-grad, to the last bit or one ulp
// off: the core has its own exp) and as the figure prints them (4 decimals).
import {expect} from '@playwright/test';

export function sigmoidAt(x, dout = 1) {
  const y = 1 / (1 + Math.exp(-x));
  return {y, dx: dout * y * (1 - y)};
}

const printed = (v) => v.toFixed(4);

export async function expectSigmoidFigure(figure, x, dout = 1) {
  const {y, dx} = sigmoidAt(x, dout);
  const sigma = figure.getByRole('img', {name: /^σ:/});
  const input = figure.getByRole('img', {name: /^x:/});
  await expect(sigma).toHaveAccessibleName(`σ: value ${printed(y)}, gradient ${dout}`);
  await expect(input).toHaveAccessibleName(new RegExp(`, gradient ${printed(dx)}$`));
  expect(Number(await sigma.getAttribute('data-value'))).toBeCloseTo(y, 15);
  expect(Number(await input.getAttribute('data-grad'))).toBeCloseTo(dx, 15);
  await expect(figure.getByText(printed(y), {exact: true}).first()).toBeVisible();
}
