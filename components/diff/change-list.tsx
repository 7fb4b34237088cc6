import type { Change } from '../../asyncapi/diff/types.ts';

const KIND_LABEL: Record<Change['kind'], string> = { add: 'added', remove: 'removed', edit: 'changed' };

/** Changes between two versions, each with its type badge, what happened and where. */
export function ChangeList({ changes, label }: { changes: Change[]; label: string }) {
  return (
    <ul className="changes" aria-label={label}>
      {changes.map((change, i) => (
        <li key={`${change.path}-${i}`} className="change" data-type={change.type}>
          <span className="change__head">
            <span className={`badge badge--${change.type}`}>{change.type}</span>
            <span className="change__kind">{KIND_LABEL[change.kind]}</span>
          </span>
          <span className="change__description">{change.description}</span>
          <code className="change__path">{change.path}</code>
        </li>
      ))}
    </ul>
  );
}
