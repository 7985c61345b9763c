package repotest

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/modernretail/terraform-provider-modernretail/internal/evidence"
	"github.com/modernretail/terraform-provider-modernretail/internal/scopes"
)

// root is the repository's top directory.
const root = "../.."

// needsDemoTools skips a test unless TF_ACC is set, as make test sets it, and
// fails it when a tool the demo needs is missing.
func needsDemoTools(t *testing.T) {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("runs the demo with the terraform CLI; set TF_ACC=1, as make test does")
	}
	for _, tool := range []string{"terraform", "go", "curl"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("the demo needs %s on PATH", tool)
		}
	}
}

// TestDemo runs make demo's script as a newcomer would and checks its three outcomes.
func TestDemo(t *testing.T) {
	needsDemoTools(t)
	tmp := t.TempDir()
	cmd := exec.Command("bash", filepath.Join(root, "examples", "demo", "demo.sh"))
	cmd.Env = append(os.Environ(), "TMPDIR="+tmp)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("demo failed: %v\n%s", err, out.String())
	}
	text := out.String()
	plan, rest, _ := strings.Cut(text, "4. ")
	for _, want := range []string{
		"Error: Missing BigCommerce OAuth scopes",
		`module.store["bolt-bikes"]`,
		"Change Orders from read-only to modify",
		"Change Storefront API Customer Impersonation Tokens from none to manage",
	} {
		if !strings.Contains(plan, want) {
			t.Errorf("the failing plan does not show %q:\n%s", want, plan)
		}
	}
	if strings.Contains(plan, `module.store["acme-outdoor"]`) {
		t.Errorf("the failing plan blames acme-outdoor, which has every scope:\n%s", plan)
	}
	if !strings.Contains(rest, "Apply complete! Resources: 4 added") || strings.Count(rest, `"status" = "verified"`) != 2 {
		t.Errorf("the apply did not register and verify both stores:\n%s", rest)
	}
	if !strings.Contains(rest, "No changes. Your infrastructure matches the configuration.") {
		t.Errorf("the second plan is not empty:\n%s", rest)
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("the demo left %d temporary files behind", len(left))
	}
}

// workflowFiles lists the repository's workflows and the example CI's, which
// must include the two example workflows.
func workflowFiles(t *testing.T) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(root, ".github", "workflows", "*.yml"))
	files = append(files, filepath.Join(root, "examples", "ci", "onboard-stores.yml"), filepath.Join(root, "examples", "ci", "drift.yml"))
	if len(files) < 3 {
		t.Fatalf("found only %v", files)
	}
	return files
}

func TestWorkflowsAreValidYAML(t *testing.T) {
	for _, f := range workflowFiles(t) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var wf struct {
			Name string         `yaml:"name"`
			On   map[string]any `yaml:"on"`
			Jobs map[string]struct {
				RunsOn string `yaml:"runs-on"`
				Steps  []any  `yaml:"steps"`
			} `yaml:"jobs"`
		}
		if err := yaml.Unmarshal(data, &wf); err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		if wf.Name == "" || len(wf.On) == 0 || len(wf.Jobs) == 0 {
			t.Errorf("%s: a workflow needs a name, triggers and jobs", f)
		}
		for name, job := range wf.Jobs {
			if job.RunsOn == "" || len(job.Steps) == 0 {
				t.Errorf("%s: job %s needs runs-on and steps", f, name)
			}
		}
	}
}

