// `npm run demo`: the main-side services in plain Node, serving the built
// window to a browser through an HTTP bridge that implements the same IPC
// contract. For development and tests only; not part of the packaged app.

import { readFile } from 'node:fs/promises';
import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';

import type { SignInSettings } from '../../electron/auth/chatgpt-sign-in';
import {
  type AppServices,
  createAppServices,
} from '../../electron/services/app-services';
import {
  forwardManagerEvents,
  isRequestChannel,
} from '../../electron/services/ipc-handlers';
import { startTestIssuer, type TestIssuer } from '../issuer/test-issuer';
import { makeTempDir } from '../support/temp-home';

const ROOT = resolve(import.meta.dirname, '../..');
const RENDERER_DIR = join(ROOT, 'out/renderer');
const BRIDGE_FILE = join(import.meta.dirname, 'bridge-client.js');
const MAX_BODY_BYTES = 64 * 1024;
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** How to start the demo. */
export interface DemoOptions {
  /** The window's port; 0 picks a free one. */
  port?: number;
  /** Use this CODEX_HOME instead of a fresh temporary one. */
  codexHome?: string;
  /** Use this issuer instead of starting the test issuer. */
  issuerUrl?: string;
  /** The app's data folder; a fresh temporary one by default. */
  dataDir?: string;
  /** Sign-in overrides (callback ports, time limit) for tests. */
  signIn?: Partial<SignInSettings>;
}

/** A running demo. */
export interface Demo {
  windowUrl: string;
  issuerUrl: string;
  codexHome: string;
  dataDir: string;
  services: AppServices;
  issuer: TestIssuer | null;
  close(): Promise<void>;
}

/** Starts the issuer (unless given), the services and the window server. */
export async function startDemo(options: DemoOptions = {}): Promise<Demo> {
  const issuer = options.issuerUrl ? null : await startTestIssuer();
  const issuerUrl = options.issuerUrl ?? issuer?.url ?? '';
  const temps: Array<() => Promise<void>> = [];
  const codexHome = options.codexHome ?? (await tempDir('codex-home-', temps));
  const dataDir =
    options.dataDir ?? (await tempDir('codex-accounts-data-', temps));
  const clients = new Set<ServerResponse>();

  // Events sent before the window's event stream is connected (a click
  // right after the page loaded) wait for it instead of being lost.
  const waiting: string[] = [];
  const broadcast = (channel: string, payload: unknown) => {
    const data = `data: ${JSON.stringify({ channel, payload })}\n\n`;
    if (clients.size === 0) waiting.push(data);
    for (const client of clients) client.write(data);
  };
  const connect = (res: ServerResponse) => {
    openEventStream(res, clients);
    for (const data of waiting.splice(0)) res.write(data);
  };
  const services = await createAppServices({
    dataDir,
    env: {
      ...process.env,
      CODEX_HOME: codexHome,
      CODEX_ACCOUNTS_ISSUER: issuerUrl,
    },
    openBrowser: async (url) => broadcast('demo:open-url', url),
    ...(options.signIn ? { signIn: options.signIn } : {}),
  });
  const stopEvents = forwardManagerEvents(
    services.manager,
    broadcast,
    services.statusFeed,
  );

  const server = createServer((req, res) => {
    void handleRequest(req, res, services, connect).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  const port = await listen(server, options.port ?? 0);

  return {
    windowUrl: `http://127.0.0.1:${port}/`,
    issuerUrl,
    codexHome,
    dataDir,
    services,
    issuer,
    close: async () => {
      stopEvents();
      for (const client of clients) client.end();
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
      await services.dispose();
      await issuer?.close();
      for (const cleanup of temps) await cleanup();
    },
  };
}

async function handleRequest(
  req: IncomingMessage,
  res: ServerResponse,
  services: AppServices,
  connect: (res: ServerResponse) => void,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (!fromThisComputer(req)) {
    res.writeHead(403).end();
    return;
  }

  if (req.method === 'POST' && url.pathname.startsWith('/ipc/')) {
    await handleIpc(
      req,
      res,
      services,
      decodeURIComponent(url.pathname.slice(5)),
    );
  } else if (req.method === 'GET' && url.pathname === '/events') {
    connect(res);
  } else if (req.method === 'GET' && url.pathname === '/demo-bridge.js') {
    await sendFile(res, BRIDGE_FILE);
  } else if (
    req.method === 'GET' &&
    (url.pathname === '/' || url.pathname === '/index.html')
  ) {
    await sendIndex(res);
  } else if (req.method === 'GET') {
    await sendStatic(res, url.pathname);
  } else {
    res.writeHead(405).end();
  }
}

/**
 * Only a page of this server may use the bridge: the Host must name this
 * computer (against DNS rebinding, where a foreign page's Host is its own
 * name) and a POST must carry this server's own Origin (no cross-site posts).
 */
function fromThisComputer(req: IncomingMessage): boolean {
  const host = req.headers.host ?? '';
  if (!/^(127\.0\.0\.1|localhost):\d+$/.test(host)) return false;
  if (req.method !== 'POST') return true;
  return req.headers.origin === `http://${host}`;
}

async function handleIpc(
  req: IncomingMessage,
  res: ServerResponse,
  services: AppServices,
  channel: string,
): Promise<void> {
  if (!isRequestChannel(services.handlers, channel)) {
    res.writeHead(404).end();
    return;
  }
  const payload: unknown = JSON.parse((await readBody(req)) || 'null');
  const handler = services.handlers[channel] as (
    p: unknown,
  ) => Promise<unknown>;
  const answer = await handler(payload);
  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-store',
  });
  res.end(JSON.stringify(answer));
}

function openEventStream(res: ServerResponse, clients: Set<ServerResponse>) {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
  });
  res.write(': connected\n\n');
  clients.add(res);
  res.on('close', () => clients.delete(res));
}

async function sendIndex(res: ServerResponse): Promise<void> {
  const html = await readFile(join(RENDERER_DIR, 'index.html'), 'utf8').catch(
    () => null,
  );
  if (html === null) {
    res.writeHead(500, { 'Content-Type': 'text/plain' });
    res.end('The window is not built yet: run `npm run build` first.');
    return;
  }
  // The bridge must exist before the window's module script runs.
  const withBridge = html.replace(
    '<head>',
    '<head>\n    <script src="/demo-bridge.js"></script>',
  );
  res.writeHead(200, {
    'Content-Type': CONTENT_TYPES['.html'],
    'Cache-Control': 'no-store',
  });
  res.end(withBridge);
}

async function sendStatic(res: ServerResponse, pathname: string) {
  const path = normalize(join(RENDERER_DIR, pathname));
  if (!path.startsWith(RENDERER_DIR)) {
    res.writeHead(404).end();
    return;
  }
  await sendFile(res, path);
}

async function sendFile(res: ServerResponse, path: string): Promise<void> {
  const body = await readFile(path).catch(() => null);
  if (body === null) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, {
    'Content-Type': CONTENT_TYPES[extname(path)] ?? 'application/octet-stream',
  });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) req.destroy(new Error('request too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolvePromise(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      resolvePromise(
        typeof address === 'object' && address ? address.port : port,
      );
    });
  });
}

async function tempDir(prefix: string, temps: Array<() => Promise<void>>) {
  const dir = await makeTempDir(prefix);
  temps.push(dir.cleanup);
  return dir.path;
}
