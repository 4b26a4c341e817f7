// Packs the built app with electron-builder (`--linux --dir`) around a
// stand-in Electron folder, then checks what went into app.asar. Run it with
// `npx tsx e2e/electron/check-packaged-app.ts` after `electron-vite build`.
//
// Packaging for real needs Electron's own files and the target's packaging
// tools, which this machine can't download. The stand-in is an empty Electron
// folder, which is enough to run electron-builder's file selection, asar
// writing and resource copying against the real config.

import { existsSync } from 'node:fs';
import {
  chmod,
  mkdir,
  mkdtemp,
  readdir,
  rm,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { listPackage } from '@electron/asar';
import { Arch, build, Platform } from 'electron-builder';

const PROJECT_DIR = resolve(import.meta.dirname, '../..');
const REQUIRED_ENTRIES = [
  '/package.json',
  '/out/main/index.js',
  '/out/preload/index.cjs',
  '/out/renderer/index.html',
];
const BUNDLED_PACKAGES = ['react', 'react-dom', 'zustand'];

async function main(): Promise<void> {
  if (!existsSync(join(PROJECT_DIR, 'out/main/index.js'))) {
    fail('out/ is missing: run `npx electron-vite build` first.');
  }

  const work = await mkdtemp(join(tmpdir(), 'codex-accounts-pack-'));
  try {
    const problems = await checkApp(await pack(work));

    if (problems.length > 0) fail(problems.join('\n'));
    console.log(
      'The packed app.asar holds out/, package.json and dependencies.',
    );
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Runs electron-builder on the stand-in; returns linux-unpacked. */
async function pack(work: string): Promise<string> {
  const electronDist = join(work, 'electron-dist');
  await mkdir(join(electronDist, 'resources'), { recursive: true });
  await writeFile(join(electronDist, 'electron'), '#!/bin/sh\nexit 0\n');
  await chmod(join(electronDist, 'electron'), 0o755);

  await build({
    projectDir: PROJECT_DIR,
    targets: Platform.LINUX.createTarget('dir', Arch.x64),
    config: {
      electronDist,
      // Rebuilding native modules for Electron downloads its headers.
      npmRebuild: false,
      directories: { output: join(work, 'dist') },
    },
  });

  return join(work, 'dist', 'linux-unpacked');
}

/** What is wrong with the packed app; empty when nothing is. */
async function checkApp(appDir: string): Promise<string[]> {
  const entries = listPackage(join(appDir, 'resources/app.asar'), {
    isPack: false,
  }).map((entry) => entry.split('\\').join('/'));
  const icons = await readdir(join(appDir, 'resources/icons'));
  const ownFiles = entries.filter(
    (entry) => !entry.startsWith('/node_modules'),
  );

  return [
    ...REQUIRED_ENTRIES.filter((entry) => !entries.includes(entry)).map(
      (entry) => `app.asar lacks ${entry}`,
    ),
    ...ownFiles
      .filter((entry) => !(entry === '/package.json' || isUnderOut(entry)))
      .map((entry) => `app.asar holds ${entry}, which is not part of out/`),
    ...entries
      .filter((entry) => /\.(ts|tsx)$/.test(entry) && !entry.endsWith('.d.ts'))
      .map((entry) => `app.asar holds the source file ${entry}`),
    ...BUNDLED_PACKAGES.filter((name) =>
      entries.includes(`/node_modules/${name}`),
    ).map((name) => `app.asar holds ${name}, which Vite already bundled`),
    ...(icons.includes('trayTemplate.png')
      ? []
      : ['resources/icons lacks the tray icons']),
  ];
}

function isUnderOut(entry: string): boolean {
  return entry === '/out' || entry.startsWith('/out/');
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

await main();
