package api

import (
	"sync/atomic"

	"github.com/waybill/waybill/internal/jsonw"
	"github.com/waybill/waybill/internal/tracknum"
)

// idleParsers recycles tracknum.Parsers (and their buffers) between calls:
// a few slots swapped atomically (sync.Pool would cost core.wasm ~15 KB).
var idleParsers [4]atomic.Pointer[tracknum.Parser]

func getParser() *tracknum.Parser {
	for i := range idleParsers {
		if p := idleParsers[i].Swap(nil); p != nil {
			return p
		}
	}
	return new(tracknum.Parser)
}

func putParser(p *tracknum.Parser) {
	for i := range idleParsers {
		if idleParsers[i].CompareAndSwap(nil, p) {
			return
		}
	}
}

// Parse answers contract 1's parse call: in is the raw pasted text (UTF-8,
// not JSON); the answer is
// {"input","number","valid","candidates":[…],"problems":[…],"suggestions"?:[…]}.
func Parse(dst, in []byte) []byte {
	return guard(dst, in, "parse", func(dst, in []byte) []byte {
		p := getParser()
		defer putParser(p)
		r := p.Parse(string(in))
		w := jsonw.Writer{B: dst}
		w.ObjStart()
		w.KeyStr("input", r.Input)
		w.KeyStr("number", r.Number)
		writeVerdict(&w, r)
		w.ObjEnd()
		return w.B
	})
}

// writeVerdict writes valid, candidates, problems and suggestions of a
// parse result into an open object.
func writeVerdict(w *jsonw.Writer, r *tracknum.Result) {
	w.KeyBool("valid", r.Valid)
	w.Key("candidates")
	w.ArrStart()
	for i := range r.Candidates {
		c := &r.Candidates[i]
		w.ObjStart()
		w.KeyStr("courier", c.Courier)
		w.KeyStr("carrier", c.Carrier)
		w.KeyStr("format", c.Format)
		w.KeyStr("checkDigit", string(c.CheckDigit))
		w.KeyStrOmit("country", c.Country)
		w.Key("confidence")
		w.Hundredths(hundredths(c.Confidence))
		w.ObjEnd()
	}
	w.ArrEnd()
	w.Key("problems")
	w.ArrStart()
	for _, p := range r.Problems {
		w.Str(p)
	}
	w.ArrEnd()
	if len(r.Suggestions) > 0 {
		w.Key("suggestions")
		w.ArrStart()
		for _, s := range r.Suggestions {
			w.Str(s)
		}
		w.ArrEnd()
	}
}

// hundredths rounds a confidence to two decimals for display.
func hundredths(f float64) int64 {
	return int64(f*100 + 0.5)
}
