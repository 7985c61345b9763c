//go:build windows

package acctest

import "os/exec"

// ownProcessGroup does nothing on Windows, where the tests that signal process groups do not run.
func ownProcessGroup(*exec.Cmd) {}
