import type { VersionSummary } from '../../prisma/store/types.ts';

interface DiffFormProps {
  slug: string;
  /** Newest first. */
  versions: VersionSummary[];
  from: string;
  to: string;
}

/** Picks the two versions to compare: a plain GET form, so it works with the keyboard and without JavaScript. */
export function DiffForm({ slug, versions, from, to }: DiffFormProps) {
  return (
    <form className="diff-form" action={`/documents/${encodeURIComponent(slug)}/diff`} method="get">
      <VersionField id="diff-from" name="from" label="From version" versions={versions} value={from} />
      <VersionField id="diff-to" name="to" label="To version" versions={versions} value={to} />
      <button className="button button--primary" type="submit">
        Compare
      </button>
    </form>
  );
}

function VersionField({
  id,
  name,
  label,
  versions,
  value,
}: {
  id: string;
  name: string;
  label: string;
  versions: VersionSummary[];
  value: string;
}) {
  return (
    <div className="diff-form__field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} className="select mono" defaultValue={value}>
        {versions.map((v) => (
          <option key={v.version} value={v.version}>
            {v.version}
          </option>
        ))}
      </select>
    </div>
  );
}
