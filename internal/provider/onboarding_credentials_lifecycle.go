package provider

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/http"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/modernretail/terraform-provider-modernretail/internal/diagnostics"
	"github.com/modernretail/terraform-provider-modernretail/internal/onboarding"
)

// projectIDPattern is the form of a project id, and so of an import id.
var projectIDPattern = regexp.MustCompile(onboarding.ProjectIDPattern)

// privateOwnership is the key of the resource's private state that holds
// this configuration's ownership of the registration; privateLegacyWritten
// held the revision alone, before registrations had owners.
const (
	privateOwnership     = "registration"
	privateLegacyWritten = "written"
)

// ownership is what makes a registration this configuration's own.
type ownership struct {
	// Owner is the opaque id that this configuration submits with; empty in
	// a state from before owners, until its next write.
	Owner string `json:"owner,omitempty"`
	// Revision is the last revision this configuration wrote, adopted or imported.
	Revision int64 `json:"revision"`
	// Claimed is set by an import until its read records the revision it takes.
	Claimed bool `json:"claimed,omitempty"`
}

// owns reports whether the registration is this configuration's own: its
// current revision carries this configuration's owner, or is the revision
// this configuration wrote or imported. Revisions never repeat.
func (o ownership) owns(reg *onboarding.Registration) bool {
	return reg.OwnedBy(o.Owner) || o.Revision > 0 && reg.Revision == o.Revision
}

// newOwner generates an owner id for a configuration's first write.
func newOwner() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return "tf-" + hex.EncodeToString(b)
}

// readOwnership is the ownership that the private state records; a state from
// before it was kept owns the revision it recorded.
func readOwnership(ctx context.Context, p privateData, state *onboardingModel) ownership {
	var own ownership
	if readPrivate(ctx, p, privateOwnership, &own) {
		return own
	}
	var legacy struct {
		Revision int64 `json:"revision"`
	}
	if readPrivate(ctx, p, privateLegacyWritten, &legacy) {
		return ownership{Revision: legacy.Revision}
	}
	if state != nil {
		return ownership{Revision: state.Revision.ValueInt64()}
	}
	return ownership{}
}

// privateData is the part of the framework's private state that the resource reads and writes.
type privateData interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

// readPrivate decodes a private key into v; it reports whether the key was there.
func readPrivate(ctx context.Context, p privateData, key string, v any) bool {
	if p == nil {
		return false
	}
	data, diags := p.GetKey(ctx, key)
	if diags.HasError() || len(data) == 0 {
		return false
	}
	return json.Unmarshal(data, v) == nil
}

func writePrivate(ctx context.Context, p privateData, key string, v any) diag.Diagnostics {
	data, err := json.Marshal(v)
	if err != nil {
		return diagnostics.RegistrationUnrecorded(err)
	}
	return p.SetKey(ctx, key, data)
}

func (r *onboardingCredentialsResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan, config onboardingModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := plan.Timeouts.Create(ctx, defaultVerificationTimeout)
	resp.Diagnostics.Append(diags...)
	r.apply(ctx, timeout, applyRequest{plan: &plan, config: &config}, applyResult{state: &resp.State, private: resp.Private, diags: &resp.Diagnostics})
}

func (r *onboardingCredentialsResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, config, state onboardingModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := plan.Timeouts.Update(ctx, defaultVerificationTimeout)
	resp.Diagnostics.Append(diags...)
	r.apply(ctx, timeout, applyRequest{plan: &plan, config: &config, state: &state, private: req.Private}, applyResult{state: &resp.State, private: resp.Private, diags: &resp.Diagnostics})
}

