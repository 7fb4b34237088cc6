/** The editor's fixed line height in pixels; the gutter and the line marks are laid out with it. */
export const LINE_HEIGHT = 20;

/** Offsets of the start and end (before the newline) of 1-based `line` in `text`, clamped to the text. */
function lineBounds(text: string, line: number): { start: number; end: number } {
  let start = 0;
  for (let n = 1; n < line; n++) {
    const newline = text.indexOf('\n', start);
    if (newline === -1) return { start: text.length, end: text.length };
    start = newline + 1;
  }
  const newline = text.indexOf('\n', start);
  return { start, end: newline === -1 ? text.length : newline };
}

export function countLines(text: string): number {
  let count = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/**
 * Selects `line` in the textarea, focuses it and scrolls so the line sits in the upper third.
 * @example revealLine(textarea, 12);
 */
export function revealLine(textarea: HTMLTextAreaElement, line: number): void {
  const { start, end } = lineBounds(textarea.value, line);
  textarea.focus({ preventScroll: true });
  textarea.setSelectionRange(start, end);
  textarea.scrollTop = Math.max(0, (line - 1) * LINE_HEIGHT - textarea.clientHeight / 3);
  textarea.scrollIntoView({ block: 'nearest' });
}
