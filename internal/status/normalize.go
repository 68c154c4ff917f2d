package status

import (
	"unicode"
	"unicode/utf8"
)

// Text normalisation shared by the phrase index and the classifier, so a
// phrase written naturally in the tables ("Livré", "göndericiye iade
// edildi", "Объект доставлен") matches the same text however a carrier
// cases, accents or punctuates it.
//
// The normal form is: lower case; Latin letters without diacritics (ß → ss,
// æ → ae, œ → oe, ł → l, ı → i, đ → d); Cyrillic ё → е; Arabic without
// vowel marks or tatweel, with alef variants → ا, ى → ي, ة → ه; Hebrew
// without points; full-width ASCII → ASCII; every other punctuation,
// symbol or space run → one ASCII space; no leading or trailing space.
// Letters of other scripts (CJK, Hangul, kana, Thai with its marks) are
// kept as they are. The result is never longer than the input.

// latinFold maps U+00C0…U+017F to its lower-case ASCII base letter
// (' ' for × and ÷). Multi-letter folds (ß, æ, œ, ĳ) are handled in fold.
const latinFold = "aaaaaaaceeeeiiiidnooooo ouuuuytsaaaaaaaceeeeiiiidnooooo ouuuuytyaaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkkllllllllllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs"

// vietFold maps U+1EA0…U+1EF9 (Vietnamese letters with two diacritics)
// to their ASCII base letter.
const vietFold = "aaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyy"

// normalize appends the normal form of s to dst[:0] and returns it.
// dst is usually a stack buffer of the caller; it grows only for long text.
func normalize(dst []byte, s string) []byte {
	dst = dst[:0]
	space := true // suppress a leading space and space runs
	for i := 0; i < len(s); {
		// Each input rune becomes: ASCII bytes a[, b], or the rune keep, or
		// nothing; one append below (a single call site keeps the code small).
		var a, b byte
		keep := rune(-1)
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			a = asciiFold(c)
		} else {
			r, n := utf8.DecodeRuneInString(s[i:])
			i += n
			a, b, keep = foldRune(r)
		}
		switch {
		case keep >= 0:
			space = false
			dst = utf8.AppendRune(dst, keep)
		case a == ' ':
			if !space {
				space = true
				dst = append(dst, ' ')
			}
		case a != 0:
			space = false
			dst = append(dst, a)
			if b != 0 {
				dst = append(dst, b)
			}
		}
	}
	if len(dst) > 0 && dst[len(dst)-1] == ' ' {
		dst = dst[:len(dst)-1]
	}
	return dst
}

// asciiFold is the normal form of an ASCII byte: a lower-case letter or a
// digit, else ' '.
func asciiFold(c byte) byte {
	switch {
	case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		return c
	case c >= 'A' && c <= 'Z':
		return c + 'a' - 'A'
	}
	return ' '
}

// foldRune is the normal form of a non-ASCII rune: one or two ASCII bytes
// (a, b; ' ' for a separator), or a rune to keep (keep ≥ 0), or nothing
// (all zero, keep < 0).
func foldRune(r rune) (a, b byte, keep rune) {
	keep = -1
	switch {
	case r == utf8.RuneError:
		a = ' '
	case r >= 0xC0 && r <= 0x17F:
		switch r {
		case 'ß':
			a, b = 's', 's'
		case 'æ', 'Æ':
			a, b = 'a', 'e'
		case 'œ', 'Œ':
			a, b = 'o', 'e'
		case 'ĳ', 'Ĳ':
			a, b = 'i', 'j'
		default:
			a = latinFold[r-0xC0]
		}
	case r == 'ơ' || r == 'Ơ':
		a = 'o'
	case r == 'ư' || r == 'Ư':
		a = 'u'
	case r >= 0x218 && r <= 0x21B: // Romanian ș ț
		a = 's'
		if r >= 0x21A {
			a = 't'
		}
	case r >= 0x1EA0 && r <= 0x1EF9:
		a = vietFold[r-0x1EA0]
	case r >= 0x300 && r <= 0x36F: // combining diacritics: drop
	case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII
		a = asciiFold(byte(r - 0xFF01 + '!'))
	case r >= 0x400 && r <= 0x4FF: // Cyrillic
		switch {
		case r >= 0x410 && r <= 0x42F:
			r += 0x20
		case r >= 0x400 && r <= 0x40F:
			r += 0x50
		}
		if r == 'ё' {
			r = 'е'
		}
		keep = r
	case r >= 0x600 && r <= 0x6FF: // Arabic
		switch {
		case r >= 0x64B && r <= 0x65F, r == 0x670, r == 0x640: // marks, tatweel
		case r == 'أ', r == 'إ', r == 'آ', r == 'ٱ':
			keep = 'ا'
		case r == 'ى':
			keep = 'ي'
		case r == 'ة':
			keep = 'ه'
		case r == '،', r == '؛', r == '؟', r == '٪', r == '۔':
			a = ' '
		default:
			keep = r
		}
	case r >= 0x591 && r <= 0x5C7: // Hebrew points and punctuation
		if r == 0x5BE || r == 0x5C0 || r == 0x5C3 || r == 0x5C6 {
			a = ' '
		}
	case r == 0x200C || r == 0x200D || r == 0xFEFF: // joiners, BOM: drop
	default:
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) {
			keep = unicode.ToLower(r)
		} else {
			a = ' '
		}
	}
	return a, b, keep
}

// normalizeCode writes a source code in its canonical form: upper case,
// runs of spaces, dashes and dots → '_' (reference: "codes have been seen
// with spaces or in lower case"). It returns false when the code does not
// fit dst or holds bytes no code has.
func normalizeCode(dst []byte, s string) ([]byte, bool) {
	dst = dst[:0]
	sep := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z':
			c -= 'a' - 'A'
		case c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case c == ' ' || c == '_' || c == '-' || c == '.' || c == '\t' || c == '/':
			c = '_'
		default:
			return dst, false
		}
		if c == '_' {
			if sep {
				continue
			}
			sep = true
		} else {
			sep = false
		}
		if len(dst) == cap(dst) {
			return dst, false
		}
		dst = append(dst, c)
	}
	if len(dst) > 0 && dst[len(dst)-1] == '_' {
		dst = dst[:len(dst)-1]
	}
	return dst, len(dst) > 0
}
