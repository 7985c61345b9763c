package provider

import (
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/modernretail/terraform-provider-modernretail/internal/acctest"
	"github.com/modernretail/terraform-provider-modernretail/internal/sandbox"
	"github.com/modernretail/terraform-provider-modernretail/internal/scopecheck"
	"github.com/modernretail/terraform-provider-modernretail/internal/scopes"
)

// TestAccScopesDataSource_everyDocumentedAnswer plans and applies a correct
// account's scope check through Terraform while the stand-in gives each of
// BigCommerce's documented answers in turn, such as 204 or 200 instead of 404
// for the transactions probe, and 422 for payment methods: every run passes,
// and the stand-in's log shows that every answer the prober counts was given.
func TestAccScopesDataSource_everyDocumentedAnswer(t *testing.T) {
	creds := acctest.Credentials(t, "acme0001")
	sb := acctest.Serve(t, nil, scopes.Required, creds)
	sb.SetAnswers("acme0001", sandbox.Answers{Mode: sandbox.AnswersEach})
	file := acctest.WriteCredentials(t, t.TempDir(), "creds.txt", creds)
	step := resource.TestStep{
		Config: withProvider(sb, scopesBlock(file)),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(scopesAddr, tfjsonpath.New("missing"), knownvalue.ListSizeExact(0)),
			statecheck.ExpectKnownValue(scopesAddr, tfjsonpath.New("unverified"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("store_v2_transactions")})),
		},
	}
	steps := make([]resource.TestStep, answerRounds())
	for i := range steps {
		steps[i] = step
	}
	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: testAccProtoV6ProviderFactories, Steps: steps})

	served := map[string]bool{}
	for _, r := range sb.Stats().Requests {
		served[fmt.Sprint(r.URI, " ", r.Status)] = true
	}
	for _, p := range scopecheck.Probes {
		if !sentFor(p, scopes.Required) {
			continue
		}
		for _, a := range p.Granted {
			if uri := "/stores/acme0001" + p.Path; !served[fmt.Sprint(uri, " ", a.Status)] {
				t.Errorf("%s %s was never answered %d through Terraform", p.Method, uri, a.Status)
			}
		}
	}
}

// TestAccScopesDataSource_gatewayNeverProvesAScope puts something that is not
// BigCommerce in front of it: it answers GET /v2/time correctly, and every
// probe with an HTML page or JSON of another shape. Nothing is proven: the
// plan fails, and says that the answers did not come from BigCommerce.
func TestAccScopesDataSource_gatewayNeverProvesAScope(t *testing.T) {
	creds := acctest.Credentials(t, "acme0001")
	sb := acctest.Serve(t, nil, scopes.Required, creds)
	file := acctest.WriteCredentials(t, t.TempDir(), "creds.txt", creds)
	config := withProvider(sb, scopesBlock(file).
		Set("required", []string{"store_v2_orders_read_only", "store_v2_products_read_only", "store_cart_read_only"}).
		Set("fail_on_missing", false))
	var steps []resource.TestStep
	for _, answer := range []string{"html-404", "json-404", "html-403", "json-403"} {
		steps = append(steps, resource.TestStep{
			PreConfig: func() {
				sb.SetAnswers("acme0001", sandbox.Answers{Gateway: &sandbox.Gateway{Answer: answer}})
			},
			Config:   config,
			PlanOnly: true,
			ExpectError: acctest.Multiline(`Answer not from BigCommerce.*store acme0001.*` +
				`Orders: read-only \(store_v2_orders_read_only\): GET /v2/orders/0 answered 40[34] with (an HTML page|JSON of a shape BigCommerce does not send).*` +
				`did not come from BigCommerce.*do not change them in the control panel`),
		})
	}
	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: testAccProtoV6ProviderFactories, Steps: steps})
}

// TestAccScopesDataSource_otherForbiddenIsNotMissing gives an account without
// the scopes, behind a gateway that answers 403 itself: with BigCommerce's own
// 403 for another reason, or an HTML 403. With fail_on_missing off, a scope
// read as missing would pass the plan; these answers prove nothing, so the
// plan fails without sending the owner to the control panel, and the
// BigCommerce-shaped one is quoted.
func TestAccScopesDataSource_otherForbiddenIsNotMissing(t *testing.T) {
	creds := acctest.Credentials(t, "acme0001")
	sb := acctest.Serve(t, nil, nil, creds)
	file := acctest.WriteCredentials(t, t.TempDir(), "creds.txt", creds)
	config := withProvider(sb, scopesBlock(file).Set("fail_on_missing", false))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					sb.SetAnswers("acme0001", sandbox.Answers{Gateway: &sandbox.Gateway{Answer: "bigcommerce-403"}})
				},
				Config:   config,
				PlanOnly: true,
				ExpectError: acctest.Multiline(`BigCommerce refused a probe for another reason.*` +
					`Carts: modify \(store_cart\): POST /v3/carts answered 403 without BigCommerce's missing-scope body.*` +
					`the answer's title: "Authentication Required".*do not change them in the control panel`),
			},
			{
				PreConfig: func() {
					sb.SetAnswers("acme0001", sandbox.Answers{Gateway: &sandbox.Gateway{Answer: "html-403"}})
				},
				Config:      config,
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`Answer not from BigCommerce`),
			},
			{
				// Without the gateway, BigCommerce's missing-scope answers show the same account as missing every scope.
				PreConfig: func() { sb.SetAnswers("acme0001", sandbox.Answers{}) },
				Config:    config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(scopesAddr, tfjsonpath.New("missing"), knownvalue.ListSizeExact(len(scopes.Required))),
				},
			},
		},
	})
	if n := sb.Stats().WritesSucceeded; n != 0 {
		t.Errorf("%d writes succeeded", n)
	}
}

// sentFor reports whether a check of the required scopes sends the probe when every scope is granted.
func sentFor(p scopecheck.Probe, required []string) bool {
	for _, s := range required {
		sc, full, _ := scopecheck.Checkable(s)
		level := sc.Level
		if !full {
			level = scopes.LevelReadOnly
		}
		if p.Resource == sc.Resource.Name && p.Level == level {
			return true
		}
	}
	return false
}

// TestAccScopesDataSource_longRateLimitFailsAtOnce rate-limits the store for
// 100000 s, as X-Retry-After then asks: the plan fails at once, naming the
// header and the wait, instead of sleeping until timeouts.read.
func TestAccScopesDataSource_longRateLimitFailsAtOnce(t *testing.T) {
	creds := acctest.Credentials(t, "acme0001")
	sb := acctest.Serve(t, nil, scopes.Required, creds)
	sb.SetFaults(sandbox.Faults{RateLimitQuota: 1, RateLimitWindowMs: 100_000_000})
	file := acctest.WriteCredentials(t, t.TempDir(), "creds.txt", creds)
	// Timed from the step itself: a parallel test first waits for the serial ones.
	var start time.Time
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			PreConfig:   func() { start = time.Now() },
			Config:      withProvider(sb, scopesBlock(file)),
			PlanOnly:    true,
			ExpectError: acctest.Multiline(`store acme0001.*asked to wait 27h46m40s \(X-Retry-After, X-Rate-Limit-Time-Reset-Ms\).*not retried`),
		}},
	})
	if elapsed := time.Since(start); elapsed > time.Minute {
		t.Errorf("the plan took %s", elapsed)
	}
}
