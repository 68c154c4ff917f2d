package timeline

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/waybill/waybill/internal/status"
)

var t0 = time.Date(2024, 5, 1, 8, 0, 0, 0, time.UTC).UnixMilli()

// at is t0 plus a duration written like "49h30m", in Unix milliseconds.
func at(d string) int64 {
	x, err := time.ParseDuration(d)
	if err != nil {
		panic(err)
	}
	return t0 + x.Milliseconds()
}

// ev builds a classified event.
func ev(when string, st status.Status, sub string, stage status.Stage, text string) Event {
	return Event{Time: at(when), Status: st, Sub: sub, Stage: stage, Text: text}
}

func src(name, number string, evs ...Event) SourceTimeline {
	return SourceTimeline{Source: name, Number: number, Events: evs}
}

func adviceCodes(r Result) []string {
	var out []string
	for _, a := range r.Advice {
		out = append(out, a.Code)
	}
	return out
}

func conflictCodes(r Result) []string {
	var out []string
	for _, c := range r.Conflicts {
		out = append(out, c.Code)
	}
	return out
}

func findAdvice(r Result, code string) *Advice {
	for i := range r.Advice {
		if r.Advice[i].Code == code {
			return &r.Advice[i]
		}
	}
	return nil
}

func TestDedupe(t *testing.T) {
	const n = "LX299455986CN"
	tests := []struct {
		name    string
		sources []SourceTimeline
		want    [][]string // sources of each merged event, oldest first
		wantAt  []string   // time of each merged event
	}{
		{
			name: "same scan, same instant",
			sources: []SourceTimeline{
				src("cainiao", n, ev("10h", status.InTransit, "", 3, "Departed from departure country")),
				src("17track", n, ev("10h", status.InTransit, "", 3, "Departed from departure country")),
			},
			want: [][]string{{"17track", "cainiao"}}, wantAt: []string{"10h"},
		},
		{
			name: "same scan, [Town] prefix, punctuation, case and a few minutes apart",
			sources: []SourceTimeline{
				src("cainiao", n, ev("10h", status.InTransit, "", 3, "[Shatian Town] Departed from sorting center.")),
				src("17track", n, ev("10h7m", status.InTransit, "", 3, "departed  from sorting center")),
			},
			want: [][]string{{"17track", "cainiao"}}, wantAt: []string{"10h7m"},
		},
		{
			name: "zone mistake: Cainiao read a GMT+2 local time as UTC+8 (6 h early)",
			sources: []SourceTimeline{
				src("cainiao", n, ev("4h", status.InTransit, "", 4, "Arrived at linehaul office")),
				src("17track", n, ev("10h", status.InTransit, "", 4, "Arrived at linehaul office")),
			},
			want: [][]string{{"17track", "cainiao"}}, wantAt: []string{"10h"},
		},
		{
			name: "zone mistake of 14 h and a minute of drift",
			sources: []SourceTimeline{
				src("aliexpress", n, ev("24h1m", status.InTransit, "", 4, "Customs clearance complete")),
				src("17track", n, ev("10h", status.InTransit, "", 4, "Customs clearance complete")),
			},
			want: [][]string{{"17track", "aliexpress"}}, wantAt: []string{"10h"},
		},
		{
			name: "15 h apart is not a zone mistake",
			sources: []SourceTimeline{
				src("aliexpress", n, ev("25h", status.InTransit, "", 4, "Customs clearance complete")),
				src("17track", n, ev("10h", status.InTransit, "", 4, "Customs clearance complete")),
			},
			want: [][]string{{"17track"}, {"aliexpress"}}, wantAt: []string{"10h", "25h"},
		},
		{
			name: "same code family across AliExpress and Cainiao, different wording",
			sources: []SourceTimeline{
				src("cainiao", n, Event{Time: at("10h"), Status: status.InTransit, Stage: 3, Text: "Left from departure country/region", Code: "LH_DEPART"}),
				src("aliexpress", n, Event{Time: at("10h"), Status: status.InTransit, Stage: 3, Text: "Package leaving origin country/region.", Code: "AE_LH_DEPART"}),
			},
			want: [][]string{{"aliexpress", "cainiao"}}, wantAt: []string{"10h"},
		},
		{
			name: "different wording, same sub-status, zone mistake",
			sources: []SourceTimeline{
				src("cainiao", n, ev("2h", status.InTransit, "in_transit_customs_released", 4, "Import customs clearance complete")),
				src("17track", n, ev("5h", status.InTransit, "in_transit_customs_released", 4, "Desembaraço concluído")),
			},
			want: [][]string{{"17track", "cainiao"}}, wantAt: []string{"5h"},
		},
		{
			name: "different wording, delivered, zone mistake: one delivery",
			sources: []SourceTimeline{
				src("cainiao", n, ev("30h", status.Delivered, "", 5, "Delivered")),
				src("17track", n, ev("33h", status.Delivered, "", 5, "Entregue ao destinatário")),
			},
			want: [][]string{{"17track", "cainiao"}}, wantAt: []string{"33h"},
		},
		{
			name: "different wording, delivered, 3h30m apart: two deliveries",
			sources: []SourceTimeline{
				src("cainiao", n, ev("30h", status.Delivered, "", 5, "Delivered")),
				src("17track", n, ev("33h30m", status.Delivered, "", 5, "Entregue ao destinatário")),
			},
			want: [][]string{{"cainiao"}, {"17track"}}, wantAt: []string{"30h", "33h30m"},
		},
		{
			name: "different wording of generic in-transit scans is not merged",
			sources: []SourceTimeline{
				src("cainiao", n, ev("10h", status.InTransit, "in_transit_other", 3, "Arrived at sorting center")),
				src("17track", n, ev("10h", status.InTransit, "in_transit_other", 3, "Departed sorting center")),
			},
			want: [][]string{{"17track"}, {"cainiao"}}, wantAt: []string{"10h", "10h"},
		},
		{
			name: "one source, two steps at one instant stay two events",
			sources: []SourceTimeline{
				src("cainiao", n,
					Event{Time: at("10h"), Status: status.InTransit, Stage: 4, Text: "Import customs clearance complete", Code: "CC_IM_SUCCESS"},
					Event{Time: at("10h"), Status: status.InTransit, Stage: 4, Text: "Leaving customs", Code: "CC_HO_OUT_SUCCESS"}),
			},
			want: [][]string{{"cainiao"}, {"cainiao"}}, wantAt: []string{"10h", "10h"},
		},
		{
			name: "a pickup-point signing is never merged into delivered",
			sources: []SourceTimeline{
				src("cainiao", n, ev("30h", status.AvailableForPickup, "available_for_pickup_signed", 4, "Delivered")),
				src("17track", n, ev("30h", status.Delivered, "", 5, "Delivered")),
			},
			want: [][]string{{"cainiao"}, {"17track"}}, wantAt: []string{"30h", "30h"},
		},
		{
			name: "three sources, one scan",
			sources: []SourceTimeline{
				src("cainiao", n, ev("2h", status.InTransit, "", 3, "Handed over to airline")),
				src("aliexpress", n, ev("2h", status.InTransit, "", 3, "Handed over to airline")),
				src("17track", n, ev("10h", status.InTransit, "", 3, "Handed over to airline")),
			},
			want: [][]string{{"17track", "aliexpress", "cainiao"}}, wantAt: []string{"10h"},
		},
		{
			// 02:00 and 08:00 UTC: a 6 h zone shift must not pair the
			// 02:00 scan with 17TRACK's 08:00 one before the exact match.
			name: "two scans of one step 6 h apart, 17TRACK reports the later one",
			sources: []SourceTimeline{
				src("cainiao", n, ev("-6h", status.InTransit, "", 3, "Arrived at sorting center"),
					ev("0s", status.InTransit, "", 3, "Arrived at sorting center")),
				src("17track", n, ev("0s", status.InTransit, "", 3, "Arrived at sorting center")),
			},
			want: [][]string{{"cainiao"}, {"17track", "cainiao"}}, wantAt: []string{"-6h", "0s"},
		},
		{
			name: "two scans of one step 6 h apart, 17TRACK reports the earlier one",
			sources: []SourceTimeline{
				src("cainiao", n, ev("-6h", status.InTransit, "", 3, "Arrived at sorting center"),
					ev("0s", status.InTransit, "", 3, "Arrived at sorting center")),
				src("17track", n, ev("-6h", status.InTransit, "", 3, "Arrived at sorting center")),
			},
			want: [][]string{{"17track", "cainiao"}, {"cainiao"}}, wantAt: []string{"-6h", "0s"},
		},
		{
			name: "the two scans under two numbers of one source are not folded together either",
			sources: []SourceTimeline{
				src("cainiao", "LP00123456789012", ev("-6h", status.InTransit, "", 3, "Arrived at sorting center")),
				src("cainiao", n, ev("0s", status.InTransit, "", 3, "Arrived at sorting center")),
				src("17track", n, ev("0s", status.InTransit, "", 3, "Arrived at sorting center")),
			},
			want: [][]string{{"cainiao"}, {"17track", "cainiao"}}, wantAt: []string{"-6h", "0s"},
		},
		{
			name: "pairs are one-to-one: two scans each side, each paired with its own",
			sources: []SourceTimeline{
				src("cainiao", n, ev("-6h", status.InTransit, "", 3, "Arrived at sorting center"),
					ev("0s", status.InTransit, "", 3, "Arrived at sorting center")),
				src("17track", n, ev("-6h", status.InTransit, "", 3, "Arrived at sorting center"),
					ev("0s", status.InTransit, "", 3, "Arrived at sorting center")),
			},
			want: [][]string{{"17track", "cainiao"}, {"17track", "cainiao"}}, wantAt: []string{"-6h", "0s"},
		},
		{
			name: "an exact match on a weaker kind is paired before a shifted one on the wording",
			sources: []SourceTimeline{
				src("cainiao", n, ev("-6h", status.InTransit, "in_transit_customs_released", 4, "Import customs clearance complete"),
					ev("0s", status.InTransit, "in_transit_customs_released", 4, "Customs released")),
				src("17track", n, ev("0s", status.InTransit, "in_transit_customs_released", 4, "Import customs clearance complete")),
			},
			want: [][]string{{"cainiao"}, {"17track", "cainiao"}}, wantAt: []string{"-6h", "0s"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := Merge(Input{Now: at("100h"), Sources: tc.sources})
			var got [][]string
			var gotAt []int64
			for _, e := range r.Events {
				got = append(got, e.Sources)
				gotAt = append(gotAt, e.Time)
			}
			assert.Equal(t, tc.want, got)
			var wantAt []int64
			for _, w := range tc.wantAt {
				wantAt = append(wantAt, at(w))
			}
			assert.Equal(t, wantAt, gotAt)
		})
	}
}

