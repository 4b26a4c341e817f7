// Reads and writes Codex's own keyring entry, for CODEX_HOMEs whose
// config.toml says `cli_auth_credentials_store = "keyring"` (or "auto" and
// the keyring worked). There is then no auth.json: the entry is the sign-in
// (field note J1).
//
// What Codex stores, observed with Codex CLI 0.171 on Linux against a real
// gnome-keyring (checked with `secret-tool search --all service "Codex
// Auth"`) and matching codex-rs/login's storage module:
// - one Secret Service item, attributes `service` = "Codex Auth",
//   `username` = "cli|" + the first 16 hex digits of sha256(canonical
//   CODEX_HOME), plus `target` = "default" and `application` =
//   "rust-keyring", which keyring-rs 3 adds;
// - the secret is the auth.json JSON text, compact (serde_json::to_string:
//   no indentation), holding the fields Codex knows.
// Codex looks items up by `service` and `username` only: an item written
// here (without `target`) is read by `codex login status`, and Codex then
// overwrites that same item in place. The text written here is stored
// unchanged, so a saved account goes back byte for byte.
//
// Codex 0.171's Linux build speaks only to the Secret Service, never to the
// kernel keyring, so entries here are pinned to the Secret Service:
// @napi-rs/keyring would otherwise fall back silently to the kernel
// keyring, where Codex never looks.

import { createHash } from 'node:crypto';
import { realpath } from 'node:fs/promises';
import { resolve } from 'node:path';

import type { AsyncEntry, EntryOptions } from '@napi-rs/keyring';

import { createLogger } from '../logger';
import { AuthError } from './auth-error';
import type { KeyringBackend } from './codex-config';
import { redact } from './redact';

/** The keyring service Codex stores its sign-in under. */
export const KEYRING_SERVICE = 'Codex Auth';

// The entry used to find out whether the keyring accepts a new item.
const PROBE_SERVICE = 'Codex Accounts';
const PROBE_ACCOUNT = 'keyring-probe';

const DEFAULT_TIMEOUT_MS = 30_000;

const log = createLogger('keyring');

// The sentences a probe or an error gives, one per kind of failure.
const NO_SECRET_SERVICE =
  'No Secret Service (such as GNOME Keyring or KWallet) answers on this ' +
  "session's D-Bus, so the system keyring can't be reached.";
const LOCKED =
  'The system keyring is locked and was not unlocked; unlock it (signing ' +
  'in to the desktop again usually does) and try again.';
const NO_COLLECTION =
  'The system keyring has no default keyring to save into; create one (for ' +
  'example in Seahorse, "Passwords and Keys") and try again.';
const AMBIGUOUS =
  'The system keyring holds more than one "Codex Auth" entry for this ' +
  'Codex folder; remove the extra ones and try again.';
const SECRETS_BACKEND =
  'Codex keeps this sign-in in its encrypted file secrets/codex_auth.age ' +
  "(secret_auth_storage in config.toml), which Codex Accounts can't read " +
  'yet.';
const UNKNOWN = 'The system keyring refused the request.';
const UNKNOWN_WITH_DETAIL = (detail: string) =>
  `The system keyring refused the request: ${detail}.`;

// What @napi-rs/keyring's errors say on Linux (observed with no D-Bus, a
// bus without a Secret Service, a locked gnome-keyring and one without a
// default keyring), and the sentence each becomes.
const KNOWN_FAILURES: ReadonlyArray<{
  says: readonly string[];
  reason: string;
  kind: 'permanent' | 'transient';
}> = [
  {
    says: [
      'autolaunch',
      'dbus_session_bus_address',
      'failed to connect to socket',
      'not provided by any .service files',
      'no dbus session',
    ],
    reason: NO_SECRET_SERVICE,
    kind: 'permanent',
  },
  { says: ['locked', 'unlock prompt'], reason: LOCKED, kind: 'transient' },
  { says: ['no result found'], reason: NO_COLLECTION, kind: 'permanent' },
  { says: ['ambiguous'], reason: AMBIGUOUS, kind: 'permanent' },
];

/** Whether the keyring can hold Codex's sign-in, and if not, why. */
export type KeyringProbe =
  { available: true } | { available: false; reason: string };

/** Codex's keyring entry for one CODEX_HOME. */
export interface KeyringStore {
  /** The entry's account, `cli|` and 16 hex digits. */
  account(): Promise<string>;
  /** The auth.json text stored there, or null when there is none. */
  read(): Promise<string | null>;
  /** Stores `text` (an auth.json) as the entry, unchanged. */
  write(text: string): Promise<void>;
  /** Deletes the entry; false when there was none. */
  remove(): Promise<boolean>;
  /**
   * Whether read and write can work. Codex's entry is only read; when it
   * does not exist, a throwaway item (service `Codex Accounts`) is written
   * and deleted, since a keyring can answer reads and still refuse new
   * items.
   */
  probe(): Promise<KeyringProbe>;
}

/** How to reach the keyring. */
export interface KeyringStoreOptions {
  /** From config.toml; the encrypted-file backend can't be read here. */
  keyringBackend?: KeyringBackend;
  /** A keyring that does not answer within this long counts as failed. */
  timeoutMs?: number;
  platform?: NodeJS.Platform;
}

/**
 * The account Codex uses for `codexHome`: `cli|` and the first 16 hex
 * digits of the sha256 of its canonical path (its real path, symbolic
 * links resolved; the path as given when it does not exist).
 */
export async function keyringAccountFor(
  codexHome: string,
  platform: NodeJS.Platform = process.platform,
): Promise<string> {
  const canonical = await canonicalCodexHome(codexHome, platform);
  const digest = createHash('sha256').update(canonical).digest('hex');

  return `cli|${digest.slice(0, 16)}`;
}

