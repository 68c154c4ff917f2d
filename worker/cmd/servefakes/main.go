// Command servefakes serves the worker in local workerd (wrangler dev) wired
// to the fake trackers, for `make serve-with-fakes`, the extension's
// end-to-end tests, its benchmark and `make demo`. It uses the same launcher
// (package workertest) as the worker's own end-to-end tests.
//
//	servefakes [-port 8787] [-alias NEW=KNOWN,...]
//
// It prints "READY worker=URL fakes=URL" once the worker answers, then runs
// until interrupted. The worker's configuration (ALLOWED_ORIGINS, RATE_LIMIT,
// CACHE_TTL, …) comes from the environment; SEVENTEEN_TOKEN defaults to a test
// token that the fakes expect.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/waybill/waybill/worker/workertest"
)

func main() {
	port := flag.Int("port", 0, "port on 127.0.0.1 for the worker (0: a free one)")
	aliases := flag.String("alias", os.Getenv("FAKE_ALIASES"), "comma-separated NEW=KNOWN pairs: NEW answers like the sample number KNOWN")
	flag.Parse()
	if err := run(*port, *aliases); err != nil {
		fmt.Fprintln(os.Stderr, "servefakes:", err)
		os.Exit(1)
	}
}

func run(port int, aliasList string) error {
	aliases := map[string]string{}
	for _, pair := range strings.Split(aliasList, ",") {
		if pair == "" {
			continue
		}
		n, known, ok := strings.Cut(pair, "=")
		if !ok {
			return fmt.Errorf("bad alias %q (want NEW=KNOWN)", pair)
		}
		aliases[n] = known
	}
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt, syscall.SIGTERM)
	w, err := workertest.Start(workertest.Options{
		Token:   os.Getenv("SEVENTEEN_TOKEN"),
		Aliases: aliases,
		Port:    port,
		Logs:    os.Stderr,
	})
	if err != nil {
		return err
	}
	defer w.Close()
	fmt.Printf("READY worker=%s fakes=%s\n", w.URL, w.Fakes.URL)
	<-stop
	return nil
}
