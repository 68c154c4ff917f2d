// Package timeutil parses and formats the few timestamp layouts the trackers
// use, on int64 Unix milliseconds instead of time.Time: the time package
// alone costs core.wasm ~265 KB (godebug, tz code, the layout engine), so
// nothing that core.wasm links imports it. Every function works on fixed
// offsets only; no time zone database is consulted.
//
// Throughout Waybill an instant is Unix milliseconds (UTC) and 0 means
// "unknown" (1970-01-01T00:00:00Z itself is never a real tracking event).
package timeutil

import "strconv"

// CST is China Standard Time (UTC+8), the zone of Cainiao's timeStr and of
// AliExpress's Chinese-facing timestamps, in seconds east of UTC.
const CST = 8 * 3600

// Durations in milliseconds.
const (
	Second int64 = 1000
	Minute       = 60 * Second
	Hour         = 60 * Minute
	Day          = 24 * Hour
)

// ParseRFC3339 parses an RFC 3339 timestamp such as
// "2024-03-01T09:05:07Z", "2024-03-01T17:05:07.123+08:00" or with a lower
// case t/z into Unix milliseconds; digits beyond milliseconds are dropped
// (the instant is truncated toward the past).
func ParseRFC3339(s string) (int64, bool) {
	t, n, ok := parseDateTime(s, 'T')
	if !ok || n >= len(s) {
		return 0, false
	}
	off, ok := parseOffset(s[n:])
	if !ok {
		return 0, false
	}
	return inRange(t - int64(off)*Second)
}

// ParseOffset returns the UTC offset, in seconds east, that a valid RFC 3339
// timestamp is written at ("Z" is 0), for placing other times of the same
// clock that carry no zone.
func ParseOffset(s string) (int, bool) {
	_, n, ok := parseDateTime(s, 'T')
	if !ok || n >= len(s) {
		return 0, false
	}
	return parseOffset(s[n:])
}

// minTime and maxTime bound what RFC 3339 can write (years 0001–9999): an
// instant outside them (year 0000 shifted by its offset) would format as a
// string no parser accepts, so it is refused here, where it enters.
var (
	minTime = Date(1, 1, 1, 0, 0, 0)
	maxTime = Date(9999, 12, 31, 23, 59, 59)
)

func inRange(t int64) (int64, bool) {
	if t < minTime || t > maxTime+999 {
		return 0, false
	}
	return t, true
}

// ParseLocal parses "2006-01-02 15:04:05" (a 'T' may replace the space, the
// seconds and a fraction are optional) as wall time at offset seconds east
// of UTC. A trailing zone designator makes it fail: use ParseRFC3339 for those.
func ParseLocal(s string, offset int) (int64, bool) {
	t, n, ok := parseDateTime(s, ' ')
	if !ok || n != len(s) {
		return 0, false
	}
	return inRange(t - int64(offset)*Second)
}

// ParseDate parses "2006-01-02" as midnight at offset seconds east of UTC.
func ParseDate(s string, offset int) (int64, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, false
	}
	y, ok1 := num(s[0:4])
	m, ok2 := num(s[5:7])
	d, ok3 := num(s[8:10])
	if !ok1 || !ok2 || !ok3 || m < 1 || m > 12 || d < 1 || d > DaysIn(m, y) {
		return 0, false
	}
	return inRange(Date(y, m, d, 0, 0, 0) - int64(offset)*Second)
}

// Parse accepts whatever timestamp a payload is likely to hold: RFC 3339
// with a zone, or a zoneless "2006-01-02 15:04:05" read at offset.
func Parse(s string, offset int) (int64, bool) {
	if t, ok := ParseRFC3339(s); ok {
		return t, true
	}
	if t, ok := ParseLocal(s, offset); ok {
		return t, true
	}
	return ParseDate(s, offset)
}

// Date returns the Unix milliseconds of a UTC wall time. Month and day must
// be in range; hour, minute and second may be any value (they just add).
func Date(y, mo, d, h, mi, s int) int64 {
	return daysFromCivil(y, mo, d)*Day + int64(h)*Hour + int64(mi)*Minute + int64(s)*Second
}

// Civil splits Unix milliseconds into its UTC calendar date and clock.
func Civil(ms int64) (y, mo, d, h, mi, s int) {
	days := floorDiv(ms, Day)
	rem := ms - days*Day
	y, mo, d = civilFromDays(days)
	sec := int(rem / Second)
	return y, mo, d, sec / 3600, sec / 60 % 60, sec % 60
}

