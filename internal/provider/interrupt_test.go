//go:build !windows

package provider

import (
	"bytes"
	"errors"
	"os/exec"
	"syscall"
	"testing"
	"time"

	"github.com/modernretail/terraform-provider-modernretail/internal/acctest"
	"github.com/modernretail/terraform-provider-modernretail/internal/onboarding"
	"github.com/modernretail/terraform-provider-modernretail/internal/sandbox"
	"github.com/modernretail/terraform-provider-modernretail/internal/scopes"
)

// TestAccInterruptedApplyConverges runs the real terraform CLI with a build of
// the provider, stops an apply while it waits for verification, by Ctrl-C or
// by killing every process, and checks that the next apply converges with no
// second registration.
func TestAccInterruptedApplyConverges(t *testing.T) {
	acctest.CLIConfig(t)
	for name, sig := range map[string]syscall.Signal{"ctrl-c": syscall.SIGINT, "killed": syscall.SIGKILL} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			creds := acctest.Credentials(t, "acme0001")
			sb := acctest.Serve(t, acctest.AcmeProject, scopes.Required, creds)
			slow := 5000
			sb.SetOnboardingFaults(sandbox.Faults{VerificationDelayMs: &slow})
			file := acctest.WriteCredentials(t, t.TempDir(), "acme.txt", creds)
			w := acctest.NewWorkspace(t, formConfig(sb, "acme", file))

			first := w.Command("apply", "-auto-approve")
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
			w.MustRun("apply", "-auto-approve")
			// A killed apply never reached state, so the re-run adopts the revision it made: at most one more.
			reg := sb.Registrations()["acme"]
			if reg.Revision > 2 || reg.Status != onboarding.StatusVerified || reg.Owner == "" {
				t.Errorf("registration %+v, want it verified and owned, after at most one adoption", reg)
			}
			w.ExpectEmptyPlan()
		})
	}
}
