import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { runCodex } from '../../e2e/codex-cli/codex-cli';
import { makeTempDir } from '../../e2e/support/temp-home';
import {
  checkPolicy,
  type CodexConfig,
  defaultCodexConfig,
  parseCodexConfig,
  readCodexConfig,
  signInMethodsAllowed,
} from './codex-config';

const DEFAULTS: CodexConfig = {
  credentialsStore: 'file',
  keyringBackend: 'direct',
  forcedLoginMethod: null,
  forcedChatgptWorkspaceIds: null,
  forcedChatgptWorkspaceId: null,
  problem: null,
};

function configWith(overrides: Partial<CodexConfig>): CodexConfig {
  return { ...DEFAULTS, ...overrides };
}

describe('readCodexConfig', () => {
  let home: { path: string; cleanup: () => Promise<void> };

  beforeEach(async () => {
    home = await makeTempDir();
  });
  afterEach(async () => {
    await home.cleanup();
  });

  async function seedConfig(text: string) {
    await writeFile(join(home.path, 'config.toml'), text);
  }

  it("gives Codex's defaults when there is no config.toml", async () => {
    expect(await readCodexConfig(home.path, 'linux')).toEqual(DEFAULTS);
  });

  it('reads the three keys at the top level', async () => {
    await seedConfig(
      [
        'model = "gpt-5"',
        'cli_auth_credentials_store = "keyring"',
        'forced_login_method = "chatgpt"',
        'forced_chatgpt_workspace_id = "ws-team-1"',
        '',
        '[profiles.work]',
        'model = "o3"',
      ].join('\n'),
    );

    expect(await readCodexConfig(home.path, 'linux')).toEqual({
      credentialsStore: 'keyring',
      keyringBackend: 'direct',
      forcedLoginMethod: 'chatgpt',
      forcedChatgptWorkspaceIds: ['ws-team-1'],
      forcedChatgptWorkspaceId: 'ws-team-1',
      problem: null,
    });
  });

  it('says which line is not TOML, and assumes the defaults', async () => {
    await seedConfig('model = "gpt-5"\nthis is not toml\n');

    const config = await readCodexConfig(home.path, 'linux');

    expect(config).toEqual({ ...DEFAULTS, problem: expect.any(String) });
    expect(config.problem).toMatch(
      /^config\.toml is not valid TOML at line 2,/,
    );
    expect(config.problem).toContain('Codex will not start');
  });

  it('says when config.toml exists but cannot be read', async () => {
    await mkdir(join(home.path, 'config.toml'));

    const config = await readCodexConfig(home.path, 'linux');

    expect(config.credentialsStore).toBe('file');
    expect(config.problem).toBe(
      "config.toml can't be read (EISDIR); Codex's defaults are assumed.",
    );
  });
});

describe('agrees with Codex CLI 0.171 on which config.toml it refuses', () => {
  const cases: Array<[string, string]> = [
    ['a keyring store', 'cli_auth_credentials_store = "keyring"\n'],
    ['an ephemeral store', 'cli_auth_credentials_store = "ephemeral"\n'],
    ['a workspace list', 'forced_chatgpt_workspace_id = ["ws-a", "ws-b"]\n'],
    ['an empty workspace', 'forced_chatgpt_workspace_id = ""\n'],
    ['the encrypted store', '[features]\nsecret_auth_storage = true\n'],
    ['an unknown store', 'cli_auth_credentials_store = "bogus"\n'],
    ['an unknown method', 'forced_login_method = "sso"\n'],
    ['a workspace number', 'forced_chatgpt_workspace_id = 5\n'],
    ['comma-separated workspaces', 'forced_chatgpt_workspace_id = "a,b"\n'],
    ['a line that is not TOML', 'this is not toml\n'],
  ];
  let home: { path: string; cleanup: () => Promise<void> };

  beforeEach(async () => {
    home = await makeTempDir();
  });
  afterEach(async () => {
    await home.cleanup();
  });

  for (const [name, text] of cases) {
    it(name, async () => {
      await writeFile(join(home.path, 'config.toml'), text);

      const config = await readCodexConfig(home.path, 'linux');
      const codex = await runCodex(home.path, ['login', 'status']);

      const codexRefused = codex.stderr.includes('Error loading configuration');
      expect(config.problem !== null).toBe(codexRefused);
    });
  }
});

