// Takes the two locks Codex takes before it writes or deletes auth.json:
// `auth.lock` (created 0666, waited for), then `auth.json.lock` (created
// 0600, tried). While we hold them, a Codex write waits, and the other way
// round.

import { type FileHandle, open } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { AuthError } from './auth-error';
import { flockApi } from './flock';

/**
 * How long to wait for another program's lock before giving up. Longer than
 * a refresh (15 s) or a revoke (10 s) held under the lock by another copy
 * of this app; Codex itself waits without a limit.
 */
export const DEFAULT_LOCK_TIMEOUT_MS = 30_000;

const POLL_START_MS = 2;
const POLL_MAX_MS = 10;

/** Runs `work` while holding Codex's auth locks in `codexHome`. */
export async function withAuthLocks<T>(
  codexHome: string,
  work: () => Promise<T>,
  timeoutMs = DEFAULT_LOCK_TIMEOUT_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  const outer = await lockFile(join(codexHome, 'auth.lock'), 0o666, deadline);

  try {
    const inner = await lockFile(
      join(codexHome, 'auth.json.lock'),
      0o600,
      deadline,
    );
    try {
      return await work();
    } finally {
      await unlockFile(inner);
    }
  } finally {
    await unlockFile(outer);
  }
}

async function lockFile(
  path: string,
  mode: number,
  deadline: number,
): Promise<FileHandle> {
  const flock = await flockApi();
  const handle = await open(path, 'a+', mode);
  let delay = POLL_START_MS;

  try {
    // flock() that blocks would stall the event loop, so poll with LOCK_NB.
    while (!flock.tryLockExclusive(handle.fd)) {
      if (Date.now() >= deadline) {
        throw new AuthError('auth_lock_timeout', { kind: 'transient' });
      }
      await sleep(delay);
      delay = Math.min(delay * 2, POLL_MAX_MS);
    }
    return handle;
  } catch (error) {
    await handle.close();
    throw error;
  }
}

async function unlockFile(handle: FileHandle): Promise<void> {
  (await flockApi()).unlock(handle.fd);
  await handle.close();
}
