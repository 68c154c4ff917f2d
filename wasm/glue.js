// Waybill glue, appended to Go's wasm_exec.js by `make wasm` (see wasm/README.md).
//
// It presents contract 1 of DESIGN.md: after go.run(instance), globalThis.waybill
// has `version` and parse/extract/classify/merge/decode, each taking one string
// and returning one JSON string, never throwing. The functions are thin wrappers
// over core.wasm's //go:wasmexport functions: the input is written as UTF-8 into
// a Go-owned buffer (waybill_alloc), waybill_call answers with the packed
// address and length of its answer, which stays valid until the next call.
// No eval, no new Function: this runs as a classic script in an MV3 service
// worker (importScripts) as well as in Node.
(() => {
	"use strict";

	const Go = globalThis.Go;
	if (typeof Go !== "function" || Go.prototype.__waybillRun) {
		return; // wasm_exec.js missing, or this glue already ran
	}

	// Keep in sync with wasm/main.go (function numbers) and internal/api.MaxInput.
	const CALLS = { parse: 0, extract: 1, classify: 2, merge: 3, decode: 4 };
	const MAX_INPUT = 4 << 20;
	// Input buffers above this size are given back after use (see alloc below).
	const KEEP_INPUT = 1 << 20;
	const TEST_PANICS = { string: 100, index: 101, nil: 102, nilmap: 103 };

	const encoder = new TextEncoder();
	const decoder = new TextDecoder(); // replaces invalid UTF-8 with U+FFFD, never throws

	const errorJSON = (code, message) => JSON.stringify({ error: { code, message } });

	const describe = (v) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);

	// globalThis.waybillReady resolves with globalThis.waybill once the first Go
	// instance is running, and rejects if that instance could not start; after a
	// failed start, the next instance that starts replaces it with a resolved one.
	let settle;
	let state = "pending";
	globalThis.waybillReady = new Promise((resolve, reject) => {
		settle = { resolve, reject };
	});
	globalThis.waybillReady.catch(() => {}); // a loader that never awaits it must not see an unhandled rejection
	const started = (waybill) => {
		if (state === "pending") {
			settle.resolve(waybill);
		} else if (state === "failed") {
			globalThis.waybillReady = Promise.resolve(waybill);
		}
		state = "running";
	};
	const failed = (err) => {
		if (state === "pending") {
			settle.reject(err);
			state = "failed";
		}
	};

	// bind builds the contract-1 object over one running instance.
	function bind(go, exports) {
		let ptr = 0; // the Go-owned input buffer
		let cap = 0;

		const answer = (packed) => {
			const len = Number(packed >> 32n);
			if (len === 0) {
				return "";
			}
			const at = Number(packed & 0xffffffffn);
			// A fresh view every time: linear memory may have grown during the call.
			return decoder.decode(new Uint8Array(exports.mem.buffer, at, len));
		};

		const invoke = (name, fn, text) => {
			if (typeof text !== "string") {
				return errorJSON("bad_input", `${name}: the argument must be a string, not ${describe(text)}`);
			}
			try {
				if (go.exited) {
					return errorJSON("internal", `${name}: the Go runtime has exited`);
				}
				// UTF-8 needs at most 3 bytes per UTF-16 code unit. Past MAX_INPUT the
				// buffer is cut off: encodeInto stops early, the call then gets more
				// than MAX_INPUT bytes and Go answers "too_large".
				const need = Math.min(text.length * 3, MAX_INPUT + 4);
				if (need > cap || (cap > KEEP_INPUT && need * 4 < cap)) {
					ptr = exports.waybill_alloc(need) >>> 0;
					cap = need;
				}
				const { written } = encoder.encodeInto(text, new Uint8Array(exports.mem.buffer, ptr, need));
				return answer(exports.waybill_call(fn, written));
			} catch (e) {
				return errorJSON("internal", `${name}: ${(e && e.message) || String(e)}`);
			}
		};

		const waybill = {
			version: answer(exports.waybill_version()),
			parse: (text) => invoke("parse", CALLS.parse, text),
			extract: (text) => invoke("extract", CALLS.extract, text),
			classify: (json) => invoke("classify", CALLS.classify, json),
			merge: (json) => invoke("merge", CALLS.merge, json),
			decode: (json) => invoke("decode", CALLS.decode, json),
		};
		// Only a build with -tags waybill_testhooks has this export (wasm/testhooks.go).
		if (typeof exports.waybill_testhooks === "function") {
			waybill.testPanic = (kind, text = "") => invoke("testPanic", TEST_PANICS[kind] ?? -1, text);
		}
		return Object.freeze(waybill);
	}

	const run = Go.prototype.run;
	Go.prototype.__waybillRun = run;
	Go.prototype.run = function (instance) {
		// run's synchronous part starts Go; main then blocks in select{} and
		// control comes back here with the exports callable.
		const done = run.call(this, instance);
		const exports = instance && instance.exports;
		if (!exports || typeof exports.waybill_call !== "function") {
			failed(new Error("waybill: this instance is not core.wasm"));
		} else if (this.exited) {
			failed(new Error("waybill: the Go program exited during start-up"));
		} else {
			this.waybill = globalThis.waybill = bind(this, exports);
			started(this.waybill);
		}
		return done;
	};

	// waybillLoad(source) instantiates core.wasm and runs it; it resolves with
	// globalThis.waybill. source: a Response or a promise of one (streaming
	// compile, e.g. fetch(chrome.runtime.getURL("core/core.wasm"))), bytes
	// (ArrayBuffer or a typed array) or a WebAssembly.Module.
	globalThis.waybillLoad = async (source) => {
		const go = new Go();
		source = await source;
		let instance;
		if (source instanceof WebAssembly.Module) {
			instance = await WebAssembly.instantiate(source, go.importObject);
		} else if (typeof Response === "function" && source instanceof Response) {
			instance = (await WebAssembly.instantiateStreaming(source, go.importObject)).instance;
		} else {
			instance = (await WebAssembly.instantiate(source, go.importObject)).instance;
		}
		go.run(instance).catch(() => {}); // a failed start is reported below
		if (go.exited || !go.waybill) {
			throw new Error("waybill: core.wasm did not start");
		}
		return go.waybill;
	};
})();
