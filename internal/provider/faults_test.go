package provider

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/modernretail/terraform-provider-modernretail/internal/acctest"
	"github.com/modernretail/terraform-provider-modernretail/internal/credentialsfile"
	"github.com/modernretail/terraform-provider-modernretail/internal/onboarding"
	"github.com/modernretail/terraform-provider-modernretail/internal/sandbox"
	"github.com/modernretail/terraform-provider-modernretail/internal/sandbox/sandboxtest"
	"github.com/modernretail/terraform-provider-modernretail/internal/scopes"
)

// TestAccFaults_twentyStoresUnderFaults onboards 20 stores while a fifth of
// all requests to both services fail, are reset, or lose their answer.
func TestAccFaults_twentyStoresUnderFaults(t *testing.T) {
	f := newFleet(t, "store", 20)
	sb := f.serve(t)
	sb.SetFaults(sandbox.Faults{RateLimitQuota: 100000, ErrorRate: 0.1, ResetRate: 0.1, Seed: 1})
	sb.SetOnboardingFaults(sandbox.Faults{ErrorRate: 0.1, ResetRate: 0.05, LostResponseRate: 0.05, Seed: 2})

	// count, not for_each: the test harness's state checks support only the former.
	config := acctest.ProviderFor(sb).Set("max_retries", 12).String() + fmt.Sprintf(`
locals {
  stores = [%s]
  dir    = %q
}

data "modernretail_bigcommerce_scopes" "store" {
  count    = length(local.stores)
  filename = "${local.dir}/${local.stores[count.index]}.txt"
}

resource "modernretail_bigcommerce_credentials" "store" {
  count    = length(local.stores)
  filename = "${local.dir}/${local.stores[count.index]}.txt"
}

resource "modernretail_onboarding_credentials" "store" {
  count         = length(local.stores)
  project_id    = "p-${local.stores[count.index]}"
  store_hash    = modernretail_bigcommerce_credentials.store[count.index].store_hash
  client_id     = modernretail_bigcommerce_credentials.store[count.index].client_id
  client_name   = modernretail_bigcommerce_credentials.store[count.index].client_name
  access_token  = modernretail_bigcommerce_credentials.store[count.index].access_token
  client_secret = modernretail_bigcommerce_credentials.store[count.index].client_secret
  depends_on    = [data.modernretail_bigcommerce_scopes.store]
}
`, f.hashList(), f.dir)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			// plugin-testing also plans again after the apply and fails on any change.
			Config: config,
			Check: func(*terraform.State) error {
				for _, c := range f.creds {
					if reg := sb.Registrations()["p-"+c.StoreHash]; reg.Revision != 1 || reg.Status != onboarding.StatusVerified {
						return fmt.Errorf("store %s: registration %+v, want one verified revision", c.StoreHash, reg)
					}
				}
				return nil
			},
		}},
	})
	statuses := map[int]int{}
	for _, r := range append(sb.Stats().Requests, sb.OnboardingStats().Requests...) {
		statuses[r.Status]++
	}
	if statuses[0] == 0 || statuses[http.StatusInternalServerError]+statuses[http.StatusServiceUnavailable] == 0 {
		t.Errorf("faults were not injected (statuses %v), so the test proves nothing", statuses)
	}
}

