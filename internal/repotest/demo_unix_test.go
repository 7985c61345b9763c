//go:build !windows

package repotest

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// TestDemoCleansUpWhenInterrupted stops the demo once the sandbox runs, as a
// CI cancellation would: SIGTERM to the script alone, so that only its own
// cleanup can stop the sandbox.
func TestDemoCleansUpWhenInterrupted(t *testing.T) {
	needsDemoTools(t)
	tmp := t.TempDir()
	cmd := exec.Command("bash", filepath.Join(root, "examples", "demo", "demo.sh"))
	cmd.Env = append(os.Environ(), "TMPDIR="+tmp)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	out := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(2 * time.Minute)
	for !strings.Contains(out.String(), "Credentials files:") {
		if time.Now().After(deadline) {
			_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			t.Fatalf("the sandbox never started:\n%s", out.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("the interrupted demo left %d temporary files behind", len(left))
	}
	if procs := processesMentioning(t, tmp); len(procs) != 0 {
		t.Errorf("the interrupted demo left processes running: %v", procs)
	}
}

// processesMentioning lists the command lines in /proc that contain s.
func processesMentioning(t *testing.T, s string) []string {
	t.Helper()
	cmdlines, err := filepath.Glob("/proc/[0-9]*/cmdline")
	if err != nil || len(cmdlines) == 0 {
		t.Fatalf("cannot list processes: %v", err)
	}
	var out []string
	for _, f := range cmdlines {
		data, err := os.ReadFile(f)
		if err == nil && bytes.Contains(data, []byte(s)) {
			out = append(out, string(bytes.ReplaceAll(data, []byte{0}, []byte{' '})))
		}
	}
	return out
}

// syncBuffer is a bytes.Buffer safe for a writer and a reader.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
