// Package source decodes the real payloads of Waybill's three sources into
// timelines: Cainiao Global's detail.json, 17TRACK's tracking API (v2.2
// gettrackinfo and webhooks, v1 and the legacy web answer) and AliExpress's
// mtop answers (ae.ld.querydetail, order list, order detail).
//
// Decoders read JSON with internal/jsonr, not gjson, so they also run inside
// core.wasm. Every event is classified through status.Classify with the
// source's raw code kept in Event.Code; unknown fields and enum values pass
// through untouched. A payload that is not JSON or not the expected shape
// gives an *Error, never a panic. Per-number failures reported by a source
// (17TRACK's rejected items) are not errors of the payload: they come back as
// a SourceTimeline with ErrCode set.
//
// Time rules (trackers.md §2.2, §5; aliexpress-pages.md §9):
//   - Cainiao: an event's instant is its timeStr read as UTC+8, whatever its
//     timeZone label says (the epoch `time` is exactly that, and is used
//     only when timeStr is missing).
//   - 17TRACK: time_utc, else time_iso, else time_raw; v1 times carry no
//     zone and are read at Options.Offset.
//   - AliExpress: `time` (epoch ms). When the times contradict the list's
//     order (newest first), as in anonymised captures whose epochs were
//     re-hashed, they are rebuilt from timeText ("Tue | Jul. 28 18:39") at
//     Options.Offset, with the year taken from `time`.
//
// Events come out oldest first.
package source

import (
	"strings"
	"unicode"

	"github.com/waybill/waybill/internal/ascii"
	"github.com/waybill/waybill/internal/jsonr"
	"github.com/waybill/waybill/internal/status"
	"github.com/waybill/waybill/internal/timeline"
	"github.com/waybill/waybill/internal/timeutil"
)

// Source names, as in contract 1.
const (
	AliExpress = status.SourceAliExpress
	Cainiao    = status.SourceCainiao
	Track17    = status.Source17Track
)

// Options tune decoding. The zero value is fine.
type Options struct {
	// Lang is the payload's language (BCP 47), a hint for classifying text.
	Lang string
	// Offset is the UTC offset, in seconds east, of times that carry no
	// zone: 17TRACK v1 events, AliExpress timeText and order dates.
	Offset int
}

// Result is everything one payload said.
type Result struct {
	Sources []timeline.SourceTimeline
	// Orders are AliExpress orders: one for an order detail (or the
	// protection date of a querydetail), several for an order list.
	Orders []Order
	// OrderList is set when Orders is an order list page (display order).
	OrderList bool
}

// Order is an AliExpress order as its pages describe it.
type Order struct {
	timeline.Order
	StatusText string   // the page's own wording, e.g. "Awaiting delivery"
	StatusCode string   // numeric orderStatus when the payload has it
	Numbers    []string // tracking numbers the order page lists, if any
}

// Error is a payload that could not be decoded. Code is one of
// "bad_payload" (not JSON, or the expected fields are missing or of the
// wrong type), "unsupported_payload" (JSON from an API these decoders do not
// read), "upstream_error" (the payload is the source's own error answer)
// "unknown_source", "unsupported_source" (a known source whose decoder this
// build left out, see DecodeOnly) and "internal" (a bug, recovered).
type Error struct {
	_       [0]func() // not comparable: no generated equality function in core.wasm
	Code    string
	Message string
}

func (e *Error) Error() string { return e.Code + ": " + e.Message }

func errorf(code string, parts ...string) *Error {
	msg := ""
	for _, p := range parts {
		msg += p
	}
	return &Error{Code: code, Message: msg}
}

// Decode decodes payload as source ("aliexpress", "cainiao" or "17track").
// It never panics: a bug anywhere below becomes an "internal" *Error.
func Decode(source string, payload []byte, opt Options) (Result, error) {
	var dec func([]byte, Options) (Result, error)
	switch source {
	case Cainiao:
		dec = decodeCainiao
	case Track17:
		dec = decode17Track
	case AliExpress:
		dec = DecodeAliExpress
	}
	return decodeWith(source, dec, payload, opt)
}

// A Decoder is one source's decoder, for DecodeOnly.
type Decoder struct {
	Source string
	Decode func(payload []byte, opt Options) (Result, error)
}

// AliExpressDecoder decodes AliExpress payloads: all that core.wasm needs
// (the worker decodes Cainiao and 17TRACK answers).
var AliExpressDecoder = Decoder{AliExpress, DecodeAliExpress}

// DecodeOnly is Decode with only the given decoders: a build that never
// calls Decode links only these (core.wasm keeps within its size budget
// with AliExpress alone). A known source missing from decoders gives an
// "unsupported_source" *Error.
func DecodeOnly(decoders []Decoder, source string, payload []byte, opt Options) (Result, error) {
	for _, d := range decoders {
		if d.Source == source {
			return decodeWith(source, d.Decode, payload, opt)
		}
	}
	switch source {
	case Cainiao, Track17, AliExpress:
		return Result{}, errorf("unsupported_source", source, " payloads are not decoded by this build (the worker decodes them)")
	}
	return decodeWith(source, nil, payload, opt)
}

func decodeCainiao(payload []byte, opt Options) (Result, error) {
	s, err := DecodeCainiao(payload, opt)
	return Result{Sources: s}, err
}

func decode17Track(payload []byte, opt Options) (Result, error) {
	s, err := Decode17Track(payload, opt)
	return Result{Sources: s}, err
}

