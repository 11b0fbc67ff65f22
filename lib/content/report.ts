import type { BookDoc } from "./book";

/** `npm run index -- --report`: per doc, what was inferred (or written), how sure, and the top signals. */
export function inferenceReport(docs: BookDoc[]): string {
  const lines: string[] = [];
  for (const doc of docs) {
    const { level, tracks, candidates, tracksConfidence } = doc.inference;
    lines.push(doc.file);
    const levelSource = doc.declared.level ? `front matter: ${doc.declared.level}; inferred ${level.level}` : `inferred ${level.level}`;
    lines.push(`  level   ${levelSource} (confidence ${level.confidence.toFixed(2)}): ${level.signals.join("; ")}`);
    const inferredTracks = tracks.map((track) => track.track).join(", ") || "none";
    const trackSource = doc.declared.tracks
      ? `front matter: ${doc.declared.tracks.join(", ") || "none"}; inferred ${inferredTracks}`
      : `inferred ${inferredTracks}`;
    lines.push(`  tracks  ${trackSource} (confidence ${tracksConfidence.toFixed(2)})`);
    for (const candidate of candidates) {
      const chosen = tracks.includes(candidate) ? "*" : " ";
      lines.push(`   ${chosen} ${candidate.track.padEnd(11)} ${candidate.score.toFixed(1).padStart(5)}  ${candidate.signals.join("; ") || "no signal"}`);
    }
  }
  const untagged = docs.filter((doc) => !doc.declared.level || !doc.declared.tracks).length;
  lines.push("", `${docs.length} docs; ${untagged} without level or tracks in front matter (those use the inferred values).`);
  return lines.join("\n");
}

/**
 * `npm run index -- --suggest <file>`: front matter an author can review and paste, one block per
 * doc that lacks level or tracks, with the signals as comments. Nothing in the book is changed.
 */
export function suggestedFrontMatter(docs: BookDoc[]): string {
  const blocks = ["# Suggested level and tracks (npm run index -- --suggest). Review each, then paste it into the doc's front matter.", ""];
  for (const doc of docs) {
    if (doc.declared.level && doc.declared.tracks) continue;
    const { level, tracks, tracksConfidence } = doc.inference;
    blocks.push(`# ${doc.file} (level confidence ${level.confidence.toFixed(2)}, tracks confidence ${tracksConfidence.toFixed(2)})`);
    if (!doc.declared.level) blocks.push(`# level ${level.level}: ${level.signals.join("; ")}`);
    if (!doc.declared.tracks) for (const track of tracks) blocks.push(`# ${track.track}: ${track.signals.join("; ")}`);
    blocks.push("---");
    if (!doc.declared.level) blocks.push(`level: ${level.level}`);
    if (!doc.declared.tracks) blocks.push(`tracks: [${tracks.map((track) => track.track).join(", ")}]`);
    blocks.push("---", "");
  }
  return blocks.join("\n");
}
