// Package trackertest is a stand-in for the two trackers the worker calls, for
// tests (as net/http/httptest is for HTTP servers): Cainiao's
// global/detail.json and the 17TRACK v2.2 API (register, gettrackinfo). It
// answers in the real shapes by replaying the captured samples in
// internal/testdata/upstream, counts every call (GET /_stats),
// checks the 17token header, and injects faults on demand (POST /_fault) so
// the worker's tests can prove batching, caching and failure handling.
//
// It is test tooling: it binds wherever its caller asks (tests use
// 127.0.0.1:0) and never talks to the network.
package trackertest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/waybill/waybill/internal/testenv"
)

// Sample files, relative to internal/testdata/upstream.
const (
	cainiaoDir = "cainiao/"
	track17Dir = "17track/"
)

// cainiaoSamples maps the numbers the fake knows to the Cainiao sample that
// tells their story. The sample's own mailNo is rewritten to the number.
var cainiaoSamples = []struct{ Number, File string }{
	{"AE010698498", "cainiao_global_detail_json_AE010698498_2023-01-29.json"},
	{"RS0814398526Y", "cainiao_global_detail_json_RS0814398526Y.json"},
	{"UZ0556033196Y", "cainiao_global_detail_json_UZ0556033196Y.json"},
	{"RC000000001EE", "cainiao_global_detail_json_delivered_redacted_2026.json"},
	{"RC000000002EE", "cainiao_global_detail_json_in_customs_redacted_2026.json"},
}

// unknownCainiao is the real answer for a number Cainiao does not know.
const unknownCainiao = "cainiao_global_detail_json_unknown_number_2026.json"

// track17Samples maps numbers to 17TRACK v2 accepted items: either a real
// webhook payload's data object, or (FromCainiao) the Cainiao sample of the
// same number re-expressed in 17TRACK's track_info shape, which is what
// 17TRACK shows for a parcel it follows through Cainiao (carrier 190271).
// Those give the worker's merge real cross-source duplicates.
var track17Samples = []struct {
	Number, File string
	FromCainiao  bool
	Status, Sub  string // latest_status for FromCainiao items
}{
	{Number: "1Z2617V10397725789", File: "17track_v2_webhook_TRACKING_UPDATED_ups.json"},
	{Number: "1234567890", File: "17track_v2_webhook_TRACKING_UPDATED_dhlpaket.json"},
	{Number: "RS0814398526Y", FromCainiao: true, Status: "InTransit", Sub: "InTransit_CustomsReleased"},
	{Number: "RC000000001EE", FromCainiao: true, Status: "Delivered", Sub: "Delivered_Other"},
	{Number: "AE010698498", FromCainiao: true, Status: "InTransit", Sub: "InTransit_CustomsProcessing"},
}

// Fault modes.
const (
	Fault500       = "500"       // HTTP 500 with a short body
	Fault429       = "429"       // HTTP 429 with Retry-After: 1
	FaultHang      = "hang"      // never answers (until the client gives up)
	FaultMalformed = "malformed" // HTTP 200 with a truncated JSON body
	FaultHTML      = "html"      // HTTP 200 with a captcha-like HTML page
	FaultBadToken  = "badtoken"  // answers as if the 17token were wrong
	FaultDeep      = "deep"      // HTTP 200 with JSON nested 20,000 deep (overflows recursive parsers)
	FaultHuge      = "huge"      // HTTP 200 with a 10 MB body, streamed
	FaultEchoKey   = "echokey"   // a normal answer whose event texts and provider name echo the 17TRACK key (cainiao, gettrackinfo)
)

// DeepLevels and HugeBytes size the deep and huge faults.
const (
	DeepLevels = 20000
	HugeBytes  = 10 << 20
)

// EchoForms are the ways FaultEchoKey echoes key: whole, upper- and
// lower-cased, and cut to runs of 8 to 12 characters.
func EchoForms(key string) []string {
	forms := []string{key, strings.ToUpper(key), strings.ToLower(key)}
	if len(key) >= 12 {
		forms = append(forms, key[:8], strings.ToUpper(key[len(key)-9:]), "x"+strings.ToLower(key[2:14])+"y")
	}
	return forms
}

