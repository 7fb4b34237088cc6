import { Highlight } from './highlight.tsx';

/** Short names (parameters, messages) as chips, the search term highlighted; a dash when there are none. */
export function ChipList({ items, term }: { items: string[]; term?: string }) {
  if (items.length === 0) return <span className="muted">–</span>;
  return (
    <ul className="chip-list">
      {items.map((item, i) => (
        <li key={`${item}-${i}`} className="chip">
          <Highlight text={item} term={term} />
        </li>
      ))}
    </ul>
  );
}
