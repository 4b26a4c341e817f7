// A thousand switches while another process renews the live account the
// way Codex does and a third one keeps reading: no torn read, no lost
// write, and Codex accepts the file at the end.

import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  type AppServices,
  createAppServices,
} from '../../electron/services/app-services';
import { loginStatusVerdict, repoRoot, runCodex } from '../codex-cli/codex-cli';
import { authText, teamAuth } from '../support/auth-fixtures';
import { makeTempDir, seedAuthFile } from '../support/temp-home';

const ROUNDS = Number(process.env['STRESS_ROUNDS'] ?? 1000);
const ALICE = 'chatgpt:ws-team-acme:user-alice';
const BOB = 'chatgpt:ws-team-acme:user-bob';

function startHelper(script: string, args: string[]) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(repoRoot, script), ...args],
    {
      cwd: repoRoot,
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', resolve),
  );
  const ready = new Promise<void>((resolve) => {
    child.stdout.on('data', () => out.startsWith('ready\n') && resolve());
  });
  return {
    ready,
    stop: async (): Promise<Record<string, number>> => {
      child.stdin.end('stop\n');
      const code = await exited;
      if (code !== 0) throw new Error(`${script} exited ${code}: ${err}`);
      return JSON.parse(out.slice('ready\n'.length)) as Record<string, number>;
    },
  };
}

// Run alone by `npm run test:stress` (part of `npm test`): in parallel with
// the other test files it would measure the machine, not the locks.
const enabled = Boolean(process.env['CODEX_ACCOUNTS_STRESS']);

describe.skipIf(!enabled)('switching under load', () => {
  let home: { path: string; cleanup: () => Promise<void> };
  let data: { path: string; cleanup: () => Promise<void> };
  let services: AppServices;

  beforeAll(async () => {
    home = await makeTempDir();
    data = await makeTempDir();
    await seedAuthFile(home.path, authText(teamAuth('bob')));
    services = await createAppServices({
      dataDir: data.path,
      env: { CODEX_HOME: home.path },
      openBrowser: async () => undefined,
    });
    await seedAuthFile(
      home.path,
      authText({ ...teamAuth('alice'), stress_marker: 'kept' }).replace(
        '_1"',
        '_0"',
      ),
    );
    await services.manager.reload();
  });
  afterAll(async () => {
    await services.dispose();
    await home.cleanup();
    await data.cleanup();
  });

  it(
    `survives ${ROUNDS} switches against a Codex-like writer`,
    { timeout: 600_000 },
    async () => {
      const writer = startHelper('e2e/stress/codex-like-writer.ts', [
        home.path,
        'ws-team-acme:user-alice',
      ]);
      const reader = startHelper('e2e/stress/torn-read-checker.ts', [
        home.path,
      ]);
      await Promise.all([writer.ready, reader.ready]);

      const started = Date.now();
      for (let round = 0; round < ROUNDS; round += 1) {
        await services.manager.switchTo(round % 2 === 0 ? BOB : ALICE);
      }
      console.log(`${ROUNDS} switches in ${Date.now() - started} ms`);
      await services.manager.switchTo(BOB);
      const wrote = await writer.stop();
      const read = await reader.stop();
      await services.manager.switchTo(ALICE);
      const live = JSON.parse(
        await readFile(join(home.path, 'auth.json'), 'utf8'),
      );
      const status = await runCodex(home.path, ['login', 'status']);

      expect(wrote['written']).toBeGreaterThan(0);
      expect(read['reads']).toBeGreaterThan(ROUNDS);
      expect(read['torn']).toBe(0);
      // The newest copy Codex wrote was kept: nothing of its renewals was lost.
      expect(live.tokens.refresh_token).toBe(
        `rt_user-alice_${wrote['lastIndex']}`,
      );
      expect(live.stress_marker).toBe('kept');
      expect(loginStatusVerdict(status)).toBe('chatgpt');
    },
  );
});
