package source

import (
	"strings"

	"github.com/waybill/waybill/internal/ascii"
	"github.com/waybill/waybill/internal/jsonr"
	"github.com/waybill/waybill/internal/status"
	"github.com/waybill/waybill/internal/timeline"
	"github.com/waybill/waybill/internal/timeutil"
)

// AliExpress mtop APIs these decoders read (aliexpress-pages.md §3.1, §4).
const (
	apiQueryDetail = "mtop.ae.ld.querydetail"
	apiOrderList   = "mtop.aliexpress.trade.buyer.order.list"
	apiOrderDetail = "mtop.aliexpress.trade.buyer.order.detail"
)

// DecodeAliExpress decodes an AliExpress mtop answer: ae.ld.querydetail
// (tracking: one timeline per package, plus the order's protection date),
// trade.buyer.order.list (orders) or trade.buyer.order.detail (one order,
// with its tracking numbers when the page lists them). The full answer
// {"api","ret","data"} and its bare "data" object are both accepted; the
// API is recognised by name or, without one, by shape.
func DecodeAliExpress(payload []byte, opt Options) (Result, error) {
	root := jsonr.Result{Type: jsonr.JSON, Raw: payload}
	if !root.IsObject() {
		return Result{}, errorf("bad_payload", "aliexpress: payload is not a JSON object")
	}
	api := ascii.Lower(text(root, "api"))
	if ret := root.Get("ret.0"); ret.Exists() && !strings.HasPrefix(ret.String(), "SUCCESS") {
		return Result{}, errorf("upstream_error", "aliexpress: ", api, " answered ", ret.String())
	}
	data := root
	if d := root.Get("data"); d.IsObject() {
		data = d
	}
	switch {
	case api == apiQueryDetail, api == "" && aeTrackingLines(data).IsArray():
		return aeQueryDetail(data, opt)
	case api == apiOrderList, api == apiOrderDetail, api == "" && data.Get("hierarchy").IsObject():
		return aeOrders(data, opt)
	case api != "":
		return Result{}, errorf("unsupported_payload", "aliexpress: API ", `"`+api+`"`, " is not decoded")
	}
	return Result{}, errorf("bad_payload", "aliexpress: neither a querydetail nor an order list/detail answer")
}

func aeTrackingLines(data jsonr.Result) jsonr.Result {
	if l := data.Get("module.trackingDetailLineList"); l.Exists() {
		return l
	}
	return data.Get("trackingDetailLineList")
}

func aeQueryDetail(data jsonr.Result, opt Options) (Result, error) {
	lines := aeTrackingLines(data)
	if !lines.IsArray() {
		if lines.Exists() || data.Get("module").IsObject() {
			return Result{}, errorf("bad_payload", "aliexpress: trackingDetailLineList is not an array")
		}
		// A valid answer for an order with no package yet.
		return Result{}, nil
	}
	var res Result
	orderID := ""
	lines.ForEach(func(_, l jsonr.Result) bool {
		if !l.IsObject() {
			return true
		}
		res.Sources = append(res.Sources, aePackage(l, opt))
		if orderID == "" {
			orderID = queryParam(text(l, "etaInfo.tipsLink"), "tradeOrderId")
		}
		return true
	})
	module := data.Get("module")
	if !module.IsObject() {
		module = data
	}
	if end, ok := protectionEnd(text(module, "fastDeliveryInfoDTO.fdContent"), opt.Offset); ok || orderID != "" {
		o := Order{}
		o.ID, o.ProtectionEndsAt = orderID, end
		res.Orders = append(res.Orders, o)
	}
	return res, nil
}

// The package members the decoder reads, in one pass (see jsonr.Result.Members).
var aePackageFields = [...]string{"mailNo", "originMailNo", "logisticsCpInfo", "logisticsCarrierName", "etaInfo", "detailList"}

