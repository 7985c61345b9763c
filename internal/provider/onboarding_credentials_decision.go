package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/modernretail/terraform-provider-modernretail/internal/onboarding"
)

// action is what an apply of the registration does.
type action string

const (
	// actionSubmit writes the configured credentials: where nothing is
	// registered on a create, over the expected revision on an update.
	actionSubmit action = "submit"
	// actionAdopt writes the configured credentials, with this
	// configuration's owner, over the same secrets registered already (a
	// hand upload, another configuration, or an earlier apply of this one
	// that was interrupted before state recorded it), so that state equals
	// the registration and exactly one configuration owns it.
	actionAdopt action = "adopt"
	// actionResume waits for the expected revision's verification, as after
	// an apply that timed out, without submitting again.
	actionResume action = "resume"
	// actionKeep changes nothing.
	actionKeep action = "keep"
	// actionRefuse fails the apply for the decision's reason.
	actionRefuse action = "refuse"
)

// refusal says why a decision refuses.
type refusal string

const (
	// refusalTaken: the project holds other secrets.
	refusalTaken refusal = "taken"
	// refusalMissingScopes: the registered account lost a required scope.
	refusalMissingScopes refusal = "missing scopes"
)

// decision is what the plan decided the apply does, and what it needs to do it.
type decision struct {
	Action action
	// Expect is the revision that the write or the wait is conditional on;
	// 0 on a create that expects nothing registered.
	Expect int64
	Why    refusal
	// TakesOver is set when an adoption takes the registration from another owner.
	TakesOver bool
	// Missing lists the required scopes the account lost, for refusalMissingScopes.
	Missing []string
}

// registered is what is known of a registration, without secrets.
type registered struct {
	StoreHash, ClientID, ClientName, APIPath, Fingerprint string
	Status                                                string
	Revision                                              int64
	// Owner is the owner of the current revision; empty when it has none.
	Owner string
}

// registeredOf is the non-secret part of a registration the Onboarding Center reported.
func registeredOf(reg *onboarding.Registration) *registered {
	if reg == nil {
		return nil
	}
	return &registered{StoreHash: reg.StoreHash, ClientID: reg.ClientID, ClientName: reg.ClientName, APIPath: reg.APIPath,
		Fingerprint: reg.Fingerprint, Status: reg.Status, Revision: reg.Revision, Owner: reg.Owner}
}

// sameCredentials reports whether two registrations hold the same fields and secrets.
func (r *registered) sameCredentials(o *registered) bool {
	return r.StoreHash == o.StoreHash && r.ClientID == o.ClientID && r.ClientName == o.ClientName &&
		r.APIPath == o.APIPath && r.Fingerprint == o.Fingerprint
}

// decisionInput is everything a decision depends on.
type decisionInput struct {
	// Configured is what the configuration submits; nil while any of it is unknown.
	Configured *registered
	// Bumped is set when credentials_wo_version changed between two versions.
	Bumped bool
	// Wait is wait_for_verification.
	Wait bool
	// State is the registration as this state recorded it after refresh; nil on a create.
	State *registered
	// Found is, on a create, the registration that the project holds now; nil
	// when nothing is registered or the plan could not read it.
	Found *registered
	// Missing lists required scopes that the plan-time check proved missing.
	Missing []string
}

// decide is the registration's one decision: what the apply will do.
func decide(in decisionInput) decision {
	if in.State == nil {
		switch {
		case in.Found == nil || in.Configured == nil:
			return decision{Action: actionSubmit}
		case in.Found.Fingerprint != in.Configured.Fingerprint:
			return decision{Action: actionRefuse, Why: refusalTaken, Expect: in.Found.Revision}
		}
		return decision{Action: actionAdopt, Expect: in.Found.Revision, TakesOver: in.Found.Owner != ""}
	}
	expect := in.State.Revision
	switch {
	case in.Configured == nil, !in.Configured.sameCredentials(in.State), in.Bumped,
		in.State.Status == onboarding.StatusRejected, in.State.Status == onboarding.StatusPending:
		return decision{Action: actionSubmit, Expect: expect}
	case len(in.Missing) > 0:
		return decision{Action: actionRefuse, Why: refusalMissingScopes, Expect: expect, Missing: in.Missing}
	case in.Wait && in.State.Status == onboarding.StatusSubmitted:
		return decision{Action: actionResume, Expect: expect}
	}
	return decision{Action: actionKeep, Expect: expect}
}

// writes reports whether the apply submits credentials: only then do the
// plan-time gates fail the plan. A plan that keeps, resumes or refuses warns
// at most, so a destroy, whose refresh runs the same plan, is never blocked.
func (d decision) writes() bool {
	return d.Action == actionSubmit || d.Action == actionAdopt || d.Why == refusalTaken
}

// plan sets the values the apply will leave in state: a write makes the
// registration's values known after apply, a resumed wait its verification,
// and the rest stays as state recorded it.
func (d decision) plan(m, state *onboardingModel) {
	if state != nil {
		m.Status, m.SubmittedAt, m.VerificationMessage = state.Status, state.SubmittedAt, state.VerificationMessage
		m.Revision, m.MissingScopes = state.Revision, state.MissingScopes
	}
	switch d.Action {
	case actionSubmit, actionAdopt:
		m.SubmittedAt, m.Revision = types.StringUnknown(), types.Int64Unknown()
		fallthrough
	case actionResume:
		m.Status, m.VerificationMessage = types.StringUnknown(), types.StringUnknown()
		m.MissingScopes = types.ListUnknown(types.StringType)
	case actionRefuse:
		if d.Why == refusalMissingScopes {
			m.MissingScopes = stringList(d.Missing)
		}
	}
	if state == nil && d.Action == actionRefuse {
		m.SubmittedAt, m.Revision = types.StringUnknown(), types.Int64Unknown()
		m.Status, m.VerificationMessage = types.StringUnknown(), types.StringUnknown()
		m.MissingScopes = types.ListUnknown(types.StringType)
	}
}
