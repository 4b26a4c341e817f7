// Where the window's page comes from, and whether a URL is that page. No
// Electron import, so the IPC sender check is tested in Node.
//
// The built app loads out/renderer/index.html from disk; `electron-vite dev`
// serves it from a local dev server named in ELECTRON_RENDERER_URL. Only
// that page may call the IPC handlers.

import { pathToFileURL } from 'node:url';

/** The renderer's page: a file on disk, or the dev server. */
export type RendererLocation =
  { kind: 'file'; path: string } | { kind: 'dev-server'; url: string };

/**
 * The page to load. The dev server counts only in an unpackaged app, so an
 * installed app can't be pointed at another page through the environment.
 */
export function rendererLocation(options: {
  packaged: boolean;
  devServerUrl: string | undefined;
  indexHtmlPath: string;
}): RendererLocation {
  if (!options.packaged && options.devServerUrl) {
    return { kind: 'dev-server', url: options.devServerUrl };
  }

  return { kind: 'file', path: options.indexHtmlPath };
}

/**
 * Whether `url` is the renderer's page. The query and the fragment don't
 * matter; for a file the whole path must match, for the dev server the
 * origin.
 */
export function isRendererUrl(
  url: string,
  location: RendererLocation,
): boolean {
  const candidate = parseUrl(url);
  if (!candidate) {
    return false;
  }

  if (location.kind === 'dev-server') {
    return candidate.origin === parseUrl(location.url)?.origin;
  }

  const expected = pathToFileURL(location.path);
  return (
    candidate.protocol === 'file:' &&
    candidate.host === expected.host &&
    candidate.pathname === expected.pathname
  );
}

function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}
