package source

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tidwall/gjson"

	"github.com/waybill/waybill/internal/status"
	"github.com/waybill/waybill/internal/timeline"
)

func utc(s string) int64 {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t.UnixMilli()
}

func decodeSample(t *testing.T, suffix string, opt Options) Result {
	t.Helper()
	s := sampleNamed(t, suffix)
	res, err := Decode(s.source, s.data, opt)
	require.NoError(t, err)
	return res
}

func codes(ev []timeline.Event) []string {
	out := make([]string, len(ev))
	for i, e := range ev {
		out[i] = e.Code
	}
	return out
}

func legs(st timeline.SourceTimeline) map[string]string {
	out := map[string]string{}
	for _, l := range st.Legs {
		out[l.Number] = l.Role
	}
	return out
}

func TestCainiaoTimeIsTimeStrAtUTC8(t *testing.T) {
	// trackers.md §2.2: in every real event, `time` == timeStr read as
	// UTC+8 whatever timeZone says; the decoder reads timeStr.
	n := 0
	for _, s := range samples(t) {
		if s.source != Cainiao {
			continue
		}
		res, err := Decode(Cainiao, s.data, Options{})
		require.NoError(t, err, s.rel)
		body := gjson.GetBytes(s.data, "body")
		if !body.Exists() {
			body = gjson.ParseBytes(s.data)
		}
		for i, m := range body.Get("module").Array() {
			list := m.Get("detailList").Array()
			ev := res.Sources[i].Events
			require.Len(t, ev, len(list), s.rel)
			for _, d := range list {
				want := d.Get("time").Int() / 1000 * 1000 // timeStr has whole seconds
				found := false
				for _, x := range ev {
					if x.Code == d.Get("actionCode").String() && x.Time == want {
						found = true
					}
				}
				assert.True(t, found, "%s: %s at %s", s.rel, d.Get("actionCode"), d.Get("timeStr"))
				n++
			}
		}
	}
	assert.Equal(t, 59, n, "the reference counts 59 detailList entries")
}

