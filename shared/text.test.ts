import { describe, expect, it } from 'vitest';

import { asSentence } from './text';

describe('asSentence', () => {
  it('ends a reason with one full stop, whether it had one or not', () => {
    expect(asSentence('Codex would sign it out.')).toBe(
      'Codex would sign it out.',
    );
    expect(asSentence('Codex would sign it out')).toBe(
      'Codex would sign it out.',
    );
    expect(asSentence('it ends here.. ')).toBe('it ends here.');
  });
});
