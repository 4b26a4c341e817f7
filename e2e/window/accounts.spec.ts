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

  await row(TEAM)
    .getByRole('button', { name: /^Switch to/ })
    .click();
  await expect(row(TEAM)).toHaveAttribute('data-active', 'true');
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
