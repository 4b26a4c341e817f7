// Keeps a rendering bug from leaving an empty window. What broke is logged
// by the root's error handler in main.tsx.

import { Component, type ReactNode } from 'react';

import { describeError } from '../../../shared/errors';

interface CrashState {
  crashed: boolean;
}

/** Shows the internal error sentence instead of a tree that threw. */
export class CrashBoundary extends Component<
  { children: ReactNode },
  CrashState
> {
  override state: CrashState = { crashed: false };

  static getDerivedStateFromError(): CrashState {
    return { crashed: true };
  }

  override render() {
    if (this.state.crashed) {
      return (
        <p className="crash" role="alert">
          {describeError('internal_error')}
        </p>
      );
    }

    return this.props.children;
  }
}
