import { spawn } from 'node:child_process';
import { chmod, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { authText, chatgptAuth } from '../../e2e/support/auth-fixtures';
import {
  envHome,
  makeTempDir,
  seedAuthFile,
} from '../../e2e/support/temp-home';
import { AuthError } from './auth-error';
import { withAuthLocks } from './auth-lock';
import {
  deleteAuthFile,
  formatLastRefresh,
  updateAuthFile,
  writeAuthFile,
} from './auth-writer';

/** A separate process that holds flock on auth.lock until told to stop. */
function holdLockInAnotherProcess(codexHome: string) {
  const script = `
    const koffi = require('koffi');
    const fs = require('node:fs');
    const flock = koffi.load('libc.so.6').func('int flock(int, int)');
    const fd = fs.openSync(process.argv[1], 'a+');
    flock(fd, 2);
    process.stdout.write('locked\\n');
    process.stdin.once('data', () => process.exit(0));
  `;
  const child = spawn(
    process.execPath,
    ['-e', script, join(codexHome, 'auth.lock')],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const locked = new Promise<void>((resolve) =>
    child.stdout.once('data', () => resolve()),
  );
  const release = () => {
    child.stdin.write('go\n');
    return new Promise<void>((resolve) => child.once('exit', () => resolve()));
  };
  return { locked, release };
}

describe('writing auth.json', () => {
  let home: { path: string; cleanup: () => Promise<void> };

  beforeEach(async () => {
    home = await makeTempDir();
  });
  afterEach(async () => {
    await home.cleanup();
  });

  it('writes 0600 through a temporary file and leaves no temporary behind', async () => {
    const text = authText(chatgptAuth());

    await writeAuthFile(envHome(home.path), text);

    expect(await readFile(join(home.path, 'auth.json'), 'utf8')).toBe(text);
    expect((await stat(join(home.path, 'auth.json'))).mode & 0o777).toBe(0o600);
    expect((await readdir(home.path)).sort()).toEqual([
      'auth.json',
      'auth.json.lock',
      'auth.lock',
    ]);
  });

  it('makes an auth.json that others could read private again (J2)', async () => {
    await seedAuthFile(home.path, authText(chatgptAuth()));
    await chmod(join(home.path, 'auth.json'), 0o644);

    await writeAuthFile(
      envHome(home.path),
      authText(chatgptAuth({ plan: 'pro' })),
    );

    expect((await stat(join(home.path, 'auth.json'))).mode & 0o777).toBe(0o600);
  });

  it('creates the default ~/.codex as a private folder', async () => {
    const codexHome = join(home.path, '.codex');

    await writeAuthFile({ path: codexHome, source: 'default' }, '{}');

    expect((await stat(codexHome)).mode & 0o777).toBe(0o700);
  });

  it('never creates a CODEX_HOME that does not exist (I5)', async () => {
    const missing = join(home.path, 'gone');

    const error = await writeAuthFile(envHome(missing), '{}').catch((e) => e);

    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).code).toBe('codex_home_missing');
    expect((error as AuthError).message).toContain('CODEX_HOME');
    await expect(stat(missing)).rejects.toThrow();
  });

  it('deletes auth.json under the locks and accepts a missing one', async () => {
    await seedAuthFile(home.path, authText(chatgptAuth()));

    await deleteAuthFile(envHome(home.path));
    await deleteAuthFile(envHome(home.path));

    await expect(stat(join(home.path, 'auth.json'))).rejects.toThrow();
  });

  it('tells an update about an unusable file instead of hiding it', async () => {
    await seedAuthFile(home.path, '{"last_refresh": ""');
    let seen = '';

    await updateAuthFile(envHome(home.path), (current) => {
      seen = current.kind;
      return { action: 'keep' };
    });

    expect(seen).toBe('unusable');
    expect(await readFile(join(home.path, 'auth.json'), 'utf8')).toBe(
      '{"last_refresh": ""',
    );
  });

  it('waits for another process that holds flock on auth.lock', async () => {
    const holder = holdLockInAnotherProcess(home.path);
    await holder.locked;
    let written = false;

    const write = writeAuthFile(envHome(home.path), '{}').then(() => {
      written = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const writtenWhileHeld = written;
    await holder.release();
    await write;

    expect(writtenWhileHeld).toBe(false);
    expect(written).toBe(true);
  });

  it('gives up with auth_lock_timeout when the lock is never released', async () => {
    const holder = holdLockInAnotherProcess(home.path);
    await holder.locked;

    const error = await withAuthLocks(home.path, async () => 'ran', 200).catch(
      (e: unknown) => e,
    );
    await holder.release();

    expect((error as AuthError).code).toBe('auth_lock_timeout');
  });

  it('formats last_refresh with microseconds as Codex does', () => {
    expect(formatLastRefresh(new Date('2026-01-01T00:00:00.123Z'))).toBe(
      '2026-01-01T00:00:00.123000Z',
    );
  });
});
