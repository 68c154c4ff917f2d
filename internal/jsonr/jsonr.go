// Package jsonr reads values out of JSON documents without decoding them,
// with a small gjson-like API over []byte: Get(data, "a.b.0.c").
//
// Why not gjson itself: gjson links tidwall/pretty, which imports
// encoding/json, and together they add about 1.6 MB to core.wasm, far over
// its 2.5 MB budget (DESIGN.md, Performance). gjson stays the worker's reader
// for upstream envelopes and is this package's test oracle: the fuzz target
// compares both on the same documents and paths.
//
// Get never allocates and never panics, whatever the input; on malformed
// JSON it returns whatever it can find, so callers that need to reject bad
// input call Valid first. Reading a Result's String allocates the string.
//
// Paths are dot-separated keys. A component of decimal digits indexes an
// array (and still matches the key "0" of an object); `\` escapes the next
// character, so `a\.b` is the key "a.b"; a final `#` is an array's length.
// gjson's wildcards, queries (`#(...)`), `|` and `@modifiers` are not
// supported: those characters match literally.
package jsonr

import (
	"bytes"
	"math"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/waybill/waybill/internal/ascii"
)

// Type is the kind of a JSON value. The zero Type is Null, which is also the
// type of a missing value; Exists tells them apart.
type Type uint8

const (
	Null Type = iota
	False
	Number
	String
	True
	JSON // an object or an array
)

// String names the type.
func (t Type) String() string {
	switch t {
	case False:
		return "False"
	case Number:
		return "Number"
	case String:
		return "String"
	case True:
		return "True"
	case JSON:
		return "JSON"
	}
	return "Null"
}

// Result is one value found in a document. Raw is its raw JSON text, a
// sub-slice of the document (not a copy), or nil when the value is missing
// or computed (an array length from `#`, or an array index passed as the key
// to ForEach).
type Result struct {
	Type Type
	Raw  []byte

	computed bool
	num      int
}

// Exists reports whether the value was found (null counts as found).
func (r Result) Exists() bool { return len(r.Raw) > 0 || r.computed }

// IsObject reports whether the value is a JSON object.
func (r Result) IsObject() bool { return r.Type == JSON && len(r.Raw) > 0 && r.Raw[0] == '{' }

// IsArray reports whether the value is a JSON array.
func (r Result) IsArray() bool { return r.Type == JSON && len(r.Raw) > 0 && r.Raw[0] == '[' }

// String returns a string value unescaped (invalid surrogates become
// U+FFFD), a number as its JSON text, true/false as words, an object or
// array as its raw JSON, and "" for null or a missing value.
func (r Result) String() string {
	if r.computed {
		return strconv.Itoa(r.num)
	}
	switch r.Type {
	case String:
		return unquote(r.Raw)
	case False:
		return "false"
	case True:
		return "true"
	case Number, JSON:
		return string(r.Raw)
	}
	return ""
}

// Int returns the value as an integer: numbers are truncated toward zero and
// saturate at the int64 range, strings holding a number are parsed, true is
// 1; anything else is 0.
func (r Result) Int() int64 {
	if r.computed {
		return int64(r.num)
	}
	switch r.Type {
	case True:
		return 1
	case Number:
		if n, ok := parseInt(r.Raw); ok {
			return n
		}
		return floatToInt(parseFloat(r.Raw))
	case String:
		if bytesHasByte(r.Raw, '\\') {
			s := r.String()
			if n, ok := parseInt([]byte(s)); ok {
				return n
			}
			return floatToInt(parseFloat([]byte(s)))
		}
		s := r.Raw[1 : len(r.Raw)-1]
		if n, ok := parseInt(s); ok {
			return n
		}
		return floatToInt(parseFloat(s))
	}
	return 0
}

// Float returns the value as a float64: numbers and numeric strings are
// parsed, true is 1; anything else is 0.
func (r Result) Float() float64 {
	if r.computed {
		return float64(r.num)
	}
	switch r.Type {
	case True:
		return 1
	case Number:
		return parseFloat(r.Raw)
	case String:
		return parseFloat([]byte(r.String()))
	}
	return 0
}

