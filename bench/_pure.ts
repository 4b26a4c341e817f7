import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '/work/main/playwright.config';
const count = Number(process.argv[2] ?? 200);
const home = mkdtempSync('/tmp/ph-');
const data = mkdtempSync('/tmp/pd-');
const child = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    '/work/main/bench/switch-host.ts',
    String(count),
    home,
    data,
  ],
  {
    cwd: '/work/main',
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, CODEX_ACCOUNTS_LOG_LEVEL: 'info' },
  },
);
const sw: number[] = [];
child.stderr.setEncoding('utf8').on('data', (c: string) => {
  for (const l of c.split('\n'))
    if (l.includes('switched account'))
      sw.push(Date.parse(l.slice(0, l.indexOf(' '))));
});
const url = await new Promise<string>((d) => {
  let o = '';
  child.stdout.setEncoding('utf8').on('data', (c) => {
    o += c;
    const m = /^window (\S+)$/m.exec(o);
    if (m) d(m[1]!);
  });
});
const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  args: CHROMIUM_ARGS,
});
const page = await browser.newPage({
  bypassCSP: true,
  viewport: { width: 360, height: 520 },
});
await page.addInitScript(`
  window.marks = [];
  const OrigES = window.EventSource;
  window.EventSource = class extends OrigES { addEventListener(type, fn, o) { super.addEventListener(type, (m) => { const a = Date.now(); fn(m); window.marks.push(['sse', a, Date.now()]); }, o); } };
  const origFetch = window.fetch;
  window.fetch = async (...args) => { const r = await origFetch(...args); const j = r.json.bind(r); const at = Date.now(); r.json = async () => { const v = await j(); window.marks.push(['resp', at, Date.now()]); return v; }; return r; };
`);
await page.goto(url);
await page
  .locator(
    '[data-testid="account-row"][data-key="chatgpt:ws-bench-' +
      (count - 1) +
      ':user-' +
      (count - 1) +
      '"]',
  )
  .waitFor();
await browser.startTracing(page, { categories: ['devtools.timeline'] });
const sseA: number[] = [],
  sseB: number[] = [],
  respA: number[] = [];
const seen: number[] = [],
  file: number[] = [],
  paint: number[] = [];
for (let r = 0; r < 41; r++) {
  const t = r % 2 === 0 ? count - 1 : 0;
  const key = `chatgpt:ws-bench-${t}:user-${t}`;
  const n = sw.length;
  const res = (await page.evaluate(`new Promise((done) => {
    const row = () => document.querySelector('[data-testid="account-row"][data-key="${key}"]');
    const button = row().querySelector('button[aria-label^="Switch to"]');
    let clicked = 0;
    new MutationObserver((_r, o) => { if (row()?.getAttribute('data-active') === 'true') { o.disconnect(); const s = Date.now(); requestAnimationFrame(() => setTimeout(() => done([clicked, s, Date.now(), window.marks.splice(0)]), 0)); } }).observe(document.body, { subtree: true, attributes: true, childList: true });
    setTimeout(() => { clicked = Date.now(); button.click(); }, 20);
  })`)) as [number, number, number, [string, number, number][]];
  const sse = res[3].find((m) => m[0] === 'sse');
  const rp = res[3].filter((m) => m[0] === 'resp').at(-1);
  if (sse) {
    sseA.push(sse[1] - res[0]);
    sseB.push(sse[2] - res[0]);
  }
  if (rp) respA.push(rp[1] - res[0]);
  while (sw.length === n) await new Promise((d) => setTimeout(d, 5));
  file.push(sw[n]! - res[0]);
  seen.push(res[1] - res[0]);
  paint.push(res[2] - res[0]);
  await page.waitForTimeout(150);
}
const med = (a: number[]) => {
  const b = a.slice(1).sort((x, y) => x - y);
  return `${b[Math.floor(b.length / 2)]} (p90 ${b[Math.floor(b.length * 0.9)]})`;
};
const ev = JSON.parse((await browser.stopTracing()).toString())
  .traceEvents as any[];
const sum = new Map<string, [number, number]>();
for (const e of ev)
  if (e.ph === 'X' && e.dur) {
    const v = sum.get(e.name) ?? [0, 0];
    v[0] += e.dur;
    v[1]++;
    sum.set(e.name, v);
  }
console.log(
  [...sum.entries()]
    .sort((a, b) => b[1][0] - a[1][0])
    .slice(0, 14)
    .map(
      ([k, [d, n]]) =>
        `${(d / 1000 / 41).toFixed(2)} ms/switch n=${n} max ${''} ${k}`,
    )
    .join('\n'),
);
console.log(
  count,
  'sse at',
  med(sseA),
  'sse handled',
  med(sseB),
  'resp at',
  med(respA),
);
console.log(count, 'file', med(file), 'seen', med(seen), 'frame', med(paint));
await browser.close();
child.stdin.end('x\n');
