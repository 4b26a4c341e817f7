import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  apiKeyAuth,
  authText,
  chatgptAuth,
  type CodexVerdict,
  fieldNoteCases,
} from '../../e2e/support/auth-fixtures';
import { makeTempDir, seedAuthFile } from '../../e2e/support/temp-home';
import { AuthError } from './auth-error';
import {
  type AuthFileRead,
  parseAuthJson,
  readAuthFile,
  summarizeAuth,
} from './auth-file';

function verdictOf(text: string): CodexVerdict {
  try {
    const auth = parseAuthJson(text);
    return auth.mode === 'apikey' ? 'apikey' : 'chatgpt';
  } catch {
    return 'error';
  }
}

function errorOf(text: string): AuthError {
  try {
    parseAuthJson(text);
  } catch (error) {
    if (error instanceof AuthError) return error;
    throw error;
  }
  throw new Error('expected the file to be refused');
}

describe('parseAuthJson', () => {
  describe('agrees with Codex CLI 0.171 on every field-notes case', () => {
    for (const fixture of fieldNoteCases()) {
      it(`${fixture.name} is ${fixture.verdict}`, () => {
        expect(verdictOf(fixture.text)).toBe(fixture.verdict);
      });
    }
  });

  it('summarizes a Plus sign-in without any secret', () => {
    const auth = parseAuthJson(authText(chatgptAuth()));

    expect(summarizeAuth(auth)).toEqual({
      mode: 'chatgpt',
      modeReason: 'auth_mode_field',
      email: 'alice@example.com',
      label: 'alice@example.com',
      plan: { id: 'plus', raw: 'plus', name: 'Plus', isWorkspace: false },
      workspaceId: 'ws-personal-alice',
      shortWorkspaceId: 'ws-personal-…',
      userId: 'user-alice',
      accessTokenExpiresAt: '2100-01-01T00:00:00.000Z',
      lastRefresh: '2026-11-30T09:15:00.000Z',
      canRefresh: true,
      apiKeyMask: null,
    });
  });

  it('treats a legacy file with tokens and a key as API-key mode (C2)', () => {
    const text = authText(
      chatgptAuth({ authMode: null, apiKey: 'sk-EXCHANGED-PLACEHOLDER-99999' }),
    );

    const summary = summarizeAuth(parseAuthJson(text));

    expect(summary.mode).toBe('apikey');
    expect(summary.modeReason).toBe('legacy_api_key');
    expect(summary.apiKeyMask).toBe('sk-EXCHA***99999');
    expect(summary.email).toBe('alice@example.com');
  });

  it("masks an API key as Codex's login status does", () => {
    const text = authText(apiKeyAuth('sk-proj-PLACEHOLDER0000000000ABCDE'));

    const summary = summarizeAuth(parseAuthJson(text));

    expect(summary.apiKeyMask).toBe('sk-proj-***ABCDE');
    expect(summary.label).toBe('API key sk-proj-***ABCDE');
    expect(JSON.stringify(summary)).not.toContain('PLACEHOLDER');
  });

  it('names the empty last_refresh field (E1)', () => {
    const error = errorOf(authText(chatgptAuth({ lastRefresh: '' })));

    expect(error.code).toBe('last_refresh_missing');
    expect(error.message).toContain(
      "auth.json can't be used: last_refresh is empty",
    );
  });

  it('refuses a ChatGPT file without last_refresh', () => {
    const error = errorOf(authText(chatgptAuth({ lastRefresh: null })));

    expect(error.code).toBe('last_refresh_missing');
    expect(error.message).toContain('last_refresh is missing');
  });

  it('shows an empty refresh token as signed in but not renewable (E2)', () => {
    const auth = parseAuthJson(authText(chatgptAuth({ refreshToken: '' })));

    expect(summarizeAuth(auth).canRefresh).toBe(false);
  });

  it('labels an account without email by plan and short workspace (E4)', () => {
    const text = authText(
      chatgptAuth({ email: null, plan: 'team', workspaceId: 'ws-team-acme' }),
    );

    const summary = summarizeAuth(parseAuthJson(text));

    expect(summary.email).toBeNull();
    expect(summary.label).toBe('Team · ws-team-acme');
  });

  it('falls back to the profile claim for the email', () => {
    const text = authText(chatgptAuth({ emailInProfile: true }));

    expect(summarizeAuth(parseAuthJson(text)).email).toBe('alice@example.com');
  });

  it('reads the 2025 format with a null account_id from the id_token', () => {
    const text = authText(chatgptAuth({ authMode: null, accountId: null }));

    const summary = summarizeAuth(parseAuthJson(text));

    expect(summary.modeReason).toBe('legacy_tokens');
    expect(summary.workspaceId).toBe('ws-personal-alice');
  });

  it('refuses an id_token that is not a JWT', () => {
    const json = chatgptAuth();
    (json['tokens'] as Record<string, unknown>)['id_token'] = 'not-a-jwt';

    const error = errorOf(authText(json));

    expect(error.code).toBe('auth_file_invalid');
    expect(error.message).toContain('tokens.id_token is not a JWT');
  });

  it('refuses an API-key file whose key is empty', () => {
    const error = errorOf('{"auth_mode": "apikey", "OPENAI_API_KEY": ""}');

    expect(error.code).toBe('auth_file_invalid');
  });

  it('refuses a last_refresh that is not RFC 3339, as Codex does', () => {
    for (const value of ['2026', 'Dec 3 2026', '2026-12-03']) {
      expect(errorOf(authText(chatgptAuth({ lastRefresh: value }))).code).toBe(
        'auth_file_invalid',
      );
    }
  });

  it('keeps fields it does not know', () => {
    const text = authText(
      chatgptAuth({ extra: { agent_identity: { id: 'agent-1' } } }),
    );

    const auth = parseAuthJson(text);

    expect(auth.json['agent_identity']).toEqual({ id: 'agent-1' });
    expect(auth.text).toBe(text);
  });

  it('keeps an unknown plan by its raw name and knows every alias', () => {
    const plans = ['PRO', 'hc', 'education', 'prolite', 'galaxy_brain'];

    const names = plans.map(
      (plan) =>
        summarizeAuth(parseAuthJson(authText(chatgptAuth({ plan })))).plan,
    );

    expect(names).toEqual([
      { id: 'pro', raw: 'PRO', name: 'Pro', isWorkspace: false },
      { id: 'enterprise', raw: 'hc', name: 'Enterprise', isWorkspace: true },
      { id: 'edu', raw: 'education', name: 'Edu', isWorkspace: true },
      { id: 'prolite', raw: 'prolite', name: 'Pro Lite', isWorkspace: false },
      {
        id: null,
        raw: 'galaxy_brain',
        name: 'galaxy_brain',
        isWorkspace: false,
      },
    ]);
  });
});

