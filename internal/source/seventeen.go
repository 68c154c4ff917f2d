package source

import (
	"strings"

	"github.com/waybill/waybill/internal/ascii"
	"github.com/waybill/waybill/internal/jsonr"
	"github.com/waybill/waybill/internal/status"
	"github.com/waybill/waybill/internal/timeline"
	"github.com/waybill/waybill/internal/timeutil"
)

// Decode17Track decodes a 17TRACK answer (trackers.md §1.6–1.10):
//   - v2.2/v2.4 envelope {"code":0,"data":{"accepted":[…],"rejected":[…]}}
//     of gettrackinfo (items with track_info), register and the like;
//   - a webhook push {"event":"TRACKING_UPDATED"|"TRACKING_STOPPED","data":item};
//   - v1 answers (items with the compact `track` object, or gettracklist's
//     flat items) in the same envelope;
//   - the legacy web answer {"ret","msg","dat":[{"no","track"}]}.
//
// Each accepted item gives one timeline; each rejected item gives a timeline
// with ErrCode set. A non-zero envelope code is an "upstream_error".
func Decode17Track(payload []byte, opt Options) ([]timeline.SourceTimeline, error) {
	root := jsonr.Result{Type: jsonr.JSON, Raw: payload}
	if !root.IsObject() {
		return nil, errorf("bad_payload", "17track: payload is not a JSON object")
	}
	if ev := root.Get("event"); ev.Exists() {
		item := root.Get("data")
		if !item.IsObject() {
			return nil, errorf("bad_payload", `17track: webhook without a "data" object`)
		}
		st := seventeenItem(item, opt)
		if ev.String() == "TRACKING_STOPPED" && len(st.Events) == 0 && st.Status == "" {
			st.ErrCode, st.ErrMsg = "tracking_stopped", "17track stopped tracking this number"
		}
		return []timeline.SourceTimeline{st}, nil
	}
	if dat := root.Get("dat"); dat.Exists() && root.Get("ret").Exists() {
		return seventeenWeb(root, dat, opt)
	}
	code := root.Get("code")
	data := root.Get("data")
	if !code.Exists() || !data.IsObject() {
		if root.Get("Json").Exists() || root.Get("Code").Exists() {
			return nil, errorf("unsupported_payload", "17track: consumer account API answers (Json/Code) are not supported; use the keyed tracking API")
		}
		return nil, errorf("bad_payload", `17track: no "code" and "data" (not a 17TRACK API answer)`)
	}
	if code.Int() != 0 || code.Type != jsonr.Number {
		msg := "17track: answer code " + code.String()
		data.Get("errors").ForEach(func(_, e jsonr.Result) bool {
			msg += "; " + text(e, "code") + " " + text(e, "message")
			return true
		})
		return nil, errorf("upstream_error", msg)
	}
	var out []timeline.SourceTimeline
	data.Get("accepted").ForEach(func(_, item jsonr.Result) bool {
		if item.IsObject() {
			out = append(out, seventeenItem(item, opt))
		}
		return true
	})
	data.Get("rejected").ForEach(func(_, item jsonr.Result) bool {
		if !item.IsObject() {
			return true
		}
		st := timeline.SourceTimeline{Source: Track17, Number: text(item, "number"), Carrier: text(item, "carrier")}
		st.ErrCode, st.ErrMsg = seventeenError(item.Get("error"))
		if st.ErrCode == "no_info_yet" {
			st.Status = status.NotFound
		}
		out = append(out, st)
		return true
	})
	return out, nil
}