// TestReadmeExplainsEveryDiagnostic finds each diagnostic summary in the code
// and checks that the README's troubleshooting section names it.
func TestReadmeExplainsEveryDiagnostic(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, troubleshooting, _ := strings.Cut(string(readme), "## Troubleshooting")
	troubleshooting, _, _ = strings.Cut(troubleshooting, "\n## ")
	literal := `("(?:[^"\\]|\\.)*")`
	patterns := map[string]*regexp.Regexp{
		"internal/diagnostics":     regexp.MustCompile(`Add(?:Attribute)?(?:Error|Warning)\((?:[^,"]+, )?` + literal + `|\w+Summary\s+= ` + literal),
		"internal/credentialsfile": regexp.MustCompile(`(?:errorf|warnf)\([^,]+, [^,]+, ` + literal + `|bad\(` + literal),
	}
	found := 0
	for source, re := range patterns {
		files := []string{filepath.Join(root, source)}
		if !strings.HasSuffix(source, ".go") {
			files, _ = filepath.Glob(filepath.Join(root, source, "*.go"))
		}
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range re.FindAllStringSubmatch(string(data), -1) {
				quoted := m[1]
				if quoted == "" && len(m) > 2 {
					quoted = m[2]
				}
				summary, err := strconv.Unquote(quoted)
				if err != nil {
					t.Fatalf("%s: %s: %v", f, quoted, err)
				}
				summary = strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(summary, "Invalid credentials file: "), "Credentials file: "), ": ")
				if summary == "" || summary == "Invalid credentials file" {
					continue
				}
				found++
				if !strings.Contains(troubleshooting, strings.TrimSpace(summary)) {
					t.Errorf("the README's troubleshooting section does not explain %q (%s)", summary, filepath.Base(f))
				}
			}
		}
	}
	if found < 40 {
		t.Errorf("found only %d diagnostics in the code, so the search is broken", found)
	}
}

// TestSecurityPromisesNameRealTests checks that every test SECURITY.md cites exists.
func TestSecurityPromisesNameRealTests(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join(root, "SECURITY.md"))
	if err != nil {
		t.Fatal(err)
	}
	var sources bytes.Buffer
	err = filepath.WalkDir(filepath.Join(root, "internal"), func(path string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(path, "_test.go") {
			data, readErr := os.ReadFile(path)
			sources.Write(data)
			return readErr
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	cited := regexp.MustCompile("`((?:Test|Fuzz)[A-Za-z0-9_]+)`").FindAllStringSubmatch(string(doc), -1)
	if len(cited) < 20 {
		t.Fatalf("SECURITY.md cites only %d tests", len(cited))
	}
	for _, m := range cited {
		name := strings.TrimSuffix(m[1], "_")
		if !regexp.MustCompile(`func ` + name + `[A-Za-z0-9_]*\(`).Match(sources.Bytes()) {
			t.Errorf("SECURITY.md cites %s, which no test defines", m[1])
		}
	}
}

// TestReadmeCountsAgreeWithTheCatalog checks every count of scopes and of
// requests that the README states against the catalog and the probe table.
func TestReadmeCountsAgreeWithTheCatalog(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	requests, err := evidence.RequestsWhenGranted(scopes.Required)
	if err != nil {
		t.Fatal(err)
	}
	scopeWord, requestWord := scopes.CountWord(len(scopes.Required)), scopes.CountWord(requests)
	text := strings.Join(strings.Fields(string(readme)), " ")
	checks := map[*regexp.Regexp]string{
		regexp.MustCompile(`(?:with|sets) (\w+) OAuth scopes`):    scopeWord,
		regexp.MustCompile(`each of the (\w+) required scopes`):   scopeWord,
		regexp.MustCompile(`with all (\w+),`):                     scopeWord,
		regexp.MustCompile(`for the (\w+) of the "Modern Retail`): scopeWord,
		regexp.MustCompile(`one round trip and (\w+) requests`):   requestWord,
		regexp.MustCompile(`one round trip of (\w+) requests`):    strconv.Itoa(requests),
	}
	found := 0
	for re, want := range checks {
		matches := re.FindAllStringSubmatch(text, -1)
		if len(matches) == 0 {
			t.Errorf("the README no longer says %q", re)
		}
		for _, m := range matches {
			found++
			if m[1] != want {
				t.Errorf("the README says %q; the catalog gives %s", m[0], want)
			}
		}
	}
	if found < len(checks) {
		t.Errorf("found %d counts, so the check proves little", found)
	}
}

// TestChangeEntriesAreWellFormed checks each unreleased changelog entry as
// changie batch would read it.
func TestChangeEntriesAreWellFormed(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(root, ".changie.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var config struct {
		Kinds []struct {
			Label string `yaml:"label"`
		} `yaml:"kinds"`
	}
	if err := yaml.Unmarshal(data, &config); err != nil {
		t.Fatalf(".changie.yaml: %v", err)
	}
	kinds := map[string]bool{}
	for _, k := range config.Kinds {
		kinds[k.Label] = true
	}
	entries, _ := filepath.Glob(filepath.Join(root, ".changes", "unreleased", "*.yaml"))
	if len(entries) == 0 {
		t.Fatal("no changelog entries in .changes/unreleased")
	}
	for _, f := range entries {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var entry struct {
			Kind string    `yaml:"kind"`
			Body string    `yaml:"body"`
			Time time.Time `yaml:"time"`
		}
		if err := yaml.Unmarshal(data, &entry); err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		if !kinds[entry.Kind] {
			t.Errorf("%s: kind %q is not one of .changie.yaml's kinds", f, entry.Kind)
		}
		if strings.TrimSpace(entry.Body) == "" || entry.Time.IsZero() {
			t.Errorf("%s: an entry needs a body and a time", f)
		}
	}
}

// TestWorkflowActionsArePinned checks that every action a workflow uses is
// pinned by full commit SHA with its version in a comment.
func TestWorkflowActionsArePinned(t *testing.T) {
	pinned := regexp.MustCompile(`^[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$`)
	uses := 0
	for _, f := range workflowFiles(t) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(data), "\n") {
			_, action, found := strings.Cut(line, "uses: ")
			if !found {
				continue
			}
			uses++
			if !pinned.MatchString(strings.TrimSpace(action)) {
				t.Errorf("%s:%d: %q is not pinned by commit SHA with its version in a comment", f, i+1, strings.TrimSpace(action))
			}
		}
	}
	if uses == 0 {
		t.Fatal("found no uses: lines")
	}
}