describe('readAuthFile', () => {
  let home: { path: string; cleanup: () => Promise<void> };

  beforeEach(async () => {
    home = await makeTempDir();
  });
  afterEach(async () => {
    await home.cleanup();
  });

  it('reports a missing file as missing, not as an error', async () => {
    await expect(readAuthFile(home.path)).resolves.toEqual({ kind: 'missing' });
  });

  it('never changes the file it reads', async () => {
    const text = authText(chatgptAuth({ lastRefresh: '' }));
    await seedAuthFile(home.path, text);

    await expect(readAuthFile(home.path)).rejects.toThrow(AuthError);

    expect(await readFile(join(home.path, 'auth.json'), 'utf8')).toBe(text);
  });

  it('reports a file of NUL bytes after retrying (E3)', async () => {
    await seedAuthFile(home.path, '\u0000'.repeat(64));

    const error = await readAuthFile(home.path).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).code).toBe('auth_file_unreadable');
    expect((error as AuthError).message).toContain('NUL bytes');
  });

  it('waits out a file caught mid-write and reads the finished one', async () => {
    const text = authText(chatgptAuth());
    await seedAuthFile(home.path, text.slice(0, 40));
    setTimeout(() => {
      void writeFile(join(home.path, 'auth.json'), text);
    }, 50);

    const read: AuthFileRead = await readAuthFile(home.path);

    expect(read.kind).toBe('present');
  });
});