// aePackage decodes one trackingDetailLineList entry.
func aePackage(l jsonr.Result, opt Options) timeline.SourceTimeline {
	var f [len(aePackageFields)]jsonr.Result
	l.Members(aePackageFields[:], f[:])
	mailNo, origin := str(f[0]), str(f[1])
	st := timeline.SourceTimeline{Source: AliExpress, Number: mailNo}
	if st.Number == "" {
		st.Number = origin
	}
	cp := f[2]
	cpName := text(cp, "cpName")
	st.Carrier = cpName
	if st.Carrier == "" {
		st.Carrier = str(f[3])
	}
	// mailNo is what the buyer sees, usually the last-mile number;
	// originMailNo is Cainiao's LP reference (the first mile).
	var legs legList
	if origin != "" && origin != mailNo {
		legs.add(timeline.Leg{Number: origin, Role: "first_mile", Source: AliExpress})
		legs.add(timeline.Leg{Number: mailNo, Role: "last_mile", Carrier: cpName, Source: AliExpress})
	} else {
		legs.add(timeline.Leg{Number: st.Number, Carrier: cpName, Source: AliExpress})
	}
	// infoList may offer another copyable number (the local carrier's).
	cp.Get("infoList").ForEach(func(_, info jsonr.Result) bool {
		if c := text(info, "content"); text(info, "clickType") == "1" && looksLikeTrackingNumber(c) {
			legs.add(timeline.Leg{Number: c, Carrier: cpName, Source: AliExpress})
		}
		return true
	})
	st.Legs = legs.legs
	if phone, url := text(cp, "cpContactPhoneList.0"), text(cp, "cpWebSiteUrl"); cpName != "" || phone != "" || url != "" {
		st.Contacts = append(st.Contacts, timeline.Contact{Name: cpName, Phone: phone, URL: url})
	}
	st.ETAMin = epochMillis(f[4].Get("beginEtaTime"))
	st.ETAMax = epochMillis(f[4].Get("endEtaTime"))

	details := f[5]
	var clocks []wallClock
	details.ForEach(func(_, d jsonr.Result) bool {
		if !d.IsObject() {
			return true
		}
		e := timeline.Event{Source: AliExpress, Number: st.Number, Time: epochMillis(d.Get("time"))}
		e.Code = text(d, "trackingPrimaryCode")
		if e.Code == "" {
			e.Code = text(d, "trackingSecondCode")
		}
		e.Text = text(d, "trackingDetailDesc")
		if e.Text == "" {
			e.Text = text(d, "trackingName")
		}
		e.Location = text(d, "detailedLocation")
		classify(&e, opt.Lang)
		if fs := text(d, "fulfillStage"); fs != "" {
			if e.Status == status.Unknown {
				if c := status.Classify(AliExpress, fs, "", opt.Lang); c.Status != status.Unknown {
					e.Status, e.Sub = c.Status, c.Sub
				}
			}
			e.Stage = max(e.Stage, status.AliExpressFulfillStage(fs))
		}
		st.Events = append(st.Events, e)
		clocks = append(clocks, parseTimeText(text(d, "timeText")))
		return true
	})
	fixAETimes(st.Events, clocks, opt.Offset)
	reverse(st.Events) // newest first; the list order is the truth
	return st
}

// wallClock is a timeText's month, day, hour and minute (no year, no zone).
type wallClock struct {
	_                [0]func() // not comparable: no generated equality function in core.wasm
	ok               bool
	year, month, day int
	hour, minute     int
}

// parseTimeText reads "Tue | Jul. 28 18:39" (also without the weekday, or
// with a year: "Jul 28, 2026 18:39").
func parseTimeText(s string) wallClock {
	if i := strings.LastIndexByte(s, '|'); i >= 0 {
		s = s[i+1:]
	}
	f := words(s)
	if len(f) < 3 || len(f) > 4 {
		return wallClock{}
	}
	w := wallClock{month: monthNumber(f[0])}
	var ok bool
	if w.day, ok = atoi(f[1]); !ok || w.month == 0 || w.day < 1 || w.day > 31 {
		return wallClock{}
	}
	if len(f) == 4 {
		if w.year, ok = atoi(f[2]); !ok || w.year < 1970 || w.year > 2200 {
			return wallClock{}
		}
	}
	hm := f[len(f)-1]
	c := strings.IndexByte(hm, ':')
	if c < 1 {
		return wallClock{}
	}
	h, ok1 := atoi(hm[:c])
	m, ok2 := atoi(hm[c+1:])
	if !ok1 || !ok2 || h > 23 || m > 59 {
		return wallClock{}
	}
	w.hour, w.minute, w.ok = h, m, true
	return w
}

