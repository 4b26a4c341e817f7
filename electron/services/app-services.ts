// Puts the main-side services together for a host: the Electron app or the
// demo. Settings come from the environment with Codex's values as defaults.

import { homedir } from 'node:os';
import { join } from 'node:path';

import { AccountStore } from '../auth/account-store';
import { AuthManager } from '../auth/auth-manager';
import { watchCodexHome } from '../auth/auth-watcher';
import {
  checkIssuerUrl,
  DEFAULT_SIGN_IN_SETTINGS,
  type SignInSettings,
} from '../auth/chatgpt-sign-in';
import { codexEnvironmentSource } from '../auth/codex-environment';
import { locateCodexHome } from '../auth/codex-home';
import { listCodexProcesses } from '../auth/codex-processes';
import { plainCodec, type SecretCodec } from '../auth/secret-codec';
import { SettingsStore } from './app-settings';
import { createRequestHandlers, type RequestHandlers } from './ipc-handlers';
import { createStatusFeed, type StatusFeed } from './status-feed';

/** What a host provides. */
export interface AppServicesOptions {
  /** The app's own data folder (Electron's userData). */
  dataDir: string;
  env?: NodeJS.ProcessEnv;
  /** Opens the system browser at a URL already checked to be the issuer's. */
  openBrowser(url: string): Promise<void>;
  /** Overrides for tests and the demo. */
  signIn?: Partial<SignInSettings>;
  /** Protects saved accounts; Electron passes safeStorage. Plain by default. */
  secretCodec?: SecretCodec;
  /** The user's home folder, for shell startup files (tests pass their own). */
  homeDir?: string;
  /** Follow changes other programs make to CODEX_HOME (default true). */
  watch?: boolean;
}

/** The services of one running app. */
export interface AppServices {
  manager: AuthManager;
  settings: SettingsStore;
  handlers: RequestHandlers;
  /** What the window is sent of each status; the handlers and events share it. */
  statusFeed: StatusFeed;
  signIn: SignInSettings;
  dispose(): Promise<void>;
}

/**
 * Sign-in settings: `CODEX_ACCOUNTS_ISSUER` and `CODEX_ACCOUNTS_CLIENT_ID`
 * override Codex's issuer and client (for a test issuer on this computer).
 */
export function signInSettingsFrom(
  env: NodeJS.ProcessEnv,
  overrides: Partial<SignInSettings> = {},
): SignInSettings {
  const issuer =
    env['CODEX_ACCOUNTS_ISSUER'] || DEFAULT_SIGN_IN_SETTINGS.issuer;
  const clientId =
    env['CODEX_ACCOUNTS_CLIENT_ID'] || DEFAULT_SIGN_IN_SETTINGS.clientId;
  const settings = {
    ...DEFAULT_SIGN_IN_SETTINGS,
    issuer,
    clientId,
    ...overrides,
  };
  checkIssuerUrl(settings.issuer);
  return settings;
}

/** Builds the services and reads the current sign-in once. */
export async function createAppServices(
  options: AppServicesOptions,
): Promise<AppServices> {
  const env = options.env ?? process.env;
  const signIn = signInSettingsFrom(env, options.signIn);
  const issuerOrigin = new URL(signIn.issuer).origin;

  const manager = new AuthManager({
    home: locateCodexHome(env),
    backupDir: join(options.dataDir, 'backups'),
    store: new AccountStore(
      join(options.dataDir, 'accounts'),
      options.secretCodec ?? plainCodec,
    ),
    environment: codexEnvironmentSource(
      locateCodexHome(env).path,
      env,
      options.homeDir ?? homedir(),
    ),
    listCodexProcesses: () => listCodexProcesses(),
    signIn,
    openBrowser: async (url) => {
      // Only the issuer's own pages are ever opened in the browser.
      if (new URL(url).origin !== issuerOrigin) {
        throw new Error('refused to open a URL outside the issuer');
      }
      await options.openBrowser(url);
    },
  });
  await manager.reload();
  const watch =
    options.watch === false
      ? null
      : watchCodexHome(manager.snapshot().codexHome.path, () =>
          manager.reload(),
        );
  await watch?.ready;

  const settings = new SettingsStore(options.dataDir);
  const statusFeed = createStatusFeed();

  return {
    manager,
    settings,
    statusFeed,
    handlers: createRequestHandlers(manager, settings, statusFeed),
    signIn,
    dispose: async () => {
      await watch?.close();
      await manager.dispose();
    },
  };
}
