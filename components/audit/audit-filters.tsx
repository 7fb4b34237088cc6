import Form from 'next/form';
import Link from 'next/link';

export interface AuditFiltersProps {
  /** Every audited action, offered one by one after their groups. */
  actions: readonly string[];
  actor?: string;
  action?: string;
  /** yyyy-mm-dd, or a full ISO date. */
  since?: string;
}

/** The groups an action select offers first: every action up to its first dot (`document.`). */
function actionGroups(actions: readonly string[]): string[] {
  return [...new Set(actions.map((action) => `${action.split('.')[0] ?? action}.`))];
}

/**
 * The audit log's filters as a GET form (it works without JavaScript): an actor's id or name, an action or a group
 * of them, and a start date.
 * @example <AuditFilters actions={AUDIT_ACTIONS} action="document." />
 */
export function AuditFilters({ actions, actor, action, since }: AuditFiltersProps) {
  return (
    <Form className="audit-filters" action="/audit" role="search" aria-label="Filter the audit log">
      <label className="audit-filters__field">
        <span>Actor</span>
        <input
          className="input"
          name="actor"
          defaultValue={actor}
          placeholder="id or name"
          maxLength={320}
          autoComplete="off"
          spellCheck={false}
        />
      </label>
      <label className="audit-filters__field">
        <span>Action</span>
        <select className="select" name="action" defaultValue={action ?? ''}>
          <option value="">All actions</option>
          <optgroup label="Groups">
            {actionGroups(actions).map((group) => (
              <option key={group} value={group}>
                {group}*
              </option>
            ))}
          </optgroup>
          <optgroup label="Actions">
            {actions.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </optgroup>
        </select>
      </label>
      <label className="audit-filters__field">
        <span>Since</span>
        <input className="input" type="date" name="since" defaultValue={since?.slice(0, 10)} />
      </label>
      <button className="button button--primary" type="submit">
        Filter
      </button>
      <Link className="button" href="/audit">
        Clear
      </Link>
    </Form>
  );
}
