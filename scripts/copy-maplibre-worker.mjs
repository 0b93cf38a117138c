// MapLibre's worker gets a hashed name under Next's bundler and then fails to load, so we serve
// the file as-is from public/ and point maplibre at it with setWorkerUrl (see app/_components/map).
import fs from "node:fs";
import path from "node:path";

const source = path.join("node_modules", "maplibre-gl", "dist", "maplibre-gl-worker.mjs");
const target = path.join("public", "maplibre-gl-worker.mjs");
if (fs.existsSync(source)) {
  fs.mkdirSync("public", { recursive: true });
  fs.copyFileSync(source, target);
}
