package api

import (
	"github.com/waybill/waybill/internal/jsonr"
	"github.com/waybill/waybill/internal/jsonw"
	"github.com/waybill/waybill/internal/source"
	"github.com/waybill/waybill/internal/status"
	"github.com/waybill/waybill/internal/timeline"
)

// Decode answers the decode call, an extension of contract 1 that turns a
// source's raw payload into merge input. Input:
//
//	{"source":"aliexpress|cainiao|17track","payload":<the raw answer, as JSON or as a JSON string>,
//	 "lang"?:"pt-BR","utcOffsetMinutes"?:-180}
//
// utcOffsetMinutes (east of UTC) places times that carry no zone: 17TRACK
// v1 events, AliExpress timeText and order dates (default 0). Answer:
//
//	{"sources":[{"source","number","carrier"?,"status"?,
//	   "events":[{"time","text","location"?,"code"?,"status","sub"?,"stage"?}],
//	   "numbers"?:[{"number","role","carrier"?}],"eta"?:{"min","max"},
//	   "contacts"?:[{"name","phone"?,"url"?}],"noTracking"?:true,"error"?:{"code","message"}}],
//	 "order"?:{"id","status"?,"statusText"?,"statusCode"?,"placedAt"?,"shippedAt"?,"protectionEndsAt"?,"numbers"?},
//	 "orders"?:[…same as order…]}
//
// Each element of "sources" is exactly one source of merge's input, so a
// caller can pass {"now", "order", "sources"} straight on to merge. Events
// are oldest first with RFC 3339 UTC times; an event whose time the payload
// does not give is left out (merge needs a time). Event "status"/"sub" are
// contract spellings and "stage" the progress stage number (1 ordered … 5
// delivered), already classified with status.Classify. "order" is the
// order an order detail or querydetail answer is about; "orders" lists an
// order list page in display order. Per-number failures (17TRACK rejections)
// are sources with an "error"; a payload that cannot be decoded is an
// {"error":{"code","message"}} answer with code bad_json, bad_input,
// unknown_source, unsupported_source (DecodeOnly without that source's
// decoder), bad_payload, unsupported_payload or upstream_error.
func Decode(dst, in []byte) []byte { return decode(dst, in, source.Decode) }

// DecodeOnly is Decode with only the given decoders linked: core.wasm
// decodes AliExpress payloads only (the extension never decodes anything
// else; the worker decodes Cainiao and 17TRACK answers with Decode), which
// keeps the other decoders out of its size budget. Other known sources are
// answered with {"error":{"code":"unsupported_source",…}}.
func DecodeOnly(dst, in []byte, decoders []source.Decoder) []byte {
	return decode(dst, in, func(src string, payload []byte, opt source.Options) (source.Result, error) {
		return source.DecodeOnly(decoders, src, payload, opt)
	})
}

func decode(dst, in []byte, decodeSource func(string, []byte, source.Options) (source.Result, error)) []byte {
	return guard(dst, in, "decode", func(dst, in []byte) []byte {
		if !jsonr.Valid(in) || firstByte(in) != '{' {
			return AppendError(dst, "bad_json", "decode: input is not a JSON object")
		}
		src := jsonr.Get(in, "source")
		if src.Type != jsonr.String || src.String() == "" {
			return AppendError(dst, "bad_input", `decode: "source" is required (aliexpress, cainiao or 17track)`)
		}
		var opt source.Options
		if l := jsonr.Get(in, "lang"); l.Exists() && l.Type != jsonr.Null {
			if l.Type != jsonr.String {
				return AppendError(dst, "bad_input", `decode: "lang" must be a string`)
			}
			opt.Lang = l.String()
		}
		if o := jsonr.Get(in, "utcOffsetMinutes"); o.Exists() && o.Type != jsonr.Null {
			m := o.Int()
			if o.Type != jsonr.Number || m < -16*60 || m > 16*60 {
				return AppendError(dst, "bad_input", `decode: "utcOffsetMinutes" must be a number of minutes within ±16 hours`)
			}
			opt.Offset = int(m) * 60
		}
		p := jsonr.Get(in, "payload")
		var payload []byte
		switch {
		case p.Type == jsonr.String:
			payload = []byte(p.String())
		case p.Type == jsonr.JSON:
			payload = p.Raw
		default:
			return AppendError(dst, "bad_input", `decode: "payload" is required (the source's answer, as JSON or a JSON string)`)
		}
		res, err := decodeSource(src.String(), payload, opt)
		if err != nil {
			code, msg := "bad_payload", err.Error()
			if e, ok := err.(*source.Error); ok {
				code, msg = e.Code, "decode: "+e.Message
			}
			return AppendError(dst, code, msg)
		}
		return appendDecodeResult(dst, &res)
	})
}

