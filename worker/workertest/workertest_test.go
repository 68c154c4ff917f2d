package workertest

import (
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The /proc reading that CPU and RSS rest on: a process named workerd under
// the launcher's pid is found, with its ticks; others are not.
func TestWorkerdUnderTheLauncher(t *testing.T) {
	if _, err := os.Stat("/proc/self/stat"); err != nil {
		t.Skip("no /proc on this system")
	}
	// A stand-in launcher whose child is a program named workerd (a copy of sleep).
	sleep, err := exec.LookPath("sleep")
	require.NoError(t, err)
	bin, err := os.ReadFile(sleep)
	require.NoError(t, err)
	fake := filepath.Join(t.TempDir(), "workerd")
	require.NoError(t, os.WriteFile(fake, bin, 0o755))
	cmd := exec.Command("bash", "-c", fake+" 30 & wait")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL); _ = cmd.Wait() })
	w := &Worker{cmd: cmd}
	var ps []proc
	require.Eventually(t, func() bool { ps = w.workerd(); return len(ps) == 1 }, 10*time.Second, 50*time.Millisecond)
	assert.Equal(t, "workerd", ps[0].comm)
	assert.Greater(t, w.RSS(), int64(0))
	assert.GreaterOrEqual(t, w.CPU(), int64(0))
	none := &Worker{cmd: exec.Command("true")}
	assert.Nil(t, none.workerd())
	assert.Equal(t, int64(-1), none.RSS())
	assert.Equal(t, int64(-1), none.CPU())
}
