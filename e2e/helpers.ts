import { expect, type APIRequestContext } from '@playwright/test';
import { randomBytes } from 'node:crypto';

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

/** Registers a document through the REST API, as a test's setup. */
export async function registerDocument(request: APIRequestContext, raw: string): Promise<{ slug: string; version: string }> {
  const response = await request.post('/api/documents', { data: raw, headers: { 'Content-Type': 'application/yaml' } });
  expect(response.status(), await response.text()).toBeLessThan(300);
  return (await response.json()) as { slug: string; version: string };
}
