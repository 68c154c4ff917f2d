// Budgets of core.wasm that no change may break silently (DESIGN.md, Performance;
// prompts' hard rules): its size, and the packages that would blow it.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { execFileSync } from "node:child_process";
import { coreWasm, root } from "./helpers.mjs";

// 2.5 MB, in the decimal megabytes DESIGN.md measures in (a bare program is 1.84 MB).
const BUDGET = 2_500_000;

test("core.wasm is at most 2.5 MB raw", () => {
	const size = fs.statSync(coreWasm).size;
	assert.ok(size <= BUDGET, `core.wasm is ${size} bytes, over the budget of ${BUDGET} ` +
		"(`make bench-wasm` prints the code size of every package)");
});

// Each of these costs hundreds of KB in core.wasm (measured: os +340 KB, regexp +820 KB,
// fmt +690 KB, encoding/json and gjson +1.2–1.6 MB) or breaks "no I/O in the core".
const FORBIDDEN = ["os", "fmt", "regexp", "encoding/json", "reflect", "net", "net/http",
	"github.com/tidwall/gjson", "github.com/tidwall/pretty"];
// Forbidden as a direct import of our own packages (the core is pure Go, and the bridge
// uses //go:wasmexport); on js/wasm the standard library's time package imports it itself.
const OURS_ONLY = ["syscall/js"];
const MODULE = "github.com/waybill/waybill/";

test("core.wasm imports none of the packages that blow the budget", () => {
	const out = execFileSync(process.env.GO || "go",
		["list", "-deps", "-f", "{{.ImportPath}}\t{{join .Imports \" \"}}", "./wasm"],
		{ cwd: root, env: { ...process.env, GOOS: "js", GOARCH: "wasm" }, encoding: "utf8" });
	const importers = new Map(); // package -> packages importing it
	for (const line of out.trim().split("\n")) {
		const [pkg, imports = ""] = line.split("\t");
		for (const imp of imports.split(" ").filter(Boolean)) {
			importers.set(imp, [...(importers.get(imp) ?? []), pkg]);
		}
		importers.set(pkg, importers.get(pkg) ?? []);
	}
	const found = [
		...FORBIDDEN.filter((p) => importers.has(p)).map((p) => `${p} (imported by ${importers.get(p).join(", ")})`),
		...OURS_ONLY.filter((p) => (importers.get(p) ?? []).some((i) => i.startsWith(MODULE)))
			.map((p) => `${p} (imported by ${importers.get(p).filter((i) => i.startsWith(MODULE)).join(", ")})`),
	];
	assert.deepEqual(found, [], "forbidden packages in core.wasm");
});
