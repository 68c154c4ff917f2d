package timeutil

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseRFC3339MatchesTimePackage(t *testing.T) {
	inputs := []string{
		"2024-03-01T09:05:07Z", "2024-03-01T17:05:07+08:00", "2024-03-01T17:05:07.123+08:00",
		"2024-02-29T23:59:59.999999999-03:30", "2023-12-31T23:00:00-01:00", "2024-03-01T09:05:07.5Z",
		// invalid for both
		"2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z", "2024-03-01T24:00:00Z", "2024-03-01T09:60:00Z",
		"2024-03-01T09:05:60Z", "2024-03-01T09:05Z", "2024-03-01 09:05:07Z", "2024-03-01T09:05:07",
		"2024-03-01T09:05:07+8:00", "2024-03-01T09:05:07.Z", "", "garbage",
	}
	for _, in := range inputs {
		want, err := time.Parse(time.RFC3339Nano, in)
		got, ok := ParseRFC3339(in)
		if !assert.Equal(t, err == nil, ok, "%q (time: %v)", in, err) || !ok {
			continue
		}
		assert.True(t, sameMilli(want, got), "%q: %v vs %v", in, want, got)
	}
	// Deliberate differences: RFC 3339 §5.6 allows lower-case t and z;
	// compact offsets are not RFC 3339 but some feeds send them; an offset
	// of 24 hours does not exist.
	for in, want := range map[string]string{
		"2000-01-01T08:00:00z":      "2000-01-01T08:00:00Z",
		"1999-12-31t23:59:59Z":      "1999-12-31T23:59:59Z",
		"2024-03-01T17:05:07+0800":  "2024-03-01T09:05:07Z",
		"2024-03-01T09:05:07+24:00": "",
	} {
		got, ok := ParseRFC3339(in)
		require.Equal(t, want != "", ok, in)
		if ok {
			assert.Equal(t, want, FormatRFC3339(got), in)
		}
	}
}

func TestParseLocal(t *testing.T) {
	cst := time.FixedZone("CST", CST)
	tests := []struct {
		in     string
		offset int
		want   string // RFC 3339 UTC, "" when invalid
	}{
		{"2023-01-28 21:34:26", CST, "2023-01-28T13:34:26Z"},
		{"2023-01-01 03:00:00", CST, "2022-12-31T19:00:00Z"},
		{"2024-02-29 07:59:59", CST, "2024-02-28T23:59:59Z"},
		{"2023-01-28 21:34", CST, "2023-01-28T13:34:00Z"},
		{"2023-01-28T21:34:26", 0, "2023-01-28T21:34:26Z"},
		{"2023-01-28 21:34:26", -5 * 3600, "2023-01-29T02:34:26Z"},
		{"2023-01-28 21:34:26.250", 0, "2023-01-28T21:34:26Z"},
		{"2023-01-28 21:34:26Z", CST, ""},
		{"2023-02-30 00:00:00", CST, ""},
		{"2023-01-28", CST, ""},
		{"28.01.2023 21:34:26", CST, ""},
	}
	for _, tt := range tests {
		got, ok := ParseLocal(tt.in, tt.offset)
		require.Equal(t, tt.want != "", ok, tt.in)
		if ok {
			assert.Equal(t, tt.want, FormatRFC3339(got), tt.in)
		}
	}
	// Against the time package for a CST wall clock.
	want, err := time.ParseInLocation("2006-01-02 15:04:05", "2019-06-30 23:59:01", cst)
	require.NoError(t, err)
	got, ok := ParseLocal("2019-06-30 23:59:01", CST)
	require.True(t, ok)
	assert.Equal(t, want.UnixMilli(), got)
}

func TestParseDateAndParse(t *testing.T) {
	got, ok := ParseDate("2024-07-15", CST)
	require.True(t, ok)
	assert.Equal(t, "2024-07-14T16:00:00Z", FormatRFC3339(got))
	_, ok = ParseDate("2024-7-15", 0)
	assert.False(t, ok)
	for in, want := range map[string]string{
		"2024-07-15T10:00:00+02:00": "2024-07-15T08:00:00Z",
		"2024-07-15 10:00:00":       "2024-07-15T02:00:00Z",
		"2024-07-15":                "2024-07-14T16:00:00Z",
	} {
		got, ok := Parse(in, CST)
		require.True(t, ok, in)
		assert.Equal(t, want, FormatRFC3339(got), in)
	}
	_, ok = Parse("yesterday", CST)
	assert.False(t, ok)
}

func TestFormatMatchesTimePackage(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	times := []time.Time{
		time.Unix(0, 0), time.Date(9999, 12, 31, 23, 59, 59, 999, time.UTC),
		time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 2, 29, 12, 0, 0, 0, time.FixedZone("x", -7*3600)),
	}
	for range 2000 {
		times = append(times, time.Unix(r.Int64N(1<<36)-1<<35, r.Int64N(1e9)))
	}
	for _, tm := range times {
		want := tm.UTC().Format("2006-01-02T15:04:05Z")
		ms := floorMilli(tm)
		require.Equal(t, want, FormatRFC3339(ms), "%v", tm)
		require.Equal(t, tm.In(time.FixedZone("", CST)).Format("2006-01-02"), FormatDate(ms, CST))
		back, ok := ParseRFC3339(want)
		require.True(t, ok, want)
		require.Equal(t, floorMilli(tm.Truncate(time.Second)), back, want)
		y, mo, d := tm.UTC().Date()
		h, mi, s := tm.UTC().Clock()
		require.Equal(t, floorMilli(tm.Truncate(time.Second)), Date(y, int(mo), d, h, mi, s), want)
	}
	assert.Equal(t, "10000-01-01T00:00:00Z", FormatRFC3339(Date(10000, 1, 1, 0, 0, 0)))
	assert.Equal(t, "x2024-01-02T03:04:05Z", string(AppendRFC3339([]byte("x"), Date(2024, 1, 2, 3, 4, 5))))
}

