package source

import (
	"strings"

	"github.com/waybill/waybill/internal/jsonr"
	"github.com/waybill/waybill/internal/status"
	"github.com/waybill/waybill/internal/timeline"
	"github.com/waybill/waybill/internal/timeutil"
)

// DecodeCainiao decodes a Cainiao Global detail.json answer
// ({"module":[…],"success":true}, trackers.md §2.2), bare or inside the
// {status,statusText,headers,body} capture wrapper. It returns one timeline
// per module, in the answer's order.
func DecodeCainiao(payload []byte, opt Options) ([]timeline.SourceTimeline, error) {
	root := jsonr.Get(payload, "body")
	if root.Type == jsonr.String && jsonr.Get(payload, "headers").Exists() {
		// A capture that kept the body as text.
		return DecodeCainiao([]byte(root.String()), opt)
	}
	if !root.IsObject() {
		root = jsonr.Result{Type: jsonr.JSON, Raw: payload}
		if !root.IsObject() {
			return nil, errorf("bad_payload", "cainiao: payload is not a JSON object")
		}
	} else if code := jsonr.Get(payload, "status"); code.Type == jsonr.Number && code.Int() != 200 {
		return nil, errorf("upstream_error", "cainiao: HTTP status ", code.String())
	}
	if s := root.Get("success"); s.Exists() && !s.Bool() {
		code := text(root, "errorCode")
		msg := text(root, "errorMsg")
		if code == "" {
			code = "success:false"
		}
		return nil, errorf("upstream_error", "cainiao: ", code, " ", msg)
	}
	modules := root.Get("module")
	if !modules.IsArray() {
		return nil, errorf("bad_payload", `cainiao: no "module" array (not a detail.json answer)`)
	}
	var out []timeline.SourceTimeline
	var err error
	modules.ForEach(func(_, m jsonr.Result) bool {
		if !m.IsObject() {
			err = errorf("bad_payload", "cainiao: a module is not an object")
			return false
		}
		out = append(out, cainiaoModule(m, opt))
		return true
	})
	return out, err
}

// cleanRealMailNo drops the prose before the number in realMailNo
// ("Latest Tracking Number:\tRC000000003EE").
func cleanRealMailNo(s string) string {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '\t' || s[i] == ':' || s[i] == ' ' {
			s = s[i+1:]
			break
		}
	}
	return strings.TrimSpace(s)
}

// The module members the decoder reads, in one pass (see jsonr.Result.Members).
var cainiaoModuleFields = [...]string{"mailNo", "destCpInfo", "copyRealMailNo", "realMailNo", "globalEtaInfo",
	"deliveryMinTime", "deliveryMaxTime", "mailType", "detailList", "latestTrace", "globalCombinedLogisticsTraceDTO",
	"status", "statusDesc", "mailNoSource"}

const (
	cnMailNo = iota
	cnDestCp
	cnCopyReal
	cnReal
	cnGlobalEta
	cnMinTime
	cnMaxTime
	cnMailType
	cnDetails
	cnLatest
	cnCombined
	cnStatus
	cnStatusDesc
	cnMailNoSource
)

