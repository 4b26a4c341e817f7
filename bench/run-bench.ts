// `npm run bench`: the speed figures of the first slice. Every server runs
// on 127.0.0.1; every CODEX_HOME is temporary.

import { spawn } from 'node:child_process';
import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { gzipSync } from 'node:zlib';

import { type Browser, chromium } from '@playwright/test';
import { build } from 'vite';

import { startDemo } from '../e2e/demo/demo-server';
import { authText, chatgptAuth } from '../e2e/support/auth-fixtures';
import { envHome, makeTempDir, seedAuthFile } from '../e2e/support/temp-home';
import { AccountStore } from '../electron/auth/account-store';
import { readAuthFile, summarizeAuth } from '../electron/auth/auth-file';
import { AuthManager } from '../electron/auth/auth-manager';
import { DEFAULT_SIGN_IN_SETTINGS } from '../electron/auth/chatgpt-sign-in';
import { setLogSink } from '../electron/logger';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../playwright.config';
import { describeTimes, percentile } from './stats';

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
  const browser = await launchChromium();
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

    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await page.goto(demo.windowUrl);
    const opened = context.waitForEvent('page');
    await page.getByRole('button', { name: 'Sign in with ChatGPT' }).click();
    const tab = await opened;
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

const BENCH_OUT = join(ROOT, 'out/bench');

/** Bundles a bench entry for plain Node, so tsx's start-up isn't measured. */
async function bundleEntry(entry: string, name: string): Promise<string> {
  await build({
    configFile: false,
    logLevel: 'error',
    build: {
      ssr: join(ROOT, entry),
      outDir: BENCH_OUT,
      emptyOutDir: false,
      rollupOptions: { output: { entryFileNames: name } },
    },
  });
  return join(BENCH_OUT, name);
}

async function benchColdStart(rounds: number) {
  const entry = await bundleEntry(
    'bench/cold-start-entry.ts',
    'cold-start.mjs',
  );
  const home = await makeTempDir();
  await seedAuthFile(home.path, authText(chatgptAuth()));
  const samples: number[] = [];

  for (let round = 0; round < rounds; round += 1) {
    const started = Date.now();
    const readyAt = await new Promise<number>((done, fail) => {
      const child = spawn(process.execPath, [entry], {
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

  console.log(
    `main-side cold start in Node to first status: ${describeTimes(samples)}`,
  );
}

/** Counters of a Linux process: CPU ticks and context switches. */
async function processCounters(pid: number) {
  const stat =
    (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]?.split(' ') ??
    [];
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) =>
    Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return {
    // utime and stime, fields 14 and 15 of /proc/PID/stat, in clock ticks.
    cpuTicks: Number(stat[11] ?? 0) + Number(stat[12] ?? 0),
    switches:
      field('voluntary_ctxt_switches') + field('nonvoluntary_ctxt_switches'),
  };
}

async function benchIdle(seconds: number) {
  const entry = await bundleEntry('bench/idle-entry.ts', 'idle.mjs');
  const home = await makeTempDir();
  await seedAuthFile(home.path, authText(chatgptAuth()));
  const child = spawn(process.execPath, [entry], {
    env: { ...process.env, CODEX_HOME: home.path },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  await new Promise<void>((done) => child.stdout.once('data', () => done()));
  await new Promise((done) => setTimeout(done, 2000));
  const pid = child.pid ?? 0;

  const before = await processCounters(pid);
  await new Promise((done) => setTimeout(done, seconds * 1000));
  const after = await processCounters(pid);
  child.stdin.end('stop\n');
  await home.cleanup();

  const perMinute = 60 / seconds;
  const cpuMs = ((after.cpuTicks - before.cpuTicks) * 10 * perMinute).toFixed(
    0,
  );
  const wakeups = ((after.switches - before.switches) * perMinute).toFixed(0);
  console.log(
    `idle main side: ${cpuMs} ms CPU and ${wakeups} context switches per minute (measured over ${seconds} s)`,
  );
}

/** Chromium for measuring; CSP is bypassed so the probes can be injected. */
async function launchChromium() {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
  });
}

/** In the page: record when `selector` first shows `text`. */
function watchForText(selector: string, text: string): string {
  return `
    window.seenAt = 0;
    new MutationObserver((_records, observer) => {
      const element = document.querySelector(${JSON.stringify(selector)});
      if (element && element.textContent.includes(${JSON.stringify(text)})) {
        window.seenAt = Date.now();
        observer.disconnect();
      }
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  `;
}

async function benchExternalChange(rounds: number) {
  const browser = await launchChromium();
  const demo = await startDemo();
  const page = await browser.newPage({ bypassCSP: true });
  await page.goto(demo.windowUrl);
  await page.getByRole('button', { name: 'Sign in with ChatGPT' }).waitFor();
  const samples: number[] = [];

  for (let round = 0; round < rounds; round += 1) {
    const email = `person${round}@example.com`;
    await page.evaluate(watchForText('[data-testid="account-label"]', email));
    const temp = join(demo.codexHome, `.auth-bench${round}`);
    await writeFile(
      temp,
      authText(chatgptAuth({ email, userId: `user-${round}` })),
      { mode: 0o600 },
    );
    const writtenAt = Date.now();
    await rename(temp, join(demo.codexHome, 'auth.json'));
    await page.waitForFunction('window.seenAt > 0');
    samples.push(Number(await page.evaluate('window.seenAt')) - writtenAt);
  }
  await browser.close();
  await demo.close();

  console.log(`external change to window updated: ${describeTimes(samples)}`);
}

/**
 * Starts the demo with `count` saved accounts in a Node process of its own,
 * as the app's main process is: the browser and Playwright then don't share
 * its event loop. Resolves once the window is served.
 */
async function startSwitchHost(count: number) {
  const codexHome = await makeTempDir();
  const dataDir = await makeTempDir();
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(ROOT, 'bench/switch-host.ts'),
      String(count),
      codexHome.path,
      dataDir.path,
    ],
    {
      cwd: ROOT,
      env: { ...process.env, CODEX_ACCOUNTS_LOG_LEVEL: 'info' },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  // When auth.json was swapped, from the host's own log line and clock.
  const switchedAt: number[] = [];
  let errors = '';
  let partLine = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    errors = (errors + chunk).slice(-2000);
    // A line can arrive in two chunks; only whole lines are read.
    const lines = (partLine + chunk).split('\n');
    partLine = lines.pop() ?? '';
    for (const line of lines) {
      if (line.includes('switched account')) {
        switchedAt.push(Date.parse(line.slice(0, line.indexOf(' '))));
      }
    }
  });
  const windowUrl = await new Promise<string>((done, fail) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const match = /^window (\S+)$/m.exec(out);
      if (match?.[1]) done(match[1]);
    });
    child.on('exit', (code) =>
      fail(new Error(`switch host exited ${code}: ${errors.slice(-500)}`)),
    );
  });
  return {
    windowUrl,
    switchedAt,
    close: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((done) => child.once('exit', done));
        child.stdin.end('stop\n');
        await exited;
      }
      await codexHome.cleanup();
      await dataDir.cleanup();
    },
  };
}

