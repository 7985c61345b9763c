package provider

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/modernretail/terraform-provider-modernretail/internal/acctest"
	"github.com/modernretail/terraform-provider-modernretail/internal/sandbox"
	"github.com/modernretail/terraform-provider-modernretail/internal/scopes"
)

const scopesAddr = "data.modernretail_bigcommerce_scopes.test"

// scopesBlock is the data source under test, reading a credentials file.
func scopesBlock(filename string) acctest.Block {
	return acctest.DataSource("modernretail_bigcommerce_scopes", "test").Set("filename", filename)
}

// scopeEntry is the expected scopes list entry for a required scope.
func scopeEntry(scope, granted string, verified bool) knownvalue.Check {
	sc, _ := scopes.Lookup(scope)
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"name":           knownvalue.StringExact(string(sc.Resource.Name)),
		"scope":          knownvalue.StringExact(scope),
		"required_level": knownvalue.StringExact(sc.Resource.Word(sc.Level)),
		"granted_level":  knownvalue.StringExact(granted),
		"verified":       knownvalue.Bool(verified),
	})
}

func TestAccScopesDataSource_allGranted(t *testing.T) {
	creds := acctest.Credentials(t, "acme0001")
	sb := acctest.Serve(t, nil, scopes.Required, creds)
	file := acctest.WriteCredentials(t, t.TempDir(), "creds.txt", creds)
	var entries []knownvalue.Check
	for _, s := range scopes.Required {
		sc, _ := scopes.Lookup(s)
		switch s {
		case "store_v2_transactions":
			entries = append(entries, scopeEntry(s, "read-only", false))
		default:
			entries = append(entries, scopeEntry(s, sc.Resource.Word(sc.Level), true))
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: withProvider(sb, scopesBlock(file)),
			ConfigStateChecks: []statecheck.StateCheck{
				// Order Transactions: modify is proven only up to read-only, so satisfied stays false.
				statecheck.ExpectKnownValue(scopesAddr, tfjsonpath.New("satisfied"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(scopesAddr, tfjsonpath.New("missing"), knownvalue.ListSizeExact(0)),
				statecheck.ExpectKnownValue(scopesAddr, tfjsonpath.New("unverified"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("store_v2_transactions")})),
				statecheck.ExpectKnownValue(scopesAddr, tfjsonpath.New("store_hash"), knownvalue.StringExact("acme0001")),
				statecheck.ExpectKnownValue(scopesAddr, tfjsonpath.New("store_name"), knownvalue.StringExact("Store acme0001")),
				statecheck.ExpectKnownValue(scopesAddr, tfjsonpath.New("store_domain"), knownvalue.StringExact("acme0001.example.com")),
				statecheck.ExpectKnownValue(scopesAddr, tfjsonpath.New("required"), knownvalue.ListSizeExact(10)),
				statecheck.ExpectKnownValue(scopesAddr, tfjsonpath.New("scopes"), knownvalue.ListExact(entries)),
			},
		}},
	})
}

// TestAccScopesDataSource_oneRoundOfRequestsPerOperation reads the same store
// through two data sources and a new credentials resource in each Terraform
// operation, and checks with the sandbox's counts that each operation sent
// every probe once: each route is hit as often as the baseline, and no more
// than eleven requests per operation.
func TestAccScopesDataSource_oneRoundOfRequestsPerOperation(t *testing.T) {
	creds := acctest.Credentials(t, "acme0001")
	sb := acctest.Serve(t, nil, scopes.Required, creds)
	file := acctest.WriteCredentials(t, t.TempDir(), "creds.txt", creds)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: withProvider(sb, scopesBlock(file)) + fmt.Sprintf(`
data "modernretail_bigcommerce_scopes" "again" {
  filename = %[1]q
}

resource "modernretail_bigcommerce_credentials" "test" {
  filename = %[1]q
}
`, file),
			PlanOnly:           true,
			ExpectNonEmptyPlan: true,
		}},
	})
	stats := sb.Stats().Stores["acme0001"]
	operations := stats.Routes["GET /v2/time"]
	if operations == 0 {
		t.Fatal("no request reached the sandbox")
	}
	if len(stats.Routes) != 11 {
		t.Errorf("%d routes probed, want 11: %v", len(stats.Routes), stats.Routes)
	}
	for route, n := range stats.Routes {
		if n != operations {
			t.Errorf("%s was sent %d times in %d operations", route, n, operations)
		}
	}
	if stats.Total != 11*operations {
		t.Errorf("%d requests in %d operations, want %d", stats.Total, operations, 11*operations)
	}
}

