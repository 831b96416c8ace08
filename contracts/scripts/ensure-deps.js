// Runs `npm ci` only when node_modules was not installed from the current package-lock.json,
// so repeated Maven builds stay offline and fast while a changed lock always reinstalls.
"use strict";
const fs = require("fs");
const path = require("path");
const crypto = require("crypto");
const { execSync } = require("child_process");

const root = path.resolve(__dirname, "..");
const lock = path.join(root, "package-lock.json");
const stamp = path.join(root, "node_modules", ".custody-lock-sha256");
const want = crypto.createHash("sha256").update(fs.readFileSync(lock)).digest("hex");
const have = fs.existsSync(stamp) ? fs.readFileSync(stamp, "utf8").trim() : "";

if (have === want) {
  console.log("[ensure-deps] node_modules matches package-lock.json, skipping npm ci");
} else {
  console.log("[ensure-deps] running npm ci");
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  execSync(`${npm} ci --no-audit --no-fund`, { cwd: root, stdio: "inherit" });
  fs.writeFileSync(stamp, want + "\n");
}
