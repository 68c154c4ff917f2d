package status

import (
	"strings"
	"sync/atomic"
	"unicode/utf8"
)

// A phrase rule maps any of its phrases to one Class. Rules are ordered,
// most specific first: when several phrases occur in a text, the earliest
// rule wins ("not delivered" before "delivered", "delivered to pickup
// point" before "delivered"). A rule whose Class is Unknown is a blocker:
// text such as "estimated delivery" or "refund if no delivery" says
// nothing about where the parcel is, and stops weaker rules from guessing.
//
// Phrase syntax, after normalize:
//   - "=phrase" matches only the whole text (order-page statuses such as
//     "Processing" or "Completed", which inside a carrier sentence mean
//     something else);
//   - "phrase$" must end at a word end (short words: "livré$");
//   - phrases in scripts written with spaces (Latin, Cyrillic, Greek,
//     digits) must start at a word start, and may end inside a word, so a
//     stem matches its inflections ("доставлен" → "доставлено");
//   - phrases in other scripts (CJK, kana, Hangul, Thai, Arabic, Hebrew)
//     match anywhere, because those scripts glue particles to words.
type rule struct {
	c       Class
	lang    string // "" for any; else only when the hint is empty or this language
	phrases string // "|"-separated
}

// Flags of an index entry.
const (
	flagExact = 1 << iota // whole text only
	flagStart             // must start at a word start
	flagEnd               // must end at a word end
)

type indexEntry struct {
	_     [0]func() // not comparable: no generated equality function in core.wasm
	p     string    // normalised phrase
	rule  uint16
	flags uint8
}

// phraseIndex is the sorted phrase list plus two small tables that let a
// lookup skip text positions no phrase can start at.
type phraseIndex struct {
	entries []indexEntry // sorted by p, then by rule
	start   [257]uint16  // entries[start[b]:start[b+1]] begin with byte b
	heads   [1024]uint64 // bit headKey set: some entry begins there
}

// index is the phrase index once built. A race builds it twice and keeps
// one (no sync.Once: package sync costs core.wasm ~15 KB).
var index atomic.Pointer[phraseIndex]

// getIndex returns the phrase index, building it on first use (never at
// package init: start-up time is budgeted, and most calls use codes).
func getIndex() *phraseIndex {
	if ix := index.Load(); ix != nil {
		return ix
	}
	ix := buildIndex(rules)
	if !index.CompareAndSwap(nil, ix) {
		return index.Load()
	}
	return ix
}

func buildIndex(rs []rule) *phraseIndex {
	n, size := 0, 0
	for _, r := range rs {
		n += strings.Count(r.phrases, "|") + 1
		size += len(r.phrases)
	}
	// All phrases share one backing string: two allocations, not thousands.
	arena := make([]byte, 0, size)
	type span struct {
		off, end int
		rule     uint16
		flags    uint8
	}
	spans := make([]span, 0, n)
	for i, r := range rs {
		for rest := r.phrases; rest != ""; {
			p := rest
			if k := strings.IndexByte(rest, '|'); k >= 0 {
				p, rest = rest[:k], rest[k+1:]
			} else {
				rest = ""
			}
			var f uint8
			if len(p) > 0 && p[0] == '=' {
				f |= flagExact
				p = p[1:]
			}
			if len(p) > 0 && p[len(p)-1] == '$' {
				f |= flagEnd
				p = p[:len(p)-1]
			}
			off := len(arena)
			out := normalize(arena[off:off], p) // fits: normalize never grows text
			arena = append(arena[:off], out...)
			if len(arena) == off {
				continue
			}
			if r, _ := utf8.DecodeRune(arena[off:]); spaced(r) {
				f |= flagStart
			}
			spans = append(spans, span{off, len(arena), uint16(i), f})
		}
	}
	all := string(arena)
	ix := &phraseIndex{entries: make([]indexEntry, len(spans))}
	for k, sp := range spans {
		ix.entries[k] = indexEntry{p: all[sp.off:sp.end], rule: sp.rule, flags: sp.flags}
	}
	sortEntries(ix.entries)
	// Sorted by p, so first bytes ascend: bucket b starts after all
	// entries with a smaller first byte.
	for _, e := range ix.entries {
		ix.start[int(e.p[0])+1]++
		if len(e.p) == 1 { // any second byte
			for b := 0; b < 256; b++ {
				ix.setHead(int(e.p[0])<<8 | b)
			}
			continue
		}
		r := rune(e.p[0])
		if r >= utf8.RuneSelf {
			r, _ = utf8.DecodeRuneInString(e.p)
		}
		ix.setHead(headKey(e.p[0], e.p[1], r))
	}
	for b := 1; b <= 256; b++ {
		ix.start[b] += ix.start[b-1]
	}
	return ix
}

// sortEntries sorts by phrase, then rule, with a heap sort: the generic
// sorts cost about 30 KB of core.wasm, this costs almost nothing.
func sortEntries(e []indexEntry) {
	for i := len(e)/2 - 1; i >= 0; i-- {
		siftDown(e, i, len(e))
	}
	for end := len(e) - 1; end > 0; end-- {
		e[0], e[end] = e[end], e[0]
		siftDown(e, 0, end)
	}
}

