//go:build !linux

package tracknum

import "testing"

type cpuTimer struct{}

func startCPU(b *testing.B) *cpuTimer { b.ResetTimer(); return &cpuTimer{} }
func (c *cpuTimer) stop(*testing.B)   {}
