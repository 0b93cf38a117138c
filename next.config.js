/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // PGlite loads its WASM and the PostGIS bundle from its own package folder at run time,
  // so these must stay real node_modules packages rather than being bundled.
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-postgis", "postgres"],
};

export default nextConfig;
