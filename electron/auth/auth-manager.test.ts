import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  apiKeyAuth,
  authText,
  chatgptAuth,
  teamAuth,
} from '../../e2e/support/auth-fixtures';
import {
  envHome,
  makeTempDir,
  seedAuthFile,
} from '../../e2e/support/temp-home';
import { AccountStore } from './account-store';
import { AuthManager, type AuthManagerEvent } from './auth-manager';
import { DEFAULT_SIGN_IN_SETTINGS } from './chatgpt-sign-in';

describe('AuthManager', () => {
  let home: { path: string; cleanup: () => Promise<void> };
  let data: { path: string; cleanup: () => Promise<void> };
  let manager: AuthManager;
  let events: AuthManagerEvent[];

  beforeEach(async () => {
    home = await makeTempDir();
    data = await makeTempDir();
    manager = new AuthManager({
      home: envHome(home.path),
      backupDir: join(data.path, 'backups'),
      store: new AccountStore(join(data.path, 'accounts')),
      signIn: DEFAULT_SIGN_IN_SETTINGS,
      openBrowser: async () => {
        throw new Error('no browser in this test');
      },
    });
    events = [];
    manager.subscribe((event) => events.push(event));
  });
  afterEach(async () => {
    await manager.dispose();
    await home.cleanup();
    await data.cleanup();
  });

  it('reports signed out when there is no auth.json', async () => {
    const status = await manager.reload();

    expect(status).toMatchObject({
      codexHome: { path: home.path, source: 'env' },
      state: 'signed_out',
      account: null,
      problem: null,
      signIn: { phase: 'idle' },
    });
  });

  it('says why auth.json is unusable and leaves it alone (E1)', async () => {
    const text = authText(chatgptAuth({ lastRefresh: '' }));
    await seedAuthFile(home.path, text);

    const status = await manager.reload();

    expect(status.state).toBe('unusable');
    expect(status.problem).toEqual({
      code: 'last_refresh_missing',
      message: expect.stringContaining(
        "auth.json can't be used: last_refresh is empty",
      ),
    });
    expect(await readFile(join(home.path, 'auth.json'), 'utf8')).toBe(text);
  });

  it('says where a missing CODEX_HOME came from (I5)', async () => {
    const gone = new AuthManager({
      home: envHome(join(home.path, 'gone')),
      backupDir: join(data.path, 'backups'),
      store: new AccountStore(join(data.path, 'accounts')),
      signIn: DEFAULT_SIGN_IN_SETTINGS,
      openBrowser: async () => undefined,
    });

    const status = await gone.reload();

    expect(status.problem?.code).toBe('codex_home_missing');
    expect(status.problem?.message).toContain(
      'set by the CODEX_HOME environment variable',
    );
    await expect(stat(join(home.path, 'gone'))).rejects.toThrow();
  });

  it('saves an API key as Codex 0.171 writes it', async () => {
    const status = await manager.signInWithApiKey(
      '  sk-proj-PLACEHOLDER0000000000ABCDE\n',
    );

    const text = await readFile(join(home.path, 'auth.json'), 'utf8');
    expect(JSON.parse(text)).toEqual({
      auth_mode: 'apikey',
      OPENAI_API_KEY: 'sk-proj-PLACEHOLDER0000000000ABCDE',
    });
    expect(status.account).toMatchObject({
      mode: 'apikey',
      apiKeyMask: 'sk-proj-***ABCDE',
    });
    expect(JSON.stringify(status)).not.toContain('PLACEHOLDER');
  });

  it.each([
    ['', 'it is empty'],
    ['   ', 'it is empty'],
    ['sk-proj abc', 'it contains spaces or line breaks'],
  ])('refuses the API key %j', async (key, reason) => {
    await expect(manager.signInWithApiKey(key)).rejects.toMatchObject({
      code: 'api_key_invalid',
      message: expect.stringContaining(reason),
    });
    await expect(stat(join(home.path, 'auth.json'))).rejects.toThrow();
  });

  it('signs out by deleting auth.json, keeping a private backup', async () => {
    const text = authText(chatgptAuth());
    await seedAuthFile(home.path, text);
    await manager.reload();

    const status = await manager.signOut();

    expect(status.state).toBe('signed_out');
    await expect(stat(join(home.path, 'auth.json'))).rejects.toThrow();
    const backupDir = join(data.path, 'backups');
    const backups = await readdir(backupDir);
    expect(backups).toHaveLength(1);
    expect(await readFile(join(backupDir, backups[0] ?? ''), 'utf8')).toBe(
      text,
    );
    expect((await stat(join(backupDir, backups[0] ?? ''))).mode & 0o777).toBe(
      0o600,
    );
    expect((await stat(backupDir)).mode & 0o777).toBe(0o700);
  });

  it('backs up an unusable file before an API key replaces it (E3)', async () => {
    await seedAuthFile(home.path, '{"auth_mode": "chatgpt", "tok');

    await manager.signInWithApiKey('sk-test-key-1234567890');

    const backupDir = join(data.path, 'backups');
    const [backup] = await readdir(backupDir);
    expect(await readFile(join(backupDir, backup ?? ''), 'utf8')).toBe(
      '{"auth_mode": "chatgpt", "tok',
    );
  });

  it('tells subscribers who changed, not only that something did', async () => {
    await seedAuthFile(home.path, authText(teamAuth('alice')));
    await manager.reload();
    await seedAuthFile(home.path, authText(teamAuth('bob')));
    await manager.reload();
    await manager.reload();

    const statuses = events.flatMap((event) =>
      event.type === 'status'
        ? [[event.status.account?.email, event.accountChanged]]
        : [],
    );
    expect(statuses).toEqual([
      ['alice@example.com', true],
      ['bob@example.com', true],
    ]);
  });

  it('counts a revision for each change and none for a reading that found nothing new', async () => {
    await seedAuthFile(home.path, authText(teamAuth('alice')));
    const first = await manager.reload();
    const again = await manager.reload();
    await seedAuthFile(home.path, authText(teamAuth('bob')));
    const changed = await manager.reload();

    expect(first.revision).toBeGreaterThan(0);
    expect(again.revision).toBe(first.revision);
    expect(again.readAt >= first.readAt).toBe(true);
    expect(changed.revision).toBeGreaterThan(first.revision);
    expect(
      events.flatMap((event) =>
        event.type === 'status' ? [event.status.revision] : [],
      ),
    ).toEqual([first.revision, changed.revision]);
  });

  it('reports a change of mode for the same person as a change of status', async () => {
    await seedAuthFile(home.path, authText(chatgptAuth()));
    await manager.reload();
    await seedAuthFile(
      home.path,
      authText(apiKeyAuth('sk-proj-PLACEHOLDER0000000000ABCDE')),
    );

    await manager.reload();

    expect(events.at(-1)).toMatchObject({
      type: 'status',
      accountChanged: true,
      status: { account: { mode: 'apikey' } },
    });
  });

  it('uses the default ~/.codex when CODEX_HOME is not set', async () => {
    const fakeHome = join(data.path, 'user');
    await mkdir(join(fakeHome, '.codex'), { recursive: true });
    await writeFile(
      join(fakeHome, '.codex', 'auth.json'),
      authText(chatgptAuth()),
    );
    const { locateCodexHome } = await import('./codex-home');

    expect(locateCodexHome({}, fakeHome)).toEqual({
      path: join(fakeHome, '.codex'),
      source: 'default',
    });
    expect(locateCodexHome({ CODEX_HOME: '' }, fakeHome).source).toBe(
      'default',
    );
    expect(locateCodexHome({ CODEX_HOME: '/x/y' }, fakeHome)).toEqual({
      path: '/x/y',
      source: 'env',
    });
  });
});
