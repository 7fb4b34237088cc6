/**
 * The policy for HTML made from a document's Markdown (descriptions of the info, servers, channels,
 * operations, messages, schemas and tags). @asyncapi/react-component renders each with `marked` and then
 * DOMPurify's defaults, which keep `<style>`, `<form>`, `<input>`, `style` attributes and remote images:
 * one description could restyle the whole portal, hide its banners or make every visitor fetch a URL.
 */

/** The part of DOMPurify this policy configures (the renderer's own instance, which ships no types here). */
export interface MarkdownPurifier {
  sanitize(dirty: string): string;
  setConfig(config: Record<string, unknown>): void;
  addHook(hook: 'uponSanitizeAttribute', callback: (node: Element, data: AttributeHookData) => void): void;
  addHook(hook: 'afterSanitizeAttributes', callback: (node: Element) => void): void;
}

/** What DOMPurify hands an `uponSanitizeAttribute` hook; `keepAttr = false` drops the attribute. */
export interface AttributeHookData {
  attrName: string;
  attrValue: string;
  keepAttr: boolean;
}

/** The elements Markdown produces, and nothing that styles, submits, embeds or runs. */
const MARKDOWN_TAGS = [
  ...['p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'code', 'div', 'span'],
  ...['em', 'strong', 'b', 'i', 's', 'del', 'sub', 'sup', 'kbd', 'abbr', 'a', 'img'],
  ...['ul', 'ol', 'li', 'dl', 'dt', 'dd', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'details', 'summary'],
];

/** DOMPurify's settings for description HTML: an allow-list, so no `style`, event handler or form control gets through. */
export const MARKDOWN_SANITISE_CONFIG = {
  ALLOWED_TAGS: MARKDOWN_TAGS,
  ALLOWED_ATTR: ['href', 'title', 'alt', 'src', 'class', 'align', 'start', 'colspan', 'rowspan'],
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
};

// Only highlight.js's classes: the renderer's stylesheet has utility classes (`fixed`, `hidden`, `z-50`) that could lay
// a description over the page.
const CODE_CLASS = /^(hljs[\w-]*|language-[\w-]+)$/;
// Images are kept only when they carry their own bytes: a remote one tells its host who reads the document.
const INLINE_IMAGE = /^data:image\//i;

const hardened = new WeakSet<object>();

/**
 * Puts the description policy on the DOMPurify instance the renderer uses; safe to call more than once.
 * Returns false when `candidate` is not a DOMPurify instance, so the caller can refuse to render unsanitised HTML.
 * @example if (!hardenMarkdownSanitiser(window.DOMPurify)) return <p>Cannot render safely.</p>;
 */
export function hardenMarkdownSanitiser(candidate: unknown): candidate is MarkdownPurifier {
  if (!isPurifier(candidate)) return false;
  if (hardened.has(candidate)) return true;
  candidate.setConfig(MARKDOWN_SANITISE_CONFIG);
  candidate.addHook('uponSanitizeAttribute', (_node, data) => {
    if (data.attrName !== 'class') return;
    const kept = data.attrValue.split(/\s+/).filter((name) => CODE_CLASS.test(name));
    data.attrValue = kept.join(' ');
    data.keepAttr = kept.length > 0;
  });
  candidate.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName !== 'IMG') return;
    const src = node.getAttribute('src') ?? '';
    if (!INLINE_IMAGE.test(src.trim())) node.removeAttribute('src');
  });
  hardened.add(candidate);
  return true;
}

function isPurifier(candidate: unknown): candidate is MarkdownPurifier {
  if (typeof candidate !== 'object' && typeof candidate !== 'function') return false;
  if (candidate === null) return false;
  const methods = candidate as Record<string, unknown>;
  return ['sanitize', 'setConfig', 'addHook'].every((name) => typeof methods[name] === 'function');
}
