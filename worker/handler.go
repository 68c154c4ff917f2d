package main

import (
	"io"
	"net/http"
	"net/url"
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
	limiter *limiter
	now     func() time.Time
	origins map[string]bool
	sources []source
	parsed  *memo[numberInfo]
	merged  *memo[mergedEntry]
}

// NewServer wires a Server; store is the whole cache (tiered in workerd).
func NewServer(cfg Config, tr Transport, store Store, now func() time.Time) *Server {
	s := &Server{cfg: cfg, tr: tr, store: store, now: now,
		limiter: newLimiter(cfg.RateLimit, cfg.RateWindow),
		origins: map[string]bool{},
		parsed:  newMemo[numberInfo](4096),
		merged:  newMemo[mergedEntry](2048)}
	for _, o := range cfg.AllowedOrigins {
		s.origins[strings.TrimRight(o, "/")] = true
	}
	s.sources = []source{&cainiaoSource{s}, &seventeenSource{s}}
	return s
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	defer func() {
		if v := recover(); v != nil {
			// Never let a panic escape: it would end the Go instance.
			writeError(w, http.StatusInternalServerError, "internal", "internal error")
		}
	}()
	h := w.Header()
	origin := r.Header.Get("Origin")
	if origin != "" {
		if !s.origins[origin] {
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
	if testHook(path) {
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
	if ok, wait := s.limiter.allow(clientKey(r), s.now()); !ok {
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
	status, body := s.track(r.Context(), numbers, lang)
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