// Days is the whole days in a duration of d milliseconds, rounded toward zero.
func Days(d int64) int { return int(d / Day) }

// FormatRFC3339 formats t in UTC at second precision: "2006-01-02T15:04:05Z".
func FormatRFC3339(t int64) string {
	var buf [24]byte
	return string(AppendRFC3339(buf[:0], t))
}

// AppendRFC3339 appends t as FormatRFC3339 does.
func AppendRFC3339(dst []byte, t int64) []byte {
	y, mo, d, h, mi, s := Civil(t)
	dst = appendYear(dst, y)
	return append(dst, '-', byte('0'+mo/10), byte('0'+mo%10), '-', byte('0'+d/10), byte('0'+d%10),
		'T', byte('0'+h/10), byte('0'+h%10), ':', byte('0'+mi/10), byte('0'+mi%10),
		':', byte('0'+s/10), byte('0'+s%10), 'Z')
}

// FormatDate formats t's calendar date at offset seconds east of UTC.
func FormatDate(t int64, offset int) string {
	y, mo, d, _, _, _ := Civil(t + int64(offset)*Second)
	var buf [16]byte
	b := appendYear(buf[:0], y)
	return string(append(b, '-', byte('0'+mo/10), byte('0'+mo%10), '-', byte('0'+d/10), byte('0'+d%10)))
}

func appendYear(dst []byte, y int) []byte {
	if y < 0 {
		dst = append(dst, '-')
		y = -y
	}
	if y < 10000 {
		return append(dst, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10))
	}
	return strconv.AppendInt(dst, int64(y), 10)
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b < 0 {
		q--
	}
	return q
}

// daysFromCivil is Howard Hinnant's days_from_civil: days since 1970-01-01
// of a proleptic Gregorian date.
func daysFromCivil(y, m, d int) int64 {
	yy := int64(y)
	if m <= 2 {
		yy--
	}
	era := floorDiv(yy, 400)
	yoe := yy - era*400
	mp := int64(m+9) % 12
	doy := (153*mp+2)/5 + int64(d) - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// civilFromDays is the inverse of daysFromCivil.
func civilFromDays(z int64) (y, m, d int) {
	z += 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = int(doy - (153*mp+2)/5 + 1)
	m = int(mp+2)%12 + 1
	yy := yoe + era*400
	if m <= 2 {
		yy++
	}
	return int(yy), m, d
}

// parseDateTime reads "YYYY-MM-DD<sep>HH:MM[:SS[.fff]]" as UTC wall time in
// Unix milliseconds and returns how many bytes it used. sep may also be
// 'T'/'t' or ' '.
func parseDateTime(s string, sep byte) (int64, int, bool) {
	if len(s) < 16 || s[4] != '-' || s[7] != '-' || s[13] != ':' {
		return 0, 0, false
	}
	switch s[10] {
	case 'T', 't':
	case ' ':
		if sep != ' ' {
			return 0, 0, false
		}
	default:
		return 0, 0, false
	}
	y, ok1 := num(s[0:4])
	mo, ok2 := num(s[5:7])
	d, ok3 := num(s[8:10])
	h, ok4 := num(s[11:13])
	mi, ok5 := num(s[14:16])
	if !ok1 || !ok2 || !ok3 || !ok4 || !ok5 ||
		mo < 1 || mo > 12 || d < 1 || d > DaysIn(mo, y) || h > 23 || mi > 59 {
		return 0, 0, false
	}
	n := 16
	sec, msec := 0, 0
	if n < len(s) && s[n] == ':' {
		if len(s) < 19 {
			return 0, 0, false
		}
		var ok bool
		if sec, ok = num(s[17:19]); !ok || sec > 59 {
			return 0, 0, false
		}
		n = 19
		if n < len(s) && (s[n] == '.' || s[n] == ',') {
			n++
			start := n
			scale := 100
			for n < len(s) && s[n] >= '0' && s[n] <= '9' {
				msec += int(s[n]-'0') * scale
				scale /= 10
				n++
			}
			if n == start {
				return 0, 0, false
			}
		}
	} else if sep == 'T' {
		return 0, 0, false // RFC 3339 requires seconds
	}
	return Date(y, mo, d, h, mi, sec) + int64(msec), n, true
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

// DaysIn is the number of days in month m of year y.
func DaysIn(m, y int) int {
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