// Fault makes calls fail. Endpoint is "cainiao", "register",
// "gettrackinfo" or "" for all; Number limits it to calls that include that
// number ("" for any); Times is how many calls it hits (0 = until reset).
type Fault struct {
	Endpoint string `json:"endpoint"`
	Number   string `json:"number"`
	Mode     string `json:"mode"`
	Times    int    `json:"times"`
}

// Stats counts calls per endpoint and the numbers they carried.
type Stats struct {
	Calls         map[string]int `json:"calls"`   // per endpoint
	Numbers       map[string]int `json:"numbers"` // numbers carried, per endpoint
	MaxBatch      map[string]int `json:"maxBatch"`
	TokenFailures int            `json:"tokenFailures"`
	Langs         []string       `json:"langs"` // Cainiao lang values seen, in order
	Registered    []string       `json:"registered"`
}

// Server is the fake. Create it with New.
type Server struct {
	mu         sync.Mutex
	token      string
	cainiao    map[string]json.RawMessage // number → module
	track17    map[string]json.RawMessage // number → accepted item
	unknown    json.RawMessage            // module template for unknown numbers
	registered map[string]bool
	faults     []Fault
	stats      Stats

	stop     chan struct{}
	stopOnce sync.Once
}

// New loads the samples from the repository's internal/testdata/upstream
// (found by internal/testenv) and expects token in the 17token header (""
// accepts any).
func New(token string) (*Server, error) {
	base, err := testenv.DataDir("upstream")
	if err != nil {
		return nil, err
	}
	return NewFrom(base, token)
}

// NewFrom is New with the samples read from base (a copy of
// internal/testdata/upstream).
func NewFrom(base, token string) (*Server, error) {
	s := &Server{token: token, stop: make(chan struct{})}
	s.reset()
	s.cainiao = map[string]json.RawMessage{}
	s.track17 = map[string]json.RawMessage{}
	for _, c := range cainiaoSamples {
		mod, err := loadCainiaoModule(filepath.Join(base, cainiaoDir, c.File))
		if err != nil {
			return nil, err
		}
		s.cainiao[c.Number] = mod
	}
	unk, err := loadCainiaoModule(filepath.Join(base, cainiaoDir, unknownCainiao))
	if err != nil {
		return nil, err
	}
	s.unknown = unk
	for _, t := range track17Samples {
		var item json.RawMessage
		if t.FromCainiao {
			item, err = cainiaoAs17(s.cainiao[t.Number], t.Status, t.Sub)
		} else {
			item, err = load17Item(filepath.Join(base, track17Dir, t.File))
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", t.Number, err)
		}
		s.track17[t.Number] = item
	}
	return s, nil
}

// Story makes number answer with a Cainiao module of the caller's making
// (the demo builds one per scenario, dated relative to today, from the same
// events as its AliExpress page) and, when status is not "", with the same
// events in 17TRACK's shape and that latest status.
func (s *Server) Story(number string, module json.RawMessage, status, sub string) error {
	if !json.Valid(module) {
		return fmt.Errorf("trackertest: story for %q: the module is not JSON", number)
	}
	mod := rewrite(module, "mailNo", number)
	var item json.RawMessage
	if status != "" {
		var err error
		if item, err = cainiaoAs17(mod, status, sub); err != nil {
			return fmt.Errorf("trackertest: story for %q: %w", number, err)
		}
		item = rewrite(item, "number", number)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cainiao[number] = mod
	if item != nil {
		s.track17[number] = item
	} else {
		delete(s.track17, number)
	}
	return nil
}

// Alias makes number answer exactly like known (in both trackers, where the
// fake knows known), with the number rewritten. Tests use it to give
// numbers of their choice a real story.
func (s *Server) Alias(number, known string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	ok := false
	if m, found := s.cainiao[known]; found {
		s.cainiao[number] = rewrite(m, "mailNo", number)
		ok = true
	}
	if it, found := s.track17[known]; found {
		s.track17[number] = rewrite(it, "number", number)
		ok = true
	}
	if !ok {
		return fmt.Errorf("trackertest: no sample for %q", known)
	}
	return nil
}

// SetToken changes the 17token the fake expects (tests of a wrong key).
func (s *Server) SetToken(token string) {
	s.mu.Lock()
	s.token = token
	s.mu.Unlock()
}

// Known lists the numbers each tracker has a story for.
func (s *Server) Known() (cainiao, track17 []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for n := range s.cainiao {
		cainiao = append(cainiao, n)
	}
	for n := range s.track17 {
		track17 = append(track17, n)
	}
	sort.Strings(cainiao)
	sort.Strings(track17)
	return
}

// Close releases hanging requests.
func (s *Server) Close() { s.stopOnce.Do(func() { close(s.stop) }) }

// Snapshot returns a copy of the counters.
func (s *Server) Snapshot() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, _ := json.Marshal(s.stats)
	var c Stats
	_ = json.Unmarshal(b, &c)
	return c
}

