import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { CATALOGUE_UNAVAILABLE_DIGEST } from '../lib/common/catalogue-unavailable.ts';
import ErrorPage from './error.tsx';

/** The error page for an error as the browser gets it in production: no message, only the digest. */
function render(digest: string): string {
  const error = Object.assign(new Error('An error occurred in the Server Components render.'), { digest });
  return renderToStaticMarkup(createElement(ErrorPage, { error, reset: () => undefined }));
}

test('a page that failed because the catalogue database is unreachable says the catalogue is unavailable', () => {
  const html = render(CATALOGUE_UNAVAILABLE_DIGEST);
  assert.match(html, /<h2>The catalogue is unavailable<\/h2>/);
  assert.match(html, /<p role="alert">The portal cannot reach the catalogue database right now/);
  assert.doesNotMatch(html, /failed to load|reference/);
});

test('any other failure is still "This page failed to load" with its reference', () => {
  const html = render('2718281828');
  assert.match(html, /<h2>This page failed to load<\/h2>/);
  assert.match(html, /reference 2718281828/);
});
