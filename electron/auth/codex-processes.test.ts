import { type ChildProcess, spawn } from 'node:child_process';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { CLOSED_LOCAL_URL, codexBin } from '../../e2e/codex-cli/codex-cli';
import { makeTempDir } from '../../e2e/support/temp-home';
import {
  codexProcessName,
  listCodexProcesses,
  parsePsOutput,
  parseTasklistOutput,
} from './codex-processes';

const onLinux = process.platform === 'linux';

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

async function waitFor<T>(probe: () => Promise<T | null>): Promise<T> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const value = await probe();
    if (value !== null) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('gave up waiting');
}

describe.runIf(onLinux)('listCodexProcesses on Linux', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  let children: ChildProcess[];

  beforeEach(async () => {
    dir = await makeTempDir();
    children = [];
  });
  afterEach(async () => {
    for (const child of children) child.kill('SIGKILL');
    await Promise.all(children.map(exited));
    await dir.cleanup();
  });

  /** Starts /bin/sleep under the name `codex`, as the Rust binary is named. */
  async function startFakeCodex(...args: string[]) {
    const binary = join(dir.path, 'codex');
    await copyFile('/bin/sleep', binary);
    const child = spawn(binary, ['30', ...args], { stdio: 'ignore' });
    children.push(child);
    await new Promise((resolve) => child.once('spawn', resolve));
    return child;
  }

  it('lists a running codex with its pid, and not once it is killed', async () => {
    const child = await startFakeCodex();

    const running = await listCodexProcesses();
    child.kill('SIGTERM');
    await exited(child);
    const after = await listCodexProcesses();

    expect(running).toContainEqual({ pid: child.pid, name: 'codex' });
    expect(after.map((entry) => entry.pid)).not.toContain(child.pid);
  });

  it('names the IDE extension by its app-server subcommand', async () => {
    // A copy of bash named codex, running `codex app-server`: bash reads the
    // script ./app-server, which waits on stdin without starting a child.
    const binary = join(dir.path, 'codex');
    await copyFile('/bin/bash', binary);
    await writeFile(join(dir.path, 'app-server'), 'read -r -t 30 line\n');
    const child = spawn(binary, ['app-server'], {
      cwd: dir.path,
      argv0: 'codex',
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    children.push(child);
    await new Promise((resolve) => child.once('spawn', resolve));

    const running = await listCodexProcesses();

    expect(running).toContainEqual({
      pid: child.pid,
      name: 'codex app-server',
    });
  });

  it('lists the npm launcher as a node process', async () => {
    const launcherDir = join(dir.path, 'node_modules/@openai/codex/bin');
    await mkdir(launcherDir, { recursive: true });
    const script = join(launcherDir, 'codex.js');
    await writeFile(script, 'setTimeout(() => {}, 30_000);\n');
    const child = spawn(process.execPath, [script, 'exec'], {
      stdio: 'ignore',
    });
    children.push(child);
    await new Promise((resolve) => child.once('spawn', resolve));

    const running = await listCodexProcesses();

    expect(running).toContainEqual({
      pid: child.pid,
      name: 'codex exec (npm launcher)',
    });
  });

  it('lists the real Codex CLI app server and its npm launcher', async () => {
    const launcher = spawn(codexBin, ['app-server'], {
      env: {
        PATH: process.env['PATH'] ?? '/usr/bin:/bin',
        CODEX_HOME: dir.path,
        HTTPS_PROXY: CLOSED_LOCAL_URL,
        HTTP_PROXY: CLOSED_LOCAL_URL,
      },
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    children.push(launcher);

    const running = await waitFor(async () => {
      const listed = await listCodexProcesses();
      return listed.some((entry) => entry.name === 'codex app-server')
        ? listed
        : null;
    });
    const binary = running.find((entry) => entry.name === 'codex app-server');
    if (binary) process.kill(binary.pid, 'SIGKILL');

    expect(running).toContainEqual({
      pid: launcher.pid,
      name: 'codex app-server (npm launcher)',
    });
    expect(binary?.pid).not.toBe(launcher.pid);
  });

  it('leaves out the processes it is told to', async () => {
    const child = await startFakeCodex();

    const running = await listCodexProcesses({
      excludePids: [child.pid ?? -1],
    });

    expect(running.map((entry) => entry.pid)).not.toContain(child.pid);
  });

  it('never lists its own process', async () => {
    const running = await listCodexProcesses();

    expect(running.map((entry) => entry.pid)).not.toContain(process.pid);
  });

  it('returns within its time limit', async () => {
    const started = Date.now();

    await listCodexProcesses({ timeoutMs: 1 });

    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

describe('codexProcessName', () => {
  it.each([
    ['/usr/local/bin/codex', ['codex'], 'codex'],
    ['codex', ['codex', 'app-server', '--analytics'], 'codex app-server'],
    ['codex', ['codex', 'exec', 'fix the secret bug'], 'codex exec'],
    ['codex', ['codex', 'fix the secret bug'], 'codex'],
    ['C:\\Tools\\codex.exe', ['codex.exe'], 'codex'],
    [
      'node',
      ['node', '/usr/lib/node_modules/@openai/codex/bin/codex.js'],
      'codex (npm launcher)',
    ],
    [
      'node',
      ['node', '/usr/local/bin/codex', 'app-server'],
      'codex app-server (npm launcher)',
    ],
    [
      'node',
      ['/usr/bin/node', '--no-warnings', '/home/u/.npm/bin/codex'],
      'codex (npm launcher)',
    ],
  ])('calls %s %j "%s"', (executable, argv, name) => {
    expect(codexProcessName(executable, argv)).toBe(name);
  });

  it.each([
    ['node', ['node', '/work/server.js', 'codex']],
    ['bash', ['bash', '-c', 'codex']],
    ['codex-helper', ['codex-helper']],
    ['vim', ['vim', 'codex.md']],
  ])('does not take %s %j for Codex', (executable, argv) => {
    expect(codexProcessName(executable, argv)).toBeNull();
  });
});

describe('parsePsOutput (macOS)', () => {
  it('finds codex by the name of its executable', () => {
    const output = [
      '    1 /sbin/launchd',
      '  412 /Applications/Visual Studio Code.app/Contents/MacOS/Electron',
      ' 5123 /Users/u/.vscode/extensions/openai.chatgpt-1.0/bin/macos-aarch64/codex',
      ' 5200 /opt/homebrew/bin/codex',
      ' 5300 /opt/homebrew/bin/node',
      '',
    ].join('\n');

    expect(parsePsOutput(output)).toEqual([
      { pid: 5123, name: 'codex' },
      { pid: 5200, name: 'codex' },
    ]);
  });
});

describe('parseTasklistOutput (Windows)', () => {
  it('finds codex.exe in the CSV', () => {
    const output = [
      '"System Idle Process","0","Services","0","8 K"',
      '"codex.exe","7320","Console","1","48,212 K"',
      '"node.exe","7400","Console","1","60,000 K"',
      '"Codex.exe","8100","Console","1","12,000 K"',
      '',
    ].join('\r\n');

    expect(parseTasklistOutput(output)).toEqual([
      { pid: 7320, name: 'codex' },
      { pid: 8100, name: 'codex' },
    ]);
  });
});

describe('listCodexProcesses elsewhere', () => {
  it('returns an empty list when the operating system is not known', async () => {
    expect(await listCodexProcesses({ platform: 'aix' })).toEqual([]);
  });
});