// TestAccFaults_redirectsAreNotFollowed points both services at redirects to
// another host, and checks that no credential ever reached it.
func TestAccFaults_redirectsAreNotFollowed(t *testing.T) {
	var reached atomic.Int32
	elsewhere := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		reached.Add(1)
	}))
	defer elsewhere.Close()
	creds := acctest.Credentials(t, "acme0001")
	sb := acctest.Serve(t, acctest.AcmeProject, scopes.Required, creds)
	file := acctest.WriteCredentials(t, t.TempDir(), "acme.txt", creds)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				// BigCommerce answers redirects: nothing is proven, so the plan fails.
				PreConfig: func() {
					sb.SetFaults(sandbox.Faults{RateLimitQuota: 100000, RedirectTo: elsewhere.URL})
				},
				Config:      acctest.ProviderFor(sb).Set("max_retries", 1).String() + acctest.Config(scopesBlock(file).Set("required", []string{"store_cart"})),
				PlanOnly:    true,
				ExpectError: acctest.Multiline(`Cannot check the credentials with BigCommerce.*redirect \(307\), which is never followed.*Planning again later is safe`),
			},
			{
				// The registration's plan-time gate fails closed too.
				PreConfig: func() {
					sb.SetFaults(sandbox.Faults{RateLimitQuota: 100000, RedirectTo: elsewhere.URL})
				},
				Config:      formConfig(sb, "acme", file),
				PlanOnly:    true,
				ExpectError: acctest.Multiline(`Cannot check the credentials with BigCommerce.*redirect \(307\)`),
			},
			{
				PreConfig: func() {
					sb.SetFaults(sandbox.Faults{RateLimitQuota: 100000})
					sb.SetOnboardingFaults(sandbox.Faults{RedirectTo: elsewhere.URL})
				},
				Config:      formConfig(sb, "acme", file),
				PlanOnly:    true,
				ExpectError: acctest.Multiline(`Onboarding Center request failed.*answered 307`),
			},
		},
	})
	if n := reached.Load(); n != 0 {
		t.Errorf("the redirect target received %d requests", n)
	}
}

// TestAccFaults_onboardingRateLimitIsWaitedOut onboards 20 stores through an
// Onboarding Center that allows 8 requests per half second, with the default
// retries: every store waits for its window, within its timeout, and none fails.
func TestAccFaults_onboardingRateLimitIsWaitedOut(t *testing.T) {
	f := newFleet(t, "limit", 20)
	sb := f.serve(t)
	sb.SetOnboardingFaults(sandbox.Faults{RateLimitQuota: 8, RateLimitWindowMs: 500})
	w := acctest.NewWorkspace(t, acctest.ProviderFor(sb).String()+fmt.Sprintf(`
locals {
  stores = [%s]
  dir    = %q
}

resource "modernretail_onboarding_credentials" "store" {
  for_each               = toset(local.stores)
  project_id             = "p-${each.key}"
  credentials_wo         = file("${local.dir}/${each.key}.txt")
  credentials_wo_version = 1
}
`, f.hashList(), f.dir))
	w.MustRun("apply", "-auto-approve", "-parallelism=20")
	for _, c := range f.creds {
		if reg := sb.Registrations()["p-"+c.StoreHash]; reg.Revision != 1 || reg.Status != onboarding.StatusVerified {
			t.Errorf("store %s: registration %+v, want one verified revision", c.StoreHash, reg)
		}
	}
	limited := 0
	for _, r := range sb.OnboardingStats().Requests {
		if r.Status == http.StatusTooManyRequests {
			limited++
		}
	}
	if limited == 0 {
		t.Error("the Onboarding Center never limited a request, so the test proves nothing")
	}
}

// fleet is n stores, each with a credentials file in dir and a project "p-" plus its store hash.
type fleet struct {
	dir      string
	creds    []credentialsfile.Credentials
	projects []sandbox.ProjectFixture
}

func newFleet(t *testing.T, prefix string, n int) fleet {
	f := fleet{dir: t.TempDir()}
	for i := range n {
		hash := fmt.Sprintf("%s%04d", prefix, i)
		c := acctest.Credentials(t, hash)
		f.creds = append(f.creds, c)
		f.projects = append(f.projects, sandbox.ProjectFixture{ID: "p-" + hash})
		acctest.WriteCredentials(t, f.dir, hash+".txt", c)
	}
	return f
}

// serve starts a sandbox that knows every store and project of the fleet.
func (f fleet) serve(t *testing.T) *sandboxtest.Sandbox {
	return acctest.Serve(t, f.projects, scopes.Required, f.creds...)
}

// hashList is the store hashes as the elements of an HCL list.
func (f fleet) hashList() string {
	var hashes []string
	for _, c := range f.creds {
		hashes = append(hashes, fmt.Sprintf("%q", c.StoreHash))
	}
	return strings.Join(hashes, ", ")
}
