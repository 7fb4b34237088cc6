import type { ReactNode } from 'react';

/** A friendly, centred message for a list with nothing to show, with an action. */
export function EmptyState({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="empty">
      <h2>{title}</h2>
      {children}
    </section>
  );
}
