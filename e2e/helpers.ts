import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { readExample } from '../testing/examples.ts';

/** The Redis the portal under test uses (npm test starts a throwaway one). */
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The second portal playwright.config.ts starts, with AUTH=required and this first admin. */
export const REQUIRED_AUTH = {
  url: `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3210) + 1}`,
  email: 'admin@example.com',
  password: 'e2e-admin-password',
} as const;

/** The third portal playwright.config.ts starts: AUTH=required, signing in at the OpenID provider it starts too. */
export const OIDC_AUTH = {
  url: `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3210) + 2}`,
  providerUrl: `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3210) + 3}`,
  name: 'Test Keycloak',
} as const;

/** Runs redis-cli against that Redis and returns its output. */
export function redisCli(...args: string[]): string {
  const url = new URL(REDIS_URL);
  return execFileSync('redis-cli', ['-h', url.hostname, '-p', url.port || '6379', ...args], { encoding: 'utf8' });
}

/** A valid AsyncAPI 3.0 document with a title no other spec uses. */
export function uniqueDocument(prefix = 'E2E Inventory', version = '1.0.0'): { title: string; slug: string; yaml: string } {
  const suffix = randomBytes(3).toString('hex');
  const title = `${prefix} ${suffix}`;
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const yaml = `asyncapi: 3.0.0
info:
  title: ${title}
  version: ${version}
  description: Stock levels per warehouse.
channels:
  stockChanged:
    address: inventory/{warehouseId}/stock
    parameters:
      warehouseId:
        description: The warehouse.
    messages:
      StockChanged:
        name: StockChanged
        payload:
          type: object
          properties:
            sku:
              type: string
            onHand:
              type: integer
operations:
  publishStock:
    action: send
    channel:
      $ref: '#/channels/stockChanged'
`;
  return { title, slug, yaml };
}

/** `uniqueDocument`'s document at another version, without `onHand` and with a new required `warehouse`. */
export function breakingVersion(yaml: string, version: string): string {
  return yaml
    .replace('version: 1.0.0', `version: ${version}`)
    .replace('            onHand:\n              type: integer\n', '            warehouse:\n              type: string\n')
    .replace('          type: object\n', '          type: object\n          required: [warehouse]\n');
}

/** Registers a document through the REST API, as a test's setup. */
export async function registerDocument(request: APIRequestContext, raw: string): Promise<{ slug: string; version: string }> {
  const response = await request.post('/api/documents', { data: raw, headers: { 'Content-Type': 'application/yaml' } });
  expect(response.status(), await response.text()).toBeLessThan(300);
  return (await response.json()) as { slug: string; version: string };
}

/**
 * Registers example documents of asyncapi/examples/ before the file's tests, in the order given (older versions
 * first): the portal under test starts empty (SEED=false), and registering the same content again changes nothing.
 */
export function seedExamples(...paths: string[]): void {
  test.beforeAll(async ({ playwright }, testInfo) => {
    const api = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
    try {
      for (const path of paths) await registerDocument(api, await readExample(path));
    } finally {
      await api.dispose();
    }
  });
}
