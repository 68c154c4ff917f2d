package main

import (
	"context"
	"errors"
	"time"
)

// Transport is the worker's only way out: one HTTP exchange, and waiting.
// In workerd both go through the request's own JavaScript (fetch with an
// AbortSignal, setTimeout); natively through net/http and Go timers.
type Transport interface {
	Do(ctx context.Context, req *OutRequest) (*OutResponse, error)
	Sleep(ctx context.Context, d time.Duration)
}

// OutRequest is one upstream call. Header holds name/value pairs.
type OutRequest struct {
	Method  string
	URL     string
	Header  []string
	Body    []byte
	Timeout time.Duration
}

// OutResponse is an upstream answer, body read in full.
type OutResponse struct {
	Status     int
	RetryAfter string
	Body       []byte
}

// errTimeout is returned by transports when an attempt ran out of time.
var errTimeout = errors.New("timed out")

// maxUpstreamBody bounds what the worker reads from an upstream.
const maxUpstreamBody = 4 << 20
