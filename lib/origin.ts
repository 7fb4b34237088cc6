/** The request headers that say where a browser request came from; absent headers are `undefined`. */
export interface OriginHeaders {
  origin?: string;
  secFetchSite?: string;
  host?: string;
}

export type OriginVerdict = { allowed: true } | { allowed: false; reason: string };

const ALLOWED: OriginVerdict = { allowed: true };

/**
 * An origin in its canonical form (`https://portal.example.com`, default port dropped, host lower-cased),
 * or null when `text` is not exactly an http(s) origin (a path, query or credentials make it something else).
 * @example normalizeOrigin('https://Portal.example.com:443') // 'https://portal.example.com'
 */
export function normalizeOrigin(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  // An empty `?` or `#` leaves no trace on the URL, so look for them in the text too.
  if (url.username || url.password || url.pathname !== '/' || /[?#]/.test(text)) return null;
  return url.origin;
}

/**
 * Whether a request may act on the portal (change state, follow the broker): refused when a browser says it
 * comes from another site (`Sec-Fetch-Site: cross-site` or `same-site`), or sends an `Origin` (including `null`)
 * whose host is not the request's `Host` and that `allowedOrigins` (canonical, see `normalizeOrigin`) does not
 * list, unless the browser says `Sec-Fetch-Site: same-origin`. Requests with neither header (curl, the eda CLI,
 * other servers) are allowed. A browser request must also name, in `Host`, a loopback address or the host of an
 * allowed origin, so a page that rebinds its own name to the portal's address (DNS rebinding) is refused.
 * @example checkOrigin({ origin: 'https://evil.example', host: '127.0.0.1:3000' }, []) // { allowed: false, reason: '…' }
 */
export function checkOrigin({ origin, secFetchSite, host }: OriginHeaders, allowedOrigins: readonly string[]): OriginVerdict {
  // Only a browser can be turned against the portal by DNS rebinding, and a browser sends one of these headers.
  if ((origin !== undefined || secFetchSite !== undefined) && !isServedHost(host, allowedOrigins)) {
    return {
      allowed: false,
      reason:
        `Refused a browser request for host ${JSON.stringify(host ?? '')}: the portal is not served under that name. ` +
        'Set PUBLIC_URL (or ALLOWED_ORIGINS) to the address people open the portal at.',
    };
  }
  if (origin === 'null') return refuse('Refused a request with "Origin: null" (a sandboxed page, or a redirect from another site).');
  const canonical = origin === undefined ? undefined : normalizeOrigin(origin);
  if (canonical === null) return refuse(`Refused a request with a malformed Origin header (${JSON.stringify(origin)}).`);
  if (canonical !== undefined && allowedOrigins.includes(canonical)) return ALLOWED;
  if (secFetchSite === 'cross-site' || secFetchSite === 'same-site') {
    return refuse(
      `Refused a request from another site (Sec-Fetch-Site: ${secFetchSite}${canonical ? `, Origin: ${canonical}` : ''}).`,
      canonical,
    );
  }
  // Only browsers send Sec-Fetch-Site and a page cannot forge it: same-origin is trusted even when a proxy rewrote Host.
  if (secFetchSite === 'same-origin') return ALLOWED;
  if (canonical !== undefined && !sameHost(canonical, host)) {
    return refuse(`Refused a request from ${canonical}: it is not this portal (${host ?? 'no Host header'}).`, canonical);
  }
  return ALLOWED;
}

function refuse(reason: string, origin?: string): OriginVerdict {
  return { allowed: false, reason: origin ? `${reason} To trust that site, add ${origin} to ALLOWED_ORIGINS.` : reason };
}

/** Whether the origin names the host the request was sent to; parsed with the origin's scheme so default ports agree. */
function sameHost(origin: string, host: string | undefined): boolean {
  if (!host) return false;
  const scheme = origin.startsWith('https:') ? 'https:' : 'http:';
  try {
    const target = new URL(`${scheme}//${host}`);
    return target.host === new URL(origin).host && target.pathname === '/' && !target.username;
  } catch {
    return false;
  }
}

/** Whether `host` (a Host header) names a loopback address or the host of one of `allowedOrigins`; the port is not compared. */
function isServedHost(host: string | undefined, allowedOrigins: readonly string[]): boolean {
  const name = hostnameOf(host);
  if (name === null) return false;
  if (name === 'localhost' || name.endsWith('.localhost') || name === '[::1]' || /^127(\.\d{1,3}){3}$/.test(name)) return true;
  return allowedOrigins.some((origin) => new URL(origin).hostname === name);
}

function hostnameOf(host: string | undefined): string | null {
  if (!host) return null;
  try {
    const url = new URL(`http://${host}`);
    return url.pathname === '/' && !url.username ? url.hostname : null;
  } catch {
    return null;
  }
}
