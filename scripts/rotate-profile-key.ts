/**
 * `npm run profile:rotate-key`: re-seals every registered sealed value (scripts/sealed-columns.ts)
 * that is not in the current format under the newest PROFILE_ENCRYPTION_KEY, and seals any
 * plaintext left from before a column was sealed. Put the new key first, keep the old ones after
 * it, run this, then drop the old keys. Safe to run again.
 */
import { config } from "@/lib/config";
import { rotateSealedValues, SealingError } from "@/lib/sealing";
import { runScript } from "./run-script";
import { sealedColumns } from "./sealed-columns";

async function main() {
  config();
  const report = await rotateSealedValues(sealedColumns);
  const counts = Object.entries(report.resealed).map(([name, count]) => `${name} ${count}`);
  const plaintext = Object.entries(report.plaintextSealed).filter(([, count]) => count > 0);
  console.log(`profile key rotation: newest key "${report.keyId}"; re-sealed ${counts.join(", ")}`);
  if (plaintext.length) console.log(`profile key rotation: sealed plaintext left in ${plaintext.map(([name, count]) => `${name} ${count}`).join(", ")}`);
  const unopened = Object.entries(report.unopened).filter(([, count]) => count > 0);
  if (!unopened.length) return 0;
  // Keep the old keys listed: these values need a key that is no longer configured (or were altered).
  console.error(`profile key rotation: no listed key opens ${unopened.map(([name, count]) => `${name} ${count}`).join(", ")}; left as they are`);
  return 1;
}

runScript(main, { failure: "profile key rotation failed", explains: [SealingError] });
