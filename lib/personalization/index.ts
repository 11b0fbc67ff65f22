export { boostFactor, boostsFor, reasonsFor, readFactor, readSectionRow, targetLevelFor, targetLevelsFor, type Boost } from "./weights";
export { rankingQuery, type BookSection, type RankedChunk, type RankingQuery } from "./query";
export { bookSections, contentEngine, type ContentEngine, type EngineName } from "./engine";
export { postgresEngine } from "./postgres-engine";
export { createQdrantEngine } from "./qdrant-engine";
export { queryBody } from "./qdrant-query";
export {
  eventBatch,
  flushPersonalizationEvents,
  forgetPersonalizationEvents,
  personalizationSealedColumns,
  recordPersonalizationEvent,
  sealedEventLevels,
} from "./events";
export { personalize } from "./personalize";
export { indexSampleBookIfEmpty } from "./startup";