// TestReadmePerformanceAgreesWithTheBenchmark checks the README's performance
// figures against the last run of make bench, internal/fleetbench/results.md:
// the date and Terraform version, the table for 100 stores, the requests per
// store and the provider's memory.
func TestReadmePerformanceAgreesWithTheBenchmark(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	results, err := os.ReadFile(filepath.Join(root, "internal", "fleetbench", "results.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, section, _ := strings.Cut(string(readme), "## Performance")
	section, _, _ = strings.Cut(section, "\n## ")
	text := strings.Join(strings.Fields(section), " ")

	header := regexp.MustCompile("Measured by `make bench` on ([0-9-]+): .* (Terraform v[0-9.]+),").FindStringSubmatch(string(results))
	if header == nil {
		t.Fatal("results.md does not say when and with which Terraform it was measured")
	}
	for _, want := range []string{"on " + header[1], "with " + strings.Replace(header[2], " v", " ", 1)} {
		if !strings.Contains(text, want) {
			t.Errorf("the README's performance section does not say %q, as results.md does", want)
		}
	}
	var row []string
	for _, line := range strings.Split(string(results), "\n") {
		if strings.HasPrefix(line, "| 100 |") {
			for _, cell := range strings.Split(strings.Trim(line, "| "), "|") {
				row = append(row, strings.TrimSpace(cell))
			}
		}
	}
	if len(row) < 14 {
		t.Fatalf("results.md has no row for 100 stores: %q", row)
	}
	median := func(cell string) string { return strings.TrimSpace(strings.Split(cell, "(")[0]) }
	for _, want := range []string{
		"| `terraform plan` | " + strings.Join([]string{median(row[1]), row[2], row[3], row[4], row[5]}, " | ") + " |",
		"| `terraform apply` | " + strings.Join([]string{median(row[6]), row[7], row[8], row[9], row[10]}, " | ") + " |",
	} {
		if !strings.Contains(section, want) {
			t.Errorf("the README's table does not have the row %q from results.md", want)
		}
	}
	bigcommerce, onboarding := strings.Split(row[11], " / "), strings.Split(row[12], " / ")
	for _, want := range []string{
		"A first plan costs each store " + strings.TrimSuffix(bigcommerce[0], ".0") + " BigCommerce requests and " + strings.TrimSuffix(onboarding[0], ".0") + " Onboarding Center",
		"An apply costs " + strings.TrimSuffix(bigcommerce[1], ".0") + " and " + strings.TrimSuffix(onboarding[1], ".0"),
		"peak memory was " + row[13],
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the README's performance section does not say %q, as results.md does", want)
		}
	}
}
