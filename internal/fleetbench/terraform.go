package main

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
)

// terraform runs one command and returns its wall time and, when provider is
// given, the peak resident memory of that provider's processes in MB.
func terraform(opts options, dir string, env []string, provider string, args ...string) (time.Duration, float64, error) {
	cmd := exec.Command(opts.terraform, append(args, "-no-color")...)
	cmd.Dir, cmd.Env = dir, env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	var peak float64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	if provider != "" {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				peak = math.Max(peak, peakRSS(provider))
				select {
				case <-stop:
					return
				case <-time.After(20 * time.Millisecond):
				}
			}
		}()
	}
	start := time.Now()
	err := cmd.Run()
	elapsed := time.Since(start)
	close(stop)
	wg.Wait()
	if err != nil {
		return 0, 0, fmt.Errorf("terraform %s in %s: %v\n%s", strings.Join(args, " "), dir, err, out.String())
	}
	return elapsed, peak, nil
}

// peakRSS returns the largest VmHWM, in MB, among running processes of the binary.
func peakRSS(binary string) float64 {
	if runtime.GOOS != "linux" {
		return 0
	}
	var peak float64
	procs, _ := filepath.Glob("/proc/[0-9]*")
	for _, p := range procs {
		if exe, err := os.Readlink(filepath.Join(p, "exe")); err != nil || exe != binary {
			continue
		}
		status, err := os.ReadFile(filepath.Join(p, "status"))
		if err != nil {
			continue
		}
		for _, line := range strings.Split(string(status), "\n") {
			if f := strings.Fields(line); len(f) == 3 && f[0] == "VmHWM:" {
				if kb, err := strconv.ParseFloat(f[1], 64); err == nil {
					peak = math.Max(peak, kb/1024)
				}
			}
		}
	}
	return peak
}
