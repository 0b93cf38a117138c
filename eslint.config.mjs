// ESLint: the Next.js rules (Core Web Vitals + TypeScript). `npm run lint` runs it with
// `tsc --noEmit` (which also reports unused locals and parameters, tsconfig.json); `npm test` and
// CI call it first, so a lint finding fails the build like a failing test.
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([
    ".next/**",
    ".data/**",
    ".tmp/**",
    "node_modules/**",
    "test-results/**",
    "playwright-report/**",
    "public/**",
    "next-env.d.ts",
  ]),
]);
