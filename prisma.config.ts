import { defineConfig } from 'prisma/config';

// The CLI is used offline for `generate` only; migrations are applied by scripts/migrate.ts.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
