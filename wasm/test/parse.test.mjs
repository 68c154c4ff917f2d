// Contract 1, parse(text), through the real core.wasm.
import { test } from "node:test";
import assert from "node:assert/strict";
import { start, call, readTSV, isError } from "./helpers.mjs";
import { assertParse, hasProblem } from "./contract.mjs";

const { waybill } = await start();
const parse = (text) => call(waybill.parse, text);

test("a plain S10 number", () => {
	const v = assertParse(parse("LX299455986CN"));
	assert.equal(v.input, "LX299455986CN");
	assert.equal(v.number, "LX299455986CN");
	assert.equal(v.valid, true);
	assert.equal(v.candidates[0].checkDigit, "valid");
	assert.ok(v.candidates.some((c) => c.courier === "s10"), JSON.stringify(v.candidates));
});

// Every way a pasted number arrives (reference/tracking-numbers.md §6) parses to the same number.
const PASTED = {
	"spaces, dashes, lower case": " lx 299-455-986 cn ",
	"fullwidth": "\uFF2C\uFF38\uFF12\uFF19\uFF19\uFF14\uFF15\uFF15\uFF19\uFF18\uFF16\uFF23\uFF2E",
	"fullwidth with ideographic spaces": "\u3000\uFF2C\uFF38\u3000\uFF12\uFF19\uFF19\u3000\uFF14\uFF15\uFF15\u3000\uFF19\uFF18\uFF16\u3000\uFF23\uFF2E\u3000",
	"fullwidth hyphens": "LX\uFF0D299\uFF0D455\uFF0D986\uFF0DCN",
	"NBSP and thin spaces": "LX\u00A0299\u2009455\u202F986\u00A0CN",
	"zero-width and BOM": "\uFEFFLX\u200B299455\u200C986\u200DCN\u2060",
	"bidi marks": "\u200ELX299455986CN\u200F",
	"dots and en dashes": "LX.299.455.986.CN",
	"en and em dashes": "LX\u2013299\u2014455\u2212986 CN",
	"Cyrillic look-alikes in letter positions": "L\u0425299455986\u0421N",
	"lower-case Cyrillic look-alikes": "l\u0445299455986\u0441n",
	"tab and newline": "LX\t299455986\nCN",
};

for (const [label, text] of Object.entries(PASTED)) {
	test(`normalises ${label}`, () => {
		const v = assertParse(parse(text), label);
		assert.equal(v.input, text);
		assert.equal(v.number, "LX299455986CN");
		assert.equal(v.valid, true);
		assert.equal(v.candidates[0].checkDigit, "valid");
	});
}

test("an AliExpress order id is not a tracking number", () => {
	for (const row of readTSV("numbers/extra_vectors.tsv").filter((r) => r.courier_code === "aliexpress_order")) {
		const v = assertParse(parse(row.number), row.number);
		assert.equal(v.valid, false, row.number);
		assert.ok(hasProblem(v, "order_number"), JSON.stringify(v.problems));
	}
});

/** Is b one substitution or one adjacent transposition away from a? */
function oneTypoApart(a, b) {
	if (a.length !== b.length) {
		return false;
	}
	const diff = [...a].map((c, i) => (c === b[i] ? -1 : i)).filter((i) => i >= 0);
	return diff.length === 1 ||
		(diff.length === 2 && diff[1] === diff[0] + 1 && a[diff[0]] === b[diff[1]] && a[diff[1]] === b[diff[0]]);
}

test("a wrong S10 check digit is invalid, and suggestions are proven numbers one typo away", () => {
	const v = assertParse(parse("LX299455987CN"));
	assert.equal(v.number, "LX299455987CN");
	assert.equal(v.valid, false);
	assert.ok(v.candidates.every((c) => c.checkDigit !== "valid"), JSON.stringify(v.candidates));
	assert.ok(Array.isArray(v.suggestions) && v.suggestions.length > 0, JSON.stringify(v));
	for (const s of v.suggestions) {
		const n = typeof s === "string" ? s : s.number;
		assert.ok(oneTypoApart(v.number, n), `${n} is not one typo from ${v.number}`);
		const p = parse(n);
		assert.equal(p.valid, true, n);
		assert.equal(p.candidates[0].checkDigit, "valid", n);
	}
});

test("empty and blank input answer a parse with no candidates, or an error", () => {
	for (const text of ["", " ", "\u3000\u200B", "\uD800"]) {
		const v = parse(text);
		if (isError(v)) {
			assert.notEqual(v.error.code, "internal", JSON.stringify(v));
			continue;
		}
		assertParse(v, JSON.stringify(text));
		assert.equal(v.valid, false);
	}
});

test("invalid UTF-16 is parsed, not thrown: a lone surrogate arrives as U+FFFD", () => {
	const v = assertParse(parse("LX299455986CN\uD800"), "lone surrogate");
	assert.equal(v.input, "LX299455986CN\uFFFD");
});

// The whole test data set through wasm: every answer is well-formed, and every
// number tracking_number_data calls valid has a candidate of its courier whose check
// digit does not fail (tnd's own notion of "valid"; internal/tracknum tests the rest).
for (const file of ["numbers/tracking_number_data.tsv", "numbers/extra_vectors.tsv"]) {
	test(`every row of ${file} answers a well-formed parse`, () => {
		const rows = readTSV(file);
		assert.ok(rows.length > 200);
		for (const row of rows) {
			assertParse(parse(row.number), `${row.courier_code} ${row.number}`);
		}
	});
}

test("every valid tracking_number_data number has a candidate of its courier", () => {
	const wrong = [];
	for (const row of readTSV("numbers/tracking_number_data.tsv").filter((r) => r.valid_or_invalid === "valid")) {
		const v = parse(row.number);
		if (!v.candidates.some((c) => c.courier === row.courier_code && c.checkDigit !== "invalid")) {
			wrong.push(`${row.courier_code} ${row.number}: ${JSON.stringify(v).slice(0, 200)}`);
		}
	}
	assert.deepEqual(wrong, []);
});
