package provider

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/modernretail/terraform-provider-modernretail/internal/onboarding"
)

// TestDecide drives every transition of the registration's decision: what
// state knows, what the Onboarding Center holds and what the configuration
// submits, against the action and the values the plan leaves for state.
func TestDecide(t *testing.T) {
	configured := &registered{StoreHash: "acme0001", ClientID: "client-a", ClientName: "Modern Retail Integration",
		APIPath: "https://api.bigcommerce.com/stores/acme0001/v3/", Fingerprint: "fp-a"}
	withStatus := func(r *registered, status string, revision int64, owner string) *registered {
		c := *r
		c.Status, c.Revision, c.Owner = status, revision, owner
		return &c
	}
	other := *configured
	other.ClientID, other.Fingerprint = "client-b", "fp-b"
	renamed := *configured
	renamed.ClientName, renamed.APIPath = "MR Integration", "https://api.bigcommerce.com/stores/acme0001/v3"

	// planned is what a decision leaves in the plan for state's registration values.
	type planned struct{ status, revision, missing string }
	const unknown, kept = "unknown", "kept"
	for _, tc := range []struct {
		name string
		in   decisionInput
		want decision
		// plan is what the plan shows for status, revision and missing_scopes.
		plan planned
	}{
		{"create on an empty project", decisionInput{Configured: configured}, decision{Action: actionSubmit}, planned{unknown, unknown, unknown}},
		{"create while the credentials are unknown", decisionInput{Found: withStatus(configured, onboarding.StatusVerified, 2, "")},
			decision{Action: actionSubmit}, planned{unknown, unknown, unknown}},
		{"create over a hand upload of the same credentials", decisionInput{Configured: configured, Found: withStatus(configured, onboarding.StatusVerified, 2, "")},
			decision{Action: actionAdopt, Expect: 2}, planned{unknown, unknown, unknown}},
		{"create over a hand upload of the same secrets under another name", decisionInput{Configured: configured, Found: withStatus(&renamed, onboarding.StatusVerified, 2, "")},
			decision{Action: actionAdopt, Expect: 2}, planned{unknown, unknown, unknown}},
		{"create over the same credentials written by another configuration, or an interrupted apply", decisionInput{Configured: configured, Found: withStatus(configured, onboarding.StatusVerified, 2, "tf-other")},
			decision{Action: actionAdopt, Expect: 2, TakesOver: true}, planned{unknown, unknown, unknown}},
		{"create over other credentials", decisionInput{Configured: configured, Found: withStatus(&other, onboarding.StatusVerified, 4, "")},
			decision{Action: actionRefuse, Why: refusalTaken, Expect: 4}, planned{unknown, unknown, unknown}},
		{"create over other credentials of another configuration", decisionInput{Configured: configured, Found: withStatus(&other, onboarding.StatusSubmitted, 4, "tf-other")},
			decision{Action: actionRefuse, Why: refusalTaken, Expect: 4}, planned{unknown, unknown, unknown}},
		{"verified and unchanged", decisionInput{Configured: configured, Wait: true, State: withStatus(configured, onboarding.StatusVerified, 3, "")},
			decision{Action: actionKeep, Expect: 3}, planned{kept, kept, kept}},
		{"rotated", decisionInput{Configured: &other, Wait: true, State: withStatus(configured, onboarding.StatusVerified, 3, "")},
			decision{Action: actionSubmit, Expect: 3}, planned{unknown, unknown, unknown}},
		{"renamed", decisionInput{Configured: &renamed, State: withStatus(configured, onboarding.StatusVerified, 3, "")},
			decision{Action: actionSubmit, Expect: 3}, planned{unknown, unknown, unknown}},
		{"version bumped", decisionInput{Configured: configured, Bumped: true, State: withStatus(configured, onboarding.StatusVerified, 3, "")},
			decision{Action: actionSubmit, Expect: 3}, planned{unknown, unknown, unknown}},
		{"credentials unknown at plan", decisionInput{State: withStatus(configured, onboarding.StatusVerified, 3, "")},
			decision{Action: actionSubmit, Expect: 3}, planned{unknown, unknown, unknown}},
		{"rejected: resubmitted in place", decisionInput{Configured: configured, Wait: true, State: withStatus(configured, onboarding.StatusRejected, 3, "")},
			decision{Action: actionSubmit, Expect: 3}, planned{unknown, unknown, unknown}},
		{"withdrawn elsewhere, task pending", decisionInput{Configured: configured, State: withStatus(configured, onboarding.StatusPending, 3, "")},
			decision{Action: actionSubmit, Expect: 3}, planned{unknown, unknown, unknown}},
		{"awaiting verification: the wait resumes", decisionInput{Configured: configured, Wait: true, State: withStatus(configured, onboarding.StatusSubmitted, 3, "")},
			decision{Action: actionResume, Expect: 3}, planned{unknown, kept, unknown}},
		{"awaiting verification, not waited for: no drift", decisionInput{Configured: configured, Wait: false, State: withStatus(configured, onboarding.StatusSubmitted, 3, "")},
			decision{Action: actionKeep, Expect: 3}, planned{kept, kept, kept}},
		{"a scope lost since", decisionInput{Configured: configured, Wait: true, State: withStatus(configured, onboarding.StatusVerified, 3, ""), Missing: []string{"store_v2_orders"}},
			decision{Action: actionRefuse, Why: refusalMissingScopes, Expect: 3, Missing: []string{"store_v2_orders"}}, planned{kept, kept, "[store_v2_orders]"}},
		{"a scope missing on a rotation fails as a submission", decisionInput{Configured: &other, State: withStatus(configured, onboarding.StatusVerified, 3, ""), Missing: []string{"store_v2_orders"}},
			decision{Action: actionSubmit, Expect: 3}, planned{unknown, unknown, unknown}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := decide(tc.in)
			if !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("decide = %+v, want %+v", got, tc.want)
			}
			wantWrites := tc.want.Action == actionSubmit || tc.want.Action == actionAdopt || tc.want.Why == refusalTaken
			if got.writes() != wantWrites {
				t.Errorf("writes() = %v: the gates would fail a plan that %s", got.writes(), map[bool]string{true: "writes nothing", false: "submits"}[got.writes()])
			}
			var state *onboardingModel
			if tc.in.State != nil {
				state = &onboardingModel{Status: types.StringValue(tc.in.State.Status), Revision: types.Int64Value(tc.in.State.Revision),
					SubmittedAt: types.StringValue("2026-12-01T10:00:00Z"), VerificationMessage: types.StringValue("ok"), MissingScopes: stringList(nil)}
			}
			var m onboardingModel
			got.plan(&m, state)
			show := func(v interface {
				IsUnknown() bool
				IsNull() bool
				String() string
			}, kept string) string {
				switch {
				case v.IsUnknown():
					return unknown
				case v.String() == kept:
					return "kept"
				}
				var items []string
				if l, ok := v.(types.List); ok {
					_ = l.ElementsAs(context.Background(), &items, false)
					return "[" + strings.Join(items, ",") + "]"
				}
				return v.String()
			}
			var keptStatus, keptRevision, keptMissing string
			if state != nil {
				keptStatus, keptRevision, keptMissing = state.Status.String(), state.Revision.String(), state.MissingScopes.String()
			}
			if p := (planned{show(m.Status, keptStatus), show(m.Revision, keptRevision), show(m.MissingScopes, keptMissing)}); p != tc.plan {
				t.Errorf("planned status, revision, missing_scopes = %+v, want %+v", p, tc.plan)
			}
		})
	}
}
