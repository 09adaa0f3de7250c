//go:build unix

// Package cputime reads the process's CPU time, which benchmarks report
// next to wall time: on a shared machine it says more about cost.
package cputime

import (
	"syscall"
	"time"
)

// Process is the process's user+system CPU time so far (0 if unreadable).
func Process() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