func appendDecodeResult(dst []byte, res *source.Result) []byte {
	w := jsonw.Writer{B: dst}
	w.ObjStart()
	w.Key("sources")
	w.ArrStart()
	for i := range res.Sources {
		appendSource(&w, &res.Sources[i])
	}
	w.ArrEnd()
	switch {
	case res.OrderList:
		w.Key("orders")
		w.ArrStart()
		for i := range res.Orders {
			appendOrder(&w, &res.Orders[i])
		}
		w.ArrEnd()
	case len(res.Orders) > 0:
		w.Key("order")
		appendOrder(&w, &res.Orders[0])
	}
	w.ObjEnd()
	return w.B
}

func keyTime(w *jsonw.Writer, k string, t int64) {
	if t != 0 {
		w.Key(k)
		writeTime(w, t)
	}
}

func appendSource(w *jsonw.Writer, st *timeline.SourceTimeline) {
	w.ObjStart()
	w.KeyStr("source", st.Source)
	w.KeyStr("number", st.Number)
	w.KeyStrOmit("carrier", st.Carrier)
	w.KeyStrOmit("status", string(st.Status))
	appendSourceTail(w, st)
	w.ObjEnd()
}

// appendSourceTail writes a source's members after "status", from
// "events" on.
func appendSourceTail(w *jsonw.Writer, st *timeline.SourceTimeline) {
	w.Key("events")
	w.ArrStart()
	for i := range st.Events {
		e := &st.Events[i]
		if e.Time == 0 {
			continue
		}
		w.ObjStart()
		keyTime(w, "time", e.Time)
		w.KeyStr("text", e.Text)
		w.KeyStrOmit("location", e.Location)
		w.KeyStrOmit("code", e.Code)
		if e.Status == "" {
			w.KeyStr("status", string(status.Unknown))
		} else {
			w.KeyStr("status", string(e.Status))
		}
		w.KeyStrOmit("sub", e.Sub)
		if e.Stage != status.StageUnknown {
			w.KeyInt("stage", int64(e.Stage))
		}
		w.ObjEnd()
	}
	w.ArrEnd()
	if len(st.Legs) > 0 {
		w.Key("numbers")
		w.ArrStart()
		for _, l := range st.Legs {
			w.ObjStart()
			w.KeyStr("number", l.Number)
			w.KeyStr("role", l.Role)
			w.KeyStrOmit("carrier", l.Carrier)
			w.ObjEnd()
		}
		w.ArrEnd()
	}
	if st.ETAMin != 0 || st.ETAMax != 0 {
		w.Key("eta")
		w.ObjStart()
		keyTime(w, "min", st.ETAMin)
		keyTime(w, "max", st.ETAMax)
		w.ObjEnd()
	}
	if len(st.Contacts) > 0 {
		w.Key("contacts")
		w.ArrStart()
		for _, c := range st.Contacts {
			w.ObjStart()
			w.KeyStr("name", c.Name)
			w.KeyStrOmit("phone", c.Phone)
			w.KeyStrOmit("url", c.URL)
			w.ObjEnd()
		}
		w.ArrEnd()
	}
	if st.NoTracking {
		w.KeyBool("noTracking", true)
	}
	if st.ErrCode != "" {
		w.KeyError(st.ErrCode, st.ErrMsg)
	}
}

func appendOrder(w *jsonw.Writer, o *source.Order) {
	w.ObjStart()
	w.KeyStr("id", o.ID)
	if o.Status != "" && o.Status != status.Unknown {
		w.KeyStr("status", string(o.Status))
	}
	w.KeyStrOmit("statusText", o.StatusText)
	w.KeyStrOmit("statusCode", o.StatusCode)
	keyTime(w, "placedAt", o.PlacedAt)
	keyTime(w, "shippedAt", o.ShippedAt)
	keyTime(w, "protectionEndsAt", o.ProtectionEndsAt)
	if len(o.Numbers) > 0 {
		w.Key("numbers")
		w.ArrStart()
		for _, n := range o.Numbers {
			w.Str(n)
		}
		w.ArrEnd()
	}
	w.ObjEnd()
}
