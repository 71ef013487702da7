import { defineConfig } from '@playwright/test'

// The server, database and mail catcher are started by scripts/e2e.ts, which passes
// E2E_BASE_URL and E2E_MAIL_DIR; Playwright only drives Debian's chromium.
export default defineConfig({
  testDir: 'tests/e2e',
  // not test-results/ itself: Playwright empties its outputDir, and the other runners' results live there
  outputDir: 'test-results/playwright-artifacts',
  timeout: 30_000,
  expect: { timeout: 7_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    baseURL: process.env.E2E_BASE_URL ?? 'http://127.0.0.1:3000',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
})
