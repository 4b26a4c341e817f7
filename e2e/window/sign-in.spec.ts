import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';

import {
  expect,
  nextTab,
  readAuthJson,
  signInOnIssuerPage,
  test,
} from './demo-fixture';

function holdPort(port: number): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer((_req, res) => res.end('someone else'));
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

function release(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

test.describe('the window', () => {
  test('signs in with ChatGPT and shows email, plan and workspace kind', async ({
    window,
    demo,
    context,
  }) => {
    const tab = nextTab(context);
    await window.getByRole('button', { name: 'Sign in with ChatGPT' }).click();
    const signInTab = await tab;
    await signInOnIssuerPage(signInTab, 'plus@example.com');

    await expect(window.getByTestId('account-label')).toHaveText(
      'plus@example.com',
    );
    await expect(window.getByTestId('plan-badge')).toHaveText('Plus');
    await expect(window.getByTestId('account-kind')).toContainText('Personal');
    await expect(window.getByTestId('account-mode')).toContainText('ChatGPT');
    expect(signInTab.url()).toBe('http://localhost:1455/success');
    const auth = await readAuthJson(demo);
    expect(auth['auth_mode']).toBe('chatgpt');
    expect(JSON.stringify(await window.content())).not.toContain(
      String((auth['tokens'] as Record<string, unknown>)['refresh_token']),
    );
  });

  test('signs out after a confirmation', async ({ window, demo, context }) => {
    const tab = nextTab(context);
    await window.getByRole('button', { name: 'Sign in with ChatGPT' }).click();
    await signInOnIssuerPage(await tab, 'team@example.com');
    await expect(window.getByTestId('account-kind')).toContainText('Workspace');

    await window.getByRole('button', { name: 'Sign out' }).click();
    await window.getByRole('button', { name: 'Sign out' }).last().click();

    await expect(
      window.getByRole('button', { name: 'Sign in with ChatGPT' }),
    ).toBeVisible();
    await expect(stat(join(demo.codexHome, 'auth.json'))).rejects.toThrow();
  });

  test('saves an API key and shows the mode', async ({ window, demo }) => {
    await window.getByRole('button', { name: 'Use an API key' }).click();
    const field = window.getByLabel('OpenAI API key');
    await expect(field).toHaveAttribute('type', 'password');
    await field.fill('sk-proj-PLACEHOLDER0000000000ABCDE');
    await window.getByRole('button', { name: 'Save API key' }).click();

    await expect(window.getByTestId('account-mode')).toContainText('API key');
    await expect(window.getByTestId('account-mode')).toContainText(
      'sk-proj-***ABCDE',
    );
    expect(await readAuthJson(demo)).toEqual({
      auth_mode: 'apikey',
      OPENAI_API_KEY: 'sk-proj-PLACEHOLDER0000000000ABCDE',
    });
  });

  test('cancels a waiting sign-in and writes nothing', async ({
    window,
    demo,
    context,
  }) => {
    const tab = nextTab(context);
    await window.getByRole('button', { name: 'Sign in with ChatGPT' }).click();
    await tab;
    await expect(window.getByRole('button', { name: 'Cancel' })).toBeVisible();

    await window.getByRole('button', { name: 'Cancel' }).click();

    await expect(
      window.getByRole('button', { name: 'Sign in with ChatGPT' }),
    ).toBeVisible();
    await expect(window.getByText(/cancelled/i)).toBeVisible();
    await expect(stat(join(demo.codexHome, 'auth.json'))).rejects.toThrow();
    await release(await holdPort(1455));
  });

  test('completes on port 1457 when another program holds 1455', async ({
    window,
    demo,
    context,
  }) => {
    const holder = await holdPort(1455);
    try {
      const tab = nextTab(context);
      await window
        .getByRole('button', { name: 'Sign in with ChatGPT' })
        .click();
      const signInTab = await tab;
      await signInTab.getByLabel('Email').fill('plus@example.com');
      await signInTab.getByLabel('Password').fill('x');
      await signInTab.getByRole('button', { name: 'Sign in' }).click();
      await signInTab.waitForURL('http://localhost:1457/success');

      await expect(window.getByTestId('account-label')).toHaveText(
        'plus@example.com',
      );
      expect((await readAuthJson(demo))['auth_mode']).toBe('chatgpt');
    } finally {
      await release(holder);
    }
  });

  test('says both ports are busy within a second and opens no tab', async ({
    window,
    context,
  }) => {
    const holders = await Promise.all([holdPort(1455), holdPort(1457)]);
    try {
      const pagesBefore = context.pages().length;
      const started = Date.now();

      await window
        .getByRole('button', { name: 'Sign in with ChatGPT' })
        .click();
      await expect(window.getByRole('alert')).toContainText('1455 and 1457', {
        timeout: 1000,
      });

      expect(Date.now() - started).toBeLessThan(1000);
      expect(context.pages()).toHaveLength(pagesBefore);
    } finally {
      await Promise.all(holders.map(release));
    }
  });
});