func TestUnixMilli(t *testing.T) {
	assert.Equal(t, "2023-01-28T13:34:26Z", FormatRFC3339(1674912866000))
	assert.Equal(t, "2023-01-28T13:34:26Z", FormatRFC3339(1674912866250))
	assert.Equal(t, "1969-12-31T23:59:59Z", FormatRFC3339(-1))
	assert.Equal(t, int64(1674912866250), Date(2023, 1, 28, 13, 34, 26)+250)
	assert.Equal(t, 3, Days(3*Day+Day-1))
	assert.Equal(t, -1, Days(-Day-1))
}

// floorMilli is tm in Unix milliseconds, rounded toward the past (what
// ParseRFC3339 does with sub-millisecond digits).
func floorMilli(tm time.Time) int64 {
	return tm.Truncate(time.Millisecond).UnixMilli()
}

func sameMilli(want time.Time, got int64) bool { return floorMilli(want) == got }

func FuzzParseRFC3339(f *testing.F) {
	f.Add("2024-03-01T17:05:07.123+08:00")
	f.Add("2024-03-01T09:05:07Z")
	// The parser is right on these; time.Parse accepts them.
	f.Add("0000-01-01T00:00:00Z")                // year 0000 is outside RFC 3339
	f.Add("0001-01-01T00:00:00+01:00")           // an instant in year 0000
	f.Add("9999-12-31T23:59:59-01:00")           // an instant in year 10000
	f.Add("2024-03-01T09:05:07+00:60")           // minute 60 of an offset
	f.Add("2024-03-01T09:05:07.123456789-23:59") // the widest offset there is
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := ParseRFC3339(s)
		want, err := time.Parse(time.RFC3339Nano, s)
		if ok && err == nil {
			require.True(t, sameMilli(want, got), "%q", s)
		}
		// time.Parse is laxer than RFC 3339 (one-digit hours, offsets of
		// 24 hours or 60 minutes, instants outside years 0001–9999), so
		// only the canonical shape of an instant RFC 3339 can write must
		// be accepted.
		if err == nil && want.UTC().Year() >= 1 && want.UTC().Year() <= 9999 && len(s) >= 20 && s[10] == 'T' && s[13] == ':' && s[16] == ':' &&
			canonicalOffset(s) {
			require.True(t, ok, "%q accepted by time.Parse", s)
		}
		_, _ = ParseLocal(s, CST)
		_, _ = Parse(s, -CST)
	})
}

// canonicalOffset reports whether s ends in "Z" or an offset ±hh:mm of at
// most 23:59.
func canonicalOffset(s string) bool {
	if strings.HasSuffix(s, "Z") || strings.HasSuffix(s, "z") {
		return true
	}
	if len(s) < 6 {
		return false
	}
	z := s[len(s)-6:]
	return (z[0] == '+' || z[0] == '-') && z[3] == ':' && z[1:3] <= "23" && z[4:6] <= "59"
}

func BenchmarkParseRFC3339(b *testing.B) {
	b.Run("timeutil", func(b *testing.B) {
		for b.Loop() {
			_, _ = ParseRFC3339("2024-03-01T17:05:07.123+08:00")
		}
	})
	b.Run("time", func(b *testing.B) {
		for b.Loop() {
			_, _ = time.Parse(time.RFC3339, "2024-03-01T17:05:07.123+08:00")
		}
	})
}

func BenchmarkFormatRFC3339(b *testing.B) {
	tm := Date(2024, 3, 1, 9, 5, 7)
	var buf []byte
	b.Run("timeutil", func(b *testing.B) {
		for b.Loop() {
			buf = AppendRFC3339(buf[:0], tm)
		}
	})
	b.Run("time", func(b *testing.B) {
		for b.Loop() {
			buf = time.UnixMilli(tm).UTC().AppendFormat(buf[:0], "2006-01-02T15:04:05Z07:00")
		}
	})
}

func TestOutsideRFC3339YearsIsRefused(t *testing.T) {
	for _, s := range []string{"0000-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00"} {
		_, ok := ParseRFC3339(s)
		if ok {
			t.Errorf("ParseRFC3339(%q) accepted an instant outside years 0001–9999", s)
		}
	}
	if _, ok := ParseLocal("0000-01-01 00:00:00", CST); ok {
		t.Error("ParseLocal accepted year 0000 at UTC+8")
	}
	if v, ok := ParseRFC3339("0001-01-01T00:00:00Z"); !ok || FormatRFC3339(v) != "0001-01-01T00:00:00Z" {
		t.Errorf("year 0001 must still round-trip, got %v %q", ok, FormatRFC3339(v))
	}
}

func TestParseOffset(t *testing.T) {
	tests := []struct {
		in   string
		want int
		ok   bool
	}{
		{"2024-05-02T09:00:00-03:00", -3 * 3600, true},
		{"2024-05-02T09:00:00.5+05:30", 5*3600 + 30*60, true},
		{"2024-05-02T09:00:00+0800", 8 * 3600, true},
		{"2024-05-02T09:00:00Z", 0, true},
		{"2024-05-02T09:00:00", 0, false},
		{"2024-05-02 09:00:00-03:00", 0, false},
		{"2024-05-02T09:00:00+24:00", 0, false},
		{"-03:00", 0, false},
	}
	for _, tc := range tests {
		got, ok := ParseOffset(tc.in)
		assert.Equal(t, tc.ok, ok, tc.in)
		assert.Equal(t, tc.want, got, tc.in)
	}
}
