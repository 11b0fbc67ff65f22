// Moved to lib/contract; kept until e2e/book.spec.ts (being edited by the book work) imports it from there.
export * from "../contract/background";
