// Pages get a per-request policy with a script nonce from proxy.ts; the JSON API and raw downloads run no script, so
// theirs only forbids framing and remote images as before.
const API_CONTENT_SECURITY_POLICY = "frame-ancestors 'none'; img-src 'self' data: blob:; object-src 'none'; base-uri 'self'";

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Domain code runs in server.ts; keep Node-only packages out of the bundles if a route imports a type's module.
  serverExternalPackages: ['@asyncapi/parser', '@electric-sql/pglite', 'pglite-prisma-adapter', 'ioredis', 'socket.io'],
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'same-origin' },
          // No other site may frame the portal (a click there retired a version); the CSP says so too.
          { key: 'X-Frame-Options', value: 'DENY' },
        ],
      },
      { source: '/api/:path*', headers: [{ key: 'Content-Security-Policy', value: API_CONTENT_SECURITY_POLICY }] },
    ];
  },
};

export default nextConfig;
