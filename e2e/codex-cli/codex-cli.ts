// Runs the real Codex CLI (the `@openai/codex` devDependency) against a
// temporary CODEX_HOME, for interoperability tests. Every URL Codex could
// reach on its own is pointed at a closed port on this computer, so a
// mistake in a test fails locally instead of reaching an OpenAI host.

import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The root of the repository. */
export const repoRoot = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../..',
);

/** The CLI as npm installed it. */
export const codexBin = resolve(repoRoot, 'node_modules/.bin/codex');

/** Nothing listens here (the discard port): connections are refused. */
export const CLOSED_LOCAL_URL = 'http://127.0.0.1:9';

/** Codex's sign-out revokes here first; a closed port makes that fail fast. */
export const CLOSED_REVOKE_URL = `${CLOSED_LOCAL_URL}/oauth/revoke`;

/** What one run of the CLI did. */
export interface CodexRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** How to run the CLI. */
export interface CodexRunOptions {
  /** Written to the CLI's stdin, which is then closed. */
  input?: string;
  /** More environment variables, applied last. */
  env?: Record<string, string>;
  /** The CLI is killed after this long. */
  timeoutMs?: number;
}

// Codex prints this on every run when CODEX_HOME is under /tmp; it is about
// helper binaries that these tests never use.
const PATH_ALIAS_WARNING =
  /^WARNING: proceeding, even though we could not create PATH aliases.*\n?/gm;

// The developer's own Codex, OpenAI and proxy settings would change what
// Codex reads and where it connects; the tests set their own.
const INHERITED_VARIABLES_TO_DROP = /^(CODEX_|OPENAI_|RUST_LOG$)|_proxy$/i;

/** Runs `codex ...args` with `codexHome` as CODEX_HOME. */
export function runCodex(
  codexHome: string,
  args: readonly string[],
  options: CodexRunOptions = {},
): Promise<CodexRun> {
  const child = spawn(codexBin, args, {
    env: codexEnv(codexHome, options.env),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  child.stdin.end(options.input ?? '');

  const timer = setTimeout(
    () => child.kill('SIGKILL'),
    options.timeoutMs ?? 15_000,
  );

  return new Promise((resolvePromise, reject) => {
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolvePromise({
        code,
        stdout: withoutPathAliasWarning(Buffer.concat(stdout).toString()),
        stderr: withoutPathAliasWarning(Buffer.concat(stderr).toString()),
      });
    });
  });
}

/** What `codex login status` concluded about the sign-in. */
export type LoginStatusVerdict = 'chatgpt' | 'apikey' | 'error' | 'signed_out';

/**
 * Reads the verdict of a `codex login status` run from its exit code and
 * its first line; anything else is an error in the test, not a verdict.
 */
export function loginStatusVerdict(run: CodexRun): LoginStatusVerdict {
  const output = run.stdout + run.stderr;

  if (run.code === 0 && output.startsWith('Logged in using ChatGPT')) {
    return 'chatgpt';
  }
  if (run.code === 0 && output.startsWith('API key configured')) {
    return 'apikey';
  }
  if (run.code === 1 && output.startsWith('Error checking login status')) {
    return 'error';
  }
  if (run.code === 1 && output.startsWith('Not logged in')) {
    return 'signed_out';
  }
  throw new Error(
    `unexpected output of codex login status: ${JSON.stringify(run)}`,
  );
}

function codexEnv(
  codexHome: string,
  extra: Record<string, string> = {},
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!INHERITED_VARIABLES_TO_DROP.test(name)) env[name] = value;
  }

  return {
    ...env,
    CODEX_HOME: codexHome,
    CODEX_REVOKE_TOKEN_URL_OVERRIDE: CLOSED_REVOKE_URL,
    CODEX_REFRESH_TOKEN_URL_OVERRIDE: `${CLOSED_LOCAL_URL}/oauth/token`,
    // Anything else Codex might try to reach goes to the closed port too.
    HTTPS_PROXY: CLOSED_LOCAL_URL,
    HTTP_PROXY: CLOSED_LOCAL_URL,
    ALL_PROXY: CLOSED_LOCAL_URL,
    NO_PROXY: '',
    ...extra,
  };
}

function withoutPathAliasWarning(text: string): string {
  return text.replace(PATH_ALIAS_WARNING, '');
}
