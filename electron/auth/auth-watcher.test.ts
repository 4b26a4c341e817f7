import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { authText, chatgptAuth } from '../../e2e/support/auth-fixtures';
import { makeTempDir, seedAuthFile } from '../../e2e/support/temp-home';
import { type AuthWatch, watchCodexHome } from './auth-watcher';

async function waitFor(check: () => boolean, ms = 3000) {
  for (let waited = 0; waited < ms; waited += 10) {
    if (check()) return;
    await sleep(10);
  }
  throw new Error('the change was not seen');
}

describe('watchCodexHome', () => {
  let home: { path: string; cleanup: () => Promise<void> };
  let watch: AuthWatch | undefined;
  let calls: number;

  beforeEach(async () => {
    home = await makeTempDir();
    calls = 0;
  });
  afterEach(async () => {
    await watch?.close();
    await home.cleanup();
  });

  const start = async (backstopMs = 60_000) => {
    watch = watchCodexHome(
      home.path,
      async () => {
        calls += 1;
      },
      { debounceMs: 15, backstopMs },
    );
    await sleep(150);
  };

  it('sees a rename over auth.json, as Codex writes it', async () => {
    await start();
    await writeFile(join(home.path, '.auth-abc123'), authText(chatgptAuth()));

    await rename(join(home.path, '.auth-abc123'), join(home.path, 'auth.json'));

    await waitFor(() => calls > 0);
  });

  it('sees a deletion and a re-creation', async () => {
    await seedAuthFile(home.path, authText(chatgptAuth()));
    await start();

    await rm(join(home.path, 'auth.json'));
    await waitFor(() => calls > 0);
    const afterDelete = calls;
    await seedAuthFile(home.path, authText(chatgptAuth({ plan: 'pro' })));

    await waitFor(() => calls > afterDelete);
  });

  it('merges a burst of writes into one reload', async () => {
    await start();

    for (let i = 0; i < 5; i += 1) {
      await writeFile(join(home.path, 'auth.json'), `{"n": ${i}}`);
    }
    await sleep(200);

    expect(calls).toBe(1);
  });

  it('sees a second rename that comes right after the first', async () => {
    await start();
    const seen: string[] = [];
    await watch?.close();
    watch = watchCodexHome(
      home.path,
      async () => {
        seen.push(await readFile(join(home.path, 'auth.json'), 'utf8'));
      },
      { debounceMs: 15, backstopMs: 60_000 },
    );
    await sleep(150);

    for (const n of [1, 2]) {
      await writeFile(join(home.path, `.auth-${n}`), `{"n": ${n}}`);
      await rename(join(home.path, `.auth-${n}`), join(home.path, 'auth.json'));
      await sleep(30);
    }
    await sleep(200);

    expect(seen.at(-1)).toBe('{"n": 2}');
  });

  it('ignores other files in CODEX_HOME', async () => {
    await start();

    await writeFile(join(home.path, 'history.jsonl'), '{}\n');
    await writeFile(join(home.path, 'auth.lock'), '');
    await sleep(200);

    expect(calls).toBe(0);
  });

  it('reloads on the backstop even without events', async () => {
    await start(100);

    await sleep(350);

    expect(calls).toBeGreaterThanOrEqual(2);
  });
});
