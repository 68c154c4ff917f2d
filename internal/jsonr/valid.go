package jsonr

import "unicode/utf8"

// MaxDepth is the deepest nesting of objects and arrays Valid accepts.
// Real payloads nest under 20 levels; the limit keeps hostile input from
// costing deep recursion in any consumer.
const MaxDepth = 512

// Valid reports whether data is exactly one JSON value per RFC 8259
// (surrounded by optional whitespace), in valid UTF-8, nested at most
// MaxDepth deep.
func Valid(data []byte) bool {
	v := validator{data: data}
	i, ok := v.value(skipSpace(data, 0), 0)
	return ok && skipSpace(data, i) == len(data)
}

type validator struct{ data []byte }

func (v *validator) value(i, depth int) (int, bool) {
	d := v.data
	if i >= len(d) {
		return i, false
	}
	switch c := d[i]; {
	case c == '"':
		return v.str(i)
	case c == '{':
		if depth >= MaxDepth {
			return i, false
		}
		return v.object(i, depth+1)
	case c == '[':
		if depth >= MaxDepth {
			return i, false
		}
		return v.array(i, depth+1)
	case c == 't':
		return v.word(i, "true")
	case c == 'f':
		return v.word(i, "false")
	case c == 'n':
		return v.word(i, "null")
	case c == '-' || (c >= '0' && c <= '9'):
		return v.number(i)
	}
	return i, false
}

func (v *validator) object(i, depth int) (int, bool) {
	d := v.data
	i = skipSpace(d, i+1)
	if i < len(d) && d[i] == '}' {
		return i + 1, true
	}
	for {
		if i >= len(d) || d[i] != '"' {
			return i, false
		}
		var ok bool
		if i, ok = v.str(i); !ok {
			return i, false
		}
		i = skipSpace(d, i)
		if i >= len(d) || d[i] != ':' {
			return i, false
		}
		if i, ok = v.value(skipSpace(d, i+1), depth); !ok {
			return i, false
		}
		i = skipSpace(d, i)
		if i >= len(d) {
			return i, false
		}
		switch d[i] {
		case '}':
			return i + 1, true
		case ',':
			i = skipSpace(d, i+1)
		default:
			return i, false
		}
	}
}

func (v *validator) array(i, depth int) (int, bool) {
	d := v.data
	i = skipSpace(d, i+1)
	if i < len(d) && d[i] == ']' {
		return i + 1, true
	}
	for {
		var ok bool
		if i, ok = v.value(i, depth); !ok {
			return i, false
		}
		i = skipSpace(d, i)
		if i >= len(d) {
			return i, false
		}
		switch d[i] {
		case ']':
			return i + 1, true
		case ',':
			i = skipSpace(d, i+1)
		default:
			return i, false
		}
	}
}

func (v *validator) str(i int) (int, bool) {
	d := v.data
	for i++; i < len(d); {
		c := d[i]
		switch {
		case c == '"':
			return i + 1, true
		case c < 0x20:
			return i, false
		case c == '\\':
			if i+1 >= len(d) {
				return i, false
			}
			switch d[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if _, ok := hex4(d, i+2); !ok {
					return i, false
				}
				i += 6
			default:
				return i, false
			}
		case c < utf8.RuneSelf:
			i++
		default:
			r, n := utf8.DecodeRune(d[i:])
			if r == utf8.RuneError && n == 1 {
				return i, false
			}
			i += n
		}
	}
	return i, false
}

func (v *validator) word(i int, w string) (int, bool) {
	if len(v.data)-i < len(w) || string(v.data[i:i+len(w)]) != w {
		return i, false
	}
	return i + len(w), true
}

// number checks -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (v *validator) number(i int) (int, bool) {
	d := v.data
	if d[i] == '-' {
		i++
	}
	switch {
	case i < len(d) && d[i] == '0':
		i++
	case i < len(d) && d[i] >= '1' && d[i] <= '9':
		i = digits(d, i)
	default:
		return i, false
	}
	if i < len(d) && d[i] == '.' {
		j := digits(d, i+1)
		if j == i+1 {
			return j, false
		}
		i = j
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		j := digits(d, i)
		if j == i {
			return j, false
		}
		i = j
	}
	return i, true
}

func digits(d []byte, i int) int {
	for i < len(d) && d[i] >= '0' && d[i] <= '9' {
		i++
	}
	return i
}
