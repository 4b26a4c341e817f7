// Names the program that listens on a local TCP port, where the operating
// system tells (Linux /proc). Used only to word the "port busy" message.

import { readdir, readFile, readlink } from 'node:fs/promises';

const MAX_PROCESSES = 4000;
/** The "port busy" answer must stay quick: give up naming the holder after this. */
const LOOKUP_BUDGET_MS = 150;

/** `name, pid N` of the listener on 127.0.0.1:`port`, or null. */
export async function describePortHolder(port: number): Promise<string | null> {
  if (process.platform !== 'linux') return null;

  let timer: NodeJS.Timeout | undefined;
  const giveUp = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), LOOKUP_BUDGET_MS);
  });
  try {
    return await Promise.race([lookUp(port), giveUp]);
  } finally {
    clearTimeout(timer);
  }
}

async function lookUp(port: number): Promise<string | null> {
  try {
    const inode = await findListeningInode(port);
    if (!inode) return null;
    return await findProcessBySocket(inode);
  } catch {
    return null;
  }
}

async function findListeningInode(port: number): Promise<string | null> {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');

  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const text = await readFile(table, 'utf8').catch(() => '');
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      // Fields: sl, local address, remote address, state (0A = LISTEN), ...
      if (fields[1]?.endsWith(`:${hexPort}`) && fields[3] === '0A') {
        return fields[9] ?? null;
      }
    }
  }
  return null;
}

async function findProcessBySocket(inode: string): Promise<string | null> {
  const target = `socket:[${inode}]`;
  const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name));

  for (const pid of pids.slice(0, MAX_PROCESSES)) {
    const fds = await readdir(`/proc/${pid}/fd`).catch(() => []);
    for (const fd of fds) {
      const link = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
      if (link === target) {
        const name = (await readFile(`/proc/${pid}/comm`, 'utf8')).trim();
        return `${name}, pid ${pid}`;
      }
    }
  }
  return null;
}
