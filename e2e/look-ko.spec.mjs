// How the page and a figure look in Korean, against screenshots kept in
// e2e/__screenshots__/look-ko.spec.mjs/ (made with --update-snapshots; the
// Hangul is drawn by fonts-nanum, which ./dev installs).
import {test, expect, allReady} from './embed-fixtures.mjs';

test.use({reducedMotion: 'reduce'});

test('the page in Korean, at the backward step through the / node', async ({page}) => {
  await page.goto('/#graph=sigmoid-steps&x=0.5&dout=1&step=5&lang=ko');
  await expect(page.locator('#app')).toHaveAttribute('data-ready', 'true');
  const status = page.getByRole('status');
  await expect(status).toHaveText('준비되었습니다. 단계 5/8, 역전파: / 노드에서 상류 1 × 국소적 미분 (−0.3875) = −0.3875, 하류 +1 쪽으로 흘려보냅니다.');
  await expect(page).toHaveScreenshot('page-ko.png', {animations: 'disabled'});
  await expect(status).toHaveText(/^준비되었습니다\. 단계 5\/8/); // the screenshot changed nothing
});

test('a figure in Korean: the demo post\'s Fig. 3', async ({page}) => {
  await page.goto('/demo/');
  await allReady(page);
  const figure = page.locator('#fig3 backprop-graph');
  await expect(figure.getByRole('status').first()).toHaveText('단계 5/8, 역전파: / 노드에서 상류 1 × 국소적 미분 (−0.3875) = −0.3875, 하류 +1 쪽으로 흘려보냅니다.');
  await expect(figure).toHaveScreenshot('figure-ko.png', {animations: 'disabled'});
});
