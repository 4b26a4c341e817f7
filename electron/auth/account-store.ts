// Saved accounts: one record per account in the app's data folder (0700,
// files 0600), keyed by workspace and user for ChatGPT and by a fingerprint
// of the key for API keys. A record keeps auth.json exactly as it was, so a
// switch restores it byte for byte; the credentials are encrypted with the
// codec the host provides.

import { createHash, randomBytes } from 'node:crypto';
import {
  chmod,
  mkdir,
  open,
  readdir,
  readFile,
  rename,
  rm,
} from 'node:fs/promises';
import { join } from 'node:path';

import type { AccountSummary } from '../../shared/account';
import { createLogger } from '../logger';
import { AuthError } from './auth-error';
import {
  identityKey,
  parseAuthJson,
  type StoredAuth,
  summarizeAuth,
} from './auth-file';
import { describeForLog } from './redact';
import { plainCodec, type SecretCodec } from './secret-codec';

const log = createLogger('account-store');
const RECORD_VERSION = 1;

/** A saved account, decrypted. The `auth` part never leaves main. */
export interface SavedAccount {
  /** The identity key: `chatgpt:<workspace>:<user>` or `apikey:<hash>`. */
  key: string;
  /** A name the user gave it, or null. */
  label: string | null;
  summary: AccountSummary;
  auth: StoredAuth;
  savedAt: string;
  updatedAt: string;
}

/** How two copies of one account's credentials compare. */
export type Freshness = 'same' | 'first_newer' | 'second_newer';

interface RecordFile {
  version: number;
  key: string;
  label: string | null;
  savedAt: string;
  updatedAt: string;
  secret: { codec: SecretCodec['name']; data: string };
}

/**
 * Which of two copies of the same account is newer: compared by their
 * tokens first (same tokens, same copy), then by last_refresh, then by the
 * access token's expiry. A tie with different tokens favours the first.
 */
export function compareFreshness(a: StoredAuth, b: StoredAuth): Freshness {
  if (sameCredentials(a, b)) return 'same';

  const refreshA = a.lastRefresh?.getTime() ?? 0;
  const refreshB = b.lastRefresh?.getTime() ?? 0;
  if (refreshA !== refreshB)
    return refreshA > refreshB ? 'first_newer' : 'second_newer';

  const expA = a.tokens?.accessTokenExpiresAt?.getTime() ?? 0;
  const expB = b.tokens?.accessTokenExpiresAt?.getTime() ?? 0;
  return expB > expA ? 'second_newer' : 'first_newer';
}

function sameCredentials(a: StoredAuth, b: StoredAuth): boolean {
  if (a.text === b.text) return true;
  return (
    a.apiKey === b.apiKey &&
    a.tokens?.refreshToken === b.tokens?.refreshToken &&
    a.tokens?.accessToken === b.tokens?.accessToken &&
    a.tokens?.idToken === b.tokens?.idToken
  );
}

/** The saved accounts of one app, cached in memory after the first load. */
export class AccountStore {
  private accounts: Map<string, SavedAccount> | null = null;
  private readonly problems: string[] = [];

  constructor(
    private readonly dir: string,
    private readonly codec: SecretCodec = plainCodec,
  ) {}

  /** How the credentials are protected, for the window's notice. */
  protection(): { encrypted: boolean; weak: boolean } {
    return { encrypted: this.codec.encrypted, weak: this.codec.weak };
  }

  /** Records that could not be read (left on disk as they are). */
  unreadableRecords(): readonly string[] {
    return this.problems;
  }

  /** Every saved account, in the order they were saved. */
  async list(): Promise<SavedAccount[]> {
    const accounts = await this.load();
    return [...accounts.values()].sort((a, b) =>
      a.savedAt.localeCompare(b.savedAt),
    );
  }

  /** The saved account with this key, if any. */
  async get(key: string): Promise<SavedAccount | undefined> {
    return (await this.load()).get(key);
  }

