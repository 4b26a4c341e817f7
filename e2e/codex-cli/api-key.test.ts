// An API key passes both ways between Codex Accounts and the Codex CLI.

import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { AccountSummary, AuthStatus } from '../../shared/account';
import { QUIET_ENVIRONMENT } from '../support/temp-home';
import { makeTestHome, openServices, type TestHome } from './app-home';
import { runCodex } from './codex-cli';

const KEY = 'sk-proj-INTEROP-PLACEHOLDER-0000ABCDE';
const MASK = 'sk-proj-***ABCDE';

/** auth.json as Codex 0.171 writes an API key, byte for byte. */
const CODEX_API_KEY_FILE = `{\n  "auth_mode": "apikey",\n  "OPENAI_API_KEY": "${KEY}"\n}`;

/** How our summaries describe that key. */
const KEY_SUMMARY: AccountSummary = {
  mode: 'apikey',
  modeReason: 'auth_mode_field',
  email: null,
  label: `API key ${MASK}`,
  plan: null,
  workspaceId: null,
  shortWorkspaceId: null,
  userId: null,
  accessTokenExpiresAt: null,
  lastRefresh: null,
  canRefresh: false,
  apiKeyMask: MASK,
};

function signedInWithKey(home: TestHome): AuthStatus {
  return {
    revision: expect.any(Number),
    codexHome: { path: home.codexHome, source: 'env' },
    state: 'signed_in',
    account: KEY_SUMMARY,
    problem: null,
    readAt: expect.any(String),
    signIn: { phase: 'idle' },
    accounts: [
      {
        key: expect.stringMatching(/^apikey:[0-9a-f]{16}$/),
        label: null,
        summary: KEY_SUMMARY,
        isActive: true,
        blockedReason: null,
        needsSignIn: false,
      },
    ],
    storage: { encrypted: false, weak: false },
    lastSwitch: null,
    environment: QUIET_ENVIRONMENT,
  };
}

describe('an API key', () => {
  let home: TestHome;

  beforeEach(async () => {
    home = await makeTestHome();
  });
  afterEach(async () => {
    await home.cleanup();
  });

  it('saved by us is the key codex login status reports, in the file Codex writes', async () => {
    const services = await openServices(home);

    const status = await services.manager.signInWithApiKey(KEY);
    const codex = await runCodex(home.codexHome, ['login', 'status']);
    await services.dispose();

    expect(codex).toEqual({
      code: 0,
      stdout: '',
      stderr: `API key configured - ${MASK}\nAuthentication is checked when you send a request.\n`,
    });
    expect(await readFile(home.authFile, 'utf8')).toBe(CODEX_API_KEY_FILE);
    expect((await stat(home.authFile)).mode & 0o777).toBe(0o600);
    expect(status).toEqual(signedInWithKey(home));
    expect(services.manager.snapshot()).toEqual(signedInWithKey(home));
    expect(home.logLines.filter((line) => line.includes(KEY))).toEqual([]);
  });

  it('saved by us is byte for byte what codex login --with-api-key saves', async () => {
    const services = await openServices(home);
    const codexOnly = join(home.dataDir, 'codex-only-home');
    await mkdir(codexOnly, { mode: 0o700 });

    await services.manager.signInWithApiKey(KEY);
    await runCodex(codexOnly, ['login', '--with-api-key'], { input: KEY });
    await services.dispose();

    expect(await readFile(home.authFile, 'utf8')).toBe(
      await readFile(join(codexOnly, 'auth.json'), 'utf8'),
    );
  });

  it('saved by codex login --with-api-key reads as that key in our manager', async () => {
    const services = await openServices(home);

    const codex = await runCodex(home.codexHome, ['login', '--with-api-key'], {
      input: KEY,
    });
    const status = await services.manager.reload();
    await services.dispose();

    expect(codex).toEqual({
      code: 0,
      stdout: '',
      stderr:
        'Reading API key from stdin...\n' +
        'API key saved. Authentication is checked when you send a request.\n',
    });
    expect(await readFile(home.authFile, 'utf8')).toBe(CODEX_API_KEY_FILE);
    expect(status).toEqual(signedInWithKey(home));
    expect(services.manager.snapshot()).toEqual(signedInWithKey(home));
  });
});
