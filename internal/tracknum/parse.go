package tracknum

import (
	"sync/atomic"
	"unicode/utf8"
)

// CheckDigit is a candidate's check-digit evidence.
type CheckDigit string

const (
	CheckValid   CheckDigit = "valid"   // the format has a check digit and it matches
	CheckInvalid CheckDigit = "invalid" // the format has a check digit and it does not match
	CheckNone    CheckDigit = "none"    // the format has no (known) check digit
)

// Problem codes reported in Result.Problems.
const (
	ProblemEmpty           = "empty"            // nothing but spaces and marks
	ProblemTooLong         = "too_long"         // longer than any tracking number could be
	ProblemUnknownFormat   = "unknown_format"   // no format matches
	ProblemCheckDigit      = "check_digit"      // the shape matches but the check digit does not
	ProblemOrderNumber     = "order_number"     // an AliExpress order id, not a tracking number
	ProblemProductID       = "product_id"       // an AliExpress product id (reported after order_number)
	ProblemMultipleNumbers = "multiple_numbers" // the input holds several numbers; the first is parsed
	ProblemLookAlike       = "look_alike"       // only a loose format matches, but one look-alike character (O/0, I/1…) away is a proven number
)

// Candidate is one reading of a number, with its evidence.
type Candidate struct {
	_          [0]func()  // not comparable: no generated equality function in core.wasm
	Courier    string     // tracking_number_data courier code, or our own lower-case code
	Carrier    string     // display name
	Format     string     // format id (tracking_number_data type id, or our own)
	CheckDigit CheckDigit // valid, invalid or none
	Country    string     // ISO 3166 country, when the format says it ("" otherwise)
	Confidence float64    // 0..1
	weak       bool       // from a loose format-only row
	sunk       bool       // weak, and a strict row's check digit failed: ranks as a failure
	fi         uint8      // index of its row in formats
}

// Result is what Parse reports about one pasted number.
type Result struct {
	Input       string      // the text as given (truncated when huge)
	Number      string      // the normalised number
	Valid       bool        // the best candidate is a plausible, correctly typed number
	Candidates  []Candidate // best first: check-digit-proven ones lead
	Problems    []string    // Problem* codes
	Suggestions []string    // likely intended numbers, when a one-character typo explains a failed check digit
}

// Limits that bound the work on hostile input.
const (
	maxNumber     = 48   // longer compact forms cannot be tracking numbers (the longest is 41)
	maxParseInput = 4096 // Parse looks no further (bytes)
	maxEcho       = 256  // Result.Input of an over-long input is cut here (bytes)
	maxCands      = 12
	maxSuggest    = 4
)

// Parser parses and extracts reusing its memory: results it returns stay
// valid until its next call. The zero value is ready; a Parser must not be
// used by two goroutines at once.
type Parser struct {
	res   Result
	cands [maxCands]Candidate
	probs [3]string
	sugg  [maxSuggest]string
	buf   [maxNumber]byte
	pay   [maxNumber + 2]byte
	alt   [maxNumber]byte
	ex    extractor
	// firstMatches' state
	exCount  int
	exProven bool
	exFirst  []byte
}

// idleParsers lends Parsers to the allocating convenience functions: a few
// slots swapped atomically (sync.Pool would cost core.wasm ~15 KB).
var idleParsers [4]atomic.Pointer[Parser]

func getParser() *Parser {
	for i := range idleParsers {
		if p := idleParsers[i].Swap(nil); p != nil {
			return p
		}
	}
	return new(Parser)
}

func putParser(p *Parser) {
	for i := range idleParsers {
		if idleParsers[i].CompareAndSwap(nil, p) {
			return
		}
	}
}

// Parse classifies one pasted tracking number.
func Parse(s string) Result {
	p := getParser()
	defer putParser(p)
	r := p.Parse(s)
	out := *r
	out.Candidates = append([]Candidate(nil), r.Candidates...)
	out.Problems = append([]string(nil), r.Problems...)
	if len(r.Suggestions) > 0 {
		out.Suggestions = append([]string(nil), r.Suggestions...)
	}
	return out
}

