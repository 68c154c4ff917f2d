// Contract 1, extract(text), through the real core.wasm: offsets are JavaScript
// string indices (UTF-16 code units) into the text as given.
import { test } from "node:test";
import assert from "node:assert/strict";
import { start, call, readTSV } from "./helpers.mjs";
import { assertExtract } from "./contract.mjs";

const { waybill } = await start();
const extract = (text) => assertExtract(call(waybill.extract, text), text, JSON.stringify(text).slice(0, 60));
const parse = (text) => call(waybill.parse, text);

/** The spans of each extracted number, as [number, text.slice(start, end)]. */
const spans = (text) => extract(text).map((i) => [i.number, text.slice(i.start, i.end)]);

test("a number in a sentence", () => {
	const text = "Your parcel LX299455986CN has shipped.";
	const [item, ...rest] = extract(text);
	assert.deepEqual(rest, []);
	assert.equal(item.number, "LX299455986CN");
	assert.equal(item.start, 12);
	assert.equal(item.end, 25);
	assert.equal(item.valid, true);
});

// label: [text, the span extract must report, its number]
const CASES = {
	"emoji before the number": ["\u{1F4E6}\u{1F69A} LX299455986CN", "LX299455986CN", "LX299455986CN"],
	"astral letters before the number": ["\u{1D400}\u{1D401}\u{20000}: RB123456785GB", "RB123456785GB", "RB123456785GB"],
	"a lone surrogate before the number": ["\uD800 \uDFFF LX299455986CN", "LX299455986CN", "LX299455986CN"],
	"combining marks before the number": ["Se\u0301bastien, n\u0303 LX299455986CN", "LX299455986CN", "LX299455986CN"],
	"a spaced number": ["tracking: LX 299 455 986 CN.", "LX 299 455 986 CN", "LX299455986CN"],
	"a dashed lower-case number": ["(lx-299-455-986-cn)", "lx-299-455-986-cn", "LX299455986CN"],
	"a fullwidth number in Chinese text": [
		"\u8FD0\u5355\u53F7\uFF1A\uFF2C\uFF38\uFF12\uFF19\uFF19\uFF14\uFF15\uFF15\uFF19\uFF18\uFF16\uFF23\uFF2E\uFF0C\u8BF7\u67E5\u6536",
		"\uFF2C\uFF38\uFF12\uFF19\uFF19\uFF14\uFF15\uFF15\uFF19\uFF18\uFF16\uFF23\uFF2E", "LX299455986CN"],
	"a number inside a URL": ["see https://global.cainiao.com/detail.htm?mailNoList=LX299455986CN&lang=en", "LX299455986CN", "LX299455986CN"],
	"a number after 100,000 emoji": ["\u{1F4E6}".repeat(100000) + " LX299455986CN", "LX299455986CN", "LX299455986CN"],
};

for (const [label, [text, span, number]] of Object.entries(CASES)) {
	test(`offsets are JavaScript indices: ${label}`, () => {
		assert.deepEqual(spans(text), [[number, span]]);
		assert.equal(extract(text)[0].start, text.indexOf(span));
	});
}

test("several numbers, in text order, without duplicates", () => {
	const text = "First RB123456785GB, then LX299455986CN; again RB123456785GB and lx 299 455 986 cn.";
	const numbers = extract(text).map((i) => i.number);
	assert.deepEqual(numbers, ["RB123456785GB", "LX299455986CN"]);
});

test("no tracking numbers in dates, prices, phone numbers and order ids", () => {
	const text = "Order 8199633578334590 placed 2024-05-01 12:30, total US $12.99 (1 234,56 RUB). " +
		"Call +1 (555) 123-4567 or +86 138 0013 8000. Order date: 20240501. Qty 3 x 10.00";
	const valid = extract(text).filter((i) => i.valid);
	assert.deepEqual(valid, []);
});

test("each parse field of an item agrees with parse of its span", () => {
	const text = "Numbers: LX299455986CN, 1Z5R89390357567127 and 9400111202555842332669.";
	for (const item of extract(text)) {
		const v = parse(text.slice(item.start, item.end));
		assert.equal(v.number, item.number);
		assert.equal(v.valid, item.valid);
		assert.deepEqual(v.candidates, item.candidates);
	}
});

// tnd's invariant through the bridge, with the core's own rule for digits-only
// numbers (never extracted without a proving check digit: phone numbers and ids look the same).
test("every valid tracking_number_data number is found once in prose, at its JavaScript span", () => {
	const lorem = "Lorem ipsum \u{1F4E6} dolor sit amet, consectetur adipiscing elit. ";
	const wrong = [];
	for (const row of readTSV("numbers/tracking_number_data.tsv").filter((r) => r.valid_or_invalid === "valid")) {
		const compact = row.number.replace(/\s+/g, "");
		const p = parse(compact);
		const extractable = p.valid && (!/^\d+$/.test(compact) || p.candidates[0].checkDigit === "valid");
		for (const written of [compact, compact.slice(0, compact.length >> 1) + "  " + compact.slice(compact.length >> 1)]) {
			const text = lorem + written + " " + lorem;
			const found = extract(text);
			const want = extractable ? [[p.number, text.indexOf(written), text.indexOf(written) + written.length]] : [];
			const got = found.map((i) => [i.number, i.start, i.end]);
			if (JSON.stringify(got) !== JSON.stringify(want)) {
				wrong.push(`${row.courier_code} ${JSON.stringify(written)}: ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
			}
		}
	}
	assert.deepEqual(wrong, []);
});

test("empty, blank and hostile texts", () => {
	assert.deepEqual(extract(""), []);
	assert.deepEqual(extract(" \u3000\n"), []);
	extract("\uD800".repeat(1 << 16));
	extract("7".repeat(1 << 20));
	extract("LX299455986CN".repeat(1 << 14)); // one long run: not a number
	const many = Array.from({ length: 5000 }, (_, i) => `RB${String(10000000 + i)}0GB`).join(" ");
	extract(many);
});

test("a 1 MB text of numbers", () => {
	const text = "LX299455986CN RB123456785GB \u{1F4E6} ".repeat((1 << 20) / 32);
	const numbers = extract(text).map((i) => i.number);
	assert.deepEqual(numbers, ["LX299455986CN", "RB123456785GB"]);
});
