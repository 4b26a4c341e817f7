// A fixed "now" for tests that show relative times. Only Date is faked, so
// timers (and Testing Library's waiting) keep running for real.

import { vi } from 'vitest';

/** Five minutes after the statuses in statuses.ts were read. */
export const NOW = Date.parse('2030-01-01T12:05:00.000Z');

/** Freezes Date.now() at NOW until `restoreClockForTests`. */
export function freezeClockForTests(): void {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
}

/** Undoes `freezeClockForTests`. */
export function restoreClockForTests(): void {
  vi.useRealTimers();
}
