// A second process that writes auth.json the way Codex does when it renews
// a sign-in: under Codex's locks it re-reads the file and, only if account A
// is signed in, writes A with the next refresh token. Run by the stress
// test; prints the last index it wrote when told to stop (a line on stdin).

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { parseAuthJson } from '../../electron/auth/auth-file';
import { updateAuthFile } from '../../electron/auth/auth-writer';
import { authText, chatgptAuth } from '../support/auth-fixtures';

const [codexHome = '', account = ''] = process.argv.slice(2);
const home = { path: codexHome, source: 'env' as const };
let stop = false;
let written = 0;
let lastIndex = 0;

// A line on stdin, or stdin closing (the test ended or died), stops it.
process.stdin.once('data', () => {
  stop = true;
});
process.stdin.once('end', () => {
  stop = true;
});
process.stdout.write('ready\n');

while (!stop) {
  await updateAuthFile(home, async (current) => {
    if (current.kind !== 'present') return { action: 'keep' };
    const live = current.auth;
    if (
      `${live.tokens?.claims.workspaceId}:${live.tokens?.claims.userId}` !==
      account
    ) {
      return { action: 'keep' };
    }
    const index =
      Number(/_(\d+)$/.exec(live.tokens?.refreshToken ?? '')?.[1] ?? 0) + 1;
    lastIndex = index;
    written += 1;
    return { action: 'write', text: renewed(live.json, index) };
  });
  // Codex renews now and then, not in a tight loop: a few ms apart here.
  await new Promise((resolve) => setTimeout(resolve, 2 + Math.random() * 6));
}

// The final file must still parse; say what was written.
parseAuthJson(await readFile(join(codexHome, 'auth.json'), 'utf8'));
process.stdout.write(`${JSON.stringify({ written, lastIndex })}\n`);

function renewed(json: Record<string, unknown>, index: number): string {
  const [workspaceId, userId] = account.split(':');
  const next = chatgptAuth({
    email: `${userId}@example.com`,
    plan: 'team',
    workspaceId: workspaceId ?? '',
    userId: userId ?? '',
    refreshToken: `rt_${userId}_${index}`,
    lastRefresh: new Date().toISOString().replace('Z', '000Z'),
    extra: { stress_marker: json['stress_marker'] ?? 'kept' },
  });
  return authText(next);
}
