package main

import (
	"strconv"
	"strings"
	"time"
)

// Config is contract 2's configuration, read from wrangler vars and secrets
// (or the process environment natively). The names are the contract's;
// RATE_LIMIT, RATE_WINDOW, UPSTREAM_TIMEOUT_MS and CACHE_API extend it.
type Config struct {
	CainiaoURL        string        // CAINIAO_URL: the full detail.json URL
	SeventeenURL      string        // SEVENTEEN_URL: the API base; "/register" and "/gettrackinfo" are appended
	SeventeenToken    string        // SEVENTEEN_TOKEN (secret): sent as the 17token header, nowhere else
	AllowedOrigins    []string      // ALLOWED_ORIGINS: exact origins and scheme wildcards ("moz-extension://*"), comma or space separated
	AllowNoOrigin     bool          // ALLOW_NO_ORIGIN=1: /v1/… answers requests without Origin (curl); otherwise 403
	RegisterPerClient int           // REGISTER_DAILY_PER_CLIENT: new 17TRACK registrations per client per UTC day (0 = none)
	RegisterGlobal    int           // REGISTER_DAILY: new 17TRACK registrations per UTC day, all clients (0 = none)
	CacheTTL          time.Duration // CACHE_TTL (seconds): how long answers for moving parcels are kept
	FinalTTL          time.Duration // answers for delivered or returned parcels
	PendingTTL        time.Duration // 17TRACK's "no information yet" answers
	RegisteredTTL     time.Duration // how long "already registered with 17TRACK" is remembered
	RateLimit         int           // RATE_LIMIT: requests per client per window (0 disables)
	RateWindow        time.Duration // RATE_WINDOW (seconds)
	UpstreamTimeout   time.Duration // UPSTREAM_TIMEOUT_MS: per attempt
	RetryBackoff      time.Duration // wait before the one retry (longer when the upstream sends Retry-After)
	CacheAPI          bool          // CACHE_API ("0" or "off" disables): share answers through the Workers Cache API
}

// Defaults for the real trackers.
const (
	defaultCainiaoURL   = "https://global.cainiao.com/global/detail.json"
	defaultSeventeenURL = "https://api.17track.net/track/v2.2"
)

// ConfigFromEnv builds a Config from getenv, filling defaults.
func ConfigFromEnv(getenv func(string) string) Config {
	c := Config{
		CainiaoURL:        strings.TrimSpace(getenv("CAINIAO_URL")),
		SeventeenURL:      strings.TrimRight(strings.TrimSpace(getenv("SEVENTEEN_URL")), "/"),
		SeventeenToken:    strings.TrimSpace(getenv("SEVENTEEN_TOKEN")),
		AllowedOrigins:    splitList(getenv("ALLOWED_ORIGINS")),
		AllowNoOrigin:     strings.TrimSpace(getenv("ALLOW_NO_ORIGIN")) == "1",
		RegisterPerClient: intOr(getenv("REGISTER_DAILY_PER_CLIENT"), 20),
		RegisterGlobal:    intOr(getenv("REGISTER_DAILY"), 100),
		CacheTTL:          seconds(getenv("CACHE_TTL"), 30*time.Minute),
		FinalTTL:          7 * 24 * time.Hour,
		RegisteredTTL:     60 * 24 * time.Hour,
		RateLimit:         intOr(getenv("RATE_LIMIT"), 120),
		RateWindow:        seconds(getenv("RATE_WINDOW"), time.Minute),
		UpstreamTimeout:   time.Duration(intOr(getenv("UPSTREAM_TIMEOUT_MS"), 8000)) * time.Millisecond,
		RetryBackoff:      300 * time.Millisecond,
		CacheAPI:          !strings.EqualFold(strings.TrimSpace(getenv("CACHE_API")), "off") && strings.TrimSpace(getenv("CACHE_API")) != "0",
	}
	if c.CainiaoURL == "" {
		c.CainiaoURL = defaultCainiaoURL
	}
	if c.SeventeenURL == "" {
		c.SeventeenURL = defaultSeventeenURL
	}
	c.PendingTTL = min(c.CacheTTL, 5*time.Minute)
	return c
}

func splitList(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\n' || r == '\t' })
}

func seconds(s string, def time.Duration) time.Duration {
	if n := intOr(s, -1); n >= 0 {
		return time.Duration(n) * time.Second
	}
	return def
}

func intOr(s string, def int) int {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 0 {
		return def
	}
	return n
}
