import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { describe, expect, it } from 'vitest';

import { RENDERER_CSP, withoutHeader } from './csp';

describe('RENDERER_CSP', () => {
  it("is the same policy as renderer/index.html's meta tag", () => {
    const html = readFileSync(
      resolve(import.meta.dirname, '../../renderer/index.html'),
      'utf8',
    );
    const meta =
      /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);

    expect(meta?.[1]).toBe(RENDERER_CSP);
  });
});

describe('withoutHeader', () => {
  it('drops a header whatever its case and keeps the others', () => {
    const headers = {
      'content-security-policy': ['default-src *'],
      'Content-Type': ['text/html'],
    };

    expect(withoutHeader(headers, 'content-security-policy')).toEqual({
      'Content-Type': ['text/html'],
    });
  });
});
