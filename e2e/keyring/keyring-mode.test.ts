// FIELD-NOTES J1 for real: with cli_auth_credentials_store = "keyring" there
// is no auth.json; Codex keeps the sign-in in the Secret Service. These run
// only inside e2e/keyring/with-keyring.sh (a private gnome-keyring), so a
// developer's own keyring is never written to.

import { access, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createKeyringStore } from '../../electron/auth/keyring-store';
import type { AppServices } from '../../electron/services/app-services';
import {
  makeTestHome,
  openServices,
  type TestHome,
} from '../codex-cli/app-home';
import {
  CLOSED_REVOKE_URL,
  loginStatusVerdict,
  runCodex,
} from '../codex-cli/codex-cli';

const KEY = 'sk-proj-PLACEHOLDER0000000000ABCDE';
const inPrivateKeyring = Boolean(process.env['CODEX_ACCOUNTS_PRIVATE_KEYRING']);

describe.skipIf(!inPrivateKeyring)(
  'keyring mode with the real Codex CLI',
  () => {
    let home: TestHome;
    let services: AppServices;

    beforeEach(async () => {
      home = await makeTestHome();
      await writeFile(
        join(home.codexHome, 'config.toml'),
        'cli_auth_credentials_store = "keyring"\n',
      );
      services = await openServices(home);
    });
    afterEach(async () => {
      await services.dispose();
      await createKeyringStore(home.codexHome).remove();
      await home.cleanup();
    });

    it('saves an API key where Codex reads it, with no auth.json', async () => {
      const status = await services.manager.signInWithApiKey(KEY);

      const codex = await runCodex(home.codexHome, ['login', 'status']);
      expect(status.environment.credentialsStore).toBe('keyring');
      expect(loginStatusVerdict(codex)).toBe('apikey');
      expect(codex.stderr).toContain('sk-proj-***ABCDE');
      await expect(access(home.authFile)).rejects.toThrow();
    });

    it('reads a sign-in Codex saved in the keyring and sees its logout', async () => {
      await runCodex(home.codexHome, ['login', '--with-api-key'], {
        input: KEY,
      });

      const signedIn = await services.manager.reload();
      await runCodex(home.codexHome, ['logout'], {
        env: { CODEX_REVOKE_TOKEN_URL_OVERRIDE: CLOSED_REVOKE_URL },
      });
      const signedOut = await services.manager.reload();

      expect(signedIn.account?.apiKeyMask).toBe('sk-proj-***ABCDE');
      expect(signedOut.state).toBe('signed_out');
    });

    it('switches accounts by rewriting the keyring entry', async () => {
      await services.manager.signInWithApiKey(KEY);
      await services.manager.signInWithApiKey(
        'sk-proj-SECONDKEY000000000FGHIJ',
      );
      const first = services.manager
        .snapshot()
        .accounts.find(
          (account) => account.summary.apiKeyMask === 'sk-proj-***ABCDE',
        );

      await services.manager.switchTo(first?.key ?? '');

      const codex = await runCodex(home.codexHome, ['login', 'status']);
      expect(codex.stderr).toContain('sk-proj-***ABCDE');
      expect(await createKeyringStore(home.codexHome).read()).toContain(KEY);
    });
  },
);
