// The local server that receives the browser's answer at the end of a
// ChatGPT sign-in. It listens on 127.0.0.1 only, on port 1455 or, when that
// is taken, on 1457: the only two redirect URIs Codex's client accepts.

import {
  createServer,
  type IncomingMessage,
  request,
  type Server,
  type ServerResponse,
} from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

import { AuthError } from './auth-error';
import { describePortHolder } from './port-holder';

/** Codex's callback ports, in the order Codex tries them. */
export const CALLBACK_PORTS = [1455, 1457] as const;

/** Loopback only: the redirect URI says localhost, we bind the address. */
export const CALLBACK_HOST = '127.0.0.1';

// Codex retries the first port ten times, 200 ms apart, after its /cancel.
// An older Codex login exits within a few milliseconds of that request, so
// a shorter ladder keeps the "both ports busy" answer under a second.
const CANCEL_TIMEOUT_MS = 250;
const RETRY_COUNT = 3;
const RETRY_DELAY_MS = 100;

export type CallbackHandler = (
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
) => void;

/** A bound callback server. */
export interface CallbackServer {
  port: number;
  /** The redirect URI for this port, as registered for Codex's client. */
  redirectUri: string;
  close(): Promise<void>;
}

/** Binds the first free port of `ports`, after asking a holder of the first one to cancel. */
export async function listenForCallback(
  handler: CallbackHandler,
  ports: readonly number[] = CALLBACK_PORTS,
): Promise<CallbackServer> {
  const [first, ...others] = ports;
  if (first === undefined) throw new Error('no callback port configured');

  const server = createServer((req, res) => routeRequest(req, res, handler));
  server.keepAliveTimeout = 1000;

  if (await tryListen(server, first)) return bound(server, first);

  await sendCancel(first);
  for (let attempt = 0; attempt < RETRY_COUNT; attempt += 1) {
    await sleep(RETRY_DELAY_MS);
    if (await tryListen(server, first)) return bound(server, first);
  }
  for (const port of others) {
    if (await tryListen(server, port)) return bound(server, port);
  }

  const holder = await describePortHolder(first);
  throw new AuthError('port_busy', {
    kind: 'transient',
    params: {
      ports: ports.join(' and '),
      ...(holder ? { reason: holder } : {}),
    },
  });
}

function routeRequest(
  req: IncomingMessage,
  res: ServerResponse,
  handler: CallbackHandler,
) {
  const host = req.headers.host ?? '';
  // Only a browser on this computer addressing us by a loopback name gets
  // an answer; this blocks DNS-rebinding pages from reaching the handler.
  if (!/^(localhost|127\.0\.0\.1)(:\d+)?$/.test(host)) {
    res.writeHead(421).end();
    return;
  }
  handler(req, res, new URL(req.url ?? '/', `http://${host}`));
}

function tryListen(server: Server, port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      // Windows reserves port ranges and answers EACCES: that's busy too.
      if (error.code === 'EADDRINUSE' || error.code === 'EACCES')
        resolve(false);
      else reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve(true);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, CALLBACK_HOST);
  });
}

function bound(server: Server, port: number): CallbackServer {
  return {
    port,
    redirectUri: `http://localhost:${port}/auth/callback`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** One GET /cancel to whoever holds the port: an older Codex login exits on it. */
function sendCancel(port: number): Promise<void> {
  return new Promise((resolve) => {
    const req = request(
      {
        host: CALLBACK_HOST,
        port,
        path: '/cancel',
        timeout: CANCEL_TIMEOUT_MS,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve());
      },
    );
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve());
    req.on('close', () => resolve());
    req.end();
  });
}

/** Sends a small self-contained HTML page; no script, nothing secret. */
export function sendPage(
  res: ServerResponse,
  status: number,
  title: string,
  body: string,
  code?: string,
) {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>body{font:16px system-ui,sans-serif;max-width:32rem;margin:15vh auto;padding:0 1rem;color:#1d1d1f}
@media (prefers-color-scheme:dark){body{background:#1d1d1f;color:#f5f5f7}}
h1{font-size:1.4rem}code{opacity:.7}</style></head>
<body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(body)}</p>
${code ? `<p><code>Error code: ${escapeHtml(code)}</code></p>` : ''}</body></html>`;

  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    Connection: 'close',
  });
  res.end(html);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