// Parse classifies one pasted tracking number. The result is valid until the
// Parser's next call.
func (p *Parser) Parse(s string) *Result {
	r := &p.res
	*r = Result{Input: s, Candidates: p.cands[:0], Problems: p.probs[:0], Suggestions: p.sugg[:0]}
	if len(s) > maxParseInput {
		r.Input = truncate(s, maxEcho)
		r.Problems = append(r.Problems, ProblemTooLong)
		return r
	}
	n, clean, ok := p.compact(s)
	if ok && len(n) == 0 && clean {
		r.Problems = append(r.Problems, ProblemEmpty)
		return r
	}
	if ok && clean {
		p.classify(n)
		// Accept the whole input as one number, unless it is several groups
		// that it does not prove: "LX299455986CN RB123456785GB" is two.
		top := r.Candidates
		if (r.Valid && (top[0].CheckDigit == CheckValid || !top[0].weak)) || !p.severalGroups(s) {
			p.setNumber(n, s)
			if !r.Valid {
				p.suggest(n)
			}
			return r
		}
	}
	// Labels, wrappers, URLs or several numbers: take what extraction finds.
	count, proven, first := p.firstMatches(s)
	if count > 0 {
		n = first
	}
	if count > 0 && (count > 1 || !clean || proven) {
		n = p.buf[:copy(p.buf[:], n)]
		p.classify(n)
		p.setNumber(n, s)
		if count > 1 {
			r.Problems = append(r.Problems, ProblemMultipleNumbers)
		}
		return r
	}
	if ok && clean {
		n, _, _ = p.compact(s)
	}
	if !ok {
		p.classify(p.buf[:0])
		r.Candidates = r.Candidates[:0]
		r.Problems = append(r.Problems[:0], ProblemTooLong)
		return r
	}
	if !clean {
		// Nothing extractable: read the longest group that holds a digit.
		if n = p.bestGroup(s); len(n) == 0 {
			p.classify(p.buf[:0])
			r.Problems = append(r.Problems[:0], ProblemUnknownFormat)
			return r
		}
	}
	p.classify(n)
	p.setNumber(n, s)
	p.suggest(n)
	return r
}

// firstMatches extracts numbers from s: how many (up to 2), whether the
// first is check-digit-proven, and the first (in p.alt).
func (p *Parser) firstMatches(s string) (count int, proven bool, first []byte) {
	p.ex.run(s, p, func(m *Match) bool {
		if p.exCount == 0 {
			p.exFirst = p.alt[:copy(p.alt[:], m.Number)]
			p.exProven = m.Candidates[0].CheckDigit == CheckValid
		}
		p.exCount++
		return p.exCount < 2
	})
	count, proven, first = p.exCount, p.exProven, p.exFirst
	p.exCount, p.exProven, p.exFirst = 0, false, nil
	return
}

// severalGroups reports whether s holds letters or digits on both sides of
// a separator.
func (p *Parser) severalGroups(s string) bool {
	seen, gap := false, false
	for _, r := range s {
		switch k, _ := fold(r); k {
		case kAlnum:
			if seen && gap {
				return true
			}
			seen, gap = true, false
		case kSep, kLineBreak:
			gap = seen
		}
	}
	return false
}

// compact folds s into p.buf, dropping separators and invisible marks.
// clean is false when s holds any other character; ok is false when the
// folded form is too long to be a number.
func (p *Parser) compact(s string) (n []byte, clean, ok bool) {
	n = p.buf[:0]
	clean = true
	for i := 0; i < len(s); {
		c := s[i]
		var k kind
		if c < utf8.RuneSelf {
			k, c = fold(rune(c))
			i++
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			k, c = fold(r)
			i += size
		}
		switch k {
		case kAlnum:
			if len(n) == maxNumber {
				return n, clean, false
			}
			n = append(n, c)
		case kOther, kGlue:
			clean = false
		}
	}
	return n, clean, true
}

// bestGroup compacts the longest run of s made of characters a number may
// hold (letters, digits, separators) that contains a digit.
func (p *Parser) bestGroup(s string) []byte {
	best := p.alt[:0]
	cur := p.buf[:0]
	digit, curDigit := false, false
	flush := func() {
		if curDigit && len(cur) > len(best) {
			best = p.alt[:copy(p.alt[:], cur)]
			digit = true
		}
		cur, curDigit = cur[:0], false
	}
	for _, r := range s {
		k, c := fold(r)
		switch k {
		case kAlnum:
			if len(cur) < maxNumber {
				cur = append(cur, c)
				curDigit = curDigit || isDigit(c)
			}
		case kOther, kGlue:
			flush()
		}
	}
	flush()
	if !digit {
		return nil
	}
	return p.buf[:copy(p.buf[:], best)]
}

