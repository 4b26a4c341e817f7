// Bundled by the benchmark and run in a fresh Node process: the main-side
// services, watcher included, left alone so their idle cost can be read.

import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createAppServices } from '../electron/services/app-services';

const dataDir = await mkdtemp(join(tmpdir(), 'bench-idle-'));
await createAppServices({ dataDir, openBrowser: async () => undefined });
process.stdout.write('ready\n');
process.stdin.once('data', () => process.exit(0));