func TestCainiaoFacts(t *testing.T) {
	t.Run("RS0814398526Y", func(t *testing.T) {
		res := decodeSample(t, "cainiao_global_detail_json_RS0814398526Y.json", Options{Lang: "en"})
		require.Len(t, res.Sources, 1)
		st := res.Sources[0]
		assert.Equal(t, "cainiao", st.Source)
		assert.Equal(t, "RS0814398526Y", st.Number)
		require.Len(t, st.Events, 14)
		assert.Equal(t, "PU_PICKUP_SUCCESS", st.Events[0].Code)
		assert.Equal(t, utc("2023-09-22T07:55:02Z"), st.Events[0].Time, "2023-09-22 15:55:02 at UTC+8")
		// The three scans sharing 09:46:53 keep their list order, newest last.
		assert.Equal(t, []string{"CC_HO_OUT_SUCCESS", "GTMS_ACCEPT", "CC_IM_SUCCESS"}, codes(st.Events[11:]))
		assert.Equal(t, utc("2023-09-28T01:46:53Z"), st.Events[13].Time, `"2023-09-28 09:46:53" labelled GMT+0 is still UTC+8`)
		assert.Equal(t, "Fenggang Town", st.Events[2].Location, "[Town] prefix becomes the location")
		assert.Equal(t, "Processing at sorting center", st.Events[2].Text)
		assert.Equal(t, []timeline.Contact{{Name: "Israelpost", Phone: "171", URL: "https://israelpost.co.il/en/itemtrace"}}, st.Contacts)
		assert.Equal(t, int64(1697155196000), st.ETAMin)
		assert.Equal(t, int64(1697500796000), st.ETAMax)
		assert.Equal(t, status.InTransit, st.Status, "module status CLEAR_CUSTOMS as fallback")
		for i := 1; i < len(st.Events); i++ {
			assert.False(t, st.Events[i].Time < st.Events[i-1].Time, "oldest first")
		}
	})
	t.Run("status lags the scans", func(t *testing.T) {
		res := decodeSample(t, "AE010698498_2023-01-28.json", Options{})
		st := res.Sources[0]
		require.Len(t, st.Events, 15)
		assert.Equal(t, "GWMS_ACCEPT", st.Events[0].Code)
		assert.Equal(t, "LH_ARRIVE", st.Events[14].Code)
		assert.Equal(t, status.InTransit, st.Events[14].Status)
		assert.Equal(t, "SINOA00241668IL", st.Legs[1].Number, "preMainCode of the reroute")
		var chinese bool
		for _, e := range st.Events {
			chinese = chinese || (e.Code == "WMS_CONFIRMED" && e.Text == "包裹已出库")
		}
		assert.True(t, chinese, `"Carrier update" gives way to the carrier's own text`)
		next := decodeSample(t, "AE010698498_2023-01-29.json", Options{})
		assert.Len(t, next.Sources[0].Events, 19)
	})
	t.Run("realMailNo", func(t *testing.T) {
		st := decodeSample(t, "in_customs_redacted_2026.json", Options{}).Sources[0]
		assert.Equal(t, map[string]string{"RC000000002EE": "", "RC000000003EE": "last_mile"}, legs(st))
		assert.Equal(t, st.ETAMin, st.ETAMax)
		assert.Equal(t, []string{"PU_PICKUP_SUCCESS", "SC_OUTBOUND_SUCCESS", "LH_POST_COLLECTION", "CC_HO_OUT_SUCCESS"}, codes(st.Events))
		assert.Equal(t, "Xiaoshan District", st.Events[1].Location)
	})
	t.Run("delivered", func(t *testing.T) {
		st := decodeSample(t, "delivered_redacted_2026.json", Options{}).Sources[0]
		require.Len(t, st.Events, 7)
		last := st.Events[6]
		assert.Equal(t, "GTMS_SIGNED", last.Code)
		assert.Equal(t, status.Delivered, last.Status)
		assert.Equal(t, utc("2026-02-06T07:25:17Z"), last.Time)
		assert.Equal(t, status.Delivered, st.Status)
	})
	t.Run("not shipped yet", func(t *testing.T) {
		st := decodeSample(t, "UZ0556033196Y.json", Options{}).Sources[0]
		assert.Empty(t, st.Events)
		assert.Equal(t, status.Pending, st.Status, "SELLER_PREPARING is never not_found")
		assert.True(t, st.NoTracking, "Economy mail type")
		assert.Equal(t, int64(1701561597000), st.ETAMax)
	})
	t.Run("unknown number", func(t *testing.T) {
		st := decodeSample(t, "unknown_number_2026.json", Options{}).Sources[0]
		assert.Empty(t, st.Events)
		assert.Equal(t, status.NotFound, st.Status)
		assert.Equal(t, "LP00000000000", st.Number)
	})
	t.Run("body kept as a string", func(t *testing.T) {
		inner := string(sampleNamed(t, "RS0814398526Y.json").data)
		wrapped := `{"status":200,"headers":[],"body":` + quote(inner) + `}`
		res, err := Decode(Cainiao, []byte(wrapped), Options{})
		require.NoError(t, err)
		assert.Len(t, res.Sources[0].Events, 14)
	})
}

