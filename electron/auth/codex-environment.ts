// What Codex's settings and the user's environment mean for the sign-in:
// the policy of config.toml (which methods and workspaces are allowed), the
// API-key variables that would make Codex bill a key, and whether auth.json
// is open to other users. Read for every status, from small local files.

import { stat } from 'node:fs/promises';
import { homedir } from 'node:os';

import type { AccountSummary, CodexEnvironment } from '../../shared/account';
import { authFilePath } from './auth-file';
import {
  checkPolicy,
  type CodexConfig,
  readCodexConfig,
  signInMethodsAllowed,
} from './codex-config';
import { findApiKeyVariables } from './environment-warnings';

/** The environment before anything was read: Codex's defaults, no warnings. */
export const DEFAULT_ENVIRONMENT: CodexEnvironment = {
  credentialsStore: 'file',
  chatgptBlocked: null,
  apiKeyBlocked: null,
  configProblem: null,
  apiKeyVariables: [],
  authFileOpenToOthers: false,
};

/** The rules config.toml sets, as of one reading. */
export interface PolicySnapshot {
  /** Why this account can't be made active, or null when it can. */
  blockedReason(account: AccountSummary): string | null;
  /** forced_chatgpt_workspace_id, passed to the sign-in, when one is forced. */
  allowedWorkspaceId: string | null;
  chatgptBlocked: string | null;
  apiKeyBlocked: string | null;
}

/** Reads the environment of one CODEX_HOME. */
export interface EnvironmentSource {
  read(): Promise<{ policy: PolicySnapshot; view: CodexEnvironment }>;
}

// Shell startup files change rarely; read them at most this often.
const VARIABLES_TTL_MS = 60_000;

/** The environment from config.toml, the process and the shell files. */
export function codexEnvironmentSource(
  codexHome: string,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): EnvironmentSource {
  let variables: CodexEnvironment['apiKeyVariables'] = [];
  let variablesReadAt = -Infinity;

  const readVariables = async () => {
    if (Date.now() - variablesReadAt < VARIABLES_TTL_MS) return variables;
    const found = await findApiKeyVariables({ env, homeDir: home });
    variables = found.map(({ name, where }) => ({ name, where }));
    variablesReadAt = Date.now();
    return variables;
  };

  return {
    read: async () => {
      const config = await readCodexConfig(codexHome);
      const policy = policyOf(config);
      return {
        policy,
        view: {
          credentialsStore: config.credentialsStore,
          chatgptBlocked: policy.chatgptBlocked,
          apiKeyBlocked: policy.apiKeyBlocked,
          configProblem: config.problem,
          apiKeyVariables: await readVariables(),
          authFileOpenToOthers: await isOpenToOthers(authFilePath(codexHome)),
        },
      };
    },
  };
}

/** The policy that follows from one reading of config.toml. */
export function policyOf(config: CodexConfig): PolicySnapshot {
  const methods = signInMethodsAllowed(config);
  const reasonOf = (verdict: { allowed: boolean; reason?: string }) =>
    verdict.allowed ? null : (verdict.reason ?? null);

  return {
    blockedReason: (account) =>
      reasonOf(
        checkPolicy(config, {
          mode: account.mode,
          workspaceId: account.workspaceId,
        }),
      ),
    allowedWorkspaceId: config.forcedChatgptWorkspaceId,
    chatgptBlocked: reasonOf(methods.chatgpt),
    apiKeyBlocked: reasonOf(methods.apiKey),
  };
}

async function isOpenToOthers(path: string): Promise<boolean> {
  if (process.platform === 'win32') return false;
  const stats = await stat(path).catch(() => null);
  return stats !== null && (stats.mode & 0o077) !== 0;
}
