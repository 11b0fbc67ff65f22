/**
 * The theme's shared parts, importable as `@lectern/theme` by the theme's components, by swizzled
 * copies of them and by a site's own `src/theme/Root` (`LecternRoot`).
 */
export { useChapterOf } from "./chapters";
export { useLecternThemeConfig, type LecternThemeConfig } from "./config";
export { pagePath, useCurrentPageUrl } from "./current-page";
export { ReaderProvider, useHasReaderProvider, useReader, type ReaderLevels } from "./reader";
export { LecternRoot, withLecternRoot } from "./root";
export { DocReadingTracker } from "./tracker";
export { usePersonalizedVersion } from "./version";
export { reasonsInWords } from "./reasons";
export { answerWord, levelName, trackName } from "./words";
