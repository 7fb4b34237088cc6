import assert from 'node:assert/strict';
import { test } from 'node:test';
import { providerErrorMessage } from './provider-error.ts';

test('a known code is explained, and the provider’s own words follow', () => {
  assert.equal(
    providerErrorMessage('access_denied', 'End-User aborted interaction'),
    'The sign-in was cancelled or refused at the provider. (access_denied: End-User aborted interaction)',
  );
  assert.match(providerErrorMessage('ACCOUNT_DEACTIVATED', undefined), /deactivated.*\(ACCOUNT_DEACTIVATED\)$/);
});

test('an unknown code shows as the provider sent it, bounded in length', () => {
  assert.equal(
    providerErrorMessage('temporarily_unavailable', 'Try later'),
    'The provider refused the sign-in (temporarily_unavailable: Try later).',
  );
  assert.ok(providerErrorMessage('x'.repeat(5000), 'y'.repeat(5000)).length < 450);
  assert.equal(providerErrorMessage('toString', undefined), 'The provider refused the sign-in (toString).');
});