func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func TestSeventeenFacts(t *testing.T) {
	t.Run("UPS webhook", func(t *testing.T) {
		res := decodeSample(t, "TRACKING_UPDATED_ups.json", Options{})
		require.Len(t, res.Sources, 1)
		st := res.Sources[0]
		assert.Equal(t, "1Z2617V10397725789", st.Number)
		assert.Equal(t, "UPS", st.Carrier, "provider name, not the top-level key 3011")
		require.Len(t, st.Events, 5)
		assert.Equal(t, "InfoReceived", st.Events[0].Code)
		assert.Equal(t, utc("2022-03-29T05:43:08Z"), st.Events[0].Time)
		assert.Equal(t, "Delivered", st.Events[4].Code)
		assert.Equal(t, status.Delivered, st.Events[4].Status)
		assert.Equal(t, "GASQUET, CA, US", st.Events[4].Location)
		assert.Equal(t, "", st.Events[1].Code, "stage null passes through as no code")
		assert.Equal(t, status.Delivered, st.Status)
		assert.Equal(t, "http://www.ups.com/", st.Contacts[0].URL)
	})
	t.Run("DHL: latest_status disagrees with the event", func(t *testing.T) {
		st := decodeSample(t, "TRACKING_UPDATED_dhlpaket.json", Options{}).Sources[0]
		assert.Equal(t, status.Exception, st.Status)
		require.Len(t, st.Events, 1)
		assert.Equal(t, status.AvailableForPickup, st.Events[0].Status)
		assert.Equal(t, utc("2022-09-14T07:47:00Z"), st.Events[0].Time)
	})
	t.Run("gettrackinfo envelope with a rejection and an ETA", func(t *testing.T) {
		item := gjson.GetBytes(sampleNamed(t, "TRACKING_UPDATED_ups.json").data, "data").Raw
		item = strings.Replace(item, `"from": null`, `"from": "2022-04-05T00:00:00+02:00"`, 1)
		item = strings.Replace(item, `"to": null`, `"to": "2022-04-07T00:00:00Z"`, 1)
		payload := `{"code":0,"data":{"accepted":[` + item + `],"rejected":[
			{"number":"LP00123456789012","error":{"code":-18019909,"message":"No tracking information at this time."}},
			{"number":"XX","carrier":"3011","error":{"code":-18010012,"message":"The format of 'XX' is invalid."}}]}}`
		res, err := Decode(Track17, []byte(payload), Options{})
		require.NoError(t, err)
		require.Len(t, res.Sources, 3)
		assert.Equal(t, utc("2022-04-04T22:00:00Z"), res.Sources[0].ETAMin)
		assert.Equal(t, utc("2022-04-07T00:00:00Z"), res.Sources[0].ETAMax)
		assert.Equal(t, "no_info_yet", res.Sources[1].ErrCode)
		assert.Equal(t, status.NotFound, res.Sources[1].Status)
		assert.Contains(t, res.Sources[1].ErrMsg, "-18019909")
		assert.Equal(t, "invalid_number", res.Sources[2].ErrCode)
		assert.Equal(t, "3011", res.Sources[2].Carrier)
	})
	t.Run("several providers, local number, time_raw", func(t *testing.T) {
		payload := `{"code":0,"data":{"accepted":[{"number":"RB123456785CN","carrier":3011,"track_info":{
			"latest_status":{"status":"InTransit","sub_status":"InTransit_Arrival"},
			"misc_info":{"local_number":"9400100000000000000000","local_provider":"USPS"},
			"tracking":{"providers":[
				{"provider":{"key":21051,"name":"USPS","tel":"1-800-275-8777","homepage":"https://www.usps.com"},
				 "events":[{"time_raw":{"date":"2024-05-03","time":"10:00","timezone":"-04:00"},"description":"Arrived at USPS Regional Facility","stage":null,"sub_status":"InTransit_Other"}]},
				{"provider":{"key":3011,"name":"China Post"},
				 "events":[{"time_iso":"2024-04-20T09:00:00+08:00","description":"Departed from origin","stage":"Departure","sub_status":"InTransit_Departure"},
				           {"time_utc":"2024-04-18T01:00:00Z","description":"Posting","stage":"PickedUp","sub_status":"InTransit_PickedUp"}]}]}}}],"rejected":[]}}`
		res, err := Decode(Track17, []byte(payload), Options{})
		require.NoError(t, err)
		st := res.Sources[0]
		assert.Equal(t, "USPS", st.Carrier, "the most recent provider")
		require.Len(t, st.Events, 3)
		assert.Equal(t, []string{"InTransit_PickedUp", "InTransit_Departure", "InTransit_Other"}, codes(st.Events))
		assert.Equal(t, utc("2024-04-20T01:00:00Z"), st.Events[1].Time)
		assert.Equal(t, utc("2024-05-03T14:00:00Z"), st.Events[2].Time, "time_raw with its zone")
		assert.Equal(t, map[string]string{"RB123456785CN": "first_mile", "9400100000000000000000": "last_mile"}, legs(st))
		assert.Len(t, st.Contacts, 2)
	})
	t.Run("v1 compact track", func(t *testing.T) {
		res := decodeSample(t, "17track_v1_gettrackinfo_success_response.json", Options{Offset: 3600})
		require.Len(t, res.Sources, 5)
		st := res.Sources[0]
		assert.Equal(t, status.Delivered, st.Status, "e=40")
		require.Len(t, st.Events, 4)
		assert.Equal(t, utc("2022-03-07T21:06:00Z"), st.Events[0].Time, "zoneless time at the given offset")
		assert.Equal(t, "Paris", st.Events[3].Location)
		assert.Equal(t, "Milano, Italy", st.Events[1].Location)
		assert.True(t, res.Sources[2].Events[0].Time == 0, "an empty time stays unknown, not invented")
	})
	t.Run("v1 gettracklist states", func(t *testing.T) {
		res := decodeSample(t, "17track_v1_gettracklist_success_response.json", Options{})
		var got []status.Status
		for _, st := range res.Sources {
			got = append(got, st.Status)
		}
		assert.Equal(t, status.Delivered, got[0])
		assert.Contains(t, got, status.Unknown, "synthetic e 3000/4000/5000 stay unknown")
	})
	t.Run("rejections", func(t *testing.T) {
		st := decodeSample(t, "17track_v1_register_existing_response.json", Options{}).Sources[0]
		assert.Equal(t, "already_registered", st.ErrCode)
		st = decodeSample(t, "17track_v1_changeinfo_nonexistant_response.json", Options{}).Sources[0]
		assert.Equal(t, "not_registered", st.ErrCode)
	})
	t.Run("web answers", func(t *testing.T) {
		res := decodeSample(t, "17track_web_restapi_track_successful_one_package_1.json", Options{})
		st := res.Sources[0]
		assert.Equal(t, "12345ABCDEF", st.Number)
		assert.Equal(t, status.Delivered, st.Status)
		assert.Len(t, st.Events, 9)
		assert.Equal(t, status.Delivered, st.Events[8].Status)
		res = decodeSample(t, "17track_web_restapi_track_failure_one_package_2.json", Options{})
		assert.Equal(t, status.NotFound, res.Sources[0].Status)
		res = decodeSample(t, "17track_web_restapi_track_failure_one_package_1.json", Options{})
		assert.Empty(t, res.Sources)
	})
}

