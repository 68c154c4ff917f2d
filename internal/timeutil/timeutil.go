// Package timeutil parses and formats the few timestamp layouts the trackers
// use, without time.Parse and time.Format: those pull the layout engine into
// core.wasm (+140 KB, DESIGN.md). Every function works on fixed offsets only;
// no time zone database is consulted.
package timeutil

import (
	"strconv"
	"time"
)

// CST is China Standard Time (UTC+8), the zone of Cainiao's timeStr and of
// AliExpress's Chinese-facing timestamps, in seconds east of UTC.
const CST = 8 * 3600

// ParseRFC3339 parses an RFC 3339 timestamp such as
// "2024-03-01T09:05:07Z", "2024-03-01T17:05:07.123+08:00" or with a lower
// case t/z. Fractional seconds are kept to the nanosecond. The result is UTC.
func ParseRFC3339(s string) (time.Time, bool) {
	t, n, ok := parseDateTime(s, 'T')
	if !ok || n >= len(s) {
		return time.Time{}, false
	}
	off, ok := parseOffset(s[n:])
	if !ok {
		return time.Time{}, false
	}
	return t.Add(-time.Duration(off) * time.Second), true
}

// ParseLocal parses "2006-01-02 15:04:05" (a 'T' may replace the space, the
// seconds and a fraction are optional) as wall time at offset seconds east
// of UTC, and returns the instant in UTC. A trailing zone designator makes
// it fail: use ParseRFC3339 for those.
func ParseLocal(s string, offset int) (time.Time, bool) {
	t, n, ok := parseDateTime(s, ' ')
	if !ok || n != len(s) {
		return time.Time{}, false
	}
	return t.Add(-time.Duration(offset) * time.Second), true
}

// ParseDate parses "2006-01-02" as midnight at offset seconds east of UTC.
func ParseDate(s string, offset int) (time.Time, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return time.Time{}, false
	}
	y, ok1 := num(s[0:4])
	m, ok2 := num(s[5:7])
	d, ok3 := num(s[8:10])
	if !ok1 || !ok2 || !ok3 || m < 1 || m > 12 || d < 1 || d > daysIn(m, y) {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return t.Add(-time.Duration(offset) * time.Second), true
}

// Parse accepts whatever timestamp a payload is likely to hold: RFC 3339
// with a zone, or a zoneless "2006-01-02 15:04:05" read at offset.
func Parse(s string, offset int) (time.Time, bool) {
	if t, ok := ParseRFC3339(s); ok {
		return t, true
	}
	if t, ok := ParseLocal(s, offset); ok {
		return t, true
	}
	return ParseDate(s, offset)
}

// FromUnixMilli converts epoch milliseconds to a UTC time.
func FromUnixMilli(ms int64) time.Time { return time.UnixMilli(ms).UTC() }

// FormatRFC3339 formats t in UTC at second precision: "2006-01-02T15:04:05Z".
func FormatRFC3339(t time.Time) string {
	var buf [24]byte
	return string(AppendRFC3339(buf[:0], t))
}

// AppendRFC3339 appends t as FormatRFC3339 does.
func AppendRFC3339(dst []byte, t time.Time) []byte {
	t = t.UTC()
	y, mo, d := t.Date()
	h, mi, s := t.Clock()
	if y < 0 {
		dst = append(dst, '-')
		y = -y
	}
	if y < 10000 {
		dst = append(dst, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10))
	} else {
		dst = strconv.AppendInt(dst, int64(y), 10)
	}
	return append(dst, '-', byte('0'+mo/10), byte('0'+mo%10), '-', byte('0'+d/10), byte('0'+d%10),
		'T', byte('0'+h/10), byte('0'+h%10), ':', byte('0'+mi/10), byte('0'+mi%10),
		':', byte('0'+s/10), byte('0'+s%10), 'Z')
}

// FormatDate formats t's calendar date at offset seconds east of UTC.
func FormatDate(t time.Time, offset int) string {
	y, mo, d := t.UTC().Add(time.Duration(offset) * time.Second).Date()
	var buf [10]byte
	b := pad(buf[:0], y, 4)
	b = append(b, '-')
	b = pad(b, int(mo), 2)
	b = append(b, '-')
	return string(pad(b, d, 2))
}

func pad(dst []byte, v, width int) []byte {
	var buf [8]byte
	i := len(buf)
	for v > 0 || i > len(buf)-width {
		i--
		buf[i] = byte('0' + v%10)
		v /= 10
		if i == 0 {
			break
		}
	}
	return append(dst, buf[i:]...)
}

// parseDateTime reads "YYYY-MM-DD<sep>HH:MM[:SS[.fff]]" as UTC wall time
// and returns how many bytes it used. sep may also be 'T'/'t' or ' '.
func parseDateTime(s string, sep byte) (time.Time, int, bool) {
	if len(s) < 16 || s[4] != '-' || s[7] != '-' || s[13] != ':' {
		return time.Time{}, 0, false
	}
	switch s[10] {
	case 'T', 't':
	case ' ':
		if sep != ' ' {
			return time.Time{}, 0, false
		}
	default:
		return time.Time{}, 0, false
	}
	y, ok1 := num(s[0:4])
	mo, ok2 := num(s[5:7])
	d, ok3 := num(s[8:10])
	h, ok4 := num(s[11:13])
	mi, ok5 := num(s[14:16])
	if !ok1 || !ok2 || !ok3 || !ok4 || !ok5 ||
		mo < 1 || mo > 12 || d < 1 || d > daysIn(mo, y) || h > 23 || mi > 59 {
		return time.Time{}, 0, false
	}
	n := 16
	sec, nsec := 0, 0
	if n < len(s) && s[n] == ':' {
		if len(s) < 19 {
			return time.Time{}, 0, false
		}
		var ok bool
		if sec, ok = num(s[17:19]); !ok || sec > 59 {
			return time.Time{}, 0, false
		}
		n = 19
		if n < len(s) && (s[n] == '.' || s[n] == ',') {
			n++
			start := n
			scale := 100000000
			for n < len(s) && s[n] >= '0' && s[n] <= '9' {
				nsec += int(s[n]-'0') * scale
				scale /= 10
				n++
			}
			if n == start {
				return time.Time{}, 0, false
			}
		}
	} else if sep == 'T' {
		return time.Time{}, 0, false // RFC 3339 requires seconds
	}
	return time.Date(y, time.Month(mo), d, h, mi, sec, nsec, time.UTC), n, true
}

// parseOffset reads "Z", "z", "+08:00" or "-0330" as seconds east of UTC.
func parseOffset(s string) (int, bool) {
	if s == "Z" || s == "z" {
		return 0, true
	}
	if len(s) != 6 && len(s) != 5 || (s[0] != '+' && s[0] != '-') {
		return 0, false
	}
	mm := s[3:]
	if len(s) == 6 {
		if s[3] != ':' {
			return 0, false
		}
		mm = s[4:]
	}
	h, ok1 := num(s[1:3])
	m, ok2 := num(mm)
	if !ok1 || !ok2 || h > 23 || m > 59 {
		return 0, false
	}
	off := h*3600 + m*60
	if s[0] == '-' {
		off = -off
	}
	return off, true
}

// num parses a fixed-width run of decimal digits.
func num(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, len(s) > 0
}

func daysIn(m, y int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}
