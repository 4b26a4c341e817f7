// Keeps a copy of auth.json before Codex Accounts replaces or deletes it, in
// the app's own data folder (0700, files 0600). Nothing a user had is lost
// to an action of ours.

import { chmod, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** How many backups are kept; older ones are removed. */
export const BACKUPS_KEPT = 10;

/** Saves `text` as a new backup and returns its path. */
export async function backUpAuthText(
  backupDir: string,
  text: string,
  reason: 'sign-in' | 'sign-out',
): Promise<string> {
  await mkdir(backupDir, { recursive: true, mode: 0o700 });
  await chmod(backupDir, 0o700);

  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const path = join(backupDir, `auth-${stamp}-${reason}.json`);
  await writeFile(path, text, { mode: 0o600, flag: 'wx' });

  await pruneBackups(backupDir);
  return path;
}

async function pruneBackups(backupDir: string): Promise<void> {
  const names = (await readdir(backupDir))
    .filter((name) => name.startsWith('auth-') && name.endsWith('.json'))
    .sort();

  for (const name of names.slice(0, Math.max(0, names.length - BACKUPS_KEPT))) {
    await rm(join(backupDir, name), { force: true });
  }
}
