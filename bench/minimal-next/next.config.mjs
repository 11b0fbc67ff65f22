/**
 * The bench's minimal Next app (bench/anchors.ts): one route handler, nothing else. Its build
 * goes under node_modules, which git, ESLint, tsc, Prettier and Vitest already leave alone.
 */
const nextConfig = { distDir: "../../node_modules/.cache/lectern-minimal-next", poweredByHeader: false };

export default nextConfig;
