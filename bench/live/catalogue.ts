import type { IndexedChannel } from '../../prisma/store/conformance.ts';

/**
 * A catalogue for the benchmarks: `size` parameterised channels spread over many prefixes, as many exact
 * ones, and the channel the publisher uses (`bench.{kind}`) with the schema its JSON payloads follow.
 */
export function benchCatalogue(size: number): IndexedChannel[] {
  const channels: IndexedChannel[] = [];
  const schema = (required: string[]) => ({
    type: 'object',
    required,
    properties: Object.fromEntries(required.map((p) => [p, { type: 'string' }])),
  });
  for (let i = 0; i < size; i++) {
    const messages = [{ id: 2 * i + 1, key: `Changed${i}`, payload: schema(['id', 'tenant']) }];
    channels.push({
      slug: `svc-${i}`,
      version: '1.0.0',
      title: `Service ${i}`,
      status: 'released',
      channelKey: 'changed',
      address: `svc${i}/{tenant}/entity/{id}/changed`,
      parameters: [],
      messages,
    });
    channels.push({
      slug: `svc-${i}`,
      version: '1.0.0',
      title: `Service ${i}`,
      status: 'released',
      channelKey: 'static',
      address: `svc${i}.static`,
      parameters: [],
      messages: [],
    });
  }
  channels.push({
    slug: 'bench',
    version: '1.0.0',
    title: 'Bench',
    status: 'released',
    channelKey: 'load',
    address: 'bench.{kind}',
    parameters: [{ name: 'kind', schema: { type: 'string', enum: ['load', 'probe'] } }],
    messages: [
      {
        id: 0,
        key: 'Load',
        payload: { type: 'object', required: ['sentAt', 'pad'], properties: { sentAt: { type: 'number' }, pad: { type: 'string' } } },
      },
    ],
  });
  return channels;
}
