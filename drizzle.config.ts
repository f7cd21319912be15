import { defineConfig } from 'drizzle-kit';

// `npm run db:generate -- --name what_changed` writes SQL into migrations/ (never random names).
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './migrations',
  casing: 'snake_case',
});
