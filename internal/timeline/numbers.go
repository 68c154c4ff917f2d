package timeline

import "strings"

// Leg roles, in route order.
const (
	RoleFirstMile = "first_mile" // Cainiao's LP… logistics order, the seller's hand-over
	RoleLineHaul  = "line_haul"  // the international leg
	RoleLastMile  = "last_mile"  // the destination country's carrier
)

func roleOrder(r string) int {
	switch r {
	case RoleFirstMile:
		return 0
	case RoleLineHaul:
		return 1
	case RoleLastMile:
		return 2
	}
	return 3
}

// collectNumbers lists every tracking number the sources mention (the
// numbers they were asked about, their legs, their events), one entry per
// number with the leg it covers.
func collectNumbers(srcs []SourceTimeline) []Number {
	var out []Number
	at := make(map[string]int) // number → index in out (events may each carry one)
	add := func(num, role, carrier, source string) {
		num = normNumber(num)
		if num == "" {
			return
		}
		if i, ok := at[num]; ok {
			n := &out[i]
			if n.Role == "" {
				n.Role = role
			}
			if n.Carrier == "" {
				n.Carrier = carrier
			}
			n.Sources = addSorted(n.Sources, source)
			return
		}
		at[num] = len(out)
		out = append(out, Number{Number: num, Role: role, Carrier: carrier, Sources: []string{source}})
	}
	// Explicit roles first, so that they win over guesses.
	for _, s := range srcs {
		for _, l := range s.Legs {
			src := l.Source
			if src == "" {
				src = s.Source
			}
			add(l.Number, l.Role, l.Carrier, src)
		}
	}
	for _, s := range srcs {
		add(s.Number, "", s.Carrier, s.Source)
		for _, e := range s.Events {
			if e.Number != "" {
				add(e.Number, "", "", s.Source)
			}
		}
	}
	for i := range out {
		if out[i].Role == "" {
			out[i].Role = guessRole(out[i].Number)
		}
	}
	idx := sortedIndex(len(out), func(i, j int32) bool {
		if a, b := roleOrder(out[i].Role), roleOrder(out[j].Role); a != b {
			return a < b
		}
		return out[i].Number < out[j].Number
	})
	sorted := make([]Number, len(out))
	for i, k := range idx {
		sorted[i] = out[k]
	}
	return sorted
}

// normNumber is the comparable form of a tracking number: upper case, no
// spaces or dashes. (check_number advice looks at the raw form.)
func normNumber(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '-':
		case 'a' <= c && c <= 'z':
			b.WriteByte(c - 'a' + 'A')
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// guessRole infers a leg from the number's shape when no source said:
// Cainiao's LP… numbers are the first mile; a UPU S10 number of a country
// other than China is the destination post's, i.e. the last mile.
func guessRole(n string) string {
	if len(n) > 2 && n[:2] == "LP" && allDigits(n[2:]) {
		return RoleFirstMile
	}
	if len(n) == 13 && isUpper(n[0]) && isUpper(n[1]) && allDigits(n[2:11]) && isUpper(n[11]) && isUpper(n[12]) {
		if n[11:] == "CN" {
			return RoleLineHaul
		}
		return RoleLastMile
	}
	return ""
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func isUpper(c byte) bool { return 'A' <= c && c <= 'Z' }
