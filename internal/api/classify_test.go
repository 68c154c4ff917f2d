package api

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestClassifyAPI(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{`{"source":"cainiao","code":"GTMS_STA_SIGNED","text":"Package delivered"}`,
			`{"status":"available_for_pickup","sub":"available_for_pickup_point","stage":"destination"}`},
		{`{"source":"cainiao","code":"GTMS_SIGNED"}`,
			`{"status":"delivered","sub":"delivered_other","stage":"delivered"}`},
		{`{"source":"17track","code":"Exception_Returned"}`,
			`{"status":"returned","sub":"returned_other"}`},
		{`{"source":"17track","code":"InTransit_SomethingNew"}`,
			`{"status":"in_transit","sub":"in_transit_other","stage":"shipped"}`},
		{`{"source":"aliexpress","code":"AE_LH_DEPART","text":"Package leaving origin country/region.","lang":"en"}`,
			`{"status":"in_transit","sub":"in_transit_departed_origin","stage":"international"}`},
		{`{"source":"aliexpress","text":"Awaiting delivery"}`,
			`{"status":"in_transit","sub":"in_transit_shipped","stage":"shipped"}`},
		{`{"source":"text","code":"GTMS_SIGNED","text":"Объект прибыл в место вручения","lang":"ru"}`,
			`{"status":"available_for_pickup","sub":"available_for_pickup_post_office","stage":"destination"}`},
		{`{"source":"text","text":"Lorem ipsum dolor"}`, `{"status":"unknown"}`},
		{`{"source":"text"}`, `{"status":"unknown"}`},
		{` {"source":"cainiao","code":null,"text":"\u5df2\u7b7e\u6536"} `,
			`{"status":"delivered","sub":"delivered_other","stage":"delivered"}`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := Classify(nil, []byte(tt.in))
			assert.JSONEq(t, tt.want, string(got))
		})
	}
}

func TestClassifyAPIErrors(t *testing.T) {
	tests := []struct {
		in, code string
	}{
		{``, "bad_json"},
		{`not json`, "bad_json"},
		{`{"source":"text"`, "bad_json"},
		{`["source","text"]`, "bad_json"},
		{`"text"`, "bad_json"},
		{`{}`, "bad_input"},
		{`{"source":""}`, "bad_input"},
		{`{"source":17}`, "bad_input"},
		{`{"source":"text","text":["a"]}`, "bad_input"},
		{`{"source":"cainiao","code":5}`, "bad_input"},
		{`{"source":"ups","code":"D"}`, "unknown_source"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			var got struct {
				Error struct{ Code, Message string }
			}
			out := Classify(nil, []byte(tt.in))
			require.NoError(t, json.Unmarshal(out, &got), string(out))
			assert.Equal(t, tt.code, got.Error.Code)
			assert.Contains(t, got.Error.Message, "classify")
		})
	}
}

func TestClassifyAPIAppends(t *testing.T) {
	prefix := []byte("xx")
	out := Classify(prefix, []byte(`{"source":"17track","code":"Delivered"}`))
	assert.Equal(t, `xx{"status":"delivered","sub":"delivered_other","stage":"delivered"}`, string(out))
}

func BenchmarkClassifyAPI(b *testing.B) {
	in := []byte(`{"source":"cainiao","code":"CC_HO_OUT_SUCCESS","text":"Departed from customs","lang":"en"}`)
	buf := make([]byte, 0, 256)
	b.ReportAllocs()
	for b.Loop() {
		buf = Classify(buf[:0], in)
	}
}
