// A Playwright fixture: a fresh demo (test issuer, services, window server)
// with an empty CODEX_HOME for each test, and helpers to sign in on the
// issuer's page the way a person would.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { type BrowserContext, type Page, test as base } from '@playwright/test';

import { type Demo, startDemo } from '../demo/demo-server';

export const test = base.extend<{ demo: Demo; window: Page }>({
  // eslint-disable-next-line no-empty-pattern
  demo: async ({}, use) => {
    const demo = await startDemo();
    await use(demo);
    await demo.close();
  },
  window: async ({ page, demo }, use) => {
    await page.goto(demo.windowUrl);
    await use(page);
  },
});

export { expect } from '@playwright/test';

/** Waits for the sign-in tab the window opens. */
export function nextTab(context: BrowserContext): Promise<Page> {
  return context.waitForEvent('page');
}

/** Signs in on the issuer's page in `tab` and waits for the success page. */
export async function signInOnIssuerPage(tab: Page, email: string) {
  await tab.getByLabel('Email').fill(email);
  await tab.getByLabel('Password').fill('any password');
  await tab.getByRole('button', { name: 'Sign in' }).click();
  await tab.waitForURL(/\/success$/);
}

/** auth.json of the demo's CODEX_HOME, parsed. */
export async function readAuthJson(
  demo: Demo,
): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(join(demo.codexHome, 'auth.json'), 'utf8'));
}
