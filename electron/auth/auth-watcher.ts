// Follows changes to auth.json (and config.toml) made by other programs:
// the Codex CLI, the IDE extension, a second instance. The CODEX_HOME
// directory itself is watched, so a rename over the file and a deletion
// followed by re-creation are seen too. Events are debounced; a slow poll
// backs up file systems that drop events.

import { basename } from 'node:path';

import { type FSWatcher, watch } from 'chokidar';

import { createLogger } from '../logger';
import { describeForLog } from './redact';

const log = createLogger('watcher');

/** Files in CODEX_HOME whose changes matter. */
const WATCHED_FILES = new Set(['auth.json', 'config.toml']);

/** chokidar's own throttle of repeated 'change' events for one file. */
const CHOKIDAR_CHANGE_THROTTLE_MS = 50;

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
  /** Settles once the watcher sees events (its first scan is done). */
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
  // chokidar drops a 'change' that comes within 50 ms of the previous one
  // for the same file (no trailing event), so a second quick write would
  // wait for the backstop. One more look after that window catches it.
  let trailing: NodeJS.Timeout | undefined;
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(fire, timing.debounceMs);
    trailing ??= setTimeout(() => {
      trailing = undefined;
      fire();
    }, CHOKIDAR_CHANGE_THROTTLE_MS + timing.debounceMs);
  };

  const watcher: FSWatcher = watch(codexHome, {
    depth: 0,
    ignoreInitial: true,
    // Codex renames a temporary file over auth.json, which replaces the
    // file's inode; chokidar's atomic mode follows the new file (without it,
    // events after a few renames were seen to be lost).
    atomic: true,
    ignored: (path) => path !== codexHome && !WATCHED_FILES.has(basename(path)),
  });
  const ready = new Promise<void>((resolve) => watcher.once('ready', resolve));
  watcher.on('all', schedule);
  watcher.on('error', (error) =>
    log.warn('watch error', { reason: describeForLog(error) }),
  );
  const backstop = setInterval(fire, timing.backstopMs);
  backstop.unref();

  return {
    ready,
    close: async () => {
      clearInterval(backstop);
      if (timer) clearTimeout(timer);
      if (trailing) clearTimeout(trailing);
      await watcher.close();
      await running;
    },
  };
}
