/**
 * Reading token and revoke request bodies before oidc-provider sees them.
 * Codex POSTs JSON to `/oauth/token` and `/oauth/revoke`, where the OAuth
 * spec (and oidc-provider) accept only form encoding; the issuer reads the
 * body once, records it, and hands oidc-provider a form-encoded copy.
 */

import { IncomingMessage } from 'node:http';

import type { BodyFormat } from './issuer-log.js';

/** A request body, decoded into parameters. */
export interface DecodedBody {
  readonly params: URLSearchParams;
  readonly format: BodyFormat;
}

const MAX_BODY_BYTES = 64 * 1024;

/** Reads the whole body of a request (refusing anything over 64 KiB). */
export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.from(chunk as Uint8Array);
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new Error('request body too large');
    chunks.push(buffer);
  }

  return Buffer.concat(chunks);
}

/**
 * Decodes a JSON or form body. JSON values that are not strings are sent on
 * as their JSON text; `null` members are dropped. Throws on bad JSON.
 */
export function decodeBody(body: Buffer, contentType: string): DecodedBody {
  if (!/^application\/json\b/i.test(contentType)) {
    const params = new URLSearchParams(body.toString('utf8'));
    return { params, format: 'form' };
  }

  const parsed: unknown = JSON.parse(body.toString('utf8'));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error('JSON body is not an object');
  }

  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(parsed)) {
    if (value === null || value === undefined) continue;
    params.append(
      name,
      typeof value === 'string' ? value : JSON.stringify(value),
    );
  }

  return { params, format: 'json' };
}

/**
 * A copy of `original` whose body is `params`, form-encoded, with headers to
 * match. It shares the socket, so oidc-provider sees the same client.
 */
export function withFormBody(
  original: IncomingMessage,
  params: URLSearchParams,
): IncomingMessage {
  const body = Buffer.from(params.toString(), 'utf8');
  const copy = new IncomingMessage(original.socket);
  copy.method = original.method ?? 'POST';
  copy.url = original.url ?? '/';
  copy.httpVersion = original.httpVersion;
  copy.headers = {
    ...original.headers,
    'content-type': 'application/x-www-form-urlencoded',
    'content-length': String(body.length),
  };
  delete copy.headers['transfer-encoding'];

  copy.push(body);
  copy.push(null);
  // The HTTP parser sets this for real requests; without it, Node takes the
  // copy for an aborted request once read and destroys the shared socket.
  copy.complete = true;

  return copy;
}
