import { Fragment } from 'react';

/**
 * Text with every case-insensitive occurrence of `term` wrapped in <mark>. Built from React text
 * nodes only, so HTML in the text is shown, never interpreted.
 * @example <Highlight text="orders/created" term="order" />
 */
export function Highlight({ text, term }: { text: string; term?: string }) {
  const parts = splitByTerm(text, term);
  if (parts.length === 1) return <>{text}</>;
  // split() with a capturing group puts the matches at the odd indexes.
  return <>{parts.map((part, i) => (i % 2 === 1 ? <mark key={i}>{part}</mark> : <Fragment key={i}>{part}</Fragment>))}</>;
}

function splitByTerm(text: string, term?: string): string[] {
  const needle = term?.trim();
  if (!needle) return [text];
  return text.split(new RegExp(`(${escapeRegExp(needle)})`, 'giu'));
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A short excerpt of `text`: its start, or the part around the first match of `term` when that lies
 * beyond the start.
 */
export function excerpt(text: string, term: string | undefined, max = 220): string {
  if (text.length <= max) return text;
  const at = term ? text.toLowerCase().indexOf(term.trim().toLowerCase()) : -1;
  if (at < max - 40) return `${text.slice(0, max).trimEnd()}…`;
  const start = Math.max(0, at - 60);
  return `…${text.slice(start, start + max).trim()}…`;
}
