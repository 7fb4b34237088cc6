import assert from 'node:assert/strict';
import { test } from 'node:test';
import { permissionsOf } from './permissions.ts';
import { LOCAL_ACTOR, type Actor, type Role } from './roles.ts';

const user = (role: Role): Actor => ({ kind: 'user', id: role, name: role, role });

test('a viewer may do none of the changes, each with the reason naming who may', () => {
  const can = permissionsOf(user('viewer'));
  assert.deepEqual(can.register, { allowed: false, reason: 'Only editors and admins may register versions; you are a viewer.' });
  assert.deepEqual(can.retire, { allowed: false, reason: 'Only admins may retire a version; you are a viewer.' });
  assert.ok(Object.values(can).every((a) => !a.allowed));
});

test('an editor registers, sets statuses, publishes, creates tokens and records, but neither forces, retires nor administers', () => {
  const can = permissionsOf(user('editor'));
  const allowed = Object.entries(can)
    .filter(([, a]) => a.allowed)
    .map(([action]) => action);
  assert.deepEqual(allowed, ['register', 'setStatus', 'publish', 'createToken', 'record']);
  assert.deepEqual(can.forceRegister, { allowed: false, reason: 'Only admins may register despite breaking changes; you are an editor.' });
});

test('an admin and the local actor may do everything; a signed-out visitor is told to sign in', () => {
  for (const actor of [user('admin'), LOCAL_ACTOR]) assert.ok(Object.values(permissionsOf(actor)).every((a) => a.allowed));
  assert.deepEqual(permissionsOf(null).publish, { allowed: false, reason: 'Sign in as an editor to publish test events.' });
});
