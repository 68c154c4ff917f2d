package api

import (
	"strconv"

	"github.com/waybill/waybill/internal/jsonr"
	"github.com/waybill/waybill/internal/jsonw"
	"github.com/waybill/waybill/internal/status"
	"github.com/waybill/waybill/internal/timeline"
	"github.com/waybill/waybill/internal/timeutil"
)

// Bounds on the work one merge call may ask for.
const (
	MaxMergeEvents  = 20000 // events over all sources
	MaxMergeSources = 64
)

// Merge answers contract 1's merge call. Input:
//
//	{"now","order"?:{"id","status","placedAt","shippedAt","protectionEndsAt"},
//	 "sources":[{"source","number","carrier"?,"status"?,"numbers"?,"eta"?,"contacts"?,
//	   "noTracking"?,"error"?,"events":[{"time","text","location"?,"code"?,"status"?,"sub"?,"stage"?}]}]}
//
// Each event is classified with status.Classify unless it carries a valid
// contract status already (decode's output does). The answer is
//
//	{"status","sub"?,"events":[{"time","status","sub"?,"stage","text","location","code"?,"sources","numbers"}],
//	 "numbers":[…],"legs":[{"number","role","carrier"?,"sources"}],"conflicts":[{"code","message","sources","numbers","times"}],
//	 "advice":[{"code","numbers","reason"?,"deadline"?,"from"?,"since"?,"eta"?,"days"?,"estimated"?,
//	            "carrier"?,"phone"?,"url"?,"location"?}],
//	 "lastEventAt"|null,"daysSinceUpdate"|null,"stale","staleAfterDays","progress":{"stage","of","name"},
//	 "eta"?:{"min","max","sources","afterProtection"},"protection"?:{"endsAt","estimated","daysLeft","disputeFrom"?},
//	 "errors"?:[{"source","number","code","message"}]}
//
// "numbers" lists every tracking number as a string (contract 1); "legs"
// gives each one's role (first_mile, line_haul, last_mile or ""). Bad input
// is {"error":{"code","message"}} with code bad_json, bad_input (the message
// names the field, e.g. "sources[0].events[3].time") or too_large.
func Merge(dst, in []byte) []byte {
	return guard(dst, in, "merge", func(dst, in []byte) []byte {
		input, code, msg := readMergeInput(in)
		if code != "" {
			return AppendError(dst, code, "merge: "+msg)
		}
		r := timeline.Merge(input)
		return appendMergeResult(dst, &r)
	})
}

// ---- input ----

// readMergeInput decodes and checks the input; a non-empty code is an error.
func readMergeInput(in []byte) (timeline.Input, string, string) {
	var out timeline.Input
	if !jsonr.Valid(in) {
		return out, "bad_json", "input is not valid JSON"
	}
	if first := firstByte(in); first != '{' {
		return out, "bad_input", "input must be a JSON object"
	}
	// One pass over the top level; Get would rescan the document per key.
	var top [3]jsonr.Result
	jsonr.Result{Type: jsonr.JSON, Raw: trimJSONSpace(in)}.Members([]string{"now", "order", "sources"}, top[:])
	now := top[0]
	if !now.Exists() {
		return out, "bad_input", "now: missing (an RFC 3339 time)"
	}
	t, ok := readTime(now)
	if !ok || t == 0 {
		return out, "bad_input", "now: not an RFC 3339 time"
	}
	out.Now = t

	if o := top[1]; o.Exists() && o.Type != jsonr.Null {
		if !o.IsObject() {
			return out, "bad_input", "order: must be an object"
		}
		var ord timeline.Order
		ord.ID = o.Get("id").String()
		if s := o.Get("status"); s.Exists() && s.Type != jsonr.Null {
			if s.Type != jsonr.String && s.Type != jsonr.Number {
				return out, "bad_input", "order.status: must be a string"
			}
			ord.Status, ord.Sub = orderStatus(s.String())
		}
		for _, f := range [...]struct {
			name string
			dst  *int64
		}{{"placedAt", &ord.PlacedAt}, {"shippedAt", &ord.ShippedAt}, {"protectionEndsAt", &ord.ProtectionEndsAt}} {
			v := o.Get(f.name)
			if !v.Exists() || v.Type == jsonr.Null || (v.Type == jsonr.String && len(v.Raw) == 2) {
				continue
			}
			if *f.dst, ok = readTime(v); !ok {
				return out, "bad_input", "order." + f.name + ": not an RFC 3339 time"
			}
		}
		out.Order = &ord
	}

	srcs := top[2]
	if !srcs.Exists() {
		return out, "bad_input", "sources: missing (an array)"
	}
	if !srcs.IsArray() {
		return out, "bad_input", "sources: must be an array"
	}
	code, msg := "", ""
	total := 0
	srcs.ForEach(func(k, s jsonr.Result) bool {
		i := int(k.Int())
		if i >= MaxMergeSources {
			code, msg = "too_large", "sources: more than "+strconv.Itoa(MaxMergeSources)
			return false
		}
		var st timeline.SourceTimeline
		code, msg = readSource(s, "sources["+strconv.Itoa(i)+"]", &st, &total)
		if code != "" {
			return false
		}
		out.Sources = append(out.Sources, st)
		return true
	})
	return out, code, msg
}

