package provider

import (
	"context"
	"errors"
	"net/http"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/modernretail/terraform-provider-modernretail/internal/credentialsfile"
	"github.com/modernretail/terraform-provider-modernretail/internal/diagnostics"
	"github.com/modernretail/terraform-provider-modernretail/internal/onboarding"
	"github.com/modernretail/terraform-provider-modernretail/internal/redact"
	"github.com/modernretail/terraform-provider-modernretail/internal/scopecheck"
	"github.com/modernretail/terraform-provider-modernretail/internal/scopes"
)

// submission is what the configuration submits; ok is false while any of it is unknown.
func (r *onboardingCredentialsResource) submission(ctx context.Context, config *onboardingModel) (onboarding.Submission, bool, diag.Diagnostics) {
	var sub onboarding.Submission
	switch config.entry() {
	case entryUpload:
		if config.CredentialsWO.IsUnknown() {
			return sub, false, nil
		}
		creds, diags := loadCredentials(ctx, credentialsInput{Filename: types.StringNull(), Content: config.CredentialsWO, ContentAttribute: "credentials_wo"})
		if creds == nil {
			return sub, false, diags
		}
		return onboarding.SubmissionOf(creds.Credentials), true, diags
	case entryForm, entryWriteOnlyForm:
		token, secret := config.AccessToken, config.ClientSecret
		if config.entry() == entryWriteOnlyForm {
			token, secret = config.AccessTokenWO, config.ClientSecretWO
		}
		values := []types.String{config.StoreHash, config.ClientID, config.ClientName, config.APIPath, token, secret}
		for _, v := range values {
			if v.IsUnknown() {
				return sub, false, nil
			}
		}
		fields := credentialsfile.Credentials{StoreHash: config.StoreHash.ValueString(), ClientID: config.ClientID.ValueString(),
			ClientName: config.ClientName.ValueString(), APIPath: config.APIPath.ValueString(),
			AccessToken: token.ValueString(), ClientSecret: secret.ValueString()}
		creds, findings := credentialsfile.CheckFields(fields)
		diags := diagnostics.CredentialFieldFindings(config.fieldAttributes(), findings, credentialsfile.FieldSecrets(fields))
		if creds == nil {
			return sub, false, diags
		}
		return onboarding.SubmissionOf(*creds), true, diags
	}
	return sub, false, nil
}

