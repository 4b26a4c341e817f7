// Codex and Codex Accounts must agree about every file of the field notes:
// which ones are usable, and in which mode.

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { maskApiKey, parseAuthJson } from '../../electron/auth/auth-file';
import {
  type CodexVerdict,
  fieldNoteCases,
  type FixtureCase,
} from '../support/auth-fixtures';
import { makeTempDir, seedAuthFile } from '../support/temp-home';
import {
  type CodexRun,
  loginStatusVerdict,
  repoRoot,
  runCodex,
} from './codex-cli';

const CLI_CONCURRENCY = 2;

/** The field notes' own files; present on the authors' machines, not in CI. */
const sharedFixtures = resolve(repoRoot, '../shared/fixtures');

/** What our parser says of a file, in the words of the field notes. */
function parserVerdict(text: string): CodexVerdict {
  try {
    const mode = parseAuthJson(text).mode;
    return mode === 'apikey' ? 'apikey' : 'chatgpt';
  } catch {
    return 'error';
  }
}

/**
 * What `codex login status` prints for a file with this verdict; for a key,
 * Codex's mask must be the one our summaries show.
 */
function expectedStatusRun(testCase: FixtureCase) {
  if (testCase.verdict === 'chatgpt') {
    return { code: 0, stdout: '', stderr: 'Logged in using ChatGPT\n' };
  }
  if (testCase.verdict === 'apikey') {
    const key = parseAuthJson(testCase.text).apiKey ?? '';
    return {
      code: 0,
      stdout: '',
      stderr:
        `API key configured - ${maskApiKey(key)}\n` +
        'Authentication is checked when you send a request.\n',
    };
  }
  return {
    code: 1,
    stdout: '',
    stderr: expect.stringMatching(
      /^Error checking login status: failed to deserialize CLI auth from file: .+\n$/,
    ),
  };
}

/** Runs `work` on every item, at most `limit` at a time, keeping the order. */
async function mapWithLimit<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await work(items[index] as T);
    }
  };

  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

/** Runs `codex login status` with `text` as auth.json in a fresh home. */
async function loginStatusOf(text: string): Promise<CodexRun> {
  const home = await makeTempDir('codex-accounts-verdict-');
  try {
    await seedAuthFile(home.path, text);
    return await runCodex(home.path, ['login', 'status']);
  } finally {
    await home.cleanup();
  }
}

/** The rows of the README's table: file name and Codex's verdict. */
async function readFixtureTable() {
  const readme = await readFile(join(sharedFixtures, 'README.md'), 'utf8');
  const rows = readme
    .split('\n')
    .map((line) => line.match(/^\| (\S+\.json) \|.*\| ([^|]+) \|$/))
    .filter((match) => match !== null);

  return rows.map(([, file, said]) => ({
    file: file as string,
    verdict: tableVerdict((said as string).trim()),
  }));
}

function tableVerdict(said: string): CodexVerdict {
  if (said.startsWith('ChatGPT')) return 'chatgpt';
  if (said.startsWith('API key')) return 'apikey';
  if (said.startsWith('error')) return 'error';
  throw new Error(`the fixtures README says something new: ${said}`);
}

describe('codex login status on the field-note cases', () => {
  const cases = fieldNoteCases();
  const runs = new Map<string, CodexRun>();

  beforeAll(async () => {
    const results = await mapWithLimit(cases, CLI_CONCURRENCY, (testCase) =>
      loginStatusOf(testCase.text),
    );
    cases.forEach((testCase, index) => {
      runs.set(testCase.name, results[index] as CodexRun);
    });
  }, 30_000);

  it.each(cases.map((testCase) => [testCase.name, testCase] as const))(
    '%s gets the same verdict from Codex, the field notes and our parser',
    (_name, testCase) => {
      const run = runs.get(testCase.name) as CodexRun;

      expect({
        codex: loginStatusVerdict(run),
        ours: parserVerdict(testCase.text),
      }).toEqual({ codex: testCase.verdict, ours: testCase.verdict });
      expect(run).toEqual(expectedStatusRun(testCase));
    },
  );

  it('each file in ../shared/fixtures gets the verdict its README lists', async (context) => {
    context.skip(
      !existsSync(sharedFixtures),
      `${sharedFixtures} is absent: the field notes' files exist only on the authors' machines`,
    );

    const table = await readFixtureTable();
    const ours = await Promise.all(
      table.map(async ({ file }) => ({
        file,
        verdict: parserVerdict(
          await readFile(join(sharedFixtures, file), 'utf8'),
        ),
      })),
    );

    expect(ours).toEqual(table);
    expect(table).toEqual(
      cases.map(({ name, verdict }) => ({ file: `${name}.json`, verdict })),
    );
  });
});
