package tracknum

import "unicode/utf8"

// Extraction from free text. The text is cut into atoms (maximal runs of
// letters and digits, invisible marks skipped); atoms separated by at most
// three spaces or dashes form a chain, and a number may span several atoms
// of one chain ("LX 299 455 986 CN"). For each starting atom, every window
// of up to maxAtoms atoms is classified and the best acceptable one is kept.
// Atoms glued to other letters, or longer than any number, are never read
// (token boundaries: no match inside a longer word). The work per atom is
// bounded, so extraction is linear in the text.

// Match is one tracking number found in a text.
type Match struct {
	Result         // the parse of the number; Input is the matched span of the text
	Start, End int // UTF-16 offsets of the span (JavaScript string indices)
}

// Extract finds every tracking number in text, in order, each once.
func Extract(text string) []Match {
	p := getParser()
	defer putParser(p)
	var out []Match
	p.Extract(text, func(m *Match) bool {
		c := *m
		c.Candidates = append([]Candidate(nil), m.Candidates...)
		c.Problems = append([]string(nil), m.Problems...)
		c.Suggestions = nil
		out = append(out, c)
		return true
	})
	return out
}

// Extract calls yield with every tracking number in text, in order, each
// once, until yield returns false. The Match is only valid during the call.
func (p *Parser) Extract(text string, yield func(m *Match) bool) {
	p.ex.run(text, p, yield)
}

const (
	maxAtoms   = 8    // atoms per number ("GM 2 9 5 …" spaced one by one is not read)
	maxGap     = 3    // separator characters between two atoms of a chain
	maxMatches = 1000 // per text
	lookahead  = 2 * maxAtoms
)

type atom struct {
	start, end int  // byte offsets
	u16s, u16e int  // UTF-16 offsets
	off, n     int  // its characters: ex.chars[off:off+n] (n may exceed what is stored when dead)
	digits     int  // how many of them are digits
	pre        rune // the last non-space character before it
	soft       bool // the gap after it joins it to the next atom
	dotGap     bool // that gap holds a '.' (decimal prices)
	dead       bool // glued to foreign letters or too long: never part of a number
	phone      bool // a phone label ("Tel:", "Phone") shortly precedes it
	prose      bool // holds a letter that is not an ASCII capital (lower case, another script)
}

type extractor struct {
	q     []atom
	head  int
	chars []byte
	win   [maxNumber]byte
	m     Match
	seen  []string
	seenM map[string]struct{}
	count int
	stop  bool
	text  string
	p     *Parser
	yield func(*Match) bool
	cache [64]struct {
		_   [0]func() // not comparable: no generated equality function in core.wasm
		key [maxNumber]byte
		n   uint8
		v   verdict
	}
}

type window struct {
	i, j   int
	n      int // characters
	digits int
	cd     bool
	conf   float64
	ok     bool
}

