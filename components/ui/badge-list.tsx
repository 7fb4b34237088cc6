/** A compact list of badges, e.g. tags or protocols; renders nothing when empty. */
export function BadgeList({ items, variant, label }: { items: string[]; variant?: 'protocol' | 'tag'; label: string }) {
  if (items.length === 0) return null;
  return (
    <ul className="badges" aria-label={label}>
      {items.map((item) => (
        <li key={item} className={variant === 'protocol' ? 'badge badge--protocol' : 'badge'} title={item}>
          {item}
        </li>
      ))}
    </ul>
  );
}