func TestMergedEventKeepsRichestLocation(t *testing.T) {
	a := ev("10h", status.InTransit, "", 3, "Arrived")
	a.Location = "Madrid"
	b := ev("10h", status.InTransit, "", 3, "Arrived")
	b.Location = "Madrid, ES, Centro de tratamiento"
	r := Merge(Input{Now: at("20h"), Sources: []SourceTimeline{src("17track", "X1", a), src("cainiao", "X1", b)}})
	require.Len(t, r.Events, 1)
	assert.Equal(t, b.Location, r.Events[0].Location)
	assert.Equal(t, []string{"X1"}, r.Events[0].Numbers)
}

func TestOverallStatus(t *testing.T) {
	const n = "LX299455986CN"
	tests := []struct {
		name      string
		sources   []SourceTimeline
		order     *Order
		want      status.Status
		wantStage status.Stage
	}{
		{
			name: "newest event decides",
			sources: []SourceTimeline{src("cainiao", n,
				ev("1h", status.InfoReceived, "", 2, "Label created"),
				ev("20h", status.InTransit, "", 3, "Departed"),
				ev("50h", status.OutForDelivery, "", 4, "Out for delivery"))},
			want: status.OutForDelivery, wantStage: 4,
		},
		{
			name: "terminal precedence: a lagging source after delivered does not regress",
			sources: []SourceTimeline{
				src("17track", n, ev("50h", status.Delivered, "", 5, "Delivered")),
				src("cainiao", n, ev("58h", status.InTransit, "", 4, "Arrived at destination hub")),
			},
			want: status.Delivered, wantStage: 5,
		},
		{
			name: "monotonic: a stale source's older-stage scan cannot move the parcel back",
			sources: []SourceTimeline{
				src("17track", n, ev("50h", status.OutForDelivery, "", 4, "Out for delivery")),
				src("cainiao", n, ev("52h", status.InTransit, "", 3, "Departed from origin")),
			},
			want: status.OutForDelivery, wantStage: 4,
		},
		{
			name: "monotonic within a stage: another source's earlier step within 6 h is skew",
			sources: []SourceTimeline{
				src("17track", n, ev("50h", status.AvailableForPickup, "", 4, "At pickup point")),
				src("cainiao", n, ev("52h", status.OutForDelivery, "", 4, "Out for delivery")),
			},
			want: status.AvailableForPickup, wantStage: 4,
		},
		{
			name: "a source's own sequence may go back within a stage (failed, then out again)",
			sources: []SourceTimeline{src("17track", n,
				ev("50h", status.DeliveryFailed, "", 4, "Nobody home"),
				ev("70h", status.OutForDelivery, "", 4, "Out for delivery"))},
			want: status.OutForDelivery, wantStage: 4,
		},
		{
			name: "unknown wording keeps the previous status",
			sources: []SourceTimeline{src("cainiao", n,
				ev("20h", status.InTransit, "", 3, "Departed"),
				ev("30h", status.Unknown, "", 0, "包裹已出库"))},
			want: status.InTransit, wantStage: 3,
		},
		{
			name: "an exception is shown, and resolved by the next scan of its stage",
			sources: []SourceTimeline{src("17track", n,
				ev("20h", status.InTransit, "", 4, "Arrived"),
				ev("30h", status.Exception, "exception_customs_hold", 4, "Held by customs"),
				ev("40h", status.InTransit, "", 4, "Released by customs"))},
			want: status.InTransit, wantStage: 4,
		},
		{
			name: "return after delivery (more than 6 h later) is followed",
			sources: []SourceTimeline{
				src("cainiao", n, ev("50h", status.Delivered, "", 5, "Delivered")),
				src("17track", n, ev("80h", status.Returning, "", 0, "Returned to sender")),
			},
			want: status.Returning, wantStage: 5,
		},
		{
			name: "a return scan within 6 h of delivered is clock skew: still delivered",
			sources: []SourceTimeline{
				src("cainiao", n, ev("50h", status.Delivered, "", 5, "Delivered")),
				src("17track", n, ev("53h", status.Returning, "", 0, "Return to sender")),
			},
			want: status.Delivered, wantStage: 5,
		},
		{
			name: "returned is the end of the return branch",
			sources: []SourceTimeline{src("17track", n,
				ev("40h", status.InTransit, "", 3, "Departed from origin"),
				ev("50h", status.Returning, "", 0, "Return to sender"),
				ev("60h", status.InTransit, "", 4, "Departed"),
				ev("90h", status.Returned, "", 0, "Returned to sender"),
				ev("95h", status.InTransit, "", 3, "Arrived"))},
			want: status.Returned, wantStage: 3,
		},
		{
			name:    "no events: the sources' own status",
			sources: []SourceTimeline{{Source: "cainiao", Number: n, Status: status.InfoReceived}},
			want:    status.InfoReceived, wantStage: 2,
		},
		{
			name:    "no events, order shipped",
			sources: []SourceTimeline{{Source: "cainiao", Number: n}},
			order:   &Order{ID: "8199633578334590", ShippedAt: at("1h")},
			want:    status.InfoReceived, wantStage: 2,
		},
		{
			name:    "no events, order cancelled",
			sources: []SourceTimeline{{Source: "cainiao", Number: n}},
			order:   &Order{ID: "8199633578334590", Status: status.Cancelled},
			want:    status.Cancelled, wantStage: 1,
		},
		{
			name:    "a source answered with nothing",
			sources: []SourceTimeline{{Source: "cainiao", Number: n}},
			want:    status.NotFound, wantStage: 0,
		},
		{
			name:    "every source failed",
			sources: []SourceTimeline{{Source: "cainiao", Number: n, ErrCode: "upstream", ErrMsg: "timeout"}},
			want:    status.Unknown, wantStage: 0,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := Merge(Input{Now: at("100h"), Order: tc.order, Sources: tc.sources})
			assert.Equal(t, tc.want, r.Status)
			assert.Equal(t, tc.wantStage, r.Stage)
		})
	}
}

