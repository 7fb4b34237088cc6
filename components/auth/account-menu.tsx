'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useState } from 'react';
import type { Actor } from '../../lib/auth/roles.ts';
import './account-menu.css';

/** The header's corner: who is signed in, with their role and a way out; or a link to sign in. */
export function AccountMenu({ actor }: { actor: Actor | null }) {
  const pathname = usePathname();
  const [signingOut, setSigningOut] = useState(false);
  if (!actor) {
    const next = pathname && pathname !== '/login' ? `?next=${encodeURIComponent(pathname)}` : '';
    return (
      <Link href={`/login${next}`} className="account-menu__sign-in">
        Sign in
      </Link>
    );
  }
  async function signOut(): Promise<void> {
    setSigningOut(true);
    await fetch('/api/auth/sign-out', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }).catch(() => null);
    window.location.assign('/login');
  }
  return (
    <span className="account-menu" data-testid="account-menu">
      <span className="account-menu__name">{actor.name}</span>
      <span className="badge">{actor.role}</span>
      {actor.kind === 'user' && (
        <Link href="/account" className="account-menu__account">
          Change password
        </Link>
      )}
      <button type="button" className="account-menu__sign-out" onClick={() => void signOut()} disabled={signingOut}>
        Sign out
      </button>
    </span>
  );
}
