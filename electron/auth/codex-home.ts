// Finds CODEX_HOME exactly as Codex does: the environment variable when it
// is set and non-empty, else ~/.codex. A CODEX_HOME that is missing or not a
// directory is refused, saying which and where the value came from.

import { stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

import type { CodexHomeInfo } from '../../shared/account';
import { AuthError } from './auth-error';

/** The directory Codex would use, without touching the disk. */
export function locateCodexHome(
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): CodexHomeInfo {
  const fromEnv = env['CODEX_HOME'];

  if (fromEnv !== undefined && fromEnv !== '') {
    return { path: resolve(fromEnv), source: 'env' };
  }

  return { path: join(home, '.codex'), source: 'default' };
}

/**
 * Checks that the located directory can be used. A default ~/.codex that
 * does not exist yet is fine (Codex creates it at sign-in); a CODEX_HOME set
 * by the user must exist, and nothing is created for it silently.
 */
export async function checkCodexHome(info: CodexHomeInfo): Promise<void> {
  const params = {
    path: info.path,
    source: info.source === 'env' ? 'CODEX_HOME' : 'default',
  };

  try {
    const stats = await stat(info.path);
    if (!stats.isDirectory()) {
      throw new AuthError('codex_home_not_directory', { params });
    }
  } catch (error) {
    if (error instanceof AuthError) throw error;
    if (isMissing(error) && info.source === 'default') return;
    if (isMissing(error)) {
      throw new AuthError('codex_home_missing', { params, cause: error });
    }
    throw error;
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