// seventeenError maps a rejection's numeric code to a stable error code
// (§1.9); the message keeps 17TRACK's code and words.
func seventeenError(e jsonr.Result) (code, msg string) {
	n := e.Get("code").Int()
	msg = "17track " + e.Get("code").String() + ": " + text(e, "message")
	switch n {
	case -18019901:
		code = "already_registered"
	case -18019902:
		code = "not_registered"
	case -18019903:
		code = "carrier_not_detected"
	case -18019909, -18019808:
		code = "no_info_yet"
	case -18019907, -18019908:
		code = "quota_exceeded"
	case -18010012, -18010011, -18010015:
		code = "invalid_number"
	case -18010018, -18010019, -18010020, -18010022:
		code = "more_info_needed"
	case -18019910, -18019911, -18019802, -18019815, -18019816, -18019818:
		code = "carrier_error"
	case -18010003:
		code = "upstream_unavailable"
	default:
		code = "upstream_error"
	}
	return code, msg
}

// seventeenItem decodes one accepted item (v2 track_info, v1 track, or a
// gettracklist/register entry with no events).
func seventeenItem(item jsonr.Result, opt Options) timeline.SourceTimeline {
	st := timeline.SourceTimeline{Source: Track17, Number: text(item, "number")}
	if ti := item.Get("track_info"); ti.IsObject() {
		seventeenTrackInfo(&st, ti, opt)
	} else if tr := item.Get("track"); tr.IsObject() {
		seventeenV1(&st, tr, opt)
	} else if e := item.Get("e"); e.Type == jsonr.Number {
		st.Status = status.Classify(Track17, e.String(), "", opt.Lang).Status
	}
	if st.Carrier == "" {
		st.Carrier = text(item, "carrier")
		if st.Carrier == "" {
			st.Carrier = text(item, "w1")
		}
	}
	return st
}

func seventeenTrackInfo(st *timeline.SourceTimeline, ti jsonr.Result, opt Options) {
	ls := ti.Get("latest_status")
	if code, main := text(ls, "sub_status"), text(ls, "status"); code != "" || main != "" {
		if code == "" {
			code = main
		}
		st.Status = status.Classify(Track17, code, text(ls, "sub_status_descr"), opt.Lang).Status
	}
	st.ETAMin, _ = timeutil.ParseRFC3339(text(ti, "time_metrics.estimated_delivery_date.from"))
	st.ETAMax, _ = timeutil.ParseRFC3339(text(ti, "time_metrics.estimated_delivery_date.to"))

	providers := ti.Get("tracking.providers")
	first := true
	// Providers are legs listed most recent first (China Post, then USPS
	// for the last mile): the first names the current carrier. They share
	// one number, so they are contacts, not separate legs.
	providers.ForEach(func(_, p jsonr.Result) bool {
		if !p.IsObject() {
			return true
		}
		name := text(p, "provider.name")
		if name == "" {
			name = text(p, "provider.alias")
		}
		if first {
			st.Carrier, first = name, false
		}
		if name != "" || text(p, "provider.tel") != "" || text(p, "provider.homepage") != "" {
			st.Contacts = append(st.Contacts, timeline.Contact{
				Name: name, Phone: text(p, "provider.tel"), URL: text(p, "provider.homepage")})
		}
		// Events with no zone (a bare time_raw) are on the provider's clock:
		// they take the offset its other events state, else its country's.
		var zoneless []int // indices in st.Events
		var walls []string
		offset, known := 0, false
		p.Get("events").ForEach(func(_, ev jsonr.Result) bool {
			if !ev.IsObject() {
				return true
			}
			e, wall := seventeenEvent(ev, st.Number, opt)
			if wall != "" {
				zoneless, walls = append(zoneless, len(st.Events)), append(walls, wall)
			} else if !known {
				offset, known = seventeenOffset(ev)
			}
			st.Events = append(st.Events, e)
			return true
		})
		if !known {
			offset, known = countryOffset(text(p, "provider.country"))
		}
		if known {
			for k, i := range zoneless {
				st.Events[i].Time, _ = timeutil.Parse(walls[k], offset)
			}
		}
		return true
	})
	if len(st.Events) == 0 {
		if ev := ti.Get("latest_event"); ev.IsObject() {
			e, _ := seventeenEvent(ev, st.Number, opt)
			st.Events = append(st.Events, e)
		}
	}
	// A hand-off number 17TRACK found for the last mile.
	if local := text(ti, "misc_info.local_number"); local != "" && local != st.Number {
		var legs legList
		legs.add(timeline.Leg{Number: st.Number, Role: "first_mile", Carrier: st.Carrier, Source: Track17})
		legs.add(timeline.Leg{Number: local, Role: "last_mile", Carrier: text(ti, "misc_info.local_provider"), Source: Track17})
		st.Legs = legs.legs
	}
	reverse(st.Events) // newest first, per provider
	sortEvents(st.Events)
}