// ModifyPlan makes the credentials' fields known at plan, runs the plan-time
// gates (the project, and the OAuth scopes), and decides what the apply does.
// The gates fail only a plan that would submit credentials; otherwise they
// warn, so that the refresh before a destroy, which runs this same plan, never
// blocks leaving.
func (r *onboardingCredentialsResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var plan, config onboardingModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	var state *onboardingModel
	if !req.State.Raw.IsNull() {
		state = &onboardingModel{}
		resp.Diagnostics.Append(req.State.Get(ctx, state)...)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	if r.data != nil && r.data.OnboardingClient == nil && !r.data.OnboardingUnknown {
		resp.Diagnostics.Append(diagnostics.OnboardingUnconfigured(path.Root("project_id"), "Registering credentials", r.data.OnboardingMissing)...)
		return
	}
	sub, known, diags := r.submission(ctx, &config)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	plan.ID = plan.ProjectID
	var configured *registered
	if known {
		plan.setSubmitted(sub)
		configured = configuredOf(sub)
	} else {
		plan.Fingerprint = types.StringUnknown()
		if config.entry() == entryUpload {
			plan.StoreHash, plan.ClientID, plan.ClientName, plan.APIPath = types.StringUnknown(), types.StringUnknown(), types.StringUnknown(), types.StringUnknown()
		}
	}
	var gateDiags diag.Diagnostics
	if known && state != nil && !state.ClientID.IsNull() && !plan.ClientID.Equal(state.ClientID) {
		gateDiags.Append(diagnostics.CredentialsRotated(config.secretAttribute(), sub.StoreHash, state.ClientID.ValueString(), sub.ClientID)...)
	}
	var gate gateResult
	if known && !plan.ProjectID.IsUnknown() {
		gate = r.gates(ctx, &plan, &config, state == nil, sub)
	}
	decided := decide(decisionInputOf(&plan, state, configured, registeredOf(gate.current), gate.missing))
	decided.plan(&plan, state)
	if !decided.writes() {
		gate.diags = diagnostics.AsWarnings(gate.diags)
	}
	if decided.Action == actionRefuse && decided.Why != refusalMissingScopes && !gate.diags.HasError() {
		gate.diags.Append(r.refused(ctx, plan.ProjectID.ValueString(), &config, sub, decided, gate.current)...)
	}
	if decided.TakesOver {
		gate.diags.Append(diagnostics.RegistrationTakeover(plan.ProjectID.ValueString(), gate.current)...)
	}
	switch {
	case !plan.RequireScopes.ValueBool():
		plan.Unverified = types.ListNull(types.StringType)
	case !gate.unverified.IsNull():
		plan.Unverified = gate.unverified
	case state != nil && !decided.writes() && !state.Unverified.IsNull() && !state.Unverified.IsUnknown():
		// A check that could not run keeps what state knows.
		plan.Unverified = state.Unverified
	default:
		plan.Unverified = types.ListUnknown(types.StringType)
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
	resp.Diagnostics.Append(gateDiags...)
	resp.Diagnostics.Append(gate.diags...)
}

// gateResult is what the plan-time gates found.
type gateResult struct {
	diags diag.Diagnostics
	// unverified lists the scopes proven only in part; null when the scopes were not checked.
	unverified types.List
	// missing lists the required scopes proven missing.
	missing []string
	// current is, on a create, the registration the project holds.
	current *onboarding.Registration
}

// gates reads the project and checks the scopes, at once, when the provider
// can reach both services. On a create whose project holds credentials, it
// reads them, for the decision.
func (r *onboardingCredentialsResource) gates(ctx context.Context, plan, config *onboardingModel, create bool, sub onboarding.Submission) gateResult {
	result := gateResult{unverified: types.ListNull(types.StringType)}
	if r.data == nil {
		return result
	}
	// Both checks wait at most timeouts.read, so a silent or trickling service never holds the plan.
	timeout, timeoutDiags := plan.Timeouts.Read(ctx, defaultReadTimeout)
	if timeoutDiags.HasError() {
		result.diags = timeoutDiags
		return result
	}
	outer := ctx
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	timedOut := func(err error) bool { return errors.Is(err, context.DeadlineExceeded) && outer.Err() == nil }
	var projectDiags, scopeDiags diag.Diagnostics
	var wg sync.WaitGroup
	projectID := plan.ProjectID.ValueString()
	if r.data.OnboardingClient != nil {
		wg.Add(1)
		go func() {
			defer wg.Done()
			project, err := r.data.OnboardingClient.GetProject(ctx, projectID)
			switch {
			case timedOut(err):
				projectDiags = diagnostics.TimedOut(path.Root("project_id"), "the plan-time read of onboarding project "+projectID, timeout, "timeouts.read")
			case err != nil:
				projectDiags = diagnostics.OnboardingRequestFailed(path.Root("project_id"), projectID, err)
			case project.StoreHash != nil && *project.StoreHash != sub.StoreHash:
				projectDiags = diagnostics.ProjectBoundElsewhere(path.Root("project_id"), projectID, *project.StoreHash, sub.StoreHash)
			case create && project.CredentialsTaskStatus() != onboarding.StatusPending:
				reg, err := r.data.OnboardingClient.GetCredentials(ctx, projectID)
				switch {
				case onboarding.IsStatus(err, http.StatusNotFound):
				case timedOut(err):
					projectDiags = diagnostics.TimedOut(path.Root("project_id"), "the plan-time read of project "+projectID+"'s registration", timeout, "timeouts.read")
				case err != nil:
					projectDiags = diagnostics.OnboardingRequestFailed(path.Root("project_id"), projectID, err)
				default:
					result.current = reg
				}
			}
		}()
	}
	if r.data.ScopeChecker != nil {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx := redact.New(sub.AccessToken, sub.ClientSecret).MaskLogs(ctx)
			account := accountOf(sub)
			if !plan.RequireScopes.ValueBool() {
				// Without the scope gate, the baseline still catches a token given as the client id.
				var swapped *scopecheck.SwappedError
				if err := r.data.ScopeChecker.Baseline(ctx, account); errors.As(err, &swapped) {
					scopeDiags = diagnostics.BigCommerceCheckFailed(config.secretAttribute(), sub.StoreHash, sub.ClientName, err)
				}
				return
			}
			report, err := r.data.ScopeChecker.Check(ctx, account, scopes.Required)
			if timedOut(err) {
				scopeDiags = diagnostics.TimedOut(config.secretAttribute(), "the plan-time scope check of store "+sub.StoreHash, timeout, "timeouts.read")
				return
			}
			if err != nil {
				scopeDiags = diagnostics.BigCommerceCheckFailed(config.secretAttribute(), sub.StoreHash, sub.ClientName, err)
				return
			}
			scopeDiags = diagnostics.ScopeReport(config.secretAttribute(), sub.StoreHash, sub.ClientName, report, true)
			result.unverified = stringList(scopeStrings(report.Unverified()))
			result.missing = scopeStrings(report.Missing())
		}()
	}
	wg.Wait()
	result.diags = append(projectDiags, scopeDiags...)
	return result
}

// accountOf is what the prober needs of a submission.
func accountOf(sub onboarding.Submission) scopecheck.Account {
	return scopecheck.Account{StoreHash: sub.StoreHash, AccessToken: sub.AccessToken, ClientID: sub.ClientID}
}