// trimJSONSpace drops JSON whitespace around a valid document (what
// bytes.TrimSpace would do there, without its Unicode tables).
func trimJSONSpace(b []byte) []byte {
	for len(b) > 0 && isJSONSpace(b[0]) {
		b = b[1:]
	}
	for len(b) > 0 && isJSONSpace(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	return b
}

func isJSONSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func firstByte(b []byte) byte {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			return c
		}
	}
	return 0
}

func readTime(v jsonr.Result) (int64, bool) {
	if v.Type != jsonr.String {
		return 0, false
	}
	return timeutil.ParseRFC3339(v.String())
}

// optString reads an optional string member v (named key); a non-string
// is an error.
func optString(v jsonr.Result, key, where string) (string, string, string) {
	if !v.Exists() || v.Type == jsonr.Null {
		return "", "", ""
	}
	if v.Type != jsonr.String {
		return "", "bad_input", where + "." + key + ": must be a string"
	}
	return v.String(), "", ""
}

// Members of a source and of an event, in the order of the arrays that
// jsonr.Result.Members fills.
var (
	sourceKeys = []string{"source", "number", "carrier", "status", "noTracking", "error", "numbers", "eta", "contacts", "events"}
	eventKeys  = []string{"time", "text", "location", "code", "number", "status", "sub", "stage"}
)

const (
	sSource = iota
	sNumber
	sCarrier
	sStatus
	sNoTracking
	sError
	sNumbers
	sETA
	sContacts
	sEvents
	sKeys
)

const (
	eTime = iota
	eText
	eLocation
	eCode
	eNumber
	eStatus
	eSub
	eStage
	eKeys
)

