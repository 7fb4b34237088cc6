const CONTENT_SECURITY_POLICY = [
  "frame-ancestors 'none'",
  "img-src 'self' data: blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

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
          // No other site may frame the portal (a click there retired a version), and pages load no remote images,
          // which documents embed and every visitor's browser would otherwise fetch.
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Content-Security-Policy', value: CONTENT_SECURITY_POLICY },
        ],
      },
    ];
  },
};

export default nextConfig;
