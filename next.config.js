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
        ],
      },
    ];
  },
};

export default nextConfig;
