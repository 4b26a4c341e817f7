// Temporary CODEX_HOME folders for tests, removed afterwards.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { DEFAULT_ENVIRONMENT } from '../../electron/auth/codex-environment';
import type { CodexHomeInfo } from '../../shared/account';

/** A fresh private directory; `cleanup` removes it. */
export async function makeTempDir(prefix = 'codex-accounts-') {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, cleanup: () => rm(path, { recursive: true, force: true }) };
}

/** A CODEX_HOME as the services see it, set by the environment variable. */
export function envHome(path: string): CodexHomeInfo {
  return { path, source: 'env' };
}

/** Writes `text` as auth.json in `dir`. */
export async function seedAuthFile(dir: string, text: string) {
  await writeFile(join(dir, 'auth.json'), text, { mode: 0o600 });
}

/** The environment view of a plain CODEX_HOME with no warnings. */
export const QUIET_ENVIRONMENT = DEFAULT_ENVIRONMENT;
