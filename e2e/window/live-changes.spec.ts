// The window follows what the real Codex CLI does to auth.json while the
// app runs, with no reload of the page.

import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { runCodex } from '../codex-cli/codex-cli';
import { authText, chatgptAuth } from '../support/auth-fixtures';
import { expect, test } from './demo-fixture';

test.describe('changes made by Codex while the app runs', () => {
  test('an API-key login and a logout by the CLI show up in the window', async ({
    window,
    demo,
  }) => {
    await expect(
      window.getByRole('button', { name: 'Sign in with ChatGPT' }),
    ).toBeVisible();

    const login = await runCodex(demo.codexHome, ['login', '--with-api-key'], {
      input: 'sk-proj-PLACEHOLDER0000000000ABCDE',
    });
    expect(login.code).toBe(0);
    await expect(window.getByTestId('account-mode')).toContainText(
      'sk-proj-***ABCDE',
    );

    const logout = await runCodex(demo.codexHome, ['logout']);
    expect(logout.stderr).toContain('Successfully logged out');
    await expect(
      window.getByRole('button', { name: 'Sign in with ChatGPT' }),
    ).toBeVisible();
  });

  test('a ChatGPT sign-in written by another program shows up', async ({
    window,
    demo,
  }) => {
    // Written the way Codex writes it: a temporary file renamed over auth.json.
    const temp = join(demo.codexHome, '.auth-XyZ123');
    await writeFile(
      temp,
      authText(chatgptAuth({ email: 'cli@example.com', plan: 'pro' })),
      {
        mode: 0o600,
      },
    );
    await rename(temp, join(demo.codexHome, 'auth.json'));

    await expect(window.getByTestId('account-label')).toHaveText(
      'cli@example.com',
    );
    await expect(window.getByTestId('plan-badge')).toHaveText('Pro');
  });
});