// SetFault adds a fault.
func (s *Server) SetFault(f Fault) {
	s.mu.Lock()
	s.faults = append(s.faults, f)
	s.mu.Unlock()
}

// Reset clears counters, faults and the registered set.
func (s *Server) Reset() {
	s.mu.Lock()
	s.reset()
	s.mu.Unlock()
}

func (s *Server) reset() {
	s.registered = map[string]bool{}
	s.faults = nil
	s.stats = Stats{Calls: map[string]int{}, Numbers: map[string]int{}, MaxBatch: map[string]int{}}
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch p := r.URL.Path; {
	case p == "/global/detail.json":
		s.serveCainiao(w, r)
	case strings.HasPrefix(p, "/track/v2") && strings.HasSuffix(p, "/register"):
		s.serve17(w, r, "register")
	case strings.HasPrefix(p, "/track/v2") && strings.HasSuffix(p, "/gettrackinfo"):
		s.serve17(w, r, "gettrackinfo")
	case p == "/_stats":
		writeJSON(w, http.StatusOK, s.Snapshot())
	case p == "/_reset" && r.Method == http.MethodPost:
		s.Reset()
		writeJSON(w, http.StatusOK, map[string]bool{"ok": true})
	case p == "/_fault" && r.Method == http.MethodPost:
		var f Fault
		if err := json.NewDecoder(r.Body).Decode(&f); err != nil || f.Mode == "" {
			http.Error(w, "bad fault", http.StatusBadRequest)
			return
		}
		s.SetFault(f)
		writeJSON(w, http.StatusOK, map[string]bool{"ok": true})
	case p == "/_alias" && r.Method == http.MethodPost:
		var a struct{ Number, Known string }
		if err := json.NewDecoder(r.Body).Decode(&a); err != nil {
			http.Error(w, "bad alias", http.StatusBadRequest)
			return
		}
		if err := s.Alias(a.Number, a.Known); err != nil {
			http.Error(w, err.Error(), http.StatusNotFound)
			return
		}
		writeJSON(w, http.StatusOK, map[string]bool{"ok": true})
	case p == "/_story" && r.Method == http.MethodPost:
		var st struct {
			Number  string                        `json:"number"`
			Cainiao json.RawMessage               `json:"cainiao"`
			Track17 *struct{ Status, Sub string } `json:"track17"`
		}
		if err := json.NewDecoder(io.LimitReader(r.Body, 1<<20)).Decode(&st); err != nil || st.Number == "" || len(st.Cainiao) == 0 {
			http.Error(w, "bad story: want {number, cainiao: module, track17?: {status, sub}}", http.StatusBadRequest)
			return
		}
		var err error
		if st.Track17 != nil {
			err = s.Story(st.Number, st.Cainiao, st.Track17.Status, st.Track17.Sub)
		} else {
			err = s.Story(st.Number, st.Cainiao, "", "")
		}
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		writeJSON(w, http.StatusOK, map[string]bool{"ok": true})
	case p == "/healthz":
		writeJSON(w, http.StatusOK, map[string]bool{"ok": true})
	default:
		http.NotFound(w, r)
	}
}

