// Finds OPENAI_API_KEY and CODEX_API_KEY where Codex would pick them up: the
// environment this app was started from, and the startup files of the
// user's login shells. A key there can make Codex bill the key instead of
// the ChatGPT plan (field note C1). Only names and places leave this
// module; the values are never returned, kept or logged.

import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, isAbsolute, join, relative, sep } from 'node:path';

/** The variables that make Codex use an API key. */
export type ApiKeyVariableName = 'OPENAI_API_KEY' | 'CODEX_API_KEY';

/** One place where a key variable is set. */
export interface ApiKeyVariable {
  name: ApiKeyVariableName;
  /** `the environment this app started from`, or a file such as `~/.bashrc`. */
  where: string;
  /** The line of the file that sets it, or null for the environment. */
  line: number | null;
}

/** Where to look. */
export interface ApiKeyVariableSearch {
  /** The environment to check, usually `process.env`. */
  env: NodeJS.ProcessEnv;
  /** The user's home directory. */
  homeDir: string;
  /**
   * The startup files to read, absolute or relative to `homeDir`;
   * LOGIN_SHELL_FILES and fish's conf.d files when absent.
   */
  shellFiles?: readonly string[];
}

export const API_KEY_VARIABLES: readonly ApiKeyVariableName[] = [
  'OPENAI_API_KEY',
  'CODEX_API_KEY',
];

export const ENVIRONMENT_PLACE = 'the environment this app started from';

/**
 * The files bash, zsh, sh and fish read when a shell starts, and the file
 * where fish keeps universal variables (`set -Ux`).
 */
export const LOGIN_SHELL_FILES: readonly string[] = [
  '.profile',
  '.bash_profile',
  '.bash_login',
  '.bashrc',
  '.zshenv',
  '.zprofile',
  '.zshrc',
  '.zlogin',
  '.config/fish/config.fish',
  '.config/fish/fish_variables',
];

/** How a startup file sets variables. */
export type ShellSyntax = 'posix' | 'fish' | 'fish-universal';

const FISH_CONF_DIR = '.config/fish/conf.d';

// A startup file larger than this is not a hand-written one; reading it
// whole would only slow the window down.
const MAX_FILE_BYTES = 1024 * 1024;

/**
 * Lists every place that sets OPENAI_API_KEY or CODEX_API_KEY to a
 * non-empty value: the environment first, then each startup file in order.
 * Files that are missing or unreadable are skipped.
 */
export async function findApiKeyVariables(
  search: ApiKeyVariableSearch,
): Promise<ApiKeyVariable[]> {
  const found = variablesInEnvironment(search.env);
  const files = search.shellFiles ?? (await defaultShellFiles(search.homeDir));

  for (const file of files) {
    const path = isAbsolute(file) ? file : join(search.homeDir, file);
    const text = await readSmallFile(path);
    if (text === null) continue;

    const where = displayPath(path, search.homeDir);
    for (const hit of findAssignments(text, syntaxOf(path))) {
      found.push({ name: hit.name, where, line: hit.line });
    }
  }

  return found;
}

/**
 * The assignments of key variables in the text of a startup file, one per
 * variable (the first line that sets it). Comments and empty values are
 * ignored. Fish files also understand `set -x`/`set -gx`.
 */
export function findAssignments(
  text: string,
  syntax: ShellSyntax,
): Array<{ name: ApiKeyVariableName; line: number }> {
  const hits: Array<{ name: ApiKeyVariableName; line: number }> = [];
  const lines = text.split(/\r?\n/);

  for (const name of API_KEY_VARIABLES) {
    const pattern = assignmentPattern(name, syntax);
    const index = lines.findIndex((line) => pattern.test(withoutComment(line)));
    if (index >= 0) hits.push({ name, line: index + 1 });
  }

  return hits;
}

/** The syntax of a startup file, from its name. */
export function syntaxOf(path: string): ShellSyntax {
  if (basename(path) === 'fish_variables') return 'fish-universal';
  return path.endsWith('.fish') ? 'fish' : 'posix';
}

function variablesInEnvironment(env: NodeJS.ProcessEnv): ApiKeyVariable[] {
  return API_KEY_VARIABLES.filter((name) => (env[name] ?? '') !== '').map(
    (name) => ({ name, where: ENVIRONMENT_PLACE, line: null }),
  );
}

function assignmentPattern(name: string, syntax: ShellSyntax): RegExp {
  if (syntax === 'fish-universal') return fishUniversal(name);

  const posix = posixAssignment(name).source;
  return syntax === 'fish'
    ? new RegExp(`${posix}|${fishSet(name).source}`)
    : new RegExp(posix);
}

// `NAME=value`, alone or after export/declare -x/typeset -x/env, after
// another command on the same line, or inside an alias. The value must not
// be empty.
function posixAssignment(name: string): RegExp {
  return new RegExp(`(?:^|[\\s;&|({'"\`])${name}=(?!\\s|$|""|'')`);
}

// fish: `set` with an export flag (-x, -gx, -Ux, --export), then the name
// and a value.
function fishSet(name: string): RegExp {
  const flag = '(?:-[a-zA-Z]+|--[a-z-]+)';
  return new RegExp(
    `(?:^|[;&|])\\s*set\\s+(?:${flag}\\s+)*` +
      `(?:-[a-zA-Z]*x[a-zA-Z]*|--export)\\s+(?:${flag}\\s+)*` +
      `${name}\\s+(?!""|'')\\S`,
  );
}

// fish_variables: `SETUVAR --export NAME:value`, written by `set -Ux`.
function fishUniversal(name: string): RegExp {
  return new RegExp(`^SETUVAR\\s+--export\\s+${name}:(?!$)`);
}

// A `#` at the start of a line or after a blank starts a comment in sh,
// bash, zsh and fish. A `#` inside a quoted value may cut the line short,
// which is harmless: the name always comes before the value.
function withoutComment(line: string): string {
  const start = line.search(/(?:^|\s)#/);
  return (start >= 0 ? line.slice(0, start) : line).trim();
}

// SHORTCOMING: files sourced from these (`. ~/.secrets`) are not followed,
// and ZDOTDIR is not honoured; a key set there is not found. Following
// `source`/`.` lines to files under the home directory would resolve it.
async function defaultShellFiles(homeDir: string): Promise<string[]> {
  const confDir = join(homeDir, FISH_CONF_DIR);
  let confFiles: string[] = [];
  try {
    confFiles = (await readdir(confDir))
      .filter((name) => name.endsWith('.fish'))
      .sort()
      .map((name) => join(FISH_CONF_DIR, name));
  } catch {
    // No fish configuration: nothing more to read.
  }

  return [...LOGIN_SHELL_FILES, ...confFiles];
}

async function readSmallFile(path: string): Promise<string | null> {
  try {
    const stats = await stat(path);
    if (!stats.isFile() || stats.size > MAX_FILE_BYTES) return null;
    return await readFile(path, 'utf8');
  } catch {
    return null;
  }
}

function displayPath(path: string, homeDir: string): string {
  const inside = relative(homeDir, path);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) {
    return path;
  }
  return `~/${inside.split(sep).join('/')}`;
}
