// `npm run bench`: the speed figures of the first slice. Every server runs
// on 127.0.0.1; every CODEX_HOME is temporary.

import { spawn } from 'node:child_process';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';

import { chromium } from '@playwright/test';
import { build } from 'vite';

import { startDemo } from '../e2e/demo/demo-server';
import { authText, chatgptAuth } from '../e2e/support/auth-fixtures';
import { envHome, makeTempDir, seedAuthFile } from '../e2e/support/temp-home';
import { AccountStore } from '../electron/auth/account-store';
import { readAuthFile, summarizeAuth } from '../electron/auth/auth-file';
import { AuthManager } from '../electron/auth/auth-manager';
import { DEFAULT_SIGN_IN_SETTINGS } from '../electron/auth/chatgpt-sign-in';
import { setLogSink } from '../electron/logger';
import { CHROMIUM_PATH } from '../playwright.config';
import { describeTimes } from './stats';

const ROOT = resolve(import.meta.dirname, '..');

async function benchStatusRead() {
  const home = await makeTempDir();
  await seedAuthFile(home.path, authText(chatgptAuth()));
  const manager = new AuthManager({
    home: envHome(home.path),
    backupDir: join(home.path, 'backups'),
    store: new AccountStore(join(home.path, 'accounts')),
    signIn: DEFAULT_SIGN_IN_SETTINGS,
    openBrowser: async () => undefined,
  });
  const direct: number[] = [];
  const viaManager: number[] = [];

  for (let i = 0; i < 3000; i += 1) {
    const start = performance.now();
    const read = await readAuthFile(home.path);
    if (read.kind === 'present') summarizeAuth(read.auth);
    if (i >= 500) direct.push(performance.now() - start);
  }
  for (let i = 0; i < 3000; i += 1) {
    const start = performance.now();
    await manager.reload();
    if (i >= 500) viaManager.push(performance.now() - start);
  }
  await home.cleanup();

  console.log(`status read, file to summary: ${describeTimes(direct)}`);
  console.log(`status read, manager.reload(): ${describeTimes(viaManager)}`);
}

async function benchSignIn(rounds: number) {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const overheads: number[] = [];
  const totals: number[] = [];
  const realFetch = globalThis.fetch;

  for (let round = 0; round < rounds; round += 1) {
    const demo = await startDemo();
    let callbackAt = 0;
    let issuerMs = 0;
    const restoreLog = setLogSink((line) => {
      if (line.includes('callback received')) callbackAt = Date.now();
    }, 'info');
    // Time spent waiting for the issuer (code and API-key exchange) is the
    // issuer's, not ours: measure it and take it out.
    globalThis.fetch = async (input, init) => {
      const start = performance.now();
      try {
        return await realFetch(input, init);
      } finally {
        if (callbackAt > 0) issuerMs += performance.now() - start;
      }
    };

    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(demo.windowUrl);
    await page.getByRole('button', { name: 'Sign in with ChatGPT' }).click();
    const tab = await context.waitForEvent('page');
    await tab.getByLabel('Email').fill('plus@example.com');
    await tab.getByLabel('Password').fill('x');
    // Page code as text: this file is compiled for Node, not for the DOM.
    await page.evaluate(`
      new MutationObserver((_records, observer) => {
        if (document.querySelector('[data-testid="account-label"]')) {
          window.shownAt = Date.now();
          observer.disconnect();
        }
      }).observe(document.body, { childList: true, subtree: true });
    `);
    await tab.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForFunction('window.shownAt');
    const shownAt = Number(await page.evaluate('window.shownAt'));

    globalThis.fetch = realFetch;
    restoreLog();
    totals.push(shownAt - callbackAt);
    overheads.push(shownAt - callbackAt - issuerMs);
    await context.close();
    await demo.close();
  }
  await browser.close();

  console.log(
    `sign-in, callback to window updated (issuer time removed): ${describeTimes(overheads.slice(1))}`,
  );
  console.log(
    `sign-in, callback to window updated (with issuer time): ${describeTimes(totals.slice(1))}`,
  );
}

async function benchBundle() {
  const dir = join(ROOT, 'out/renderer/assets');
  let raw = 0;
  let gzipped = 0;
  for (const name of await readdir(dir)) {
    const body = await readFile(join(dir, name));
    raw += body.length;
    gzipped += gzipSync(body, { level: 9 }).length;
  }
  console.log(
    `renderer bundle: ${(gzipped / 1024).toFixed(1)} KB gzipped (${(raw / 1024).toFixed(1)} KB raw)`,
  );
}

async function benchColdStart(rounds: number) {
  const outDir = join(ROOT, 'out/bench');
  await build({
    configFile: false,
    logLevel: 'error',
    build: {
      ssr: join(ROOT, 'bench/cold-start-entry.ts'),
      outDir,
      emptyOutDir: true,
      rollupOptions: { output: { entryFileNames: 'cold-start.mjs' } },
    },
  });
  const home = await makeTempDir();
  await seedAuthFile(home.path, authText(chatgptAuth()));
  const samples: number[] = [];

  for (let round = 0; round < rounds; round += 1) {
    const started = Date.now();
    const readyAt = await new Promise<number>((done, fail) => {
      const child = spawn(process.execPath, [join(outDir, 'cold-start.mjs')], {
        env: { ...process.env, CODEX_HOME: home.path },
      });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /status signed_in (\d+)/.exec(out);
        if (match) done(Number(match[1]));
      });
      child.on(
        'exit',
        (code) => code !== 0 && fail(new Error(`cold start exited ${code}`)),
      );
    });
    samples.push(readyAt - started);
  }
  await home.cleanup();
  await rm(outDir, { recursive: true, force: true });

  console.log(
    `main-side cold start in Node to first status: ${describeTimes(samples)}`,
  );
}

console.log('Codex Accounts benchmarks');
await benchStatusRead();
await benchSignIn(11);
await benchBundle();
await benchColdStart(15);
