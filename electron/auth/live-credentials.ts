// Where Codex keeps the sign-in it uses, per `cli_auth_credentials_store`:
// auth.json (`file`), the OS keyring (`keyring`), or the keyring with
// auth.json as a fallback (`auto`). Every change happens under Codex's
// locks in CODEX_HOME, whatever the store.

import type { CodexHomeInfo } from '../../shared/account';
import { AuthError } from './auth-error';
import { type AuthFileRead, parseAuthJson, readAuthFile } from './auth-file';
import { withAuthLocks } from './auth-lock';
import {
  applyAuthFileChange,
  type AuthFileChange,
  type CurrentAuthFile,
  updateAuthFile,
} from './auth-writer';
import type { CredentialsStore } from './codex-config';
import { checkCodexHome } from './codex-home';
import { createKeyringStore, type KeyringStore } from './keyring-store';

/** The sign-in Codex uses, wherever it is kept. */
export interface LiveCredentials {
  readonly store: CredentialsStore;
  /** Reads the live sign-in; throws an AuthError when it can't be used. */
  read(): Promise<AuthFileRead>;
  /** Reads it under Codex's locks, lets `decide` choose, and applies that. */
  update(
    decide: (
      current: CurrentAuthFile,
    ) => Promise<AuthFileChange> | AuthFileChange,
  ): Promise<AuthFileChange>;
}

/** The live credentials of `home` for the configured store. */
export function liveCredentials(
  home: CodexHomeInfo,
  store: CredentialsStore,
  keyring: (codexHome: string) => KeyringStore = createKeyringStore,
): LiveCredentials {
  if (store === 'keyring' || store === 'auto') {
    return keyringCredentials(home, store, keyring(home.path));
  }
  // `ephemeral` keeps the sign-in in Codex's memory only: there is nothing
  // on disk to read, and auth.json is what another Codex would use.
  return {
    store,
    read: () => readAuthFile(home.path),
    update: (decide) => updateAuthFile(home, decide),
  };
}

function keyringCredentials(
  home: CodexHomeInfo,
  store: 'keyring' | 'auto',
  keyring: KeyringStore,
): LiveCredentials {
  const readKeyring = async (): Promise<AuthFileRead | null> => {
    const text = await keyring.read();
    return text === null
      ? null
      : { kind: 'present', auth: parseAuthJson(text) };
  };
  const read = async (): Promise<AuthFileRead> => {
    await checkCodexHome(home);
    const fromKeyring = await readKeyring();
    if (fromKeyring) return fromKeyring;
    // In auto mode Codex falls back to auth.json when the keyring is empty.
    return store === 'auto' ? readAuthFile(home.path) : { kind: 'missing' };
  };

  // Codex deletes auth.json after a keyring save; this app leaves a stale
  // auth.json where it is (Codex ignores it in keyring mode) rather than
  // delete a file the user did not ask to remove.
  return {
    store,
    read,
    update: async (decide) => {
      await checkCodexHome(home);
      return withAuthLocks(home.path, async () => {
        const current = await read().catch((error: unknown) => {
          if (!(error instanceof AuthError)) throw error;
          return { kind: 'unusable' as const, error, text: '' };
        });
        const change = await decide(current);

        if (change.action === 'write') await writeKeyring(change.text);
        if (change.action === 'delete') {
          await keyring.remove();
          if (store === 'auto') {
            await applyAuthFileChange(home.path, { action: 'delete' });
          }
        }
        return change;
      });
    },
  };

  async function writeKeyring(text: string): Promise<void> {
    try {
      await keyring.write(text);
    } catch (error) {
      // Auto mode: Codex writes auth.json when the keyring refuses.
      if (store !== 'auto') throw error;
      await applyAuthFileChange(home.path, { action: 'write', text });
    }
  }
}
