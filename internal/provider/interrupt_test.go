package provider

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/modernretail/terraform-provider-modernretail/internal/onboarding"
	"github.com/modernretail/terraform-provider-modernretail/internal/sandbox"
	"github.com/modernretail/terraform-provider-modernretail/internal/scopes"
)

// TestAccInterruptedApplyConverges runs the real terraform CLI with a build of
// the provider, stops an apply while it waits for verification, by Ctrl-C or
// by killing every process, and checks that the next apply converges with no
// second registration.
func TestAccInterruptedApplyConverges(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test; set TF_ACC=1")
	}
	tf := os.Getenv("TF_ACC_TERRAFORM_PATH")
	bin := t.TempDir()
	build := exec.Command("go", "build", "-o", filepath.Join(bin, "terraform-provider-modernretail"), "github.com/modernretail/terraform-provider-modernretail")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the provider: %v\n%s", err, out)
	}
	cliConfig := writeFile(t, bin, "terraformrc", fmt.Appendf(nil, `provider_installation {
  dev_overrides {
    "registry.terraform.io/modernretail/modernretail" = %q
  }
  direct {}
}
`, bin))

	for name, sig := range map[string]syscall.Signal{"ctrl-c": syscall.SIGINT, "killed": syscall.SIGKILL} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			creds := testCredentials(t, "acme0001")
			sb := serveProjects(t, acmeProject, scopes.Required, creds)
			slow := 5000
			sb.SetOnboardingFaults(sandbox.Faults{VerificationDelayMs: &slow})
			work := t.TempDir()
			file := writeCredentials(t, work, "acme.txt", creds)
			writeFile(t, work, "main.tf", []byte(`
terraform {
  required_providers {
    modernretail = {
      source = "modernretail/modernretail"
    }
  }
}
`+formConfig(sb, "acme", file, "")))
			run := func(args ...string) *exec.Cmd {
				cmd := exec.Command(tf, append(args, "-no-color", "-input=false")...)
				cmd.Dir = work
				cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE="+cliConfig, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1", "TF_LOG=")
				cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
				return cmd
			}

			first := run("apply", "-auto-approve")
			var out bytes.Buffer
			first.Stdout, first.Stderr = &out, &out
			if err := first.Start(); err != nil {
				t.Fatal(err)
			}
			exited := make(chan error, 1)
			go func() { exited <- first.Wait() }()
			deadline := time.After(2 * time.Minute)
			for sb.Registrations()["acme"].PutCount == 0 {
				select {
				case err := <-exited:
					t.Fatalf("the apply ended (%v) before it submitted:\n%s", err, out.String())
				case <-deadline:
					_ = syscall.Kill(-first.Process.Pid, syscall.SIGKILL)
					t.Fatalf("the apply never submitted:\n%s", out.String())
				case <-time.After(20 * time.Millisecond):
				}
			}
			if err := syscall.Kill(-first.Process.Pid, sig); err != nil {
				t.Fatal(err)
			}
			var exit *exec.ExitError
			if err := <-exited; !errors.As(err, &exit) {
				t.Fatalf("the interrupted apply ended with %v, want a failure:\n%s", err, out.String())
			}

			fast := 50
			sb.SetOnboardingFaults(sandbox.Faults{VerificationDelayMs: &fast})
			if out, err := run("apply", "-auto-approve").CombinedOutput(); err != nil {
				t.Fatalf("the second apply failed: %v\n%s", err, out)
			}
			reg := sb.Registrations()["acme"]
			if reg.Revision != 1 || reg.Status != onboarding.StatusVerified {
				t.Errorf("registration %+v, want one verified revision", reg)
			}
			if out, err := run("plan", "-detailed-exitcode").CombinedOutput(); err != nil {
				t.Errorf("the plan after convergence is not empty: %v\n%s", err, out)
			}
		})
	}
}
