/**
 * `npm run profile:rotate-key`: re-encrypts every stored background (and the levels kept in
 * profile-change audit rows) with the newest PROFILE_ENCRYPTION_KEY. Put the new key first,
 * keep the old ones after it, run this, then drop the old keys. Safe to run again.
 */
import { config } from "@/lib/config";
import { rotateProfileKeys } from "@/lib/profile";
import { runScript } from "./run-script";

async function main() {
  config();
  const report = await rotateProfileKeys();
  console.log(
    `profile key rotation: newest key "${report.keyId}"; re-encrypted ${report.profiles} profile(s), ${report.auditEvents} audit row(s) and ${report.personalizationEvents} personalization event(s)`,
  );
}

runScript(main, { failure: "profile key rotation failed" });
