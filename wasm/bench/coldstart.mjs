// One cold start, in a fresh Node process (run by bench.mjs): prints the
// phases as JSON. Mode "waybill": load wasm_exec.js, compile and instantiate
// core.wasm, start Go, first call. Mode "ts": load ts-tracking-number, first call.
import fs from "node:fs";
import vm from "node:vm";
import { createRequire } from "node:module";

const [mode, file, wasmExec] = process.argv.slice(2);
const number = "LX299455986CN";
const t0 = performance.now();
const out = {};
if (mode === "waybill") {
	vm.runInThisContext(fs.readFileSync(wasmExec, "utf8"), { filename: wasmExec });
	const t1 = performance.now();
	const mod = await WebAssembly.compile(fs.readFileSync(file));
	const t2 = performance.now();
	const go = new globalThis.Go();
	const instance = await WebAssembly.instantiate(mod, go.importObject);
	const t3 = performance.now();
	go.run(instance);
	const t4 = performance.now();
	const answer = globalThis.waybill.parse(number);
	const t5 = performance.now();
	Object.assign(out, { load: t1 - t0, compile: t2 - t1, instantiate: t3 - t2, goStart: t4 - t3, firstCall: t5 - t4, total: t5 - t0, answer });
} else {
	const ts = createRequire(import.meta.url)("ts-tracking-number");
	const t1 = performance.now();
	const answer = JSON.stringify(ts.getTracking(number) ?? null);
	const t2 = performance.now();
	Object.assign(out, { load: t1 - t0, firstCall: t2 - t1, total: t2 - t0, answer });
}
process.stdout.write(JSON.stringify(out));