// classify fills p.res's verdict for the compact number n (all but Input
// and Number, which the caller sets).
func (p *Parser) classify(n []byte) {
	r := &p.res
	r.Candidates = p.match(n, p.cands[:0])
	r.Problems = p.probs[:0]
	r.Suggestions = p.sugg[:0]
	r.Valid = false
	if len(n) > 41 {
		r.Problems = append(r.Problems, ProblemTooLong)
		return
	}
	// AliExpress order and product ids (16 digits) are never tracking numbers.
	if len(n) == 16 && allDigits(n) {
		switch {
		case hasPrefix(n, "1005"):
			// Contract 1 calls every AliExpress id order_number; product_id refines it.
			r.Problems = append(r.Problems, ProblemOrderNumber, ProblemProductID)
			return
		case n[0] == '3' || n[0] == '5' || n[0] == '8':
			r.Problems = append(r.Problems, ProblemOrderNumber)
			return
		}
	}
	if len(r.Candidates) == 0 {
		r.Problems = append(r.Problems, ProblemUnknownFormat)
		return
	}
	top := &r.Candidates[0]
	r.Valid = top.CheckDigit != CheckInvalid
	if !r.Valid {
		r.Problems = append(r.Problems, ProblemCheckDigit)
		return
	}
	// A loose reading yields to a proven one a single look-alike away
	// ("LX2994559O6CN" is a mistyped S10, not a DHL eCommerce number).
	// (Digits-only numbers skip this: a look-alike turns digits into letters.)
	if top.weak && top.CheckDigit == CheckNone && !allDigits(n) && p.lookAlikeProven(n) {
		r.Valid = false
		r.Problems = append(r.Problems, ProblemLookAlike)
	}
}

// setNumber sets Result.Number, reusing s when it already is the number.
// Not inlined: smaller core.wasm.
//
//go:noinline
func (p *Parser) setNumber(n []byte, s string) {
	if s == string(n) {
		p.res.Number = s
	} else {
		p.res.Number = string(n)
	}
}

func allDigits(n []byte) bool {
	for _, c := range n {
		if !isDigit(c) {
			return false
		}
	}
	return true
}

