import type { Metadata, Viewport } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { SiteHeader } from '../components/layout/site-header.tsx';
import { pageAccount } from '../lib/auth/page-actor.ts';
import { permissionsOf } from '../lib/auth/permissions.ts';
import { services } from '../lib/services.ts';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Event Portal', template: '%s · Event Portal' },
  description: 'A catalogue of AsyncAPI documents: register, search and browse your events.',
};

export const viewport: Viewport = { themeColor: '#14181f' };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request: Next.js puts proxy.ts's fresh script nonce on its scripts only then.
  await connection();
  const { mode } = services().identity;
  const account = await pageAccount();
  // Someone on a one-time password sees their account menu (to sign out), and no page they could not open.
  const actor = account?.actor ?? null;
  const permissions = permissionsOf(account?.mustChangePassword ? null : actor);
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <SiteHeader mode={mode} actor={actor} permissions={permissions} />
        <main id="main" className="page" tabIndex={-1}>
          {children}
        </main>
      </body>
    </html>
  );
}