/**
 * In the page, from its start: when `count` account rows are on screen,
 * and when the first status had arrived (so the render alone is known).
 */
function watchForRows(count: number): string {
  return `
    window.listShownAt = 0;
    window.statusAt = 0;
    new MutationObserver((_records, observer) => {
      const rows = document.querySelectorAll('[data-testid="account-row"]');
      if (rows.length >= ${count}) {
        window.listShownAt = performance.now();
        const [status] = performance.getEntriesByName(
          location.origin + '/ipc/auth%3Aget-status',
        );
        window.statusAt = status ? status.responseEnd : 0;
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  `;
}

/**
 * In the page: the time of the next click (when it reaches the window) and
 * of the moment the row with `key` is marked active.
 */
function watchForSwitch(key: string): string {
  return `
    // Wall-clock milliseconds with a fraction, to compare with the host's.
    const now = () => performance.timeOrigin + performance.now();
    window.clickedAt = 0;
    window.seenAt = 0;
    window.drawnAt = 0;
    document.addEventListener(
      'click',
      () => { window.clickedAt = now(); },
      { capture: true, once: true },
    );
    new MutationObserver((_records, observer) => {
      const row = document.querySelector('[data-testid="account-row"][data-key="${key}"]');
      if (row && row.getAttribute('data-active') === 'true') {
        window.seenAt = now();
        observer.disconnect();
        // The frame that shows it: its styles, layout and paint are done
        // when a task queued from its animation frame callback runs.
        requestAnimationFrame(() => setTimeout(() => { window.drawnAt = now(); }, 0));
      }
    }).observe(document.body, { subtree: true, attributes: true, childList: true });
  `;
}

/** In the page: scrolls the row of `key` into view; where to click it. */
function centreOfSwitchButton(key: string): string {
  return `(async () => {
    const row = document.querySelector('[data-testid="account-row"][data-key="${key}"]');
    const button = row.querySelector('button[aria-label^="Switch to"]');
    button.scrollIntoView({ block: 'center' });
    // Rows that scrolled into view are drawn over the next frames
    // (content-visibility); let that settle before the click is timed.
    await new Promise((done) => setTimeout(done, 100));
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    const box = button.getBoundingClientRect();
    return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
  })()`;
}

