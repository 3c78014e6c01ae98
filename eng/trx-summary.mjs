// Sums the counters of every .trx file under a folder into the closing line CI reads:
// "N passed, N failed, N skipped". Node is on every machine this project runs on; python may not be.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

function* trxFiles(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* trxFiles(path);
    else if (name.endsWith(".trx")) yield path;
  }
}

const counters = { passed: 0, failed: 0, skipped: 0 };
for (const file of trxFiles(process.argv[2])) {
  const tag = readFileSync(file, "utf8").match(/<Counters\b[^>]*>/);
  if (!tag) continue;
  const get = (name) => Number((tag[0].match(new RegExp(`\\b${name}="(\\d+)"`)) || [0, 0])[1]);
  counters.passed += get("passed");
  counters.failed += get("failed") + get("error") + get("timeout") + get("aborted");
  counters.skipped += get("notExecuted");
}
console.log(`${counters.passed} passed, ${counters.failed} failed, ${counters.skipped} skipped`);