// siftDown is the heap sort's sift; not inlined (it runs once per index
// build, and two inlined copies cost core.wasm ~2 KB).
//
//go:noinline
func siftDown(e []indexEntry, root, n int) {
	for {
		child := 2*root + 1
		if child >= n {
			return
		}
		if child+1 < n && lessEntry(&e[child], &e[child+1]) {
			child++
		}
		if !lessEntry(&e[root], &e[child]) {
			return
		}
		e[root], e[child] = e[child], e[root]
		root = child
	}
}

func lessEntry(a, b *indexEntry) bool {
	if a.p != b.p {
		return a.p < b.p
	}
	return a.rule < b.rule
}

// headKey summarises where a phrase or a text position starts: its first
// two bytes for ASCII, its first rune (low 16 bits) otherwise. Collisions
// only cost a lookup.
func headKey(b0, b1 byte, r rune) int {
	if b0 < utf8.RuneSelf {
		return int(b0)<<8 | int(b1)
	}
	return int(r & 0xFFFF)
}

func (ix *phraseIndex) setHead(k int) { ix.heads[k>>6] |= 1 << (k & 63) }

func (ix *phraseIndex) hasHead(k int) bool { return ix.heads[k>>6]&(1<<(k&63)) != 0 }

// spaced reports whether r belongs to a script that separates words with
// spaces, where a phrase must start at a word start.
func spaced(r rune) bool {
	return r < 0x590 || (r >= 0x1E00 && r <= 0x1FFF)
}

// classifyText classifies normalised text t with the phrase rules.
func classifyText(t []byte, lang string) (Class, bool) {
	if len(t) == 0 {
		return Class{}, false
	}
	ix := getIndex()
	best := len(rules)
	for i := 0; i < len(t); {
		r, n := rune(t[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRune(t[i:])
		}
		atStart := i == 0 || t[i-1] == ' '
		if r != ' ' && (atStart || !spaced(r)) && (i+1 == len(t) || ix.hasHead(headKey(t[i], t[i+1], r))) {
			if k := ix.matchAt(t, i, atStart, lang); k < best {
				best = k
			}
		}
		i += n
	}
	if best == len(rules) {
		return Class{}, false
	}
	c := rules[best].c
	return c, c.Status != Unknown
}

// matchAt returns the index of the highest-priority rule with a phrase
// starting at t[i:], or len(rules). It walks the sorted index from the
// largest entry ≤ t[i:] down through shorter and shorter common prefixes,
// so it looks at a handful of entries whatever the index size.
func (ix *phraseIndex) matchAt(t []byte, i int, atStart bool, lang string) int {
	s := t[i:]
	best := len(rules)
	lo, j := int(ix.start[s[0]]), int(ix.start[int(s[0])+1])
	hi := len(s) // search entries ≤ s[:hi]
	for hi > 0 && j > lo {
		j = upperBound(ix.entries, lo, j, s[:hi]) // first entry > s[:hi]
		if j == lo {
			break
		}
		e := &ix.entries[j-1]
		c := commonPrefix(e.p, s)
		if c < len(e.p) {
			// No entry between here and the next shorter prefix of s can
			// be a prefix of s: jump down to s[:c].
			hi = c
			continue
		}
		// e.p (and every equal entry before it) is a prefix of s.
		for k := j - 1; k >= lo && ix.entries[k].p == e.p; k-- {
			if int(ix.entries[k].rule) < best && fits(ix.entries[k], t, i, atStart, lang) {
				best = int(ix.entries[k].rule)
			}
		}
		hi = len(e.p) - 1
	}
	return best
}

func fits(e indexEntry, t []byte, i int, atStart bool, lang string) bool {
	end := i + len(e.p)
	switch {
	case e.flags&flagExact != 0 && (i != 0 || end != len(t)):
		return false
	case e.flags&flagStart != 0 && !atStart:
		return false
	case e.flags&flagEnd != 0 && end != len(t) && t[end] != ' ':
		return false
	}
	if l := rules[e.rule].lang; l != "" && lang != "" && !langIs(lang, l) {
		return false
	}
	return true
}

// langIs reports whether the BCP 47 tag hint has primary language l.
func langIs(hint, l string) bool {
	if len(hint) < len(l) {
		return false
	}
	for k := 0; k < len(l); k++ {
		c := hint[k]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != l[k] {
			return false
		}
	}
	return len(hint) == len(l) || hint[len(l)] == '-' || hint[len(l)] == '_'
}

// upperBound returns the first k in [lo, hi) with idx[k].p > s, or hi.
func upperBound(idx []indexEntry, lo, hi int, s []byte) int {
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if compare(idx[m].p, s) > 0 {
			hi = m
		} else {
			lo = m + 1
		}
	}
	return lo
}

// compare is strings.Compare(p, string(s)) without the conversion.
func compare(p string, s []byte) int {
	n := min(len(p), len(s))
	for k := 0; k < n; k++ {
		if p[k] != s[k] {
			if p[k] < s[k] {
				return -1
			}
			return 1
		}
	}
	switch {
	case len(p) < len(s):
		return -1
	case len(p) > len(s):
		return 1
	}
	return 0
}

func commonPrefix(p string, s []byte) int {
	n := min(len(p), len(s))
	k := 0
	for k < n && p[k] == s[k] {
		k++
	}
	return k
}