// instant places a wall clock in the year that brings it nearest to near,
// at offset seconds east of UTC.
func (w wallClock) instant(near int64, offset int) int64 {
	at := func(y int) int64 {
		return timeutil.Date(y, w.month, w.day, w.hour, w.minute, 0) - int64(offset)*timeutil.Second
	}
	if w.year != 0 {
		return at(w.year)
	}
	if near == 0 {
		return 0
	}
	y, _, _, _, _, _ := timeutil.Civil(near)
	best := at(y)
	for _, c := range [...]int64{at(y - 1), at(y + 1)} {
		if absDur(c-near) < absDur(best-near) {
			best = c
		}
	}
	return best
}

func absDur(d int64) int64 {
	if d < 0 {
		return -d
	}
	return d
}

// fixAETimes checks the epoch times of a newest-first detailList against
// its order. Real answers agree; anonymised captures (whose 13-digit epochs
// were re-hashed) do not, and then every time is rebuilt from its timeText,
// and entries without one (order placed/paid) are kept no later than the
// entry after them.
func fixAETimes(ev []timeline.Event, clocks []wallClock, offset int) {
	consistent := true
	for i := 1; i < len(ev); i++ {
		if ev[i].Time > ev[i-1].Time {
			consistent = false
			break
		}
	}
	if consistent {
		return
	}
	for i := range ev {
		if clocks[i].ok {
			if t := clocks[i].instant(ev[i].Time, offset); t != 0 {
				ev[i].Time = t
			}
		}
	}
	for i := 1; i < len(ev); i++ {
		if ev[i].Time > ev[i-1].Time {
			ev[i].Time = ev[i-1].Time
		}
	}
}

// looksLikeTrackingNumber accepts a copyable token of letters and digits
// with at least two letters and six digits ("CNBR00160702682"), which
// rules out phone numbers and words.
func looksLikeTrackingNumber(s string) bool {
	if len(s) < 8 || len(s) > 40 {
		return false
	}
	letters, digits := 0, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z':
			letters++
		default:
			return false
		}
	}
	return letters >= 2 && digits >= 6
}

// queryParam returns one query parameter of a URL, undecoded.
func queryParam(url, name string) string {
	q := strings.IndexByte(url, '?')
	if q < 0 {
		return ""
	}
	for rest := url[q+1:]; rest != ""; {
		var kv string
		kv, rest, _ = strings.Cut(rest, "&")
		if k, v, ok := strings.Cut(kv, "="); ok && k == name {
			return v
		}
	}
	return ""
}

// protectionEnd finds "Refund if no delivery before Sep 3, 2026" in s.
func protectionEnd(s string, offset int) (int64, bool) {
	const phrase = "no delivery before "
	i := strings.Index(ascii.Lower(s), phrase)
	if i < 0 {
		return 0, false
	}
	f := words(s[i+len(phrase):])
	if len(f) < 3 {
		return 0, false
	}
	return englishDate(f[:3], offset)
}

// aeOrders decodes the Ultron component graph of the order list or the
// order detail: components are picked by tag, and list orders are read in
// display order (hierarchy.structure of the list body), not key order.
func aeOrders(data jsonr.Result, opt Options) (Result, error) {
	comps := data.Get("data")
	if !comps.IsObject() {
		return Result{}, errorf("bad_payload", `aliexpress: order answer without a "data" component map`)
	}
	var res Result
	var detail *Order
	var bodyKey string
	type component struct {
		tag    string
		fields jsonr.Result
	}
	byKey := map[string]component{}
	var keys []string // in the answer's order
	var f [2]jsonr.Result
	comps.ForEach(func(k, c jsonr.Result) bool {
		key := k.String()
		f = [2]jsonr.Result{}
		c.Members(componentFields[:], f[:])
		cm := component{tag: str(f[0]), fields: f[1]}
		byKey[key] = cm
		keys = append(keys, key)
		switch cm.tag {
		case "pc_om_list_body":
			bodyKey = key
		case "detail_order_status_block", "detail_simple_order_info_component",
			"detail_order_services", "detail_service_progress_bar", "detail_logistic_package_block":
			if detail == nil {
				detail = &Order{}
			}
			aeDetailBlock(detail, cm.tag, cm.fields, opt)
		}
		return true
	})
	if detail != nil {
		if code := data.Get("global.orderStatus"); code.Type == jsonr.Number || code.Type == jsonr.String {
			detail.StatusCode = code.String()
		}
		c := orderStatus(detail.StatusCode, detail.StatusText, nil, opt.Lang)
		detail.Status, detail.Sub = c.Status, c.Sub
		res.Orders = append(res.Orders, *detail)
		return res, nil
	}

	// Order list: display order first, then any order the structure misses.
	res.OrderList = true
	seen := map[string]bool{}
	add := func(key string) {
		c, ok := byKey[key]
		if !ok || seen[key] || c.tag != "pc_om_list_order" {
			return
		}
		seen[key] = true
		res.Orders = append(res.Orders, aeListOrder(c.fields, opt))
	}
	if bodyKey != "" {
		data.Get("hierarchy.structure").Get(escapePath(bodyKey)).ForEach(func(_, k jsonr.Result) bool {
			add(k.String())
			return true
		})
	}
	for _, k := range keys {
		add(k)
	}
	if len(res.Orders) == 0 && bodyKey == "" {
		return Result{}, errorf("bad_payload", "aliexpress: no order components in the answer")
	}
	return res, nil
}

