'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

const LINKS = [
  { href: '/', label: 'Catalogue' },
  { href: '/channels', label: 'Channels' },
  { href: '/documents/new', label: 'Register' },
  { href: '/live', label: 'Live' },
  { href: '/publish', label: 'Publish' },
  { href: '/queue', label: 'Queue' },
  { href: '/drift', label: 'Drift' },
] as const;

/** The main navigation; marks the current section for assistive technology and the eye. */
export function NavLinks() {
  const pathname = usePathname();
  return (
    <nav className="site-nav" aria-label="Main">
      {LINKS.map(({ href, label }) => (
        <Link key={href} href={href} aria-current={isCurrent(pathname, href) ? 'page' : undefined}>
          {label}
        </Link>
      ))}
    </nav>
  );
}

function isCurrent(pathname: string, href: string): boolean {
  if (href === '/') return pathname === '/' || (pathname.startsWith('/documents/') && pathname !== '/documents/new');
  return pathname === href || pathname.startsWith(`${href}/`);
}
