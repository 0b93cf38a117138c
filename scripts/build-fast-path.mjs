// Bundles lib/tiles/fast-path.ts for the production server (scripts/serve.mjs), which answers tile
// requests with it before Next.js. Packages stay in node_modules; "server-only" is left out (this
// code runs only on the server, which is what that import guards).
export const FAST_PATH_BUNDLE = ".next/grid-atlas/tile-fast-path.mjs";

export async function buildFastPath() {
  const { build, stop } = await import("esbuild"); // only when building, never in the running server
  await build({
    entryPoints: ["lib/tiles/fast-path.ts"],
    outfile: FAST_PATH_BUNDLE,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    tsconfig: "tsconfig.json",
    logLevel: "warning",
    plugins: [
      {
        name: "server-only",
        setup(b) {
          b.onResolve({ filter: /^server-only$/ }, () => ({ path: "server-only", namespace: "empty" }));
          b.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "", loader: "js" }));
        },
      },
    ],
  });
  stop(); // esbuild's helper process would otherwise live on beside the server
}