func cainiaoModule(m jsonr.Result, opt Options) timeline.SourceTimeline {
	var f [len(cainiaoModuleFields)]jsonr.Result
	m.Members(cainiaoModuleFields[:], f[:])
	st := timeline.SourceTimeline{Source: Cainiao, Number: str(f[cnMailNo])}
	var legs legList
	legs.add(timeline.Leg{Number: st.Number, Source: Cainiao})

	cp := f[cnDestCp]
	cpName, cpPhone, cpURL := text(cp, "cpName"), text(cp, "phone"), text(cp, "url")
	if cpName != "" || cpPhone != "" || cpURL != "" {
		st.Contacts = append(st.Contacts, timeline.Contact{Name: cpName, Phone: cpPhone, URL: cpURL})
	}
	// The local carrier's own number: copyRealMailNo is clean, realMailNo
	// is display prose with a label.
	real := str(f[cnCopyReal])
	if real == "" {
		real = cleanRealMailNo(str(f[cnReal]))
	}
	legs.add(timeline.Leg{Number: real, Role: "last_mile", Carrier: cpName, Source: Cainiao})

	// ETA: globalEtaInfo (current), or the same fields on the module.
	st.ETAMin = epochMillis(f[cnGlobalEta].Get("deliveryMinTime"))
	st.ETAMax = epochMillis(f[cnGlobalEta].Get("deliveryMaxTime"))
	if st.ETAMin == 0 && st.ETAMax == 0 {
		st.ETAMin = epochMillis(f[cnMinTime])
		st.ETAMax = epochMillis(f[cnMaxTime])
	}
	// "Economy shipping doesn't include tracking after a package has been
	// handed to a destination country/region's carrier."
	st.NoTracking = equalFoldASCII(str(f[cnMailType]), "economy")

	details := f[cnDetails]
	if details.IsArray() {
		details.ForEach(func(_, d jsonr.Result) bool {
			if d.IsObject() {
				st.Events = append(st.Events, cainiaoEvent(d, st.Number, opt))
			}
			return true
		})
	}
	if len(st.Events) == 0 {
		// Some answers carry only the newest scan.
		for _, d := range [...]jsonr.Result{f[cnLatest], f[cnCombined]} {
			if d.IsObject() && (d.Get("actionCode").Exists() || d.Get("timeStr").Exists()) {
				st.Events = append(st.Events, cainiaoEvent(d, st.Number, opt))
				break
			}
		}
	}
	reverse(st.Events) // detailList is newest first
	sortEvents(st.Events)
	for i := range st.Events {
		// "preMainCode:SINOA00241668IL": the number this parcel was
		// rerouted from.
		if e := &st.Events[i]; strings.HasPrefix(e.Text, "preMainCode:") {
			legs.add(timeline.Leg{Number: strings.TrimSpace(e.Text[len("preMainCode:"):]), Source: Cainiao})
		}
	}
	st.Legs = legs.legs

	// The module status token is a fallback only (it lags the scans).
	code, desc := str(f[cnStatus]), str(f[cnStatusDesc])
	if code != "" || desc != "" {
		st.Status = status.Classify(Cainiao, code, desc, opt.Lang).Status
	}
	if len(st.Events) == 0 {
		// An empty module is "not found" only for numbers Cainiao does not
		// know; an AliExpress order not yet shipped is pending.
		switch {
		case str(f[cnMailNoSource]) == "EXTERNAL":
			st.Status = status.NotFound
		case st.Status == "" || st.Status == status.Unknown:
			st.Status = status.Pending
		}
	}
	return st
}

// The event members the decoder reads, in one pass.
var cainiaoEventFields = [...]string{"actionCode", "timeStr", "time", "standerdDesc", "desc", "location", "group"}

const (
	ceActionCode = iota
	ceTimeStr
	ceTime
	ceStanderdDesc
	ceDesc
	ceLocation
	ceGroup
)

func cainiaoEvent(d jsonr.Result, number string, opt Options) timeline.Event {
	var f [len(cainiaoEventFields)]jsonr.Result
	d.Members(cainiaoEventFields[:], f[:])
	e := timeline.Event{Source: Cainiao, Number: number, Code: str(f[ceActionCode])}
	t, ok := timeutil.ParseLocal(str(f[ceTimeStr]), timeutil.CST)
	if !ok {
		t = epochMillis(f[ceTime])
	}
	e.Time = t
	// standerdDesc is Cainiao's normalised English; desc is the carrier's
	// own text, kept when the normalised one says nothing.
	e.Text = str(f[ceStanderdDesc])
	if e.Text == "" || equalFoldASCII(e.Text, "carrier update") {
		if raw := str(f[ceDesc]); raw != "" {
			e.Text = raw
		}
	}
	// "[Shatian Town] Departed from sorting center": the town is a location.
	if strings.HasPrefix(e.Text, "[") {
		if i := strings.IndexByte(e.Text, ']'); i > 0 {
			e.Location = strings.TrimSpace(e.Text[1:i])
			e.Text = strings.TrimSpace(e.Text[i+1:])
		}
	}
	if e.Location == "" {
		e.Location = str(f[ceLocation])
	}
	classify(&e, opt.Lang)
	if e.Status == status.Unknown {
		// The group node ("AE_GROUP_LH_PROCESSING") is coarser but known.
		if g := text(f[ceGroup], "nodeCode"); g != "" {
			if c := status.Classify(Cainiao, g, "", opt.Lang); c.Status != status.Unknown {
				e.Status, e.Sub, e.Stage = c.Status, c.Sub, c.Stage
			}
		}
	}
	return e
}
