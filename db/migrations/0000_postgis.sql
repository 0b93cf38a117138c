-- Custom migration: drizzle-kit never emits CREATE EXTENSION, and every later table needs PostGIS.
-- Only when missing: a Citus coordinator sends even CREATE EXTENSION IF NOT EXISTS on to its
-- workers, where the app's role does not own the extension and is refused.
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'postgis') THEN
    CREATE EXTENSION postgis;
  END IF;
END $$;
