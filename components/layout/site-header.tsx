import Link from 'next/link';
import { BrokerStatus } from './broker-status.tsx';
import { NavLinks } from './nav-links.tsx';
import './site-header.css';

export function SiteHeader() {
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link href="/" className="brand">
          <span className="brand__mark" aria-hidden="true" />
          <span className="brand__text">Event Portal</span>
        </Link>
        <NavLinks />
        <BrokerStatus />
      </div>
    </header>
  );
}
