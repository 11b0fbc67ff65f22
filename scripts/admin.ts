/**
 * `npm run admin -- <command> <email> [options]`: an operator's account management on the
 * embedded database or DATABASE_URL (docs/admin.md). The commands are in ./admin-commands.
 */
import { adminCommand, adminScriptOptions } from "./admin-commands";
import { runScript } from "./run-script";

runScript(() => adminCommand(process.argv.slice(2), { out: console.log, err: console.error }), adminScriptOptions);
