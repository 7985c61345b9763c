package provider

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/modernretail/terraform-provider-modernretail/internal/diagnostics"
	"github.com/modernretail/terraform-provider-modernretail/internal/onboarding"
	"github.com/modernretail/terraform-provider-modernretail/internal/redact"
	"github.com/modernretail/terraform-provider-modernretail/internal/scopecheck"
	"github.com/modernretail/terraform-provider-modernretail/internal/scopes"
)

// applyRequest is what one create or update works from.
type applyRequest struct {
	plan, config *onboardingModel
	// state is nil on create.
	state *onboardingModel
	// private is the ownership that the state records; empty on create.
	private privateData
}

// applyResult is where an apply records what it did.
type applyResult struct {
	state   *tfsdk.State
	private privateData
	diags   *diag.Diagnostics
}

// apply carries out the plan's decision. Every write is conditional: a create
// registers only where nothing is registered, or writes over the same secrets
// uploaded by hand; an update replaces only the revision the state knows. Once
// a submission is answered, state records it with this configuration's owner,
// also when the wait for verification then times out or ends in a rejection,
// so the next apply resumes it. A submission whose answer never arrived is
// recognised at the next refresh by its owner.
func (r *onboardingCredentialsResource) apply(ctx context.Context, timeout time.Duration, req applyRequest, out applyResult) {
	diags := out.diags
	if r.data == nil || r.data.OnboardingClient == nil {
		diags.Append(diagnostics.OnboardingUnconfigured(path.Root("project_id"), "Registering credentials", r.data.onboardingMissing())...)
		return
	}
	plan := req.plan
	sub, known, d := r.submission(ctx, req.config)
	diags.Append(d...)
	if !known && !diags.HasError() {
		diags.Append(diagnostics.OnboardingConfigInvalid(req.config.secretAttribute(), "The credentials are still not known during apply.")...)
	}
	if diags.HasError() {
		return
	}
	plan.ID = plan.ProjectID
	plan.setSubmitted(sub)
	if plan.Unverified.IsUnknown() {
		plan.Unverified = types.ListNull(types.StringType)
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	ctx = redact.New(sub.AccessToken, sub.ClientSecret).MaskLogs(ctx)
	projectID := plan.ProjectID.ValueString()
	own := readOwnership(ctx, req.private, req.state)
	if own.Owner == "" {
		own.Owner = newOwner()
	}
	sub.Owner = own.Owner

	decided := decide(decisionInputOf(plan, req.state, configuredOf(sub), nil, plannedMissing(ctx, plan, req.state)))
	// Until the Onboarding Center answers, the registration is as state recorded it.
	decision{Action: actionKeep}.plan(plan, req.state)
	switch decided.Action {
	case actionKeep:
		diags.Append(out.state.Set(ctx, plan)...)
		return
	case actionRefuse:
		diags.Append(r.refused(ctx, projectID, req.config, sub, decided, nil)...)
		return
	case actionSubmit, actionAdopt:
		if r.data.ScopeChecker != nil {
			// Nothing that works as a token is ever submitted as a client id, whatever the plan saw.
			var swapped *scopecheck.SwappedError
			if err := r.data.ScopeChecker.Baseline(ctx, accountOf(sub)); errors.As(err, &swapped) {
				diags.Append(diagnostics.BigCommerceCheckFailed(req.config.secretAttribute(), sub.StoreHash, sub.ClientName, err)...)
				return
			}
		}
	}

	var reg *onboarding.Registration
	var err error
	if decided.Action == actionResume {
		// The registered credentials await verification: wait for the same revision.
		reg = &onboarding.Registration{Revision: decided.Expect, Status: onboarding.StatusSubmitted}
	} else {
		reg, decided, err = r.register(ctx, projectID, sub, req, decided)
	}
	var changed *registrationChangedError
	switch {
	case errors.As(err, &changed) && changed.refused != nil:
		diags.Append(r.refused(ctx, projectID, req.config, sub, *changed.refused, changed.current)...)
		return
	case errors.As(err, &changed):
		diags.Append(diagnostics.RegistrationChanged(path.Root("project_id"), projectID, changed.when, changed.current)...)
		return
	case errors.Is(err, context.DeadlineExceeded):
		diags.Append(diagnostics.SubmissionUncertain(projectID, timeout.String(), timeoutSetting(req))...)
		return
	case err != nil:
		diags.Append(r.requestFailed(ctx, projectID, req.config, err)...)
		return
	}
	// From here on the revision is this configuration's own, whatever the wait brings.
	diags.Append(writePrivate(ctx, out.private, privateOwnership, ownership{Owner: own.Owner, Revision: reg.Revision})...)
	if decided.TakesOver {
		diags.Append(diagnostics.RegistrationTakenOver(projectID, reg.Revision)...)
	}
	if plan.WaitForVerification.ValueBool() {
		var waited *onboarding.Registration
		waited, err = r.waitForVerification(ctx, projectID, reg)
		if waited != nil {
			reg = waited
		}
	}
	if reg.SubmittedAt != "" {
		// An answer or a read of the registration, not the revision a resumed wait started from.
		plan.setRegistration(reg)
	}
	switch {
	case errors.As(err, &changed):
		diags.Append(diagnostics.RegistrationChanged(path.Root("project_id"), projectID, changed.when, changed.current)...)
		return
	case errors.Is(err, context.DeadlineExceeded), err != nil && req.state == nil:
		diags.Append(out.state.Set(ctx, plan)...)
		diags.Append(diagnostics.VerificationTimedOut(projectID, reg.Revision, timeout.String(), req.state == nil)...)
		return
	case err != nil:
		diags.Append(out.state.Set(ctx, plan)...)
		diags.Append(r.requestFailed(ctx, projectID, req.config, err)...)
		return
	}
	diags.Append(out.state.Set(ctx, plan)...)
	if reg.Status == onboarding.StatusRejected {
		diags.Append(diagnostics.RegistrationRejected(req.config.secretAttribute(), projectID, reg.Verification.Message,
			r.scopeChanges(ctx, sub, reg.Verification.MissingScopes), req.state == nil)...)
	}
}

// plannedMissing is the scopes that the plan found lost: a plan that keeps
// the registration but shows missing_scopes changing refuses the apply.
func plannedMissing(ctx context.Context, plan, state *onboardingModel) []string {
	if state == nil || plan.MissingScopes.IsUnknown() || plan.MissingScopes.Equal(state.MissingScopes) {
		return nil
	}
	var missing []string
	if plan.MissingScopes.ElementsAs(ctx, &missing, false).HasError() {
		return nil
	}
	return missing
}

// timeoutSetting names the timeout an apply runs under.
func timeoutSetting(req applyRequest) string {
	if req.state == nil {
		return "timeouts.create"
	}
	return "timeouts.update"
}

// refused turns a refusing decision into its diagnostic.
func (r *onboardingCredentialsResource) refused(ctx context.Context, projectID string, config *onboardingModel, sub onboarding.Submission, d decision, current *onboarding.Registration) diag.Diagnostics {
	switch d.Why {
	case refusalTaken:
		return diagnostics.RegistrationTaken(path.Root("project_id"), projectID, current)
	}
	// The account lost a scope: check again, so the error names what is missing now.
	if r.data.ScopeChecker != nil {
		report, err := r.data.ScopeChecker.Check(ctx, accountOf(sub), scopes.Required)
		if err != nil {
			return diagnostics.BigCommerceCheckFailed(config.secretAttribute(), sub.StoreHash, sub.ClientName, err)
		}
		if diags := diagnostics.ScopeReport(config.secretAttribute(), sub.StoreHash, sub.ClientName, report, true); diags.HasError() {
			return diags
		}
	}
	return diagnostics.ScopesLost(config.secretAttribute(), sub.StoreHash, d.Missing)
}

// registrationChangedError reports a registration that someone else changed.
type registrationChangedError struct {
	// when says at which step, such as "while this apply waited for verification".
	when string
	// current is the registration now, nil when nothing is registered.
	current *onboarding.Registration
	// refused is set when a create found a registration that the decision refuses.
	refused *decision
}

func (e *registrationChangedError) Error() string { return "the registration changed " + e.when }

// register writes the submission on the decision's condition and returns the
// registration it wrote. A create that finds a registration decides again.
func (r *onboardingCredentialsResource) register(ctx context.Context, projectID string, sub onboarding.Submission, req applyRequest, d decision) (*onboarding.Registration, decision, error) {
	version := req.plan.CredentialsWOVersion.ValueInt64()
	key := func(prior int64) string {
		return onboarding.IdempotencyKey(projectID, sub, strconv.FormatInt(version, 10)+"/"+strconv.FormatInt(prior, 10))
	}
	put := func(prior int64, cond onboarding.Condition) (*onboarding.Registration, error) {
		reg, err := r.data.OnboardingClient.PutCredentials(ctx, projectID, sub, key(prior), cond)
		if err == nil {
			tflog.Info(ctx, "Submitted API credentials to the Onboarding Center", map[string]any{"project_id": projectID, "revision": reg.Revision})
		}
		return reg, err
	}
	if req.state == nil && d.Action == actionSubmit {
		// A retry, or a re-run after a lost answer, repeats the key and gets the first answer.
		reg, err := put(0, onboarding.Condition{IfNoneMatch: true})
		var apiErr *onboarding.APIError
		if !errors.As(err, &apiErr) || apiErr.Status != http.StatusPreconditionFailed {
			return reg, d, err
		}
		if apiErr.Current == nil {
			return nil, d, &registrationChangedError{when: "during this apply"}
		}
		d = decide(decisionInput{Configured: configuredOf(sub), Found: registeredOf(apiErr.Current)})
		if d.Action == actionRefuse {
			return nil, d, &registrationChangedError{current: apiErr.Current, refused: &d}
		}
	}
	when := "outside this configuration since the last refresh"
	if req.state == nil {
		// The same secrets, registered already: written again with this
		// configuration's owner and values, over exactly the revision found.
		tflog.Info(ctx, "Adopting the same API credentials, registered already", map[string]any{"project_id": projectID, "revision": d.Expect})
		when = "during this apply"
	}
	reg, err := put(d.Expect, onboarding.Condition{IfMatch: onboarding.ETag(d.Expect)})
	return reg, d, changedOn412(err, when)
}

// changedOn412 turns a failed precondition into a registrationChangedError.
func changedOn412(err error, when string) error {
	var apiErr *onboarding.APIError
	if errors.As(err, &apiErr) && apiErr.Status == http.StatusPreconditionFailed {
		return &registrationChangedError{when: when, current: apiErr.Current}
	}
	return err
}

// requestFailed turns an Onboarding Center error into a diagnostic on the argument it concerns.
func (r *onboardingCredentialsResource) requestFailed(ctx context.Context, projectID string, config *onboardingModel, err error) diag.Diagnostics {
	if ctxErr := ctx.Err(); ctxErr != nil && errors.Is(err, ctxErr) {
		err = ctxErr
	}
	attribute := path.Root("project_id")
	if onboarding.IsStatus(err, http.StatusUnprocessableEntity) {
		attribute = config.secretAttribute()
	}
	return diagnostics.OnboardingRequestFailed(attribute, projectID, err)
}

// waitForVerification polls until the registration is verified or rejected.
// A newer revision, written by someone else meanwhile, ends the wait.
func (r *onboardingCredentialsResource) waitForVerification(ctx context.Context, projectID string, reg *onboarding.Registration) (*onboarding.Registration, error) {
	interval := 20 * time.Millisecond
	for !reg.Terminal() {
		select {
		case <-ctx.Done():
			return reg, ctx.Err()
		case <-time.After(interval):
		}
		interval = min(interval*3/2, 2*time.Second)
		next, err := r.data.OnboardingClient.GetCredentials(ctx, projectID)
		switch {
		case ctx.Err() != nil:
			return reg, ctx.Err()
		case onboarding.IsStatus(err, http.StatusNotFound):
			return reg, &registrationChangedError{when: "while this apply waited for verification"}
		case err != nil:
			return reg, err
		case next.Revision != reg.Revision:
			return reg, &registrationChangedError{when: "while this apply waited for verification", current: next}
		}
		reg = next
	}
	return reg, nil
}

// scopeChanges words the missing scopes as the control-panel changes that fix them.
func (r *onboardingCredentialsResource) scopeChanges(ctx context.Context, sub onboarding.Submission, missing []string) []string {
	var out []string
	results := map[string]scopecheck.Result{}
	var checkable []string
	for _, s := range missing {
		if _, _, ok := scopecheck.Checkable(s); ok {
			checkable = append(checkable, s)
		}
	}
	if r.data.ScopeChecker != nil && len(checkable) > 0 {
		if report, err := r.data.ScopeChecker.Check(ctx, accountOf(sub), checkable); err == nil {
			for _, res := range report.Results {
				results[res.Scope.String] = res
			}
		}
	}
	for _, s := range missing {
		res, ok := results[s]
		if !ok {
			sc, known := scopes.Lookup(s)
			if !known {
				out = append(out, "Grant "+s)
				continue
			}
			res = scopecheck.Result{Scope: sc, Granted: scopes.LevelNone}
		}
		out = append(out, diagnostics.ScopeChange(res)+" ("+s+")")
	}
	return out
}
