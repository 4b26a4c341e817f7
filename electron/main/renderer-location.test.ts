import { pathToFileURL } from 'node:url';

import { describe, expect, it } from 'vitest';

import { isRendererUrl, rendererLocation } from './renderer-location';

const INDEX = '/opt/Codex Accounts/resources/app.asar/out/renderer/index.html';
const FILE_PAGE = { kind: 'file', path: INDEX } as const;
const DEV_PAGE = { kind: 'dev-server', url: 'http://localhost:5173' } as const;

describe('rendererLocation', () => {
  it('loads the built page in an installed app, whatever the environment', () => {
    expect(
      rendererLocation({
        packaged: true,
        devServerUrl: 'http://localhost:5173',
        indexHtmlPath: INDEX,
      }),
    ).toEqual(FILE_PAGE);
  });

  it('loads the dev server during development', () => {
    expect(
      rendererLocation({
        packaged: false,
        devServerUrl: 'http://localhost:5173',
        indexHtmlPath: INDEX,
      }),
    ).toEqual(DEV_PAGE);
  });
});

describe('isRendererUrl', () => {
  it('accepts the built page, with or without a fragment', () => {
    const page = pathToFileURL(INDEX).href;

    expect(isRendererUrl(page, FILE_PAGE)).toBe(true);
    expect(isRendererUrl(`${page}#/account`, FILE_PAGE)).toBe(true);
  });

  it('refuses another local file', () => {
    const other = pathToFileURL('/tmp/evil/index.html').href;

    expect(isRendererUrl(other, FILE_PAGE)).toBe(false);
  });

  it('refuses a web page and text that is not a URL', () => {
    expect(isRendererUrl('https://example.com/', FILE_PAGE)).toBe(false);
    expect(isRendererUrl('not a url', FILE_PAGE)).toBe(false);
  });

  it('accepts the dev server and refuses another port', () => {
    expect(isRendererUrl('http://localhost:5173/index.html', DEV_PAGE)).toBe(
      true,
    );
    expect(isRendererUrl('http://localhost:5174/', DEV_PAGE)).toBe(false);
  });
});
