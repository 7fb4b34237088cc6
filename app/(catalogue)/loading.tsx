import { PageHeaderSkeleton } from '../../components/ui/page-header.tsx';
import { Skeleton } from '../../components/ui/skeleton.tsx';
import '../../components/catalogue/catalogue.css';

export default function Loading() {
  return (
    <div aria-busy="true">
      <span className="visually-hidden" role="status">
        Loading the catalogue…
      </span>
      <PageHeaderSkeleton titleWidth={160} descriptionWidth={380} />
      <Skeleton width={560} height={32} style={{ marginBottom: 16, maxWidth: '100%' }} />
      <ul className="card-list" aria-hidden="true">
        {Array.from({ length: 6 }, (_, i) => (
          <li key={i} className="card">
            <Skeleton width="55%" height={18} />
            <Skeleton height={12} />
            <Skeleton width="80%" height={12} />
            <Skeleton width="40%" height={12} style={{ marginTop: 8 }} />
          </li>
        ))}
      </ul>
    </div>
  );
}
