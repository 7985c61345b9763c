package provider

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/modernretail/terraform-provider-modernretail/internal/acctest"
	"github.com/modernretail/terraform-provider-modernretail/internal/bigcommerce"
	"github.com/modernretail/terraform-provider-modernretail/internal/credentialsfile"
	"github.com/modernretail/terraform-provider-modernretail/internal/diagnostics"
	"github.com/modernretail/terraform-provider-modernretail/internal/sandbox"
	"github.com/modernretail/terraform-provider-modernretail/internal/sandbox/sandboxtest"
	"github.com/modernretail/terraform-provider-modernretail/internal/scopecheck"
	"github.com/modernretail/terraform-provider-modernretail/internal/scopes"
)

// matrixCase gives an account every required scope but one, which it holds
// at one level of its resource, and says what the check must conclude.
type matrixCase struct {
	name    string
	scope   scopes.Scope
	level   scopes.Level
	granted []string
	// verdict and grantedLevel are the expected result for scope.
	verdict      scopecheck.Verdict
	grantedLevel scopes.Level
	// wording is the diagnostic text the result must produce.
	wording string
}

// scopeMatrix lists every one of the ten required scopes at every level its
// control-panel resource has: none, read-only, and modify or manage.
func scopeMatrix() []matrixCase {
	var cases []matrixCase
	for _, s := range scopes.Required {
		sc, _ := scopes.Lookup(s)
		levels := map[scopes.Level]string{scopes.LevelNone: ""}
		if sc.Resource.ReadOnly != "" {
			levels[scopes.LevelReadOnly] = sc.Resource.ReadOnly
		}
		if sc.Resource.Modify != "" {
			levels[scopes.LevelModify] = sc.Resource.Modify
		}
		for _, level := range []scopes.Level{scopes.LevelNone, scopes.LevelReadOnly, scopes.LevelModify} {
			held, ok := levels[level]
			if !ok {
				continue
			}
			c := matrixCase{
				name:  fmt.Sprintf("%s at %s", s, sc.Resource.Word(level)),
				scope: sc, level: level, granted: acctest.RequiredWithout([]string{s}),
			}
			if held != "" {
				c.granted = acctest.RequiredWithout([]string{s}, held)
			}
			_, full, _ := scopecheck.Checkable(s)
			switch {
			case !full && level > scopes.LevelNone:
				// Read access is proven; modify cannot be, whether it is held or not.
				c.verdict, c.grantedLevel = scopecheck.VerdictUnverifiable, scopes.LevelReadOnly
				c.wording = "BigCommerce scope not verifiable: " + sc.Label()
			case level < sc.Level:
				c.verdict, c.grantedLevel = scopecheck.VerdictMissing, level
				c.wording = fmt.Sprintf("Change %s from %s to %s (%s)", sc.Resource.Name, sc.Resource.Word(level), sc.Resource.Word(sc.Level), s)
			default:
				c.verdict, c.grantedLevel = scopecheck.VerdictGranted, sc.Level
			}
			cases = append(cases, c)
		}
	}
	return cases
}

