// A third process that reads auth.json as fast as it can and counts reads
// that don't parse. With atomic renames there must be none.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { parseAuthJson } from '../../electron/auth/auth-file';

const codexHome = process.argv[2] ?? '';
let stop = false;
let reads = 0;
let torn = 0;

// A line on stdin, or stdin closing (the test ended or died), stops it.
process.stdin.once('data', () => {
  stop = true;
});
process.stdin.once('end', () => {
  stop = true;
});
process.stdout.write('ready\n');

while (!stop) {
  const text = await readFile(join(codexHome, 'auth.json'), 'utf8').catch(
    () => null,
  );
  if (text !== null) {
    reads += 1;
    try {
      parseAuthJson(text);
    } catch {
      torn += 1;
    }
  }
  await new Promise((resolve) => setImmediate(resolve));
}
process.stdout.write(`${JSON.stringify({ reads, torn })}\n`);
