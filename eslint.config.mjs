// Lint: Next.js's rules (core web vitals: React, hooks, accessibility, Next
// itself) and typescript-eslint's recommended set. `npm run lint` allows no
// warnings.
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import tseslint from "typescript-eslint";

export default defineConfig([
  ...nextVitals,
  {
    files: ["**/*.{ts,tsx,mts,cts}"],
    extends: [tseslint.configs.recommended],
    rules: {
      // `_name` and `const { drop, ...rest }` mark a deliberate discard.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true }],
    },
  },
  {
    // No React runs in the tests, the Playwright specs or the scripts: there
    // `use` is Playwright's fixture callback and `useX()` a test helper, not a hook.
    files: ["tests/**", "e2e/**", "scripts/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    // Plain .js files here are CommonJS run by Node (Jest's config, the e2e server).
    files: ["**/*.{js,cjs}"],
    languageOptions: { sourceType: "commonjs" },
  },
  globalIgnores([".next/**", ".next-*/**", "out/**", "build/**", "lib/generated/**", "next-env.d.ts", "e2e/.output*/**", "test-results*/**", "playwright-report/**", "proof-report/**", "data/**", ".look/**", ".ui-look/**"]),
]);
