import { ChangeList } from '../diff/change-list.tsx';
import type { VersionDetail } from '../../prisma/store/types.ts';

/** For a version registered with ?force=true: the breaking changes that were overridden. */
export function ForcedNotice({ version }: { version: VersionDetail }) {
  if (!version.forced) return null;
  const count = version.overriddenChanges.length;
  return (
    <details className="warnings forced-notice">
      <summary>
        Forced: registered despite {count} breaking {count === 1 ? 'change' : 'changes'} without a major version bump
      </summary>
      <ChangeList changes={version.overriddenChanges} label="Overridden breaking changes" />
    </details>
  );
}