func TestConflicts(t *testing.T) {
	const n, lm = "LP00000000000000", "RC000000003EE"
	tests := []struct {
		name       string
		sources    []SourceTimeline
		want       []string
		wantStatus status.Status
		wantNums   []string // numbers of the first conflict
	}{
		{
			name: "agreeing sources: no conflict",
			sources: []SourceTimeline{
				src("cainiao", n, ev("50h", status.Delivered, "", 5, "Delivered")),
				src("17track", lm, ev("50h", status.Delivered, "", 5, "Delivered")),
			},
			wantStatus: status.Delivered,
		},
		{
			name: "delivered, then a failed attempt",
			sources: []SourceTimeline{
				src("cainiao", n, ev("50h", status.Delivered, "", 5, "Delivered")),
				src("17track", lm, ev("50h", status.Delivered, "", 5, "Delivered"), ev("60h", status.DeliveryFailed, "", 4, "Addressee not home")),
			},
			want: []string{ConflictDeliveredThenFailed}, wantStatus: status.Delivered, wantNums: []string{n, lm},
		},
		{
			name: "delivered, then returned",
			sources: []SourceTimeline{
				src("cainiao", n, ev("50h", status.Delivered, "", 5, "Delivered"), ev("90h", status.Returned, "", 0, "Returned to sender")),
				src("17track", lm, ev("50h", status.Delivered, "", 5, "Delivered")),
			},
			want: []string{ConflictDeliveredThenReturned}, wantStatus: status.Returned, wantNums: []string{n, lm},
		},
		{
			name: "different delivery dates",
			sources: []SourceTimeline{
				src("cainiao", n, ev("50h", status.Delivered, "", 5, "Delivered")),
				src("17track", lm, ev("95h30m", status.Delivered, "", 5, "Entregue")),
			},
			want: []string{ConflictDeliveryDates}, wantStatus: status.Delivered, wantNums: []string{n, lm},
		},
		{
			name: "delivered by one source only, the other follows the last mile",
			sources: []SourceTimeline{
				src("aliexpress", n, ev("40h", status.InTransit, "", 4, "Arrived at local facility"), ev("50h", status.Delivered, "", 5, "Package delivered.")),
				src("17track", lm, ev("40h", status.InTransit, "", 4, "Arrived at local facility"), ev("45h", status.OutForDelivery, "", 4, "Saiu para entrega")),
			},
			want: []string{ConflictDeliveredOneSource}, wantStatus: status.Delivered, wantNums: []string{n},
		},
		{
			name: "delivered by one source only, the other never reached the destination: normal lag",
			sources: []SourceTimeline{
				src("aliexpress", n, ev("50h", status.Delivered, "", 5, "Package delivered.")),
				src("cainiao", n, ev("20h", status.InTransit, "", 3, "Departed from origin")),
			},
			wantStatus: status.Delivered,
		},
		{
			name: "delivered by the last-mile tracker only, Cainiao stopped at the hand-over: normal lag",
			sources: []SourceTimeline{
				src("cainiao", n, ev("40h", status.InTransit, "", 4, "Handed over to last mile")),
				src("17track", lm, ev("40h", status.InTransit, "", 4, "Handed over to last mile"), ev("50h", status.Delivered, "", 5, "Delivered")),
			},
			wantStatus: status.Delivered,
		},
		{
			name: "delivered by one source only, the other keeps reporting after it",
			sources: []SourceTimeline{
				src("aliexpress", n, ev("50h", status.Delivered, "", 5, "Package delivered.")),
				src("17track", lm, ev("60h", status.InTransit, "", 4, "Arrived at delivery office")),
			},
			want: []string{ConflictDeliveredOneSource}, wantStatus: status.Delivered, wantNums: []string{n},
		},
		{
			name: "pickup-point signing shown as delivered",
			sources: []SourceTimeline{
				src("cainiao", n, Event{Time: at("42h"), Status: status.AvailableForPickup, Sub: "available_for_pickup_signed", Stage: 4, Text: "Signed by pickup point", Code: "GTMS_STA_SIGNED"}),
				src("17track", lm, ev("50h", status.Delivered, "", 5, "Delivered")),
			},
			want: []string{ConflictPickupAsDelivered}, wantStatus: status.AvailableForPickup, wantNums: []string{n, lm},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := Merge(Input{Now: at("100h"), Sources: tc.sources})
			assert.Equal(t, tc.want, conflictCodes(r))
			assert.Equal(t, tc.wantStatus, r.Status)
			if len(tc.want) > 0 {
				assert.Equal(t, tc.wantNums, r.Conflicts[0].Numbers)
				assert.NotEmpty(t, r.Conflicts[0].Message)
				assert.NotEmpty(t, r.Conflicts[0].Sources)
				assert.NotEmpty(t, r.Conflicts[0].Times)
				a := findAdvice(r, AdviceContactLocalCarrier)
				require.NotNil(t, a, "every conflict here calls for the local carrier: %v", adviceCodes(r))
				assert.Equal(t, tc.want[0], a.Reason)
			}
		})
	}
}

