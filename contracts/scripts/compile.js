// Compiles every contract under a source folder (src/main/solidity unless a second argument names another, such as
// src/test/solidity for test fixtures) with the pinned solcjs (no compiler download), writing <Name>.abi and
// <Name>.bin for web3j codegen and tests into the output folder.
"use strict";
const fs = require("fs");
const path = require("path");
const solc = require("solc");

const root = path.resolve(__dirname, "..");
const outDir = path.resolve(process.argv[2] || path.join(root, "target", "solidity"));
const srcDir = path.resolve(root, process.argv[3] || path.join("src", "main", "solidity"));

function listSol(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return listSol(p);
    return e.name.endsWith(".sol") ? [p] : [];
  });
}

const files = listSol(srcDir);
const sources = {};
for (const f of files) {
  sources[path.relative(srcDir, f).split(path.sep).join("/")] = { content: fs.readFileSync(f, "utf8") };
}

const input = {
  language: "Solidity",
  sources,
  settings: {
    optimizer: { enabled: true, runs: 200 },
    evmVersion: "cancun",
    outputSelection: { "*": { "*": ["abi", "evm.bytecode.object"] } },
  },
};

// Imports such as "@openzeppelin/contracts/..." resolve inside node_modules only.
function findImports(importPath) {
  const candidates = [path.join(root, "node_modules", importPath), path.join(srcDir, importPath)];
  for (const c of candidates) {
    if (fs.existsSync(c)) return { contents: fs.readFileSync(c, "utf8") };
  }
  return { error: "not found: " + importPath };
}

const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));
const errors = (output.errors || []).filter((e) => e.severity === "error");
for (const e of output.errors || []) console.error(e.formattedMessage);
if (errors.length > 0) process.exit(1);

fs.mkdirSync(outDir, { recursive: true });
let count = 0;
for (const file of Object.keys(sources)) {
  for (const [name, c] of Object.entries(output.contracts[file] || {})) {
    if (!c.evm.bytecode.object) continue; // interfaces and abstract contracts have no bytecode
    fs.writeFileSync(path.join(outDir, name + ".abi"), JSON.stringify(c.abi));
    fs.writeFileSync(path.join(outDir, name + ".bin"), c.evm.bytecode.object);
    count++;
  }
}
fs.writeFileSync(path.join(outDir, "solc-version.txt"), solc.version() + "\n");
console.log(`[compile] solc ${solc.version()}: ${count} contracts -> ${outDir}`);
