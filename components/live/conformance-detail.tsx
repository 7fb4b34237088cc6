import Link from 'next/link';
import type { Conformance } from '../../lib/live/events.ts';
import { badgeClassOf, pathLabel } from './conformance-format.ts';

/** What the catalogue says about the selected message: the matched channel, its parameters and every error reported. */
export function ConformanceDetail({ conformance }: { conformance: Conformance }) {
  const { document, channel, params, errors } = conformance;
  return (
    <section className="live-conformance" aria-label="Conformance" data-testid="conformance-detail">
      <p className="live-conformance__head">
        <span className={badgeClassOf(conformance.status)}>{conformance.status}</span>
        {document && channel ? (
          <span>
            <Link href={`/documents/${encodeURIComponent(document.slug)}`}>
              {document.title} {document.version}
            </Link>{' '}
            · <span className="mono">{channel.address}</span>
            {conformance.message && <> · message {conformance.message}</>}
          </span>
        ) : (
          <span className="muted">No channel of the catalogue’s latest versions matches this channel.</span>
        )}
        {params && Object.keys(params).length > 0 && (
          <span className="muted">
            {Object.entries(params)
              .map(([name, value]) => `${name} = ${value}`)
              .join(', ')}
          </span>
        )}
      </p>
      {conformance.reason && <p className="muted">Not checked: {conformance.reason}.</p>}
      {errors && errors.length > 0 && (
        <ul className="live-conformance__errors" aria-label="Schema violations">
          {errors.map((error, i) => (
            <li key={i}>
              <code>{pathLabel(error.path)}</code> {error.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
