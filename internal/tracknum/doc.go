// Package tracknum reads parcel tracking numbers: it normalises pasted
// input, recognises the format and carrier with check-digit evidence, flags
// AliExpress order and product ids, suggests the intended number when a
// one-character typo breaks a check digit, and finds numbers in free text.
//
// The API is narrow:
//
//	Parse(s string) Result                // one pasted number
//	Extract(text string) []Match          // every number in a text, with UTF-16 spans
//	Normalize(s string) (string, []int)   // the normalised form and its offset map
//	(*Parser).Parse(s) *Result            // the same, reusing memory: no allocation
//	(*Parser).Extract(text, yield)        // on the hot path; results live until the next call
//
// Parse reads input as pasted: spaces of every kind, dashes and dots between
// groups, zero-width and bidi marks, fullwidth forms, lower case and
// Cyrillic/Greek look-alike letters all fold away. Input with labels, URLs or
// several numbers ("Tracking: LX 299 455 986 CN") is read through Extract.
//
// A Result lists every Candidate reading (courier code, carrier name, format
// id, check digit valid|invalid|none, country, confidence), best first:
// check-digit-proven candidates lead. Result.Valid says whether the best
// reading is a plausibly correct number; Problems carries the Problem* codes
// (order_number, check_digit, unknown_format, …). A failed check digit comes
// with Suggestions: numbers one adjacent transposition or one look-alike
// character away that the same format proves, and plain substitutions only
// when they are not ambiguous.
//
// Extract reports only valid numbers, never inside longer words, and never a
// digits-only number without a proving check digit, next to a phone label or
// a currency sign, inside a longer digit chain, or shaped like a date; its
// work is linear in the text.
//
// Formats are a declarative table (formats.go): the 39 types of
// tracking_number_data (jkeen/tracking_number_data @ b79ce4b, MIT; see
// tracking_number_data.LICENSE in this directory) with their exact
// check-digit rules, and the AliExpress formats of
// reference/tracking-numbers.md (S10 with every ISO 3166 country, Yanwen
// YP/YN, China EMS domestic ranges, Cainiao, YunExpress, YTO, 4PX, J&T, SF,
// Russian Post 14-digit, Correos, PostNL 3S, USPS IMpb with 420+ZIP). The
// package uses no regexp (core.wasm size); shapes are matched by small
// hand-written matchers.
package tracknum
