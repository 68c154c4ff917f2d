package source

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/waybill/waybill/internal/status"
	"github.com/waybill/waybill/internal/timeline"
	"github.com/waybill/waybill/internal/timeutil"
)

// fuzzDecoder checks the decoders' contract on any input: no panic (Decode
// recovers, so a recovered panic, error code "internal", fails here), and
// either an *Error with a code and message and nothing else, or a result
// whose timelines are all the decoder's source with contract statuses.
func fuzzDecoder(f *testing.F, source string, seeds ...string) {
	for _, s := range samples(f) {
		if s.source == source {
			f.Add(s.data)
		}
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, payload []byte) {
		res, err := Decode(source, payload, Options{Lang: "en", Offset: 3600})
		if err != nil {
			e, ok := err.(*Error)
			require.True(t, ok, "error type %T", err)
			require.NotEqual(t, "internal", e.Code, "a decoder panicked: %s", e.Message)
			require.NotEmpty(t, e.Code)
			require.NotEmpty(t, e.Message)
			require.Empty(t, res.Sources)
			require.Empty(t, res.Orders)
			return
		}
		for _, st := range res.Sources {
			require.Equal(t, source, st.Source)
			require.True(t, st.Status == "" || validStatus(st.Status), "source status %q", st.Status)
			for _, e := range st.Events {
				require.Equal(t, source, e.Source)
				require.True(t, validStatus(e.Status), "event status %q", e.Status)
				// Any instant formats as RFC 3339 and reads back (to the second).
				back, ok := timeutil.ParseRFC3339(timeutil.FormatRFC3339(e.Time))
				require.True(t, ok, e.Time)
				require.Equal(t, e.Time-(e.Time%1000+1000)%1000, back)
			}
		}
	})
}

func validStatus(s status.Status) bool {
	for _, x := range status.All {
		if x == s {
			return true
		}
	}
	return false
}

func FuzzCainiao(f *testing.F) {
	fuzzDecoder(f, Cainiao,
		`{"module":[{"mailNo":"X","detailList":[{"timeStr":"2024-02-29 23:59:59","actionCode":"GTMS_SIGNED"}]}],"success":true}`,
		`{"status":200,"headers":[],"body":"{\"module\":[],\"success\":true}"}`,
		`{"module":[{"realMailNo":"Latest Tracking Number:\t","globalEtaInfo":{"deliveryMinTime":"9"}}]}`)
}

func Fuzz17Track(f *testing.F) {
	fuzzDecoder(f, Track17,
		`{"code":0,"data":{"accepted":[{"number":"A","track_info":{"tracking":{"providers":[{"events":[{"time_raw":"2024-01-01 10:00"}]}]}}}],"rejected":[{"error":{"code":-18019909}}]}}`,
		`{"event":"TRACKING_STOPPED","data":{"number":"A"}}`,
		`{"ret":1,"dat":[{"no":"A","track":{"e":40,"z1":[{"a":"2024-01-01 10:00","z":"Delivered"}]}}]}`)
}

func FuzzAliExpress(f *testing.F) {
	fuzzDecoder(f, AliExpress,
		`{"data":{"module":{"trackingDetailLineList":[{"mailNo":"A","detailList":[{"time":2,"timeText":"Dec. 31 23:59"},{"time":3,"timeText":"Jan. 1 00:01"}]}]}}}`,
		`{"api":"mtop.aliexpress.trade.buyer.order.list","data":{"hierarchy":{"structure":{"b":["o"]}},"data":{"b":{"tag":"pc_om_list_body"},"o":{"tag":"pc_om_list_order","fields":{"orderId":"1"}}}}}`)
}

func BenchmarkDecode(b *testing.B) {
	for _, bc := range []struct{ name, source, file string }{
		{"cainiao", Cainiao, "cainiao_global_detail_json_AE010698498_2023-01-29.json"},
		{"17track", Track17, "17track_v2_webhook_TRACKING_UPDATED_ups.json"},
		{"17track_v1", Track17, "17track_v1_gettrackinfo_success_response.json"},
		{"aliexpress_querydetail", AliExpress, "logistics-querydetail.json"},
		{"aliexpress_order_list", AliExpress, "order-list-init.json"},
	} {
		data := sampleNamed(b, bc.file).data
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Decode(bc.source, data, Options{Lang: "en"}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSortEvents sorts a hostile timeline of 30,000 events in random
// order (the former insertion sort took ~10 s).
func BenchmarkSortEvents(b *testing.B) {
	rng := rand.New(rand.NewPCG(5, 6))
	in := make([]timeline.Event, 30000)
	for i := range in {
		in[i].Time = rng.Int64N(1 << 40)
	}
	ev := make([]timeline.Event, len(in))
	b.ReportAllocs()
	for b.Loop() {
		copy(ev, in)
		sortEvents(ev)
	}
}

// BenchmarkDecodeManyLegs decodes a Cainiao answer whose 40,000 events each
// name another number ("preMainCode:…"), i.e. 40,000 legs (the former
// leg list was quadratic: 7.6 s in wasm).
func BenchmarkDecodeManyLegs(b *testing.B) {
	var buf strings.Builder
	buf.WriteString(`{"module":[{"mailNo":"LP00000000000001","detailList":[`)
	for i := range 40000 {
		if i > 0 {
			buf.WriteByte(',')
		}
		// detailList is newest first: seconds count down.
		fmt.Fprintf(&buf, `{"timeStr":"2024-01-01 %02d:%02d:%02d","desc":"preMainCode:RR%09dCN"}`,
			(40000-i)/3600%24, (40000-i)/60%60, (40000-i)%60, i)
	}
	buf.WriteString(`]}],"success":true}`)
	payload := []byte(buf.String())
	b.SetBytes(int64(len(payload)))
	b.ReportAllocs()
	for b.Loop() {
		res, err := Decode(Cainiao, payload, Options{Lang: "en"})
		if err != nil || len(res.Sources[0].Legs) != 40001 {
			b.Fatal(err, len(res.Sources[0].Legs))
		}
	}
}
