import { request } from 'node:http';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type Demo, startDemo } from './demo-server';

/** A raw request, so the Host and Origin headers are exactly ours. */
function post(demo: Demo, headers: Record<string, string>): Promise<number> {
  const url = new URL(demo.windowUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: url.port,
        method: 'POST',
        path: '/ipc/auth:get-status',
        headers: { 'Content-Type': 'application/json', ...headers },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end('null');
  });
}

describe('the demo bridge', () => {
  let demo: Demo;

  beforeAll(async () => {
    demo = await startDemo();
  });
  afterAll(async () => {
    await demo.close();
  });

  it('answers its own page', async () => {
    const host = new URL(demo.windowUrl).host;

    expect(await post(demo, { Host: host, Origin: `http://${host}` })).toBe(
      200,
    );
  });

  it('refuses a page on another name that resolves here (DNS rebinding)', async () => {
    const port = new URL(demo.windowUrl).port;
    const host = `evil.example:${port}`;

    expect(await post(demo, { Host: host, Origin: `http://${host}` })).toBe(
      403,
    );
  });

  it('refuses a cross-site post and a post without an Origin', async () => {
    const host = new URL(demo.windowUrl).host;

    expect(
      await post(demo, { Host: host, Origin: 'http://evil.example' }),
    ).toBe(403);
    expect(await post(demo, { Host: host })).toBe(403);
  });
});
