/**
 * The theme's shared parts, importable as `@lectern/theme` by the theme's components and by
 * swizzled copies of them.
 */
export { useLecternThemeConfig, type LecternThemeConfig } from "./config";
export { pagePath, useCurrentPageUrl } from "./current-page";
export { ReaderProvider, useReader, type ReaderLevels } from "./reader";
export { DocReadingTracker } from "./tracker";