/** One window on a switch host, and what its switches measured. */
async function openSwitchWindow(browser: Browser, count: number) {
  const host = await startSwitchHost(count);
  // The size of the app's window (WINDOW_SIZE in electron/main/window.ts).
  const page = await browser.newPage({
    bypassCSP: true,
    viewport: { width: 360, height: 520 },
  });
  await page.addInitScript(watchForRows(count));
  await page.goto(host.windowUrl);
  await page.waitForFunction('window.listShownAt > 0');
  const [shownAt, statusAt] = (await page.evaluate(
    '[window.listShownAt, window.statusAt]',
  )) as [number, number];
  return {
    count,
    host,
    page,
    listMs: shownAt,
    renderMs: statusAt > 0 ? shownAt - statusAt : null,
    toFile: [] as number[],
    toWindow: [] as number[],
    toDrawn: [] as number[],
  };
}

type SwitchWindow = Awaited<ReturnType<typeof openSwitchWindow>>;

/** Clicks the row of the first or the last account and times the switch. */
async function timeOneSwitch(window: SwitchWindow, round: number) {
  const { host, page } = window;
  const target = round % 2 === 0 ? window.count - 1 : 0;
  const key = `chatgpt:ws-bench-${target}:user-${target}`;
  await page.bringToFront();
  const point = (await page.evaluate(centreOfSwitchButton(key))) as {
    x: number;
    y: number;
  };
  await page.evaluate(watchForSwitch(key));
  const swaps = host.switchedAt.length;
  // A plain mouse click, delivered as the system's would be; a locator's
  // click would also run Playwright's checks in the page meanwhile.
  await page.mouse.click(point.x, point.y);
  await page.waitForFunction('window.drawnAt > 0');
  const [clickedAt, seenAt, drawnAt] = (await page.evaluate(
    '[window.clickedAt, window.seenAt, window.drawnAt]',
  )) as [number, number, number];
  // The host's log line can reach us a moment after the window updated.
  while (host.switchedAt.length === swaps) await sleep(5);

  window.toFile.push((host.switchedAt[swaps] ?? 0) - clickedAt);
  window.toWindow.push(seenAt - clickedAt);
  window.toDrawn.push(drawnAt - clickedAt);
}

/**
 * Switches with 2 and with 200 saved accounts, in alternating rounds so
 * both see the same load on this machine; the ratio compares like with like.
 */
async function benchSwitch(rounds: number) {
  const browser = await launchChromium();
  const windows = [
    await openSwitchWindow(browser, 2),
    await openSwitchWindow(browser, 200),
  ];

  for (let round = 0; round < rounds; round += 1) {
    for (const window of windows) {
      await timeOneSwitch(window, round);
      // What follows a switch (the scan for running Codex, the watcher's
      // look at the new file) ends before the next one is timed.
      await sleep(250);
    }
  }
  await browser.close();
  for (const window of windows) await window.host.close();

  // The first round of each warms up; it is left out.
  for (const window of windows) {
    const render =
      window.renderMs === null
        ? ''
        : `, ${window.renderMs.toFixed(1)} ms after its status arrived`;
    console.log(`with ${window.count} saved accounts:`);
    console.log(
      `  list shown ${window.listMs.toFixed(0)} ms after navigation${render}`,
    );
    console.log(
      `  switch, click to auth.json swapped: ${describeTimes(window.toFile.slice(1))}`,
    );
    console.log(
      `  switch, click to window updated (DOM): ${describeTimes(window.toWindow.slice(1))}`,
    );
    console.log(
      `  switch, click to the frame that shows it: ${describeTimes(window.toDrawn.slice(1))}`,
    );
  }
  const ratio = (pick: (window: SwitchWindow) => number[]) => {
    const [few, many] = windows.map((window) =>
      percentile(pick(window).slice(1), 0.5),
    );
    return ((many ?? 0) / (few || 1)).toFixed(2);
  };
  console.log(
    `switch with 200 accounts / with 2, medians: window updated ${ratio((w) => w.toWindow)}, frame ${ratio((w) => w.toDrawn)}`,
  );
}

// BENCH_ONLY=status,external,... runs some of them.
const only = process.env['BENCH_ONLY']?.split(',');
const wanted = (name: string) => !only || only.includes(name);

console.log('Codex Accounts benchmarks');
if (wanted('status')) await benchStatusRead();
if (wanted('sign-in')) await benchSignIn(11);
if (wanted('bundle')) await benchBundle();
if (wanted('cold-start')) await benchColdStart(15);
if (wanted('external')) await benchExternalChange(31);
if (wanted('switch')) await benchSwitch(61);
if (wanted('idle')) {
  await benchIdle(Number(process.env['BENCH_IDLE_SECONDS'] ?? 60));
}
await rm(BENCH_OUT, { recursive: true, force: true });
