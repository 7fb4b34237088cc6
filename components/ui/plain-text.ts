/**
 * Markdown reduced to readable plain text for one-line previews: links to their text, emphasis and
 * code marks dropped, whitespace collapsed. Not a renderer: the result is still shown as text.
 * @example plainText('Emitted by the **order service**') // 'Emitted by the order service'
 */
export function plainText(markdown: string): string {
  return markdown
    .replace(/```[^\n]*\n?/g, ' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+])\s+/gm, '')
    .replace(/(\*\*|__|`)(.+?)\1/g, '$2')
    .replace(/\s+/g, ' ')
    .trim();
}