func (e *extractor) run(text string, p *Parser, yield func(*Match) bool) {
	e.q, e.head, e.chars = e.q[:0], 0, e.chars[:0]
	e.seen, e.seenM, e.count, e.stop = e.seen[:0], nil, 0, false
	for k := range e.cache {
		e.cache[k].n = 0
	}
	e.text, e.p, e.yield = text, p, yield
	defer func() { e.text, e.p, e.yield = "", nil, nil }()

	var cur atom
	inAtom, glued := false, false
	phoneLabelEnd := -1 // byte offset where the last phone label ended
	gap, broken, dot := 0, true, false
	var last rune
	u16 := 0
	finish := func() {
		if !inAtom {
			return
		}
		inAtom = false
		if cur.n > maxNumber {
			cur.dead = true
		}
		if cur.digits == 0 && isPhoneLabel(e.chars[cur.off:cur.off+min(cur.n, maxNumber)]) {
			phoneLabelEnd = cur.end
		}
		e.q = append(e.q, cur)
		gap, broken, dot = 0, false, false
		if len(e.q)-e.head >= 2*lookahead {
			e.drain(false)
		}
	}
	for i := 0; i < len(text) && !e.stop; {
		c := text[i]
		var r rune
		size := 1
		if c < utf8.RuneSelf {
			r = rune(c)
		} else {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		k, ch := fold(r)
		if r == '%' && i+2 < len(text) && isHex(text[i+1]) && isHex(text[i+2]) {
			k, size = kOther, 3 // a URL escape such as %2C separates numbers
		}
		switch k {
		case kAlnum:
			if !inAtom {
				if n := len(e.q); n > e.head && !broken && gap <= maxGap {
					e.q[n-1].soft, e.q[n-1].dotGap = true, dot
				} else {
					e.drain(true)
				}
				cur = atom{start: i, u16s: u16, off: len(e.chars), pre: last, dead: glued,
					phone: phoneLabelEnd >= 0 && i-phoneLabelEnd <= 4}
				inAtom = true
			}
			if cur.n < maxNumber+1 {
				e.chars = append(e.chars, ch)
			}
			cur.n++
			if isDigit(ch) {
				cur.digits++
			} else if r < 'A' || r > 'Z' {
				cur.prose = true
			}
			cur.end, cur.u16e = i+size, u16+utf16Len(r)
			last = r
			glued = false
		case kInvisible:
		case kGlue:
			if inAtom {
				cur.dead = true
			}
			// A word of another script ("и") between two groups ends the
			// chain: numbers are never joined across a word.
			glued, broken = true, true
			last = r
		default: // kSep, kOther, kLineBreak (one finish call site: it is inlined)
			finish()
			glued = false
			switch {
			case k == kSep:
				gap++
				if r == '.' {
					dot = true
				}
			case k == kOther:
				broken = true
				last = r
			default:
				broken = true
			}
		}
		if k == kOther && size == 3 && r == '%' {
			u16 += 3
		} else {
			u16 += utf16Len(r)
		}
		i += size
	}
	finish()
	e.drain(true)
}

func isHex(c byte) bool {
	return isDigit(c) || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f')
}

// drain processes queued atoms: all of them, or only those with a full
// lookahead behind them. It then compacts the queue.
func (e *extractor) drain(all bool) {
	for e.head < len(e.q) && !e.stop {
		if !all && len(e.q)-e.head < lookahead {
			break
		}
		e.head = e.process(e.head)
	}
	if all || e.stop || e.head == len(e.q) {
		e.q, e.head, e.chars = e.q[:0], 0, e.chars[:0]
		return
	}
	if e.head >= 1024 {
		// Keep one processed atom: the chain rules look one atom back.
		keep := e.head - 1
		base := e.q[keep].off
		n := copy(e.q, e.q[keep:])
		e.q = e.q[:n]
		for i := range e.q {
			e.q[i].off -= base
		}
		e.chars = e.chars[:copy(e.chars, e.chars[base:])]
		e.head = 1
	}
}

// process reads the number starting at atom i, if any, and returns the atom
// to continue from.
func (e *extractor) process(i int) int {
	w := e.best(i)
	if !w.ok {
		return i + 1
	}
	if !w.cd {
		// A check-digit-proven number that starts inside this window and
		// reaches beyond it wins; one contained in it does not.
		for k := i + 1; k <= w.j; k++ {
			if w2 := e.best(k); w2.ok && w2.cd && w2.j > w.j {
				return k
			}
		}
	}
	e.emit(w)
	return w.j + 1
}

// best returns the best acceptable window starting at atom i.
func (e *extractor) best(i int) window {
	var best window
	q := e.q
	a := &q[i]
	if a.dead || (a.digits == 0 && a.n > 4) {
		return best
	}
	n, digits := 0, 0
	allDigitAtoms := true
	for j := i; j < len(q) && j-i < maxAtoms; j++ {
		b := &q[j]
		if b.dead {
			break
		}
		if j > i {
			prev := &q[j-1]
			if !prev.soft {
				break
			}
			// Letters alone inside a number are a word ("12345 a 67891"), unless
			// two capitals, as in LaserShip's "1LS CX VE00 58631Y".
			if j-1 > i && prev.digits == 0 && (prev.n != 2 || prev.prose) {
				break
			}
			if b.digits == 0 && b.n > 4 {
				break
			}
		}
		if n+b.n > 41 {
			break
		}
		copy(e.win[n:], e.chars[b.off:b.off+b.n])
		n += b.n
		digits += b.digits
		if b.digits == 0 {
			allDigitAtoms = false
		}
		if digits == 0 {
			continue
		}
		if len(formatsOfLen(n)) == 0 {
			continue
		}
		if !e.contextOK(i, j, n, digits) {
			continue
		}
		v := e.verdictOf(e.win[:n])
		if !verdictOK(v, j > i, digits == n, allDigitAtoms) {
			continue
		}
		w := window{i: i, j: j, n: n, digits: digits, cd: v.cd, conf: v.conf, ok: true}
		if w.better(&best, digits == n) {
			best = w
		}
	}
	return best
}

func (w *window) better(b *window, digitsOnly bool) bool {
	if !b.ok {
		return true
	}
	if w.cd != b.cd {
		return w.cd
	}
	if !digitsOnly && w.conf != b.conf {
		return w.conf > b.conf
	}
	return w.digits > b.digits
}

// contextOK applies the false-positive rules that need no classification
// to the window i..j (n characters, of which digits are digits).
func (e *extractor) contextOK(i, j, n, digits int) bool {
	if digits != n {
		return true
	}
	// Digits only: phone numbers, dates, prices and ids abound.
	q := e.q
	switch q[i].pre {
	case '+', '$', '€', '£', '¥', '₽', '￥', '₹':
		return false
	}
	if q[i].phone {
		return false
	}
	if n == 11 && e.win[0] == '1' && e.win[1] >= '3' {
		return false // a Chinese mobile number (1[3-9] + 9 digits)
	}
	if j > i {
		// A number never starts or ends inside a longer digit chain.
		if i > 0 && q[i-1].soft && q[i-1].digits == q[i-1].n && !q[i-1].dead {
			return false
		}
		if j+1 < len(q) && q[j].soft && q[j+1].digits == q[j+1].n && !q[j+1].dead {
			return false
		}
		if n < 12 && j-i > 1 {
			return false // 3+ groups of 10–11 digits: a phone number
		}
		if q[j-1].dotGap && q[j].n == 2 {
			return false // 1.234.567.890.12: a price
		}
		if dateLike(e.chars[q[i].off:q[i].off+q[i].n], e.chars[q[i+1].off:q[i+1].off+q[i+1].n]) {
			return false
		}
	}
	return true
}

// verdictOK applies the rules that need the number's classification.
func verdictOK(v verdict, multi, digitsOnly, allDigitAtoms bool) bool {
	switch {
	case !v.valid:
		return false
	case digitsOnly:
		return v.cd // only a check digit is evidence enough
	case multi && !allDigitAtoms && !v.cd && v.conf < 0.5:
		return false // a word joined to a loose format
	}
	return true
}

// verdict is what the window rules need from a classification.
type verdict struct {
	_         [0]func() // not comparable: no generated equality function in core.wasm
	valid, cd bool
	conf      float64
}

// verdictOf classifies num, remembering recent answers in a small
// direct-mapped cache: repetitive hostile text ("LX 12 LX 12 …") then costs
// no more than prose.
func (e *extractor) verdictOf(num []byte) verdict {
	h := uint32(2166136261) // FNV-1a
	for _, c := range num {
		h = (h ^ uint32(c)) * 16777619
	}
	c := &e.cache[h%uint32(len(e.cache))]
	if c.n == uint8(len(num)) && string(c.key[:c.n]) == string(num) {
		return c.v
	}
	p := e.p
	p.classify(num)
	var v verdict
	if r := &p.res; r.Valid {
		v = verdict{valid: true, cd: r.Candidates[0].CheckDigit == CheckValid, conf: r.Candidates[0].Confidence}
	}
	c.n = uint8(copy(c.key[:], num))
	c.v = v
	return v
}

// isPhoneLabel reports whether a word announces a phone number. Not inlined:
// it runs once per word, and an inlined copy costs core.wasm more than the call.
//
//go:noinline
func isPhoneLabel(w []byte) bool {
	switch string(w) {
	case "TEL", "TELE", "PHONE", "MOBILE", "MOB", "CELL", "FAX", "CALL", "WHATSAPP", "TELEFON", "TELEFONE", "TELEFONO", "TELEPHONE":
		return true
	}
	return false
}

// dateLike reports whether a digit chain starts like a date: a year
// (19xx/20xx) followed by a month group, or an 8-digit YYYYMMDD.
func dateLike(first, next []byte) bool {
	year := len(first) >= 4 && (hasPrefix(first, "19") || hasPrefix(first, "20"))
	if !year {
		return false
	}
	if len(first) == 4 && (len(next) == 1 || len(next) == 2) {
		return true
	}
	if len(first) == 8 {
		m := int(first[4]-'0')*10 + int(first[5]-'0')
		d := int(first[6]-'0')*10 + int(first[7]-'0')
		return m >= 1 && m <= 12 && d >= 1 && d <= 31
	}
	return false
}

// emit reports window w unless its number was already reported.
func (e *extractor) emit(w window) {
	q := e.q
	n := 0
	for k := w.i; k <= w.j; k++ {
		n += copy(e.win[n:], e.chars[q[k].off:q[k].off+q[k].n])
	}
	num := e.win[:n]
	if e.seenM != nil {
		if _, dup := e.seenM[string(num)]; dup {
			return
		}
	} else {
		for _, s := range e.seen {
			if s == string(num) {
				return
			}
		}
	}
	p := e.p
	p.classify(num)
	start, end := q[w.i].start, q[w.j].end
	p.setNumber(num, e.text[start:end])
	e.m = Match{Result: p.res, Start: q[w.i].u16s, End: q[w.j].u16e}
	e.m.Input = e.text[start:end]
	number := p.res.Number
	if e.seenM != nil {
		e.seenM[number] = struct{}{}
	} else if e.seen = append(e.seen, number); len(e.seen) > 16 {
		e.seenM = make(map[string]struct{}, 64)
		for _, s := range e.seen {
			e.seenM[s] = struct{}{}
		}
	}
	e.count++
	if !e.yield(&e.m) || e.count >= maxMatches {
		e.stop = true
	}
}
