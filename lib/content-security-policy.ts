/**
 * The portal's Content-Security-Policy, built per request by `proxy.ts` around a fresh nonce. Next.js reads the
 * nonce back out of the request's copy of this header and puts it on every script it renders; 'strict-dynamic' then
 * trusts the chunks those scripts load (next/dynamic, the AsyncAPI renderer) and nothing a document could inject.
 * @example contentSecurityPolicy(createNonce())
 */
export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    // 'unsafe-eval': @asyncapi/react-component's browser bundles (with or without the parser) compile JSON Schema
    // validators with `new Function` (Ajv, under Spectral's ruleset functions) as soon as they load, so without it no
    // document renders; and a page soft-navigates to a document page under its own policy, so every page needs it.
    // `next dev` needs it as well (React's server error stacks). Only scripts that already run can eval, and the
    // nonce keeps an injected one from running.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic' 'unsafe-eval'`,
    // React writes `style` props (skeleton widths, the renderer's layout) as attributes, which no nonce can cover,
    // and a nonce in style-src would make browsers ignore 'unsafe-inline'. Descriptions cannot add styles: their HTML
    // is sanitised (components/document/markdown-sanitiser.ts).
    "style-src 'self' 'unsafe-inline'",
    // Pages load no remote images, which documents embed and every visitor's browser would otherwise fetch.
    "img-src 'self' data: blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    // No other site may frame the portal (a click there retired a version).
    "frame-ancestors 'none'",
  ].join('; ');
}

/** 128 random bits, base64: a nonce an injected script cannot guess. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}
