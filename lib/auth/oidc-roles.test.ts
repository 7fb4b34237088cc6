import assert from 'node:assert/strict';
import { test } from 'node:test';
import { claimValues, roleFromClaims, type OidcRoleMapping } from './oidc-roles.ts';

const MAPPING: OidcRoleMapping = { claim: 'roles', adminValues: ['portal-admin', 'root'], editorValues: ['portal-editor'] };

test('a claim that is one string or an array of strings both count', () => {
  assert.equal(roleFromClaims({ roles: 'portal-editor' }, MAPPING), 'editor');
  assert.equal(roleFromClaims({ roles: ['other', 'portal-editor'] }, MAPPING), 'editor');
  assert.equal(roleFromClaims({ roles: 'root' }, MAPPING), 'admin');
});

test('an admin value wins over an editor value, wherever it stands', () => {
  assert.equal(roleFromClaims({ roles: ['portal-editor', 'portal-admin'] }, MAPPING), 'admin');
});

test('no matching value, no claim, or a claim of another type is a viewer', () => {
  assert.equal(roleFromClaims({ roles: ['staff'] }, MAPPING), 'viewer');
  assert.equal(roleFromClaims({}, MAPPING), 'viewer');
  assert.equal(roleFromClaims({ roles: 42 }, MAPPING), 'viewer');
  assert.equal(roleFromClaims({ roles: { admin: true } }, MAPPING), 'viewer');
  assert.equal(roleFromClaims({ roles: [['portal-admin']] }, MAPPING), 'viewer');
});

test('values compare exactly: case and surrounding text matter', () => {
  assert.equal(roleFromClaims({ roles: ['Portal-Admin', 'portal-admins', ' portal-admin'] }, MAPPING), 'viewer');
});

test('a dotted path reaches into nested claims, as Keycloak sends realm roles', () => {
  const keycloak = { ...MAPPING, claim: 'realm_access.roles' };
  assert.equal(roleFromClaims({ realm_access: { roles: ['offline_access', 'portal-admin'] } }, keycloak), 'admin');
  assert.equal(roleFromClaims({ realm_access: ['portal-admin'] }, keycloak), 'viewer');
  assert.equal(roleFromClaims({ realm_access: null }, keycloak), 'viewer');
  assert.deepEqual(claimValues({ a: { b: { c: 'x' } } }, 'a.b.c'), ['x']);
});

test('a claim whose own name holds dots is found by its whole name first', () => {
  const auth0 = { ...MAPPING, claim: 'https://portal.example.com/roles' };
  assert.equal(roleFromClaims({ 'https://portal.example.com/roles': ['portal-editor'] }, auth0), 'editor');
});

test('the path follows only the claims’ own keys, never inherited ones', () => {
  assert.deepEqual(claimValues({}, 'constructor.name'), []);
  assert.deepEqual(claimValues({ a: 'x' }, '__proto__.a'), []);
});

test('no values configured makes everyone a viewer', () => {
  assert.equal(roleFromClaims({ roles: ['portal-admin'] }, { claim: 'roles', adminValues: [], editorValues: [] }), 'viewer');
});
