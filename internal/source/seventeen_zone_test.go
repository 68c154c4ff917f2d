package source

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSeventeenZonelessTimes: a time_raw without a zone is the provider's
// local time, not UTC.
func TestSeventeenZonelessTimes(t *testing.T) {
	item := func(country, events string) string {
		return `{"code":0,"data":{"accepted":[{"number":"NM123456789BR","track_info":{"tracking":{"providers":[
			{"provider":{"name":"Correios","country":"` + country + `"},"events":[` + events + `]}]}}}]}}`
	}
	const (
		zoneless    = `{"time_raw":{"date":"2024-05-03","time":"10:00"},"description":"Objeto saiu para entrega"}`
		zonelessStr = `{"time_raw":"2024-05-03 10:00:00","description":"Objeto saiu para entrega"}`
		isoBR       = `{"time_iso":"2024-05-02T09:00:00-03:00","time_utc":"2024-05-02T12:00:00Z","description":"Objeto em trânsito"}`
		rawZoneBR   = `{"time_raw":{"date":"2024-05-02","time":"09:00","timezone":"-03:00"},"description":"Objeto em trânsito"}`
		isoZ        = `{"time_iso":"2024-05-02T12:00:00Z","description":"Objeto em trânsito"}`
	)
	tests := []struct {
		name    string
		payload string
		opt     Options
		want    string // the zone-less event's instant
	}{
		{"offset of the provider's other events (time_iso)", item("", zoneless+","+isoBR), Options{}, "2024-05-03T13:00:00Z"},
		{"offset of the provider's other events (time_raw zone)", item("", rawZoneBR+","+zonelessStr), Options{}, "2024-05-03T13:00:00Z"},
		{"the provider's offset wins over its country's", item("PT", zoneless+","+isoBR), Options{}, "2024-05-03T13:00:00Z"},
		{"else the carrier's country", item("BR", zoneless), Options{Offset: 3600}, "2024-05-03T13:00:00Z"},
		{"a Z time states no zone", item("BR", zoneless+","+isoZ), Options{}, "2024-05-03T13:00:00Z"},
		{"country in lower case", item("br", zonelessStr), Options{}, "2024-05-03T13:00:00Z"},
		{"else the caller's offset, as before", item("", zoneless), Options{Offset: 3600}, "2024-05-03T09:00:00Z"},
		{"a country with several zones is not guessed", item("US", zoneless), Options{}, "2024-05-03T10:00:00Z"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Decode(Track17, []byte(tc.payload), tc.opt)
			require.NoError(t, err)
			require.Len(t, res.Sources, 1)
			var got int64
			for _, e := range res.Sources[0].Events {
				if e.Text == "Objeto saiu para entrega" {
					got = e.Time
				}
			}
			assert.Equal(t, utc(tc.want), got)
		})
	}
}