func readSource(s jsonr.Result, where string, st *timeline.SourceTimeline, total *int) (string, string) {
	if !s.IsObject() {
		return "bad_input", where + ": must be an object"
	}
	var f [sKeys]jsonr.Result
	s.Members(sourceKeys, f[:])
	var code, msg string
	if st.Source, code, msg = optString(f[sSource], "source", where); code != "" {
		return code, msg
	}
	if st.Source == "" {
		return "bad_input", where + ".source: missing"
	}
	if st.Number, code, msg = optString(f[sNumber], "number", where); code != "" {
		return code, msg
	}
	if c := f[sCarrier]; c.IsObject() {
		st.Carrier = c.Get("name").String()
	} else if st.Carrier, code, msg = optString(c, "carrier", where); code != "" {
		return code, msg
	}
	if v, code, msg := optString(f[sStatus], "status", where); code != "" {
		return code, msg
	} else if v != "" {
		st.Status = sourceStatus(st.Source, v)
	}
	st.NoTracking = f[sNoTracking].Bool()
	if e := f[sError]; e.Exists() && e.Type != jsonr.Null && e.Type != jsonr.False {
		if e.IsObject() {
			st.ErrCode, st.ErrMsg = e.Get("code").String(), e.Get("message").String()
		} else {
			st.ErrMsg = e.String()
		}
		if st.ErrCode == "" {
			st.ErrCode = "error"
		}
	}
	if code, msg := readNumbers(f[sNumbers], where+".numbers", st); code != "" {
		return code, msg
	}
	if code, msg := readETA(f[sETA], where+".eta", st); code != "" {
		return code, msg
	}
	if cs := f[sContacts]; cs.IsArray() {
		cs.ForEach(func(_, c jsonr.Result) bool {
			if c.IsObject() {
				st.Contacts = append(st.Contacts, timeline.Contact{Name: c.Get("name").String(),
					Phone: c.Get("phone").String(), URL: c.Get("url").String()})
			}
			return len(st.Contacts) < 16
		})
	}
	evs := f[sEvents]
	if !evs.Exists() || evs.Type == jsonr.Null {
		return "", ""
	}
	if !evs.IsArray() {
		return "bad_input", where + ".events: must be an array"
	}
	code, msg = "", ""
	var ef [eKeys]jsonr.Result
	evs.ForEach(func(k, e jsonr.Result) bool {
		*total++
		if *total > MaxMergeEvents {
			code, msg = "too_large", "more than "+strconv.Itoa(MaxMergeEvents)+" events"
			return false
		}
		var ev timeline.Event
		if !e.IsObject() {
			code, msg = "bad_input", where+".events["+strconv.Itoa(int(k.Int()))+"]: must be an object"
			return false
		}
		e.Members(eventKeys, ef[:])
		if code, msg = readEvent(&ef, st.Source, &ev); code != "" {
			msg = where + ".events[" + strconv.Itoa(int(k.Int())) + "]" + msg
			return false
		}
		st.Events = append(st.Events, ev)
		return true
	})
	return code, msg
}

// readEvent reads one event's members; an error message starts with the
// member's path below the event (".time: …").
func readEvent(f *[eKeys]jsonr.Result, source string, ev *timeline.Event) (string, string) {
	t := f[eTime]
	if !t.Exists() {
		return "bad_input", ".time: missing"
	}
	var ok bool
	if ev.Time, ok = readTime(t); !ok {
		return "bad_input", ".time: not an RFC 3339 time"
	}
	var code, msg string
	if ev.Text, code, msg = optString(f[eText], "text", ""); code != "" {
		return code, msg
	}
	if ev.Location, code, msg = optString(f[eLocation], "location", ""); code != "" {
		return code, msg
	}
	if ev.Code, code, msg = optString(f[eCode], "code", ""); code != "" {
		return code, msg
	}
	if ev.Number, code, msg = optString(f[eNumber], "number", ""); code != "" {
		return code, msg
	}
	// A status decode already gave wins; otherwise classify here.
	if f[eStatus].Type == jsonr.String {
		if st, ok := contractStatus(f[eStatus].String()); ok && st != status.Unknown {
			ev.Status = st
			ev.Sub = f[eSub].String()
			if g := f[eStage].Int(); g >= 0 && g <= status.StageCount {
				ev.Stage = status.Stage(g)
			}
			return "", ""
		}
	}
	c := status.Classify(source, ev.Code, ev.Text, "")
	ev.Status, ev.Sub, ev.Stage = c.Status, c.Sub, c.Stage
	if ev.Status == "" {
		ev.Status = status.Unknown
	}
	return "", ""
}

// readNumbers reads the legs a decoder found: strings, or objects with
// number, role and carrier.
func readNumbers(v jsonr.Result, where string, st *timeline.SourceTimeline) (string, string) {
	if !v.Exists() || v.Type == jsonr.Null {
		return "", ""
	}
	if !v.IsArray() {
		return "bad_input", where + ": must be an array"
	}
	v.ForEach(func(_, n jsonr.Result) bool {
		switch {
		case n.Type == jsonr.String:
			st.Legs = append(st.Legs, timeline.Leg{Number: n.String(), Source: st.Source})
		case n.IsObject():
			st.Legs = append(st.Legs, timeline.Leg{Number: n.Get("number").String(), Role: n.Get("role").String(),
				Carrier: n.Get("carrier").String(), Source: st.Source})
		}
		return len(st.Legs) < 32
	})
	return "", ""
}

