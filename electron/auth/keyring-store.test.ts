// The keyring tests talk to a real Secret Service: a private, unlocked
// gnome-keyring started by e2e/keyring/with-keyring.sh:
//
//   sh e2e/keyring/with-keyring.sh npx vitest run electron/auth/keyring-store
//
// Outside it, the tests that write to a keyring are skipped with the reason;
// the ones that need no keyring, or start their own, still run.

import { execFile } from 'node:child_process';
import { mkdir, readdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import {
  loginStatusVerdict,
  repoRoot,
  runCodex,
} from '../../e2e/codex-cli/codex-cli';
import { authText, chatgptAuth } from '../../e2e/support/auth-fixtures';
import { makeTempDir } from '../../e2e/support/temp-home';
import { AuthError } from './auth-error';
import {
  createKeyringStore,
  KEYRING_SERVICE,
  keyringAccountFor,
  type KeyringProbe,
} from './keyring-store';

const run = promisify(execFile);

// A child runs tsx, which is slow to start on a busy machine (the whole
// unit suite runs in parallel).
const CHILD_TIMEOUT_MS = 50_000;
const CHILD_TEST_TIMEOUT_MS = 60_000;

const KEY = 'sk-proj-KEYRING-PLACEHOLDER-0000ABCDE';
const KEY_FILE = `{\n  "auth_mode": "apikey",\n  "OPENAI_API_KEY": "${KEY}"\n}`;
const KEYRING_CONFIG = 'cli_auth_credentials_store = "keyring"\n';

const NO_SECRET_SERVICE =
  'No Secret Service (such as GNOME Keyring or KWallet) answers on this ' +
  "session's D-Bus, so the system keyring can't be reached.";

/** Runs e2e/keyring/probe-keyring.ts in a child with `env`. */
async function probeInChild(
  codexHome: string,
  env: NodeJS.ProcessEnv,
): Promise<KeyringProbe> {
  const { stdout } = await run(
    join(repoRoot, 'node_modules/.bin/tsx'),
    [join(repoRoot, 'e2e/keyring/probe-keyring.ts'), codexHome],
    { env, cwd: repoRoot, timeout: CHILD_TIMEOUT_MS },
  );
  return JSON.parse(stdout) as KeyringProbe;
}

async function hasCommand(command: string): Promise<boolean> {
  try {
    await run('sh', ['-c', `command -v ${command}`]);
    return true;
  } catch {
    return false;
  }
}

async function secretToolLookup(account: string): Promise<string | null> {
  try {
    const { stdout } = await run('secret-tool', [
      'lookup',
      'service',
      KEYRING_SERVICE,
      'username',
      account,
    ]);
    return stdout;
  } catch {
    return null;
  }
}

describe('keyringAccountFor', () => {
  let home: { path: string; cleanup: () => Promise<void> };

  beforeEach(async () => {
    home = await makeTempDir();
  });
  afterEach(async () => {
    await home.cleanup();
  });

  it('is the account Codex 0.171 used for a known folder', async () => {
    // Codex CLI 0.171 saved an API key for CODEX_HOME=/tmp/tmp.jWDTOGN3IH
    // under username "cli|ad48984d865b48e8" (seen with secret-tool).
    expect(await keyringAccountFor('/tmp/tmp.jWDTOGN3IH', 'linux')).toBe(
      'cli|ad48984d865b48e8',
    );
  });

  it('follows symbolic links to the real folder', async () => {
    const real = join(home.path, 'real');
    const link = join(home.path, 'link');
    await mkdir(real);
    await symlink(real, link);

    expect(await keyringAccountFor(link)).toBe(await keyringAccountFor(real));
    expect(await keyringAccountFor(join(link, '..', 'real'))).toBe(
      await keyringAccountFor(real),
    );
  });

  it('is cli| and 16 hex digits', async () => {
    expect(await keyringAccountFor(home.path)).toMatch(/^cli\|[0-9a-f]{16}$/);
  });
});

describe('createKeyringStore', () => {
  let home: { path: string; cleanup: () => Promise<void> };

  beforeEach(async () => {
    home = await makeTempDir();
  });
  afterEach(async () => {
    await home.cleanup();
  });

  it(
    'says there is no Secret Service when D-Bus does not answer',
    async () => {
      const env = {
        ...process.env,
        DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(home.path, 'no-bus')}`,
      };

      const probe = await probeInChild(home.path, env);

      expect(probe).toEqual({ available: false, reason: NO_SECRET_SERVICE });
    },
    CHILD_TEST_TIMEOUT_MS,
  );

  it(
    'says there is no Secret Service when there is no D-Bus session at all',
    async () => {
      const env = { ...process.env };
      delete env['DBUS_SESSION_BUS_ADDRESS'];
      delete env['DISPLAY'];

      const probe = await probeInChild(home.path, env);

      expect(probe).toEqual({ available: false, reason: NO_SECRET_SERVICE });
    },
    CHILD_TEST_TIMEOUT_MS,
  );

  it("refuses Codex's encrypted-file backend without touching the keyring", async () => {
    const store = createKeyringStore(home.path, { keyringBackend: 'secrets' });

    const probe = await store.probe();
    const read = store.read().catch((error: unknown) => error);

    expect(probe).toEqual({
      available: false,
      reason:
        'Codex keeps this sign-in in its encrypted file ' +
        'secrets/codex_auth.age (secret_auth_storage in config.toml), which ' +
        "Codex Accounts can't read yet.",
    });
    expect(await read).toBeInstanceOf(AuthError);
    expect(((await read) as AuthError).code).toBe('keyring_unavailable');
  });
});

describe('a locked keyring', () => {
  let home: { path: string; cleanup: () => Promise<void> };
  let canRun = false;

  beforeAll(async () => {
    canRun =
      process.platform === 'linux' &&
      (await hasCommand('gnome-keyring-daemon')) &&
      (await hasCommand('dbus-run-session'));
  });
  beforeEach(async (context) => {
    context.skip(
      !canRun,
      'gnome-keyring and dbus-run-session are not installed',
    );
    home = await makeTempDir();
  });
  afterEach(async () => {
    await home?.cleanup();
  });

  it(
    'is reported as locked, with what to do',
    async () => {
      const { stdout } = await run(
        'sh',
        [
          join(repoRoot, 'e2e/keyring/with-keyring.sh'),
          '--locked',
          join(repoRoot, 'node_modules/.bin/tsx'),
          join(repoRoot, 'e2e/keyring/probe-keyring.ts'),
          home.path,
        ],
        { cwd: repoRoot, timeout: CHILD_TIMEOUT_MS, env: withoutDisplay() },
      );

      expect(JSON.parse(stdout)).toEqual({
        available: false,
        reason:
          'The system keyring is locked and was not unlocked; unlock it ' +
          '(signing in to the desktop again usually does) and try again.',
      });
    },
    CHILD_TEST_TIMEOUT_MS,
  );
});

describe('with a real Secret Service', () => {
  let home: { path: string; cleanup: () => Promise<void> };
  let secretService: KeyringProbe = {
    available: false,
    reason:
      'runs only inside e2e/keyring/with-keyring.sh, so that your own ' +
      'keyring is never written to or asked to unlock',
  };

  beforeAll(async () => {
    if (!process.env['CODEX_ACCOUNTS_PRIVATE_KEYRING']) return;

    const probeHome = await makeTempDir();
    secretService = await createKeyringStore(probeHome.path).probe();
    await probeHome.cleanup();

    // The private session promises a keyring: a failed probe is a failure.
    if (!secretService.available) {
      throw new Error(`the private keyring is broken: ${secretService.reason}`);
    }
  });
  beforeEach(async (context) => {
    if (!secretService.available) context.skip(secretService.reason);
    home = await makeTempDir();
  });
  afterEach(async () => {
    if (!home) return;
    await createKeyringStore(home.path).remove();
    await home.cleanup();
  });

  it('probes the keyring as available', async () => {
    expect(await createKeyringStore(home.path).probe()).toEqual({
      available: true,
    });
  });

  it('writes, reads and removes the entry where Codex looks for it', async () => {
    const store = createKeyringStore(home.path);
    const account = await keyringAccountFor(home.path);

    await store.write(KEY_FILE);
    const read = await store.read();
    const lookedUp = await secretToolLookup(account);
    const removed = await store.remove();

    expect(await store.account()).toBe(account);
    expect(read).toBe(KEY_FILE);
    expect(lookedUp).toBe(KEY_FILE);
    expect(removed).toBe(true);
    expect(await store.read()).toBeNull();
    expect(await secretToolLookup(account)).toBeNull();
    expect(await store.remove()).toBe(false);
  });

  it('stores the service and username attributes that Codex searches by', async () => {
    const store = createKeyringStore(home.path);
    const account = await keyringAccountFor(home.path);

    await store.write(KEY_FILE);
    const { stdout, stderr } = await run('secret-tool', [
      'search',
      '--all',
      'service',
      KEYRING_SERVICE,
      'username',
      account,
    ]);
    const listing = stdout + stderr;

    expect(listing).toContain(`attribute.service = ${KEYRING_SERVICE}`);
    expect(listing).toContain(`attribute.username = ${account}`);
  });

  describe('and the real Codex CLI 0.171', () => {
    beforeEach(async () => {
      await writeFile(join(home.path, 'config.toml'), KEYRING_CONFIG);
    });

    it('reports the API key written here', async () => {
      await createKeyringStore(home.path).write(KEY_FILE);

      const codex = await runCodex(home.path, ['login', 'status']);

      expect(loginStatusVerdict(codex)).toBe('apikey');
      expect(codex.stdout + codex.stderr).toContain('sk-proj-***ABCDE');
    });

    it('reports the ChatGPT sign-in written here', async () => {
      await createKeyringStore(home.path).write(authText(chatgptAuth()));

      const codex = await runCodex(home.path, ['login', 'status']);

      expect(loginStatusVerdict(codex)).toBe('chatgpt');
    });

    it('saves its sign-in where this store reads it, as compact JSON', async () => {
      const codex = await runCodex(home.path, ['login', '--with-api-key'], {
        input: KEY,
      });

      const read = await createKeyringStore(home.path).read();
      const files = await readdir(home.path);

      expect(codex.code).toBe(0);
      expect(read).toBe(`{"auth_mode":"apikey","OPENAI_API_KEY":"${KEY}"}`);
      expect(files).not.toContain('auth.json');
    });

    it('overwrites the entry written here in place, and logout removes it', async () => {
      const store = createKeyringStore(home.path);
      await store.write(authText(chatgptAuth()));

      await runCodex(home.path, ['login', '--with-api-key'], { input: KEY });
      const afterLogin = await store.read();
      const logout = await runCodex(home.path, ['logout']);

      expect(afterLogin).toBe(
        `{"auth_mode":"apikey","OPENAI_API_KEY":"${KEY}"}`,
      );
      expect(logout.stdout + logout.stderr).toContain(
        'Successfully logged out',
      );
      expect(await store.read()).toBeNull();
    });
  });
});

function withoutDisplay(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env['DISPLAY'];
  delete env['WAYLAND_DISPLAY'];
  return env;
}