// Bool returns true for true, a non-zero number, or a string that
// strconv.ParseBool accepts as true (case-insensitive: "1", "t", "true").
func (r Result) Bool() bool {
	if r.computed {
		return r.num != 0
	}
	switch r.Type {
	case True:
		return true
	case Number:
		return parseFloat(r.Raw) != 0
	case String:
		switch s := r.String(); len(s) {
		case 1:
			return s == "1" || s == "t" || s == "T"
		case 4:
			return (s[0]|0x20) == 't' && (s[1]|0x20) == 'r' && (s[2]|0x20) == 'u' && (s[3]|0x20) == 'e'
		}
		return false
	}
	return false
}

// Get reads path inside this value.
func (r Result) Get(path string) Result {
	if r.Type != JSON {
		return Result{}
	}
	return Get(r.Raw, path)
}

// Members reads the members names[i] of an object into out[i] in one pass
// (the first occurrence of a name wins, as with Get): Get per name would
// rescan the object for every name it lacks. Other out entries are reset.
func (r Result) Members(names []string, out []Result) {
	for i := range out {
		out[i] = Result{}
	}
	r.ForEach(func(k, v Result) bool {
		raw := k.Raw
		if len(raw) < 2 {
			return true
		}
		key := raw[1 : len(raw)-1]
		if bytes.IndexByte(key, '\\') >= 0 {
			key = []byte(k.String())
		}
		for i, n := range names {
			if string(key) == n && !out[i].Exists() { // no allocation: a comparison
				out[i] = v
				break
			}
		}
		return true
	})
}

// ForEach calls fn for each member of an object (key is the member's name,
// a String) or each element of an array (key is the index, a computed
// Number), until fn returns false. A scalar value is passed once with an
// empty key; a missing value calls nothing.
func (r Result) ForEach(fn func(key, value Result) bool) {
	if !r.Exists() {
		return
	}
	if r.Type != JSON {
		fn(Result{}, r)
		return
	}
	data := r.Raw
	obj := data[0] == '{'
	i := 1
	idx := 0
	for {
		i = skipSpaceComma(data, i)
		if i >= len(data) || data[i] == '}' || data[i] == ']' {
			return
		}
		var key Result
		if obj {
			if data[i] != '"' {
				return
			}
			end := stringEnd(data, i)
			key = Result{Type: String, Raw: data[i:end]}
			i = skipSpace(data, end)
			if i >= len(data) || data[i] != ':' {
				return
			}
			i = skipSpace(data, i+1)
		} else {
			key = Result{Type: Number, computed: true, num: idx}
			idx++
		}
		v, end := value(data, i)
		if !v.Exists() {
			return
		}
		i = end
		if !fn(key, v) {
			return
		}
	}
}

// Array returns an array's elements, a scalar or object as a one-element
// slice, and an empty slice for null or a missing value.
func (r Result) Array() []Result {
	if !r.Exists() || (r.Type == Null && !r.computed) {
		return []Result{}
	}
	if !r.IsArray() {
		return []Result{r}
	}
	out := make([]Result, 0, 8)
	r.ForEach(func(_, v Result) bool {
		out = append(out, v)
		return true
	})
	return out
}

// Get returns the value at path in data (see the package comment for the
// path syntax). A missing value gives a Result whose Exists is false.
//
// Get descends without measuring the containers it enters: only the values
// it steps over and the one it returns are scanned to their end.
func Get(data []byte, path string) Result {
	if path == "" {
		return Result{}
	}
	i := skipSpace(data, 0)
	for {
		comp, rest, more := nextComponent(path)
		if i >= len(data) || (data[i] != '{' && data[i] != '[') {
			return Result{}
		}
		if comp == "#" && !more {
			if data[i] != '[' {
				return Result{}
			}
			n := 0
			for j := skipSpaceComma(data, i+1); j < len(data) && data[j] != ']'; j = skipSpaceComma(data, j) {
				v, end := value(data, j)
				if !v.Exists() {
					break
				}
				n, j = n+1, end
			}
			return Result{Type: Number, computed: true, num: n}
		}
		var ok bool
		if data[i] == '{' {
			i, ok = member(data, i, comp)
		} else {
			var idx int
			if idx, ok = index(comp); ok {
				i, ok = element(data, i, idx)
			}
		}
		if !ok {
			return Result{}
		}
		if !more {
			v, _ := value(data, i)
			return v
		}
		path = rest
	}
}

