import { cpSync, readdirSync } from "node:fs";
import path from "node:path";

/**
 * A textbook-sized book made from a small one: every chapter folder of `docsDir` copied `copies`
 * times as `<chapter>-<n>`. Many chunks share a level and tracks, so rankings have many ties and
 * more favoured chunks than an engine's candidate limit.
 */
export function writeCopiedBook(docsDir: string, target: string, copies: number): string {
  for (let copy = 1; copy <= copies; copy++) {
    for (const entry of readdirSync(docsDir, { withFileTypes: true })) {
      if (entry.isDirectory()) cpSync(path.join(docsDir, entry.name), path.join(target, `${entry.name}-${copy}`), { recursive: true });
    }
  }
  return target;
}
