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
	put := func(b []byte, c byte) []byte {
		if c == ' ' {
			if space {
				return b
			}
			space = true
			return append(b, ' ')
		}
		space = false
		return append(b, c)
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
				dst = put(dst, c)
			case c >= 'A' && c <= 'Z':
				dst = put(dst, c+'a'-'A')
			default:
				dst = put(dst, ' ')
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == utf8.RuneError:
			dst = put(dst, ' ')
		case r >= 0xC0 && r <= 0x17F:
			switch r {
			case 'ß':
				dst = put(put(dst, 's'), 's')
			case 'æ', 'Æ':
				dst = put(put(dst, 'a'), 'e')
			case 'œ', 'Œ':
				dst = put(put(dst, 'o'), 'e')
			case 'ĳ', 'Ĳ':
				dst = put(put(dst, 'i'), 'j')
			default:
				dst = put(dst, latinFold[r-0xC0])
			}
		case r == 'ơ' || r == 'Ơ':
			dst = put(dst, 'o')
		case r == 'ư' || r == 'Ư':
			dst = put(dst, 'u')
		case r >= 0x218 && r <= 0x21B: // Romanian ș ț
			if r < 0x21A {
				dst = put(dst, 's')
			} else {
				dst = put(dst, 't')
			}
		case r >= 0x1EA0 && r <= 0x1EF9:
			dst = put(dst, vietFold[r-0x1EA0])
		case r >= 0x300 && r <= 0x36F: // combining diacritics: drop
		case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII
			c := byte(r - 0xFF01 + '!')
			switch {
			case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
				dst = put(dst, c)
			case c >= 'A' && c <= 'Z':
				dst = put(dst, c+'a'-'A')
			default:
				dst = put(dst, ' ')
			}
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
			dst = putRune(dst, r, &space)
		case r >= 0x600 && r <= 0x6FF: // Arabic
			switch {
			case r >= 0x64B && r <= 0x65F, r == 0x670, r == 0x640: // marks, tatweel
			case r == 'أ', r == 'إ', r == 'آ', r == 'ٱ':
				dst = putRune(dst, 'ا', &space)
			case r == 'ى':
				dst = putRune(dst, 'ي', &space)
			case r == 'ة':
				dst = putRune(dst, 'ه', &space)
			case r == '،', r == '؛', r == '؟', r == '٪', r == '۔':
				dst = put(dst, ' ')
			default:
				dst = putRune(dst, r, &space)
			}
		case r >= 0x591 && r <= 0x5C7: // Hebrew points and punctuation
			if r == 0x5BE || r == 0x5C0 || r == 0x5C3 || r == 0x5C6 {
				dst = put(dst, ' ')
			}
		case r == 0x200C || r == 0x200D || r == 0xFEFF: // joiners, BOM: drop
		default:
			if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) {
				dst = putRune(dst, unicode.ToLower(r), &space)
			} else {
				dst = put(dst, ' ')
			}
		}
	}
	if len(dst) > 0 && dst[len(dst)-1] == ' ' {
		dst = dst[:len(dst)-1]
	}
	return dst
}

func putRune(dst []byte, r rune, space *bool) []byte {
	*space = false
	return utf8.AppendRune(dst, r)
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
