// Bad input never breaks the page: an inline message, the last good state
// on screen, and the page keeps working.
import {test, expect} from './fixtures.mjs';

test.use({reducedMotion: 'reduce'});

const refused = [
  ['empty', '', 'empty: expected a number'],
  ['letters', 'abc', 'not a number'],
  ['too large', '1e999', 'too large for a double'],
  ['decimal comma', '0,5', "use '.' for decimals, not ','"],
  ['a 10,000-character paste', '7'.repeat(10_000), 'too long to be a number'],
];

for (const [what, text, message] of refused) {
  test(`x: ${what} is refused inline and the last good state stays`, async ({app}) => {
    await app.open('#graph=sigmoid&x=0.5&dout=1');
    await app.x.fill(text);
    await expect(app.errorOf('x')).toBeVisible();
    await expect(app.errorOf('x')).toContainText(message);
    await expect(app.errorOf('x')).toContainText('Still showing x = 0.5');
    await expect(app.x).toHaveAttribute('aria-invalid', 'true');
    await expect(app.node('σ')).toHaveAccessibleName('σ: value 0.6225, gradient 1');
    await expect(app.page).toHaveURL(/x=0\.5&/);
    await test.step('and the page keeps working', async () => {
      await app.x.fill('2');
      await expect(app.errorOf('x')).toBeHidden();
      await expect(app.x).not.toHaveAttribute('aria-invalid', 'true');
      await expect(app.node('σ')).toHaveAccessibleName('σ: value 0.8808, gradient 1');
    });
  });
}

test('dL/dy: refused input gets its own message', async ({app}) => {
  await app.open('#graph=relu&x=1&dout=1');
  await app.dout.fill('1,5');
  await expect(app.errorOf('dout')).toHaveText("dL/dy: use '.' for decimals, not ','. Still showing dL/dy = 1.");
  await expect(app.node('x')).toHaveAccessibleName('x: value 1, gradient 1');
  await expect(app.errorOf('x')).toBeHidden();
});

test('a Unicode minus is read as a minus', async ({app}) => {
  await app.open('#graph=relu&x=1&dout=1');
  await app.x.fill('\u22122');
  await expect(app.errorOf('x')).toBeHidden();
  await expect(app.node('x')).toHaveAccessibleName('x: value −2, gradient 0');
  await expect(app.page).toHaveURL(/x=-2&/);
});

test('NaN and inf are numbers, rendered honestly', async ({app}) => {
  await app.open('#graph=sigmoid-steps&x=0.5&dout=1');
  await test.step('NaN', async () => {
    await app.x.fill('NaN');
    await expect(app.errorOf('x')).toBeHidden();
    await expect(app.node('x')).toHaveAccessibleName('x: value NaN, gradient NaN');
    await expect(app.node('x')).toHaveClass(/nonfinite/);
    await expect(app.page.getByRole('region', {name: 'Why ∞ and NaN?'})).toContainText('NaN (not a number)');
  });
  await test.step('-inf', async () => {
    await app.x.fill('-inf');
    await expect(app.node('exp')).toHaveAccessibleName(/^exp: value ∞/);
    await expect(app.page.locator('#check-body')).toContainText('No comparison');
  });
  await test.step('an infinite dL/dy', async () => {
    await app.x.fill('1');
    await app.dout.fill('Infinity');
    await expect(app.node('x')).toHaveAccessibleName('x: value 1, gradient ∞');
  });
});

test('a link\'s values that do not read are named, each left at its default, until the reader changes something', async ({app, page}) => {
  const note = page.locator('#link-note');
  await app.open('#x=1e400&graph=nope&step=abc');
  await expect(note).toHaveText('Not read from the link, so the default is shown instead: x: “1e400” is not a number (too large for a double (beyond 1.8e308)). '
    + 'graph: “nope” is not allowed; use relu, sigmoid, sigmoid-steps, both, expr, layer, network. step: “abc” is not a step; use a whole number from 0, or end.');
  await expect(app.x).toHaveValue('0.5'); // the default
  await app.stepBack.click();
  await expect(note).toBeHidden();

  // A layer's matrices that do not fit: both shapes named in the figure, the example shown, until a change.
  await app.open('#graph=layer&layer=affine&x=1,2&w=1,2,3&b=1,zz');
  await expect(note).toHaveText(/^Not read from the link, so the default is shown instead: b\[1\]: “zz” is not a number/);
  const message = page.locator('.layer-message');
  await expect(message).toHaveText('W is 1×3 but x is (2,): W needs 2 rows, one per column of x. Showing Affine with its example’s matrices instead.');
  await page.setViewportSize({width: 900, height: 800}); // a redraw: still said
  await expect(message).toContainText('W is 1×3 but x is (2,)');
  await app.stepBack.click();
  await expect(note).toBeHidden();
  await expect(message).toBeHidden();
  // Network's keys are its own (its figure says what did not read); a good link says nothing.
  for (const hash of ['#graph=network&units=8,8&lr=0.5', '#graph=relu&x=2']) {
    await app.open(hash);
    await expect(note).toBeHidden();
  }
  await app.open('#lang=ko&x=abc');
  await expect(note).toHaveText('링크에서 읽지 못해 대신 기본값을 보여 줍니다: x: “abc” — 숫자가 아닙니다 (숫자가 아님).');
});
