// Locks down what web content may do in this app. The window shows one local
// page; it never needs a permission, another page, a popup or a webview, so
// all of them are refused. Links to the issuer open in the system browser
// through the sign-in service, not here.

import { app, type Session } from 'electron';

import { createLogger } from '../logger';
import { applyContentSecurityPolicy } from './csp';

const log = createLogger('security');

/** Refuses every permission and adds the CSP header to the session. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log.warn('refused a permission request', { permission });
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);

  applyContentSecurityPolicy(session);
}

/**
 * Blocks navigation, new windows and webviews in every web contents the app
 * creates, including any made later.
 */
export function setupWebContentsSecurity(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => {
      log.warn('blocked a navigation');
      event.preventDefault();
    });
    contents.on('will-redirect', (event) => {
      event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => {
      log.warn('blocked a webview');
      event.preventDefault();
    });
    contents.setWindowOpenHandler(() => {
      log.warn('blocked a new window');
      return { action: 'deny' };
    });
  });
}
