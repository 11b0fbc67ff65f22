/** The adaptive book's reader data: reading progress and section feedback (DESIGN "The adaptive book"). */
export { maxSectionsPerReader, progressOf, readUrlsOf, saveProgress, type ProgressRow, type ReadingState } from "./progress";
export { continueFrom, isAtReaderLevel, sectionTitle, type OrderedSection, type ReaderLevels } from "./continue";
export { saveFeedback, type FeedbackReason } from "./feedback";
export { openFeedbackComment, readingSealedColumns, sealedFeedbackComment, sealedFeedbackLevels } from "./sealed-columns";
