// Lists the Codex processes running on this computer. A Codex process keeps
// the account it started with in memory, so after a switch the window can
// say which ones keep the old account until they are restarted (field note
// I3). Listing is best effort and bounded in time: when the operating system
// can't be asked, the list is empty.

import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { basename } from 'node:path';

/** One running Codex process. */
export interface CodexProcess {
  pid: number;
  /** What to call it, such as `codex`, `codex app-server` (the IDE). */
  name: string;
}

/** How to list. */
export interface ListOptions {
  /** Processes to leave out; this app's own process is always left out. */
  excludePids?: readonly number[];
  /** Listing gives up after this long and returns what it found. */
  timeoutMs?: number;
  platform?: NodeJS.Platform;
}

const DEFAULT_TIMEOUT_MS = 3_000;

// Codex subcommands worth showing. Anything else on the command line may be
// a prompt the user typed, so it is never shown.
const SHOWN_SUBCOMMANDS = new Set([
  'app-server',
  'exec',
  'resume',
  'login',
  'logout',
  'mcp',
  'mcp-server',
  'review',
  'cloud',
]);

const BINARY_NAMES = new Set(['codex', 'codex.exe']);
const LAUNCHER_NAMES = new Set(['codex', 'codex.js']);
const NODE_NAMES = new Set(['node', 'node.exe', 'nodejs', 'bun']);

/** The Codex processes running now, by pid. */
export async function listCodexProcesses(
  options: ListOptions = {},
): Promise<CodexProcess[]> {
  const platform = options.platform ?? process.platform;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const excluded = new Set([process.pid, ...(options.excludePids ?? [])]);

  const found = await listForPlatform(platform, timeoutMs);

  return found
    .filter((entry) => !excluded.has(entry.pid))
    .sort((a, b) => a.pid - b.pid);
}

/**
 * What to call a process, or null when it is not Codex: the Rust binary
 * named `codex` (with its subcommand when it is a known one), or the npm
 * launcher: node running a script named `codex` (npm's bin link) or
 * `codex.js` (`.../@openai/codex/bin/codex.js`).
 */
export function codexProcessName(
  executable: string,
  argv: readonly string[],
): string | null {
  if (BINARY_NAMES.has(baseName(executable))) {
    return withSubcommand('codex', argv[1]);
  }

  if (!NODE_NAMES.has(baseName(executable))) return null;

  const scriptIndex = argv.findIndex(
    (arg, index) => index > 0 && !arg.startsWith('-'),
  );
  const script = argv[scriptIndex];
  if (script === undefined || !LAUNCHER_NAMES.has(baseName(script))) {
    return null;
  }
  return `${withSubcommand('codex', argv[scriptIndex + 1])} (npm launcher)`;
}

function withSubcommand(name: string, subcommand: string | undefined) {
  return subcommand && SHOWN_SUBCOMMANDS.has(subcommand)
    ? `${name} ${subcommand}`
    : name;
}

// Windows paths may reach here on any platform (tasklist output in tests).
function baseName(path: string): string {
  return basename(path.replace(/\\/g, '/')).toLowerCase();
}

/** Reads `ps -axo pid=,comm=` output (macOS). */
export function parsePsOutput(output: string): CodexProcess[] {
  const found: CodexProcess[] = [];

  for (const line of output.split('\n')) {
    const match = /^\s*(\d+)\s+(.+?)\s*$/.exec(line);
    if (!match?.[1] || !match[2]) continue;

    const name = codexProcessName(match[2], [match[2]]);
    if (name) found.push({ pid: Number(match[1]), name });
  }
  return found;
}

/** Reads `tasklist /fo csv /nh` output (Windows). */
export function parseTasklistOutput(output: string): CodexProcess[] {
  const found: CodexProcess[] = [];

  for (const line of output.split(/\r?\n/)) {
    const match = /^"([^"]*)","(\d+)"/.exec(line);
    if (!match?.[1] || !match[2]) continue;

    const name = codexProcessName(match[1], [match[1]]);
    if (name) found.push({ pid: Number(match[2]), name });
  }
  return found;
}

async function listForPlatform(
  platform: NodeJS.Platform,
  timeoutMs: number,
): Promise<CodexProcess[]> {
  if (platform === 'linux') return listFromProc(Date.now() + timeoutMs);
  if (platform === 'darwin') {
    return parsePsOutput(await run('ps', ['-axo', 'pid=,comm='], timeoutMs));
  }
  if (platform === 'win32') {
    const output = await run('tasklist', ['/fo', 'csv', '/nh'], timeoutMs);
    return parseTasklistOutput(output);
  }
  return [];
}

// SHORTCOMING: on macOS and Windows the npm launcher is a plain `node`
// process and is not recognised; the `codex` binary it starts is, which is
// the one that holds the account. Reading command lines there (ps args=,
// WMI) would find the launcher too.
function run(
  command: string,
  args: readonly string[],
  timeoutMs: number,
): Promise<string> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { timeout: timeoutMs, maxBuffer: 8 * 1024 * 1024, windowsHide: true },
      (error, stdout) => resolve(error ? '' : stdout),
    );
  });
}

// Linux: every numeric entry of /proc is a process. `comm` is the
// executable's name (cut to 15 characters, enough for `codex`); `cmdline`
// is the NUL-separated argv, which tells the npm launcher from other node
// programs.
async function listFromProc(deadline: number): Promise<CodexProcess[]> {
  let entries: string[];
  try {
    entries = await readdir('/proc');
  } catch {
    return [];
  }

  const found: CodexProcess[] = [];
  for (const entry of entries) {
    if (Date.now() > deadline) break;
    if (!/^\d+$/.test(entry)) continue;

    const codex = await readProcProcess(Number(entry));
    if (codex) found.push(codex);
  }
  return found;
}

async function readProcProcess(pid: number): Promise<CodexProcess | null> {
  try {
    const comm = (await readFile(`/proc/${pid}/comm`, 'utf8')).trim();
    const argv = (await readFile(`/proc/${pid}/cmdline`, 'utf8'))
      .split('\0')
      .filter((arg) => arg !== '');
    // A zombie (exited, not yet reaped) has an empty command line.
    if (argv.length === 0) return null;

    const name = codexProcessName(comm, argv);
    return name ? { pid, name } : null;
  } catch {
    // The process ended while it was being read, or belongs to someone
    // whose details can't be read: not ours to list.
    return null;
  }
}
