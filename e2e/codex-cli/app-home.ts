// A temporary CODEX_HOME with Codex Accounts' services opened on it, as the
// app would open them, for tests that pass the file back and forth with the
// real Codex CLI.

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

import { authFilePath } from '../../electron/auth/auth-file';
import { setLogSink } from '../../electron/logger';
import {
  type AppServices,
  createAppServices,
} from '../../electron/services/app-services';
import { makeTempDir } from '../support/temp-home';

/** A CODEX_HOME and the app's data folder, both removed by `cleanup`. */
export interface TestHome {
  codexHome: string;
  authFile: string;
  dataDir: string;
  /** The log lines written while the home was open. */
  logLines: string[];
  cleanup(): Promise<void>;
}

/** Creates an empty CODEX_HOME and a data folder next to it. */
export async function makeTestHome(): Promise<TestHome> {
  const root = await makeTempDir('codex-accounts-cli-');
  const codexHome = join(root.path, 'codex-home');
  const dataDir = join(root.path, 'app-data');
  await mkdir(codexHome, { mode: 0o700 });
  await mkdir(dataDir, { mode: 0o700 });

  const logLines: string[] = [];
  const restoreLog = setLogSink((line) => logLines.push(line), 'debug');

  return {
    codexHome,
    authFile: authFilePath(codexHome),
    dataDir,
    logLines,
    cleanup: async () => {
      restoreLog();
      await root.cleanup();
    },
  };
}

/** Opens the services on `home` with CODEX_HOME set, as the app starts. */
export function openServices(home: TestHome): Promise<AppServices> {
  return createAppServices({
    dataDir: home.dataDir,
    env: { CODEX_HOME: home.codexHome },
    homeDir: home.dataDir,
    openBrowser: async () => {
      throw new Error('these tests never open a browser');
    },
  });
}
