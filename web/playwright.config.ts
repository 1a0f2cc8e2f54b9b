// End-to-end tests: Debian's Chromium (no browser download) driven by
// Playwright against a real build/audition on a fresh SQLite database, which
// e2e/global-setup.ts starts. One worker: the machine has two cores.
import { defineConfig } from '@playwright/test';

import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH
  ?? ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'].find((p) => existsSync(p));

// The server's port, chosen once here; workers inherit the variable.
process.env.E2E_PORT ??= String(20000 + Math.floor(Math.random() * 20000));
export const BASE_URL = `http://127.0.0.1:${process.env.E2E_PORT}`;

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/output',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 45_000,
  expect: { timeout: 8_000 },
  forbidOnly: !!process.env.CI,
  globalSetup: './e2e/global-setup.ts',
  globalTeardown: './e2e/global-teardown.ts',
  reporter: [['list'], ['junit', { outputFile: process.env.E2E_JUNIT ?? 'test-results/e2e-junit.xml' }]],
  use: {
    baseURL: BASE_URL,
    headless: true,
    video: 'off',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    viewport: { width: 1280, height: 900 },
    launchOptions: {
      executablePath: chromium,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    },
  },
});
