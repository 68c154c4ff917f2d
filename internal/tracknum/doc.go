// Package tracknum reads parcel tracking numbers: it normalises pasted
// input, recognises the format and carrier with check-digit evidence, flags
// AliExpress order and product ids, suggests the intended number when a
// one-character typo breaks a check digit, and finds numbers in free text.
//
// The API is narrow:
//
//	Parse(s) Result             // one pasted number
//	Extract(text) []Match       // every number in a text, with UTF-16 spans
//	Normalize(s) (string, []int) // the normalised form and its offset map
//	Parser                      // the same, reusing memory (no allocation on the hot path)
//
// A Result lists every Candidate reading (courier code, carrier name, format
// id, check digit valid|invalid|none, country, confidence), best first:
// check-digit-proven candidates lead. Result.Valid says whether the best
// reading is a plausibly correct number; Problems carries the Problem* codes
// (order_number, check_digit, unknown_format, …).
//
// Formats are a declarative table (formats.go): the 39 types of
// tracking_number_data (jkeen/tracking_number_data @ b79ce4b, MIT; see
// ../shared/testdata/numbers/tracking_number_data.LICENSE) with their exact
// check-digit rules, and the AliExpress formats of
// reference/tracking-numbers.md (S10 with every ISO 3166 country, Yanwen
// YP/YN, China EMS domestic ranges, Cainiao, YunExpress, YTO, 4PX, J&T, SF,
// Russian Post 14-digit, Correos, PostNL 3S, USPS IMpb with 420+ZIP). The
// package uses no regexp (core.wasm size); shapes are matched by small
// hand-written matchers.
package tracknum
