//go:build !js

package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"time"
)

// httpTransport is the native Transport (tests, `go run ./worker`).
type httpTransport struct{ client *http.Client }

func newHTTPTransport() *httpTransport { return &httpTransport{client: &http.Client{}} }

func (t *httpTransport) Do(ctx context.Context, r *OutRequest) (*OutResponse, error) {
	if r.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, r.Timeout)
		defer cancel()
	}
	var body io.Reader
	if r.Body != nil {
		body = bytes.NewReader(r.Body)
	}
	req, err := http.NewRequestWithContext(ctx, r.Method, r.URL, body)
	if err != nil {
		return nil, err
	}
	for i := 0; i+1 < len(r.Header); i += 2 {
		req.Header.Set(r.Header[i], r.Header[i+1])
	}
	res, err := t.client.Do(req)
	if err != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return nil, errTimeout
		}
		return nil, err
	}
	defer res.Body.Close()
	if res.ContentLength > maxUpstreamBody {
		return nil, errTooLarge
	}
	// One byte past the cap tells "too large" from "exactly the cap".
	b, err := io.ReadAll(io.LimitReader(res.Body, maxUpstreamBody+1))
	if err != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return nil, errTimeout
		}
		return nil, err
	}
	if len(b) > maxUpstreamBody {
		return nil, errTooLarge
	}
	return &OutResponse{Status: res.StatusCode, RetryAfter: res.Header.Get("Retry-After"), Body: b}, nil
}

func (t *httpTransport) Sleep(ctx context.Context, d time.Duration) {
	select {
	case <-ctx.Done():
	case <-time.After(d):
	}
}
