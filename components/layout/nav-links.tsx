'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { Action, Permissions } from '../../lib/auth/permissions.ts';

interface NavLink {
  href: string;
  label: string;
  /** The action the page is for: left out for those who may not take it. */
  action?: Action;
}

const LINKS: readonly NavLink[] = [
  { href: '/', label: 'Catalogue' },
  { href: '/channels', label: 'Channels' },
  { href: '/documents/new', label: 'Register', action: 'register' },
  { href: '/live', label: 'Live' },
  { href: '/recordings', label: 'Recordings' },
  { href: '/publish', label: 'Publish', action: 'publish' },
  { href: '/queue', label: 'Queue' },
  { href: '/drift', label: 'Drift' },
  { href: '/tokens', label: 'Tokens', action: 'createToken' },
  { href: '/users', label: 'Users', action: 'manageUsers' },
  { href: '/audit', label: 'Audit', action: 'readAudit' },
];

/** The main navigation, without the pages of actions the visitor may not take; marks the current section for assistive technology and the eye. */
export function NavLinks({ permissions }: { permissions: Permissions }) {
  const pathname = usePathname();
  return (
    <nav className="site-nav" aria-label="Main">
      {LINKS.filter(({ action }) => !action || permissions[action].allowed).map(({ href, label }) => (
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
