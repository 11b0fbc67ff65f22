export { BookError, contentLevels, contentTracks, parseFrontMatter, type ContentLevel, type ContentTrack, type DocFrontMatter } from "./front-matter";
export { splitIntoSections, toPlainText, type Section } from "./chunking";
export { readBook, type BookDoc, type BookOptions, type ContentChunk, type InferredFlags } from "./book";
export { inferDoc, levelSteps, type DocEvidence, type DocInference } from "./inference";
export { inferenceReport, suggestedFrontMatter } from "./report";
export { indexBook, type ChunkStore } from "./indexing";
export { type BookPlace } from "./sidebar";

/** The sample book `npm start` indexes when the index is empty. */
export const sampleBookDocsDir = "examples/docusaurus-book/docs";