// count records a call and returns the fault that applies to it, if any.
func (s *Server) count(endpoint string, numbers []string) *Fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stats.Calls[endpoint]++
	s.stats.Numbers[endpoint] += len(numbers)
	if len(numbers) > s.stats.MaxBatch[endpoint] {
		s.stats.MaxBatch[endpoint] = len(numbers)
	}
	for i := range s.faults {
		f := &s.faults[i]
		if f.Endpoint != "" && f.Endpoint != endpoint {
			continue
		}
		if f.Number != "" && !slices.Contains(numbers, f.Number) {
			continue
		}
		hit := *f
		if f.Times > 0 {
			f.Times--
			if f.Times == 0 {
				s.faults = append(s.faults[:i], s.faults[i+1:]...)
			}
		}
		return &hit
	}
	return nil
}

// fail writes the fault's answer; it reports false for modes that do not
// apply to the endpoint.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, f *Fault) bool {
	switch f.Mode {
	case Fault500:
		http.Error(w, "upstream exploded (fake)", http.StatusInternalServerError)
	case Fault429:
		w.Header().Set("Retry-After", "1")
		http.Error(w, "too many requests (fake)", http.StatusTooManyRequests)
	case FaultHang:
		select {
		case <-r.Context().Done():
		case <-s.stop:
		case <-time.After(2 * time.Minute):
		}
	case FaultMalformed:
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte(`{"module":[{"mailNo":"`))
	case FaultHTML:
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte(`<!doctype html><title>captcha</title><p>unusual traffic</p>`))
	case FaultBadToken:
		writeJSON(w, http.StatusUnauthorized, badTokenBody)
	case FaultDeep:
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte(`{"module":` + strings.Repeat("[", DeepLevels) + strings.Repeat("]", DeepLevels) + `,"success":true}`))
	case FaultHuge:
		// Streamed, no Content-Length: the client must stop reading by itself.
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte(`{"success":true,"pad":"`))
		chunk := []byte(strings.Repeat("x", 64<<10))
		for sent := 0; sent < HugeBytes; sent += len(chunk) {
			if _, err := w.Write(chunk); err != nil {
				return true // the client hung up: what the worker should do
			}
		}
		_, _ = w.Write([]byte(`","module":[]}`))
	default:
		return false
	}
	return true
}

// echoCainiao is a Cainiao module for number whose event texts echo key.
func echoCainiao(number, key string) json.RawMessage {
	var details []map[string]any
	base := time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)
	for i, f := range EchoForms(key) {
		details = append(details, map[string]any{
			"time": base.Add(time.Duration(i) * time.Hour).UnixMilli(), "timeStr": base.Add(time.Duration(i) * time.Hour).Format("2006-01-02 15:04:05"),
			"desc": "Arrived at sorting center " + f, "standerdDesc": "Arrived at sorting center " + f, "actionCode": "SC_INBOUND_SUCCESS",
		})
	}
	m, _ := json.Marshal(map[string]any{"mailNo": number, "detailList": details, "status": "TRANSIT",
		"destCountry": "Latvia " + key, "originCountry": "China"})
	return m
}

// echo17 is a gettrackinfo item for number whose events and provider name
// echo key.
func echo17(number, key string) any {
	var events []map[string]any
	base := time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)
	forms := EchoForms(key)
	for i := len(forms) - 1; i >= 0; i-- {
		t := base.Add(time.Duration(i) * time.Hour)
		events = append(events, map[string]any{"time_iso": t.Format(time.RFC3339), "time_utc": t.Format(time.RFC3339),
			"description": "Departed facility " + forms[i], "location": "Hub " + forms[i], "stage": nil, "sub_status": nil})
	}
	return map[string]any{"number": number, "carrier": 190271, "param": nil, "tag": nil,
		"track_info": map[string]any{
			"latest_status": map[string]any{"status": "InTransit", "sub_status": "InTransit_Other", "sub_status_descr": nil},
			"latest_event":  events[0],
			"tracking": map[string]any{"providers_hash": 1, "providers": []any{map[string]any{
				"provider":           map[string]any{"key": 190271, "name": strings.ToUpper(key) + " Express", "alias": key[:8], "country": "CN", "tel": key},
				"latest_sync_status": "Success",
				"events":             events,
			}}},
		}}
}

// badTokenBody is 17TRACK's whole-call failure for a wrong key (the v1
// fixture's shape; v2 keeps the envelope).
var badTokenBody = json.RawMessage(`{"code":401,"data":{"errors":[{"code":-18010002,"message":"Invalid security key."}]}}`)

