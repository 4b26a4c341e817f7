import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  apiKeyAuth,
  authText,
  chatgptAuth,
  teamAuth,
} from '../../e2e/support/auth-fixtures';
import { makeTempDir } from '../../e2e/support/temp-home';
import { AccountStore, compareFreshness } from './account-store';
import { parseAuthJson } from './auth-file';
import type { SecretCodec } from './secret-codec';

const parse = (json: Record<string, unknown>) => parseAuthJson(authText(json));

/** A reversible stand-in for safeStorage, to see that records are encrypted. */
const reversingCodec: SecretCodec = {
  name: 'safe-storage',
  encrypted: true,
  weak: false,
  encrypt: (text) =>
    Buffer.from([...text].reverse().join('')).toString('base64'),
  decrypt: (data) =>
    [...Buffer.from(data, 'base64').toString()].reverse().join(''),
};

describe('AccountStore', () => {
  let dir: { path: string; cleanup: () => Promise<void> };

  beforeEach(async () => {
    dir = await makeTempDir();
  });
  afterEach(async () => {
    await dir.cleanup();
  });

  it('keeps two people of one workspace as two accounts (F2)', async () => {
    const store = new AccountStore(join(dir.path, 'accounts'));

    await store.save(parse(teamAuth('alice')));
    await store.save(parse(teamAuth('bob')));

    expect((await store.list()).map((a) => [a.key, a.summary.email])).toEqual([
      ['chatgpt:ws-team-acme:user-alice', 'alice@example.com'],
      ['chatgpt:ws-team-acme:user-bob', 'bob@example.com'],
    ]);
  });

  it('keeps one email in two workspaces as two accounts', async () => {
    const store = new AccountStore(join(dir.path, 'accounts'));

    await store.save(parse(chatgptAuth({ workspaceId: 'ws-a' })));
    await store.save(parse(chatgptAuth({ workspaceId: 'ws-b', plan: 'team' })));

    expect(await store.list()).toHaveLength(2);
  });

  it('stores records privately and reads them back byte for byte', async () => {
    const path = join(dir.path, 'accounts');
    const text = authText(
      chatgptAuth({ extra: { agent_identity: { id: 'a-1' } } }),
    );
    await new AccountStore(path).save(parseAuthJson(text));

    const reread = await new AccountStore(path).list();

    expect(reread[0]?.auth.text).toBe(text);
    expect((await stat(path)).mode & 0o777).toBe(0o700);
    for (const name of await readdir(path)) {
      expect((await stat(join(path, name))).mode & 0o777).toBe(0o600);
    }
  });

  it('writes no credential in the clear when a codec encrypts', async () => {
    const path = join(dir.path, 'accounts');
    const auth = parse(chatgptAuth());
    await new AccountStore(path, reversingCodec).save(auth);

    const [name] = await readdir(path);
    const raw = await readFile(join(path, name ?? ''), 'utf8');

    expect(raw).not.toContain(auth.tokens?.refreshToken ?? '-');
    expect(raw).not.toContain(auth.tokens?.accessToken ?? '-');
    expect(
      (await new AccountStore(path, reversingCodec).list())[0]?.auth.text,
    ).toBe(auth.text);
  });

  it('never lets an older copy replace a newer one (I2)', async () => {
    const store = new AccountStore(join(dir.path, 'accounts'));
    const older = parse(
      chatgptAuth({
        refreshToken: 'rt_old_0000',
        lastRefresh: '2026-11-01T00:00:00.000000Z',
      }),
    );
    const newer = parse(
      chatgptAuth({
        refreshToken: 'rt_new_0000',
        lastRefresh: '2026-11-02T00:00:00.000000Z',
      }),
    );

    await store.save(newer);
    await store.save(older);

    expect((await store.list())[0]?.auth.tokens?.refreshToken).toBe(
      'rt_new_0000',
    );
  });

  it('refuses a sign-in without a refresh token as a saved account (E2)', async () => {
    const store = new AccountStore(join(dir.path, 'accounts'));

    await expect(
      store.save(parse(chatgptAuth({ refreshToken: '' }))),
    ).rejects.toMatchObject({
      code: 'account_not_refreshable',
    });
  });

  it('keys an API key by a fingerprint, never by the key itself', async () => {
    const store = new AccountStore(join(dir.path, 'accounts'));

    const saved = await store.save(
      parse(apiKeyAuth('sk-proj-PLACEHOLDER0000000000ABCDE')),
    );

    expect(saved.key).toMatch(/^apikey:[0-9a-f]{16}$/);
    expect(saved.key).not.toContain('PLACEHOLDER');
  });

  it('renames and removes accounts', async () => {
    const store = new AccountStore(join(dir.path, 'accounts'));
    const saved = await store.save(parse(teamAuth('alice')));

    await store.rename(saved.key, '  Work  ');
    const renamed = await new AccountStore(join(dir.path, 'accounts')).get(
      saved.key,
    );
    await store.remove(saved.key);

    expect(renamed?.label).toBe('Work');
    expect(await store.list()).toEqual([]);
    await expect(store.remove(saved.key)).rejects.toMatchObject({
      code: 'account_not_found',
    });
  });
});

describe('compareFreshness', () => {
  it('calls copies with the same tokens the same', () => {
    expect(compareFreshness(parse(chatgptAuth()), parse(chatgptAuth()))).toBe(
      'same',
    );
  });

  it('prefers the later last_refresh, then the later expiry', () => {
    const early = parse(
      chatgptAuth({
        refreshToken: 'rt_a_000000',
        lastRefresh: '2026-01-01T00:00:00Z',
      }),
    );
    const late = parse(
      chatgptAuth({
        refreshToken: 'rt_b_000000',
        lastRefresh: '2026-01-02T00:00:00Z',
      }),
    );
    const longer = parse(
      chatgptAuth({
        refreshToken: 'rt_c_000000',
        lastRefresh: '2026-01-01T00:00:00Z',
        accessTokenExp: 4_200_000_000,
      }),
    );

    expect(compareFreshness(early, late)).toBe('second_newer');
    expect(compareFreshness(late, early)).toBe('first_newer');
    expect(compareFreshness(early, longer)).toBe('second_newer');
  });
});
