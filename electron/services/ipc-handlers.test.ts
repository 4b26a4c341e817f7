import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { makeTempDir } from '../../e2e/support/temp-home';
import { REQUEST_CHANNELS } from '../../shared/ipc-contract';
import {
  type AppServices,
  createAppServices,
  signInSettingsFrom,
} from './app-services';
import { isRequestChannel } from './ipc-handlers';

describe('IPC handlers', () => {
  let home: { path: string; cleanup: () => Promise<void> };
  let services: AppServices;

  beforeEach(async () => {
    home = await makeTempDir();
    services = await createAppServices({
      dataDir: join(home.path, 'data'),
      env: { CODEX_HOME: home.path },
      openBrowser: async () => undefined,
    });
  });
  afterEach(async () => {
    await services.dispose();
    await home.cleanup();
  });

  it('answer every channel of the contract and no other', () => {
    expect(Object.keys(services.handlers).sort()).toEqual(
      [...REQUEST_CHANNELS].sort(),
    );
    expect(isRequestChannel(services.handlers, 'auth:get-status')).toBe(true);
    expect(isRequestChannel(services.handlers, 'constructor')).toBe(false);
  });

  it('refuse a payload of the wrong shape with invalid_request', async () => {
    const answers = await Promise.all([
      services.handlers['auth:sign-in-api-key']({ apiKey: 42 }),
      services.handlers['auth:sign-in-api-key']('sk-raw-string'),
      services.handlers['auth:sign-in-api-key']({ apiKey: 'x'.repeat(5000) }),
      services.handlers['auth:sign-out']({ force: true }),
    ]);

    for (const answer of answers) {
      expect(answer).toEqual({
        ok: false,
        error: { code: 'invalid_request', message: expect.any(String) },
      });
    }
    await expect(
      services.handlers['log:write']({ level: 'shout', message: 'x' }),
    ).rejects.toThrow();
  });

  it('carry an expected failure as code and message, never a stack', async () => {
    const answer = await services.handlers['auth:sign-in-api-key']({
      apiKey: '',
    });

    expect(answer).toEqual({
      ok: false,
      error: {
        code: 'api_key_invalid',
        message:
          "That API key can't be used: it is empty. Paste the whole key and try again.",
      },
    });
  });

  it('return the status with the account summary after an API-key sign-in', async () => {
    const answer = await services.handlers['auth:sign-in-api-key']({
      apiKey: 'sk-proj-PLACEHOLDER0000000000ABCDE',
    });

    expect(answer).toMatchObject({
      ok: true,
      value: {
        state: 'signed_in',
        account: { mode: 'apikey', apiKeyMask: 'sk-proj-***ABCDE' },
      },
    });
  });
});

describe('sign-in settings', () => {
  it("default to Codex's issuer and client", () => {
    expect(signInSettingsFrom({})).toMatchObject({
      issuer: 'https://auth.openai.com',
      clientId: 'app_EMoamEEZ73f0CkXaXp7hrann',
      originator: 'codex_cli_rs',
      ports: [1455, 1457],
      timeoutMs: 600_000,
    });
  });

  it('accept a loopback http issuer and refuse any other http one', () => {
    expect(
      signInSettingsFrom({ CODEX_ACCOUNTS_ISSUER: 'http://127.0.0.1:4444' })
        .issuer,
    ).toBe('http://127.0.0.1:4444');
    expect(() =>
      signInSettingsFrom({ CODEX_ACCOUNTS_ISSUER: 'http://auth.example.com' }),
    ).toThrow(/must use https/);
  });
});
