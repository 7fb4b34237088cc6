import type { SearchMatch } from '../../prisma/store/types.ts';
import { Highlight } from '../ui/highlight.tsx';

const SHOWN = 6;

/**
 * What a search found inside a document. Title and description matches are highlighted in place on
 * the card, so only the parts not otherwise visible are listed.
 */
export function MatchList({ matches, term }: { matches: SearchMatch[]; term?: string }) {
  const listed = matches.filter((m) => m.kind !== 'title' && m.kind !== 'description');
  if (listed.length === 0) return null;
  const hidden = listed.length - SHOWN;
  return (
    <ul className="matches" aria-label="Matches">
      {listed.slice(0, SHOWN).map((match) => (
        <li key={`${match.kind}:${match.text}`}>
          <span className="matches__kind">{match.kind}:</span>{' '}
          <span className="matches__text">
            <Highlight text={match.text} term={term} />
          </span>
        </li>
      ))}
      {hidden > 0 && <li className="muted">and {hidden} more</li>}
    </ul>
  );
}
