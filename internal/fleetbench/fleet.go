package main

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/modernretail/terraform-provider-modernretail/internal/sandbox"
	"github.com/modernretail/terraform-provider-modernretail/internal/scopes"
)

// fleet is n stores' credentials files and onboarding projects, served by
// the sandbox in-process with latency on every request.
type fleet struct {
	work   string
	stores []string
	run    *sandbox.Running
}

func newFleet(opts options, tmp string, n int) (*fleet, error) {
	work, err := os.MkdirTemp(tmp, "fleet")
	if err != nil {
		return nil, err
	}
	delay := 0
	fixture := sandbox.Fixture{Onboarding: &sandbox.OnboardingFixture{VerificationDelayMs: &delay}}
	f := &fleet{work: work}
	for i := range n {
		hash := fmt.Sprintf("fleet%05d", i)
		fixture.Stores = append(fixture.Stores, sandbox.Store{StoreHash: hash, APIAccounts: []sandbox.APIAccount{{Scopes: scopes.Required, File: hash + ".txt"}}})
		fixture.Onboarding.Projects = append(fixture.Onboarding.Projects, sandbox.ProjectFixture{ID: "p-" + hash})
		f.stores = append(f.stores, hash)
	}
	if f.run, err = sandbox.Listen(fixture, "127.0.0.1:0", "127.0.0.1:0"); err != nil {
		return nil, err
	}
	faults := sandbox.Faults{LatencyMs: int(opts.latency.Milliseconds()), RateLimitQuota: 1000000}
	err = errors.Join(sandbox.WriteCredentialsFiles(f.run.Fixture, f.credentials()), f.run.SetFaults(faults), f.run.SetOnboardingFaults(faults))
	if err != nil {
		f.run.Close()
		return nil, err
	}
	return f, nil
}

func (f *fleet) credentials() string { return filepath.Join(f.work, "credentials") }

// root writes the fleet's configuration, with the per-store module, and installs the module.
func (f *fleet) root(opts options, env []string) (string, error) {
	if err := os.CopyFS(filepath.Join(f.work, "modules"), os.DirFS(filepath.Join("examples", "modules"))); err != nil {
		return "", err
	}
	root := filepath.Join(f.work, "root")
	if err := os.MkdirAll(root, 0o755); err != nil {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(root, "main.tf"), []byte(fleetConfig(f.stores, f.credentials(), "../modules/store-onboarding")), 0o600); err != nil {
		return "", err
	}
	_, _, err := terraform(opts, root, env, "", "get")
	return root, err
}

// requests counts the provider's requests to the BigCommerce stand-in and the Onboarding Center.
func (f *fleet) requests() (float64, float64, error) {
	count := func(stats sandbox.Stats, err error) (float64, error) {
		total := 0
		for _, st := range stats.Stores {
			total += st.Agents["terraform-provider-modernretail"]
		}
		return float64(total), err
	}
	bc, err := count(f.run.Stats())
	if err != nil {
		return 0, 0, err
	}
	ob, err := count(f.run.OnboardingStats())
	return bc, ob, err
}

// measureProvider runs plan and apply of n stores through the per-store module.
func measureProvider(opts options, tmp string, p providers, n int, m *measurement) error {
	f, err := newFleet(opts, tmp, n)
	if err != nil {
		return err
	}
	defer f.run.Close()
	env := append(slices.Clone(p.realEnv), "BIGCOMMERCE_API_URL="+f.run.BigCommerceURL.String(),
		"MODERNRETAIL_ONBOARDING_URL="+f.run.OnboardingURL.String(), "MODERNRETAIL_ONBOARDING_TOKEN="+f.run.OnboardingToken)
	root, err := f.root(opts, env)
	if err != nil {
		return err
	}
	bc0, ob0, err := f.requests()
	if err != nil {
		return err
	}
	elapsed, rss, err := terraform(opts, root, env, p.real, "plan", "-lock=false", "-out=fleet.plan")
	if err != nil {
		return err
	}
	bc1, ob1, err := f.requests()
	if err != nil {
		return err
	}
	m.plan, m.bcPlan, m.onboardPlan = append(m.plan, elapsed), append(m.bcPlan, (bc1-bc0)/float64(n)), append(m.onboardPlan, (ob1-ob0)/float64(n))
	// Apply runs its own plan, as CI does with -auto-approve.
	elapsed, rss2, err := terraform(opts, root, env, p.real, "apply", "-auto-approve", "-lock=false")
	if err != nil {
		return err
	}
	bc2, ob2, err := f.requests()
	if err != nil {
		return err
	}
	m.apply, m.bcApply, m.onboardApply = append(m.apply, elapsed), append(m.bcApply, (bc2-bc1)/float64(n)), append(m.onboardApply, (ob2-ob1)/float64(n))
	m.rssMB = append(m.rssMB, math.Max(rss, rss2))
	return nil
}

