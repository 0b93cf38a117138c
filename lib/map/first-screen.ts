/**
 * The User Timing mark the map sets when it has first painted its layers and the overlay's data
 * (the idle event after them). The benchmark reads it as "first data painted"; a browser's
 * performance panel shows it too.
 */
export const FIRST_SCREEN_MARK = "grid-atlas:first-screen";

/** The boundaries the map's first screen waits on: fetched by the map, preloaded by the page. */
export const FIRST_SCREEN_BOUNDARIES = { streets: "/api/boundaries/streets", communities: "/api/boundaries/communities" } as const;
