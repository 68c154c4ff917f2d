// Command faketracker serves the fake Cainiao and 17TRACK endpoints of
// package faketracker on 127.0.0.1, for `make dev`, the end-to-end tests,
// the benchmark and the extension's demo.
//
//	faketracker -addr 127.0.0.1:0 -token secret [-alias NEW=KNOWN,...]
//
// It prints "faketracker listening on http://ADDR" once it accepts
// connections, and with -portfile also writes the port there.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	"github.com/waybill/waybill/worker/faketracker"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "listen address (loopback only)")
	token := flag.String("token", os.Getenv("SEVENTEEN_TOKEN"), "expected 17token header (empty accepts any)")
	shared := flag.String("shared", envOr("SHARED", "../shared"), "the shared directory holding testdata/upstream")
	aliases := flag.String("alias", "", "comma-separated NEW=KNOWN pairs: NEW answers like the sample number KNOWN")
	portfile := flag.String("portfile", "", "write the bound port to this file")
	flag.Parse()

	host, _, err := net.SplitHostPort(*addr)
	if err != nil || (host != "127.0.0.1" && host != "localhost" && host != "::1") {
		log.Fatalf("faketracker: refusing to listen on %q: loopback only", *addr)
	}
	fake, err := faketracker.New(*shared, *token)
	if err != nil {
		log.Fatalf("faketracker: %v", err)
	}
	for _, pair := range strings.Split(*aliases, ",") {
		if pair == "" {
			continue
		}
		newNum, known, ok := strings.Cut(pair, "=")
		if !ok {
			log.Fatalf("faketracker: bad -alias %q", pair)
		}
		if err := fake.Alias(newNum, known); err != nil {
			log.Fatal(err)
		}
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatalf("faketracker: %v", err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	if *portfile != "" {
		if err := os.WriteFile(*portfile, []byte(strconv.Itoa(port)), 0o644); err != nil {
			log.Fatal(err)
		}
	}
	srv := &http.Server{Handler: fake}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		fake.Close()
		_ = srv.Close()
	}()
	fmt.Printf("faketracker listening on http://%s (samples from %s)\n", ln.Addr(), filepath.Clean(*shared))
	if err := srv.Serve(ln); err != nil && err != http.ErrServerClosed {
		log.Fatal(err)
	}
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}