// TestScopeMatrix configures the BigCommerce stand-in, which shares no code
// with the prober, for each case, runs the real prober over HTTP, and checks
// the verdict of every required scope and the wording of the diagnostics.
func TestScopeMatrix(t *testing.T) {
	cases := scopeMatrix()
	if len(cases) != 27 {
		t.Fatalf("%d cases, want 27: ten scopes at each of their levels", len(cases))
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sb := sandboxtest.Start(t, sandbox.Fixture{Stores: []sandbox.Store{{StoreHash: "matrix01", APIAccounts: []sandbox.APIAccount{{Scopes: c.granted}}}}})
			checker := scopecheck.NewChecker(bigcommerce.New(sb.URL, "test", bigcommerce.Options{MinWait: time.Millisecond, MaxWait: 10 * time.Millisecond}))
			report, err := checker.Check(context.Background(), "matrix01", sb.Account("matrix01").AccessToken, scopes.Required)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range report.Results {
				want, wantLevel := scopecheck.VerdictGranted, r.Scope.Level
				switch r.Scope.String {
				case c.scope.String:
					want, wantLevel = c.verdict, c.grantedLevel
				case "store_v2_transactions":
					want, wantLevel = scopecheck.VerdictUnverifiable, scopes.LevelReadOnly
				}
				if r.Verdict != want || r.Granted != wantLevel {
					t.Errorf("%s: verdict %d at %s (%s), want %d at %s", r.Scope.String, r.Verdict, r.Granted, r.Detail, want, wantLevel)
				}
			}
			var text strings.Builder
			for _, d := range diagnostics.ScopeReport(path.Root("filename"), "matrix01", credentialsfile.RecommendedAccountName, report, true) {
				text.WriteString(d.Summary() + "\n" + d.Detail() + "\n")
			}
			if c.wording != "" && !strings.Contains(text.String(), c.wording) {
				t.Errorf("the diagnostics do not say %q:\n%s", c.wording, text.String())
			}
			if c.verdict == scopecheck.VerdictGranted && strings.Contains(text.String(), c.scope.String) {
				t.Errorf("a granted scope is named in a diagnostic:\n%s", text.String())
			}
			if n := sb.Stats().WritesSucceeded; n != 0 {
				t.Errorf("%d writes succeeded", n)
			}
		})
	}
}

// TestAccScopeMatrix runs the same matrix through Terraform: one store per
// case, one data source each, all in one plan and apply.
func TestAccScopeMatrix(t *testing.T) {
	cases := scopeMatrix()
	var stores []sandbox.Store
	var config strings.Builder
	var checks []statecheck.StateCheck
	dir := t.TempDir()
	for i, c := range cases {
		hash := fmt.Sprintf("matrix%02d", i)
		creds := acctest.Credentials(t, hash)
		stores = append(stores, sandbox.Store{StoreHash: hash, APIAccounts: []sandbox.APIAccount{{
			ClientName: creds.ClientName, ClientID: creds.ClientID, ClientSecret: creds.ClientSecret, AccessToken: creds.AccessToken, Scopes: c.granted,
		}}})
		file := acctest.WriteCredentials(t, dir, hash+".txt", creds)
		fmt.Fprintf(&config, "data \"modernretail_bigcommerce_scopes\" %q {\n  filename        = %q\n  fail_on_missing = false\n}\n\n", hash, file)
		addr := "data.modernretail_bigcommerce_scopes." + hash
		missing := []knownvalue.Check{}
		if c.verdict == scopecheck.VerdictMissing {
			missing = append(missing, knownvalue.StringExact(c.scope.String))
		}
		index := 0
		for j, s := range scopes.Required {
			if s == c.scope.String {
				index = j
			}
		}
		unverified := []knownvalue.Check{knownvalue.StringExact("store_v2_transactions")}
		if c.scope.String == "store_v2_transactions" && c.verdict == scopecheck.VerdictMissing {
			unverified = []knownvalue.Check{}
		}
		checks = append(checks,
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("missing"), knownvalue.ListExact(missing)),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("unverified"), knownvalue.ListExact(unverified)),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("satisfied"), knownvalue.Bool(false)),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("scopes").AtSliceIndex(index).AtMapKey("granted_level"),
				knownvalue.StringExact(c.scope.Resource.Word(c.grantedLevel))),
		)
	}
	sb := sandboxtest.Start(t, sandbox.Fixture{Stores: stores})
	sb.SetFaults(sandbox.Faults{RateLimitQuota: 100000})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:            fmt.Sprintf("provider \"modernretail\" {\n  bigcommerce_api_url = %q\n}\n\n", sb.URL.String()) + config.String(),
			ConfigStateChecks: checks,
		}},
	})
}
