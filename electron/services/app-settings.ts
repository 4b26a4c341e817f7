// The app's own preferences, in settings.json in its data folder (0600).
// A missing or damaged file means the defaults.

import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { AppSettings } from '../../shared/ipc-contract';

const DEFAULTS: AppSettings = { notifications: true };

/** Reads and writes settings.json in `dataDir`. */
export class SettingsStore {
  private current: AppSettings | null = null;

  constructor(private readonly dataDir: string) {}

  /** The settings, read once. */
  async get(): Promise<AppSettings> {
    if (this.current) return this.current;

    const text = await readFile(this.path(), 'utf8').catch(() => null);
    const parsed = text ? (safeParse(text) as Partial<AppSettings>) : {};
    this.current = {
      notifications:
        typeof parsed.notifications === 'boolean'
          ? parsed.notifications
          : DEFAULTS.notifications,
    };
    return this.current;
  }

  /** Changes some settings and saves them. */
  async update(change: Partial<AppSettings>): Promise<AppSettings> {
    const next = { ...(await this.get()), ...change };
    await mkdir(this.dataDir, { recursive: true, mode: 0o700 });
    const temp = `${this.path()}.tmp`;
    await writeFile(temp, JSON.stringify(next, null, 2), { mode: 0o600 });
    await rename(temp, this.path());
    this.current = next;
    return next;
  }

  private path(): string {
    return join(this.dataDir, 'settings.json');
  }
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}
