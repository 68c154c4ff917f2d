package api

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/waybill/waybill/internal/source"
	"github.com/waybill/waybill/internal/testenv"
)

// decodeAnswer is the decode call's answer, for tests.
type decodeAnswer struct {
	Sources []struct {
		Source  string `json:"source"`
		Number  string `json:"number"`
		Carrier string `json:"carrier"`
		Status  string `json:"status"`
		Events  []struct {
			Time, Text, Location, Code, Status, Sub string
			Stage                                   int
		} `json:"events"`
		Numbers []struct {
			Number, Role, Carrier string
		} `json:"numbers"`
		ETA *struct {
			Min, Max string
		} `json:"eta"`
		Contacts   []struct{ Name, Phone, URL string } `json:"contacts"`
		NoTracking bool                                `json:"noTracking"`
		Error      *struct{ Code, Message string }     `json:"error"`
	} `json:"sources"`
	Order  *decodeOrder  `json:"order"`
	Orders []decodeOrder `json:"orders"`
	Error  *struct{ Code, Message string }
}

type decodeOrder struct {
	ID, Status, StatusText, StatusCode, PlacedAt, ShippedAt, ProtectionEndsAt string
	Numbers                                                                   []string
}

func decodeTestdata(t testing.TB, rel string) []byte {
	return testenv.ReadFile(t, rel)
}

func callDecode(t *testing.T, in string) decodeAnswer {
	t.Helper()
	out := Decode(nil, []byte(in))
	require.True(t, json.Valid(out), "%s", out)
	var a decodeAnswer
	require.NoError(t, json.Unmarshal(out, &a))
	return a
}

func decodeInput(source string, payload []byte, extra string) string {
	return `{"source":"` + source + `","payload":` + string(payload) + extra + `}`
}

func TestDecodeCainiao(t *testing.T) {
	p := decodeTestdata(t, "upstream/cainiao/cainiao_global_detail_json_RS0814398526Y.json")
	a := callDecode(t, decodeInput("cainiao", p, `,"lang":"en"`))
	require.Nil(t, a.Error)
	require.Len(t, a.Sources, 1)
	s := a.Sources[0]
	assert.Equal(t, "cainiao", s.Source)
	assert.Equal(t, "RS0814398526Y", s.Number)
	assert.Equal(t, "in_transit", s.Status)
	require.Len(t, s.Events, 14)
	assert.Equal(t, "2023-09-22T07:55:02Z", s.Events[0].Time)
	assert.Equal(t, "PU_PICKUP_SUCCESS", s.Events[0].Code)
	assert.Equal(t, "in_transit", s.Events[0].Status)
	assert.Equal(t, 2, s.Events[0].Stage)
	assert.Equal(t, "Fenggang Town", s.Events[2].Location)
	require.NotNil(t, s.ETA)
	assert.Equal(t, "2023-10-12T23:59:56Z", s.ETA.Min)
	assert.Equal(t, "Israelpost", s.Contacts[0].Name)
	assert.Nil(t, a.Order)
}

func TestDecodePayloadAsString(t *testing.T) {
	p := decodeTestdata(t, "upstream/cainiao/cainiao_global_detail_json_in_customs_redacted_2026.json")
	str, err := json.Marshal(string(p))
	require.NoError(t, err)
	a := callDecode(t, decodeInput("cainiao", str, ""))
	require.Nil(t, a.Error)
	require.Len(t, a.Sources, 1)
	assert.Len(t, a.Sources[0].Events, 4)
	require.Len(t, a.Sources[0].Numbers, 2)
	assert.Equal(t, "RC000000003EE", a.Sources[0].Numbers[1].Number)
	assert.Equal(t, "last_mile", a.Sources[0].Numbers[1].Role)
}