/** Codex's keyring entry for `codexHome`. */
export function createKeyringStore(
  codexHome: string,
  options: KeyringStoreOptions = {},
): KeyringStore {
  const platform = options.platform ?? process.platform;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const backendProblem =
    options.keyringBackend === 'secrets' ? SECRETS_BACKEND : null;

  const account = () => keyringAccountFor(codexHome, platform);
  const codexEntry = async () => {
    if (backendProblem) throw unavailable(backendProblem, 'permanent');
    return await openEntry(KEYRING_SERVICE, await account(), platform);
  };

  return {
    account,
    read: async () => {
      const entry = await codexEntry();
      return attempt(() => entry.getPassword(signal(timeoutMs)), timeoutMs);
    },
    write: async (text) => {
      const entry = await codexEntry();
      await attempt(
        () => entry.setPassword(text, signal(timeoutMs)),
        timeoutMs,
      );
      log.info('wrote the Codex keyring entry', { bytes: text.length });
    },
    remove: async () => {
      const entry = await codexEntry();
      return attempt(() => entry.deletePassword(signal(timeoutMs)), timeoutMs);
    },
    probe: () => probeKeyring(codexEntry, platform, timeoutMs),
  };
}

// Reading Codex's entry shows whether the keyring answers and is unlocked.
// When there is no entry yet, a throwaway item is written and deleted: a
// keyring with no default collection answers reads but refuses new items.
async function probeKeyring(
  codexEntry: () => Promise<AsyncEntry>,
  platform: NodeJS.Platform,
  timeoutMs: number,
): Promise<KeyringProbe> {
  try {
    const entry = await codexEntry();
    const existing = await attempt(
      () => entry.getPassword(signal(timeoutMs)),
      timeoutMs,
    );
    if (existing === null) await probeWrite(platform, timeoutMs);
  } catch (error) {
    const reason =
      error instanceof AuthError ? (error.params.reason ?? '') : UNKNOWN;
    log.info('the keyring is not available', { reason });
    return { available: false, reason };
  }

  return { available: true };
}

async function probeWrite(platform: NodeJS.Platform, timeoutMs: number) {
  const entry = await openEntry(PROBE_SERVICE, PROBE_ACCOUNT, platform);

  await attempt(() => entry.setPassword('probe', signal(timeoutMs)), timeoutMs);
  await attempt(() => entry.deletePassword(signal(timeoutMs)), timeoutMs);
}

// The native binding is loaded on first use: most people never use keyring
// mode, and the app starts faster without it.
async function openEntry(
  service: string,
  account: string,
  platform: NodeJS.Platform,
): Promise<AsyncEntry> {
  const options: EntryOptions | undefined =
    platform === 'linux' ? { linux: { store: 'secret-service' } } : undefined;

  try {
    const { AsyncEntry } = await import('@napi-rs/keyring');
    return new AsyncEntry(service, account, options);
  } catch (error) {
    throw keyringError(error, DEFAULT_TIMEOUT_MS);
  }
}

// The binding accepts an AbortSignal but was seen to ignore it, so the
// operation also races a timer: a keyring waiting on an unlock prompt that
// nobody answers must not hold the caller forever. The operation itself
// carries on in the binding's thread and its result is dropped.
async function attempt<T>(
  operation: () => Promise<T>,
  timeoutMs: number,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new KeyringTimeout()), timeoutMs);
  });

  try {
    return await Promise.race([operation(), timeout]);
  } catch (error) {
    throw keyringError(error, timeoutMs);
  } finally {
    clearTimeout(timer);
  }
}

class KeyringTimeout extends Error {
  override readonly name = 'TimeoutError';
}

function signal(timeoutMs: number): AbortSignal {
  return AbortSignal.timeout(timeoutMs);
}

// Codex canonicalizes with Rust's std::fs::canonicalize. On Windows that
// returns the verbatim form (\\?\C:\... or \\?\UNC\server\share\...), which
// is what Codex hashes; Node's realpath returns the plain form.
// SHORTCOMING: the Windows form is reasoned from the Rust standard library,
// not observed; Codex on Windows defaults to the encrypted-file backend, so
// it matters only with `secret_auth_storage = false`.
async function canonicalCodexHome(
  codexHome: string,
  platform: NodeJS.Platform,
): Promise<string> {
  let canonical: string;
  try {
    canonical = await realpath(codexHome);
  } catch {
    return resolve(codexHome);
  }

  if (platform !== 'win32' || canonical.startsWith('\\\\?\\')) return canonical;
  return canonical.startsWith('\\\\')
    ? `\\\\?\\UNC\\${canonical.slice(2)}`
    : `\\\\?\\${canonical}`;
}

function keyringError(error: unknown, timeoutMs: number): AuthError {
  if (error instanceof AuthError) return error;

  const message = error instanceof Error ? error.message : String(error);
  if (isTimeout(error)) {
    const seconds = Math.round(timeoutMs / 1000);
    return unavailable(
      `The system keyring did not answer within ${seconds} seconds (an ` +
        'unlock prompt may be waiting).',
      'transient',
      error,
    );
  }

  const lowered = message.toLowerCase();
  const known = KNOWN_FAILURES.find((failure) =>
    failure.says.some((text) => lowered.includes(text)),
  );
  if (known) return unavailable(known.reason, known.kind, error);

  const detail = redact(message.split('\n')[0] ?? '').slice(0, 200);
  return unavailable(UNKNOWN_WITH_DETAIL(detail), 'transient', error);
}

function isTimeout(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'TimeoutError' || name === 'AbortError';
}

function unavailable(
  reason: string,
  kind: 'permanent' | 'transient',
  cause?: unknown,
): AuthError {
  return new AuthError('keyring_unavailable', {
    kind,
    params: { reason },
    cause,
  });
}
