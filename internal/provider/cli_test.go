package provider

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
)

// cliBuild is one build of the provider for the tests that drive the
// terraform CLI themselves, with a CLI configuration whose dev_overrides use
// it. TestMain removes it.
var cliBuild struct {
	once   sync.Once
	dir    string
	config string
	err    error
}

// cliConfigFile builds the provider once per test run and returns the CLI configuration.
func cliConfigFile(t *testing.T) string {
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

func buildForCLI() {
	dir, err := os.MkdirTemp("", "modernretail-cli")
	if err != nil {
		cliBuild.err = err
		return
	}
	cliBuild.dir = dir
	build := exec.Command("go", "build", "-o", filepath.Join(dir, "terraform-provider-modernretail"), "github.com/modernretail/terraform-provider-modernretail")
	if out, err := build.CombinedOutput(); err != nil {
		cliBuild.err = fmt.Errorf("building the provider: %v\n%s", err, out)
		return
	}
	cliBuild.config = filepath.Join(dir, "terraformrc")
	cliBuild.err = os.WriteFile(cliBuild.config, fmt.Appendf(nil, `provider_installation {
  dev_overrides {
    "registry.terraform.io/modernretail/modernretail" = %q
  }
  direct {}
}
`, dir), 0o600)
}

// removeCLIBuild removes the provider build, if a test made one.
func removeCLIBuild() {
	if cliBuild.dir != "" {
		_ = os.RemoveAll(cliBuild.dir)
	}
}

// workspace is a Terraform working directory driven through the real CLI.
type workspace struct {
	t      *testing.T
	dir    string
	config string
}

// newWorkspace writes main.tf, with the required_providers block, into a new directory.
func newWorkspace(t *testing.T, mainTF string) *workspace {
	t.Helper()
	w := &workspace{t: t, dir: t.TempDir(), config: cliConfigFile(t)}
	w.write(mainTF)
	return w
}

// write replaces main.tf.
func (w *workspace) write(mainTF string) {
	w.t.Helper()
	writeFile(w.t, w.dir, "main.tf", []byte(`
terraform {
  required_providers {
    modernretail = {
      source = "modernretail/modernretail"
    }
  }
}
`+mainTF))
}

// command prepares a terraform command in the workspace, in its own process group.
func (w *workspace) command(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Getenv("TF_ACC_TERRAFORM_PATH"), append(args, "-no-color")...)
	cmd.Dir = w.dir
	cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE="+w.config, "TF_IN_AUTOMATION=1", "TF_INPUT=0", "CHECKPOINT_DISABLE=1", "TF_LOG=")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	return cmd
}

// run runs terraform and returns its combined output.
func (w *workspace) run(args ...string) (string, error) {
	out, err := w.command(args...).CombinedOutput()
	return string(out), err
}

// mustRun runs terraform and fails the test when it fails.
func (w *workspace) mustRun(args ...string) string {
	w.t.Helper()
	out, err := w.run(args...)
	if err != nil {
		w.t.Fatalf("terraform %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

// expectEmptyPlan fails the test unless a plan finds nothing to do.
func (w *workspace) expectEmptyPlan(args ...string) {
	w.t.Helper()
	if out, err := w.run(append([]string{"plan", "-detailed-exitcode"}, args...)...); err != nil {
		w.t.Fatalf("the plan is not empty (%v):\n%s", err, out)
	}
}

// plannedActions plans into a file and returns each resource's planned actions.
func (w *workspace) plannedActions(args ...string) map[string]string {
	w.t.Helper()
	w.mustRun(append([]string{"plan", "-out=tfplan"}, args...)...)
	out := w.mustRun("show", "-json", "tfplan")
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