func TestDecodeAliExpress(t *testing.T) {
	p := decodeTestdata(t, "aliexpress/logistics-querydetail.json")
	a := callDecode(t, decodeInput("aliexpress", p, `,"utcOffsetMinutes":-180`))
	require.Nil(t, a.Error)
	s := a.Sources[0]
	require.Len(t, s.Events, 26)
	assert.Equal(t, "2026-07-28T21:39:00Z", s.Events[25].Time)
	assert.Equal(t, "delivered", s.Events[25].Status)
	assert.Equal(t, 5, s.Events[25].Stage)
	require.NotNil(t, a.Order)
	assert.Equal(t, "8212313961591322", a.Order.ID)
	assert.Equal(t, "2026-09-03T03:00:00Z", a.Order.ProtectionEndsAt)

	a = callDecode(t, decodeInput("aliexpress", decodeTestdata(t, "aliexpress/order-list-init.json"), ""))
	require.Nil(t, a.Error)
	assert.Empty(t, a.Sources)
	assert.Nil(t, a.Order)
	require.Len(t, a.Orders, 10)
	assert.Equal(t, "8214398062177351", a.Orders[0].ID)
	assert.Equal(t, "in_transit", a.Orders[0].Status)
	assert.Equal(t, "2026-09-01T00:00:00Z", a.Orders[0].PlacedAt)

	a = callDecode(t, decodeInput("aliexpress", decodeTestdata(t, "aliexpress/order-detail.json"), ""))
	require.NotNil(t, a.Order)
	assert.Equal(t, "delivered", a.Order.Status)
	assert.Equal(t, "9", a.Order.StatusCode)
	assert.Equal(t, "2026-09-04T00:00:00Z", a.Order.ProtectionEndsAt)
}

func TestDecode17TrackRejections(t *testing.T) {
	p := decodeTestdata(t, "upstream/17track/17track_v1_register_existing_response.json")
	a := callDecode(t, decodeInput("17track", p, ""))
	require.Nil(t, a.Error)
	require.Len(t, a.Sources, 1)
	require.NotNil(t, a.Sources[0].Error)
	assert.Equal(t, "already_registered", a.Sources[0].Error.Code)
	assert.Contains(t, a.Sources[0].Error.Message, "-18019901")
	assert.Empty(t, a.Sources[0].Events)
}

func TestDecodeDropsTimelessEvents(t *testing.T) {
	p := decodeTestdata(t, "upstream/17track/17track_v1_gettrackinfo_success_response.json")
	a := callDecode(t, decodeInput("17track", p, ""))
	require.Nil(t, a.Error)
	require.Len(t, a.Sources, 5)
	assert.Len(t, a.Sources[2].Events, 1, "the event with an empty time is left out")
	for _, s := range a.Sources {
		for _, e := range s.Events {
			assert.NotEmpty(t, e.Time)
		}
	}
}

// TestDecodeFeedsMerge passes decode's answer straight on to merge, as the
// extension does.
func TestDecodeFeedsMerge(t *testing.T) {
	var sources []string
	for _, rel := range []string{
		"upstream/cainiao/cainiao_global_detail_json_delivered_redacted_2026.json",
		"upstream/17track/17track_v2_webhook_TRACKING_UPDATED_ups.json",
	} {
		src := "cainiao"
		if strings.Contains(rel, "17track") {
			src = "17track"
		}
		out := Decode(nil, []byte(decodeInput(src, decodeTestdata(t, rel), "")))
		var a struct{ Sources []json.RawMessage }
		require.NoError(t, json.Unmarshal(out, &a))
		for _, s := range a.Sources {
			sources = append(sources, string(s))
		}
	}
	in := `{"now":"2026-02-10T00:00:00Z","sources":[` + strings.Join(sources, ",") + `]}`
	out := Merge(nil, []byte(in))
	var m struct {
		Status string
		Events []json.RawMessage
		Error  *struct{ Code, Message string }
	}
	require.NoError(t, json.Unmarshal(out, &m), "%s", out)
	require.Nil(t, m.Error, "%s", out)
	assert.Equal(t, "delivered", m.Status)
	assert.Len(t, m.Events, 7+5)
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct{ name, in, code string }{
		{"not JSON", `{`, "bad_json"},
		{"array", `[]`, "bad_json"},
		{"no source", `{"payload":{}}`, "bad_input"},
		{"source not a string", `{"source":1,"payload":{}}`, "bad_input"},
		{"no payload", `{"source":"cainiao"}`, "bad_input"},
		{"payload a number", `{"source":"cainiao","payload":5}`, "bad_input"},
		{"lang not a string", `{"source":"cainiao","payload":{},"lang":5}`, "bad_input"},
		{"offset too big", `{"source":"cainiao","payload":{},"utcOffsetMinutes":9999}`, "bad_input"},
		{"offset not a number", `{"source":"cainiao","payload":{},"utcOffsetMinutes":"x"}`, "bad_input"},
		{"unknown source", `{"source":"dhl","payload":{}}`, "unknown_source"},
		{"payload string not JSON", `{"source":"cainiao","payload":"<html>captcha</html>"}`, "bad_payload"},
		{"wrong shape", `{"source":"cainiao","payload":{"hello":1}}`, "bad_payload"},
		{"upstream error", `{"source":"17track","payload":{"code":401,"data":{"errors":[{"code":-18010002,"message":"Access token is invalid."}]}}}`, "upstream_error"},
		{"unsupported", `{"source":"aliexpress","payload":{"api":"mtop.aliexpress.trade.buyer.order.count","ret":["SUCCESS::ok"]}}`, "unsupported_payload"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := callDecode(t, tt.in)
			require.NotNil(t, a.Error)
			assert.Equal(t, tt.code, a.Error.Code, a.Error.Message)
			assert.True(t, strings.HasPrefix(a.Error.Message, "decode"), a.Error.Message)
			assert.Empty(t, a.Sources)
		})
	}
}

