package tracknum

// Typo suggestions (reference §7.2). A single check digit is satisfied by one
// substitution at almost every position, so a substitution alone rarely says
// which number was meant. Suggestions therefore come, in this order, from
// adjacent transpositions, from look-alike characters (O/0, I/1, S/5…), and
// from plain substitutions only when at most two of them fix the number.

// confusable lists characters people and OCR mix up, as pairs.
const confusable = "O0D0Q0I1L1Z2S5B8G6"

// suggest fills p.res.Suggestions for the number n whose check digit failed
// (or that matched no format).
func (p *Parser) suggest(n []byte) {
	r := &p.res
	if r.Valid || len(n) < 8 || len(n) > 41 || len(r.Problems) != 1 {
		return
	}
	switch r.Problems[0] {
	case ProblemCheckDigit, ProblemUnknownFormat, ProblemLookAlike:
	default:
		return
	}
	// The formats whose check digit failed: a suggestion must satisfy one of them.
	var want [maxCands]uint8
	nw := 0
	for _, c := range r.Candidates {
		if c.CheckDigit == CheckInvalid {
			want[nw] = c.fi
			nw++
		}
	}
	alt := p.alt[:len(n)]
	var found [maxSuggest]string
	nf := 0
	add := func() {
		if nf == len(found) {
			return
		}
		for _, f := range found[:nf] {
			if f == string(alt) {
				return
			}
		}
		found[nf] = string(alt)
		nf++
	}
	proven := func() bool { return p.proves(alt, want[:nw]) }
	if r.Problems[0] == ProblemLookAlike {
		nw = 0 // the proven reading is another format than the loose one
	}
	copy(alt, n)
	for i := 0; i+1 < len(n); i++ {
		if n[i] == n[i+1] {
			continue
		}
		alt[i], alt[i+1] = n[i+1], n[i]
		if proven() {
			add()
		}
		alt[i], alt[i+1] = n[i], n[i+1]
	}
	for i := range n {
		for k := 0; k < len(confusable); k += 2 {
			a, b := confusable[k], confusable[k+1]
			switch n[i] {
			case a:
				alt[i] = b
			case b:
				alt[i] = a
			default:
				continue
			}
			if proven() {
				add()
			}
			alt[i] = n[i]
		}
	}
	if nf == 0 && nw > 0 {
		// Plain substitutions, kept only when they point at one or two numbers.
		var subs [3]string
		ns := 0
	scan:
		for i := len(n) - 1; i >= 0; i-- { // payloads end near the right: fixes show up early
			for c := byte('0'); c <= 'Z'; c++ {
				if c == ':' {
					c = 'A'
				}
				if c == n[i] || isDigit(c) != isDigit(n[i]) {
					continue
				}
				alt[i] = c
				if proven() {
					if ns == len(subs) {
						ns++
						break scan
					}
					subs[ns] = string(alt)
					ns++
				}
			}
			alt[i] = n[i]
		}
		if ns <= 2 {
			for _, s := range subs[:ns] {
				found[nf] = s
				nf++
			}
		}
	}
	r.Suggestions = append(r.Suggestions[:0], found[:nf]...)
}

// proves reports whether alt matches one of the formats in want (indices
// into formats; when want is empty, any non-weak format) with a valid check
// digit.
func (p *Parser) proves(alt []byte, want []uint8) bool {
	if len(want) > 0 {
		for _, i := range want {
			if p.provenBy(&formats[i], alt) {
				return true
			}
		}
		return false
	}
	for _, i := range formatsOfLen(len(alt)) {
		if f := &formats[i]; f.cd.algo != algoNone && f.flags&weak == 0 && mayMatch(i, alt) && p.provenBy(f, alt) {
			return true
		}
	}
	return false
}

func (p *Parser) provenBy(f *format, n []byte) bool {
	if len(n) < int(f.minLen) || len(n) > int(f.maxLen) {
		return false
	}
	cd, _, _, ok := p.check(f, n)
	return ok && cd == CheckValid
}

// lookAlikeProven reports whether swapping one look-alike character of n
// gives a number a non-weak format proves with its check digit.
func (p *Parser) lookAlikeProven(n []byte) bool {
	if len(n) > len(p.alt) {
		return false
	}
	alt := p.alt[:copy(p.alt[:], n)]
	for i := range n {
		for k := 0; k < len(confusable); k += 2 {
			a, b := confusable[k], confusable[k+1]
			switch n[i] {
			case a:
				alt[i] = b
			case b:
				alt[i] = a
			default:
				continue
			}
			ok := p.proves(alt, nil)
			alt[i] = n[i]
			if ok {
				return true
			}
		}
	}
	return false
}