// seventeenEvent decodes one event. wall is its zone-less local time when
// it has no zone (its Time is then read at opt.Offset), else "".
func seventeenEvent(ev jsonr.Result, number string, opt Options) (e timeline.Event, wall string) {
	e = timeline.Event{Source: Track17, Number: number, Text: text(ev, "description")}
	e.Time, wall = seventeenTime(ev, opt)
	e.Location = text(ev, "location")
	if e.Location == "" {
		var parts []string
		for _, p := range [...]string{"address.city", "address.state", "address.country"} {
			if s := text(ev, p); s != "" {
				parts = append(parts, s)
			}
		}
		e.Location = strings.Join(parts, ", ")
	}
	// sub_status (v2.2+) is the most precise code; stage is a milestone
	// that is often null and may be a non-KeyStage like "Exception".
	e.Code = text(ev, "sub_status")
	if e.Code == "" {
		e.Code = text(ev, "stage")
	}
	classify(&e, opt.Lang)
	return e, wall
}

// seventeenTime reads an event's instant: time_utc, else time_iso, else
// time_raw. A time_raw without a zone is read at opt.Offset and also
// returned as wall, for the caller to place on a better-known clock.
func seventeenTime(ev jsonr.Result, opt Options) (t int64, wall string) {
	for _, p := range [...]string{"time_utc", "time_iso"} {
		if t, ok := timeutil.ParseRFC3339(text(ev, p)); ok {
			return t, ""
		}
	}
	// time_raw: {"date":"2022-09-14","time":"08:47:00","timezone":"+01:00"}
	// (or a plain string).
	raw := ev.Get("time_raw")
	if raw.Type == jsonr.String {
		s := strings.TrimSpace(raw.String())
		if t, ok := timeutil.ParseRFC3339(s); ok {
			return t, ""
		}
		if t, ok := timeutil.Parse(s, opt.Offset); ok {
			return t, s
		}
		return 0, ""
	}
	date, clock, zone := text(raw, "date"), text(raw, "time"), text(raw, "timezone")
	if date == "" {
		return 0, ""
	}
	switch len(clock) {
	case 0:
		clock = "00:00:00"
	case 5: // "10:00"
		clock += ":00"
	}
	if zone != "" {
		if t, ok := timeutil.ParseRFC3339(date + "T" + clock + zone); ok {
			return t, ""
		}
	}
	wall = date + " " + clock
	if t, ok := timeutil.Parse(wall, opt.Offset); ok {
		return t, wall
	}
	return 0, ""
}

// seventeenOffset is the UTC offset (seconds east) an event's time states:
// time_iso's or time_raw's zone. "Z" does not count: 17TRACK writes it
// when it does not know the carrier's zone.
func seventeenOffset(ev jsonr.Result) (int, bool) {
	raw := ev.Get("time_raw")
	for _, s := range [...]string{text(ev, "time_iso"), str(raw), text(raw, "timezone")} {
		if s == "" || s[len(s)-1] == 'Z' || s[len(s)-1] == 'z' {
			continue
		}
		if off, ok := timeutil.ParseOffset(s); ok {
			return off, true
		}
		if len(s) <= 6 { // a bare zone, "-03:00"
			if off, ok := timeutil.ParseOffset("2000-01-01T00:00:00" + s); ok {
				return off, true
			}
		}
	}
	return 0, false
}

