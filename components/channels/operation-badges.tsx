/** Send / receive badges for a channel's operations, each titled with the operation's id. */
export function OperationBadges({ operations }: { operations: { key: string; action: string }[] }) {
  if (operations.length === 0) return <span className="muted">–</span>;
  return (
    <ul className="chip-list">
      {operations.map((op) => (
        <li key={op.key} className={`badge ${badgeClass(op.action)}`} title={`${op.action}: ${op.key}`}>
          {op.action} <span className="op-key">{op.key}</span>
        </li>
      ))}
    </ul>
  );
}

function badgeClass(action: string): string {
  if (action === 'send' || action === 'publish') return 'badge--send';
  if (action === 'receive' || action === 'subscribe') return 'badge--receive';
  return '';
}
