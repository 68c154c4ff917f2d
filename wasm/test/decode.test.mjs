// decode(json), the extension of contract 1 that turns a tracker's raw payload into
// merge input (internal/api/decode.go), through the real core.wasm, on every real
// payload of the repository's test data — and decode → merge end to end. core.wasm links
// the AliExpress decoder only (api.DecodeOnly; the extension decodes nothing else, the
// worker decodes Cainiao and 17TRACK natively): those answer unsupported_source here.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { start, call, isError, testdata, STATUSES } from "./helpers.mjs";
import { assertStatus } from "./contract.mjs";

const { waybill } = await start();
const ERRORS = ["bad_json", "bad_input", "unknown_source", "unsupported_source", "bad_payload", "unsupported_payload", "upstream_error"];

const payloads = [];
for (const [dir, source] of [["upstream/cainiao", "cainiao"], ["upstream/17track", "17track"], ["aliexpress", "aliexpress"]]) {
	const full = path.join(testdata, dir);
	for (const f of fs.readdirSync(full).filter((f) => f.endsWith(".json")).sort()) {
		payloads.push({ name: `${dir}/${f}`, source, text: fs.readFileSync(path.join(full, f), "utf8") });
	}
}

function assertSources(v, label) {
	assert.ok(Array.isArray(v.sources), `${label}: ${JSON.stringify(v).slice(0, 200)}`);
	for (const s of v.sources) {
		assert.equal(typeof s.source, "string", label);
		assert.equal(typeof s.number, "string", label);
		if (s.error) {
			assert.equal(typeof s.error.code, "string", label);
			continue;
		}
		assert.ok(Array.isArray(s.events), label);
		const times = s.events.map((e) => Date.parse(e.time));
		assert.ok(times.every((t) => !Number.isNaN(t)), `${label}: event times`);
		assert.deepEqual(times, [...times].sort((a, b) => a - b), `${label}: oldest first`);
		for (const e of s.events) {
			assert.equal(typeof e.text, "string", label);
			assert.ok(STATUSES.includes(e.status), `${label}: ${e.status}`);
		}
	}
}

test("the test data has payloads of every source", () => {
	for (const source of ["cainiao", "17track", "aliexpress"]) {
		assert.ok(payloads.some((p) => p.source === source), source);
	}
});

test("every real payload decodes, or is refused with a documented error", () => {
	let decoded = 0;
	for (const p of payloads) {
		for (const input of [`{"source":"${p.source}","payload":${p.text}}`, JSON.stringify({ source: p.source, payload: p.text })]) {
			const v = call(waybill.decode, input);
			if (p.source !== "aliexpress") {
				assert.equal(v.error?.code, "unsupported_source", `${p.name}: ${JSON.stringify(v).slice(0, 200)}`);
				continue;
			}
			if (isError(v)) {
				assert.ok(ERRORS.includes(v.error.code), `${p.name}: ${JSON.stringify(v)}`);
				continue;
			}
			assertSources(v, p.name);
			decoded++;
		}
	}
	const aliexpress = payloads.filter((p) => p.source === "aliexpress").length;
	assert.ok(decoded >= aliexpress, `only ${decoded} decodes`);
});

test("decode then merge: every decoded tracking payload merges into a timeline", () => {
	let merged = 0;
	for (const p of payloads.filter((p) => p.source === "aliexpress")) {
		const v = call(waybill.decode, `{"source":"${p.source}","payload":${p.text}}`);
		if (isError(v) || v.sources.length === 0) {
			continue;
		}
		const m = assertStatus(call(waybill.merge, JSON.stringify({ now: "2026-11-24T00:00:00Z", sources: v.sources })), p.name);
		const events = v.sources.reduce((n, s) => n + (s.events?.length ?? 0), 0);
		assert.ok(m.events.length <= events, p.name);
		assert.ok(events === 0 || m.events.length > 0, `${p.name}: events lost`);
		merged++;
	}
	assert.ok(merged >= 1, `only ${merged} payloads merged`);
});

test("malformed input is an error naming the problem, never internal", () => {
	for (const text of ["", "{", "[]", "42", '{"payload":{}}', '{"source":"nowhere","payload":{}}',
		'{"source":"cainiao"}', '{"source":"cainiao","payload":[1,2]}', '{"source":"cainiao","payload":"{"}', "\uD800"]) {
		const v = call(waybill.decode, text);
		assert.ok(isError(v), `${text}: ${JSON.stringify(v).slice(0, 200)}`);
		assert.ok(ERRORS.includes(v.error.code), `${text}: ${v.error.code}`);
	}
});
