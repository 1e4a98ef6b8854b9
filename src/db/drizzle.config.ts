import { defineConfig } from 'drizzle-kit';

// Paths are relative to the working directory: npm scripts run from the repository root.
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/db/schema.ts',
  out: './drizzle',
});
