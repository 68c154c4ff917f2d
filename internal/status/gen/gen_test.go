package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestGeneratedFileUpToDate fails when extension/src/common/statuses.js is
// not what the Go status model generates: run `make generate` and commit.
func TestGeneratedFileUpToDate(t *testing.T) {
	root, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(root, Out))
	if err != nil {
		t.Fatalf("%v (run `make generate`)", err)
	}
	if want := Render(); !bytes.Equal(got, want) {
		t.Errorf("%s is out of date: run `make generate` and commit it.\nwant:\n%s\ngot:\n%s", Out, want, got)
	}
}