func TestStaleThresholds(t *testing.T) {
	tests := []struct {
		st    status.Status
		stage status.Stage
		days  int
	}{
		{status.Delivered, 5, 0},
		{status.Returned, 0, 0},
		{status.Cancelled, 1, 0},
		{status.OutForDelivery, 4, 3},
		{status.DeliveryFailed, 4, 5},
		{status.AvailableForPickup, 4, 7},
		{status.InfoReceived, 2, 7},
		{status.InTransit, 2, 7},
		{status.InTransit, 3, 20},
		{status.InTransit, 4, 7},
		{status.Exception, 3, 20},
		{status.Returning, 4, 7},
		{status.Returning, 5, 30},
		{status.Unknown, 0, 30},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.days, staleAfter(tc.st, tc.stage), "%s at stage %d", tc.st, tc.stage)
	}

	const n = "LX299455986CN"
	cases := []struct {
		name      string
		last      Event
		nowAfter  int64
		wantStale bool
		wantDays  int
	}{
		{"between export and import, 15 days is normal", ev("0h", status.InTransit, "", 3, "Departed"), 15 * day, false, 15},
		{"between export and import, 21 days is stale", ev("0h", status.InTransit, "", 3, "Departed"), 21 * day, true, 21},
		{"a week without a last-mile scan is stale", ev("0h", status.InTransit, "", 4, "Arrived at local facility"), 7*day + hour, true, 7},
		{"six days in the last mile is not", ev("0h", status.InTransit, "", 4, "Arrived at local facility"), 6 * day, false, 6},
		{"delivered is never stale", ev("0h", status.Delivered, "", 5, "Delivered"), 300 * day, false, 300},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := Merge(Input{Now: (tc.last.Time + tc.nowAfter), Sources: []SourceTimeline{src("17track", n, tc.last)}})
			assert.Equal(t, tc.wantStale, r.Stale)
			assert.Equal(t, tc.wantDays, r.DaysSinceUpdate)
			assert.Equal(t, tc.last.Time, r.LastEventAt)
			if tc.wantStale && tc.last.Stage == 4 {
				a := findAdvice(r, AdviceContactLocalCarrier)
				require.NotNil(t, a)
				assert.Equal(t, "no_last_mile_scan", a.Reason)
				assert.Equal(t, []string{n}, a.Numbers)
			}
		})
	}
}

