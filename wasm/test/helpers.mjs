// Shared helpers of the Node tests: load the built core.wasm through the
// built wasm_exec.js exactly as an MV3 service worker would (a classic script
// evaluated in the global scope), and read the repository's test data.
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { fileURLToPath } from "node:url";

export const wasmDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const root = path.resolve(wasmDir, "..");
export const testdata = path.join(root, "internal", "testdata");
export const coreWasm = path.join(root, "extension/core/core.wasm");
export const wasmExecJs = path.join(root, "extension/core/wasm_exec.js");
export const testhooksWasm = path.join(root, "out/wasm/core_testhooks.wasm");

/** The statuses of contract 1. */
export const STATUSES = [
	"pending", "info_received", "in_transit", "out_for_delivery", "available_for_pickup",
	"delivery_failed", "delivered", "exception", "returning", "returned", "cancelled",
	"expired", "not_found", "unknown",
];

let loaded = false;

/** Evaluates extension/core/wasm_exec.js once, as a classic script (like importScripts). */
export function loadWasmExec() {
	if (!loaded) {
		vm.runInThisContext(fs.readFileSync(wasmExecJs, "utf8"), { filename: wasmExecJs });
		loaded = true;
	}
	return globalThis.Go;
}

/**
 * Instantiates a wasm file and runs it the way contract 1 describes
 * (new Go(), instantiate, go.run(instance) without awaiting it).
 * Returns { go, instance, waybill } where waybill is globalThis.waybill right after go.run.
 */
export async function start(file = coreWasm) {
	const Go = loadWasmExec();
	const go = new Go();
	const { instance } = await WebAssembly.instantiate(fs.readFileSync(file), go.importObject);
	go.run(instance);
	return { go, instance, waybill: globalThis.waybill };
}

/** Calls fn(text) and parses its answer, failing loudly if it is not JSON. */
export function call(fn, text) {
	const out = fn(text);
	if (typeof out !== "string") {
		throw new Error(`answer is ${typeof out}, not a string`);
	}
	try {
		return JSON.parse(out);
	} catch (e) {
		throw new Error(`answer is not JSON: ${out.slice(0, 200)}`);
	}
}

/** Reads a TSV file under internal/testdata into objects keyed by its header. */
export function readTSV(rel) {
	const lines = fs.readFileSync(path.join(testdata, rel), "utf8").split("\n").filter((l) => l !== "");
	const head = lines.shift().split("\t");
	return lines.map((l) => {
		const cells = l.split("\t");
		return Object.fromEntries(head.map((h, i) => [h, cells[i] ?? ""]));
	});
}

/** Asserts-free predicate: is v an error answer {"error":{"code","message"}}? */
export function isError(v) {
	return v !== null && typeof v === "object" && !Array.isArray(v) && typeof v.error === "object" &&
		v.error !== null && typeof v.error.code === "string" && typeof v.error.message === "string";
}
