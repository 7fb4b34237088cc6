import assert from 'node:assert/strict';
import { test } from 'node:test';
import { brokerTarget, EnvError, historyBounds, oidcConfig, readEnv, trustedOrigins } from './env.ts';

const SECRET = 'a-test-secret-that-is-32-characters-long';

test('defaults make a bare start work', () => {
  const env = readEnv({});
  assert.equal(env.HOST, '127.0.0.1');
  assert.equal(env.PORT, 3000);
  assert.deepEqual(brokerTarget(env), { kind: 'server', url: 'redis://localhost:6379' });
  assert.equal(env.DATABASE_URL, undefined);
  assert.equal(env.SEED, true);
});

test('empty variables count as unset', () => {
  assert.equal(readEnv({ DATABASE_URL: '', PORT: '' }).PORT, 3000);
});

test('names the variable to fix', () => {
  assert.throws(() => readEnv({ DATABASE_URL: 'mysql://x' }), /DATABASE_URL must be a postgres/);
  assert.throws(() => readEnv({ PORT: 'eighty' }), /PORT/);
  assert.throws(() => readEnv({ REDIS_URL: 'localhost:6379' }), /REDIS_URL must be a redis:\/\//);
});

test('REDIS_CLUSTER_NODES switches the broker to a Redis Cluster found through its seed nodes', () => {
  assert.deepEqual(brokerTarget(readEnv({ REDIS_URL: 'redis://broker:6380' })), { kind: 'server', url: 'redis://broker:6380' });
  assert.deepEqual(brokerTarget(readEnv({ REDIS_CLUSTER_NODES: '10.0.0.1:7000, redis-b:7001,[::1]:7002' })), {
    kind: 'cluster',
    nodes: [
      { host: '10.0.0.1', port: 7000 },
      { host: 'redis-b', port: 7001 },
      { host: '::1', port: 7002 },
    ],
  });
  for (const bad of ['10.0.0.1', 'redis://10.0.0.1:7000', '10.0.0.1:0', '10.0.0.1:70000', ' , ']) {
    assert.throws(() => readEnv({ REDIS_CLUSTER_NODES: bad }), /REDIS_CLUSTER_NODES must be comma-separated host:port/, bad);
  }
  assert.throws(
    () => readEnv({ REDIS_URL: 'redis://broker:6379', REDIS_CLUSTER_NODES: '10.0.0.1:7000' }),
    /REDIS_URL for one Redis server or REDIS_CLUSTER_NODES for a Redis Cluster, not both/,
  );
});

test('OBSERVE_PATTERN defaults to every channel; empty turns observing off', () => {
  assert.equal(readEnv({}).OBSERVE_PATTERN, '*');
  assert.equal(readEnv({ OBSERVE_PATTERN: '' }).OBSERVE_PATTERN, '');
  assert.equal(readEnv({ OBSERVE_PATTERN: 'orders.*' }).OBSERVE_PATTERN, 'orders.*');
  assert.throws(() => readEnv({ OBSERVE_PATTERN: 'a\nb' }), /OBSERVE_PATTERN must not contain control characters/);
});

test('ALLOWED_ORIGINS is a list of canonical origins, empty by default', () => {
  assert.deepEqual(readEnv({}).ALLOWED_ORIGINS, []);
  assert.deepEqual(readEnv({ ALLOWED_ORIGINS: 'https://Portal.example.com/, http://localhost:3000' }).ALLOWED_ORIGINS, [
    'https://portal.example.com',
    'http://localhost:3000',
  ]);
  assert.throws(
    () => readEnv({ ALLOWED_ORIGINS: 'https://ok.example,portal.example.com' }),
    /ALLOWED_ORIGINS must be comma-separated origins.*"portal\.example\.com"/,
  );
  assert.throws(() => readEnv({ ALLOWED_ORIGINS: '*' }), /ALLOWED_ORIGINS/);
});

test('PUBLIC_URL is an origin; trusted origins add it and a HOST that names one address', () => {
  const env = readEnv({
    PUBLIC_URL: 'https://Portal.example.com/',
    ALLOWED_ORIGINS: 'https://tools.example.com',
    HOST: '10.0.0.5',
    PORT: '3000',
    AUTH_SECRET: SECRET,
  });
  assert.equal(env.PUBLIC_URL, 'https://portal.example.com');
  assert.deepEqual(trustedOrigins(env), ['https://tools.example.com', 'https://portal.example.com', 'http://10.0.0.5:3000']);
  assert.deepEqual(trustedOrigins(readEnv({ HOST: '0.0.0.0', AUTH_SECRET: SECRET })), []);
  assert.throws(() => readEnv({ PUBLIC_URL: 'portal.example.com' }), /PUBLIC_URL must be an http\(s\) origin/);
});

test('AUTH defaults to local on loopback, where nobody signs in, and to required elsewhere', () => {
  for (const HOST of ['127.0.0.1', 'localhost', '::1', '[::1]', '127.1.2.3']) assert.equal(readEnv({ HOST }).AUTH, 'local', HOST);
  assert.equal(readEnv({}).AUTH, 'local');
  assert.equal(readEnv({}).AUTH_ANONYMOUS_READ, false);
  for (const HOST of ['0.0.0.0', '::', '10.0.0.5', 'portal.example.com']) {
    assert.equal(readEnv({ HOST, AUTH_SECRET: SECRET }).AUTH, 'required', HOST);
  }
  assert.equal(readEnv({ AUTH: 'required', AUTH_SECRET: SECRET }).AUTH, 'required');
  assert.equal(readEnv({ AUTH_ANONYMOUS_READ: 'true' }).AUTH_ANONYMOUS_READ, true);
  assert.throws(() => readEnv({ AUTH: 'none' }), /AUTH must be local or required/);
});

test('AUTH=local off loopback is refused, saying why and what to set', () => {
  assert.throws(
    () => readEnv({ HOST: '0.0.0.0', AUTH: 'local', AUTH_SECRET: SECRET }),
    (error: unknown) =>
      error instanceof EnvError &&
      /AUTH=local serves everyone as admin; off loopback \(HOST=0\.0\.0\.0\) set AUTH=required/.test(error.message),
  );
});

test('AUTH=required needs AUTH_SECRET, long enough', () => {
  assert.throws(() => readEnv({ HOST: '0.0.0.0' }), /AUTH_SECRET: AUTH=required signs sessions with AUTH_SECRET/);
  assert.throws(() => readEnv({ AUTH: 'required', AUTH_SECRET: 'short' }), /AUTH_SECRET must be at least 32 characters/);
});

test('ADMIN_EMAIL and ADMIN_PASSWORD come together, valid', () => {
  const env = readEnv({ ADMIN_EMAIL: 'admin@example.com', ADMIN_PASSWORD: 'correct horse battery' });
  assert.deepEqual([env.ADMIN_EMAIL, env.ADMIN_PASSWORD], ['admin@example.com', 'correct horse battery']);
  assert.throws(() => readEnv({ ADMIN_EMAIL: 'admin@example.com' }), /set both ADMIN_EMAIL and ADMIN_PASSWORD/);
  assert.throws(() => readEnv({ ADMIN_EMAIL: 'admin', ADMIN_PASSWORD: 'correct horse battery' }), /ADMIN_EMAIL must be an email/);
  assert.throws(() => readEnv({ ADMIN_EMAIL: 'a@example.com', ADMIN_PASSWORD: 'short' }), /ADMIN_PASSWORD must be at least 12/);
});

const OIDC = {
  AUTH: 'required',
  AUTH_SECRET: SECRET,
  PUBLIC_URL: 'https://portal.example.com',
  OIDC_ISSUER: 'https://login.example.com/realms/staff',
  OIDC_CLIENT_ID: 'event-portal',
  OIDC_CLIENT_SECRET: 'a client secret',
};

test('OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET make an OpenID sign-in, with roles from `roles` by default', () => {
  assert.equal(oidcConfig(readEnv({ AUTH: 'required', AUTH_SECRET: SECRET })), undefined);
  assert.deepEqual(oidcConfig(readEnv(OIDC)), {
    issuer: 'https://login.example.com/realms/staff',
    clientId: 'event-portal',
    clientSecret: 'a client secret',
    name: 'login.example.com',
    roles: { claim: 'roles', adminValues: [], editorValues: [] },
  });
  const keycloak = oidcConfig(
    readEnv({
      ...OIDC,
      OIDC_NAME: 'Staff login',
      OIDC_ROLE_CLAIM: 'realm_access.roles',
      OIDC_ADMIN_VALUES: 'portal-admin, realm-admin',
      OIDC_EDITOR_VALUES: 'portal-editor,',
    }),
  );
  assert.equal(keycloak?.name, 'Staff login');
  assert.deepEqual(keycloak?.roles, {
    claim: 'realm_access.roles',
    adminValues: ['portal-admin', 'realm-admin'],
    editorValues: ['portal-editor'],
  });
});

test('OpenID Connect takes all three client settings or none, AUTH=required and PUBLIC_URL', () => {
  assert.throws(
    () => readEnv({ ...OIDC, OIDC_CLIENT_SECRET: '' }),
    /OIDC_CLIENT_SECRET: set all of OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET/,
  );
  assert.throws(
    () => readEnv({ AUTH: 'required', AUTH_SECRET: SECRET, OIDC_ADMIN_VALUES: 'admins' }),
    /OIDC_ADMIN_VALUES: .*need OIDC_ISSUER/,
  );
  assert.throws(() => readEnv({ ...OIDC, AUTH: 'local' }), /needs AUTH=required/);
  assert.throws(() => readEnv({ ...OIDC, PUBLIC_URL: '' }), /PUBLIC_URL: .*\/api\/auth\/callback\/oidc/);
});

test('OIDC_ISSUER is https, or http only on loopback', () => {
  assert.equal(readEnv({ ...OIDC, OIDC_ISSUER: 'http://127.0.0.1:4000' }).OIDC_ISSUER, 'http://127.0.0.1:4000');
  assert.equal(readEnv({ ...OIDC, OIDC_ISSUER: 'http://localhost:4000/oidc' }).OIDC_ISSUER, 'http://localhost:4000/oidc');
  for (const bad of ['http://login.example.com', 'login.example.com', 'ftp://login.example.com', 'https://login.example.com/?a=1']) {
    assert.throws(() => readEnv({ ...OIDC, OIDC_ISSUER: bad }), /OIDC_ISSUER must be the provider's issuer URL/, bad);
  }
  assert.throws(() => readEnv({ ...OIDC, OIDC_ROLE_CLAIM: 'realm access' }), /OIDC_ROLE_CLAIM must be a claim name/);
  assert.throws(() => readEnv({ ...OIDC, OIDC_NAME: 'x'.repeat(65) }), /OIDC_NAME must be at most 64/);
});

test('TRUSTED_PROXIES lists the proxies whose X-Forwarded-For is believed; none by default', () => {
  assert.deepEqual(readEnv({}).TRUSTED_PROXIES.entries, []);
  assert.equal(readEnv({}).TRUSTED_PROXIES.has('127.0.0.1'), false);
  const proxies = readEnv({ TRUSTED_PROXIES: '127.0.0.1, 10.0.0.0/8,::1' }).TRUSTED_PROXIES;
  assert.deepEqual(proxies.entries, ['127.0.0.1', '10.0.0.0/8', '::1']);
  assert.equal(proxies.has('10.20.30.40'), true);
  assert.throws(
    () => readEnv({ TRUSTED_PROXIES: '10.0.0.0/8, lb.example.com, 10.0.0.0/40' }),
    /TRUSTED_PROXIES must be comma-separated addresses or CIDR ranges .*not "lb\.example\.com", "10\.0\.0\.0\/40"/,
  );
  assert.throws(() => readEnv({ TRUSTED_PROXIES: '0.0.0.0/0' }), /TRUSTED_PROXIES .*\(not \/0\)/);
});

test('HISTORY_* bound the recent traffic: 50 MiB and an hour by default, 16 KiB of payload a message', () => {
  assert.deepEqual(historyBounds(readEnv({})), { maxBytes: 50 * 1024 * 1024, maxAgeMs: 3_600_000, messageBytes: 16 * 1024 });
  assert.deepEqual(historyBounds(readEnv({ HISTORY_MAX_BYTES: '1000000', HISTORY_MAX_AGE_SECONDS: '60', HISTORY_MESSAGE_BYTES: '1000' })), {
    maxBytes: 1_000_000,
    maxAgeMs: 60_000,
    messageBytes: 1_000,
  });
  assert.throws(() => readEnv({ HISTORY_MAX_BYTES: '0' }), /HISTORY_MAX_BYTES: must be at least 1/);
  assert.throws(() => readEnv({ HISTORY_MAX_BYTES: '50MB' }), /HISTORY_MAX_BYTES: must be a whole number/);
  assert.throws(() => readEnv({ HISTORY_MAX_AGE_SECONDS: '999999999' }), /HISTORY_MAX_AGE_SECONDS must be at most 604800/);
  assert.throws(() => readEnv({ HISTORY_MESSAGE_BYTES: '2000000' }), /HISTORY_MESSAGE_BYTES must be at most 1048576/);
  assert.throws(
    () => readEnv({ HISTORY_MAX_BYTES: '1000', HISTORY_MESSAGE_BYTES: '2000' }),
    /HISTORY_MESSAGE_BYTES: .*at most HISTORY_MAX_BYTES/,
  );
});

test('DEFERRED_MODE defaults to the portal stream; eda defers as the eda CLI did; anything else is refused', () => {
  assert.equal(readEnv({}).DEFERRED_MODE, 'stream');
  assert.equal(readEnv({ DEFERRED_MODE: 'eda' }).DEFERRED_MODE, 'eda');
  assert.throws(() => readEnv({ DEFERRED_MODE: 'kafka' }), /DEFERRED_MODE must be one of stream, eda/);
});