func TestDecodeAppends(t *testing.T) {
	out := Decode([]byte("prefix"), []byte(`{"source":"cainiao","payload":{"module":[],"success":true}}`))
	assert.Equal(t, `prefix{"sources":[]}`, string(out))
}

func FuzzDecodeAPI(f *testing.F) {
	f.Add([]byte(`{"source":"cainiao","payload":{"module":[{"mailNo":"A","detailList":[{"timeStr":"2024-01-01 00:00:00","actionCode":"GTMS_SIGNED"}]}]}}`))
	f.Add([]byte(`{"source":"aliexpress","payload":"{\"data\":{}}","utcOffsetMinutes":60}`))
	f.Add([]byte(`{"source":"17track","payload":{"event":"TRACKING_UPDATED","data":{"number":"A"}}}`))
	f.Fuzz(func(t *testing.T, in []byte) {
		out := Decode(nil, in)
		require.True(t, json.Valid(out), "%s", out)
		var a decodeAnswer
		require.NoError(t, json.Unmarshal(out, &a))
		if a.Error != nil {
			require.NotEqual(t, "internal", a.Error.Code, a.Error.Message)
		}
	})
}

func BenchmarkDecodeAPI(b *testing.B) {
	in := []byte(decodeInput("cainiao", decodeTestdata(b, "upstream/cainiao/cainiao_global_detail_json_AE010698498_2023-01-29.json"), ""))
	var dst []byte
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		dst = Decode(dst[:0], in)
	}
}

// DecodeOnly (core.wasm links the AliExpress decoder only) answers
// AliExpress payloads exactly as Decode does, refuses the other known
// sources with unsupported_source, and keeps Decode's other errors.
func TestDecodeOnly(t *testing.T) {
	only := []source.Decoder{source.AliExpressDecoder}
	for _, f := range []string{"logistics-querydetail.json", "order-detail.json", "order-list-init.json"} {
		in := `{"source":"aliexpress","payload":` + string(decodeTestdata(t, "aliexpress/"+f)) + `}`
		want := Decode(nil, []byte(in))
		require.NotContains(t, string(want), `"error":{"code"`, f)
		assert.Equal(t, string(want), string(DecodeOnly(nil, []byte(in), only)), f)
	}
	cainiao := string(decodeTestdata(t, "upstream/cainiao/cainiao_global_detail_json_RS0814398526Y.json"))
	for in, code := range map[string]string{
		`{"source":"cainiao","payload":` + cainiao + `}`: "unsupported_source",
		`{"source":"17track","payload":{"code":0}}`:      "unsupported_source",
		`{"source":"dhl","payload":{}}`:                  "unknown_source",
		`{"source":"aliexpress","payload":"{"}`:          "bad_payload",
		`{"payload":{}}`:                                 "bad_input",
	} {
		var a decodeAnswer
		require.NoError(t, json.Unmarshal(DecodeOnly(nil, []byte(in), only), &a), in)
		require.NotNil(t, a.Error, in)
		assert.Equal(t, code, a.Error.Code, in)
	}
	// Decode itself still decodes every source (the worker relies on it).
	assert.NotContains(t, string(Decode(nil, []byte(`{"source":"cainiao","payload":`+cainiao+`}`))), "unsupported_source")
}
