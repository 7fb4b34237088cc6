import Link from 'next/link';
import type { Permissions } from '../../lib/auth/permissions.ts';
import type { Actor } from '../../lib/auth/roles.ts';
import { AccountMenu } from '../auth/account-menu.tsx';
import { BrokerStatus } from './broker-status.tsx';
import { NavLinks } from './nav-links.tsx';
import './site-header.css';

interface SiteHeaderProps {
  /** `local`: nobody signs in (a banner says so); `required`: the signed-in actor, or null. */
  mode: 'local' | 'required';
  actor: Actor | null;
  /** What the actor may do: the navigation leaves out the pages of actions they may not take. */
  permissions: Permissions;
}

export function SiteHeader({ mode, actor, permissions }: SiteHeaderProps) {
  return (
    <header className="site-header">
      {mode === 'local' && (
        <p className="site-header__banner" role="note" data-testid="local-mode-banner">
          Local mode (AUTH=local): nobody signs in, and everyone on this machine acts as the admin “local”.
        </p>
      )}
      <div className="site-header__inner">
        <Link href="/" className="brand">
          <span className="brand__mark" aria-hidden="true" />
          <span className="brand__text">Event Portal</span>
        </Link>
        <NavLinks permissions={permissions} />
        <BrokerStatus />
        {mode === 'required' && <AccountMenu actor={actor} />}
      </div>
    </header>
  );
}
