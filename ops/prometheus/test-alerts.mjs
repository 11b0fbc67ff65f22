// Runs `promtool test rules` on the alert tests and writes a report in the shape .ci/summary.mjs
// adds up (vitest's numPassedTests/numFailedTests), one test per `- name:` group, so the alert
// tests count in CI's closing line. Usage: node ops/prometheus/test-alerts.mjs [report.json]
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const here = import.meta.dirname;
const testFile = path.join(here, "alerts.test.yml");
const reportFile = process.argv[2];

const groups = [...readFileSync(testFile, "utf8").matchAll(/^ {2}- name: (.+)$/gm)].map((match) => match[1].trim());
const run = spawnSync("promtool", ["test", "rules", testFile], { encoding: "utf8" });
if (run.error) {
  console.error(`promtool could not run (${run.error.message}); install Debian's prometheus package`);
}
process.stdout.write(run.stdout ?? "");
process.stderr.write(run.stderr ?? "");

const output = `${run.stdout ?? ""}\n${run.stderr ?? ""}`;
const failedNames = new Set([...output.matchAll(/^\s*name: (.+),$/gm)].map((match) => match[1].trim()));
const passedAll = run.status === 0;
// A failure promtool could not pin on a group (a broken rule file) fails every group.
const failed = passedAll ? 0 : failedNames.size || groups.length;
const passed = groups.length - failed;
console.log(`alert rule tests: ${passed} passed, ${failed} failed (${groups.length} groups)`);

if (reportFile) {
  writeFileSync(
    reportFile,
    JSON.stringify({ tool: "promtool", numPassedTests: passed, numFailedTests: failed, numPendingTests: 0, failed: [...failedNames] }, null, 2),
  );
}
process.exit(passedAll && groups.length > 0 ? 0 : 1);
