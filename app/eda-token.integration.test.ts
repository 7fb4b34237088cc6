import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEFERRED_STREAM } from '../lib/broker/deferred-queue.ts';
import { services } from '../lib/services.ts';
import { signedInUser } from '../testing/identity.ts';
import { startRouteServices } from '../testing/route-services.ts';
import type { PublishingFixture } from '../testing/publishing.ts';
import { POST as deferredExec } from './deferred-exec/route.ts';
import { POST as publishTopic } from './topics/[...topic]/route.ts';

// The eda CLI's clients call the seed system's endpoints with a raw body and no browser headers; in AUTH=required
// they send an API token as `Authorization: Bearer`.

const TOPIC = ['eda-token', 'orderCreated'];
const BODY = '{"orderId":"o-1","total":42}';

/** A request as an eda client sends it: the raw body, JSON Content-Type, no Origin, and the token when given. */
function edaRequest(path: string, token?: string): Request {
  return new Request(`http://127.0.0.1:3000${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: BODY,
  });
}

const params = { params: Promise.resolve({ topic: TOPIC }) };

describe('the eda endpoints with an API token (AUTH=required)', () => {
  let fixture: PublishingFixture;
  let editor: string;
  let viewer: string;

  before(async () => {
    fixture = await startRouteServices('required');
    const { actor } = await signedInUser(services().identity, 'editor');
    editor = (await services().identity.tokens.create(actor, { name: 'eda-editor', role: 'editor' })).token;
    viewer = (await services().identity.tokens.create(actor, { name: 'eda-viewer', role: 'viewer' })).token;
  });
  after(() => fixture.stop());

  test('POST /topics/:topic with an editor token publishes the body verbatim', async () => {
    const response = await publishTopic(edaRequest('/topics/eda-token/orderCreated', editor), params);
    assert.equal(response.status, 200, await response.clone().text());
    assert.deepEqual(await response.json(), { message: 'message published' });
    assert.deepEqual(await fixture.receivedBeforeMarker(), [{ channel: TOPIC.join('/'), message: BODY }]);
  });

  test('POST /deferred-exec with an editor token queues the body', async () => {
    const response = await deferredExec(edaRequest('/deferred-exec', editor));
    assert.equal(response.status, 200, await response.clone().text());
    const { id } = (await response.json()) as { id: string };
    const redis = fixture.connection.redis;
    try {
      const [entry] = await redis.xrange(DEFERRED_STREAM, id, id);
      assert.equal(entry?.[1][entry[1].indexOf('body') + 1], BODY);
    } finally {
      // The stream is shared with the worker tests: leave nothing on it.
      await redis.xdel(DEFERRED_STREAM, id);
    }
  });

  test('without a token 401, with a viewer token 403, with a revoked one 401 saying so; nothing is sent', async () => {
    assert.equal((await publishTopic(edaRequest('/topics/eda-token/orderCreated'), params)).status, 401);
    const refused = await publishTopic(edaRequest('/topics/eda-token/orderCreated', viewer), params);
    assert.deepEqual([refused.status, ((await refused.json()) as { required: string }).required], [403, 'editor']);
    const { actor } = await signedInUser(services().identity, 'editor');
    const { id, token } = await services().identity.tokens.create(actor, { name: 'eda-revoked', role: 'editor' });
    await services().identity.tokens.revoke(actor, id);
    for (const answer of [await publishTopic(edaRequest('/x', token), params), await deferredExec(edaRequest('/deferred-exec', token))]) {
      assert.deepEqual([answer.status, ((await answer.json()) as { reason: string }).reason], [401, 'revoked']);
    }
    assert.deepEqual(await fixture.receivedBeforeMarker(), []);
  });
});
