// Writes and deletes auth.json as Codex 0.171 does: under Codex's locks, a
// temporary `.auth-XXXXXX` file (0600, exclusive create) in the same
// directory, fsync, then rename over auth.json. A reader never sees half a
// file, and the old file survives any failure before the rename.

import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';

import type { CodexHomeInfo } from '../../shared/account';
import { AuthError } from './auth-error';
import { authFilePath, type AuthFileRead, readAuthFile } from './auth-file';
import { withAuthLocks } from './auth-lock';
import { checkCodexHome } from './codex-home';

/** auth.json as an update finds it; an unusable file is reported, not hidden. */
export type CurrentAuthFile =
  AuthFileRead | { kind: 'unusable'; error: AuthError; text: string };

/** What an update wants done with auth.json. */
export type AuthFileChange =
  { action: 'write'; text: string } | { action: 'delete' } | { action: 'keep' };

/**
 * Reads auth.json under Codex's locks, lets `decide` choose a change from
 * what is there now, and applies it before the locks are released.
 */
export async function updateAuthFile(
  home: CodexHomeInfo,
  decide: (
    current: CurrentAuthFile,
  ) => AuthFileChange | Promise<AuthFileChange>,
): Promise<AuthFileChange> {
  await prepareCodexHome(home);

  return withAuthLocks(home.path, async () => {
    const current = await readCurrent(home.path);
    const change = await decide(current);

    await applyAuthFileChange(home.path, change);
    return change;
  });
}

/**
 * Applies a change to auth.json. Only for callers that already hold
 * Codex's locks (withAuthLocks): taking them again would wait for itself.
 */
export async function applyAuthFileChange(
  codexHome: string,
  change: AuthFileChange,
): Promise<void> {
  if (change.action === 'write') await writeAtomically(codexHome, change.text);
  if (change.action === 'delete') await removeAuthFile(codexHome);
}

/** Replaces auth.json with `text`, under the locks. */
export async function writeAuthFile(
  home: CodexHomeInfo,
  text: string,
): Promise<void> {
  await updateAuthFile(home, () => ({ action: 'write', text }));
}

/** Deletes auth.json under the locks; a missing file is fine. */
export async function deleteAuthFile(home: CodexHomeInfo): Promise<void> {
  await updateAuthFile(home, () => ({ action: 'delete' }));
}

/** Serializes auth.json as Codex does: pretty JSON, two-space indents. */
export function serializeAuthJson(json: Record<string, unknown>): string {
  return JSON.stringify(json, null, 2);
}

/** The current time as Codex writes `last_refresh` (microseconds, UTC). */
export function formatLastRefresh(date: Date = new Date()): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

async function prepareCodexHome(home: CodexHomeInfo): Promise<void> {
  await checkCodexHome(home);
  // Only the default ~/.codex is ever created, and then private to the user.
  await mkdir(home.path, { recursive: true, mode: 0o700 });
}

async function readCurrent(codexHome: string): Promise<CurrentAuthFile> {
  try {
    return await readAuthFile(codexHome);
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    const text = await readFile(authFilePath(codexHome), 'utf8').catch(
      () => '',
    );
    return { kind: 'unusable', error, text };
  }
}

async function writeAtomically(codexHome: string, text: string) {
  const temp = join(codexHome, `.auth-${randomSuffix()}`);

  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, authFilePath(codexHome));
    await syncDirectory(codexHome);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw new AuthError('auth_write_failed', {
      kind: 'transient',
      params: { reason: (error as NodeJS.ErrnoException).code ?? 'I/O error' },
      cause: error,
    });
  }
}

async function removeAuthFile(codexHome: string): Promise<void> {
  try {
    await unlink(authFilePath(codexHome));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new AuthError('auth_write_failed', {
        params: { reason: 'auth.json could not be deleted' },
        cause: error,
      });
    }
  }
}

async function syncDirectory(path: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function randomSuffix(): string {
  const alphabet =
    'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(randomBytes(6), (byte) => alphabet[byte % 62]).join('');
}
