// Package workertest starts the worker in local workerd (wrangler dev), wired
// to the fake trackers of package trackertest. It is the one launcher that the
// end-to-end tests, the worker benchmark and the extension's tests and demo
// (through cmd/servefakes) share.
package workertest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/waybill/waybill/internal/testenv"
	"github.com/waybill/waybill/worker/trackertest"
)

// DefaultToken is the 17TRACK token the fakes expect and the worker sends
// when Options.Token is empty. It is a test value; tests assert it never
// appears in a response or a log.
const DefaultToken = "waybill-fake-17token"

// Fakes is a running trackertest server.
type Fakes struct {
	*trackertest.Server
	URL string // base URL: Cainiao at URL+"/global/detail.json", 17TRACK at URL+"/track/v2.2"
	srv *httptest.Server
}

// StartFakes serves the fake trackers on 127.0.0.1, expecting token, with
// aliases (new number → a sample number) giving chosen numbers a real story.
func StartFakes(token string, aliases map[string]string) (*Fakes, error) {
	fake, err := trackertest.New(token)
	if err != nil {
		return nil, err
	}
	for n, known := range aliases {
		if err := fake.Alias(n, known); err != nil {
			fake.Close()
			return nil, err
		}
	}
	srv := httptest.NewServer(fake)
	return &Fakes{Server: fake, URL: srv.URL, srv: srv}, nil
}

// Close stops the fakes.
func (f *Fakes) Close() {
	f.Server.Close()
	f.srv.Close()
}

// Options configure Start. The zero value serves the production build
// against fresh fakes with DefaultToken.
type Options struct {
	Token   string            // 17TRACK token (default DefaultToken)
	Aliases map[string]string // for fresh fakes: new number → sample number
	Fakes   *Fakes            // share these fakes instead of starting new ones
	Env     []string          // more KEY=VALUE for the worker: ALLOWED_ORIGINS, RATE_LIMIT, CACHE_TTL, WORKER_MAIN, …
	Logs    io.Writer         // also receives wrangler's output (it is always kept for Logs)
	// TestHooks serves the build made with -tags waybill_testhooks (GET
	// /_test/exit ends the Go instance); `make test-worker` builds it.
	TestHooks bool
	Port      int           // 0: a free port
	ReadyPath string        // polled until it answers 200 (default /healthz)
	Timeout   time.Duration // for readiness (default 120 s)
	PollEvery time.Duration // readiness poll interval (default 200 ms)
	// NoWait returns as soon as wrangler is launched, without polling: the
	// benchmark times the very first request (an isolate's cold start).
	NoWait bool
}

// Worker is a running wrangler dev.
type Worker struct {
	URL   string
	Fakes *Fakes

	cmd      *exec.Cmd
	logs     *syncBuffer
	ownFakes bool
	once     sync.Once
}

// Start launches worker/scripts/wrangler-dev.sh and waits until the worker answers.
func Start(o Options) (*Worker, error) {
	root, err := testenv.Root()
	if err != nil {
		return nil, err
	}
	if o.Token == "" {
		o.Token = DefaultToken
	}
	w := &Worker{logs: &syncBuffer{}, Fakes: o.Fakes}
	if w.Fakes == nil {
		if w.Fakes, err = StartFakes(o.Token, o.Aliases); err != nil {
			return nil, err
		}
		w.ownFakes = true
	}
	port := o.Port
	if port == 0 {
		if port, err = FreePort(); err != nil {
			w.Close()
			return nil, err
		}
	}
	w.URL = "http://127.0.0.1:" + strconv.Itoa(port)
	w.cmd = exec.Command(filepath.Join(root, "worker", "scripts", "wrangler-dev.sh"), strconv.Itoa(port))
	// The fakes have no quota: generous registration budgets unless the
	// environment or o.Env sets them (later entries win).
	w.cmd.Env = append([]string{"REGISTER_DAILY=100000", "REGISTER_DAILY_PER_CLIENT=100000"}, os.Environ()...)
	w.cmd.Env = append(w.cmd.Env,
		"CAINIAO_URL="+w.Fakes.URL+"/global/detail.json",
		"SEVENTEEN_URL="+w.Fakes.URL+"/track/v2.2",
		"SEVENTEEN_TOKEN="+o.Token,
	)
	if o.TestHooks {
		w.cmd.Env = append(w.cmd.Env, "WORKER_BUILD_DIR="+filepath.Join(root, "worker", "build", "testhooks"))
	}
	w.cmd.Env = append(w.cmd.Env, o.Env...)
	var out io.Writer = w.logs
	if o.Logs != nil {
		out = io.MultiWriter(w.logs, o.Logs)
	}
	w.cmd.Stdout, w.cmd.Stderr = out, out
	w.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := w.cmd.Start(); err != nil {
		w.Close()
		return nil, fmt.Errorf("workertest: wrangler: %w", err)
	}
	exited := make(chan struct{})
	go func() { _ = w.cmd.Wait(); close(exited) }()
	if o.NoWait {
		return w, nil
	}
	if err := w.waitReady(o, exited); err != nil {
		w.Close()
		return nil, err
	}
	return w, nil
}

