// Follows changes to auth.json (and config.toml) made by other programs:
// the Codex CLI, the IDE extension, a second instance. The CODEX_HOME
// directory itself is watched (Node's fs.watch: inotify, FSEvents or
// ReadDirectoryChangesW), so a rename over the file and a deletion followed
// by re-creation are seen too. Events are debounced; a slow poll backs up
// file systems that drop events.
//
// chokidar was used first; it drops a 'change' that follows another within
// 50 ms for the same file, and quick successive renames by Codex were then
// missed until the backstop. The directory watch sees every one.

import { type FSWatcher, watch } from 'node:fs';

import { createLogger } from '../logger';
import { describeForLog } from './redact';

const log = createLogger('watcher');

/** Files in CODEX_HOME whose changes matter. */
const WATCHED_FILES = new Set(['auth.json', 'config.toml']);

/** Timing of the watcher. */
export interface WatchTiming {
  /** Events closer together than this are handled once. */
  debounceMs: number;
  /** The backstop: a reload this often even without events. */
  backstopMs: number;
}

export const DEFAULT_WATCH_TIMING: WatchTiming = {
  debounceMs: 15,
  backstopMs: 60_000,
};

/** A running watch; `close` stops it. */
export interface AuthWatch {
  /** Settles once the watcher sees events. */
  ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * Calls `onChange` shortly after auth.json or config.toml in `codexHome`
 * changes, and every `backstopMs` in any case.
 */
export function watchCodexHome(
  codexHome: string,
  onChange: () => Promise<unknown>,
  timing: WatchTiming = DEFAULT_WATCH_TIMING,
): AuthWatch {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();

  const fire = () => {
    timer = undefined;
    running = running.then(onChange).catch((error: unknown) => {
      log.warn('reload after a change failed', {
        reason: describeForLog(error),
      });
    });
  };
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(fire, timing.debounceMs);
  };

  let watcher: FSWatcher | null = null;
  try {
    watcher = watch(codexHome, { persistent: false }, (_event, name) => {
      // No name: the platform didn't say which file; look anyway.
      if (name === null || WATCHED_FILES.has(name.toString())) schedule();
    });
    watcher.on('error', (error) =>
      log.warn('watch error', { reason: describeForLog(error) }),
    );
  } catch (error) {
    // A CODEX_HOME that doesn't exist yet: the backstop still looks.
    log.warn('CODEX_HOME is not watched', { reason: describeForLog(error) });
  }
  const ready = Promise.resolve();
  const backstop = setInterval(fire, timing.backstopMs);
  backstop.unref();

  return {
    ready,
    close: async () => {
      clearInterval(backstop);
      if (timer) clearTimeout(timer);
      watcher?.close();
      await running;
    },
  };
}
