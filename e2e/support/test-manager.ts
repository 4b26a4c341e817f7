// The AuthManager as the services tests use it: temporary folders, a test
// issuer, and callback ports of the test file's own (so parallel files
// never meet on 1455).

import { join } from 'node:path';

import { AccountStore } from '../../electron/auth/account-store';
import { AuthManager } from '../../electron/auth/auth-manager';
import {
  DEFAULT_SIGN_IN_SETTINGS,
  type SignInSettings,
} from '../../electron/auth/chatgpt-sign-in';
import { startTestIssuer, type TestIssuer } from '../issuer/test-issuer';
import { envHome } from './temp-home';

/** A test issuer that also accepts callbacks on `ports`. */
export function startIssuerForPorts(
  ports: readonly number[],
  options: Parameters<typeof startTestIssuer>[0] = {},
): Promise<TestIssuer> {
  return startTestIssuer({
    ...options,
    extraRedirectUris: ports.map(
      (port) => `http://localhost:${port}/auth/callback`,
    ),
  });
}

/** What a test manager needs. */
export interface TestManagerOptions {
  codexHome: string;
  dataDir: string;
  issuerUrl: string;
  ports: readonly number[];
  openBrowser(url: string): Promise<void>;
  signIn?: Partial<SignInSettings>;
}

/** A manager on `codexHome`, saving accounts and backups in `dataDir`. */
export function openTestManager(options: TestManagerOptions): AuthManager {
  return new AuthManager({
    home: envHome(options.codexHome),
    backupDir: join(options.dataDir, 'backups'),
    store: new AccountStore(join(options.dataDir, 'accounts')),
    signIn: {
      ...DEFAULT_SIGN_IN_SETTINGS,
      issuer: options.issuerUrl,
      ports: options.ports,
      ...options.signIn,
    },
    openBrowser: options.openBrowser,
  });
}
