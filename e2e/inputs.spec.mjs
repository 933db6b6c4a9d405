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
