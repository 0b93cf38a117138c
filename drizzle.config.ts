import { defineConfig } from "drizzle-kit";

// Used only to *generate* migrations (`npm run db:generate`). Migrations are *applied* by the
// app itself at start (lib/db/migrate.ts), because drizzle-kit cannot load PostGIS into PGlite.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
  extensionsFilters: ["postgis"],
});
