// Bundled by the benchmark and run in a fresh Node process: builds the
// main-side services and prints when the first status is ready.

import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createAppServices } from '../electron/services/app-services';

const dataDir = await mkdtemp(join(tmpdir(), 'bench-cold-'));
const services = await createAppServices({
  dataDir,
  openBrowser: async () => undefined,
});
const status = services.manager.snapshot();
process.stdout.write(`status ${status.state} ${Date.now()}\n`);
await services.dispose();