func (w *Worker) waitReady(o Options, exited <-chan struct{}) error {
	path, timeout := o.ReadyPath, o.Timeout
	if path == "" {
		path = "/healthz"
	}
	if timeout == 0 {
		timeout = 120 * time.Second
	}
	client := &http.Client{Timeout: 5 * time.Second}
	deadline := time.Now().Add(timeout)
	for {
		if res, err := client.Get(w.URL + path); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-exited:
			return errors.New("workertest: wrangler exited:\n" + Tail(w.Logs(), 4000))
		default:
		}
		if time.Now().After(deadline) {
			return errors.New("workertest: the worker did not become ready:\n" + Tail(w.Logs(), 4000))
		}
		poll := o.PollEvery
		if poll <= 0 {
			poll = 200 * time.Millisecond
		}
		time.Sleep(poll)
	}
}

// RSS returns the resident memory (bytes) of the workerd processes under
// this wrangler dev, or -1.
func (w *Worker) RSS() int64 {
	var total int64 = -1
	for _, p := range w.workerd() {
		status, err := os.ReadFile("/proc/" + strconv.Itoa(p.pid) + "/status")
		if err != nil {
			continue
		}
		for _, line := range strings.Split(string(status), "\n") {
			if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
				kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
				total = max(total, 0) + kb<<10
			}
		}
	}
	return total
}

// CPU returns the CPU time (ms) the workerd processes under this wrangler dev
// have used so far, or -1.
func (w *Worker) CPU() int64 {
	var total int64 = -1
	for _, p := range w.workerd() {
		total = max(total, 0) + p.ticks*10 // clock ticks of 10 ms (USER_HZ = 100)
	}
	return total
}

// proc is one line of /proc/<pid>/stat, as far as CPU and RSS need it.
type proc struct {
	pid, ppid int
	comm      string
	ticks     int64 // user + system
}

// workerd returns the workerd processes that descend from this wrangler dev.
func (w *Worker) workerd() []proc {
	root := w.Pid()
	entries, err := os.ReadDir("/proc")
	if root <= 0 || err != nil {
		return nil
	}
	procs := map[int]proc{}
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		stat, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue
		}
		// comm is in parentheses and may contain spaces: split after it.
		i := bytes.LastIndexByte(stat, ')')
		j := bytes.IndexByte(stat, '(')
		if i < 0 || j < 0 || j > i {
			continue
		}
		f := strings.Fields(string(stat[i+1:]))
		if len(f) < 13 { // state ppid … utime(12th) stime(13th)
			continue
		}
		ppid, _ := strconv.Atoi(f[1])
		ut, _ := strconv.ParseInt(f[11], 10, 64)
		st, _ := strconv.ParseInt(f[12], 10, 64)
		procs[pid] = proc{pid: pid, ppid: ppid, comm: string(stat[j+1 : i]), ticks: ut + st}
	}
	var out []proc
	for _, p := range procs {
		if !strings.Contains(p.comm, "workerd") {
			continue
		}
		for a, hops := p.ppid, 0; a > 1 && hops < 16; a, hops = procs[a].ppid, hops+1 {
			if a == root {
				out = append(out, p)
				break
			}
		}
	}
	return out
}

// Logs returns everything wrangler printed so far.
func (w *Worker) Logs() string { return w.logs.String() }

// Pid is wrangler's process id, also its process group (for CPU accounting).
func (w *Worker) Pid() int {
	if w.cmd == nil || w.cmd.Process == nil {
		return 0
	}
	return w.cmd.Process.Pid
}

// Close stops wrangler (its whole process group) and the fakes it started.
func (w *Worker) Close() {
	w.once.Do(func() {
		if pid := w.Pid(); pid > 0 {
			_ = syscall.Kill(-pid, syscall.SIGTERM)
			deadline := time.Now().Add(10 * time.Second)
			for syscall.Kill(-pid, 0) == nil && time.Now().Before(deadline) {
				time.Sleep(100 * time.Millisecond)
			}
			_ = syscall.Kill(-pid, syscall.SIGKILL)
		}
		if w.ownFakes && w.Fakes != nil {
			w.Fakes.Close()
		}
	})
}

// FreePort returns a TCP port on 127.0.0.1 that was free a moment ago.
func FreePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// Tail returns the last n bytes of s.
func Tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