func TestAliExpressFacts(t *testing.T) {
	t.Run("querydetail", func(t *testing.T) {
		res := decodeSample(t, "logistics-querydetail.json", Options{Offset: -3 * 3600})
		require.Len(t, res.Sources, 1)
		st := res.Sources[0]
		assert.Equal(t, "AA000000000BR", st.Number)
		assert.Equal(t, "J&T Express", st.Carrier)
		assert.Equal(t, map[string]string{"LP00000000000000": "first_mile", "AA000000000BR": "last_mile", "CNBR00160702682": ""}, legs(st))
		require.Len(t, st.Events, 26)
		// The anonymiser scrambled `time`: list order is the rule, and times
		// come from timeText (Brazil, UTC-3).
		assert.Equal(t, "AE_ORDER_PLACED", st.Events[0].Code)
		assert.Equal(t, "AE_ORDER_PAID", st.Events[1].Code)
		assert.Equal(t, "AE_PICK_UP_SUCCESS", st.Events[2].Code)
		assert.Equal(t, "AE_GTMS_SIGNED", st.Events[25].Code)
		assert.Equal(t, status.Delivered, st.Events[25].Status)
		assert.Equal(t, utc("2026-07-28T21:39:00Z"), st.Events[25].Time, `"Tue | Jul. 28 18:39" at UTC-3`)
		assert.Equal(t, utc("2026-07-17T05:34:00Z"), st.Events[2].Time)
		for i := 1; i < len(st.Events); i++ {
			assert.False(t, st.Events[i].Time < st.Events[i-1].Time, "event %d", i)
		}
		assert.Equal(t, "AE_LH_DEPART", st.Events[9].Code, "primary code preferred over AE_LH_DEPART_SUCCESS")
		assert.Equal(t, "Cidade Exemplo,UF", st.Events[24-1].Location)
		require.Len(t, res.Orders, 1)
		assert.Equal(t, "8212313961591322", res.Orders[0].ID, "from etaInfo.tipsLink")
		assert.Equal(t, utc("2026-09-03T03:00:00Z"), res.Orders[0].ProtectionEndsAt, "Refund if no delivery before Sep 3, 2026")
	})
	t.Run("querydetail with real times keeps them", func(t *testing.T) {
		payload := `{"api":"mtop.ae.ld.querydetail","ret":["SUCCESS::ok"],"data":{"module":{"trackingDetailLineList":[{
			"mailNo":"LP00123456789012","detailList":[
			{"trackingPrimaryCode":"AE_LH_DEPART","trackingDetailDesc":"Package leaving origin country/region.","time":1721300000000,"timeText":"Thu | Jul. 18 10:53","fulfillStage":"1400"},
			{"trackingPrimaryCode":"AE_PICK_UP_SUCCESS","trackingDetailDesc":"Package collected by carrier.","time":1721200000000,"timeText":"Wed | Jul. 17 07:06","fulfillStage":"1100"},
			{"trackingSecondCode":"AE_ORDER_PLACED","trackingName":"Order created","time":1721100000000}]}]}}}`
		res, err := Decode(AliExpress, []byte(payload), Options{})
		require.NoError(t, err)
		st := res.Sources[0]
		assert.Equal(t, int64(1721100000000), st.Events[0].Time)
		assert.Equal(t, int64(1721300000000), st.Events[2].Time)
		assert.Equal(t, "Order created", st.Events[0].Text)
		assert.Equal(t, map[string]string{"LP00123456789012": ""}, legs(st))
		assert.Empty(t, res.Orders)
	})
	t.Run("order list in display order", func(t *testing.T) {
		res := decodeSample(t, "order-list-init.json", Options{})
		assert.Empty(t, res.Sources)
		assert.True(t, res.OrderList)
		require.Len(t, res.Orders, 10)
		assert.Equal(t, "8214398062177351", res.Orders[0].ID)
		assert.Equal(t, "8210505692320516", res.Orders[9].ID)
		count := map[status.Status]int{}
		for _, o := range res.Orders {
			count[o.Status]++
		}
		assert.Equal(t, map[status.Status]int{status.InTransit: 2, status.Delivered: 8}, count)
		assert.Equal(t, "Awaiting delivery", res.Orders[0].StatusText)
		assert.Equal(t, utc("2026-09-01T00:00:00Z"), res.Orders[0].PlacedAt)
	})
	t.Run("order list status from buttons when the text is unknown", func(t *testing.T) {
		data := strings.Replace(string(sampleNamed(t, "order-list-init.json").data), `"statusText": "Awaiting delivery"`, `"statusText": "Ждём доставку?"`, -1)
		res, err := Decode(AliExpress, []byte(data), Options{})
		require.NoError(t, err)
		assert.Equal(t, status.InTransit, res.Orders[0].Status, "CONFIRM_GOODS means shipped")
	})
	t.Run("order detail", func(t *testing.T) {
		res := decodeSample(t, "order-detail.json", Options{})
		assert.False(t, res.OrderList)
		require.Len(t, res.Orders, 1)
		o := res.Orders[0]
		assert.Equal(t, "8212313961591322", o.ID)
		assert.Equal(t, "9", o.StatusCode)
		assert.Equal(t, "Completed", o.StatusText)
		assert.Equal(t, status.Delivered, o.Status)
		assert.Equal(t, utc("2026-07-15T00:00:00Z"), o.PlacedAt)
		assert.Equal(t, utc("2026-07-16T00:00:00Z"), o.ShippedAt)
		assert.Equal(t, utc("2026-09-04T00:00:00Z"), o.ProtectionEndsAt)
		assert.Empty(t, o.Numbers, "a completed order has no logistic package block")
	})
	t.Run("order detail with packages", func(t *testing.T) {
		payload := `{"api":"mtop.aliexpress.trade.buyer.order.detail","ret":["SUCCESS::ok"],"data":{"global":{"orderStatus":8},"hierarchy":{},"data":{
			"detail_logistic_package_block_1":{"tag":"detail_logistic_package_block","fields":{"packageInfoList":[{"trackingNumber":"LP00123456789012"},{"trackingNumber":"RB123456785CN"}]}},
			"detail_order_status_block_2":{"tag":"detail_order_status_block","fields":{"title":"Awaiting delivery","orderId":8214398062177351}}}}}`
		res, err := Decode(AliExpress, []byte(payload), Options{})
		require.NoError(t, err)
		o := res.Orders[0]
		assert.Equal(t, []string{"LP00123456789012", "RB123456785CN"}, o.Numbers)
		assert.Equal(t, "8214398062177351", o.ID)
		assert.Equal(t, status.InTransit, o.Status)
	})
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name, source, payload, code string
	}{
		{"not JSON", Cainiao, `{"module":[`, "bad_payload"},
		{"not JSON 17track", Track17, `nope`, "bad_payload"},
		{"empty", AliExpress, ``, "bad_payload"},
		{"cainiao array", Cainiao, `[1,2]`, "bad_payload"},
		{"cainiao no module", Cainiao, `{"success":true}`, "bad_payload"},
		{"cainiao module object", Cainiao, `{"module":{"mailNo":"x"},"success":true}`, "bad_payload"},
		{"cainiao module entry", Cainiao, `{"module":["x"],"success":true}`, "bad_payload"},
		{"cainiao failure", Cainiao, `{"success":false,"errorCode":"SYSTEM_ERROR","errorMsg":"busy"}`, "upstream_error"},
		{"cainiao HTTP 503 capture", Cainiao, `{"status":503,"headers":[],"body":{"module":[],"success":true}}`, "upstream_error"},
		{"17track scalar", Track17, `42`, "bad_payload"},
		{"17track no data", Track17, `{"code":0}`, "bad_payload"},
		{"17track error code", Track17, `{"code":-18010002,"data":{"errors":[]}}`, "upstream_error"},
		{"17track consumer API", Track17, `{"Code":-6,"Message":"not logged in"}`, "unsupported_payload"},
		{"17track webhook without data", Track17, `{"event":"TRACKING_UPDATED"}`, "bad_payload"},
		{"17track web failure", Track17, `{"ret":-1,"msg":"busy","dat":[]}`, "upstream_error"},
		{"aliexpress scalar", AliExpress, `"x"`, "bad_payload"},
		{"aliexpress token", AliExpress, `{"api":"mtop.ae.ld.querydetail","ret":["FAIL_SYS_TOKEN_EMPTY::令牌为空"],"data":{}}`, "upstream_error"},
		{"aliexpress other api", AliExpress, `{"api":"mtop.aliexpress.trade.buyer.order.count","ret":["SUCCESS::ok"],"data":{}}`, "unsupported_payload"},
		{"aliexpress unknown shape", AliExpress, `{"hello":"world"}`, "bad_payload"},
		{"aliexpress lines not array", AliExpress, `{"data":{"module":{"trackingDetailLineList":{}}}}`, "bad_payload"},
		{"aliexpress list without components", AliExpress, `{"api":"mtop.aliexpress.trade.buyer.order.list","data":{"hierarchy":{}}}`, "bad_payload"},
		{"unknown source", "dhl", `{}`, "unknown_source"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Decode(tt.source, []byte(tt.payload), Options{})
			require.Error(t, err)
			e, ok := err.(*Error)
			require.True(t, ok)
			assert.Equal(t, tt.code, e.Code, e.Message)
			assert.NotEmpty(t, e.Message)
			assert.Empty(t, res.Sources)
		})
	}
}

