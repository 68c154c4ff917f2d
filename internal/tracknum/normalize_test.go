package tracknum

import (
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNormalize(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"spaces and dashes", " lx 299-455-986 cn ", "LX299455986CN"},
		{"fullwidth", "ＬＸ２９９４５５９８６ＣＮ", "LX299455986CN"},
		{"fullwidth lower and ideographic space", "ｌｘ２９９\u3000４５５\u3000９８６ｃｎ", "LX299455986CN"},
		{"NBSP, thin, narrow, figure spaces", "LX\u00a0299\u2009455\u202f986\u2007CN", "LX299455986CN"},
		{"zero width and BOM", "\ufeffLX\u200b299\u200c455\u200d986\u2060CN", "LX299455986CN"},
		{"bidi marks", "\u202bLX299455986CN\u202c\u200e\u200f\u2066\u2069", "LX299455986CN"},
		{"soft hyphen", "LX299\u00ad455986CN", "LX299455986CN"},
		{"unicode dashes and dots", "LX‐299‑455–986—CN", "LX299455986CN"},
		{"minus, dot, slash, underscore", "LX−299.455/986_CN", "LX299455986CN"},
		{"line breaks and tabs", "LX\t299\r\n455\n986 CN", "LX299455986CN"},
		{"Cyrillic look-alikes", "ЕА358948794РТ", "EA358948794PT"},
		{"Cyrillic small look-alikes", "ех299455986сн", "EX299455986CH"},
		{"Greek look-alikes", "ΕΑ358948794ΡΤ", "EA358948794PT"},
		{"Arabic-Indic digits", "LX٢٩٩٤٥٥٩٨٦CN", "LX299455986CN"},
		{"other characters kept", "#LX299:ж", "#LX299:ж"},
		{"invalid UTF-8 and U+FFFD dropped", "LX\xff299\uFFFD", "LX299"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, offs := Normalize(tt.in)
			assert.Equal(t, tt.want, got)
			require.Len(t, offs, len(got))
			again, _ := Normalize(got)
			assert.Equal(t, got, again, "idempotent")
			checkOffsets(t, tt.in, got, offs)
		})
	}
}

// checkOffsets verifies that every output byte maps to a UTF-16 offset in
// the input, in order, on a character boundary.
func checkOffsets(t *testing.T, in, out string, offs []int) {
	t.Helper()
	units := len(utf16.Encode([]rune(in)))
	starts := map[int]bool{}
	u := 0
	for _, r := range in {
		starts[u] = true
		u += utf16Len(r)
	}
	prev := 0
	for _, o := range offs {
		assert.True(t, o >= prev && o < units, "offset %d of %q out of order or range", o, out)
		assert.True(t, starts[o], "offset %d is not a character start", o)
		prev = o
	}
}

func TestNormalizeOffsets(t *testing.T) {
	in := "😀 lx 299\u200b455"
	got, offs := Normalize(in)
	assert.Equal(t, "😀LX299455", got)
	// 😀 (4 bytes, all from offset 0) is two UTF-16 units, then a space: "l" is at 3.
	assert.Equal(t, []int{0, 0, 0, 0, 3, 4, 6, 7, 8, 10, 11, 12}, offs)
}

// Look-alike letters only fill letter positions: a Cyrillic О where a digit
// belongs does not become a zero.
func TestHomoglyphsOnlyInLetterPositions(t *testing.T) {
	// LX102030405CN is a valid S10; a Cyrillic О replaces its second zero.
	require.True(t, Parse("LX102030405CN").Valid)
	r := Parse("LX1О2030405CN")
	assert.False(t, r.Valid, "only the loose DHL eCommerce shape matches: %+v", r.Candidates)
	assert.Equal(t, []string{ProblemLookAlike}, r.Problems)
	assert.Equal(t, []string{"LX102030405CN"}, r.Suggestions)
	r = Parse("EB0О0717618HK") // no other shape at all
	assert.Equal(t, []string{ProblemUnknownFormat}, r.Problems)
	assert.Equal(t, []string{"EB000717618HK"}, r.Suggestions)
	assert.True(t, Parse("ЕА358948794РТ").Valid)
}

// Pasting variants of a number never changes its parse.
func TestParseIsInvariantUnderPasteNoise(t *testing.T) {
	numbers := []string{"LX299455986CN", "1Z5R89390357567127", "420537049200190333885202055737", "UA846098317YP", "14102192069353", "LP00068434402473", "YT2229521272164446"}
	noises := []func(string) string{
		strings.ToLower,
		func(s string) string { return insertEvery(s, 3, " ") },
		func(s string) string { return insertEvery(s, 4, "-") },
		func(s string) string { return insertEvery(s, 2, "\u200b") },
		func(s string) string { return insertEvery(s, 5, "\u00a0") },
		func(s string) string { return "\ufeff " + s + " \u200e" },
		toFullwidth,
	}
	for _, n := range numbers {
		want := Parse(n)
		require.True(t, want.Valid, n)
		for i, noise := range noises {
			in := noise(n)
			got := Parse(in)
			assert.Equal(t, want.Number, got.Number, "noise %d: %q", i, in)
			assert.Equal(t, want.Valid, got.Valid, "noise %d: %q", i, in)
			assert.Equal(t, want.Candidates, got.Candidates, "noise %d: %q", i, in)
		}
	}
}

func insertEvery(s string, n int, sep string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if i > 0 && i%n == 0 {
			b.WriteString(sep)
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func toFullwidth(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9', r >= 'A' && r <= 'Z', r >= 'a' && r <= 'z':
			b.WriteRune(r - 0x21 + 0xFF01)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func TestFoldCoversKinds(t *testing.T) {
	for _, r := range []rune{'\u00a0', '\u2000', '\u200a', '\u202f', '\u205f', '\u3000', '-', '–', '—', '−', '.', '_', '/'} {
		k, _ := fold(r)
		assert.Equal(t, kSep, k, "%U", r)
	}
	for _, r := range []rune{'\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u200e', '\u200f', '\u202a', '\u202e', '\u2066', '\u2069'} {
		k, _ := fold(r)
		assert.Equal(t, kInvisible, k, "%U", r)
	}
	for _, r := range []rune{'é', 'ж', 'ß'} {
		k, _ := fold(r)
		assert.Equal(t, kGlue, k, "%U", r)
	}
	for _, r := range []rune{'运', ':', '#', '('} {
		k, _ := fold(r)
		assert.Equal(t, kOther, k, "%U", r)
	}
}
