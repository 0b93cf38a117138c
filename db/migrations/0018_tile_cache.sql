-- Tiles kept across restarts. The in-process cache forgets everything when the server restarts,
-- so every first visitor after a restart, an edit or a deploy waited for the tile queries; here a
-- tile is stored once made, keyed like the in-process cache (layer, the versions of the layer and
-- of what it depends on, z/x/y, filters and street scope). A changed layer has a new version, so
-- its old rows are never read again; the tile warmer (lib/tiles/warm-tiles.ts) deletes them.
-- UNLOGGED: a cache needs no WAL; after a crash PostgreSQL empties it, which is only a cold start.
CREATE UNLOGGED TABLE tile_cache (
  layer text NOT NULL,
  versions text NOT NULL,
  z smallint NOT NULL,
  x integer NOT NULL,
  y integer NOT NULL,
  filter text NOT NULL,
  bytes bytea NOT NULL,
  features integer NOT NULL,
  capped boolean NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (layer, z, x, y, filter, versions)
);
