import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { authText, chatgptAuth } from '../../e2e/support/auth-fixtures';
import { makeTempDir } from '../../e2e/support/temp-home';
import { type AppServices, createAppServices } from './app-services';

describe('createAppServices', () => {
  let home: { path: string; cleanup: () => Promise<void> };
  let services: AppServices;

  beforeEach(async () => {
    home = await makeTempDir();
    services = await createAppServices({
      dataDir: join(home.path, 'data'),
      env: { CODEX_HOME: home.path },
      homeDir: home.path,
      openBrowser: async () => undefined,
    });
  });
  afterEach(async () => {
    await services.dispose();
    await home.cleanup();
  });

  it('sees a change made right after it started (J3)', async () => {
    const temp = join(home.path, '.auth-Ab12Cd');
    await writeFile(temp, authText(chatgptAuth()), { mode: 0o600 });

    await rename(temp, join(home.path, 'auth.json'));
    for (let waited = 0; waited < 2000; waited += 10) {
      if (services.manager.snapshot().state === 'signed_in') break;
      await sleep(10);
    }

    expect(services.manager.snapshot().account?.email).toBe(
      'alice@example.com',
    );
  });
});
