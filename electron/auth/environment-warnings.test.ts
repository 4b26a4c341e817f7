import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { makeTempDir } from '../../e2e/support/temp-home';
import { setLogSink } from '../logger';
import {
  ENVIRONMENT_PLACE,
  findApiKeyVariables,
  findAssignments,
  syntaxOf,
} from './environment-warnings';

const SECRET = 'sk-proj-ENVWARN-PLACEHOLDER-0000SECRET';

describe('findApiKeyVariables', () => {
  let home: { path: string; cleanup: () => Promise<void> };

  beforeEach(async () => {
    home = await makeTempDir();
  });
  afterEach(async () => {
    await home.cleanup();
  });

  async function seedFile(name: string, text: string) {
    const path = join(home.path, name);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
  }

  it('finds nothing in a clean home and environment', async () => {
    const found = await findApiKeyVariables({
      env: { PATH: '/usr/bin', OPENAI_BASE_URL: 'http://example.test' },
      homeDir: home.path,
    });

    expect(found).toEqual([]);
  });

  it('names a variable set in the environment, never its value (C1)', async () => {
    const lines: string[] = [];
    const restore = setLogSink((line) => lines.push(line), 'debug');

    const found = await findApiKeyVariables({
      env: { OPENAI_API_KEY: SECRET, CODEX_API_KEY: '' },
      homeDir: home.path,
    });
    restore();

    expect(found).toEqual([
      { name: 'OPENAI_API_KEY', where: ENVIRONMENT_PLACE, line: null },
    ]);
    expect(JSON.stringify(found)).not.toContain(SECRET);
    expect(lines.join('\n')).not.toContain(SECRET);
  });

  it('names the startup files and lines that set a key, never the value', async () => {
    await seedFile(
      '.bashrc',
      `# my shell\nalias ll='ls -l'\nexport OPENAI_API_KEY=${SECRET}\n`,
    );
    await seedFile('.zshenv', `CODEX_API_KEY="${SECRET}"\n`);
    await seedFile(
      '.config/fish/config.fish',
      `set -gx OPENAI_API_KEY ${SECRET}\n`,
    );

    const found = await findApiKeyVariables({ env: {}, homeDir: home.path });

    expect(found).toEqual([
      { name: 'OPENAI_API_KEY', where: '~/.bashrc', line: 3 },
      { name: 'CODEX_API_KEY', where: '~/.zshenv', line: 1 },
      { name: 'OPENAI_API_KEY', where: '~/.config/fish/config.fish', line: 1 },
    ]);
    expect(JSON.stringify(found)).not.toContain(SECRET);
  });

  it('reads fish conf.d files and universal variables', async () => {
    await seedFile(
      '.config/fish/conf.d/openai.fish',
      `set -x CODEX_API_KEY ${SECRET}\n`,
    );
    await seedFile(
      '.config/fish/fish_variables',
      `# This file contains fish universal variable definitions.\nSETUVAR --export OPENAI_API_KEY:${SECRET}\n`,
    );

    const found = await findApiKeyVariables({ env: {}, homeDir: home.path });

    expect(found).toEqual([
      {
        name: 'OPENAI_API_KEY',
        where: '~/.config/fish/fish_variables',
        line: 2,
      },
      {
        name: 'CODEX_API_KEY',
        where: '~/.config/fish/conf.d/openai.fish',
        line: 1,
      },
    ]);
  });

  it('reports the environment and a file separately', async () => {
    await seedFile('.profile', `export CODEX_API_KEY=${SECRET}\n`);

    const found = await findApiKeyVariables({
      env: { CODEX_API_KEY: SECRET },
      homeDir: home.path,
    });

    expect(found).toEqual([
      { name: 'CODEX_API_KEY', where: ENVIRONMENT_PLACE, line: null },
      { name: 'CODEX_API_KEY', where: '~/.profile', line: 1 },
    ]);
  });

  it('reads only the files it is given', async () => {
    await seedFile('.bashrc', `export OPENAI_API_KEY=${SECRET}\n`);
    await seedFile('custom.sh', `export OPENAI_API_KEY=${SECRET}\n`);
    const outside = await makeTempDir();
    await writeFile(join(outside.path, 'env.sh'), `OPENAI_API_KEY=${SECRET}\n`);

    const found = await findApiKeyVariables({
      env: {},
      homeDir: home.path,
      shellFiles: ['custom.sh', join(outside.path, 'env.sh'), 'missing.sh'],
    });
    await outside.cleanup();

    expect(found).toEqual([
      { name: 'OPENAI_API_KEY', where: '~/custom.sh', line: 1 },
      { name: 'OPENAI_API_KEY', where: join(outside.path, 'env.sh'), line: 1 },
    ]);
  });

  it('skips a startup file that is a directory', async () => {
    await mkdir(join(home.path, '.bashrc'));

    expect(await findApiKeyVariables({ env: {}, homeDir: home.path })).toEqual(
      [],
    );
  });
});

