// Playwright: the page served from build/site (run `node web/build.mjs`
// first; ./dev test does), in Debian's Chromium.
import {defineConfig, devices} from '@playwright/test';

// E2E_PORT lets two runs share the machine.
const PORT = Number(process.env.E2E_PORT) || 8123;

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.mjs',
  outputDir: '../build/test-results',
  snapshotPathTemplate: '{testDir}/__screenshots__/{testFileName}/{arg}{ext}',
  workers: 2,
  fullyParallel: true,
  reporter: 'list',
  timeout: 30_000,
  expect: {timeout: 5_000, toHaveScreenshot: {maxDiffPixelRatio: 0.005}},
  // Always: a test.only left in a spec would pass the suite while running one
  // test. To focus locally, name the test instead (spec.mjs:LINE or -g).
  forbidOnly: true,
  use: {
    ...devices['Desktop Chrome'],
    baseURL: `http://127.0.0.1:${PORT}/`,
    viewport: {width: 1280, height: 800},
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--no-first-run'],
    },
    trace: 'retain-on-failure',
  },
  webServer: {
    command: `node web/serve.mjs --root build/site --port ${PORT}`,
    cwd: '..',
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    stdout: 'ignore',
    timeout: 15_000,
  },
});