// nextComponent splits off the first path component (still escaped).
func nextComponent(path string) (comp, rest string, more bool) {
	for i := 0; i < len(path); i++ {
		switch path[i] {
		case '\\':
			i++
		case '.':
			return path[:i], path[i+1:], true
		}
	}
	return path, "", false
}

// index parses a path component of decimal digits.
func index(comp string) (int, bool) {
	if comp == "" || len(comp) > 9 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(comp); i++ {
		c := comp[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// member returns where the value of key comp starts in the object that
// starts at data[i].
func member(data []byte, i int, comp string) (int, bool) {
	i++
	for {
		i = skipSpaceComma(data, i)
		if i >= len(data) || data[i] != '"' {
			return 0, false
		}
		end := stringEnd(data, i)
		match := keyEqual(data[i+1:max(end-1, i+1)], comp)
		i = skipSpace(data, end)
		if i >= len(data) || data[i] != ':' {
			return 0, false
		}
		i = skipSpace(data, i+1)
		if match {
			return i, true
		}
		v, vend := value(data, i)
		if !v.Exists() {
			return 0, false
		}
		i = vend
	}
}

// element returns where element idx starts in the array that starts at
// data[i].
func element(data []byte, i, idx int) (int, bool) {
	i++
	for n := 0; ; n++ {
		i = skipSpaceComma(data, i)
		if i >= len(data) || data[i] == ']' {
			return 0, false
		}
		if n == idx {
			return i, true
		}
		v, end := value(data, i)
		if !v.Exists() {
			return 0, false
		}
		i = end
	}
}

// keyEqual compares a raw JSON key (between its quotes, possibly with
// escapes) with a path component (possibly with `\` escapes).
func keyEqual(key []byte, comp string) bool {
	if !bytesHasByte(key, '\\') && strings.IndexByte(comp, '\\') < 0 {
		return string(key) == comp
	}
	j := 0
	var buf [4]byte
	for i := 0; i < len(key); {
		var b []byte
		if key[i] == '\\' {
			r, n := decodeEscape(key, i)
			i += n
			b = buf[:utf8.EncodeRune(buf[:], r)]
		} else {
			buf[0] = key[i]
			b = buf[:1]
			i++
		}
		for _, c := range b {
			if j < len(comp) && comp[j] == '\\' {
				j++
			}
			if j >= len(comp) || comp[j] != c {
				return false
			}
			j++
		}
	}
	return j == len(comp)
}

// value reads the value starting at data[i] and returns it with the index
// just past it. A missing or truncated value gives an empty Result.
func value(data []byte, i int) (Result, int) {
	if i >= len(data) {
		return Result{}, i
	}
	var t Type
	var end int
	switch c := data[i]; {
	case c == '"':
		t, end = String, stringEnd(data, i)
		if end-i < 2 || data[end-1] != '"' {
			return Result{}, end
		}
	case c == '{' || c == '[':
		t, end = JSON, containerEnd(data, i)
	case c == 't':
		t, end = True, literalEnd(data, i)
	case c == 'f':
		t, end = False, literalEnd(data, i)
	case c == 'n':
		t, end = Null, literalEnd(data, i)
	case c == '-' || (c >= '0' && c <= '9'):
		t, end = Number, literalEnd(data, i)
	default:
		return Result{}, i
	}
	return Result{Type: t, Raw: data[i:end]}, end
}

// stringEnd returns the index just past the string starting at data[i]
// (data[i] == '"'), or len(data) when it is unterminated.
func stringEnd(data []byte, i int) int {
	i++
	for {
		q := bytes.IndexByte(data[i:], '"')
		if q < 0 {
			return len(data)
		}
		i += q
		// The quote is escaped when an odd number of backslashes precede it.
		b := i - 1
		for b >= 0 && data[b] == '\\' {
			b--
		}
		if (i-1-b)%2 == 0 {
			return i + 1
		}
		i++
	}
}

// structural marks the bytes containerEnd must look at.
var structural = [256]bool{'"': true, '{': true, '}': true, '[': true, ']': true}

// containerEnd returns the index just past the object or array starting at
// data[i]. It counts brackets outside strings, so it needs no recursion.
func containerEnd(data []byte, i int) int {
	depth := 0
	for i < len(data) {
		c := data[i]
		if !structural[c] {
			i++
			continue
		}
		switch c {
		case '"':
			i = stringEnd(data, i)
			continue
		case '{', '[':
			depth++
		default:
			depth--
			if depth == 0 {
				return i + 1
			}
		}
		i++
	}
	return len(data)
}

// literalEnd returns the index just past a number or a true/false/null.
func literalEnd(data []byte, i int) int {
	for ; i < len(data); i++ {
		switch data[i] {
		case ' ', '\t', '\n', '\r', ',', '}', ']', ':', '"', '{', '[':
			return i
		}
	}
	return i
}

func skipSpace(data []byte, i int) int {
	for i < len(data) {
		switch data[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

func skipSpaceComma(data []byte, i int) int {
	for i < len(data) {
		switch data[i] {
		case ' ', '\t', '\n', '\r', ',':
			i++
		default:
			return i
		}
	}
	return i
}

func bytesHasByte(b []byte, c byte) bool {
	for _, x := range b {
		if x == c {
			return true
		}
	}
	return false
}

// unquote returns the text of a raw JSON string (with its quotes).
func unquote(raw []byte) string {
	if len(raw) < 2 {
		return ""
	}
	s := raw[1 : len(raw)-1]
	if !bytesHasByte(s, '\\') {
		return string(s)
	}
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		if s[i] != '\\' {
			out = append(out, s[i])
			i++
			continue
		}
		r, n := decodeEscape(s, i)
		i += n
		out = utf8.AppendRune(out, r)
	}
	return string(out)
}

// decodeEscape decodes the escape sequence at s[i] (s[i] == '\\'), joining
// a UTF-16 surrogate pair; it returns the rune and the bytes consumed. Lone
// surrogates and malformed escapes give U+FFFD.
func decodeEscape(s []byte, i int) (rune, int) {
	if i+1 >= len(s) {
		return utf8.RuneError, len(s) - i
	}
	switch s[i+1] {
	case '"', '\\', '/':
		return rune(s[i+1]), 2
	case 'b':
		return '\b', 2
	case 'f':
		return '\f', 2
	case 'n':
		return '\n', 2
	case 'r':
		return '\r', 2
	case 't':
		return '\t', 2
	case 'u':
		r, ok := hex4(s, i+2)
		if !ok {
			return utf8.RuneError, 2
		}
		if utf16.IsSurrogate(r) {
			if r < 0xDC00 && i+8 <= len(s) && s[i+6] == '\\' && s[i+7] == 'u' {
				if r2, ok := hex4(s, i+8); ok && r2 >= 0xDC00 && r2 < 0xE000 {
					return utf16.DecodeRune(r, r2), 12
				}
			}
			return utf8.RuneError, 6
		}
		return r, 6
	}
	return utf8.RuneError, 2
}

func hex4(s []byte, i int) (rune, bool) {
	if i+4 > len(s) {
		return 0, false
	}
	var r rune
	for _, c := range s[i : i+4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c -= 'a' - 10
		case c >= 'A' && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

// parseInt parses an optionally signed run of decimal digits, saturating at
// the int64 range; ok is false for anything else (fractions, exponents).
func parseInt(b []byte) (int64, bool) {
	neg := false
	if len(b) > 0 && b[0] == '-' {
		neg, b = true, b[1:]
	}
	if len(b) == 0 {
		return 0, false
	}
	var n uint64
	over := false
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		if n > (1<<64-1-9)/10 {
			over = true
		}
		n = n*10 + uint64(c-'0')
	}
	switch {
	case neg && (over || n > 1<<63):
		return -1 << 63, true
	case neg:
		return -int64(n), true
	case over || n > 1<<63-1:
		return 1<<63 - 1, true
	}
	return int64(n), true
}

// parseFloat reads a decimal number ("-12.5e3"; also "inf", "infinity" and
// "nan" in any case) as strconv.ParseFloat would, ignoring its error:
// anything else is 0, overflow is ±Inf. It does not use strconv, whose
// error values link strconv's quoting and whose exact algorithm links a
// large table: together ~50 KB of core.wasm. The result is correctly
// rounded (equal to strconv's) when the significant digits fit in 15
// digits and the decimal exponent is within ±22 (Clinger's fast path); with
// 16 to 19 digits an exact error term makes it correctly rounded except in
// near-halfway cases (a test compares it with strconv); beyond that it is
// within a few units in the last place. Waybill's inputs hold epoch
// milliseconds, coordinates, ratios and prices, and the core only reads
// integers and flags from JSON numbers.
func parseFloat(b []byte) float64 {
	i, neg := 0, false
	if i < len(b) && (b[i] == '+' || b[i] == '-') {
		neg, i = b[i] == '-', i+1
	}
	if i < len(b) && (b[i]|0x20) >= 'a' && (b[i]|0x20) <= 'z' {
		var f float64
		switch w := ascii.Lower(string(b[i:])); w {
		case "inf", "infinity":
			f = math.Inf(1)
		case "nan":
			return math.NaN()
		default:
			return 0
		}
		if neg {
			f = -f
		}
		return f
	}
	var mant uint64
	nd, exp := 0, 0
	digits, dot, exact := false, false, true
	for ; i < len(b); i++ {
		c := b[i]
		if c == '.' && !dot {
			dot = true
			continue
		}
		if c < '0' || c > '9' {
			break
		}
		digits = true
		switch {
		case nd == 0 && c == '0': // a leading zero
			if dot {
				exp--
			}
		case nd < 19:
			mant = mant*10 + uint64(c-'0')
			nd++
			if dot {
				exp--
			}
		default: // beyond 19 digits: only the magnitude counts
			if c != '0' {
				exact = false
			}
			if !dot {
				exp++
			}
		}
	}
	if !digits {
		return 0
	}
	if i < len(b) && (b[i]|0x20) == 'e' {
		i++
		eneg := false
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			eneg, i = b[i] == '-', i+1
		}
		if i == len(b) {
			return 0
		}
		e := 0
		for ; i < len(b) && b[i] >= '0' && b[i] <= '9'; i++ {
			if e < 100000 {
				e = e*10 + int(b[i]-'0')
			}
		}
		if eneg {
			e = -e
		}
		exp += e
	}
	if i != len(b) {
		return 0
	}
	for mant != 0 && mant%10 == 0 && exp < 0 { // "1.50" is 15e-1
		mant /= 10
		exp++
	}
	f := float64(mant)
	switch {
	case mant == 0:
		f = 0
	case exact && mant < 1<<53 && exp >= -22 && exp <= 22:
		// Clinger's fast path: both operands exact, one rounding.
		if exp < 0 {
			f /= math.Pow10(-exp)
		} else {
			f *= math.Pow10(exp)
		}
	case exact && exp >= -22 && exp <= 22:
		// 54 to 64 bits of mantissa: carry the part float64(mant) lost
		// and the product's (or quotient's) exact error term, then round
		// once.
		var lo float64
		if h := uint64(f); h >= mant {
			lo = -float64(h - mant)
		} else {
			lo = float64(mant - h)
		}
		p := math.Pow10(max(exp, -exp))
		if exp < 0 {
			q := f / p
			ph, pl := twoProduct(q, p)
			f = q + ((f-ph)-pl+lo)/p // f - q·p is exact
		} else {
			q, e := twoProduct(f, p)
			f = q + (e + lo*p)
		}
	case exp < -300: // keep intermediate results normal
		f = f * math.Pow10(exp+300) * 1e-300
	default:
		f *= math.Pow10(exp)
	}
	if neg {
		f = -f
	}
	return f
}

// twoProduct returns p = a·b rounded and e with a·b = p + e exactly
// (Dekker's product; math.FMA is emulated in Go's wasm and costs more).
// The float64 conversions keep compilers from fusing operations.
func twoProduct(a, b float64) (p, e float64) {
	p = a * b
	ah, al := split(a)
	bh, bl := split(b)
	e = float64(float64(float64(float64(ah*bh)-p)+float64(ah*bl))+float64(al*bh)) + float64(al*bl)
	return p, e
}

// split is Veltkamp's split of a into two halves of 26 bits.
func split(a float64) (hi, lo float64) {
	c := float64(134217729 * a) // 2^27 + 1
	hi = c - float64(c-a)
	return hi, a - hi
}

func floatToInt(f float64) int64 {
	switch {
	case f != f:
		return 0
	case f >= 9223372036854775807:
		return 1<<63 - 1
	case f <= -9223372036854775808:
		return -1 << 63
	}
	return int64(f)
}