// readETA reads "eta": a time, or {"min","max"} (also "from"/"to").
func readETA(v jsonr.Result, where string, st *timeline.SourceTimeline) (string, string) {
	if !v.Exists() || v.Type == jsonr.Null {
		return "", ""
	}
	if v.Type == jsonr.String {
		t, ok := readTime(v)
		if !ok {
			return "bad_input", where + ": not an RFC 3339 time"
		}
		st.ETAMin, st.ETAMax = t, t
		return "", ""
	}
	if !v.IsObject() {
		return "bad_input", where + ": must be a time or {min,max}"
	}
	for _, f := range [...]struct {
		keys [2]string
		dst  *int64
	}{{[2]string{"min", "from"}, &st.ETAMin}, {[2]string{"max", "to"}, &st.ETAMax}} {
		for _, k := range f.keys {
			x := v.Get(k)
			if !x.Exists() || x.Type == jsonr.Null {
				continue
			}
			t, ok := readTime(x)
			if !ok {
				return "bad_input", where + "." + k + ": not an RFC 3339 time"
			}
			*f.dst = t
			break
		}
	}
	return "", ""
}

// contractStatus accepts contract 1's spellings only.
func contractStatus(s string) (status.Status, bool) {
	for _, x := range status.All {
		if string(x) == s {
			return x, true
		}
	}
	return "", false
}

// sourceStatus reads a source's own overall status: a contract spelling,
// else the source's code or wording.
func sourceStatus(source, s string) status.Status {
	st, _ := classifyStatus(source, s)
	return st
}

func classifyStatus(source, s string) (status.Status, string) {
	if st, ok := contractStatus(s); ok {
		return st, ""
	}
	c := status.Classify(source, s, "", "")
	if c.Status == "" || c.Status == status.Unknown {
		c = status.Classify(source, "", s, "")
	}
	if c.Status == "" {
		return status.Unknown, ""
	}
	return c.Status, c.Sub
}

// orderStatus reads the order's status: a contract spelling, an AliExpress
// order code (WAIT_BUYER_ACCEPT_GOODS, 8) or its wording ("Awaiting delivery").
func orderStatus(s string) (status.Status, string) { return classifyStatus("aliexpress", s) }

// ---- output ----

