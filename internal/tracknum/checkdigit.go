package tracknum

// The check-digit algorithms, exactly as tracking_number_data defines them
// (reference/tracking-numbers.md §3), plus Russian Post's 14-digit rule.
// Each returns the expected check character for a payload of normalised
// characters ('0'-'9', 'A'-'Z'), or 0 when the payload cannot carry one
// (a letter where the algorithm only reads digits).

// algo names a check-digit algorithm.
type algo uint8

const (
	algoNone       algo = iota
	algoS10             // UPU S10: weights, mod 11, 10→0, 11→5
	algoMod10           // tnd "mod10": evens/odds multipliers, optional reverse, letters (c-3)%10
	algoMod7            // DHL Express: payload as an integer mod 7
	algoSumProduct      // tnd "sum_product_with_weightings_and_modulo"
	algoLuhn            // Luhn, doubling from the rightmost payload digit
	algoMod3736         // ISO/IEC 7064 hybrid MOD 37,36 (DPD)
	algoRU14            // Russian Post 14-digit: odd positions ×3
)

// checkDigit is one type's check-digit rule with its tnd parameters.
type checkDigit struct {
	algo    algo
	evens   uint8  // mod10: multiplier of 0-based even positions (0 means ×1)
	odds    uint8  // mod10: multiplier of odd positions (0 means ×1)
	reverse bool   // mod10: read the payload right to left
	weights string // s10 and sum-product: one weight per payload digit, as digits
	mod1    uint8  // sum-product: first modulus
	mod2    uint8  // sum-product: second modulus
}

// The tnd parameter sets in use, one per distinct rule.
var (
	cdS10       = checkDigit{algo: algoS10, weights: "86423597"}
	cdMod10_31  = checkDigit{algo: algoMod10, evens: 3, odds: 1}
	cdMod10_31R = checkDigit{algo: algoMod10, evens: 3, odds: 1, reverse: true}
	cdMod10_13  = checkDigit{algo: algoMod10, evens: 1, odds: 3}
	cdMod10_12  = checkDigit{algo: algoMod10, evens: 1, odds: 2}
	cdMod7      = checkDigit{algo: algoMod7}
	cdFedex11   = checkDigit{algo: algoSumProduct, weights: "31731731731", mod1: 11, mod2: 10}
	cdFedex13   = checkDigit{algo: algoSumProduct, weights: "1731731731731", mod1: 11, mod2: 10}
	cdLuhn      = checkDigit{algo: algoLuhn}
	cdMod3736   = checkDigit{algo: algoMod3736}
	cdRU14      = checkDigit{algo: algoRU14}
)

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }

// expected returns the check character the payload calls for, or 0.
func (cd *checkDigit) expected(p []byte) byte {
	switch cd.algo {
	case algoS10:
		return s10Check(p, cd.weights)
	case algoMod10:
		return mod10Check(p, cd.evens, cd.odds, cd.reverse)
	case algoMod7:
		return mod7Check(p)
	case algoSumProduct:
		return sumProductCheck(p, cd.weights, cd.mod1, cd.mod2)
	case algoLuhn:
		return luhnCheck(p)
	case algoMod3736:
		return mod3736Check(p)
	case algoRU14:
		return ru14Check(p)
	}
	return 0
}

// s10Check: S = Σ dᵢ·wᵢ; r = S mod 11; r=0 → 5, r=1 → 0, else 11−r.
func s10Check(p []byte, w string) byte {
	if len(p) != len(w) {
		return 0
	}
	s := 0
	for i, c := range p {
		if !isDigit(c) {
			return 0
		}
		s += int(c-'0') * int(w[i]-'0')
	}
	switch r := s % 11; r {
	case 0:
		return '5'
	case 1:
		return '0'
	default:
		return byte('0' + 11 - r)
	}
}

// mod10Value is tnd's character value: digits as themselves, letters (ASCII−3) mod 10.
func mod10Value(c byte) int {
	if isDigit(c) {
		return int(c - '0')
	}
	return (int(c) - 3) % 10
}

// mod10Check: multiply 0-based even/odd positions (after an optional
// reversal), sum without digit folding, cd = (10 − Σ mod 10) mod 10.
func mod10Check(p []byte, evens, odds uint8, reverse bool) byte {
	total := 0
	n := len(p)
	for i := 0; i < n; i++ {
		c := p[i]
		if reverse {
			c = p[n-1-i]
		}
		if !isDigit(c) && !isUpper(c) {
			return 0
		}
		v := mod10Value(c)
		if i%2 == 1 {
			if odds != 0 {
				v *= int(odds)
			}
		} else if evens != 0 {
			v *= int(evens)
		}
		total += v
	}
	return byte('0' + (10-total%10)%10)
}

// mod7Check: the payload as an integer, mod 7 (9–10 digits fit in uint64).
func mod7Check(p []byte) byte {
	if len(p) == 0 || len(p) > 19 {
		return 0
	}
	var v uint64
	for _, c := range p {
		if !isDigit(c) {
			return 0
		}
		v = v*10 + uint64(c-'0')
	}
	return byte('0' + v%7)
}

// sumProductCheck: (Σ dᵢ·wᵢ mod m1) mod m2.
func sumProductCheck(p []byte, w string, m1, m2 uint8) byte {
	if len(p) != len(w) {
		return 0
	}
	s := 0
	for i, c := range p {
		if !isDigit(c) {
			return 0
		}
		s += int(c-'0') * int(w[i]-'0')
	}
	return byte('0' + s%int(m1)%int(m2))
}

// luhnCheck doubles every other digit starting with the rightmost payload digit.
func luhnCheck(p []byte) byte {
	s := 0
	double := true
	for i := len(p) - 1; i >= 0; i-- {
		c := p[i]
		if !isDigit(c) {
			return 0
		}
		v := int(c - '0')
		if double {
			v *= 2
			if v > 9 {
				v -= 9
			}
		}
		double = !double
		s += v
	}
	return byte('0' + (10-s%10)%10)
}

const alphabet36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

// mod3736Check is ISO/IEC 7064 hybrid MOD 37,36 over 0-9A-Z.
func mod3736Check(p []byte) byte {
	t := 36
	for _, c := range p {
		var v int
		switch {
		case isDigit(c):
			v = int(c - '0')
		case isUpper(c):
			v = int(c-'A') + 10
		default:
			return 0
		}
		t += v
		if t > 36 {
			t -= 36
		}
		t *= 2
		if t > 36 {
			t -= 37
		}
	}
	cd := 37 - t
	if cd == 36 {
		cd = 0
	}
	return alphabet36[cd]
}

// ru14Check: s = 3·Σ odd positions (1-based) + Σ even positions; cd = (10 − s mod 10) mod 10.
func ru14Check(p []byte) byte {
	if len(p) != 13 {
		return 0
	}
	s := 0
	for i, c := range p {
		if !isDigit(c) {
			return 0
		}
		v := int(c - '0')
		if i%2 == 0 {
			v *= 3
		}
		s += v
	}
	return byte('0' + (10-s%10)%10)
}
