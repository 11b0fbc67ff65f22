import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const facePattern = { group: ["@/lib/*/*"], message: "Import another concern through its face: @/lib/<concern> (its index.ts)." };

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: [
      ".next/**",
      ".next-reliability/**",
      "dist/**",
      "node_modules/**",
      "examples/**",
      "bench/books/**",
      "packages/*/lib/**",
      ".data/**",
      "db/migrations/**",
      "next-env.d.ts",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Another concern is entered through its face, `@/lib/<concern>` (its index.ts); a concern's
    // own files and tests use relative paths (docs/adr/0024-concerns-and-their-faces.md).
    rules: { "no-restricted-imports": ["error", { patterns: [facePattern] }] },
  },
  {
    // What runs in the browser (forms, their schemas) and the client-safe contract see only
    // lib/contract; a type may come from anywhere (it leaves no code behind).
    files: ["app/_components/**", "app/**/_components/**", "app/**/schema.ts", "lib/contract/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            facePattern,
            {
              group: ["@/lib/*", "!@/lib/contract", "@/db", "@/db/*", "node:*"],
              allowTypeImports: true,
              message: "Browser code and lib/contract import only lib/contract (the client-safe shapes).",
            },
          ],
        },
      ],
    },
  },
  {
    // Tests read JSON answers whose shape they are asserting; typing each one adds nothing.
    files: ["**/*.test.ts", "**/*.test.tsx", "e2e/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
];

export default config;
