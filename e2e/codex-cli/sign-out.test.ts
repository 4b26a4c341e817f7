// A sign-out by either program is a sign-out for the other.

import { access, readdir } from 'node:fs/promises';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { AuthStatus } from '../../shared/account';
import { authText, chatgptAuth } from '../support/auth-fixtures';
import { QUIET_ENVIRONMENT, seedAuthFile } from '../support/temp-home';
import { makeTestHome, openServices, type TestHome } from './app-home';
import { CLOSED_REVOKE_URL, runCodex } from './codex-cli';

function signedOut(
  home: TestHome,
  accounts: AuthStatus['accounts'] = [],
): AuthStatus {
  return {
    revision: expect.any(Number),
    codexHome: { path: home.codexHome, source: 'env' },
    state: 'signed_out',
    account: null,
    problem: null,
    readAt: expect.any(String),
    signIn: { phase: 'idle' },
    accounts,
    storage: { encrypted: false, weak: false },
    lastSwitch: null,
    environment: QUIET_ENVIRONMENT,
  };
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

describe('signing out', () => {
  let home: TestHome;

  beforeEach(async () => {
    home = await makeTestHome();
    await seedAuthFile(home.codexHome, authText(chatgptAuth()));
  });
  afterEach(async () => {
    await home.cleanup();
  });

  it('with codex logout leaves our manager signed out on reload', async () => {
    const services = await openServices(home);
    const before = services.manager.snapshot().state;

    // Codex revokes the refresh token first; the closed local port makes
    // that fail at once, and Codex signs out anyway.
    const codex = await runCodex(home.codexHome, ['logout'], {
      env: { CODEX_REVOKE_TOKEN_URL_OVERRIDE: CLOSED_REVOKE_URL },
    });
    const status = await services.manager.reload();
    await services.dispose();

    expect(before).toBe('signed_in');
    expect(codex).toEqual({
      code: 0,
      stdout: '',
      stderr: 'Successfully logged out\n',
    });
    expect(await exists(home.authFile)).toBe(false);
    // The account stays saved (inactive): Codex's logout is not ours.
    const kept = [
      expect.objectContaining({
        key: 'chatgpt:ws-personal-alice:user-alice',
        isActive: false,
      }),
    ];
    expect(status).toEqual(signedOut(home, kept));
    expect(services.manager.snapshot()).toEqual(signedOut(home, kept));
  });

  it('with codex logout when nobody is signed in says so and succeeds', async () => {
    await runCodex(home.codexHome, ['logout']);

    const codex = await runCodex(home.codexHome, ['logout']);

    expect(codex).toEqual({ code: 0, stdout: '', stderr: 'Not logged in\n' });
  });

  it('with our manager makes codex login status say Not logged in', async () => {
    const services = await openServices(home);

    const status = await services.manager.signOut();
    const codex = await runCodex(home.codexHome, ['login', 'status']);
    await services.dispose();

    expect(codex).toEqual({ code: 1, stdout: '', stderr: 'Not logged in\n' });
    expect(await exists(home.authFile)).toBe(false);
    expect((await readdir(home.codexHome)).sort()).toEqual([
      'auth.json.lock',
      'auth.lock',
    ]);
    expect(status).toEqual(signedOut(home));
    expect(services.manager.snapshot()).toEqual(signedOut(home));
  });
});
