//go:build linux

package tracknum

import (
	"runtime"
	"syscall"
	"testing"
)

// cpuTimer reports CPU time per operation next to the wall time: on a shared
// machine wall time mostly measures the neighbours.
type cpuTimer struct{ start int64 }

func startCPU(b *testing.B) *cpuTimer {
	runtime.LockOSThread()
	b.ResetTimer()
	return &cpuTimer{start: threadCPU()}
}

func (c *cpuTimer) stop(b *testing.B) {
	d := threadCPU() - c.start
	runtime.UnlockOSThread()
	b.ReportMetric(float64(d)/float64(b.N), "cpu-ns/op")
}

func threadCPU() int64 {
	var ru syscall.Rusage
	_ = syscall.Getrusage(1 /* RUSAGE_THREAD */, &ru)
	return ru.Utime.Nano() + ru.Stime.Nano()
}