// match returns every format's reading of n, ranked: check-digit-proven
// first, then format-only readings (a failed check digit of another format
// does not make them wrong), then failures, each tier by confidence. Weak
// format-only readings sink below a strict check-digit failure, which then
// decides validity (a mistyped S10 is not a DHL eCommerce number).
func (p *Parser) match(n []byte, out []Candidate) []Candidate {
	strictFail := false
	for _, i := range formatsOfLen(len(n)) {
		f := &formats[i]
		if len(out) == cap(out) {
			break
		}
		if !mayMatch(i, n) {
			continue
		}
		cd, country, carrier, ok := p.check(f, n)
		if !ok {
			continue
		}
		c := Candidate{Courier: f.courier, Carrier: carrier, Format: f.id, CheckDigit: cd, Country: country, Confidence: f.conf, weak: f.flags&weak != 0, fi: uint8(i)}
		if cd == CheckInvalid {
			c.Confidence = f.conf / 8
			if f.flags&strict != 0 {
				strictFail = true
			}
		}
		out = append(out, c)
	}
	if strictFail {
		for i := range out {
			if out[i].CheckDigit == CheckNone && out[i].weak {
				out[i].Confidence /= 8
				out[i].sunk = true
			}
		}
	}
	// Insertion sort: few candidates, stable, no allocation.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && better(&out[j], &out[j-1]); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// byLen lists, for every length, the rows whose shapes allow it; ends holds
// for every row the characters its numbers can start and end with. Both are
// built on first use rather than at package init (start-up time is budgeted).
// Published once built (a race builds twice and keeps one: no sync.Once,
// which would link package sync into core.wasm).
type rowTables struct {
	byLen [42][]uint8
	ends  [len(formats)][2]uint64
}

var tables atomic.Pointer[rowTables]

func getTables() *rowTables {
	if t := tables.Load(); t != nil {
		return t
	}
	t := buildTables()
	if !tables.CompareAndSwap(nil, t) {
		return tables.Load()
	}
	return t
}

func buildTables() *rowTables {
	t := new(rowTables)
	for i := range formats {
		f := &formats[i]
		for l := f.minLen; l <= f.maxLen && int(l) < len(t.byLen); l++ {
			t.byLen[l] = append(t.byLen[l], uint8(i))
		}
		if len(f.shape) == 0 { // the IMpb matcher: digits only
			t.ends[i] = [2]uint64{classMask(dig), classMask(dig)}
			continue
		}
		t.ends[i] = [2]uint64{segEnds(&f.shape[0], true), segEnds(&f.shape[len(f.shape)-1], false)}
	}
	return t
}

// segEnds is the set of characters a segment can start (or end) with.
func segEnds(s *seg, first bool) uint64 {
	if s.lit == "" {
		return classMask(s.cls)
	}
	var m uint64
	for alts := s.lit; len(alts) > 0; {
		a := alts
		if i := indexByte(alts, '|'); i >= 0 {
			a, alts = alts[:i], alts[i+1:]
		} else {
			alts = ""
		}
		if first {
			m |= charBit(a[0])
		} else {
			m |= charBit(a[len(a)-1])
		}
	}
	return m
}

func classMask(cls string) uint64 {
	var m uint64
	for c := byte('0'); c <= 'Z'; c++ {
		if (isDigit(c) || isUpper(c)) && inClass(c, cls) {
			m |= charBit(c)
		}
	}
	return m
}

// charBit maps '0'-'9' and 'A'-'Z' to one bit each.
func charBit(c byte) uint64 {
	if isDigit(c) {
		return 1 << (c - '0')
	}
	return 1 << (c - 'A' + 10)
}

func formatsOfLen(n int) []uint8 {
	t := getTables()
	if n >= len(t.byLen) {
		return nil
	}
	return t.byLen[n]
}

// mayMatch is a quick test of n's first and last characters against row i.
func mayMatch(i uint8, n []byte) bool {
	e := &getTables().ends[i]
	return e[0]&charBit(n[0]) != 0 && e[1]&charBit(n[len(n)-1]) != 0
}

func better(a, b *Candidate) bool {
	if ta, tb := a.tier(), b.tier(); ta != tb {
		return ta > tb
	}
	return a.Confidence > b.Confidence
}

// tier ranks the evidence: a proven check digit, a format-only reading,
// then a failed check digit (or a sunk weak reading, which ranks with it).
func (c *Candidate) tier() int {
	switch {
	case c.CheckDigit == CheckValid:
		return 2
	case c.CheckDigit == CheckNone && !c.sunk:
		return 1
	}
	return 0
}

// check matches n against one format and evaluates its check digit.
func (p *Parser) check(f *format, n []byte) (cd CheckDigit, country, carrier string, ok bool) {
	country, carrier = f.country, f.carrier
	var payload []byte
	var cdc byte
	switch f.special {
	case spIMpbN, spIMpbC, spIMpbLegacy:
		ps, ok := matchIMpb(n, f.special)
		if !ok {
			return "", "", "", false
		}
		payload, cdc = n[ps:len(n)-1], n[len(n)-1]
	default:
		var b [maxSegs + 1]uint8
		if !matchShape(f.shape, n, 0, 0, &b) {
			return "", "", "", false
		}
		if f.special == spS10 {
			a, c := n[len(n)-2], n[len(n)-1]
			if country = isoCountry(a, c); country == "" {
				return "", "", "", false
			}
			if post := postOf(a, c); post != "" {
				carrier = post
			}
		}
		if f.cdSeg < 0 {
			return CheckNone, country, carrier, true
		}
		payload = n[b[f.pay[0]]:b[f.pay[1]]]
		cdc = n[b[f.cdSeg]]
	}
	if f.prepend != "" && !hasPrefix(payload, f.prependUnless) {
		k := copy(p.pay[:], f.prepend)
		k += copy(p.pay[k:], payload)
		payload = p.pay[:k]
	}
	if f.cd.expected(payload) == cdc {
		return CheckValid, country, carrier, true
	}
	return CheckInvalid, country, carrier, true
}

// truncate cuts s to at most n bytes on a rune boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