func TestUnknownValuesPassThrough(t *testing.T) {
	payload := `{"module":[{"mailNo":"LP00123456789012","status":"SOMETHING_NEW","newField":{"x":[1]},"detailList":[
		{"timeStr":"2024-01-02 03:04:05","timeZone":"GMT+5","actionCode":"BRAND_NEW_CODE","standerdDesc":"Something happened","extra":true}]}],"success":true}`
	res, err := Decode(Cainiao, []byte(payload), Options{})
	require.NoError(t, err)
	e := res.Sources[0].Events[0]
	assert.Equal(t, "BRAND_NEW_CODE", e.Code)
	assert.Equal(t, "Something happened", e.Text)
	assert.Equal(t, status.Unknown, e.Status, "unknown code and text: unknown, never a guess")
	assert.Equal(t, utc("2024-01-01T19:04:05Z"), e.Time)
}

func TestHelpers(t *testing.T) {
	for in, want := range map[string]int{"Jul": 7, "jul.": 7, "July": 7, "Sept": 9, "Sep.": 9, "December": 12, "Ju": 0, "Juni": 0, "": 0, "Mayo": 0} {
		assert.Equal(t, want, monthNumber(in), in)
	}
	w := parseTimeText("Tue | Jul. 28 18:39")
	assert.Equal(t, wallClock{ok: true, month: 7, day: 28, hour: 18, minute: 39}, w)
	assert.Equal(t, utc("2027-01-01T00:05:00Z"), parseTimeText("Jan. 1 00:05").instant(utc("2026-12-31T23:00:00Z"), 0), "the nearest year")
	assert.True(t, parseTimeText("Jul 28, 2026 18:39").ok)
	for _, bad := range []string{"", "Tue | Jul. 28", "Foo 28 18:39", "Jul 32 18:39", "Jul 28 25:00", "Jul 28 1839"} {
		assert.False(t, parseTimeText(bad).ok, bad)
	}
	assert.Equal(t, "RC000000003EE", cleanRealMailNo("Latest Tracking Number:\tRC000000003EE"))
	assert.Equal(t, "RC000000003EE", cleanRealMailNo("RC000000003EE"))
	assert.True(t, looksLikeTrackingNumber("CNBR00160702682"))
	assert.False(t, looksLikeTrackingNumber("08008956794"))
	assert.False(t, looksLikeTrackingNumber("Copy success!"))
	_, ok := parseEnglishDate("Feb 30, 2026", 0)
	assert.False(t, ok)
}

func TestWordsMatchesFields(t *testing.T) {
	for _, s := range []string{"", " ", "Jul 15, 2026", "Sep. 4,2026", " Tue | Jul. 28 18:39 ", "a\u00a0b\u3000c,,d", "x\xffy z"} {
		want := strings.Fields(strings.ReplaceAll(s, ",", " "))
		if len(want) == 0 {
			assert.Empty(t, words(s), "%q", s)
			continue
		}
		assert.Equal(t, want, words(s), "%q", s)
	}
}
