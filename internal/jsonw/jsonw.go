// Package jsonw writes JSON by appending to a byte slice.
//
// The core avoids encoding/json: its reflection roughly doubles the size of
// core.wasm (see DESIGN.md, Performance). Writer handles commas itself, so
// callers emit keys and values in order and never build intermediate maps.
package jsonw

import (
	"strconv"
	"unicode/utf8"
)

// Writer appends JSON tokens to B. The zero value is ready to use.
type Writer struct {
	B         []byte
	needComma bool
}

// Reset empties the buffer, keeping its capacity.
func (w *Writer) Reset() { w.B = w.B[:0]; w.needComma = false }

// Bytes returns the JSON written so far.
func (w *Writer) Bytes() []byte { return w.B }

func (w *Writer) sep() {
	if w.needComma {
		w.B = append(w.B, ',')
	}
}

// ObjStart writes '{'.
func (w *Writer) ObjStart() { w.sep(); w.B = append(w.B, '{'); w.needComma = false }

// ObjEnd writes '}'.
func (w *Writer) ObjEnd() { w.B = append(w.B, '}'); w.needComma = true }

// ArrStart writes '['.
func (w *Writer) ArrStart() { w.sep(); w.B = append(w.B, '['); w.needComma = false }

// ArrEnd writes ']'.
func (w *Writer) ArrEnd() { w.B = append(w.B, ']'); w.needComma = true }

// Key writes an object key; the next call writes its value.
func (w *Writer) Key(k string) {
	w.sep()
	w.B = AppendString(w.B, k)
	w.B = append(w.B, ':')
	w.needComma = false
}

// Str writes a string value.
func (w *Writer) Str(s string) { w.sep(); w.B = AppendString(w.B, s); w.needComma = true }

// Int writes an integer value.
func (w *Writer) Int(n int64) { w.sep(); w.B = strconv.AppendInt(w.B, n, 10); w.needComma = true }

// Float writes a float value (NaN and infinities become null).
func (w *Writer) Float(f float64) {
	w.sep()
	if f != f || f > 1.7976931348623157e308 || f < -1.7976931348623157e308 {
		w.B = append(w.B, "null"...)
	} else {
		w.B = strconv.AppendFloat(w.B, f, 'g', -1, 64)
	}
	w.needComma = true
}

// Hundredths writes n/100 as a JSON number, as Float(float64(n)/100) would
// ("0.95", "0.5", "1") but without strconv's float formatting, which costs
// core.wasm tens of KB.
func (w *Writer) Hundredths(n int64) {
	w.sep()
	if n < 0 {
		w.B = append(w.B, '-')
		n = -n
	}
	w.B = strconv.AppendInt(w.B, n/100, 10)
	if f := n % 100; f != 0 {
		w.B = append(w.B, '.', byte('0'+f/10))
		if f%10 != 0 {
			w.B = append(w.B, byte('0'+f%10))
		}
	}
	w.needComma = true
}

// Bool writes true or false.
func (w *Writer) Bool(b bool) {
	w.sep()
	if b {
		w.B = append(w.B, "true"...)
	} else {
		w.B = append(w.B, "false"...)
	}
	w.needComma = true
}

// Null writes null.
func (w *Writer) Null() { w.sep(); w.B = append(w.B, "null"...); w.needComma = true }

// Raw writes pre-encoded JSON as one value. The caller guarantees validity.
func (w *Writer) Raw(js []byte) { w.sep(); w.B = append(w.B, js...); w.needComma = true }

// KeyStr, KeyInt and KeyBool are shorthands for Key followed by a value.
func (w *Writer) KeyStr(k, v string)       { w.Key(k); w.Str(v) }
func (w *Writer) KeyInt(k string, v int64) { w.Key(k); w.Int(v) }
func (w *Writer) KeyBool(k string, v bool) { w.Key(k); w.Bool(v) }

// KeyStrOmit writes k:v only when v is not empty.
func (w *Writer) KeyStrOmit(k, v string) {
	if v != "" {
		w.KeyStr(k, v)
	}
}

// KeyError writes "error":{"code":code,"message":message}, the error object
// of every contract (one writer for the api's answers and the worker's).
func (w *Writer) KeyError(code, message string) {
	w.Key("error")
	w.ObjStart()
	w.KeyStr("code", code)
	w.KeyStr("message", message)
	w.ObjEnd()
}

const hex = "0123456789abcdef"

// AppendString appends s as a quoted JSON string. Invalid UTF-8 becomes
// U+FFFD; <, > and & are escaped so the output is safe to embed anywhere.
func AppendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
