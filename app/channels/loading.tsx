import { PageHeaderSkeleton } from '../../components/ui/page-header.tsx';
import { Skeleton } from '../../components/ui/skeleton.tsx';

export default function Loading() {
  return (
    <div aria-busy="true">
      <span className="visually-hidden" role="status">
        Loading channels…
      </span>
      <PageHeaderSkeleton titleWidth={140} descriptionWidth={360} />
      <Skeleton width={560} height={32} style={{ marginBottom: 16, maxWidth: '100%' }} />
      <div className="table-wrap" aria-hidden="true" style={{ padding: 12, display: 'grid', gap: 12 }}>
        {Array.from({ length: 8 }, (_, i) => (
          <Skeleton key={i} height={16} />
        ))}
      </div>
    </div>
  );
}
