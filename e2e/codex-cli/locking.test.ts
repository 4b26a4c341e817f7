// Our locks are Codex's locks: while Codex Accounts holds them, the real
// Codex CLI waits before it writes auth.json.

import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { withAuthLocks } from '../../electron/auth/auth-lock';
import { authText, chatgptAuth } from '../support/auth-fixtures';
import { seedAuthFile } from '../support/temp-home';
import { makeTestHome, type TestHome } from './app-home';
import { type CodexRun, runCodex } from './codex-cli';

const HOLD_MS = 1_500;
const KEY = 'sk-proj-LOCK-PLACEHOLDER-000000ABCDE';

describe('our write lock', () => {
  let home: TestHome;

  beforeEach(async () => {
    home = await makeTestHome();
  });
  afterEach(async () => {
    await home.cleanup();
  });

  it('makes codex login --with-api-key wait until we release it', async () => {
    const ours = authText(chatgptAuth());
    await seedAuthFile(home.codexHome, ours);
    let codex: Promise<CodexRun> | undefined;
    let codexEnded = false;
    let startedAt = 0;
    let fileAtRelease = '';
    let codexAtRelease = '';
    // File times come from the kernel's coarse clock, which can trail
    // Date.now() by a tick; a file touched at the release is on that clock.
    const releaseMark = join(home.dataDir, 'released');

    await withAuthLocks(home.codexHome, async () => {
      startedAt = Date.now();
      codex = runCodex(home.codexHome, ['login', '--with-api-key'], {
        input: KEY,
      });
      const ended = () => (codexEnded = true);
      codex.then(ended, ended);
      await sleep(HOLD_MS);
      fileAtRelease = await readFile(home.authFile, 'utf8');
      await writeFile(releaseMark, '');
      codexAtRelease = codexEnded ? 'finished' : 'waiting';
    });
    const run = await (codex as Promise<CodexRun>);
    const finishedAt = Date.now();
    const written = (await stat(home.authFile)).mtimeMs;
    const released = (await stat(releaseMark)).mtimeMs;

    expect(codexAtRelease).toBe('waiting');
    expect(fileAtRelease).toBe(ours);
    expect(run).toEqual({
      code: 0,
      stdout: '',
      stderr:
        'Reading API key from stdin...\n' +
        'API key saved. Authentication is checked when you send a request.\n',
    });
    expect(finishedAt - startedAt).toBeGreaterThanOrEqual(HOLD_MS);
    expect(written).toBeGreaterThanOrEqual(released);
    expect(await readFile(home.authFile, 'utf8')).toBe(
      `{\n  "auth_mode": "apikey",\n  "OPENAI_API_KEY": "${KEY}"\n}`,
    );
  }, 15_000);
});
