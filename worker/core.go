package main

// The seam between the worker and the core (internal/): parsing numbers,
// decoding tracker payloads into timelines, merging. Everything the worker
// knows about the core's Go API is in this file.

import (
	"errors"
	"strings"
	"time"

	"github.com/tidwall/gjson"
	"github.com/waybill/waybill/internal/api"
	"github.com/waybill/waybill/internal/jsonw"
	"github.com/waybill/waybill/internal/status"
	"github.com/waybill/waybill/internal/timeline"
)

const timeLayout = time.RFC3339

// parseNumber runs contract 1's parse on one requested number and decides
// whether the trackers are asked about it: yes when parse calls it valid,
// and also when parse merely does not know the format (the trackers know
// more formats than the core, e.g. Cainiao's own AliExpress numbers) and it
// still looks like a tracking number. Never for a failed check digit, an
// order id or anything else parse rejects, and only in the shape both
// trackers accept (5–50 letters, digits, '-').
func parseNumber(input string) numberInfo {
	out := api.Parse(nil, []byte(input))
	info := numberInfo{input: input, parse: out}
	res := gjson.ParseBytes(out)
	info.number = res.Get("number").String()
	if info.number == "" {
		info.number = strings.ToUpper(strings.Join(strings.Fields(input), ""))
	}
	if !trackerSafe(info.number) {
		return info
	}
	if res.Get("valid").Bool() {
		info.lookup = true
		return info
	}
	problems := res.Get("problems").Array()
	info.lookup = len(problems) == 1 && problems[0].String() == "unknown_format" &&
		len(info.number) >= 8 && strings.ContainsAny(info.number, "0123456789")
	return info
}

// trackerSafe reports whether n can be sent to the trackers as is.
func trackerSafe(n string) bool {
	if len(n) < 5 || len(n) > 50 {
		return false
	}
	for i := 0; i < len(n); i++ {
		c := n[i]
		if !(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '-') {
			return false
		}
	}
	return true
}

// mergeTimeline runs contract 1's merge on a merge input document.
func mergeTimeline(dst, in []byte) []byte { return api.Merge(dst, in) }

// decoded is what the core made of one number's answer from one tracker.
type decoded struct {
	number  string
	carrier string
	status  string
	events  []byte // JSON array of events
	final   bool   // delivered or returned: the answer will not change
}

// errNoDecoder is reported until the core's decoders are available.
var errNoDecoder = errors.New("no decoder for this tracker in the core yet")

// decodeCainiao decodes a whole detail.json body, one entry per module.
func decodeCainiao(body []byte) ([]decoded, error) {
	return nil, errNoDecoder
}

// decode17Item decodes one gettrackinfo accepted item.
func decode17Item(item []byte, number string) (decoded, error) {
	return decoded{}, errNoDecoder
}

// fromTimeline converts a decoder's SourceTimeline.
func fromTimeline(st *timeline.SourceTimeline) decoded {
	d := decoded{number: st.Number, carrier: st.Carrier, status: string(st.Status)}
	if len(st.Events) > 0 {
		// Decoders list events as the source does; the newest decides.
		newest := st.Events[0]
		for _, e := range st.Events[1:] {
			if e.Time.After(newest.Time) {
				newest = e
			}
		}
		if d.status == "" || d.status == string(status.Unknown) {
			d.status = string(newest.Status)
		}
	}
	if d.status == "" {
		d.status = string(status.Unknown)
	}
	d.final = d.status == string(status.Delivered) || d.status == string(status.Returned)
	d.events = appendEvents(nil, st.Events)
	return d
}

// appendEvents writes events in contract 1's merge-input shape, plus the
// decoder's classification.
func appendEvents(b []byte, evs []timeline.Event) []byte {
	w := jsonw.Writer{B: b}
	w.ArrStart()
	for i := range evs {
		e := &evs[i]
		w.ObjStart()
		if e.Time.IsZero() {
			w.KeyStr("time", "")
		} else {
			w.KeyStr("time", e.Time.UTC().Format(timeLayout))
		}
		w.KeyStr("text", e.Text)
		w.KeyStrOmit("location", e.Location)
		w.KeyStrOmit("code", e.Code)
		w.KeyStrOmit("status", string(e.Status))
		w.KeyStrOmit("sub", e.Sub)
		w.ObjEnd()
	}
	w.ArrEnd()
	return w.B
}

// resultFrom makes a fresh source result from a decoded answer.
func (s *Server) resultFrom(d decoded, fetchedAt string) *sourceResult {
	ttl := s.cfg.CacheTTL
	if d.final {
		ttl = s.cfg.FinalTTL
	}
	return &sourceResult{ok: true, fetchedAt: fetchedAt, status: d.status, carrier: d.carrier,
		events: d.events, ttl: ttl}
}
