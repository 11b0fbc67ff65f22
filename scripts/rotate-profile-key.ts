/**
 * `npm run profile:rotate-key`: re-encrypts every stored background (and the levels kept in
 * profile-change audit rows) with the newest PROFILE_ENCRYPTION_KEY. Put the new key first,
 * keep the old ones after it, run this, then drop the old keys. Safe to run again.
 */
import { closeDatabase, DatabaseInUseError } from "@/db";
import { config, ConfigError } from "@/lib/config";
import { rotateProfileKeys } from "@/lib/profile";

async function main() {
  config();
  const report = await rotateProfileKeys();
  console.log(
    `profile key rotation: newest key "${report.keyId}"; re-encrypted ${report.profiles} profile(s), ${report.auditEvents} audit row(s) and ${report.personalizationEvents} personalization event(s)`,
  );
}

main()
  .catch((error: unknown) => {
    const plain = error instanceof ConfigError || error instanceof DatabaseInUseError;
    console.error(plain ? error.message : `profile key rotation failed: ${error instanceof Error ? error.message : error}`);
    process.exitCode = 1;
  })
  // A database that never opened has nothing to close; its error is already printed.
  .finally(() => closeDatabase().catch(() => {}));