func TestNumbers(t *testing.T) {
	s1 := src("aliexpress", "AA000000000BR", ev("1h", status.InTransit, "", 3, "x"))
	s1.Legs = []Leg{{Number: "LP00000000000000", Role: RoleFirstMile}, {Number: "CNBR00160702682", Role: RoleLineHaul, Carrier: "Cainiao"}}
	s2 := src("cainiao", "LP00000000000000", ev("1h", status.InTransit, "", 3, "x"))
	s2.Legs = []Leg{{Number: "RC000000003EE", Role: RoleLastMile, Carrier: "Ukrposhta"}}
	s3 := src("17track", "ab 123", ev("2h", status.InTransit, "", 3, "y"))
	r := Merge(Input{Now: at("10h"), Sources: []SourceTimeline{s3, s2, s1}})
	var got [][2]string
	for _, n := range r.Numbers {
		got = append(got, [2]string{n.Number, n.Role})
	}
	assert.Equal(t, [][2]string{
		{"LP00000000000000", RoleFirstMile},
		{"CNBR00160702682", RoleLineHaul},
		{"AA000000000BR", RoleLastMile},
		{"RC000000003EE", RoleLastMile},
		{"AB123", ""},
	}, got)
	assert.Equal(t, []string{"aliexpress", "cainiao"}, r.Numbers[0].Sources)
	assert.Equal(t, "Ukrposhta", r.Numbers[3].Carrier)
}

