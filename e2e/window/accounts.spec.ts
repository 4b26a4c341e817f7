// Two accounts added through the issuer's page, then switched in the
// window and through the handler the tray menu calls; after each switch
// auth.json and `codex login status` agree with what the window shows.

import { loginStatusVerdict, runCodex } from '../codex-cli/codex-cli';
import {
  expect,
  nextTab,
  readAuthJson,
  signInOnIssuerPage,
  test,
} from './demo-fixture';

const PLUS = 'chatgpt:ws-personal-plus:user-plus';
const TEAM = 'chatgpt:ws-team-acme:user-team';

test('adds two accounts and switches between them', async ({
  window,
  demo,
  context,
}) => {
  const row = (key: string) =>
    window.locator(`[data-testid="account-row"][data-key="${key}"]`);
  const liveWorkspace = async () =>
    ((await readAuthJson(demo))['tokens'] as Record<string, unknown>)[
      'account_id'
    ];

  let tab = nextTab(context);
  await window.getByRole('button', { name: 'Sign in with ChatGPT' }).click();
  await signInOnIssuerPage(await tab, 'plus@example.com');
  await expect(row(PLUS)).toHaveAttribute('data-active', 'true');

  tab = nextTab(context);
  await expect(
    window.getByRole('checkbox', { name: 'Use it now' }),
  ).not.toBeChecked();
  await window.getByRole('button', { name: 'Add account' }).click();
  await signInOnIssuerPage(await tab, 'team@example.com');
  await expect(row(TEAM)).toHaveAttribute('data-active', 'false');
  expect(await liveWorkspace()).toBe('ws-personal-plus');

  const heights = async () =>
    Promise.all(
      [row(PLUS), row(TEAM)].map(async (r) => (await r.boundingBox())?.height),
    );
  // Rows far from view are sized by a placeholder until a frame has drawn
  // them (content-visibility); measure once two frames have passed.
  await window.evaluate(
    'new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))',
  );
  const heightsBefore = await heights();
  await row(TEAM)
    .getByRole('button', { name: /^Switch to/ })
    .click();
  await expect(row(TEAM)).toHaveAttribute('data-active', 'true');
  // The Active mark moved; no row grew or shrank (nothing below them moves).
  expect(await heights()).toEqual(heightsBefore);
  await expect(window.getByTestId('switch-notice')).toContainText(/running/i);
  expect(await liveWorkspace()).toBe('ws-team-acme');
  expect(
    loginStatusVerdict(await runCodex(demo.codexHome, ['login', 'status'])),
  ).toBe('chatgpt');

  const fromTray = await demo.services.handlers['accounts:switch']({
    key: PLUS,
  });
  expect(fromTray.ok).toBe(true);
  await expect(row(PLUS)).toHaveAttribute('data-active', 'true');
  await expect(window.getByTestId('account-label').first()).toHaveText(
    'plus@example.com',
  );
  expect(await liveWorkspace()).toBe('ws-personal-plus');
  expect(
    loginStatusVerdict(await runCodex(demo.codexHome, ['login', 'status'])),
  ).toBe('chatgpt');
});