func TestAccScopesDataSource_missingScopesFailPlan(t *testing.T) {
	creds := acctest.Credentials(t, "bolt0001")
	sb := acctest.Serve(t, nil, acctest.RequiredWithout([]string{"store_v2_orders", "store_storefront_api_customer_impersonation", "store_cart"},
		"store_v2_orders_read_only", "store_cart_read_only"), creds)
	file := acctest.WriteCredentials(t, t.TempDir(), "creds.txt", creds)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:   withProvider(sb, scopesBlock(file)),
				PlanOnly: true,
				ExpectError: acctest.Multiline(`Missing BigCommerce OAuth scopes.*with data.modernretail_bigcommerce_scopes.test.*filename.*` +
					`The "Modern Retail Integration" API account of store bolt0001 lacks 3 of the required OAuth scopes. ` +
					`In the BigCommerce control panel, open Settings › Store-level API accounts › the "Modern Retail Integration" account, and:.*` +
					`- Change Orders from read-only to modify \(store_v2_orders\).*` +
					`- Change Carts from read-only to modify \(store_cart\).*` +
					`- Change Storefront API Customer Impersonation Tokens from none to manage \(store_storefront_api_customer_impersonation\)`),
			},
			{
				// With fail_on_missing off, the result can be inspected instead.
				Config: withProvider(sb, scopesBlock(file).Set("fail_on_missing", false)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(scopesAddr, tfjsonpath.New("satisfied"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(scopesAddr, tfjsonpath.New("missing"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.StringExact("store_v2_orders"),
						knownvalue.StringExact("store_cart"),
						knownvalue.StringExact("store_storefront_api_customer_impersonation"),
					})),
					statecheck.ExpectKnownValue(scopesAddr, tfjsonpath.New("scopes").AtSliceIndex(3), scopeEntry("store_v2_orders", "read-only", true)),
					statecheck.ExpectKnownValue(scopesAddr, tfjsonpath.New("scopes").AtSliceIndex(9), scopeEntry("store_storefront_api_customer_impersonation", "none", true)),
				},
			},
		},
	})
}

// TestAccScopesDataSource_newStoreFailsItsFirstPlan proves the plan-time
// guarantee: a store new in this plan, wired as documented, fails its first
// terraform plan, and passes once the owner grants the scopes.
func TestAccScopesDataSource_newStoreFailsItsFirstPlan(t *testing.T) {
	creds := acctest.Credentials(t, "bolt0001")
	sb := acctest.Serve(t, nil, acctest.RequiredWithout([]string{"store_v2_orders", "store_storefront_api_customer_impersonation"}, "store_v2_orders_read_only"), creds)
	file := acctest.WriteCredentials(t, t.TempDir(), "creds.txt", creds)
	config := providerConfig(sb) + fmt.Sprintf(`
resource "modernretail_bigcommerce_credentials" "store" {
  filename = %[1]q
}

data "modernretail_bigcommerce_scopes" "store" {
  filename = %[1]q
}

output "satisfied" {
  value = data.modernretail_bigcommerce_scopes.store.satisfied
}
`, file)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      config,
				PlanOnly:    true,
				ExpectError: acctest.Multiline(`Missing BigCommerce OAuth scopes.*Change Orders from read-only to modify.*Change Storefront API Customer Impersonation Tokens from none to manage`),
			},
			{
				PreConfig: func() { sb.SetScopes("bolt0001", scopes.Required) },
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("modernretail_bigcommerce_credentials.store", plancheck.ResourceActionCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.modernretail_bigcommerce_scopes.store", tfjsonpath.New("missing"), knownvalue.ListSizeExact(0)),
					statecheck.ExpectKnownValue("data.modernretail_bigcommerce_scopes.store", tfjsonpath.New("unverified"),
						knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("store_v2_transactions")})),
				},
			},
		},
	})
}

func TestAccScopesDataSource_credentialsFromElsewhere(t *testing.T) {
	creds := acctest.Credentials(t, "acme0001")
	sb := acctest.Serve(t, nil, []string{"store_cart_read_only"}, creds)
	tokenFile := acctest.WriteFile(t, t.TempDir(), "token", []byte(creds.AccessToken))
	config := func(token, required string) string {
		return providerConfig(sb) + fmt.Sprintf(`
data "modernretail_bigcommerce_scopes" "test" {
  store_hash      = "acme0001"
  access_token    = %s
  required        = [%s]
  fail_on_missing = false
}
`, token, required)
	}
	// The real token comes from a file, as from a secret store, so the configuration holds no secret.
	realToken := fmt.Sprintf("file(%q)", tokenFile)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      config(`"wrongtoken0000000000000000000000"`, `"store_cart"`),
				PlanOnly:    true,
				ExpectError: acctest.Multiline(`BigCommerce rejected the access token.*access_token.*store acme0001 \(401\)`),
			},
			{
				Config:      config(`"Not-A-Token"`, `"store_cart"`),
				PlanOnly:    true,
				ExpectError: acctest.Multiline(`Invalid credentials: Malformed ACCESS TOKEN.*access_token.*expected 20 to 64 lowercase letters and digits`),
			},
			{
				Config:      config(realToken, `"store_everything"`),
				PlanOnly:    true,
				ExpectError: acctest.Multiline(`Unknown OAuth scope.*required.*"store_everything" is not a BigCommerce store-level OAuth scope`),
			},
			{
				Config: config(realToken, `"store_cart_read_only"`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(scopesAddr, tfjsonpath.New("satisfied"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(scopesAddr, tfjsonpath.New("scopes"), knownvalue.ListExact([]knownvalue.Check{scopeEntry("store_cart_read_only", "read-only", true)})),
					statecheck.ExpectKnownValue(scopesAddr, tfjsonpath.New("store_name"), knownvalue.Null()),
					statecheck.ExpectSensitiveValue(scopesAddr, tfjsonpath.New("access_token")),
				},
			},
		},
	})
}

