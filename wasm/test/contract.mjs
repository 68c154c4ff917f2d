// Shape checks of contract 1's answers (DESIGN.md), shared by the call tests.
import assert from "node:assert/strict";
import { STATUSES, isError } from "./helpers.mjs";

const CHECK_DIGIT = ["valid", "invalid", "none"];

/** Asserts that v is a contract-1 parse answer, and returns it. */
export function assertParse(v, label = "") {
	const at = (what) => `${label}: ${what} in ${JSON.stringify(v).slice(0, 300)}`;
	assert.ok(!isError(v), at("error answer"));
	assert.equal(typeof v.input, "string", at("input"));
	assert.equal(typeof v.number, "string", at("number"));
	assert.equal(typeof v.valid, "boolean", at("valid"));
	assert.ok(Array.isArray(v.candidates), at("candidates"));
	assert.ok(Array.isArray(v.problems), at("problems"));
	if ("suggestions" in v) {
		assert.ok(Array.isArray(v.suggestions), at("suggestions"));
	}
	let proven = true; // check-digit-proven candidates rank first
	for (const c of v.candidates) {
		assert.match(c.courier, /^[a-z0-9_]+$/, at("courier"));
		assert.equal(typeof c.carrier, "string", at("carrier"));
		assert.equal(typeof c.format, "string", at("format"));
		assert.ok(CHECK_DIGIT.includes(c.checkDigit), at("checkDigit"));
		if ("country" in c) {
			assert.equal(typeof c.country, "string", at("country"));
		}
		assert.ok(Number.isFinite(c.confidence) && c.confidence >= 0, at("confidence"));
		if (c.checkDigit !== "valid") {
			proven = false;
		} else {
			assert.ok(proven, at("a check-digit-proven candidate ranked below an unproven one"));
		}
	}
	if (v.valid) {
		assert.ok(v.candidates.length > 0, at("valid without candidates"));
	}
	return v;
}

/** Does a problems list name this problem (as a string or as {code})? */
export function hasProblem(v, code) {
	return v.problems.some((p) => p === code || (p !== null && typeof p === "object" && p.code === code));
}

/** Asserts that v is a contract-1 extract answer for text, and returns it. */
export function assertExtract(v, text, label = "") {
	const at = (what) => `${label}: ${what} in ${JSON.stringify(v).slice(0, 300)}`;
	assert.ok(Array.isArray(v), at("not an array"));
	const seen = new Set();
	let last = -1;
	for (const item of v) {
		assert.equal(typeof item.number, "string", at("number"));
		assert.ok(Number.isInteger(item.start) && Number.isInteger(item.end), at("offsets"));
		assert.ok(item.start >= 0 && item.start < item.end && item.end <= text.length, at(`span ${item.start}..${item.end}`));
		assert.ok(item.start >= last, at("items out of text order"));
		last = item.start;
		assert.ok(!seen.has(item.number), at(`duplicate ${item.number}`));
		seen.add(item.number);
		assertParse({ input: text.slice(item.start, item.end), ...item }, `${label} ${item.number}`);
	}
	return v;
}

/** Asserts that v is a contract-1 status answer (classify, and merge's head). */
export function assertStatus(v, label = "") {
	assert.ok(!isError(v), `${label}: ${JSON.stringify(v)}`);
	assert.ok(STATUSES.includes(v.status), `${label}: status ${v.status}`);
	if ("sub" in v) {
		assert.equal(typeof v.sub, "string", `${label}: sub`);
	}
	return v;
}