func appendMergeResult(dst []byte, r *timeline.Result) []byte {
	w := jsonw.Writer{B: dst}
	w.ObjStart()
	w.KeyStr("status", string(r.Status))
	w.KeyStrOmit("sub", r.Sub)
	w.Key("events")
	w.ArrStart()
	for i := range r.Events {
		e := &r.Events[i]
		w.ObjStart()
		w.Key("time")
		writeTime(&w, e.Time)
		w.KeyStr("status", string(e.Status))
		w.KeyStrOmit("sub", e.Sub)
		w.KeyInt("stage", int64(e.Stage))
		w.KeyStr("text", e.Text)
		w.KeyStr("location", e.Location)
		w.KeyStrOmit("code", e.Code)
		writeStrings(&w, "sources", e.Sources)
		writeStrings(&w, "numbers", e.Numbers)
		w.ObjEnd()
	}
	w.ArrEnd()
	w.Key("numbers")
	w.ArrStart()
	for _, n := range r.Numbers {
		w.Str(n.Number)
	}
	w.ArrEnd()
	w.Key("legs")
	w.ArrStart()
	for _, n := range r.Numbers {
		w.ObjStart()
		w.KeyStr("number", n.Number)
		w.KeyStr("role", n.Role)
		w.KeyStrOmit("carrier", n.Carrier)
		writeStrings(&w, "sources", n.Sources)
		w.ObjEnd()
	}
	w.ArrEnd()
	w.Key("conflicts")
	w.ArrStart()
	for _, c := range r.Conflicts {
		w.ObjStart()
		w.KeyStr("code", c.Code)
		w.KeyStr("message", c.Message)
		writeStrings(&w, "sources", c.Sources)
		writeStrings(&w, "numbers", c.Numbers)
		w.Key("times")
		w.ArrStart()
		for _, t := range c.Times {
			writeTime(&w, t)
		}
		w.ArrEnd()
		w.ObjEnd()
	}
	w.ArrEnd()
	w.Key("advice")
	w.ArrStart()
	for i := range r.Advice {
		writeAdvice(&w, &r.Advice[i])
	}
	w.ArrEnd()
	w.Key("lastEventAt")
	writeTime(&w, r.LastEventAt)
	w.Key("daysSinceUpdate")
	if r.LastEventAt == 0 {
		w.Null()
	} else {
		w.Int(int64(r.DaysSinceUpdate))
	}
	w.KeyBool("stale", r.Stale)
	w.KeyInt("staleAfterDays", int64(r.StaleAfterDays))
	w.Key("progress")
	w.ObjStart()
	w.KeyInt("stage", int64(r.Stage))
	w.KeyInt("of", status.StageCount)
	w.KeyStr("name", r.Stage.String())
	w.ObjEnd()
	if e := r.ETA; e != nil {
		w.Key("eta")
		w.ObjStart()
		w.Key("min")
		writeTime(&w, e.Min)
		w.Key("max")
		writeTime(&w, e.Max)
		writeStrings(&w, "sources", e.Sources)
		w.KeyBool("afterProtection", e.AfterProtection)
		w.ObjEnd()
	}
	if p := r.Protection; p != nil {
		w.Key("protection")
		w.ObjStart()
		w.Key("endsAt")
		writeTime(&w, p.EndsAt)
		w.KeyBool("estimated", p.Estimated)
		w.KeyInt("daysLeft", int64(p.DaysLeft))
		if p.DisputeFrom != 0 {
			w.Key("disputeFrom")
			writeTime(&w, p.DisputeFrom)
		}
		w.ObjEnd()
	}
	if len(r.Errors) > 0 {
		w.Key("errors")
		w.ArrStart()
		for _, e := range r.Errors {
			w.ObjStart()
			w.KeyStr("source", e.Source)
			w.KeyStr("number", e.Number)
			w.KeyStr("code", e.Code)
			w.KeyStr("message", e.Message)
			w.ObjEnd()
		}
		w.ArrEnd()
	}
	w.ObjEnd()
	return w.B
}

func writeAdvice(w *jsonw.Writer, a *timeline.Advice) {
	w.ObjStart()
	w.KeyStr("code", a.Code)
	writeStrings(w, "numbers", a.Numbers)
	w.KeyStrOmit("reason", a.Reason)
	for _, f := range [...]struct {
		key string
		t   int64
	}{{"deadline", a.Deadline}, {"from", a.From}, {"since", a.Since}, {"eta", a.ETA}} {
		if f.t != 0 {
			w.Key(f.key)
			writeTime(w, f.t)
		}
	}
	if a.HasDays {
		w.KeyInt("days", int64(a.Days))
	}
	if a.Estimated {
		w.KeyBool("estimated", true)
	}
	w.KeyStrOmit("carrier", a.Carrier)
	w.KeyStrOmit("phone", a.Phone)
	w.KeyStrOmit("url", a.URL)
	w.KeyStrOmit("location", a.Location)
	w.ObjEnd()
}

// writeStrings writes key:[…] (always an array, never null).
func writeStrings(w *jsonw.Writer, key string, xs []string) {
	w.Key(key)
	w.ArrStart()
	for _, x := range xs {
		w.Str(x)
	}
	w.ArrEnd()
}

// writeTime writes an RFC 3339 string, or null for the zero time.
func writeTime(w *jsonw.Writer, t int64) {
	if t == 0 {
		w.Null()
		return
	}
	var buf [48]byte
	b := append(buf[:0], '"')
	b = timeutil.AppendRFC3339(b, t)
	w.Raw(append(b, '"'))
}
