import type { NextConfig } from "next";
import { pageContentSecurityPolicy, securityHeaders } from "./lib/http/headers";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // The reliability suite builds and serves its own copy, so it never replaces the build that
  // `npm start` or another suite is serving from `.next`.
  distDir: process.env.LECTERN_DIST_DIR || ".next",
  // `npm run typecheck` (CI) checks types, tests included; `npm start` on a fresh clone
  // should not pay for it again.
  typescript: { ignoreBuildErrors: true },
  reactStrictMode: true,
  // Native, WASM or worker-based packages run from node_modules rather than the bundle.
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "pino", "ioredis", "nodemailer", "@qdrant/js-client-rest"],
  async headers() {
    const common = Object.entries(securityHeaders).map(([key, value]) => ({ key, value }));
    return [
      { source: "/:path*", headers: common },
      {
        source: "/((?!api/).*)",
        headers: [{ key: "Content-Security-Policy", value: pageContentSecurityPolicy }],
      },
    ];
  },
};

export default nextConfig;