// escapePath escapes dots so a component key can be one path component.
func escapePath(k string) string {
	if strings.IndexByte(k, '.') < 0 {
		return k
	}
	b := make([]byte, 0, len(k)+4)
	for i := 0; i < len(k); i++ {
		if k[i] == '.' {
			b = append(b, '\\')
		}
		b = append(b, k[i])
	}
	return string(b)
}

// The list order members the decoder reads, in one pass (see jsonr.Result.Members).
var listOrderFields = [...]string{"orderId", "statusText", "orderDateText", "orderStatus", "utParams", "buttons"}

func aeListOrder(fields jsonr.Result, opt Options) Order {
	var f [len(listOrderFields)]jsonr.Result
	fields.Members(listOrderFields[:], f[:])
	o := Order{StatusText: str(f[1])}
	o.ID = str(f[0])
	if t, ok := parseEnglishDate(str(f[2]), opt.Offset); ok {
		o.PlacedAt = t
	}
	o.StatusCode = str(f[3])
	if o.StatusCode == "" {
		o.StatusCode = text(f[4], "args.orderStatus")
	}
	var buttons []string
	f[5].ForEach(func(_, b jsonr.Result) bool {
		buttons = append(buttons, text(b, "type"))
		return true
	})
	c := orderStatus(o.StatusCode, o.StatusText, buttons, opt.Lang)
	o.Status, o.Sub = c.Status, c.Sub
	return o
}

// componentFields are the members of an Ultron component the decoder reads.
var componentFields = [...]string{"tag", "fields"}

func aeDetailBlock(o *Order, tag string, f jsonr.Result, opt Options) {
	switch tag {
	case "detail_order_status_block":
		o.StatusText = text(f, "title")
		if o.ID == "" {
			o.ID = text(f, "orderId")
		}
	case "detail_simple_order_info_component":
		if id := text(f, "tradeOrderId"); id != "" {
			o.ID = id
		}
		o.PlacedAt, _ = parseEnglishDate(text(f, "orderCreatTime"), opt.Offset)
		o.ShippedAt, _ = parseEnglishDate(text(f, "orderShipTime"), opt.Offset)
	case "detail_order_services":
		f.Get("data").ForEach(func(_, s jsonr.Result) bool {
			if t, ok := protectionEnd(text(s, "content"), opt.Offset); ok {
				o.ProtectionEndsAt = t
				return false
			}
			return true
		})
	case "detail_service_progress_bar":
		if o.ProtectionEndsAt != 0 {
			return
		}
		// nodes: Paid …, then "Refund" on the protection's last day.
		f.Get("nodes").ForEach(func(_, n jsonr.Result) bool {
			if equalFoldASCII(text(n, "text"), "refund") {
				o.ProtectionEndsAt, _ = parseEnglishDate(text(n, "time"), opt.Offset)
			}
			return true
		})
	case "detail_logistic_package_block":
		f.Get("packageInfoList").ForEach(func(_, p jsonr.Result) bool {
			if n := text(p, "trackingNumber"); n != "" {
				o.Numbers = append(o.Numbers, n)
			}
			return true
		})
	}
}

// orderStatus classifies an order by its numeric code, then its text, then
// its buttons: "Confirm received" (CONFIRM_GOODS) exists only once the
// order has shipped, whatever the page's language.
func orderStatus(code, text string, buttons []string, lang string) status.Class {
	c := status.Classify(AliExpress, code, text, lang)
	if c.Status != status.Unknown {
		return c
	}
	for _, b := range buttons {
		if b == "CONFIRM_GOODS" {
			return status.Classify(AliExpress, "shipped", "", lang)
		}
	}
	return c
}
