package main

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/tidwall/gjson"
	"github.com/waybill/waybill/internal/api"
)

// Contract 2's limits.
const (
	maxBody    = 64 << 10
	maxNumbers = 40
)

// Server answers contract 2. It is a plain http.Handler: natively it runs
// under httptest and net/http, in workerd behind the JavaScript bridge.
type Server struct {
	cfg     Config
	tr      Transport
	store   Store
	limiter RateLimiter // the Rate Limiting binding in workerd (see limit.go)
	ledger  Ledger      // 17TRACK registrations and budgets: a Durable Object in workerd
	red     *redactor   // hides SEVENTEEN_TOKEN in everything sent or logged
	bytes   *byteBudget // upstream answer bytes held at once
	now     func() time.Time
	origins map[string]bool
	schemes []string // "moz-extension://": any origin of that scheme
	sources []source
	parsed  *memo[numberInfo]
	merged  *memo[mergedEntry]
	// registered remembers, until when, the numbers this instance saw the
	// ledger confirm as registered with 17TRACK (see seventeenSource.admit).
	registered *memo[time.Time]
}

// NewServer wires a Server; store is the whole cache (tiered in workerd).
func NewServer(cfg Config, tr Transport, store Store, now func() time.Time) *Server {
	s := &Server{cfg: cfg, tr: tr, store: store, now: now,
		limiter:    newLimiter(cfg.RateLimit, cfg.RateWindow),
		ledger:     newMemLedger(),
		red:        newRedactor(cfg.SeventeenToken),
		bytes:      newByteBudget(maxUpstreamInFlight),
		origins:    map[string]bool{},
		parsed:     newMemo[numberInfo](4096),
		merged:     newMemo[mergedEntry](2048),
		registered: newMemo[time.Time](8192)}
	for _, o := range cfg.AllowedOrigins {
		o = strings.TrimRight(o, "/")
		if scheme, ok := strings.CutSuffix(o, "://*"); ok {
			// Only for schemes whose origins are per-install random ids
			// (Firefox, Safari). chrome-extension://<id> and web origins stay
			// exact: a wildcard there would admit every extension or page.
			if wildcardSchemes[scheme] {
				s.schemes = append(s.schemes, scheme+"://")
			}
			continue
		}
		s.origins[o] = true
	}
	s.sources = []source{&cainiaoSource{s}, &seventeenSource{s}}
	return s
}

// wildcardSchemes may be allowed as "<scheme>://*" in ALLOWED_ORIGINS.
var wildcardSchemes = map[string]bool{"moz-extension": true, "safari-web-extension": true}

// originAllowed matches an Origin against ALLOWED_ORIGINS.
func (s *Server) originAllowed(origin string) bool {
	if s.origins[origin] {
		return true
	}
	for _, p := range s.schemes {
		if id, ok := strings.CutPrefix(origin, p); ok && id != "" && !strings.ContainsAny(id, "/?#@:") {
			return true
		}
	}
	return false
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.red != nil {
		// The choke point: every answer, whatever produced it, is redacted
		// on its way out.
		w = redactWriter{w, s.red}
	}
	defer func() {
		if v := recover(); v != nil {
			// Never let a panic escape: it would end the Go instance for
			// every request it serves. Logged (redacted) for diagnosis.
			s.logf("panic serving %s %s: %v", r.Method, r.URL.Path, v)
			writeError(w, http.StatusInternalServerError, "internal", "internal error")
		}
	}()
	h := w.Header()
	origin := r.Header.Get("Origin")
	if origin != "" {
		if !s.originAllowed(origin) {
			writeError(w, http.StatusForbidden, "origin_not_allowed", "origin "+strconv.Quote(origin)+" is not allowed")
			return
		}
		h.Set("Access-Control-Allow-Origin", origin)
		h.Set("Access-Control-Expose-Headers", "Retry-After")
		h.Add("Vary", "Origin")
		if r.Method == http.MethodOptions {
			h.Set("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
			h.Set("Access-Control-Allow-Headers", "Content-Type")
			h.Set("Access-Control-Max-Age", "86400")
			w.WriteHeader(http.StatusNoContent)
			return
		}
	}
	path := r.URL.Path
	if testHook(w, path) {
		return
	}
	if path == "/healthz" {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			writeError(w, http.StatusMethodNotAllowed, "method_not_allowed", "use GET /healthz")
			return
		}
		writeJSON(w, http.StatusOK, []byte(`{"ok":true,"version":`+strconv.Quote(api.Version)+`}`))
		return
	}
	if path != "/v1/track" && !strings.HasPrefix(path, "/v1/track/") {
		writeError(w, http.StatusNotFound, "not_found", "no such route: "+strconv.Quote(path)+" (try POST /v1/track, GET /v1/track/{number}, GET /healthz)")
		return
	}
	if r.Method == http.MethodOptions {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	if origin == "" && !s.cfg.AllowNoOrigin {
		// Browsers always send Origin on these cross-origin calls; the
		// extension does too. Not an authentication (it can be forged),
		// but it keeps casual scripts off the quota.
		writeError(w, http.StatusForbidden, "origin_required", "requests to /v1/ need an Origin header (set ALLOW_NO_ORIGIN=1 for local debugging)")
		return
	}
	client := clientID(clientKey(r))
	if ok, wait := s.limiter.Allow(r.Context(), client, s.now()); !ok {
		secs := int((wait + time.Second - 1) / time.Second)
		h.Set("Retry-After", strconv.Itoa(secs))
		writeError(w, http.StatusTooManyRequests, "rate_limited", "too many requests; retry in "+strconv.Itoa(secs)+" s")
		return
	}
	var numbers []string
	var lang string
	switch {
	case path == "/v1/track":
		if r.Method != http.MethodPost {
			writeError(w, http.StatusMethodNotAllowed, "method_not_allowed", "use POST /v1/track with {\"numbers\":[...]}")
			return
		}
		var status int
		var code, msg string
		numbers, lang, status, code, msg = readTrackBody(r)
		if status != 0 {
			writeError(w, status, code, msg)
			return
		}
	default:
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			writeError(w, http.StatusMethodNotAllowed, "method_not_allowed", "use GET /v1/track/{number}")
			return
		}
		n, err := url.PathUnescape(strings.TrimPrefix(r.URL.EscapedPath(), "/v1/track/"))
		if err != nil || n == "" || strings.Contains(n, "/") {
			writeError(w, http.StatusBadRequest, "bad_number", "put one tracking number after /v1/track/")
			return
		}
		if len(n) > 200 {
			writeError(w, http.StatusRequestURITooLong, "too_large", "a tracking number is at most 200 characters")
			return
		}
		numbers = []string{n}
		lang = r.URL.Query().Get("lang")
		if lang != "" && !validLang(lang) {
			writeError(w, http.StatusBadRequest, "bad_lang", "lang must look like en or en-US")
			return
		}
	}
	status, body := s.track(r.Context(), client, numbers, lang)
	writeJSON(w, status, body)
}

