// ESLint: the Next.js rules (Core Web Vitals + TypeScript). `npm run lint` runs it with
// `tsc --noEmit` (which also reports unused locals and parameters, tsconfig.json); `npm test` and
// CI call it first, so a lint finding fails the build like a failing test.
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      // A leading underscore marks a value left out on purpose (`const { type: _type, ...rest }`).
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
      // Our data effects reset their state to "loading" (null) when the request they start
      // changes, then fill it when it answers: the one pattern this rule objects to. Replacing it
      // with request-keyed state in each of the ten data hooks is a larger change than the
      // cascading render it saves (one extra render per filter change); see issue #16's note.
      "react-hooks/set-state-in-effect": "off",
    },
  },
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