describe('parseCodexConfig', () => {
  it('names the key and line of a value Codex refuses', () => {
    const config = parseCodexConfig(
      'model = "gpt-5"\ncli_auth_credentials_store = "bogus"\n',
      'linux',
    );

    expect(config.credentialsStore).toBe('file');
    expect(config.problem).toBe(
      'config.toml line 2: cli_auth_credentials_store is "bogus", but Codex ' +
        'accepts only "file", "keyring", "auto", "ephemeral"; Codex will not ' +
        'start until it is corrected, and its default is assumed here.',
    );
  });

  it('refuses a forced login method other than chatgpt or api', () => {
    const config = parseCodexConfig('forced_login_method = "sso"\n', 'linux');

    expect(config.forcedLoginMethod).toBeNull();
    expect(config.problem).toMatch(
      /^config\.toml line 1: forced_login_method is "sso"/,
    );
  });

  it('reports every wrong key, not only the first', () => {
    const config = parseCodexConfig(
      'forced_login_method = 1\ncli_auth_credentials_store = "vault"\n',
      'linux',
    );

    expect(config.problem).toContain('line 1: forced_login_method is not text');
    expect(config.problem).toContain('line 2: cli_auth_credentials_store');
  });

  it('accepts ephemeral, which Codex 0.171 also accepts', () => {
    const config = parseCodexConfig(
      'cli_auth_credentials_store = "ephemeral"\n',
      'linux',
    );

    expect(config).toEqual(configWith({ credentialsStore: 'ephemeral' }));
  });

  it('ignores the same keys inside a table', () => {
    const config = parseCodexConfig(
      '[profiles.work]\nforced_login_method = "api"\n',
      'linux',
    );

    expect(config).toEqual(DEFAULTS);
  });

  describe('forced_chatgpt_workspace_id', () => {
    it('accepts a list, as Codex 0.171 does', () => {
      const config = parseCodexConfig(
        'forced_chatgpt_workspace_id = ["ws-a", " ws-b "]\n',
        'linux',
      );

      expect(config.forcedChatgptWorkspaceIds).toEqual(['ws-a', 'ws-b']);
      expect(config.forcedChatgptWorkspaceId).toBeNull();
      expect(config.problem).toBeNull();
    });

    it('refuses ids separated by commas in one string', () => {
      const config = parseCodexConfig(
        'forced_chatgpt_workspace_id = "ws-a,ws-b"\n',
        'linux',
      );

      expect(config.forcedChatgptWorkspaceIds).toBeNull();
      expect(config.problem).toMatch(
        /^config\.toml line 1: forced_chatgpt_workspace_id must be a workspace id or a list/,
      );
    });

    it('refuses a number', () => {
      const config = parseCodexConfig(
        'forced_chatgpt_workspace_id = 5\n',
        'linux',
      );

      expect(config.forcedChatgptWorkspaceIds).toBeNull();
      expect(config.problem).toContain('forced_chatgpt_workspace_id');
    });

    it('enforces nothing for an empty id', () => {
      const config = parseCodexConfig(
        'forced_chatgpt_workspace_id = ""\n',
        'linux',
      );

      expect(config).toEqual(DEFAULTS);
    });
  });

  describe('the keyring backend', () => {
    it('is the encrypted file when secret_auth_storage is on', () => {
      const config = parseCodexConfig(
        '[features]\nsecret_auth_storage = true\n',
        'linux',
      );

      expect(config.keyringBackend).toBe('secrets');
    });

    it('is the direct entry when secret_auth_storage is off, even on Windows', () => {
      const config = parseCodexConfig(
        '[features]\nsecret_auth_storage = false\n',
        'win32',
      );

      expect(config.keyringBackend).toBe('direct');
    });

    it('defaults to the encrypted file on Windows only', () => {
      expect(defaultCodexConfig('win32').keyringBackend).toBe('secrets');
      expect(defaultCodexConfig('darwin').keyringBackend).toBe('direct');
    });
  });
});