// readTrackBody reads and checks POST /v1/track's body. A non-zero status
// is the error to answer.
func readTrackBody(r *http.Request) (numbers []string, lang string, status int, code, msg string) {
	if r.ContentLength > maxBody {
		return nil, "", http.StatusRequestEntityTooLarge, "too_large", "the body is larger than 64 KiB"
	}
	if r.Body == nil {
		return nil, "", http.StatusBadRequest, "bad_json", "the body must be {\"numbers\":[...]}"
	}
	b, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if err != nil {
		return nil, "", http.StatusBadRequest, "bad_body", "could not read the body"
	}
	if len(b) > maxBody {
		return nil, "", http.StatusRequestEntityTooLarge, "too_large", "the body is larger than 64 KiB"
	}
	// Depth first: gjson.ValidBytes recurses per level (see checkDepth).
	if err := checkDepth(b, maxDepth); err != nil {
		return nil, "", http.StatusBadRequest, "bad_json", "the body is not acceptable JSON: " + err.Error()
	}
	if !gjson.ValidBytes(b) {
		return nil, "", http.StatusBadRequest, "bad_json", "the body is not valid JSON"
	}
	doc := gjson.ParseBytes(b)
	if !doc.IsObject() {
		return nil, "", http.StatusBadRequest, "bad_json", "the body must be an object {\"numbers\":[...]}"
	}
	nums := doc.Get("numbers")
	if !nums.IsArray() {
		return nil, "", http.StatusBadRequest, "bad_numbers", "\"numbers\" must be an array of strings"
	}
	arr := nums.Array()
	if len(arr) == 0 {
		return nil, "", http.StatusBadRequest, "bad_numbers", "\"numbers\" is empty"
	}
	if len(arr) > maxNumbers {
		return nil, "", http.StatusRequestEntityTooLarge, "too_many_numbers", "at most 40 numbers per request, got " + strconv.Itoa(len(arr))
	}
	numbers = make([]string, len(arr))
	for i, v := range arr {
		if v.Type != gjson.String {
			return nil, "", http.StatusBadRequest, "bad_numbers", "numbers[" + strconv.Itoa(i) + "] is not a string"
		}
		numbers[i] = v.Str
	}
	if l := doc.Get("lang"); l.Exists() {
		if l.Type != gjson.String || (l.Str != "" && !validLang(l.Str)) {
			return nil, "", http.StatusBadRequest, "bad_lang", "\"lang\" must look like en or en-US"
		}
		lang = l.Str
	}
	return numbers, lang, 0, "", ""
}

// validLang accepts BCP 47-ish tags: letters, digits and '-', 2–16 long.
func validLang(s string) bool {
	if len(s) < 2 || len(s) > 16 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// redactWriter redacts header values and body bytes (in place: callers
// hand it buffers they own) before they leave.
type redactWriter struct {
	http.ResponseWriter
	r *redactor
}

func (w redactWriter) WriteHeader(code int) {
	for _, vs := range w.Header() {
		for i, v := range vs {
			vs[i] = w.r.redactString(v)
		}
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w redactWriter) Write(b []byte) (int, error) {
	w.r.redact(b)
	return w.ResponseWriter.Write(b)
}

// logf writes one diagnostic line (to the console in workerd), redacted
// like every answer.
func (s *Server) logf(format string, args ...any) {
	fmt.Fprintln(os.Stderr, s.red.redactString("waybill: "+fmt.Sprintf(format, args...)))
}

// clientKey is the client's address as Cloudflare reports it. It is only
// ever hashed (see limiter).
func clientKey(r *http.Request) string {
	if ip := r.Header.Get("CF-Connecting-IP"); ip != "" {
		return ip
	}
	if r.RemoteAddr != "" {
		if i := strings.LastIndexByte(r.RemoteAddr, ':'); i > 0 {
			return r.RemoteAddr[:i]
		}
		return r.RemoteAddr
	}
	return "unknown"
}

func writeJSON(w http.ResponseWriter, status int, body []byte) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

func writeError(w http.ResponseWriter, status int, code, msg string) {
	writeJSON(w, status, api.AppendError(nil, code, msg))
}
