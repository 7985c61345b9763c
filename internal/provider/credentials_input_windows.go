//go:build windows

package provider

import "io/fs"

// openNonBlocking is not needed on Windows, where a named pipe is no path on disk.
const openNonBlocking = 0

// worldReadable is not told by Windows file modes, which ACLs govern.
func worldReadable(fs.FileInfo) bool {
	return false
}
