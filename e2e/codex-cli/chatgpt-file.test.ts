// A ChatGPT sign-in saved in our format is one Codex accepts. (The browser
// sign-in itself is tested against a local issuer elsewhere.)

import { readFile, stat } from 'node:fs/promises';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { chatgptAuthJson } from '../../electron/auth/auth-manager';
import {
  serializeAuthJson,
  writeAuthFile,
} from '../../electron/auth/auth-writer';
import type { AccountSummary } from '../../shared/account';
import {
  FAR_FUTURE,
  idTokenPayload,
  unsignedJwt,
} from '../support/auth-fixtures';
import { envHome, QUIET_ENVIRONMENT } from '../support/temp-home';
import { makeTestHome, openServices, type TestHome } from './app-home';
import { runCodex } from './codex-cli';

const EXCHANGED_KEY = 'sk-proj-EXCHANGED-PLACEHOLDER-0077777';

/** `last_refresh` as Codex writes it: UTC with microseconds. */
const CODEX_LAST_REFRESH = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/;

/** Tokens as the issuer returns them at the end of a browser sign-in. */
function signInTokens(apiKey: string | null) {
  return {
    idToken: unsignedJwt(idTokenPayload({ plan: 'pro' })),
    accessToken: unsignedJwt({
      'https://api.openai.com/auth': {
        chatgpt_account_id: 'ws-personal-alice',
      },
      exp: FAR_FUTURE,
      iat: 1_700_000_000,
    }),
    refreshToken: 'rt_interop_alice_1',
    apiKey,
  };
}

function aliceSummary(apiKeyMask: string | null): AccountSummary {
  return {
    mode: 'chatgpt',
    modeReason: 'auth_mode_field',
    email: 'alice@example.com',
    label: 'alice@example.com',
    plan: { id: 'pro', raw: 'pro', name: 'Pro', isWorkspace: false },
    workspaceId: 'ws-personal-alice',
    shortWorkspaceId: 'ws-personal-…',
    userId: 'user-alice',
    accessTokenExpiresAt: '2100-01-01T00:00:00.000Z',
    lastRefresh: expect.any(String),
    canRefresh: true,
    apiKeyMask,
  };
}

describe('a ChatGPT sign-in written by us', () => {
  let home: TestHome;

  beforeEach(async () => {
    home = await makeTestHome();
  });
  afterEach(async () => {
    await home.cleanup();
  });

  it.each([
    ['without an exchanged API key', null, null],
    ['with an exchanged API key', EXCHANGED_KEY, 'sk-proj-***77777'],
  ])(
    'makes codex login status say Logged in using ChatGPT, %s',
    async (_name, apiKey, apiKeyMask) => {
      const tokens = signInTokens(apiKey);
      const text = serializeAuthJson(chatgptAuthJson(tokens));

      await writeAuthFile(envHome(home.codexHome), text);
      const codex = await runCodex(home.codexHome, ['login', 'status']);
      const services = await openServices(home);
      const status = services.manager.snapshot();
      await services.dispose();

      expect(codex).toEqual({
        code: 0,
        stdout: '',
        stderr: 'Logged in using ChatGPT\n',
      });
      expect(JSON.parse(await readFile(home.authFile, 'utf8'))).toEqual({
        auth_mode: 'chatgpt',
        OPENAI_API_KEY: apiKey,
        tokens: {
          id_token: tokens.idToken,
          access_token: tokens.accessToken,
          refresh_token: tokens.refreshToken,
          account_id: 'ws-personal-alice',
        },
        last_refresh: expect.stringMatching(CODEX_LAST_REFRESH),
      });
      expect((await stat(home.authFile)).mode & 0o777).toBe(0o600);
      expect(status).toEqual({
        revision: expect.any(Number),
        codexHome: { path: home.codexHome, source: 'env' },
        state: 'signed_in',
        account: aliceSummary(apiKeyMask),
        problem: null,
        readAt: expect.any(String),
        signIn: { phase: 'idle' },
        accounts: [
          {
            key: 'chatgpt:ws-personal-alice:user-alice',
            label: null,
            summary: aliceSummary(apiKeyMask),
            isActive: true,
            blockedReason: null,
            needsSignIn: false,
          },
        ],
        storage: { encrypted: false, weak: false },
        lastSwitch: null,
        environment: QUIET_ENVIRONMENT,
      });
    },
  );
});
