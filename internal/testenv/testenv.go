// Package testenv finds the repository's own test data (internal/testdata) for
// tests, the fake trackers, the demo and the benchmarks, wherever they run
// from inside the repository. It is the one place that knows the location;
// nothing outside the repository is read.
package testenv

import (
	"bufio"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// module is go.mod's module line, which marks the repository root.
const module = "module github.com/waybill/waybill"

// ErrNoRoot is returned when no enclosing directory holds the project's go.mod.
var ErrNoRoot = errors.New("testenv: not inside the waybill repository (no go.mod with " + module + ")")

// Root returns the repository root: the nearest directory, from the working
// directory upwards, whose go.mod declares the waybill module.
func Root() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if isRoot(dir) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", ErrNoRoot
		}
		dir = parent
	}
}

func isRoot(dir string) bool {
	f, err := os.Open(filepath.Join(dir, "go.mod"))
	if err != nil {
		return false
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if strings.TrimSpace(s.Text()) == module {
			return true
		}
	}
	return false
}

// DataDir returns internal/testdata joined with elem, for programs (the fake
// trackers' command, benchmarks) that report errors themselves.
func DataDir(elem ...string) (string, error) {
	root, err := Root()
	if err != nil {
		return "", err
	}
	return filepath.Join(append([]string{root, "internal", "testdata"}, elem...)...), nil
}

// Data is DataDir for tests: it fails tb when the repository or the path is missing.
func Data(tb testing.TB, elem ...string) string {
	tb.Helper()
	p, err := DataDir(elem...)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := os.Stat(p); err != nil {
		tb.Fatalf("testenv: test data missing: %v", err)
	}
	return p
}

// ReadFile returns the contents of a file under internal/testdata.
func ReadFile(tb testing.TB, elem ...string) []byte {
	tb.Helper()
	b, err := os.ReadFile(Data(tb, elem...))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}
