package main

import (
	"context"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/tidwall/gjson"
)

// cainiaoBatch is how many numbers go into one detail.json call: clients
// that batch more trip Cainiao's "unusual traffic" wall (reference §2.1),
// and 40 numbers then cost at most 4 calls.
const cainiaoBatch = 10

// cainiaoSource asks Cainiao Global's detail.json (no key needed).
type cainiaoSource struct{ s *Server }

func (c *cainiaoSource) name() string     { return "cainiao" }
func (c *cainiaoSource) configured() bool { return c.s.cfg.CainiaoURL != "" }

func (c *cainiaoSource) cacheKey(number, lang string) string {
	return "cainiao/" + cainiaoLang(lang) + "/" + number
}

// cainiaoLang turns a request's lang into the locale Cainiao expects.
func cainiaoLang(lang string) string {
	switch strings.ToLower(lang) {
	case "", "en", "en-us":
		return "en-US"
	case "ru":
		return "ru-RU"
	case "es":
		return "es-ES"
	case "fr":
		return "fr-FR"
	case "de":
		return "de-DE"
	case "pt":
		return "pt-BR"
	case "it":
		return "it-IT"
	case "nl":
		return "nl-NL"
	case "pl":
		return "pl-PL"
	case "tr":
		return "tr-TR"
	case "uk":
		return "uk-UA"
	case "ko":
		return "ko-KR"
	case "ja":
		return "ja-JP"
	case "he", "iw":
		return "he-IL"
	case "ar":
		return "ar-MA"
	case "zh":
		return "zh-CN"
	}
	return lang
}

// keep stores Cainiao answers only while they are fresh.
func (c *cainiaoSource) keep(ttl time.Duration) time.Duration { return ttl }

func (c *cainiaoSource) fetch(ctx context.Context, rq *trackReq, numbers []string, _ map[string]bool) map[string]*sourceResult {
	lang := rq.lang
	out := make(map[string]*sourceResult, len(numbers))
	var mu sync.Mutex
	var wg sync.WaitGroup
	for start := 0; start < len(numbers); start += cainiaoBatch {
		batch := numbers[start:min(start+cainiaoBatch, len(numbers))]
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				// A panic on this goroutine would end the instance: make it
				// this batch's error instead.
				if v := recover(); v != nil {
					c.s.logf("panic in cainiao batch: %v", v)
					mu.Lock()
					for _, n := range batch {
						out[n] = failed("internal", "cainiao: internal error")
					}
					mu.Unlock()
				}
			}()
			got := c.fetchBatch(ctx, batch, lang)
			mu.Lock()
			for _, n := range batch {
				out[n] = got[n]
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	return out
}

func (c *cainiaoSource) fetchBatch(ctx context.Context, numbers []string, lang string) map[string]*sourceResult {
	out := make(map[string]*sourceResult, len(numbers))
	failAll := func(r *sourceResult) map[string]*sourceResult {
		for _, n := range numbers {
			out[n] = r
		}
		return out
	}
	joined := strings.Join(numbers, ",")
	u := c.s.cfg.CainiaoURL + "?mailNos=" + url.QueryEscape(joined) + "&lang=" + url.QueryEscape(cainiaoLang(lang))
	res, fail := c.s.call(ctx, "cainiao", &OutRequest{
		Method: "GET",
		URL:    u,
		Header: []string{
			"Accept", "application/json, text/plain, */*",
			"Referer", "https://global.cainiao.com/newDetail.htm?mailNoList=" + url.QueryEscape(joined),
		},
	})
	if fail != nil {
		return failAll(fail)
	}
	defer res.Release()
	if !gjson.ValidBytes(res.Body) {
		// An HTML captcha wall or a truncated body.
		return failAll(failed("bad_response", "cainiao answered something that is not JSON (throttled?)"))
	}
	doc := gjson.ParseBytes(res.Body)
	if !doc.Get("success").Bool() {
		msg := "cainiao reported failure"
		if code := doc.Get("errorCode").String(); code != "" && len(code) < 64 {
			msg += ": " + code
		}
		return failAll(failed("upstream_error", msg))
	}
	decoded, err := decodePayload("cainiao", res.Body, lang)
	if err != nil {
		return failAll(failed("bad_response", "cainiao: "+err.Error()))
	}
	fetchedAt := c.s.now().UTC().Format(timeLayout)
	for _, d := range decoded {
		if r := c.s.resultFrom(d, fetchedAt); slices.Contains(numbers, d.number) && out[d.number] == nil {
			out[d.number] = r
		}
	}
	for _, n := range numbers {
		if out[n] == nil {
			out[n] = failed("bad_response", "cainiao's answer has no entry for "+n)
		}
	}
	return out
}