// countryOffset is the usual UTC offset (seconds east, standard time) of
// a carrier's country, for zone-less times of a provider none of whose
// events states its zone. Only countries whose carriers use one zone are
// listed (not the US, Canada, Russia or Australia): a guess hours off is
// worse than the caller's offset.
func countryOffset(country string) (int, bool) {
	const h = 3600
	switch ascii.Upper(country) {
	case "GB", "IE", "PT":
		return 0, true
	case "ES", "FR", "DE", "IT", "NL", "BE", "PL", "CZ", "AT", "CH", "SE", "NO", "DK", "HU", "SK":
		return 1 * h, true
	case "UA", "RO", "GR", "FI", "IL", "BG", "LT", "LV", "EE":
		return 2 * h, true
	case "TR", "SA", "BY":
		return 3 * h, true
	case "AE":
		return 4 * h, true
	case "PK", "UZ":
		return 5 * h, true
	case "IN":
		return 5*h + 30*60, true
	case "TH", "VN":
		return 7 * h, true
	case "CN", "HK", "SG", "MY", "PH", "TW":
		return 8 * h, true
	case "KR", "JP":
		return 9 * h, true
	case "NZ":
		return 12 * h, true
	case "BR", "AR", "UY":
		return -3 * h, true
	case "CL", "BO":
		return -4 * h, true
	case "CO", "PE", "EC":
		return -5 * h, true
	case "MX":
		return -6 * h, true
	}
	return 0, false
}

// seventeenV1 decodes the v1 / web compact track object: e = package state,
// w1/w2 = carriers, z1/z2 = origin/destination events {a,c,d,z}.
func seventeenV1(st *timeline.SourceTimeline, tr jsonr.Result, opt Options) {
	if e := tr.Get("e"); e.Type == jsonr.Number {
		st.Status = status.Classify(Track17, e.String(), "", opt.Lang).Status
	}
	// w1/w2 are 17TRACK carrier keys (first and final carrier).
	if w := text(tr, "w2"); w != "" && w != "0" {
		st.Carrier = w
	} else if w := text(tr, "w1"); w != "" && w != "0" {
		st.Carrier = w
	}
	for _, list := range [...]string{"z2", "z1"} { // destination events are newer
		tr.Get(list).ForEach(func(_, ev jsonr.Result) bool {
			if !ev.IsObject() {
				return true
			}
			e := timeline.Event{Source: Track17, Number: st.Number, Text: text(ev, "z")}
			e.Time, _ = timeutil.Parse(text(ev, "a"), opt.Offset)
			var loc []string
			for _, p := range [...]string{"c", "d"} {
				if s := text(ev, p); s != "" {
					loc = append(loc, s)
				}
			}
			e.Location = strings.Join(loc, ", ")
			classify(&e, opt.Lang)
			st.Events = append(st.Events, e)
			return true
		})
	}
	reverse(st.Events)
	sortEvents(st.Events)
}

// seventeenWeb decodes the legacy web answer {"ret":1,"msg","dat":[…]}.
func seventeenWeb(root, dat jsonr.Result, opt Options) ([]timeline.SourceTimeline, error) {
	if ret := root.Get("ret"); ret.Int() != 1 {
		return nil, errorf("upstream_error", "17track web: ret ", ret.String(), " ", text(root, "msg"))
	}
	var out []timeline.SourceTimeline
	dat.ForEach(func(_, d jsonr.Result) bool {
		if !d.IsObject() {
			return true
		}
		st := timeline.SourceTimeline{Source: Track17, Number: text(d, "no")}
		if tr := d.Get("track"); tr.IsObject() {
			seventeenV1(&st, tr, opt)
		} else {
			st.Status = status.NotFound
		}
		out = append(out, st)
		return true
	})
	return out, nil
}