  /**
   * Saves `auth`, or updates the saved copy when `auth` is newer. An older
   * copy never replaces a newer one. Returns the record as now saved.
   */
  async save(auth: StoredAuth): Promise<SavedAccount> {
    return this.write(auth, false);
  }

  /**
   * Saves the copy a refresh of the saved one just returned, whatever its
   * timestamps say: the refresh spent the old refresh token, so the new one
   * is the only one that works (a clock ahead elsewhere must not lose it).
   */
  async saveRefreshed(auth: StoredAuth): Promise<SavedAccount> {
    return this.write(auth, true);
  }

  private async write(auth: StoredAuth, force: boolean): Promise<SavedAccount> {
    if (auth.mode !== 'apikey' && (auth.tokens?.refreshToken ?? '') === '') {
      throw new AuthError('account_not_refreshable');
    }
    const accounts = await this.load();
    const key = identityKey(auth);
    const existing = accounts.get(key);

    if (
      existing &&
      !force &&
      compareFreshness(auth, existing.auth) !== 'first_newer'
    ) {
      return existing;
    }
    const now = new Date().toISOString();
    const account: SavedAccount = {
      key,
      label: existing?.label ?? null,
      summary: summarizeAuth(auth),
      auth,
      savedAt: existing?.savedAt ?? now,
      updatedAt: now,
    };
    await this.writeRecord(account);
    accounts.set(key, account);
    return account;
  }

  /** Gives an account a name of the user's; an empty name removes it. */
  async rename(key: string, label: string): Promise<SavedAccount> {
    const account = await this.require(key);
    const renamed = {
      ...account,
      label: label.trim() === '' ? null : label.trim(),
    };
    await this.writeRecord(renamed);
    (await this.load()).set(key, renamed);
    return renamed;
  }

  /** Forgets an account on this computer. */
  async remove(key: string): Promise<void> {
    await this.require(key);
    await rm(this.recordPath(key), { force: true });
    (await this.load()).delete(key);
  }

  /** The account with this key, or account_not_found. */
  async require(key: string): Promise<SavedAccount> {
    const account = await this.get(key);
    if (!account) throw new AuthError('account_not_found');
    return account;
  }

  private async load(): Promise<Map<string, SavedAccount>> {
    if (this.accounts) return this.accounts;

    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    await chmod(this.dir, 0o700);
    const accounts = new Map<string, SavedAccount>();
    for (const name of await readdir(this.dir)) {
      if (!name.endsWith('.json')) continue;
      const account = await this.readRecord(join(this.dir, name));
      if (account) accounts.set(account.key, account);
    }
    this.accounts = accounts;
    return accounts;
  }

  private async readRecord(path: string): Promise<SavedAccount | null> {
    try {
      const record = JSON.parse(await readFile(path, 'utf8')) as RecordFile;
      if (record.version !== RECORD_VERSION) throw new Error('unknown version');
      const codec =
        record.secret.codec === this.codec.name ? this.codec : plainCodec;
      if (record.secret.codec !== codec.name) throw new Error('unknown codec');
      const auth = parseAuthJson(codec.decrypt(record.secret.data));
      return {
        key: record.key,
        label: record.label,
        summary: summarizeAuth(auth),
        auth,
        savedAt: record.savedAt,
        updatedAt: record.updatedAt,
      };
    } catch (error) {
      log.warn('a saved account could not be read', {
        reason: describeForLog(error),
      });
      this.problems.push(path);
      return null;
    }
  }

  private async writeRecord(account: SavedAccount): Promise<void> {
    const record: RecordFile = {
      version: RECORD_VERSION,
      key: account.key,
      label: account.label,
      savedAt: account.savedAt,
      updatedAt: account.updatedAt,
      secret: {
        codec: this.codec.name,
        data: this.codec.encrypt(account.auth.text),
      },
    };
    const path = this.recordPath(account.key);
    const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;

    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(JSON.stringify(record, null, 2), 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  }

  private recordPath(key: string): string {
    const id = createHash('sha256').update(key).digest('hex').slice(0, 24);
    return join(this.dir, `${id}.json`);
  }
}
