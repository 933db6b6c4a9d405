// The page in English and Korean: the switch, the hash, the browser's
// language, and numbers that do not depend on either.
import {test, expect} from './fixtures.mjs';

test.use({reducedMotion: 'reduce'});

// Every number the page shows: the graph's labels, the step panel's formula,
// the check, the fields. The language must change none of them.
async function numbersOnScreen(page) {
  return page.evaluate(() => ({
    graph: [...document.querySelectorAll('#graphs svg text')].map((e) => e.textContent).filter((s) => /\d|∞|NaN/.test(s)),
    formula: [...document.querySelectorAll('#step-body mn')].map((e) => e.textContent),
    chain: [...document.querySelectorAll('#step-body .chain b')].map((e) => e.textContent),
    check: [...document.querySelectorAll('#check-body .num')].map((e) => `${e.textContent}|${e.dataset.value}`),
    fields: [...document.querySelectorAll('#controls input[type="text"]')].map((e) => e.value),
    ticks: [...document.querySelectorAll('#plot text')].map((e) => e.textContent),
  }));
}

test('switching to 한국어 and back', async ({app, page}) => {
  await app.open('#graph=sigmoid-steps&x=0.5&dout=1&step=7');
  const before = await numbersOnScreen(page);
  const english = await app.status.textContent();

  await test.step('Korean labels, buttons and narration', async () => {
    await page.getByRole('button', {name: '한국어'}).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
    await expect(page.getByRole('heading', {level: 1})).toHaveText('움직이는 역전파');
    await expect(page.getByRole('button', {name: '한국어'})).toHaveAttribute('aria-pressed', 'true');
    for (const name of ['처음으로', '이전 단계', '재생', '다음 단계', '링크 복사']) {
      await expect(page.getByRole('button', {name, exact: true})).toBeVisible();
    }
    await expect(page.getByRole('slider', {name: '단계', exact: true})).toBeVisible();
    await expect(page.getByLabel('속도')).toBeVisible();
    await expect(page.getByRole('checkbox', {name: '전체 정밀도'})).toBeVisible();
    await expect(page.getByRole('radio', {name: 'Sigmoid 단계별'})).toBeChecked();
    await expect(page.getByRole('heading', {name: '이번 단계'})).toBeVisible();
    await expect(page.getByRole('heading', {name: '기울기 확인'})).toBeVisible();
    await expect(app.status).toHaveText('단계 7/8, 역전파: exp 노드에서 상류 −0.3875 × 국소적 미분 0.6065 = −0.2350, 하류 ×(−1) 쪽으로 흘려보냅니다.');
    await expect(page.locator('#step-body h3')).toHaveText(/^역전파: exp\s+단계 7\/8$/);
    await expect(app.node('exp')).toHaveAccessibleName('exp: 값 0.6065, 기울기 −0.3875');
    await page.getByRole('button', {name: '다음 단계'}).click();
    await expect(app.status).toHaveText('단계 8/8, 역전파: ×(−1) 노드에서 상류 −0.2350 × 국소적 미분 (−1) = 0.2350, 하류 x 쪽으로 흘려보냅니다.');
    await page.getByRole('button', {name: '이전 단계'}).click();
    await expect(app.status).toHaveText(/^단계 7\/8/);
  });

  await test.step('the same numbers', async () => {
    expect(await numbersOnScreen(page)).toEqual(before);
  });

  await test.step('lang=ko in the hash, kept by a reload', async () => {
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/(^#|&)lang=ko(&|$)/);
    await page.reload();
    await app.ready();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
    await expect(page.getByRole('button', {name: '재생'})).toBeVisible();
    await expect(app.status).toHaveText(/^준비되었습니다\. 단계 7\/8, 역전파: exp 노드에서/);
    expect(await numbersOnScreen(page)).toEqual(before);
  });

  await test.step('English again: the accessible names the other tests use', async () => {
    await page.getByRole('button', {name: 'English'}).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    for (const button of [app.play, app.stepForward, app.stepBack, app.reset]) await expect(button).toBeVisible();
    await expect(app.timeline).toBeVisible();
    await expect(app.speed).toBeVisible();
    await expect(app.x).toHaveValue('0.5');
    await expect(app.dout).toHaveValue('1');
    await expect(page.getByRole('button', {name: 'Copy link'})).toBeVisible();
    await expect(page.getByRole('checkbox', {name: 'Full precision'})).toBeVisible();
    await expect(app.status).toHaveText(english.replace(/^Ready\. /, '')); // the link changed: no longer "Ready."
    await expect(app.node('exp')).toHaveAccessibleName('exp: value 0.6065, gradient −0.3875');
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/(^#|&)lang=en(&|$)/);
    expect(await numbersOnScreen(page)).toEqual(before);
  });
});

test('Korean messages: a number field, the check, the notes on ∞ and NaN', async ({app, page}) => {
  await app.open('#graph=sigmoid-steps&x=-800&dout=1&lang=ko');
  await expect(page.getByRole('heading', {name: '∞와 NaN은 왜 나올까요?'})).toBeVisible();
  await expect(page.locator('#notes-body')).toContainText('exp(800) 오버플로');
  await expect(page.locator('#notes-body .lesson')).toContainText('그래서 프레임워크는 sigmoid를 하나의 계층으로 묶습니다.');
  await expect(page.locator('#check-body')).toContainText('비교할 수 없습니다');
  await app.x.fill('0,5');
  await expect(app.errorOf('x')).toHaveText("x: 소수점은 ','가 아니라 '.'. 마지막으로 읽은 값(x = -800)을 계속 보여 줍니다.");
  // Switching language says it again in the other one.
  await page.getByRole('button', {name: 'English'}).click();
  await expect(app.errorOf('x')).toHaveText("x: use '.' for decimals, not ','. Still showing x = -800.");
});

test('Korean expression mode: presets, help, and the core\'s parse error framed', async ({app, page}) => {
  await app.open('#graph=expr&expr=(x%2By)*z&vars=x=-2,y=5,z=-4&lang=ko');
  await expect(page.getByRole('radio', {name: '내 수식'})).toBeChecked();
  await expect(page.getByRole('group', {name: '예시'}).getByRole('button')).toHaveText(['(x+y)·z', '뉴런', '사과 쇼핑', 'x·x + exp(x)']);
  await expect(page.getByRole('checkbox', {name: 'σ를 기본 노드로 펼치기'})).toBeVisible();
  await expect(app.status).toHaveText(/^준비되었습니다\. 단계 6\/6, 역전파: /);
  await page.getByRole('textbox', {name: '수식'}).fill('(x+y)*');
  await expect(page.locator('#expr-message')).toHaveText(
    "수식을 읽을 수 없습니다. 계산 코어의 설명(영어): column 7: expected a number, a variable or '(' but the expression ended. 마지막으로 읽은 수식을 계속 보여 줍니다.");
  await expect(page.locator('#check-body th[scope="col"]')).toHaveText(['입력', '역전파', '차분', '상대 오차']);
});

test.describe('without lang= in the hash', () => {
  test('an English browser gets English', async ({app, page}) => {
    await app.open('#graph=relu&x=2&dout=1');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(app.play).toBeVisible();
  });

  test.describe('a Korean browser', () => {
    test.use({locale: 'ko-KR'});
    test('gets Korean, and no lang= until the reader picks one', async ({app, page}) => {
      await app.open('#graph=relu&x=2&dout=1');
      await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
      await expect(app.status).toHaveText('준비되었습니다. 단계 2/2, 역전파: ReLU 노드에서 상류 1 × 국소적 미분 1 = 1, 하류 x 쪽으로 흘려보냅니다.');
      expect(await page.evaluate(() => location.hash)).not.toContain('lang=');
      await page.getByRole('button', {name: 'English'}).click();
      await expect(app.play).toBeVisible();
      await expect.poll(() => page.evaluate(() => location.hash)).toContain('lang=en');
    });
  });
});

// The page's Korean is a file of its own (words-ko.js), fetched the first
// time the page speaks it: an English reader never downloads it, and a
// failed fetch is said, naming the file, while the page goes on in English.
test('the Korean file: fetched only for Korean; when it fails, said, and the page stays English', async ({app, page}) => {
  const asked = [];
  page.on('request', (r) => { if (r.url().endsWith('/words-ko.js')) asked.push(r.url()); });
  await app.open('#graph=sigmoid-steps&x=0.5&dout=1');
  await expect(app.play).toBeVisible();
  expect(asked).toEqual([]);

  await page.route('**/words-ko.js', (route) => route.fulfill({status: 404, body: 'missing'}));
  await page.getByRole('button', {name: '한국어'}).click();
  await expect(app.status).toContainText('words-ko.js');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('button', {name: 'English'})).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('heading', {level: 1})).toHaveText('Backpropagation, live');
  expect(asked.length).toBe(1);
  // The page still works, and Korean comes once the file is there.
  await page.getByLabel('x', {exact: true}).fill('2');
  await expect(page.locator('g.node.input')).toHaveAttribute('data-value', '2');
  await page.unroute('**/words-ko.js');
  await page.getByRole('button', {name: '한국어'}).click();
  await expect(page.getByRole('heading', {level: 1})).toHaveText('움직이는 역전파');
  await expect(page.locator('g.node.input')).toHaveAttribute('data-value', '2');
});
