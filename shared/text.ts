// Small helpers for the words main and the window show.

/** `text` as a sentence: with one full stop at the end, however it came. */
export function asSentence(text: string): string {
  return `${text.trim().replace(/\.+$/, '')}.`;
}
