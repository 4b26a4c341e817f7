// `npm start`: builds the app and opens it in Electron. Where the Electron
// binary was never downloaded (it comes with `npm install` from a host some
// networks can't reach), it says so in one sentence instead of a stack trace.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import process from 'node:process';

const require = createRequire(import.meta.url);

const NO_BINARY_MESSAGE =
  "The Electron binary is not installed on this computer, so the tray app can't " +
  'start here; run `npm run demo` to use the same window in your browser.';

/** The path the electron package names, or null when nothing is there. */
function electronBinary() {
  try {
    // The package exports the binary's path, and throws when it has none.
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
if (!binary) {
  process.stderr.write(`${NO_BINARY_MESSAGE}\n`);
  process.exit(1);
}

// `electron-vite preview` builds main, preload and window, then starts them
// with the binary found above (it would otherwise look for it on its own).
// Its package exports no bin path, so the CLI is found from package.json.
const cli = join(
  dirname(require.resolve('electron-vite/package.json')),
  'bin/electron-vite.js',
);
const child = spawn(
  process.execPath,
  [cli, 'preview', ...process.argv.slice(2)],
  { stdio: 'inherit', env: { ...process.env, ELECTRON_EXEC_PATH: binary } },
);

child.on('exit', (code, signal) => {
  process.exit(signal ? 1 : (code ?? 1));
});
