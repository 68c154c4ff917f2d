package tracknum

import "unicode/utf8"

// Normalisation of pasted text (reference/tracking-numbers.md §6), one rune
// at a time so that every output character keeps its original offset.

// kind says what a rune is to a tracking number.
type kind uint8

const (
	kOther     kind = iota // punctuation, symbols, CJK…: ends a token
	kAlnum                 // folds to one of 0-9 A-Z
	kSep                   // space or dash/dot between groups: removable
	kLineBreak             // removable in a pasted number, ends a group in free text
	kInvisible             // zero-width, bidi and format marks: dropped
	kGlue                  // a letter or digit that no number contains (é, ß, ж…): taints its word
)

// fold classifies r and, for kAlnum, returns its ASCII upper-case form:
// fullwidth forms, other digit scripts, and Cyrillic/Greek capitals and small
// letters that look like Latin ones. Look-alikes are only ever letters, so
// they can only fill letter positions of a shape.
func fold(r rune) (kind, byte) {
	switch {
	case r >= '0' && r <= '9':
		return kAlnum, byte(r)
	case r >= 'A' && r <= 'Z':
		return kAlnum, byte(r)
	case r >= 'a' && r <= 'z':
		return kAlnum, byte(r - 'a' + 'A')
	case r < 0x80:
		switch r {
		case ' ', '\t', '-', '.', '_', '/':
			return kSep, 0
		case '\n', '\r', '\v', '\f':
			return kLineBreak, 0
		}
		if r < 0x20 || r == 0x7f {
			return kInvisible, 0
		}
		return kOther, 0
	case r >= 0xFF10 && r <= 0xFF19: // fullwidth digits
		return kAlnum, byte(r - 0xFF10 + '0')
	case r >= 0xFF21 && r <= 0xFF3A: // fullwidth capitals
		return kAlnum, byte(r - 0xFF21 + 'A')
	case r >= 0xFF41 && r <= 0xFF5A: // fullwidth small letters
		return kAlnum, byte(r - 0xFF41 + 'A')
	case r >= 0x0660 && r <= 0x0669: // Arabic-Indic digits
		return kAlnum, byte(r - 0x0660 + '0')
	case r >= 0x06F0 && r <= 0x06F9: // Extended Arabic-Indic (Persian) digits
		return kAlnum, byte(r - 0x06F0 + '0')
	}
	switch r {
	// Spaces (Zs) and separators.
	case 0x00A0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006,
		0x2007, 0x2008, 0x2009, 0x200A, 0x202F, 0x205F, 0x3000:
		return kSep, 0
	// Dashes, minus signs, dots and slashes, incl. fullwidth and small forms.
	case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xFE58, 0xFE63, 0xFF0D,
		0x00B7, 0x2024, 0x2027, 0x30FB, 0xFF0E, 0xFF65, 0xFF0F, 0xFF3F, 0x2043:
		return kSep, 0
	case 0x0085, 0x2028, 0x2029:
		return kLineBreak, 0
	// Invisible format characters (category Cf) a copy from a web page carries.
	case 0x00AD, 0x034F, 0x061C, 0x180E, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F,
		0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064,
		0x2066, 0x2067, 0x2068, 0x2069, 0x206A, 0x206B, 0x206C, 0x206D, 0x206E, 0x206F,
		0xFE0E, 0xFE0F, 0xFEFF, 0xFFF9, 0xFFFA, 0xFFFB,
		0xFFFD: // invalid UTF-8 (and lone UTF-16 surrogates) decode to U+FFFD: noise
		return kInvisible, 0
	}
	if c := homoglyph(r); c != 0 {
		return kAlnum, c
	}
	// Other letters of alphabetic scripts (Latin with diacritics, Greek,
	// Cyrillic, Armenian) belong to words, never to numbers.
	if r >= 0x00C0 && r < 0x0590 && r != 0x00D7 && r != 0x00F7 {
		return kGlue, 0
	}
	return kOther, 0
}

// homoglyph maps Cyrillic and Greek letters that look like Latin capitals.
func homoglyph(r rune) byte {
	switch r {
	case 0x0410, 0x0430, 0x0391, 0x03B1: // А а Α α
		return 'A'
	case 0x0412, 0x0432, 0x0392, 0x03B2: // В в Β β
		return 'B'
	case 0x0415, 0x0435, 0x0395, 0x03B5: // Е е Ε ε
		return 'E'
	case 0x041A, 0x043A, 0x039A, 0x03BA: // К к Κ κ
		return 'K'
	case 0x041C, 0x043C, 0x039C, 0x03BC: // М м Μ μ
		return 'M'
	case 0x041D, 0x043D, 0x0397, 0x03B7: // Н н Η η
		return 'H'
	case 0x041E, 0x043E, 0x039F, 0x03BF: // О о Ο ο
		return 'O'
	case 0x0420, 0x0440, 0x03A1, 0x03C1: // Р р Ρ ρ
		return 'P'
	case 0x0421, 0x0441: // С с
		return 'C'
	case 0x0422, 0x0442, 0x03A4, 0x03C4: // Т т Τ τ
		return 'T'
	case 0x0423, 0x0443, 0x03A5, 0x03C5: // У у Υ υ
		return 'Y'
	case 0x0425, 0x0445, 0x03A7, 0x03C7: // Х х Χ χ
		return 'X'
	case 0x0405, 0x0455: // Ѕ ѕ
		return 'S'
	case 0x0406, 0x0456, 0x0399, 0x03B9: // І і Ι ι
		return 'I'
	case 0x0408, 0x0458: // Ј ј
		return 'J'
	case 0x0396, 0x03B6: // Ζ ζ
		return 'Z'
	case 0x039D, 0x03BD: // Ν ν
		return 'N'
	}
	return 0
}

// utf16Len is the number of UTF-16 code units r takes in a JavaScript string.
// An invalid byte counts as one (it arrives as U+FFFD).
func utf16Len(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}

// Normalize returns the normalised form of one pasted tracking number and,
// for every byte of it, the UTF-16 offset in s of the character it came
// from. Letters are upper-cased and fullwidth forms, other digit scripts and
// Cyrillic/Greek look-alike letters folded to ASCII; spaces, dashes, dots
// and line breaks between groups and invisible marks are removed. Any other
// character is kept as it is (invalid UTF-8 is dropped), so Normalize is
// idempotent and loses nothing a reader might need to see.
func Normalize(s string) (string, []int) {
	out := make([]byte, 0, len(s))
	offs := make([]int, 0, len(s))
	u16 := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		k, c := fold(r)
		switch k {
		case kAlnum:
			out = append(out, c)
			offs = append(offs, u16)
		case kOther, kGlue:
			n := len(out)
			out = utf8.AppendRune(out, r)
			for ; n < len(out); n++ {
				offs = append(offs, u16)
			}
		}
		u16 += utf16Len(r)
		i += size
	}
	return string(out), offs
}
