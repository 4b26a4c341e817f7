// End-to-end tests in Debian's Chromium (Playwright can't download its own
// browsers here). One worker: sign-in tests share the callback ports.
import { defineConfig } from '@playwright/test';

export const CHROMIUM_PATH =
  process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Debian's Chromium on a closed network: no background traffic, no GPU. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
    },
    trace: 'off',
  },
});
