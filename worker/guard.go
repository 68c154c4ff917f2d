package main

// Guards on everything that enters or leaves the worker: a nesting-depth
// check that runs before any recursive JSON parser sees a document, and the
// redactor every answer and log line passes through.

import (
	"errors"
	"strconv"
)

// maxDepth bounds JSON nesting. gjson.ValidBytes, gjson's Get and the core's
// decoders recurse once per level; in wasm under V8 a few thousand levels
// overflow the stack and trap, which ends the Go instance for every request
// it serves. Real answers nest about 10 deep.
const maxDepth = 64

// checkDepth reports whether b nests arrays/objects deeper than max. It is a
// single byte scan with no recursion (strings are skipped, escapes
// honoured), so it is safe on any input; it does not validate the JSON.
func checkDepth(b []byte, max int) error {
	depth := 0
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case '"':
			// Skip the string: a bracket inside it is not nesting.
			for i++; i < len(b) && b[i] != '"'; i++ {
				if b[i] == '\\' {
					i++
				}
			}
		case '[', '{':
			depth++
			if depth > max {
				return errors.New("JSON nested deeper than " + strconv.Itoa(max) + " levels at byte " + strconv.Itoa(i))
			}
		case ']', '}':
			depth--
		}
	}
	return nil
}

// redactMinRun is the shortest run of the key's characters that is hidden:
// any 8 consecutive characters of it, in any case, count as the key.
const redactMinRun = 8

// redactor hides a secret in text. Every 8-character window of the text
// that (ASCII case folded) equals an 8-character window of the secret is
// overwritten with '*'; a run of ≥ 8 characters of the secret is covered
// window by window, so cut, upper- or lower-cased copies all disappear.
// The length is kept, so Content-Length and JSON structure stay valid.
//
// It is on the hot path (every answer passes through it): windows are
// packed into uint64s and looked up in a small open-addressed table, and a
// byte that occurs nowhere in the secret lets the scan jump 8 ahead.
type redactor struct {
	inKey [256]bool
	table []uint64 // 0 = empty; windows never pack to 0 (bytes are non-zero)
	mask  uint64
	shift uint // 64 - log2(len(table)): the hash takes the product's top bits
}

var lowerTab = func() (t [256]byte) {
	for i := range t {
		t[i] = byte(i)
		if i >= 'A' && i <= 'Z' {
			t[i] = byte(i) + 'a' - 'A'
		}
	}
	return
}()

// newRedactor returns nil for a secret shorter than 8 bytes (nothing to
// hide by windows; such a key is refused by 17TRACK anyway) or one holding
// a NUL byte.
func newRedactor(secret string) *redactor {
	if len(secret) < redactMinRun {
		return nil
	}
	r := &redactor{}
	size, bits := 16, uint(4)
	for size < 4*len(secret) {
		size, bits = size*2, bits+1
	}
	r.table = make([]uint64, size)
	r.mask = uint64(size - 1)
	r.shift = 64 - bits
	var w uint64
	for i := 0; i < len(secret); i++ {
		c := lowerTab[secret[i]]
		if c == 0 {
			return nil
		}
		r.inKey[c] = true
		r.inKey[secret[i]] = true
		if c >= 'a' && c <= 'z' {
			r.inKey[c-'a'+'A'] = true
		}
		w = w<<8 | uint64(c)
		if i >= redactMinRun-1 {
			r.insert(w)
		}
	}
	return r
}

// hash is Fibonacci hashing: the product's top bits depend on every byte
// of the window (its middle bits would ignore the first characters, and
// windows differing only there would collide into long probe runs).
func (r *redactor) hash(w uint64) uint64 { return (w * 0x9E3779B97F4A7C15) >> r.shift }

func (r *redactor) insert(w uint64) {
	for h := r.hash(w); ; h = (h + 1) & r.mask {
		switch r.table[h] {
		case w:
			return
		case 0:
			r.table[h] = w
			return
		}
	}
}

func (r *redactor) has(w uint64) bool {
	for h := r.hash(w); ; h = (h + 1) & r.mask {
		switch r.table[h] {
		case w:
			return true
		case 0:
			return false
		}
	}
}

// redact overwrites, in place, every part of b that is ≥ 8 consecutive
// characters of the secret. It reports whether it changed anything.
func (r *redactor) redact(b []byte) bool {
	if r == nil || len(b) < redactMinRun {
		return false
	}
	changed := false
	i := 0 // start of the window being built
	for i+redactMinRun <= len(b) {
		// A window containing a byte the secret lacks cannot match: find
		// the last such byte in b[i:i+8] and restart just past it.
		j := i + redactMinRun - 1
		for ; j >= i && r.inKey[b[j]]; j-- {
		}
		if j >= i {
			i = j + 1
			continue
		}
		// b[i:i+8] is all secret bytes: slide a rolling window from here.
		var w uint64
		for k := i; k < i+redactMinRun; k++ {
			w = w<<8 | uint64(lowerTab[b[k]])
		}
		end := i + redactMinRun // first byte not yet in the window
		for {
			if r.has(w) {
				for k := end - redactMinRun; k < end; k++ {
					b[k] = '*'
				}
				changed = true
			}
			if end >= len(b) || !r.inKey[b[end]] {
				break
			}
			w = w<<8 | uint64(lowerTab[b[end]])
			end++
		}
		i = end + 1
	}
	return changed
}

// redactString is redact for strings (error messages, header values, logs).
func (r *redactor) redactString(s string) string {
	if r == nil || len(s) < redactMinRun {
		return s
	}
	b := []byte(s)
	if !r.redact(b) {
		return s
	}
	return string(b)
}
