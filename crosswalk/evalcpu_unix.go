//go:build unix

package crosswalk

import (
	"syscall"
	"time"
)

// processCPU is the process's user+system CPU time: on a shared machine it
// says more about a crosswalk's cost than its wall time does.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
