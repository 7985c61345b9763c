//go:build !windows

package provider

import (
	"io/fs"
	"syscall"
)

// openNonBlocking opens a FIFO without waiting for a writer.
const openNonBlocking = syscall.O_NONBLOCK

// worldReadable reports whether every user of the machine can read the file.
func worldReadable(info fs.FileInfo) bool {
	return info.Mode().Perm()&0o004 != 0
}
