// The window's title and the Codex folder in use, with where it came from.

import type { CodexHomeInfo } from '../../../shared/account';

/** The header; `home` is null until the first status arrives. */
export function Header(props: { home: CodexHomeInfo | null }) {
  const { home } = props;

  return (
    <header className="header">
      <h1 className="title">Codex Accounts</h1>
      {home !== null && (
        <p className="home" data-testid="codex-home">
          <span className="visually-hidden">Codex folder: </span>
          <span className="home-path" title={home.path}>
            {home.path}
          </span>
          {home.source === 'env' && (
            <span className="home-source"> (from CODEX_HOME)</span>
          )}
        </p>
      )}
    </header>
  );
}
