//go:build !windows

package acctest

import (
	"os/exec"
	"syscall"
)

// ownProcessGroup starts the command in a process group of its own, so that a
// test can signal it and everything it started.
func ownProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
}