// decodeWith runs dec (nil: an unknown source) with Decode's guarantees.
func decodeWith(source string, dec func([]byte, Options) (Result, error), payload []byte, opt Options) (res Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			msg := "panic"
			if e, ok := r.(error); ok {
				msg = e.Error()
			} else if s, ok := r.(string); ok {
				msg = s
			}
			res, err = Result{}, errorf("internal", source, " decoder: ", msg)
		}
	}()
	if !jsonr.Valid(payload) {
		return Result{}, errorf("bad_payload", source, " payload is not valid JSON")
	}
	if dec != nil {
		return dec(payload, opt)
	}
	return Result{}, errorf("unknown_source", "unknown source ", `"`+source+`"`, `; want "aliexpress", "cainiao" or "17track"`)
}

// classify classifies one event and fills its status fields.
func classify(e *timeline.Event, lang string) {
	c := status.Classify(e.Source, e.Code, e.Text, lang)
	e.Status, e.Sub, e.Stage = c.Status, c.Sub, c.Stage
}

// str returns a string (or number) value with surrounding whitespace
// removed, and "" for anything else.
func str(v jsonr.Result) string {
	if v.Type != jsonr.String && v.Type != jsonr.Number {
		return ""
	}
	return strings.TrimSpace(v.String())
}

// text returns a string field with surrounding whitespace removed.
func text(r jsonr.Result, path string) string {
	v := r.Get(path)
	if v.Type != jsonr.String && v.Type != jsonr.Number {
		return ""
	}
	return strings.TrimSpace(v.String())
}

// epochMillis reads an epoch-milliseconds field (number or numeric string);
// zero and absurd values give 0 (unknown).
func epochMillis(r jsonr.Result) int64 {
	if r.Type != jsonr.Number && r.Type != jsonr.String {
		return 0
	}
	ms := r.Int()
	if ms <= 0 || ms > 1<<45 { // 1<<45 ms is the year 3084
		return 0
	}
	return ms
}

// sortEvents orders events oldest first; events with the same instant keep
// their order (timeline.SortEvents: a merge sort, as hostile payloads carry
// tens of thousands of events, and sort.SliceStable would pull in reflect).
func sortEvents(ev []timeline.Event) { timeline.SortEvents(ev) }

// reverse reverses events in place (sources list newest first).
func reverse(ev []timeline.Event) {
	for i, j := 0, len(ev)-1; i < j; i, j = i+1, j-1 {
		ev[i], ev[j] = ev[j], ev[i]
	}
}

// equalFoldASCII compares ASCII case-insensitively (strings.EqualFold
// links Unicode case-folding tables into core.wasm).
func equalFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// legList collects one timeline's legs, one per number in first-seen
// order. The index keeps adding linear: a hostile payload may name tens of
// thousands of numbers.
type legList struct {
	legs []timeline.Leg
	at   map[string]int // number → index in legs
}

// add appends a leg unless its number is empty; a number already listed
// only fills in the role and carrier it lacked.
func (ls *legList) add(l timeline.Leg) {
	if l.Number == "" {
		return
	}
	if i, ok := ls.at[l.Number]; ok {
		if ls.legs[i].Role == "" {
			ls.legs[i].Role = l.Role
		}
		if ls.legs[i].Carrier == "" {
			ls.legs[i].Carrier = l.Carrier
		}
		return
	}
	if ls.at == nil {
		ls.at = make(map[string]int)
	}
	ls.at[l.Number] = len(ls.legs)
	ls.legs = append(ls.legs, l)
}

var monthNames = [12]string{"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december"}

// monthNumber reads an English month name or an abbreviation of at least
// three letters ("Jul", "Jul.", "Sept", "July"), case-insensitively; 0 when
// it is not one.
func monthNumber(s string) int {
	s = ascii.Lower(strings.TrimSuffix(s, "."))
	if len(s) < 3 {
		return 0
	}
	for i, name := range monthNames {
		if strings.HasPrefix(name, s) {
			return i + 1
		}
	}
	return 0
}

// parseEnglishDate reads "Jul 15, 2026" / "Sep. 4, 2026" as midnight at
// offset seconds east of UTC.
func parseEnglishDate(s string, offset int) (int64, bool) {
	return englishDate(words(s), offset)
}

// englishDate reads the words of "Jul 15, 2026" (month, day, year).
func englishDate(f []string, offset int) (int64, bool) {
	if len(f) != 3 {
		return 0, false
	}
	m := monthNumber(f[0])
	d, ok1 := atoi(f[1])
	y, ok2 := atoi(f[2])
	if m == 0 || !ok1 || !ok2 || d < 1 || d > timeutil.DaysIn(m, y) || y < 1970 || y > 2200 {
		return 0, false // Feb 30 and friends too
	}
	return timeutil.Date(y, m, d, 0, 0, 0) - int64(offset)*timeutil.Second, true
}

// words splits s at white space and commas, as
// strings.Fields(strings.ReplaceAll(s, ",", " ")) would, in one pass.
func words(s string) []string {
	var out []string
	start := -1
	for i, r := range s {
		if r == ',' || unicode.IsSpace(r) {
			if start >= 0 {
				out = append(out, s[start:i])
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

// atoi parses 1 to 9 ASCII digits. Unlike strconv.Atoi it has no error
// value, whose Error method would link strconv's quoting into core.wasm.
func atoi(s string) (int, bool) {
	if len(s) == 0 || len(s) > 9 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}
