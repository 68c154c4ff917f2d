package status

import (
	"sort"
	"sync"
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
	phrases []string
}

// Flags of an index entry.
const (
	flagExact = 1 << iota // whole text only
	flagStart             // must start at a word start
	flagEnd               // must end at a word end
)

type indexEntry struct {
	p     string // normalised phrase
	rule  uint16
	flags uint8
}

var (
	indexOnce sync.Once
	index     []indexEntry // sorted by p
)

// phraseIndex returns the phrase index, building it on first use (never at
// package init: start-up time is budgeted, and most calls use codes).
func phraseIndex() []indexEntry {
	indexOnce.Do(func() { index = buildIndex(rules) })
	return index
}

func buildIndex(rs []rule) []indexEntry {
	n := 0
	for _, r := range rs {
		n += len(r.phrases)
	}
	out := make([]indexEntry, 0, n)
	var buf []byte
	for i, r := range rs {
		for _, p := range r.phrases {
			var f uint8
			if len(p) > 0 && p[0] == '=' {
				f |= flagExact
				p = p[1:]
			}
			if len(p) > 0 && p[len(p)-1] == '$' {
				f |= flagEnd
				p = p[:len(p)-1]
			}
			buf = normalize(buf, p)
			if len(buf) == 0 {
				continue
			}
			if r, _ := utf8.DecodeRune(buf); spaced(r) {
				f |= flagStart
			}
			out = append(out, indexEntry{p: string(buf), rule: uint16(i), flags: f})
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].p < out[b].p })
	return out
}

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
	idx := phraseIndex()
	best := len(rules)
	for i := 0; i < len(t); {
		r, n := rune(t[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRune(t[i:])
		}
		atStart := i == 0 || t[i-1] == ' '
		if r != ' ' && (atStart || !spaced(r)) {
			if k := matchAt(idx, t, i, atStart, lang); k < best {
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
func matchAt(idx []indexEntry, t []byte, i int, atStart bool, lang string) int {
	s := t[i:]
	best := len(rules)
	hi := len(s) // search entries ≤ s[:hi]
	for hi > 0 {
		j := upperBound(idx, s[:hi]) // first entry > s[:hi]
		if j == 0 {
			break
		}
		e := idx[j-1]
		c := commonPrefix(e.p, s)
		if c < len(e.p) {
			// No entry between here and the next shorter prefix of s can
			// be a prefix of s: jump down to s[:c].
			hi = c
			continue
		}
		// e.p (and every equal entry before it) is a prefix of s.
		for k := j - 1; k >= 0 && idx[k].p == e.p; k-- {
			if int(idx[k].rule) < best && fits(idx[k], t, i, atStart, lang) {
				best = int(idx[k].rule)
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

func upperBound(idx []indexEntry, s []byte) int {
	lo, hi := 0, len(idx)
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
