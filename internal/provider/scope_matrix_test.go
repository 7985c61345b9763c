package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
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
				c.verdict, c.grantedLevel = scopecheck.Unverified, scopes.LevelReadOnly
				c.wording = "BigCommerce scope unverified: " + sc.Label()
			case level < sc.Level:
				c.verdict, c.grantedLevel = scopecheck.Missing, level
				c.wording = fmt.Sprintf("Change %s from %s to %s (%s)", sc.Resource.Name, sc.Resource.Word(level), sc.Resource.Word(sc.Level), s)
			default:
				c.verdict, c.grantedLevel = scopecheck.Granted, sc.Level
			}
			cases = append(cases, c)
		}
	}
	return cases
}

// answerRounds is how many checks in a row give every probe each of its
// documented answers, with the stand-in answering each in turn.
func answerRounds() int {
	n := 1
	for _, p := range scopecheck.Probes {
		n = max(n, len(p.Granted))
	}
	return n
}

// TestScopeMatrix configures the BigCommerce stand-in, which shares no code
// with the prober, for each case, runs the real prober over HTTP once for
// each of BigCommerce's documented answers, and checks the verdict of every
// required scope and the wording of the diagnostics each time.
func TestScopeMatrix(t *testing.T) {
	cases := scopeMatrix()
	if len(cases) != 27 {
		t.Fatalf("%d cases, want 27: ten scopes at each of their levels", len(cases))
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			sb := sandboxtest.Start(t, sandbox.Fixture{Stores: []sandbox.Store{{StoreHash: "matrix01",
				APIAccounts: []sandbox.APIAccount{{Scopes: c.granted}}, Answers: &sandbox.Answers{Mode: sandbox.AnswersEach}}}})
			for round := range answerRounds() {
				checker := scopecheck.NewChecker(bigcommerce.New(sb.URL, "test", bigcommerce.Options{MinWait: time.Millisecond, MaxWait: 10 * time.Millisecond}))
				report, err := checker.Check(context.Background(), scopecheck.Account{StoreHash: "matrix01", AccessToken: sb.Account("matrix01").AccessToken}, scopes.Required)
				if err != nil {
					t.Fatal(err)
				}
				for _, r := range report.Results {
					want, wantLevel := scopecheck.Granted, r.Scope.Level
					switch r.Scope.String {
					case c.scope.String:
						want, wantLevel = c.verdict, c.grantedLevel
					case "store_v2_transactions":
						want, wantLevel = scopecheck.Unverified, scopes.LevelReadOnly
					}
					if r.Verdict != want || r.Granted != wantLevel {
						t.Errorf("round %d, %s: %s at %s (%s), want %s at %s", round, r.Scope.String, r.Verdict, r.Granted, r.Detail, want, wantLevel)
					}
				}
				text := diagnosticsText(diagnostics.ScopeReport(path.Root("filename"), "matrix01", credentialsfile.RecommendedAccountName, report, true))
				if c.wording != "" && !strings.Contains(text, c.wording) {
					t.Errorf("round %d: the diagnostics do not say %q:\n%s", round, c.wording, text)
				}
				if c.verdict == scopecheck.Granted && strings.Contains(text, c.scope.String) {
					t.Errorf("round %d: a granted scope is named in a diagnostic:\n%s", round, text)
				}
				if sameLevel := regexp.MustCompile(`from (\S+) to (\S+) \(`).FindStringSubmatch(text); sameLevel != nil && sameLevel[1] == sameLevel[2] {
					t.Errorf("round %d: a diagnostic asks for a level the account has: %s", round, sameLevel[0])
				}
			}
			if n := sb.Stats().WritesSucceeded; n != 0 {
				t.Errorf("%d writes succeeded", n)
			}
		})
	}
}

// TestStandInGivesEveryCountedAnswer checks that the stand-in, answering each
// of its documented answers in turn, serves every answer the prober counts as
// granted: the matrix above then runs the prober under each of them.
func TestStandInGivesEveryCountedAnswer(t *testing.T) {
	sb := sandboxtest.Start(t, sandbox.Fixture{Stores: []sandbox.Store{{StoreHash: "matrix01",
		APIAccounts: []sandbox.APIAccount{{Scopes: scopes.All()}}, Answers: &sandbox.Answers{Mode: sandbox.AnswersEach}}}})
	client := bigcommerce.New(sb.URL, "test", bigcommerce.Options{MaxRetries: -1})
	for _, p := range append([]scopecheck.Probe{scopecheck.BaselineProbe}, scopecheck.Probes...) {
		var body []byte
		if p.EmptyBody {
			body = []byte("{}")
		}
		served := map[string]bool{}
		for range answerRounds() {
			resp, err := client.Do(context.Background(), "matrix01", sb.Account("matrix01").AccessToken, p.Method, p.Path, body)
			if err != nil {
				t.Fatal(err)
			}
			shape := scopecheck.ShapeOf(resp.Header.Get("Content-Type"), resp.Body)
			if got := scopecheck.Read(p, scopecheck.Received{Status: resp.Status, Shape: shape}); got.Verdict != scopecheck.Granted {
				t.Errorf("%s %s: the stand-in answered %d %s, which the prober reads as %+v", p.Method, p.Path, resp.Status, resp.Body, got)
			}
			for _, a := range p.Granted {
				if a.Status == resp.Status && a.Body.Matches(resp.Status, shape) {
					served[fmt.Sprint(a.Status, a.Body)] = true
				}
			}
		}
		for _, a := range p.Granted {
			if !served[fmt.Sprint(a.Status, a.Body)] {
				t.Errorf("%s %s: the stand-in never answers %d with %s", p.Method, p.Path, a.Status, a.Body)
			}
		}
	}
}

