import { Skeleton } from '../../components/ui/skeleton.tsx';

export default function Loading() {
  return (
    <div aria-busy="true">
      <span className="visually-hidden" role="status">
        Loading channels…
      </span>
      <div className="page-header">
        <div>
          <Skeleton width={140} height={26} />
          <Skeleton width={360} height={14} style={{ marginTop: 8 }} />
        </div>
      </div>
      <Skeleton width={560} height={32} style={{ marginBottom: 16, maxWidth: '100%' }} />
      <div className="table-wrap" aria-hidden="true" style={{ padding: 12, display: 'grid', gap: 12 }}>
        {Array.from({ length: 8 }, (_, i) => (
          <Skeleton key={i} height={16} />
        ))}
      </div>
    </div>
  );
}
