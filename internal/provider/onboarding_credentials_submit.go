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
}

// apply registers the configured credentials unless they are registered
// already, then waits for verification. Every write is conditional: a create
// registers only where nothing is registered, and adopts the same credentials
// registered already; an update replaces only the revision the state knows.
// State records only what this apply wrote or adopted. On a timeout nothing
// is recorded, so the next apply resumes: it submits again only what did not
// arrive, and otherwise waits for the revision that did.
func (r *onboardingCredentialsResource) apply(ctx context.Context, timeout time.Duration, req applyRequest, out *tfsdk.State, private privateData, diags *diag.Diagnostics) {
	if r.data == nil || r.data.Onboarding == nil {
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
	resume := req.state != nil && !needsSubmission(plan, req.state)
	if resume {
		plan.copyRegistration(req.state)
		if !resumesWait(plan, req.state) {
			diags.Append(out.Set(ctx, plan)...)
			return
		}
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	ctx = redact.New(sub.AccessToken, sub.ClientSecret).MaskLogs(ctx)
	projectID := plan.ProjectID.ValueString()
	if !resume && r.data.Scopes != nil {
		// Nothing that works as a token is ever submitted as a client id, whatever the plan saw.
		var swapped *scopecheck.SwappedError
		if err := r.data.Scopes.Baseline(ctx, accountOf(sub)); errors.As(err, &swapped) {
			diags.Append(diagnostics.BigCommerceCheckFailed(req.config.secretAttribute(), sub.StoreHash, sub.ClientName, err)...)
			return
		}
	}

	var reg *onboarding.Registration
	var err error
	if resume {
		// The registered credentials await verification: wait for the same revision.
		reg = &onboarding.Registration{Revision: req.state.Revision.ValueInt64(), Status: onboarding.StatusSubmitted}
	} else {
		reg, err = r.register(ctx, projectID, sub, req)
	}
	if err == nil && plan.WaitForVerification.ValueBool() {
		reg, err = r.waitForVerification(ctx, projectID, reg)
	}
	var changed *registrationChangedError
	switch {
	case errors.As(err, &changed) && changed.taken:
		diags.Append(diagnostics.RegistrationTaken(path.Root("project_id"), projectID, changed.current)...)
		return
	case errors.As(err, &changed):
		diags.Append(diagnostics.RegistrationChanged(path.Root("project_id"), projectID, changed.when, changed.current)...)
		return
	case errors.Is(err, context.DeadlineExceeded):
		var revision int64
		if reg != nil {
			revision = reg.Revision
		}
		diags.Append(diagnostics.VerificationTimedOut(projectID, revision, timeout.String())...)
		return
	case err != nil:
		diags.Append(r.requestFailed(ctx, projectID, req.config, err)...)
		return
	}
	plan.setOutcome(reg)
	diags.Append(out.Set(ctx, plan)...)
	diags.Append(writePrivate(ctx, private, privateWritten, written{Revision: reg.Revision})...)
	if reg.Status == onboarding.StatusRejected {
		diags.Append(diagnostics.RegistrationRejected(req.config.secretAttribute(), projectID, reg.Verification.Message,
			r.scopeChanges(ctx, sub, reg.Verification.MissingScopes))...)
	}
}

// registrationChangedError reports a registration that someone else changed.
type registrationChangedError struct {
	// when says at which step, such as "while this apply waited for verification".
	when string
	// current is the registration now, nil when nothing is registered.
	current *onboarding.Registration
	// taken is set when a create found other credentials registered.
	taken bool
}

func (e *registrationChangedError) Error() string { return "the registration changed " + e.when }

// register makes the registration hold the submission, writing only on the
// right condition, and returns the registration it wrote or adopted.
func (r *onboardingCredentialsResource) register(ctx context.Context, projectID string, sub onboarding.Submission, req applyRequest) (*onboarding.Registration, error) {
	version := req.plan.CredentialsWOVersion.ValueInt64()
	key := func(prior int64) string {
		return onboarding.IdempotencyKey(projectID, sub, strconv.FormatInt(version, 10)+"/"+strconv.FormatInt(prior, 10))
	}
	put := func(prior int64, cond onboarding.Condition) (*onboarding.Registration, error) {
		reg, err := r.data.Onboarding.PutCredentials(ctx, projectID, sub, key(prior), cond)
		if err == nil {
			tflog.Info(ctx, "Submitted API credentials to the Onboarding Center", map[string]any{"project_id": projectID, "revision": reg.Revision})
		}
		return reg, err
	}
	if req.state != nil {
		prior := req.state.Revision.ValueInt64()
		reg, err := put(prior, onboarding.Condition{IfMatch: onboarding.ETag(prior)})
		return reg, changedOn412(err, "outside this configuration since the last refresh")
	}
	// A retry, or a re-run after a lost answer, repeats the key and gets the first answer.
	reg, err := put(0, onboarding.Condition{IfNoneMatch: true})
	var apiErr *onboarding.APIError
	if !errors.As(err, &apiErr) || apiErr.Status != http.StatusPreconditionFailed {
		return reg, err
	}
	current := apiErr.Current
	switch {
	case current == nil:
		return nil, &registrationChangedError{when: "during this apply"}
	case current.Fingerprint != sub.Fingerprint():
		return nil, &registrationChangedError{current: current, taken: true}
	case current.Status == onboarding.StatusRejected:
		// The same credentials, rejected: submit them again.
		reg, err = put(current.Revision, onboarding.Condition{IfMatch: onboarding.ETag(current.Revision)})
		return reg, changedOn412(err, "during this apply")
	}
	tflog.Info(ctx, "Adopted the same API credentials, registered already", map[string]any{"project_id": projectID, "revision": current.Revision})
	current.ETag = onboarding.ETag(current.Revision)
	return current, nil
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
		next, err := r.data.Onboarding.GetCredentials(ctx, projectID)
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
	if r.data.Scopes != nil && len(checkable) > 0 {
		if report, err := r.data.Scopes.Check(ctx, accountOf(sub), checkable); err == nil {
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