// TestScopeMatrixBehindAGateway puts a gateway in front of BigCommerce that
// answers every probe but the baseline itself, for an account with every
// required scope and for one with none: no such answer proves a scope granted
// or missing, and no diagnostic sends the owner to the control panel.
func TestScopeMatrixBehindAGateway(t *testing.T) {
	summaries := map[string]string{
		"html-403": "Answer not from BigCommerce", "html-404": "Answer not from BigCommerce",
		"json-403": "Answer not from BigCommerce", "json-404": "Answer not from BigCommerce",
		"bigcommerce-403": "BigCommerce refused a probe for another reason",
	}
	for answer, summary := range summaries {
		for _, granted := range [][]string{scopes.Required, nil} {
			t.Run(fmt.Sprintf("%s, %d scopes", answer, len(granted)), func(t *testing.T) {
				t.Parallel()
				sb := sandboxtest.Start(t, sandbox.Fixture{Stores: []sandbox.Store{{StoreHash: "matrix01",
					APIAccounts: []sandbox.APIAccount{{Scopes: granted}}, Answers: &sandbox.Answers{Gateway: &sandbox.Gateway{Answer: answer}}}}})
				checker := scopecheck.NewChecker(bigcommerce.New(sb.URL, "test", bigcommerce.Options{MaxRetries: -1}))
				report, err := checker.Check(context.Background(), scopecheck.Account{StoreHash: "matrix01", AccessToken: sb.Account("matrix01").AccessToken}, scopes.Required)
				if err != nil {
					t.Fatal(err)
				}
				if n := len(report.Inconclusive()); n != len(scopes.Required) {
					t.Errorf("%d of %d scopes inconclusive: %+v", n, len(scopes.Required), report.Results)
				}
				text := diagnosticsText(diagnostics.ScopeReport(path.Root("filename"), "matrix01", credentialsfile.RecommendedAccountName, report, true))
				if !strings.Contains(text, summary) {
					t.Errorf("the diagnostics do not say %q:\n%s", summary, text)
				}
				for _, never := range []string{"Missing BigCommerce OAuth scopes", "Change ", "lacks"} {
					if strings.Contains(text, never) {
						t.Errorf("the diagnostics say %q:\n%s", never, text)
					}
				}
				if answer == "bigcommerce-403" && !strings.Contains(text, `the answer's title: "Authentication Required"`) {
					t.Errorf("the diagnostics do not quote the answer's title:\n%s", text)
				}
			})
		}
	}
}

// diagnosticsText joins the summaries and details of diagnostics.
func diagnosticsText(diags diag.Diagnostics) string {
	var text strings.Builder
	for _, d := range diags {
		text.WriteString(d.Summary() + "\n" + d.Detail() + "\n")
	}
	return text.String()
}

// TestAccScopeMatrix runs the same matrix through Terraform: one store per
// case, one data source each, all in one plan and apply, with each Terraform
// operation getting the next of BigCommerce's documented answers.
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
		}}, Answers: &sandbox.Answers{Mode: sandbox.AnswersEach}})
		file := acctest.WriteCredentials(t, dir, hash+".txt", creds)
		fmt.Fprintf(&config, "data \"modernretail_bigcommerce_scopes\" %q {\n  filename        = %q\n  fail_on_missing = false\n}\n\n", hash, file)
		addr := "data.modernretail_bigcommerce_scopes." + hash
		missing := []knownvalue.Check{}
		if c.verdict == scopecheck.Missing {
			missing = append(missing, knownvalue.StringExact(c.scope.String))
		}
		index := 0
		for j, s := range scopes.Required {
			if s == c.scope.String {
				index = j
			}
		}
		unverified := []knownvalue.Check{knownvalue.StringExact("store_v2_transactions")}
		if c.scope.String == "store_v2_transactions" && c.verdict == scopecheck.Missing {
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