func TestAdvice(t *testing.T) {
	const n = "LX299455986CN"
	shipped := t0
	order := func(protection int64) *Order {
		return &Order{ID: "8199633578334590", PlacedAt: (t0 + -2*day), ShippedAt: shipped, ProtectionEndsAt: protection}
	}
	inTransit := func(days int) SourceTimeline {
		return src("cainiao", n, Event{Time: (shipped + int64(days)*day), Status: status.InTransit, Stage: 3, Text: "Departed"})
	}
	tests := []struct {
		name    string
		in      Input
		code    string
		reason  string
		numbers []string
		check   func(t *testing.T, a *Advice, r Result)
	}{
		{
			name: "open_dispute: no progress 11 days after shipping",
			in: Input{Now: (shipped + 12*day), Order: order((shipped + 60*day)), Sources: []SourceTimeline{
				src("cainiao", n, Event{Time: (shipped + hour), Status: status.InfoReceived, Stage: 2, Text: "Label created"})}},
			code: AdviceOpenDispute, reason: "no_progress", numbers: []string{n},
			check: func(t *testing.T, a *Advice, r Result) {
				assert.Equal(t, (shipped + 11*day), a.From)
				assert.Equal(t, 12, a.Days)
				assert.Equal(t, (shipped + 60*day), a.Deadline)
				assert.False(t, a.Estimated)
			},
		},
		{
			name: "open_dispute: protection about to end, still in international transit",
			in:   Input{Now: (shipped + 57*day), Order: order((shipped + 60*day)), Sources: []SourceTimeline{inTransit(50)}},
			code: AdviceOpenDispute, reason: "protection_ending_far_from_delivery", numbers: []string{n},
			check: func(t *testing.T, a *Advice, r Result) { assert.Equal(t, 3, a.Days) },
		},
		{
			name: "open_dispute: the parcel is going back to the seller",
			in: Input{Now: (shipped + 20*day), Order: order((shipped + 60*day)), Sources: []SourceTimeline{
				src("17track", n, Event{Time: (shipped + 15*day), Status: status.Returning, Text: "Return to sender"})}},
			code: AdviceOpenDispute, reason: "returned_to_seller", numbers: []string{n},
		},
		{
			name: "protection_ending: 6 days left, estimated from the shipping date",
			in:   Input{Now: (shipped + 54*day), Order: &Order{ShippedAt: shipped}, Sources: []SourceTimeline{inTransit(53)}},
			code: AdviceProtectionEnding, reason: "ending_soon", numbers: []string{n},
			check: func(t *testing.T, a *Advice, r Result) {
				assert.Equal(t, 6, a.Days)
				assert.True(t, a.Estimated)
				assert.Equal(t, (shipped + 60*day), a.Deadline)
			},
		},
		{
			name: "protection_ending: the ETA is after the end of protection",
			in: Input{Now: (shipped + 10*day), Order: order((shipped + 40*day)), Sources: []SourceTimeline{func() SourceTimeline {
				s := inTransit(9)
				s.ETAMin, s.ETAMax = (shipped + 35*day), (shipped + 45*day)
				return s
			}()}},
			code: AdviceProtectionEnding, reason: "eta_after_protection", numbers: []string{n},
			check: func(t *testing.T, a *Advice, r Result) {
				assert.Equal(t, (shipped + 45*day), a.ETA)
				require.NotNil(t, r.ETA)
				assert.True(t, r.ETA.AfterProtection)
				assert.Equal(t, []string{"cainiao"}, r.ETA.Sources)
			},
		},
		{
			name: "pick_up: waiting at a pickup point, with the carrier to call",
			in: Input{Now: (shipped + 20*day), Sources: []SourceTimeline{func() SourceTimeline {
				s := src("aliexpress", "AA000000000BR", Event{Time: (shipped + 18*day), Status: status.AvailableForPickup, Stage: 4, Text: "Ready for pickup", Location: "Loja Centro"})
				s.Contacts = []Contact{{Name: "J&T Express", Phone: "08008956794", URL: "https://www.jtexpress.com.br/"}}
				return s
			}()}},
			code: AdvicePickUp, reason: "at_pickup_point", numbers: []string{"AA000000000BR"},
			check: func(t *testing.T, a *Advice, r Result) {
				assert.Equal(t, "Loja Centro", a.Location)
				assert.Equal(t, 2, a.Days)
				assert.Equal(t, "J&T Express", a.Carrier)
				assert.Equal(t, "08008956794", a.Phone)
			},
		},
		{
			name: "contact_local_carrier: a failed delivery attempt",
			in: Input{Now: (shipped + 20*day), Sources: []SourceTimeline{
				src("17track", "RC000000003EE", Event{Time: (shipped + 19*day), Status: status.DeliveryFailed, Stage: 4, Text: "Addressee absent"})}},
			code: AdviceContactLocalCarrier, reason: "delivery_failed", numbers: []string{"RC000000003EE"},
		},
		{
			name: "contact_local_carrier: customs asks for duties",
			in: Input{Now: (shipped + 20*day), Sources: []SourceTimeline{
				src("17track", "RC000000005EE", Event{Time: (shipped + 19*day), Status: status.Exception, Sub: "exception_payment_required", Stage: 4, Text: "Awaiting payment of duties"})}},
			code: AdviceContactLocalCarrier, reason: "customs_needs_you", numbers: []string{"RC000000005EE"},
		},
		{
			name: "open_dispute: the carrier reports the parcel lost",
			in: Input{Now: (shipped + 20*day), Sources: []SourceTimeline{
				src("17track", n, Event{Time: (shipped + 19*day), Status: status.Exception, Sub: "exception_lost", Stage: 3, Text: "Lost"})}},
			code: AdviceOpenDispute, reason: "lost", numbers: []string{n},
		},
		{
			name: "open_dispute: the parcel arrived damaged",
			in: Input{Now: (shipped + 20*day), Sources: []SourceTimeline{
				src("17track", n, Event{Time: (shipped + 19*day), Status: status.Exception, Sub: "exception_damaged", Stage: 4, Text: "Damaged"})}},
			code: AdviceOpenDispute, reason: "damaged", numbers: []string{n},
		},
		{
			name: "follow_new_number: a last-mile number appeared",
			in: Input{Now: (shipped + 20*day), Sources: []SourceTimeline{func() SourceTimeline {
				s := inTransit(19)
				s.Legs = []Leg{{Number: "RC000000003EE", Role: RoleLastMile, Carrier: "Ukrposhta"}}
				return s
			}()}},
			code: AdviceFollowNewNumber, reason: "new_number", numbers: []string{"RC000000003EE"},
			check: func(t *testing.T, a *Advice, r Result) { assert.Equal(t, "Ukrposhta", a.Carrier) },
		},
		{
			name: "check_number: spaces inside the number",
			in:   Input{Now: shipped, Sources: []SourceTimeline{{Source: "text", Number: "LX 299455986CN"}}},
			code: AdviceCheckNumber, reason: "whitespace", numbers: []string{"LX 299455986CN"},
		},
		{
			name: "check_number: the order id was pasted",
			in:   Input{Now: shipped, Order: &Order{ID: "8199633578334590"}, Sources: []SourceTimeline{{Source: "text", Number: "8199633578334590"}}},
			code: AdviceCheckNumber, reason: "order_number", numbers: []string{"8199633578334590"},
		},
		{
			name: "check_number: a tracker rejected the number",
			in:   Input{Now: shipped, Sources: []SourceTimeline{{Source: "17track", Number: "ZZ1234567", ErrCode: "invalid_number"}}},
			code: AdviceCheckNumber, reason: "rejected_by_17track", numbers: []string{"ZZ1234567"},
		},
		{
			name: "no_tracking: an untracked shipping method says so, with ETA and protection end",
			in: Input{Now: (shipped + 5*day), Order: order((shipped + 75*day)), Sources: []SourceTimeline{{
				Source: "aliexpress", Number: n, Carrier: "Cainiao Super Economy Global", ETAMax: (shipped + 40*day)}}},
			code: AdviceNoTracking, reason: "method_untracked", numbers: []string{n},
			check: func(t *testing.T, a *Advice, r Result) {
				assert.Equal(t, (shipped + 40*day), a.ETA)
				assert.Equal(t, (shipped + 75*day), a.Deadline)
				assert.Equal(t, 70, a.Days)
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := Merge(tc.in)
			a := findAdvice(r, tc.code)
			require.NotNil(t, a, "advice %s missing; got %v", tc.code, adviceCodes(r))
			assert.Equal(t, tc.reason, a.Reason)
			assert.Equal(t, tc.numbers, a.Numbers)
			if tc.check != nil {
				tc.check(t, a, r)
			}
		})
	}
}