describe('checkPolicy', () => {
  const chatgpt = { mode: 'chatgpt', workspaceId: 'ws-team-1' } as const;
  const apiKey = { mode: 'apikey', workspaceId: null } as const;

  it('allows everything when nothing is forced', () => {
    expect(checkPolicy(DEFAULTS, chatgpt)).toEqual({ allowed: true });
    expect(checkPolicy(DEFAULTS, apiKey)).toEqual({ allowed: true });
  });

  it('forbids a ChatGPT account when the API method is forced', () => {
    const config = configWith({ forcedLoginMethod: 'api' });

    expect(checkPolicy(config, chatgpt)).toEqual({
      allowed: false,
      reason:
        'config.toml sets forced_login_method = "api", so Codex accepts ' +
        'only an API key and would sign this ChatGPT account out.',
    });
    expect(checkPolicy(config, apiKey)).toEqual({ allowed: true });
  });

  it('forbids an API key when ChatGPT is forced', () => {
    const config = configWith({ forcedLoginMethod: 'chatgpt' });

    expect(checkPolicy(config, apiKey)).toEqual({
      allowed: false,
      reason:
        'config.toml sets forced_login_method = "chatgpt", so Codex accepts ' +
        'only a ChatGPT sign-in and would sign this API key out.',
    });
    expect(checkPolicy(config, chatgpt)).toEqual({ allowed: true });
  });

  it('treats the other ChatGPT modes as ChatGPT', () => {
    const config = configWith({ forcedLoginMethod: 'api' });

    const verdict = checkPolicy(config, {
      mode: 'chatgptAuthTokens',
      workspaceId: 'ws-team-1',
    });

    expect(verdict.allowed).toBe(false);
  });

  it('forbids a ChatGPT account from another workspace (C3)', () => {
    const config = configWith({
      forcedChatgptWorkspaceIds: ['ws-team-1'],
      forcedChatgptWorkspaceId: 'ws-team-1',
    });

    expect(checkPolicy(config, chatgpt)).toEqual({ allowed: true });
    expect(
      checkPolicy(config, { mode: 'chatgpt', workspaceId: 'ws-personal' }),
    ).toEqual({
      allowed: false,
      reason:
        'config.toml allows only the workspace ws-team-1 ' +
        '(forced_chatgpt_workspace_id), but it belongs to the workspace ' +
        'ws-personal, so Codex would sign it out.',
    });
  });

  it('forbids a ChatGPT account whose workspace is unknown when one is forced', () => {
    const config = configWith({ forcedChatgptWorkspaceIds: ['ws-team-1'] });

    const verdict = checkPolicy(config, { mode: 'chatgpt', workspaceId: null });

    expect(verdict).toEqual({
      allowed: false,
      reason: expect.stringContaining('its workspace is unknown'),
    });
  });

  it('accepts any workspace of a forced list', () => {
    const config = configWith({ forcedChatgptWorkspaceIds: ['ws-a', 'ws-b'] });

    expect(
      checkPolicy(config, { mode: 'chatgpt', workspaceId: 'ws-b' }),
    ).toEqual({ allowed: true });
  });

  it('does not hold an API key to a forced workspace', () => {
    const config = configWith({ forcedChatgptWorkspaceIds: ['ws-team-1'] });

    expect(checkPolicy(config, apiKey)).toEqual({ allowed: true });
  });
});

describe('signInMethodsAllowed', () => {
  it('allows both methods by default', () => {
    expect(signInMethodsAllowed(DEFAULTS)).toEqual({
      chatgpt: { allowed: true },
      apiKey: { allowed: true },
    });
  });

  it('disables the API key when ChatGPT is forced, naming the key', () => {
    const methods = signInMethodsAllowed(
      configWith({ forcedLoginMethod: 'chatgpt' }),
    );

    expect(methods).toEqual({
      chatgpt: { allowed: true },
      apiKey: {
        allowed: false,
        reason:
          'config.toml sets forced_login_method = "chatgpt": Codex accepts ' +
          'only a ChatGPT sign-in on this computer.',
      },
    });
  });

  it('disables ChatGPT when the API method is forced', () => {
    const methods = signInMethodsAllowed(
      configWith({ forcedLoginMethod: 'api' }),
    );

    expect(methods.chatgpt).toEqual({
      allowed: false,
      reason: expect.stringContaining('forced_login_method = "api"'),
    });
    expect(methods.apiKey).toEqual({ allowed: true });
  });
});
