package tracknum

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"
)

var fuzzSeeds = []string{
	"", " ", "LX299455986CN", " lx 299-455-986 cn ", "ＬＸ２９９４５５９８６ＣＮ", "LX\u200b299455986\u200eCN",
	"ЕА358948794РТ", "1Z5R89390357567127", "420537049200190333885202055737", "9400 1112 0108 0805 4830 16",
	"14102192069353", "8199633578334590", "LP00068434402473", "UA846098317YP", "BZ012761245CN",
	"1LS7119013618127-1", "GM 2 9 5 117 32 25 1 7 44 9 4", "LX299455968CN", "Tracking number: LX 299 455 986 CN",
	"https://t.17track.net/en#nums=RB123456785GB%2CYT2229521272164446", "Call +7 912 345-67-89 on 2024-05-12",
	"📦 RB 123 456 785 GB 📦", "\xff\xfe\xfd", "LX299\xff455986CN", "%2", "%", "1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1",
	strings.Repeat("9", 50), "éLX299455986CN", "PQ4F6P0703673180181750T", "1ZXX3150YW44070023",
}

func FuzzNormalize(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out, offs := Normalize(s)
		if len(offs) != len(out) {
			t.Fatalf("%d offsets for %d bytes", len(offs), len(out))
		}
		if !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 out of %q", s)
		}
		again, _ := Normalize(out)
		if again != out {
			t.Fatalf("not idempotent: %q -> %q -> %q", s, out, again)
		}
		units := utf16Units(s)
		prev := 0
		for _, o := range offs {
			if o < prev || o >= units {
				t.Fatalf("offset %d out of order or beyond %d in %q", o, units, s)
			}
			prev = o
		}
	})
}

func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r := Parse(s)
		if r.Valid && len(r.Candidates) == 0 {
			t.Fatalf("valid without candidates: %q", s)
		}
		if r.Valid == (len(r.Problems) > 0 && r.Problems[0] != ProblemMultipleNumbers) {
			t.Fatalf("valid=%v with problems %v: %q", r.Valid, r.Problems, s)
		}
		for i, c := range r.Candidates {
			if c.Confidence <= 0 || c.Confidence > 1 {
				t.Fatalf("confidence %v", c.Confidence)
			}
			if i > 0 && c.CheckDigit == CheckValid && r.Candidates[i-1].CheckDigit != CheckValid {
				t.Fatalf("proven candidate ranked late: %+v", r.Candidates)
			}
		}
		for _, n := range append([]string{r.Number}, r.Suggestions...) {
			for i := 0; i < len(n); i++ {
				if !isDigit(n[i]) && !isUpper(n[i]) {
					t.Fatalf("number %q of %q is not normalised", n, s)
				}
			}
		}
		if r.Number != "" {
			again := Parse(r.Number)
			if again.Number != r.Number || again.Valid != r.Valid {
				t.Fatalf("parse(%q) = %q %v, but parse(%q) = %q %v", s, r.Number, r.Valid, r.Number, again.Number, again.Valid)
			}
		}
	})
}

func FuzzExtract(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Add("Your parcels: LX299455986CN, 1Z5R89390357567127 and RB 123 456 785 GB; order 8199633578334590")
	f.Add("Посылки 12345 и 67891")
	f.Fuzz(func(t *testing.T, s string) {
		units := utf16.Encode([]rune(s))
		starts := utf16Starts(s)
		seen := map[string]bool{}
		prevEnd := 0
		for _, m := range Extract(s) {
			if m.Start < prevEnd || m.End <= m.Start || m.End > len(units) {
				t.Fatalf("span [%d,%d) after %d in %d units: %q", m.Start, m.End, prevEnd, len(units), s)
			}
			if !starts[m.Start] || !starts[m.End] {
				t.Fatalf("span [%d,%d) splits a character: %q", m.Start, m.End, s)
			}
			prevEnd = m.End
			if seen[m.Number] {
				t.Fatalf("duplicate %q in %q", m.Number, s)
			}
			seen[m.Number] = true
			if !m.Valid {
				t.Fatalf("invalid match %+v", m)
			}
			p := Parse(m.Number)
			if p.Number != m.Number || p.Valid != m.Valid || len(p.Candidates) != len(m.Candidates) || !reflect.DeepEqual(p.Candidates[0], m.Candidates[0]) {
				t.Fatalf("parse(%q) disagrees with extract: %+v vs %+v", m.Number, p, m.Result)
			}
			if got, _ := Normalize(string(utf16.Decode(units[m.Start:m.End]))); got != m.Number {
				t.Fatalf("span %q normalises to %q, not %q", string(utf16.Decode(units[m.Start:m.End])), got, m.Number)
			}
		}
	})
}

func utf16Units(s string) int {
	n := 0
	for _, r := range s {
		n += utf16Len(r)
	}
	return n
}

// utf16Starts is the set of UTF-16 offsets where a character of s starts
// (and the end).
func utf16Starts(s string) map[int]bool {
	m := map[int]bool{}
	u := 0
	for _, r := range s {
		m[u] = true
		u += utf16Len(r)
	}
	m[u] = true
	return m
}
