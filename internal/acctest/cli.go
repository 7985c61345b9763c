package acctest

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/modernretail/terraform-provider-modernretail/internal/devoverrides"
)

// cliBuild is one build of the provider for the tests that drive the
// terraform CLI themselves, with a CLI configuration whose dev_overrides use
// it. RemoveCLIBuild removes it.
var cliBuild struct {
	once   sync.Once
	dir    string
	config string
	err    error
}

// Root is the repository's top directory.
func Root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// CLIConfig builds the provider once per test run, as the demo does, and
// returns the CLI configuration. Without TF_ACC the test is skipped.
func CLIConfig(t *testing.T) string {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test; set TF_ACC=1")
	}
	cliBuild.once.Do(buildForCLI)
	if cliBuild.err != nil {
		t.Fatal(cliBuild.err)
	}
	return cliBuild.config
}

// buildForCLI builds into a directory that outlives any one test.
func buildForCLI() {
	if cliBuild.dir, cliBuild.err = os.MkdirTemp("", "modernretail-cli"); cliBuild.err == nil {
		cliBuild.config, cliBuild.err = devoverrides.Setup(Root(), cliBuild.dir)
	}
}

// RemoveCLIBuild removes the provider build, if a test made one.
func RemoveCLIBuild() {
	if cliBuild.dir != "" {
		_ = os.RemoveAll(cliBuild.dir)
	}
}

// Workspace is a Terraform working directory driven through the real CLI.
type Workspace struct {
	t      *testing.T
	dir    string
	config string
	// trace, when set, is the file every command writes its TRACE log to.
	trace string
	// Env holds further environment variables for every command, as NAME=value.
	Env []string
}

// Dir is the working directory.
func (w *Workspace) Dir() string { return w.dir }

// NewWorkspace writes main.tf, with the required_providers block, into a new directory.
func NewWorkspace(t *testing.T, mainTF string) *Workspace {
	t.Helper()
	w := &Workspace{t: t, dir: t.TempDir(), config: CLIConfig(t)}
	w.Write(mainTF)
	return w
}

// Write replaces main.tf.
func (w *Workspace) Write(mainTF string) {
	w.t.Helper()
	WriteFile(w.t, w.dir, "main.tf", []byte(`
terraform {
  required_providers {
    modernretail = {
      source = "modernretail/modernretail"
    }
  }
}
`+mainTF))
}

// TraceLog makes every later command write Terraform's and the provider's
// TRACE log to one file, and returns its path.
func (w *Workspace) TraceLog() string {
	w.trace = filepath.Join(w.dir, "trace.log")
	return w.trace
}

// Command prepares a terraform command in the workspace, in its own process group.
func (w *Workspace) Command(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Getenv("TF_ACC_TERRAFORM_PATH"), append(args, "-no-color")...)
	cmd.Dir = w.dir
	cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE="+w.config, "TF_IN_AUTOMATION=1", "TF_INPUT=0", "CHECKPOINT_DISABLE=1", "TF_LOG=")
	if w.trace != "" {
		cmd.Env = append(cmd.Env, "TF_LOG=TRACE", "TF_LOG_PATH="+w.trace)
	}
	cmd.Env = append(cmd.Env, w.Env...)
	ownProcessGroup(cmd)
	return cmd
}

// Run runs terraform and returns its combined output.
func (w *Workspace) Run(args ...string) (string, error) {
	out, err := w.Command(args...).CombinedOutput()
	return string(out), err
}

// MustRun runs terraform and fails the test when it fails.
func (w *Workspace) MustRun(args ...string) string {
	w.t.Helper()
	out, err := w.Run(args...)
	if err != nil {
		w.t.Fatalf("terraform %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

// ExpectEmptyPlan fails the test unless a plan finds nothing to do.
func (w *Workspace) ExpectEmptyPlan(args ...string) {
	w.t.Helper()
	if out, err := w.Run(append([]string{"plan", "-detailed-exitcode"}, args...)...); err != nil {
		w.t.Fatalf("the plan is not empty (%v):\n%s", err, out)
	}
}

// PlannedActions plans into a file and returns each resource's planned actions.
func (w *Workspace) PlannedActions(args ...string) map[string]string {
	w.t.Helper()
	w.MustRun(append([]string{"plan", "-out=tfplan"}, args...)...)
	out := w.MustRun("show", "-json", "tfplan")
	var plan struct {
		ResourceChanges []struct {
			Address string `json:"address"`
			Change  struct {
				Actions []string `json:"actions"`
			} `json:"change"`
		} `json:"resource_changes"`
	}
	if err := json.Unmarshal([]byte(out), &plan); err != nil {
		w.t.Fatalf("terraform show -json: %v\n%s", err, out)
	}
	actions := map[string]string{}
	for _, rc := range plan.ResourceChanges {
		actions[rc.Address] = strings.Join(rc.Change.Actions, ",")
	}
	return actions
}
