import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';

import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
} from 'vitest';

import { signInThroughIssuerForm } from '../../e2e/issuer/sign-in-form';
import type { TestIssuer } from '../../e2e/issuer/test-issuer';
import { makeTempDir } from '../../e2e/support/temp-home';
import {
  openTestManager,
  startIssuerForPorts,
} from '../../e2e/support/test-manager';
import type { SignInProgress } from '../../shared/account';
import { setLogSink } from '../logger';
import type { AuthManager } from './auth-manager';
import {
  buildAuthorizeUrl,
  DEFAULT_SIGN_IN_SETTINGS,
  type SignInSettings,
} from './chatgpt-sign-in';

// Ports of this file's own, so parallel test files never meet on 1455.
const PORTS = [21455, 21457] as const;

let issuer: TestIssuer;

beforeAll(async () => {
  issuer = await startIssuerForPorts(PORTS);
});
afterAll(async () => {
  await issuer.close();
});

/** A manager whose "browser" records the URLs it was asked to open. */
function makeManager(
  codexHome: string,
  dataDir: string,
  overrides: Partial<SignInSettings> = {},
) {
  const opened: string[] = [];
  const progress: SignInProgress[] = [];
  const manager = openTestManager({
    codexHome,
    dataDir,
    issuerUrl: issuer.url,
    ports: PORTS,
    signIn: overrides,
    openBrowser: async (url) => {
      opened.push(url);
    },
  });
  manager.subscribe((event) => {
    if (event.type === 'sign-in') progress.push(event.progress);
  });
  return { manager, opened, progress };
}

/** Plays the browser: signs in on the issuer's page, then follows the redirect home. */
async function finishInBrowser(authorizeUrl: string, email: string) {
  const callback = await signInThroughIssuerForm(authorizeUrl, email);
  const answer = await fetch(callback, { redirect: 'manual' });
  const location = answer.headers.get('location');
  const successPage = location ? await (await fetch(location)).text() : '';
  return { callback, answer, successPage };
}

async function expectPortFreed(port: number) {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const refused = await fetch(`http://127.0.0.1:${port}/`).then(
      () => false,
      () => true,
    );
    if (refused) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`port ${port} is still open`);
}

function waitForEnd(manager: AuthManager): Promise<SignInProgress> {
  return new Promise((resolve) => {
    const stop = manager.subscribe((event) => {
      if (event.type !== 'sign-in') return;
      if (['succeeded', 'failed', 'cancelled'].includes(event.progress.phase)) {
        stop();
        resolve(event.progress);
      }
    });
  });
}

