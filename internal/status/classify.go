package status

// Class is what one event or status says: main status, sub-status, stage.
type Class struct {
	Status Status
	Sub    string // e.g. "delivered_pickup_point"; empty when none applies
	Stage  Stage  // the least progress the event proves; 0 when it proves none
}

// Sources accepted by Classify.
const (
	SourceAliExpress = "aliexpress"
	SourceCainiao    = "cainiao"
	Source17Track    = "17track"
	SourceText       = "text"
)

// KnownSource reports whether Classify has a code table for source (or it
// is "text").
func KnownSource(source string) bool {
	switch source {
	case SourceAliExpress, SourceCainiao, Source17Track, SourceText:
		return true
	}
	return false
}

// Classify maps one source's code and/or text to a Class.
// source is "aliexpress", "cainiao", "17track" or "text"; code is the
// source's own code (may be empty); text is its wording (may be empty);
// lang is a BCP 47 hint (may be empty). Unknown input gives Unknown,
// never a guess.
//
// Codes by source:
//   - cainiao: a detailList actionCode, else a module `status` token or a
//     `group.nodeCode` (consulted only when no actionCode matches);
//   - 17track: a v2 sub-status (preferred), main status or event stage, or
//     a v1 numeric package state; an unknown sub-status falls back on its
//     main status;
//   - aliexpress: an mtop AE_* tracking code, a fulfillStage, or an order
//     status (Open-Platform enum, numeric orderStatus, tab code,
//     aliexpress.ru tag);
//   - text: codes are ignored.
//
// The code decides when its table knows it. A generic code ("*_OTHER",
// "carrier update", a bare main status) lets known text decide instead, and
// text may always refine an "_other" sub-status of the same main status.
func Classify(source, code, text, lang string) Class {
	c, m := classifyCode(source, code)
	if text == "" {
		if m == noMatch {
			return Class{Status: Unknown}
		}
		return c
	}
	if m == strong && !hasSuffix(c.Sub, "_other") && c.Sub != "" {
		return c
	}
	var buf [256]byte
	t, ok := classifyText(normalize(buf[:0], stripPlace(text)), lang)
	switch {
	case !ok && m == noMatch:
		return Class{Status: Unknown}
	case !ok:
		return c
	case m == noMatch:
		return t
	case m == weak:
		if t.Stage == StageUnknown && Rank(t.Status) > 0 {
			t.Stage = c.Stage
		}
		return t
	}
	// Strong code with an "_other" sub: text may name the reason.
	if t.Status == c.Status {
		c.Sub = t.Sub
		c.Stage = max(c.Stage, t.Stage)
	}
	return c
}

// classifyCode looks code up in source's table.
func classifyCode(source, code string) (Class, match) {
	if code == "" || source == SourceText {
		return Class{}, noMatch
	}
	var buf [64]byte
	b, ok := normalizeCode(buf[:0], code)
	if !ok {
		return Class{}, noMatch
	}
	switch source {
	case SourceCainiao:
		k := codeString(b, code)
		if c, m := cainiaoAction(k); m != noMatch {
			return c, m
		}
		return cainiaoModule(k)
	case SourceAliExpress:
		return aliexpress(codeString(b, code))
	case Source17Track:
		for i, c := range b {
			if c >= 'A' && c <= 'Z' {
				b[i] = c + 'a' - 'A'
			}
		}
		return seventeenTrack(codeString(b, code))
	}
	return Class{}, noMatch
}

// codeString returns the canonical code as a string, reusing the caller's
// string when it is already canonical (the common case: no allocation).
func codeString(b []byte, code string) string {
	if string(b) == code {
		return code
	}
	return string(b)
}

// stripPlace drops a leading bracketed place ("[Shatian Town] Departed from
// sorting center", "【深圳市】快件已揽收"): a town's name must not match a
// phrase. The reference keeps it as a location hint; decoders do that.
func stripPlace(text string) string {
	for _, br := range [...][2]string{{"[", "]"}, {"【", "】"}} {
		if hasPrefix(text, br[0]) {
			for i := len(br[0]); i+len(br[1]) <= len(text); i++ {
				if text[i:i+len(br[1])] == br[1] {
					if rest := text[i+len(br[1]):]; rest != "" {
						return rest
					}
					return text
				}
			}
		}
	}
	return text
}