describe('findAssignments', () => {
  const sets = (line: string, syntax = syntaxOf('.bashrc')) =>
    findAssignments(line, syntax).map((hit) => hit.name);

  describe('in sh, bash and zsh files', () => {
    it.each([
      [`export OPENAI_API_KEY=${SECRET}`],
      [`OPENAI_API_KEY=${SECRET}`],
      [`  export OPENAI_API_KEY="${SECRET}"`],
      [`declare -x OPENAI_API_KEY='${SECRET}'`],
      [`typeset -x OPENAI_API_KEY=${SECRET}`],
      [`export PATH=$PATH:~/bin OPENAI_API_KEY=${SECRET}`],
      [`[ -f ~/.key ] && export OPENAI_API_KEY=$(cat ~/.key)`],
      [`alias codex='OPENAI_API_KEY=${SECRET} codex'`],
    ])('finds %s', (line) => {
      expect(sets(line)).toEqual(['OPENAI_API_KEY']);
    });

    it.each([
      [`# export OPENAI_API_KEY=${SECRET}`],
      [`   #OPENAI_API_KEY=${SECRET}`],
      ['export OPENAI_API_KEY='],
      ['export OPENAI_API_KEY=""'],
      ["OPENAI_API_KEY=''"],
      ['unset OPENAI_API_KEY'],
      ['export OPENAI_API_KEY'],
      ['echo $OPENAI_API_KEY'],
      [`MY_OPENAI_API_KEY=${SECRET}`],
      [`export OPENAI_API_KEY_FILE=~/.key`],
    ])('ignores %s', (line) => {
      expect(sets(line)).toEqual([]);
    });

    it('does not read fish syntax in a bash file', () => {
      expect(sets(`set -x OPENAI_API_KEY ${SECRET}`)).toEqual([]);
    });
  });

  describe('in fish files', () => {
    const fish = syntaxOf('/home/u/.config/fish/config.fish');

    it.each([
      [`set -x OPENAI_API_KEY ${SECRET}`],
      [`set -gx OPENAI_API_KEY ${SECRET}`],
      [`set -Ux OPENAI_API_KEY ${SECRET}`],
      [`set --export --global OPENAI_API_KEY ${SECRET}`],
      [`set -g -x OPENAI_API_KEY "${SECRET}"`],
      [`export OPENAI_API_KEY=${SECRET}`],
    ])('finds %s', (line) => {
      expect(sets(line, fish)).toEqual(['OPENAI_API_KEY']);
    });

    it.each([
      [`set -g OPENAI_API_KEY ${SECRET}`],
      ['set -e OPENAI_API_KEY'],
      ['set -gx OPENAI_API_KEY ""'],
      [`# set -gx OPENAI_API_KEY ${SECRET}`],
    ])('ignores %s', (line) => {
      expect(sets(line, fish)).toEqual([]);
    });
  });

  it('reports the first line for each variable', () => {
    const text = [
      '# keys',
      `export CODEX_API_KEY=${SECRET}`,
      `export OPENAI_API_KEY=${SECRET}`,
      `export CODEX_API_KEY=${SECRET}`,
    ].join('\n');

    expect(findAssignments(text, 'posix')).toEqual([
      { name: 'OPENAI_API_KEY', line: 3 },
      { name: 'CODEX_API_KEY', line: 2 },
    ]);
  });
});
