'use client';

import { PayloadErrors } from './payload-errors.tsx';
import { deliveredSentence, type PublishOutcome } from './publish-event.ts';

interface PublishOutcomeViewProps {
  outcome: PublishOutcome | null;
  sending: boolean;
  onSendAnyway: () => void;
}

/** What happened to the last publish: delivered (and how the payload fared), refused by its schema, or failed. */
export function PublishOutcomeView({ outcome, sending, onSendAnyway }: PublishOutcomeViewProps) {
  const forced = outcome?.kind === 'delivered' && outcome.verdict.kind === 'forced';
  return (
    <>
      <div role="status">
        {outcome?.kind === 'delivered' && (
          <p className={forced ? 'notice publish__forced' : 'notice notice--success'} data-testid="publish-delivered">
            {deliveredSentence(outcome.receivers, outcome.verdict, outcome.avroBytes)}
          </p>
        )}
      </div>
      {outcome?.kind === 'invalid' && (
        <PayloadErrors error={outcome.error} errors={outcome.errors} sending={sending} onSendAnyway={onSendAnyway} />
      )}
      {outcome?.kind === 'failed' && (
        <p className="notice notice--error" role="alert">
          {outcome.error}
        </p>
      )}
    </>
  );
}
