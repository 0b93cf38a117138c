-- Custom migration: drizzle-kit never emits CREATE EXTENSION, and every later table needs PostGIS.
CREATE EXTENSION IF NOT EXISTS postgis;