// measureFair runs the same module against the no-op provider of the same
// shape, which reads the files and sends no request.
func measureFair(opts options, tmp string, p providers, n int, m *measurement) error {
	f, err := newFleet(opts, tmp, n)
	if err != nil {
		return err
	}
	defer f.run.Close()
	root, err := f.root(opts, p.noopEnv)
	if err != nil {
		return err
	}
	planTime, _, err := terraform(opts, root, p.noopEnv, "", "plan", "-lock=false", "-out=fleet.plan")
	if err != nil {
		return err
	}
	applyTime, _, err := terraform(opts, root, p.noopEnv, "", "apply", "-auto-approve", "-lock=false")
	if err != nil {
		return err
	}
	rounds := time.Duration(math.Ceil(float64(n)/parallelism)) * opts.latency
	m.fairPlan = append(m.fairPlan, planTime+planRoundTrips*rounds)
	m.fairApply = append(m.fairApply, applyTime+applyRoundTrips*rounds)
	return nil
}

// measureBound runs the same shape made of terraform_data, which calls no API.
func measureBound(opts options, tmp string, env []string, n int, m *measurement) error {
	work, err := os.MkdirTemp(tmp, "bound")
	if err != nil {
		return err
	}
	module := filepath.Join(work, "store")
	if err := os.MkdirAll(module, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(module, "main.tf"), []byte(boundModule), 0o600); err != nil {
		return err
	}
	root := filepath.Join(work, "root")
	if err := os.MkdirAll(root, 0o755); err != nil {
		return err
	}
	var stores []string
	for i := range n {
		stores = append(stores, fmt.Sprintf("fleet%05d", i))
	}
	if err := os.WriteFile(filepath.Join(root, "main.tf"), []byte(fleetConfig(stores, work, "../store")), 0o600); err != nil {
		return err
	}
	if _, _, err := terraform(opts, root, env, "", "get"); err != nil {
		return err
	}
	planTime, _, err := terraform(opts, root, env, "", "plan", "-lock=false", "-out=fleet.plan")
	if err != nil {
		return err
	}
	applyTime, _, err := terraform(opts, root, env, "", "apply", "-auto-approve", "-lock=false")
	if err != nil {
		return err
	}
	rounds := time.Duration(math.Ceil(float64(n)/parallelism)) * opts.latency
	m.boundPlan = append(m.boundPlan, planTime+planRoundTrips*rounds)
	m.boundApply = append(m.boundApply, applyTime+applyRoundTrips*rounds)
	return nil
}

// boundModule has the per-store module's shape with terraform_data in place of the provider's parts.
const boundModule = `
variable "credentials_file" {
  type = string
}

variable "project_id" {
  type = string
}

resource "terraform_data" "scopes" {
  input = var.credentials_file
}

resource "terraform_data" "credentials" {
  input = var.credentials_file
}

resource "terraform_data" "registration" {
  input      = [var.project_id, terraform_data.credentials.output]
  depends_on = [terraform_data.scopes]
}

output "status" {
  value = terraform_data.registration.output
}
`

func fleetConfig(stores []string, credentialsDir, module string) string {
	var b strings.Builder
	b.WriteString("locals {\n  stores = {\n")
	for _, s := range stores {
		fmt.Fprintf(&b, "    %q = %q\n", s, filepath.Join(credentialsDir, s+".txt"))
	}
	fmt.Fprintf(&b, "  }\n}\n\nmodule \"store\" {\n  source   = %q\n  for_each = local.stores\n\n  credentials_file = each.value\n  project_id       = \"p-${each.key}\"\n}\n", module)
	return b.String()
}
