package acctest

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/modernretail/terraform-provider-modernretail/internal/redact"
)

// Secrets collects every access token, client secret and onboarding token
// that the tests hand to Terraform.
var Secrets = &SecretSet{}

// SecretSet is a set of secrets, safe for concurrent use.
type SecretSet struct {
	mu     sync.Mutex
	values []string
}

// Add puts secrets in play.
func (s *SecretSet) Add(values ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.values = append(s.values, values...)
}

func (s *SecretSet) list() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.values...)
}

// TraceLog, when TF_ACC is set, sends the TRACE logs of Terraform and the
// provider in every acceptance test to one file, and returns a function that
// searches it for every secret in play once the tests are done.
func TraceLog() (func() error, error) {
	dir, err := os.MkdirTemp("", "modernretail-trace")
	if err != nil {
		return nil, err
	}
	path := filepath.Join(dir, "trace.log")
	if err := os.Setenv("TF_ACC_LOG_PATH", path); err != nil {
		return nil, err
	}
	if err := os.Setenv("TF_LOG", "TRACE"); err != nil {
		return nil, err
	}
	return func() error {
		defer os.RemoveAll(dir)
		return searchTrace(path, Secrets.list())
	}, nil
}

// searchTrace reports the lines of the log that hold a secret, without the secret.
func searchTrace(path string, secrets []string) error {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		// Only tests that send their log elsewhere ran, such as a single -run.
		fmt.Println("TRACE log: no test wrote to the shared log; nothing searched")
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	scanner := bufio.NewScanner(f)
	scanner.Buffer(make([]byte, 1<<20), 64<<20)
	// Every form of every secret counts: any letter case, URL-encoded, full-width, with invisible characters, or in part.
	set := redact.New(secrets...)
	var hits []string
	lines := 0
	for scanner.Scan() {
		lines++
		line := scanner.Text()
		// The test harness's state shim prints whole resource states; the
		// credentials resource keeps its secrets in state by design.
		if strings.Contains(line, "UpgradeResourceState: ignoring dynamic block") {
			continue
		}
		if redacted := set.Text(line); redacted != line {
			hits = append(hits, redacted)
		}
	}
	if err := scanner.Err(); err != nil {
		return err
	}
	if lines == 0 || len(secrets) == 0 {
		return fmt.Errorf("the TRACE log has %d lines and %d secrets were in play, so the search proves nothing", lines, len(secrets))
	}
	if len(hits) > 0 {
		if len(hits) > 20 {
			hits = hits[:20]
		}
		return fmt.Errorf("secrets appear in the TRACE log:\n%s", strings.Join(hits, "\n"))
	}
	fmt.Printf("TRACE log: %d lines searched for %d secrets, none found\n", lines, len(secrets))
	return nil
}
