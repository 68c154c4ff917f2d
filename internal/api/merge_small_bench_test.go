package api

import "testing"

// BenchmarkMergeJSONSmall is the common case: two sources, five events (the size
// the wasm bench and the extension send), where fixed costs dominate.
func BenchmarkMergeJSONSmall(b *testing.B) {
	in := []byte(`{"now":"2026-03-10T12:00:00Z","order":{"id":"8199633578334590","status":"shipped","shippedAt":"2026-02-20T00:00:00Z"},"sources":[{"source":"cainiao","number":"LX299455986CN","events":[{"time":"2026-02-21T08:00:00Z","text":"Received by logistics company","code":"PU_PICKUP_SUCCESS"},{"time":"2026-02-23T08:00:00Z","text":"Departed from origin country","code":"LH_DEPART"},{"time":"2026-03-01T08:00:00Z","text":"Arrived at destination country","code":"LH_ARRIVE"}]},{"source":"17track","number":"LX299455986CN","events":[{"time":"2026-02-23T09:00:00+01:00","text":"Departed from origin country"},{"time":"2026-03-01T08:00:00Z","text":"Arrival at destination"}]}]}`)
	var dst []byte
	for i := 0; i < b.N; i++ {
		dst = Merge(dst[:0], in)
	}
}
