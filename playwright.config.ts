import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './testing/chromium.ts';

const port = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://127.0.0.1:${port}`;
// A second portal with sign-in required, for e2e/sign-in.spec.ts (see e2e/helpers.ts, REQUIRED_AUTH).
const requiredPort = port + 1;
// A third portal that also signs in with OpenID Connect, at a real provider started here, for e2e/oidc.spec.ts.
const oidcPort = port + 2;
const oidcProviderPort = port + 3;
const oidcClientSecret = 'e2e-only-oidc-client-secret';

/** A portal for the specs on `portPicked`, on an in-memory database with nothing seeded, plus `extra` settings. */
function portal(portPicked: number, extra: Record<string, string> = {}) {
  return {
    command: 'node --import tsx server.ts',
    url: `http://127.0.0.1:${portPicked}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'ignore' as const,
    stderr: 'pipe' as const,
    env: {
      PORT: String(portPicked),
      HOST: '127.0.0.1',
      PGLITE_DIR: 'memory://',
      DATABASE_URL: '',
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      NODE_ENV: 'production',
      SEED: 'false',
      ...extra,
    },
  };
}

export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  forbidOnly: !!process.env.CI,
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
      },
    },
  ],
  webServer: [
    // Each spec registers the documents it needs, so none depends on the examples or on another spec.
    portal(port),
    portal(requiredPort, {
      AUTH: 'required',
      AUTH_SECRET: 'e2e-only-secret-e2e-only-secret-e2e-only',
      ADMIN_EMAIL: 'admin@example.com',
      ADMIN_PASSWORD: 'e2e-admin-password',
    }),
    {
      command: 'node --import tsx e2e/oidc-provider.server.ts',
      url: `http://127.0.0.1:${oidcProviderPort}/.well-known/openid-configuration`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: 'ignore' as const,
      stderr: 'pipe' as const,
      env: {
        OIDC_PROVIDER_PORT: String(oidcProviderPort),
        OIDC_REDIRECT_URI: `http://127.0.0.1:${oidcPort}/api/auth/callback/oidc`,
        OIDC_CLIENT_SECRET: oidcClientSecret,
      },
    },
    portal(oidcPort, {
      AUTH: 'required',
      AUTH_SECRET: 'e2e-only-secret-e2e-only-secret-e2e-only',
      PUBLIC_URL: `http://127.0.0.1:${oidcPort}`,
      OIDC_ISSUER: `http://127.0.0.1:${oidcProviderPort}`,
      OIDC_CLIENT_ID: 'event-portal',
      OIDC_CLIENT_SECRET: oidcClientSecret,
      OIDC_NAME: 'Test Keycloak',
      OIDC_ROLE_CLAIM: 'realm_access.roles',
      OIDC_ADMIN_VALUES: 'portal-admin',
      OIDC_EDITOR_VALUES: 'portal-editor',
    }),
  ],
});
