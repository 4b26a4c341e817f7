// Run by the benchmark in its own Node process, as the app's main process
// is its own: saves N test accounts, then serves the demo window on them.
// Prints the window's address; log lines (with their times) go to stderr.

import { join } from 'node:path';

import { startDemo } from '../e2e/demo/demo-server';
import { authText, chatgptAuth } from '../e2e/support/auth-fixtures';
import { AccountStore } from '../electron/auth/account-store';
import { parseAuthJson } from '../electron/auth/auth-file';

const [count, codexHome, dataDir] = process.argv.slice(2);
const store = new AccountStore(join(dataDir ?? '', 'accounts'));

for (let i = 0; i < Number(count); i += 1) {
  const auth = chatgptAuth({
    email: `person${i}@example.com`,
    workspaceId: `ws-bench-${i}`,
    userId: `user-${i}`,
    plan: i % 3 === 0 ? 'team' : 'plus',
  });
  await store.save(parseAuthJson(authText(auth)));
}

const demo = await startDemo({
  ...(codexHome ? { codexHome } : {}),
  ...(dataDir ? { dataDir } : {}),
});
process.stdout.write(`window ${demo.windowUrl}\n`);
// A line on stdin, or stdin closing (the benchmark ended or died), stops it.
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void demo.close().then(() => process.exit(0));
};
process.stdin.once('data', stop).once('end', stop);
process.stdin.resume();
