// Unit and integration tests. Integration tests run against a real
// PostgreSQL (tests/setup/global-setup.ts creates and migrates it), one file
// at a time (--runInBand) because they share that database.
const nextJest = require("next/jest.js");

const createJestConfig = nextJest({ dir: "./" });

module.exports = async () => {
  const base = await createJestConfig({
    testEnvironment: "node",
    roots: ["<rootDir>/tests"],
    testMatch: ["**/*.test.ts", "**/*.test.tsx"],
    globalSetup: "<rootDir>/tests/setup/global-setup.ts",
    setupFiles: ["<rootDir>/tests/setup/env.ts"],
    moduleNameMapper: {
      "^server-only$": "<rootDir>/tests/setup/empty.js",
      "^@/(.*)$": "<rootDir>/$1",
    },
    testTimeout: 30000,
  })();
  // @react-email and resend ship .cjs/.mjs files that need the SWC transform.
  const swc = Object.values(base.transform)[0];
  return {
    ...base,
    transform: { "^.+\\.(js|jsx|ts|tsx|mjs|cjs)$": swc },
    transformIgnorePatterns: ["/node_modules/(?!(@react-email|resend|react-email)/)", "^.+\\.module\\.(css|sass|scss)$"],
  };
};