func TestAdviceQuietWhenAllIsWell(t *testing.T) {
	const n = "LX299455986CN"
	r := Merge(Input{Now: (t0 + 6*day), Order: &Order{ID: "8199633578334590", ShippedAt: t0, ProtectionEndsAt: (t0 + 60*day)},
		Sources: []SourceTimeline{src("cainiao", n, Event{Time: (t0 + 5*day), Status: status.InTransit, Stage: 3, Text: "Departed"})}})
	assert.Empty(t, r.Advice)
	assert.Empty(t, r.Conflicts)
	require.NotNil(t, r.Protection)
	assert.Equal(t, 54, r.Protection.DaysLeft)
	assert.Equal(t, (t0 + 11*day), r.Protection.DisputeFrom)

	// Before day 11 without a scan, no dispute yet.
	r = Merge(Input{Now: (t0 + 10*day), Order: &Order{ShippedAt: t0}, Sources: []SourceTimeline{{Source: "cainiao", Number: n}}})
	assert.Nil(t, findAdvice(r, AdviceOpenDispute))
	// Delivered: no protection advice even when it is ending.
	r = Merge(Input{Now: (t0 + 58*day), Order: &Order{ShippedAt: t0},
		Sources: []SourceTimeline{src("cainiao", n, Event{Time: (t0 + 20*day), Status: status.Delivered, Stage: 5, Text: "Delivered"})}})
	assert.Empty(t, r.Advice)
}

