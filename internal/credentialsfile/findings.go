package credentialsfile

import (
	"fmt"
	"sort"
)

// Severity tells an error, which makes the file unusable, from a warning.
type Severity int

// The severities of a finding.
const (
	SeverityError Severity = iota
	SeverityWarning
)

// Finding is one problem found in a credentials file. It may quote the file;
// show it only Redacted with the file's secrets.
type Finding struct {
	Severity Severity
	// Line is the 1-based line number, or 0 when the finding concerns the whole file.
	Line int
	// Label is the label concerned, or empty.
	Label string
	// Summary is a short title.
	Summary string
	// Detail says what is wrong and how to fix it.
	Detail string
}

// Where names the place of the finding, such as "line 3 (API PATH)".
func (f Finding) Where() string {
	switch {
	case f.Line > 0 && f.Label != "":
		return fmt.Sprintf("line %d (%s)", f.Line, f.Label)
	case f.Line > 0:
		return fmt.Sprintf("line %d", f.Line)
	case f.Label != "":
		return f.Label
	default:
		return "the file"
	}
}

// Findings are the findings of one parse, in line order.
type Findings []Finding

// HasErrors reports whether any finding is an error.
func (fs Findings) HasErrors() bool {
	for _, f := range fs {
		if f.Severity == SeverityError {
			return true
		}
	}
	return false
}

// Errors returns the errors only.
func (fs Findings) Errors() Findings { return fs.filter(SeverityError) }

// Warnings returns the warnings only.
func (fs Findings) Warnings() Findings { return fs.filter(SeverityWarning) }

func (fs Findings) filter(sev Severity) Findings {
	var out Findings
	for _, f := range fs {
		if f.Severity == sev {
			out = append(out, f)
		}
	}
	return out
}

// sortByLine orders findings by line; whole-file findings come last.
func (fs Findings) sortByLine() {
	key := func(f Finding) int {
		if f.Line == 0 {
			return int(^uint(0) >> 1)
		}
		return f.Line
	}
	sort.SliceStable(fs, func(i, j int) bool { return key(fs[i]) < key(fs[j]) })
}
