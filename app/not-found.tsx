import Link from 'next/link';
import { EmptyState } from '../components/ui/empty-state.tsx';

export default function NotFound() {
  return (
    <EmptyState title="Not found">
      <p>There is no document or version at this address. It may have been mistyped, or never registered.</p>
      <p className="empty__actions">
        <Link className="button button--primary" href="/">
          Browse the catalogue
        </Link>
        <Link className="button" href="/documents/new">
          Register a document
        </Link>
      </p>
    </EmptyState>
  );
}