func TestAdviceRulesTable(t *testing.T) {
	want := []string{AdviceCheckNumber, AdviceNoTracking, AdviceOpenDispute, AdviceProtectionEnding,
		AdvicePickUp, AdviceContactLocalCarrier, AdviceFollowNewNumber}
	var got []string
	for _, r := range adviceRules {
		got = append(got, r.code)
		assert.NotEmpty(t, r.when)
	}
	assert.Equal(t, want, got)
}

func TestNumberProblem(t *testing.T) {
	for n, want := range map[string]string{
		"LX299455986CN":    "",
		"LP00000000000000": "",
		"":                 "empty",
		"LX 299455986CN":   "whitespace",
		"3012345678901234": "order_number",
		"8199633578334590": "order_number",
		"LX29945!986CN":    "invalid_characters",
		"LX299455987CN":    "check_digit",
		"AB12":             "too_short",
		"A123456789012345678901234567890123456789012": "too_long",
	} {
		assert.Equal(t, want, numberProblem(n, ""), n)
	}
	assert.Equal(t, "order_number", numberProblem("1234567890", "1234567890"))
}

func TestMergeFillsAndSkips(t *testing.T) {
	s := SourceTimeline{Source: " cainiao ", Number: "LX299455986CN", Events: []Event{
		{Time: 0, Text: "no time", Status: status.Delivered},
		{Time: at("5h"), Text: "Departed", Status: status.InTransit, Source: "wrong"},
	}}
	r := Merge(Input{Now: at("10h"), Sources: []SourceTimeline{s}})
	require.Len(t, r.Events, 1, "an event without a time is left out")
	e := r.Events[0]
	assert.Equal(t, []string{"cainiao"}, e.Sources, "the timeline's own (trimmed) name wins")
	assert.Equal(t, []string{"LX299455986CN"}, e.Numbers)
	assert.Equal(t, at("5h"), e.Time)
	assert.Equal(t, status.StageInternational, e.Stage, "stage derived from the status when missing")
	assert.Equal(t, status.InTransit, r.Status)
}

func TestNormText(t *testing.T) {
	for in, want := range map[string]string{
		"[Shatian Town] Departed from sorting center.": "departed from sorting center",
		"  Arrived at  LINEHAUL office ":               "arrived at linehaul office",
		"Entregue ao destinatário!":                    "entregue ao destinatário",
		"ПОСЫЛКА вручена":                              "посылка вручена",
		"到达海关监管仓，等待清关":                                 "到达海关监管仓 等待清关",
		"--- ":                                         "",
		"Scan #12 (hub 3)":                             "scan 12 hub 3",
	} {
		assert.Equal(t, want, normText(in), in)
	}
}

// "not_found" means a tracker answered with nothing; events nobody can
// classify, or only the buyer's own input, mean "unknown".
func TestFallbackUnknownVersusNotFound(t *testing.T) {
	for _, tc := range []struct {
		name    string
		sources []SourceTimeline
		want    status.Status
	}{
		{"tracker answered, no events", []SourceTimeline{src("cainiao", "LX299455986CN")}, status.NotFound},
		{"unclassified events", []SourceTimeline{src("cainiao", "LX299455986CN", ev("1h", status.Unknown, "", 0, "Parcel handed over"))}, status.Unknown},
		{"only the typed number", []SourceTimeline{src("text", "8199633578334590")}, status.Unknown},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, Merge(Input{Now: at("100h"), Sources: tc.sources}).Status)
		})
	}
}
