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
)

const timeLayout = time.RFC3339

// parseNumber runs contract 1's parse on one requested number and decides
// whom to ask about it (contract 2): Cainiao about every plausible number
// that is not an order or product id, whatever its check digit says (some
// carriers issue numbers that fail it, and Cainiao's data is authoritative);
// 17TRACK, whose registrations cost quota, only about proven numbers — a
// recognised format whose check digit is valid or that has none (parse's
// valid) — unless Cainiao has events for the number (decided later, in
// seventeenSource). Only in the shape both trackers accept (5–50 letters,
// digits, '-').
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
		info.lookup, info.proven = true, true
		return info
	}
	plausible := false
	for _, p := range res.Get("problems").Array() {
		switch p.Str {
		case "order_number", "product_id", "empty", "too_long":
			return info
		case "check_digit", "look_alike":
			plausible = true
		case "unknown_format":
			plausible = plausible || len(info.number) >= 8 && strings.ContainsAny(info.number, "0123456789")
		}
	}
	info.lookup = plausible
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

// decoded is what the core made of one number's answer from one tracker:
// a merge-ready source (contract 1's decode output) split into the status
// and the rest of its fields.
type decoded struct {
	number string
	status string
	rest   []byte // the source object's other members, `"number":…,"events":[…],…`, no braces
	events int
	final  bool // status.IsTerminal: the answer will not change
}

// decodePayload runs contract 1's decode on a tracker's answer (valid JSON)
// and returns the sources it made that carry no error; per-number failures
// are read from the envelope by the caller.
func decodePayload(src string, payload []byte, lang string) ([]decoded, error) {
	in := make([]byte, 0, len(payload)+64)
	in = append(in, `{"source":`...)
	in = jsonw.AppendString(in, src)
	if lang != "" {
		in = append(in, `,"lang":`...)
		in = jsonw.AppendString(in, lang)
	}
	in = append(in, `,"payload":`...)
	in = append(in, payload...)
	in = append(in, '}')
	res := gjson.ParseBytes(api.Decode(nil, in))
	if e := res.Get("error"); e.Exists() {
		return nil, errors.New(e.Get("message").String())
	}
	var out []decoded
	res.Get("sources").ForEach(func(_, s gjson.Result) bool {
		if s.Get("error").Exists() {
			return true
		}
		d := decoded{number: s.Get("number").String(), status: s.Get("status").String()}
		s.ForEach(func(k, v gjson.Result) bool {
			if k.Str == "source" || k.Str == "status" {
				return true
			}
			if len(d.rest) > 0 {
				d.rest = append(d.rest, ',')
			}
			d.rest = append(d.rest, k.Raw...)
			d.rest = append(d.rest, ':')
			d.rest = append(d.rest, v.Raw...)
			return true
		})
		evs := s.Get("events").Array()
		d.events = len(evs)
		if d.status == "" || d.status == string(status.Unknown) {
			// Events are oldest first: the newest decides.
			if len(evs) > 0 {
				d.status = evs[len(evs)-1].Get("status").String()
			}
			if d.status == "" {
				d.status = string(status.Unknown)
			}
		}
		d.final = status.IsTerminal(status.Status(d.status))
		out = append(out, d)
		return true
	})
	return out, nil
}

// resultFrom makes a fresh source result from a decoded answer.
func (s *Server) resultFrom(d decoded, fetchedAt string) *sourceResult {
	ttl := s.cfg.CacheTTL
	if d.final {
		ttl = s.cfg.FinalTTL
	}
	return &sourceResult{ok: true, fetchedAt: fetchedAt, status: d.status, rest: d.rest, ttl: ttl}
}