function holdPort(port: number, onRequest: (path: string) => void = () => {}) {
  return new Promise<Server>((resolve) => {
    const server = createServer((req, res) => {
      onRequest(req.url ?? '');
      res.end('busy');
    });
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

function closeServer(server: Server) {
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

describe('ChatGPT browser sign-in', () => {
  let home: { path: string; cleanup: () => Promise<void> };
  let data: { path: string; cleanup: () => Promise<void> };

  beforeEach(async () => {
    home = await makeTempDir();
    data = await makeTempDir();
  });
  afterEach(async () => {
    await home.cleanup();
    await data.cleanup();
  });

  it('builds the authorize URL with Codex parameters in Codex order', () => {
    const url = buildAuthorizeUrl(
      { ...DEFAULT_SIGN_IN_SETTINGS, allowedWorkspaceId: 'ws-team-acme' },
      'http://localhost:1455/auth/callback',
      { codeVerifier: 'v', codeChallenge: 'challenge', state: 'st' },
    );

    const parsed = new URL(url);
    expect(`${parsed.origin}${parsed.pathname}`).toBe(
      'https://auth.openai.com/oauth/authorize',
    );
    expect([...parsed.searchParams]).toEqual([
      ['response_type', 'code'],
      ['client_id', 'app_EMoamEEZ73f0CkXaXp7hrann'],
      ['redirect_uri', 'http://localhost:1455/auth/callback'],
      ['scope', 'openid profile email offline_access'],
      ['code_challenge', 'challenge'],
      ['code_challenge_method', 'S256'],
      ['id_token_add_organizations', 'true'],
      ['codex_cli_simplified_flow', 'true'],
      ['state', 'st'],
      ['originator', 'codex_cli_rs'],
      ['allowed_workspace_id', 'ws-team-acme'],
    ]);
  });

  it('signs in, writes auth.json as Codex does and frees the port', async () => {
    const { manager, opened } = makeManager(home.path, data.path);
    const lines: string[] = [];
    const restoreLog = setLogSink((line) => lines.push(line), 'debug');

    await manager.signInWithChatGPT();
    const ended = waitForEnd(manager);
    const { callback, answer, successPage } = await finishInBrowser(
      opened[0] ?? '',
      'plus@example.com',
    );
    const progress = await ended;
    restoreLog();

    expect(progress).toEqual({ phase: 'succeeded' });
    expect(answer.status).toBe(302);
    expect(answer.headers.get('location')).toBe(
      `http://localhost:${PORTS[0]}/success`,
    );
    const written = JSON.parse(
      await readFile(join(home.path, 'auth.json'), 'utf8'),
    );
    expect(Object.keys(written)).toEqual([
      'auth_mode',
      'OPENAI_API_KEY',
      'tokens',
      'last_refresh',
    ]);
    expect(written.auth_mode).toBe('chatgpt');
    expect(written.OPENAI_API_KEY).toBe(issuer.apiKeyFor('plus@example.com'));
    expect(written.tokens.account_id).toBe('ws-personal-plus');
    expect(written.last_refresh).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/,
    );
    expect((await stat(join(home.path, 'auth.json'))).mode & 0o777).toBe(0o600);
    expect(manager.snapshot().account).toMatchObject({
      email: 'plus@example.com',
      mode: 'chatgpt',
      plan: { id: 'plus', name: 'Plus', isWorkspace: false },
      workspaceId: 'ws-personal-plus',
      userId: 'user-plus',
      canRefresh: true,
    });
    expect(successPage).toContain('Signed in to Codex');
    await expectPortFreed(PORTS[0]);
    const secrets = [
      new URL(callback).searchParams.get('code') ?? '',
      new URL(callback).searchParams.get('state') ?? '',
      written.tokens.refresh_token,
      written.tokens.access_token,
      written.OPENAI_API_KEY,
    ];
    for (const secret of secrets) {
      expect(lines.join('\n')).not.toContain(secret);
    }
  });

  it('marks a Team sign-in as a workspace account (F1)', async () => {
    const { manager, opened } = makeManager(home.path, data.path);

    await manager.signInWithChatGPT();
    const ended = waitForEnd(manager);
    await finishInBrowser(opened[0] ?? '', 'team@example.com');
    await ended;

    expect(manager.snapshot().account).toMatchObject({
      email: 'team@example.com',
      plan: { id: 'team', name: 'Team', isWorkspace: true },
      shortWorkspaceId: 'ws-team-acme',
    });
  });

  it('ignores an answer with the wrong state and keeps waiting', async () => {
    const { manager, opened } = makeManager(home.path, data.path);
    await manager.signInWithChatGPT();

    const forged = await fetch(
      `http://localhost:${PORTS[0]}/auth/callback?code=x&state=forged`,
    );
    const ended = waitForEnd(manager);
    await finishInBrowser(opened[0] ?? '', 'plus@example.com');

    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain('state_mismatch');
    expect(await ended).toEqual({ phase: 'succeeded' });
  });

  it('explains a workspace without Codex and writes nothing', async () => {
    const { manager, opened } = makeManager(home.path, data.path);
    await manager.signInWithChatGPT();
    const state = new URL(opened[0] ?? '').searchParams.get('state') ?? '';
    const ended = waitForEnd(manager);

    const page = await fetch(
      `http://localhost:${PORTS[0]}/auth/callback?error=access_denied&error_description=missing_codex_entitlement&state=${state}`,
    );

    expect(await ended).toEqual({
      phase: 'failed',
      error: {
        code: 'missing_codex_entitlement',
        message: expect.stringContaining(
          'Codex is not enabled for your workspace',
        ),
      },
    });
    expect(await page.text()).toContain(
      'Codex is not enabled for your workspace',
    );
    await expect(stat(join(home.path, 'auth.json'))).rejects.toThrow();
  });

  it('ends cleanly when another program sends /cancel (A2)', async () => {
    const { manager } = makeManager(home.path, data.path);
    await manager.signInWithChatGPT();
    const ended = waitForEnd(manager);

    await fetch(`http://127.0.0.1:${PORTS[0]}/cancel`);

    expect(await ended).toMatchObject({
      phase: 'failed',
      error: { code: 'sign_in_taken_over' },
    });
    await expect(stat(join(home.path, 'auth.json'))).rejects.toThrow();
    const reuse = await holdPort(PORTS[0]);
    await closeServer(reuse);
  });

  it('is cancelled from the window and frees the port', async () => {
    const { manager } = makeManager(home.path, data.path);
    await manager.signInWithChatGPT();
    const ended = waitForEnd(manager);

    manager.cancelSignIn();

    expect(await ended).toEqual({ phase: 'cancelled' });
    await closeServer(await holdPort(PORTS[0]));
  });

  it('gives up after its time limit (A4)', async () => {
    const { manager } = makeManager(home.path, data.path, { timeoutMs: 150 });
    await manager.signInWithChatGPT();

    expect(await waitForEnd(manager)).toMatchObject({
      phase: 'failed',
      error: { code: 'sign_in_timed_out' },
    });
  });

  it('reuses the waiting sign-in when asked again (A3)', async () => {
    const { manager, opened, progress } = makeManager(home.path, data.path);

    await manager.signInWithChatGPT();
    await manager.signInWithChatGPT();
    manager.cancelSignIn();
    await waitForEnd(manager);

    expect(opened).toHaveLength(2);
    expect(opened[1]).toBe(opened[0]);
    expect(progress.filter((p) => p.phase === 'waiting')).toHaveLength(1);
  });

  it('still signs in when the API-key exchange fails', async () => {
    const { manager, opened } = makeManager(home.path, data.path);
    issuer.failNextApiKeyExchange({
      status: 500,
      body: { error: 'server_error' },
    });

    await manager.signInWithChatGPT();
    const ended = waitForEnd(manager);
    await finishInBrowser(opened[0] ?? '', 'plus@example.com');

    expect(await ended).toEqual({ phase: 'succeeded' });
    const written = JSON.parse(
      await readFile(join(home.path, 'auth.json'), 'utf8'),
    );
    expect(written.OPENAI_API_KEY).toBeNull();
    expect(written.auth_mode).toBe('chatgpt');
  });

  it('refuses a plain-http issuer that is not on this computer', async () => {
    const { manager } = makeManager(home.path, data.path, {
      issuer: 'http://auth.example.com',
    });

    await expect(manager.signInWithChatGPT()).rejects.toMatchObject({
      code: 'issuer_insecure',
    });
  });

  describe('the callback port', () => {
    it('asks the holder of the first port to cancel, then uses the second (A1)', async () => {
      const seen: string[] = [];
      const holder = await holdPort(PORTS[0], (path) => seen.push(path));
      const { manager } = makeManager(home.path, data.path);

      await manager.signInWithChatGPT();
      const snapshot = manager.snapshot().signIn;
      manager.cancelSignIn();
      await waitForEnd(manager);
      await closeServer(holder);

      expect(snapshot).toMatchObject({ phase: 'waiting', port: PORTS[1] });
      expect(seen).toEqual(['/cancel']);
    });

    it('takes the first port when its holder exits on /cancel', async () => {
      const holder: Server = await holdPort(PORTS[0], (path) => {
        if (path === '/cancel') void closeServer(holder);
      });
      const { manager } = makeManager(home.path, data.path);

      await manager.signInWithChatGPT();
      const snapshot = manager.snapshot().signIn;
      manager.cancelSignIn();
      await waitForEnd(manager);

      expect(snapshot).toMatchObject({ phase: 'waiting', port: PORTS[0] });
    });

    it('says both ports are busy within a second, without opening the browser', async () => {
      const holders = await Promise.all(PORTS.map((port) => holdPort(port)));
      const { manager, opened } = makeManager(home.path, data.path);
      const started = Date.now();

      const error = await manager.signInWithChatGPT().catch((e: unknown) => e);
      const elapsed = Date.now() - started;
      await Promise.all(holders.map(closeServer));

      expect(error).toMatchObject({ code: 'port_busy' });
      expect((error as Error).message).toContain(`${PORTS[0]} and ${PORTS[1]}`);
      expect((error as Error).message).toMatch(/node, pid \d+/);
      expect(elapsed).toBeLessThan(1000);
      expect(opened).toEqual([]);
    });
  });
});
