import type { ReactNode } from 'react';
import { Skeleton } from './skeleton.tsx';

interface PageHeaderProps {
  title: ReactNode;
  /** One or two sentences under the title: what the page is for. */
  description?: ReactNode;
  /** Buttons or links at the header's end, e.g. "Register a document". */
  actions?: ReactNode;
}

/**
 * A page's title, what it is for, and its main actions.
 * @example <PageHeader title="Channels" description="Every channel of the catalogue." />
 */
export function PageHeader({ title, description, actions }: PageHeaderProps) {
  return (
    <div className="page-header">
      <div>
        <h1>{title}</h1>
        {description && <p className="page-header__sub">{description}</p>}
      </div>
      {actions}
    </div>
  );
}

/** The page header's place while the page loads: grey blocks as wide as its title and description. */
export function PageHeaderSkeleton({ titleWidth, descriptionWidth }: { titleWidth: number; descriptionWidth: number }) {
  return (
    <div className="page-header">
      <div>
        <Skeleton width={titleWidth} height={26} />
        <Skeleton width={descriptionWidth} height={14} style={{ marginTop: 8 }} />
      </div>
    </div>
  );
}
