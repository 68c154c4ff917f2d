package api

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestCoreWasmDeps guards core.wasm's size budget (DESIGN.md: ≤ 2.5 MB raw)
// where it is cheapest to break: by import. Each of these packages costs
// core.wasm 100 KB to 1.6 MB (time alone ~265 KB: godebug, tz code, the
// layout engine), so nothing core.wasm links may import them; instants are
// int64 Unix milliseconds (internal/timeutil).
func TestCoreWasmDeps(t *testing.T) {
	// go test puts its own GOROOT/bin first in PATH: this is the same toolchain.
	cmd := exec.Command("go", "list", "-deps", "github.com/waybill/waybill/wasm")
	cmd.Env = append(cmd.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	deps := strings.Fields(string(out))
	require.Contains(t, deps, "github.com/waybill/waybill/internal/api", "go list saw the real bridge")
	for _, banned := range []string{
		"time", "fmt", "regexp", "encoding/json", "os", "reflect", "syscall/js",
		"github.com/tidwall/gjson", "sort", "slices",
	} {
		require.NotContains(t, deps, banned, "core.wasm must not link %s (see internal/timeutil and DESIGN.md)", banned)
	}
}
