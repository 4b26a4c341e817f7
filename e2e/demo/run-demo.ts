// The command behind `npm run demo`: starts the demo and prints, one per
// line, the window, the issuer, the Codex folder and the test accounts.
//   --port N    the window's port (default: a free one)
//   --no-open   don't open the window in the default browser

import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';

import { startDemo } from './demo-server';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    'no-open': { type: 'boolean', default: false },
  },
});

const port = values.port === undefined ? 0 : Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number, not "${values.port}".`);
  process.exit(2);
}

const demo = await startDemo({
  port,
  ...(process.env['CODEX_HOME']
    ? { codexHome: process.env['CODEX_HOME'] }
    : {}),
});

console.log(`window: ${demo.windowUrl}`);
console.log(`issuer: ${demo.issuerUrl}`);
console.log(`codex home: ${demo.codexHome}`);
for (const account of demo.issuer?.accounts ?? []) {
  console.log(`test account: ${account.email} (${account.plan}), any password`);
}

if (!values['no-open']) openInBrowser(demo.windowUrl);

const stop = async () => {
  await demo.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());

function openInBrowser(url: string) {
  const command =
    process.platform === 'darwin'
      ? 'open'
      : process.platform === 'win32'
        ? 'explorer'
        : 'xdg-open';
  spawn(command, [url], { stdio: 'ignore', detached: true })
    .on('error', () => console.log(`Open ${url} in your browser.`))
    .unref();
}
