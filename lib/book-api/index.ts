export { isSectionOfBook, readingProgressOf } from "./reading-progress";
export { apiDocument } from "./openapi/document";