// Read shows withdrawn registrations, other credentials and rejections made in the Onboarding Center.
func (r *onboardingCredentialsResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state onboardingModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || r.data == nil || r.data.OnboardingUnknown {
		return
	}
	if r.data.OnboardingClient == nil {
		// Refresh and import never report success without asking the Onboarding Center.
		resp.Diagnostics.Append(diagnostics.OnboardingUnconfigured(path.Root("project_id"), "Reading the registration", r.data.OnboardingMissing)...)
		return
	}
	projectID := state.ProjectID.ValueString()
	timeout, diags := state.Timeouts.Read(ctx, defaultReadTimeout)
	resp.Diagnostics.Append(diags...)
	readCtx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	reg, err := r.data.OnboardingClient.GetCredentials(readCtx, projectID)
	if errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil {
		resp.Diagnostics.Append(diagnostics.TimedOut(path.Root("project_id"), "reading the registration of project "+projectID, timeout, "timeouts.read")...)
		return
	}
	if onboarding.IsStatus(err, http.StatusNotFound) {
		resp.Diagnostics.Append(diagnostics.RegistrationGone(projectID)...)
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.Append(diagnostics.OnboardingRequestFailed(path.Root("project_id"), projectID, err)...)
		return
	}
	// A revision written with this configuration's owner is its own, also one
	// whose answer came after the apply's timeout; an import takes the revision it finds.
	own := readOwnership(ctx, req.Private, &state)
	switch {
	case own.Claimed:
		own.Revision, own.Claimed = reg.Revision, false
		resp.Diagnostics.Append(diagnostics.RegistrationImported(projectID, reg)...)
	case reg.OwnedBy(own.Owner):
		own.Revision = reg.Revision
	}
	resp.Diagnostics.Append(writePrivate(ctx, resp.Private, privateOwnership, own)...)
	state.setRegistration(reg)
	if state.RequireScopes.IsNull() {
		state.RequireScopes = types.BoolValue(true)
	}
	if state.WaitForVerification.IsNull() {
		state.WaitForVerification = types.BoolValue(true)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Delete withdraws the registration this state wrote; the task goes back to
// pending. A registration that someone changed since is left in place.
func (r *onboardingCredentialsResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state onboardingModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if r.data == nil || r.data.OnboardingClient == nil {
		resp.Diagnostics.Append(diagnostics.OnboardingUnconfigured(path.Root("project_id"), "Withdrawing the registration", r.data.onboardingMissing())...)
		return
	}
	projectID := state.ProjectID.ValueString()
	own := readOwnership(ctx, req.Private, &state)
	timeout, diags := state.Timeouts.Delete(ctx, defaultDeleteTimeout)
	resp.Diagnostics.Append(diags...)
	deleteCtx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	err := r.data.OnboardingClient.DeleteCredentials(deleteCtx, projectID, onboarding.Condition{IfMatch: onboarding.ETag(own.Revision)})
	var apiErr *onboarding.APIError
	if errors.As(err, &apiErr) && apiErr.Status == http.StatusPreconditionFailed && apiErr.Current != nil && own.owns(apiErr.Current) {
		// A newer revision of this configuration's own, such as an update answered after its timeout.
		err = r.data.OnboardingClient.DeleteCredentials(deleteCtx, projectID, onboarding.Condition{IfMatch: onboarding.ETag(apiErr.Current.Revision)})
	}
	switch {
	case errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil:
		resp.Diagnostics.Append(diagnostics.TimedOut(path.Root("project_id"), "withdrawing the registration of project "+projectID, timeout, "timeouts.delete")...)
	case err == nil, onboarding.IsStatus(err, http.StatusNotFound):
	case errors.As(err, &apiErr) && apiErr.Status == http.StatusPreconditionFailed:
		resp.Diagnostics.Append(diagnostics.RegistrationLeftInPlace(projectID, own.Revision, apiErr.Current)...)
	default:
		resp.Diagnostics.Append(diagnostics.OnboardingRequestFailed(path.Root("project_id"), projectID, err)...)
	}
}

// ImportState takes the project id and ownership of the registration; Read
// fills in the rest, except the secrets.
func (r *onboardingCredentialsResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if !projectIDPattern.MatchString(req.ID) {
		resp.Diagnostics.Append(diagnostics.ImportIDInvalid(req.ID, onboarding.ProjectIDPattern)...)
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("project_id"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	// Import takes ownership: the read that follows records the revision it finds.
	resp.Diagnostics.Append(writePrivate(ctx, resp.Private, privateOwnership, ownership{Owner: newOwner(), Claimed: true})...)
}