func (s *Server) serveCainiao(w http.ResponseWriter, r *http.Request) {
	var numbers []string
	for _, n := range strings.Split(r.URL.Query().Get("mailNos"), ",") {
		if n = strings.TrimSpace(n); n != "" {
			numbers = append(numbers, n)
		}
	}
	s.mu.Lock()
	s.stats.Langs = append(s.stats.Langs, r.URL.Query().Get("lang"))
	s.mu.Unlock()
	f := s.count("cainiao", numbers)
	if f != nil && s.fail(w, r, f) {
		return
	}
	echo := f != nil && f.Mode == FaultEchoKey
	if len(numbers) == 0 {
		writeJSON(w, http.StatusOK, map[string]any{"success": false, "errorCode": "PARAM_ERROR", "errorMsg": "mailNos is empty"})
		return
	}
	mods := make([]json.RawMessage, 0, len(numbers))
	s.mu.Lock()
	for _, n := range numbers {
		if echo && (f.Number == "" || f.Number == n) {
			mods = append(mods, echoCainiao(n, s.token))
		} else if m, ok := s.cainiao[n]; ok {
			mods = append(mods, m)
		} else {
			mods = append(mods, rewrite(s.unknown, "mailNo", n))
		}
	}
	s.mu.Unlock()
	// The real service sets cookies and an application header; replay them
	// so the worker is tested against them (it must ignore them).
	w.Header().Set("x-application-context", "cngot-detail:production:7001")
	w.Header().Add("Set-Cookie", "xman_us_f=x_l=0; Domain=.aliexpress.com; Path=/")
	writeJSON(w, http.StatusOK, map[string]any{"module": mods, "success": true})
}

type item17 struct {
	Number  string `json:"number"`
	Carrier any    `json:"carrier,omitempty"`
}

func (s *Server) serve17(w http.ResponseWriter, r *http.Request, endpoint string) {
	if r.Method != http.MethodPost {
		http.Error(w, "POST only", http.StatusMethodNotAllowed)
		return
	}
	var items []item17
	decErr := json.NewDecoder(r.Body).Decode(&items)
	numbers := make([]string, 0, len(items))
	for _, it := range items {
		numbers = append(numbers, it.Number)
	}
	f := s.count(endpoint, numbers)
	s.mu.Lock()
	badToken := s.token != "" && r.Header.Get("17token") != s.token
	if badToken {
		s.stats.TokenFailures++
	}
	s.mu.Unlock()
	if badToken {
		writeJSON(w, http.StatusUnauthorized, badTokenBody)
		return
	}
	if f != nil && s.fail(w, r, f) {
		return
	}
	if decErr != nil {
		writeJSON(w, http.StatusOK, envelope(-18010013, nil, nil, "Submitted data is invalid."))
		return
	}
	if len(items) > 40 {
		writeJSON(w, http.StatusOK, envelope(-18010014, nil, nil, "The number of submitted items exceeds 40."))
		return
	}
	var accepted, rejected []any
	s.mu.Lock()
	for _, it := range items {
		n := it.Number
		switch {
		case len(n) < 5 || len(n) > 50 || !alnum(n):
			rejected = append(rejected, rejection(n, -18010012, "The format of '"+n+"' is invalid."))
		case endpoint == "register" && s.registered[n]:
			rejected = append(rejected, rejection(n, -18019901, "The tracking number '"+n+"' is already registered."))
		case endpoint == "register":
			s.registered[n] = true
			s.stats.Registered = append(s.stats.Registered, n)
			carrier := 0
			if _, ok := s.cainiao[n]; ok {
				carrier = 190271
			}
			accepted = append(accepted, map[string]any{"origin": 1, "number": n, "carrier": carrier})
		case !s.registered[n]:
			rejected = append(rejected, rejection(n, -18019902, "The tracking number '"+n+"' does not register, please register first."))
		case f != nil && f.Mode == FaultEchoKey && (f.Number == "" || f.Number == n):
			accepted = append(accepted, echo17(n, s.token))
		default:
			if item, ok := s.track17[n]; ok {
				accepted = append(accepted, item)
			} else {
				rejected = append(rejected, rejection(n, -18019909, "No tracking information at this time."))
			}
		}
	}
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, envelope(0, accepted, rejected, ""))
}