func TestAccScopesDataSource_unknownStore(t *testing.T) {
	creds := acctest.Credentials(t, "acme0001")
	sb := acctest.Serve(t, nil, scopes.Required, creds)
	file := acctest.WriteCredentials(t, t.TempDir(), "creds.txt", acctest.OnOtherStore(creds, "other0001"))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      withProvider(sb, scopesBlock(file)),
			PlanOnly:    true,
			ExpectError: acctest.Multiline(`Unknown BigCommerce store.*filename.*answered 403 for store other0001.*Check the store hash in the API PATH line`),
		}},
	})
}

func TestAccScopesDataSource_rateLimitStorm(t *testing.T) {
	creds := acctest.Credentials(t, "acme0001")
	sb := acctest.Serve(t, nil, scopes.Required, creds)
	sb.SetFaults(sandbox.Faults{RateLimitQuota: 3, RateLimitWindowMs: 200})
	file := acctest.WriteCredentials(t, t.TempDir(), "creds.txt", creds)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: withProvider(sb, scopesBlock(file)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(scopesAddr, tfjsonpath.New("missing"), knownvalue.ListSizeExact(0)),
				statecheck.ExpectKnownValue(scopesAddr, tfjsonpath.New("unverified"), knownvalue.ListSizeExact(1)),
			},
			Check: func(*terraform.State) error {
				// X-Retry-After: 1 outweighs the 200 ms window's reset, so every retry waits a second.
				gaps := sb.RetryGaps()
				if len(gaps) == 0 {
					return fmt.Errorf("no request was rate limited, so the test proves nothing")
				}
				for _, gap := range gaps {
					if gap < 1000-25 {
						return fmt.Errorf("a 429 was retried after %d ms, want at least 1000", gap)
					}
				}
				return nil
			},
		}},
	})
}

func TestAccScopesDataSource_serverErrors(t *testing.T) {
	creds := acctest.Credentials(t, "acme0001")
	sb := acctest.Serve(t, nil, scopes.Required, creds)
	file := acctest.WriteCredentials(t, t.TempDir(), "creds.txt", creds)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				// A burst of 5xx is retried away.
				PreConfig: func() { sb.SetFaults(sandbox.Faults{ErrorRate: 0.3, Seed: 3}) },
				Config:    withProvider(sb, scopesBlock(file)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(scopesAddr, tfjsonpath.New("missing"), knownvalue.ListSizeExact(0)),
					statecheck.ExpectKnownValue(scopesAddr, tfjsonpath.New("unverified"), knownvalue.ListSizeExact(1)),
				},
			},
			{
				// A store that only fails proves nothing: the plan fails, and says that planning again is safe.
				PreConfig:   func() { sb.SetFaults(sandbox.Faults{ErrorRate: 1}) },
				Config:      acctest.ProviderFor(sb).Set("max_retries", 1).String() + acctest.Config(scopesBlock(file).Set("required", []string{"store_cart"})),
				PlanOnly:    true,
				ExpectError: acctest.Multiline(`Cannot check the credentials with BigCommerce.*store acme0001 could not be checked.*answered 50[03] after retries.*Planning again later is safe`),
			},
			{
				// Even with fail_on_missing = false, an inconclusive check is never an answer.
				PreConfig:   func() { sb.SetFaults(sandbox.Faults{ErrorRate: 1}) },
				Config:      acctest.ProviderFor(sb).Set("max_retries", 1).String() + acctest.Config(scopesBlock(file).Set("fail_on_missing", false)),
				PlanOnly:    true,
				ExpectError: acctest.Multiline(`Cannot check the credentials with BigCommerce.*Planning again later is safe`),
			},
		},
	})
	stats := sb.Stats().Stores["acme0001"].Statuses
	if stats[http.StatusInternalServerError]+stats[http.StatusServiceUnavailable] == 0 {
		t.Fatal("no server error was injected, so the test proves nothing")
	}
}
