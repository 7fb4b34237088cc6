'use client';

import Link from 'next/link';
import { useState } from 'react';
import { publishEvent, type PublishOutcome } from '../publish/publish-event.ts';
import { publishLink } from '../publish/publish-link.ts';
import type { ShownMessage } from './tail-store.ts';

type Republish = { step: 'idle' } | { step: 'confirm' } | { step: 'sending' } | { step: 'done'; outcome: PublishOutcome };

/**
 * "Republish" sends the message's payload again to its channel, verbatim, after a confirmation; "Edit and send"
 * opens /publish filled with both. Neither is offered for a payload the tail does not hold as sent.
 */
export function ResendActions({ message }: { message: ShownMessage }) {
  const [republish, setRepublish] = useState<Republish>({ step: 'idle' });
  const reason = notResendable(message);
  if (reason) return <p className="muted live-detail__note">{reason}</p>;
  const draft = { topic: message.channel, payload: message.payload };
  const link = publishLink(draft);

  async function send(): Promise<void> {
    setRepublish({ step: 'sending' });
    setRepublish({ step: 'done', outcome: await publishEvent(draft) });
  }

  return (
    <div className="live-resend" role="group" aria-label="Send again">
      {republish.step === 'confirm' ? (
        <>
          <span>Publish this payload again to {message.channel}?</span>
          <button className="button button--primary" type="button" onClick={() => void send()}>
            Confirm republish
          </button>
          <button className="button" type="button" onClick={() => setRepublish({ step: 'idle' })}>
            Cancel
          </button>
        </>
      ) : (
        <button className="button" type="button" disabled={republish.step === 'sending'} onClick={() => setRepublish({ step: 'confirm' })}>
          {republish.step === 'sending' ? 'Republishing…' : 'Republish'}
        </button>
      )}
      {link ? (
        <Link className="button" href={link}>
          Edit and send
        </Link>
      ) : (
        <span className="muted">Too long to open in the form: copy the payload instead.</span>
      )}
      {republish.step === 'done' && (
        <span role="status" className={republish.outcome.kind === 'delivered' ? 'muted' : 'live-resend__error'}>
          {outcomeText(republish.outcome)}
        </span>
      )}
    </div>
  );
}

function notResendable(message: ShownMessage): string | null {
  if (message.truncated) return 'The tail holds only the start of this payload, so it cannot be sent again from here.';
  if (message.encoding === 'base64') return 'A binary payload cannot be sent again from here: the publish form sends text.';
  if (message.encoding === 'avro-binary') return 'Sent as binary Avro: choose its catalogued channel in the publish form to send it again.';
  return null;
}

function outcomeText(outcome: PublishOutcome): string {
  if (outcome.kind === 'delivered')
    return `Republished: ${outcome.receivers} ${outcome.receivers === 1 ? 'subscriber' : 'subscribers'} received it.`;
  return outcome.error;
}
