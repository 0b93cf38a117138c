/** @type {import('next').NextConfig} */

// Origins a configured basemap loads from (style, tiles, glyphs); everything else is same-origin.
const basemapOrigins = [process.env.BASEMAP_STYLE_URL, process.env.BASEMAP_RASTER_TILES]
  .filter(Boolean)
  .map((url) => {
    try {
      return new URL(String(url).replace(/\{[^}]*\}/g, "0")).origin;
    } catch {
      return null;
    }
  })
  .filter(Boolean)
  .join(" ");

const dev = process.env.NODE_ENV !== "production";

// MapLibre runs its workers from blob: URLs and decodes images from blob:/data:, so those are
// allowed for workers and images; nothing may frame the app or post forms elsewhere.
// Next.js's App Router streams inline bootstrap scripts, hence 'unsafe-inline' for scripts
// (no user content is ever rendered as HTML); the dev server also needs 'unsafe-eval'.
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  `img-src 'self' data: blob: ${basemapOrigins}`.trim(),
  "font-src 'self' data:",
  `connect-src 'self' ${basemapOrigins}${dev ? " ws:" : ""}`.trim(),
  "worker-src 'self' blob:",
  "child-src blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const securityHeaders = [
  { key: "Content-Security-Policy", value: contentSecurityPolicy },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(self), payment=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // PGlite loads its WASM and the PostGIS bundle from its own package folder at run time,
  // so these must stay real node_modules packages rather than being bundled (argon2 and the file lock: native addons; playwright-core drives Chromium for PDF reports;
  // chinese-days, the official holiday calendar, declares CommonJS but points bundlers at an ES module file, which Turbopack refuses).
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-postgis", "postgres", "@node-rs/argon2", "fs-native-extensions", "playwright-core", "chinese-days"],
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
