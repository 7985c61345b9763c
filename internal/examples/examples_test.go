package examples

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// root is the repository's top directory.
const root = "../.."

// TestDemo runs make demo's script as a newcomer would and checks its three outcomes.
func TestDemo(t *testing.T) {
	for _, tool := range []string{"terraform", "go", "curl"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("the demo needs %s on PATH", tool)
		}
	}
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

func TestWorkflowsAreValidYAML(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(root, ".github", "workflows", "*.yml"))
	files = append(files, filepath.Join(root, "examples", "ci", "onboard-stores.yml"))
	if len(files) < 3 {
		t.Fatalf("found only %v", files)
	}
	for _, f := range files {
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
		"internal/diagnostics/diagnostics.go": regexp.MustCompile(`Add(?:Attribute)?(?:Error|Warning)\((?:[^,"]+, )?` + literal),
		"internal/credentialsfile":            regexp.MustCompile(`(?:errorf|warnf)\([^,]+, [^,]+, ` + literal + `|bad\(` + literal),
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
