/** `npm run index`: the command is in ./index-book-command (what it does, its options). */
import { indexBookCommand, indexScriptOptions } from "./index-book-command";
import { runScript } from "./run-script";

runScript(() => indexBookCommand(process.argv.slice(2), { out: console.log, err: console.warn }), indexScriptOptions);