func envelope(code int, accepted, rejected []any, msg string) map[string]any {
	if code != 0 {
		return map[string]any{"code": code, "data": map[string]any{"errors": []any{map[string]any{"code": code, "message": msg}}}}
	}
	if accepted == nil {
		accepted = []any{}
	}
	if rejected == nil {
		rejected = []any{}
	}
	return map[string]any{"code": 0, "data": map[string]any{"accepted": accepted, "rejected": rejected}}
}

func rejection(number string, code int, msg string) map[string]any {
	return map[string]any{"number": number, "error": map[string]any{"code": code, "message": msg}}
}

// loadCainiaoModule reads a sample (plain or wrapped as
// {status,statusText,headers,body}) and returns its first module.
func loadCainiaoModule(path string) (json.RawMessage, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var doc struct {
		Body   json.RawMessage   `json:"body"`
		Module []json.RawMessage `json:"module"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(doc.Body) > 0 {
		if doc.Body[0] == '"' { // body stored as a string
			var s string
			if err := json.Unmarshal(doc.Body, &s); err != nil {
				return nil, err
			}
			doc.Body = json.RawMessage(s)
		}
		if err := json.Unmarshal(doc.Body, &doc); err != nil {
			return nil, fmt.Errorf("%s body: %w", path, err)
		}
	}
	if len(doc.Module) == 0 {
		return nil, fmt.Errorf("%s: no module", path)
	}
	return doc.Module[0], nil
}

// load17Item reads a v2 webhook sample and returns its data object, which
// is exactly one gettrackinfo accepted item.
func load17Item(path string) (json.RawMessage, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var doc struct {
		Data json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(b, &doc); err != nil || len(doc.Data) == 0 {
		return nil, fmt.Errorf("%s: no data object (%v)", path, err)
	}
	return doc.Data, nil
}

// cainiaoAs17 re-expresses a Cainiao module as a 17TRACK accepted item:
// the same events (newest first), with time_iso from timeStr at UTC+8 (the
// instant Cainiao's epoch denotes) and Cainiao's normalised text.
func cainiaoAs17(module json.RawMessage, status, sub string) (json.RawMessage, error) {
	var m struct {
		MailNo     string `json:"mailNo"`
		DetailList []struct {
			Time     int64  `json:"time"`
			Desc     string `json:"desc"`
			Standard string `json:"standerdDesc"`
		} `json:"detailList"`
	}
	if err := json.Unmarshal(module, &m); err != nil {
		return nil, err
	}
	cst := time.FixedZone("", 8*3600)
	events := make([]map[string]any, 0, len(m.DetailList))
	for _, d := range m.DetailList {
		t := time.UnixMilli(d.Time)
		text := d.Standard
		if text == "" {
			text = d.Desc
		}
		events = append(events, map[string]any{
			"time_iso":    t.In(cst).Format(time.RFC3339),
			"time_utc":    t.UTC().Format(time.RFC3339),
			"description": text,
			"location":    nil,
			"stage":       nil,
			"sub_status":  nil,
		})
	}
	var latest any
	if len(events) > 0 {
		latest = events[0]
	}
	item := map[string]any{
		"number": m.MailNo, "carrier": 190271, "param": nil, "tag": nil,
		"track_info": map[string]any{
			"latest_status": map[string]any{"status": status, "sub_status": sub, "sub_status_descr": nil},
			"latest_event":  latest,
			"tracking": map[string]any{"providers_hash": 1, "providers": []any{map[string]any{
				"provider":           map[string]any{"key": 190271, "name": "Cainiao", "alias": "Cainiao", "country": "CN"},
				"latest_sync_status": "Success",
				"events":             events,
			}}},
		},
	}
	return json.Marshal(item)
}

// rewrite returns obj with its top-level string field key set to value.
func rewrite(obj json.RawMessage, key, value string) json.RawMessage {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(obj, &m); err != nil {
		return obj
	}
	v, _ := json.Marshal(value)
	m[key] = v
	out, err := json.Marshal(m)
	if err != nil {
		return obj
	}
	return out
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}

func alnum(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '-') {
			return false
		}
	}
	return true
}
