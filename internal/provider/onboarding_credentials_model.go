package provider

import (
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/modernretail/terraform-provider-modernretail/internal/credentialsfile"
	"github.com/modernretail/terraform-provider-modernretail/internal/onboarding"
)

// onboardingModel is the resource's configuration, plan and state.
type onboardingModel struct {
	ProjectID            types.String   `tfsdk:"project_id"`
	StoreHash            types.String   `tfsdk:"store_hash"`
	ClientID             types.String   `tfsdk:"client_id"`
	ClientName           types.String   `tfsdk:"client_name"`
	APIPath              types.String   `tfsdk:"api_path"`
	AccessToken          types.String   `tfsdk:"access_token"`
	ClientSecret         types.String   `tfsdk:"client_secret"`
	AccessTokenWO        types.String   `tfsdk:"access_token_wo"`
	ClientSecretWO       types.String   `tfsdk:"client_secret_wo"`
	CredentialsWO        types.String   `tfsdk:"credentials_wo"`
	CredentialsWOVersion types.Int64    `tfsdk:"credentials_wo_version"`
	RequireScopes        types.Bool     `tfsdk:"require_scopes"`
	WaitForVerification  types.Bool     `tfsdk:"wait_for_verification"`
	Timeouts             timeouts.Value `tfsdk:"timeouts"`
	ID                   types.String   `tfsdk:"id"`
	Status               types.String   `tfsdk:"status"`
	Fingerprint          types.String   `tfsdk:"fingerprint"`
	Revision             types.Int64    `tfsdk:"revision"`
	SubmittedAt          types.String   `tfsdk:"submitted_at"`
	VerificationMessage  types.String   `tfsdk:"verification_message"`
	MissingScopes        types.List     `tfsdk:"missing_scopes"`
	Unverified           types.List     `tfsdk:"unverified"`
}

// form says which form the configuration uses.
type form int

const (
	formUnknown form = iota
	formUpload
	formState
	formWriteOnly
)

func (m *onboardingModel) form() form {
	switch {
	case !m.CredentialsWO.IsNull():
		return formUpload
	case !m.AccessTokenWO.IsNull() || !m.ClientSecretWO.IsNull():
		return formWriteOnly
	case !m.AccessToken.IsNull() || !m.ClientSecret.IsNull():
		return formState
	}
	return formUnknown
}

// secretAttribute is the argument that holds the secret, for diagnostics.
func (m *onboardingModel) secretAttribute() path.Path {
	switch m.form() {
	case formUpload:
		return path.Root("credentials_wo")
	case formWriteOnly:
		return path.Root("access_token_wo")
	default:
		return path.Root("access_token")
	}
}

// formAttributes maps the parser's labels to the form's arguments.
func (m *onboardingModel) formAttributes() map[string]path.Path {
	token, secret := "access_token", "client_secret"
	if m.form() == formWriteOnly {
		token, secret = "access_token_wo", "client_secret_wo"
	}
	return map[string]path.Path{
		credentialsfile.LabelStoreHash:    path.Root("store_hash"),
		credentialsfile.LabelClientID:     path.Root("client_id"),
		credentialsfile.LabelName:         path.Root("client_name"),
		credentialsfile.LabelAPIPath:      path.Root("api_path"),
		credentialsfile.LabelAccessToken:  path.Root(token),
		credentialsfile.LabelClientSecret: path.Root(secret),
	}
}

// setSubmitted records the non-secret fields and fingerprint of a submission.
func (m *onboardingModel) setSubmitted(sub onboarding.Submission) {
	m.StoreHash, m.ClientID = types.StringValue(sub.StoreHash), types.StringValue(sub.ClientID)
	m.ClientName, m.APIPath = types.StringValue(sub.ClientName), types.StringValue(sub.APIPath)
	m.Fingerprint = types.StringValue(sub.Fingerprint())
}

// setRegistration records what the Onboarding Center reports.
func (m *onboardingModel) setRegistration(reg *onboarding.Registration) {
	m.ID = m.ProjectID
	m.StoreHash, m.ClientID = types.StringValue(reg.StoreHash), types.StringValue(reg.ClientID)
	m.ClientName, m.APIPath = types.StringValue(reg.ClientName), types.StringValue(reg.APIPath)
	m.Fingerprint = types.StringValue(reg.Fingerprint)
	m.Revision = types.Int64Value(reg.Revision)
	m.Status = types.StringValue(reg.Status)
	m.SubmittedAt = types.StringValue(reg.SubmittedAt)
	m.VerificationMessage = types.StringValue(reg.Verification.Message)
	m.MissingScopes = stringList(reg.Verification.MissingScopes)
}

// setOutcome records what the Onboarding Center reports of the registration
// this apply wrote or adopted; the credentials' own fields stay as planned.
func (m *onboardingModel) setOutcome(reg *onboarding.Registration) {
	m.Revision = types.Int64Value(reg.Revision)
	m.Status = types.StringValue(reg.Status)
	m.SubmittedAt = types.StringValue(reg.SubmittedAt)
	m.VerificationMessage = types.StringValue(reg.Verification.Message)
	m.MissingScopes = stringList(reg.Verification.MissingScopes)
}

// setRegistrationUnknown marks what a submission will change as known after apply.
func (m *onboardingModel) setRegistrationUnknown() {
	m.setVerificationUnknown()
	m.SubmittedAt, m.Revision = types.StringUnknown(), types.Int64Unknown()
}

// setVerificationUnknown marks what the wait for verification will change as known after apply.
func (m *onboardingModel) setVerificationUnknown() {
	m.Status, m.VerificationMessage = types.StringUnknown(), types.StringUnknown()
	m.MissingScopes = types.ListUnknown(types.StringType)
}

// copyRegistration keeps the registration's values from state.
func (m *onboardingModel) copyRegistration(from *onboardingModel) {
	m.Status, m.SubmittedAt, m.VerificationMessage = from.Status, from.SubmittedAt, from.VerificationMessage
	m.Revision, m.MissingScopes = from.Revision, from.MissingScopes
}

// needsSubmission reports whether the planned credentials differ from the
// registered ones.
func needsSubmission(plan, state *onboardingModel) bool {
	if state == nil {
		return true
	}
	status := state.Status.ValueString()
	// Only a bump between two versions asks for a new submission; a version
	// that appears or goes, as when the form changes, is no change.
	bumped := !state.CredentialsWOVersion.IsNull() && !plan.CredentialsWOVersion.IsNull() && !plan.CredentialsWOVersion.Equal(state.CredentialsWOVersion)
	return !plan.StoreHash.Equal(state.StoreHash) || !plan.ClientID.Equal(state.ClientID) || !plan.ClientName.Equal(state.ClientName) ||
		!plan.APIPath.Equal(state.APIPath) || !plan.Fingerprint.Equal(state.Fingerprint) || bumped ||
		status == onboarding.StatusRejected || status == onboarding.StatusPending
}

// resumesWait reports whether the registered credentials await verification
// and the configuration waits for it, as after an apply that timed out: the
// next apply waits for the same revision, without submitting again.
func resumesWait(plan, state *onboardingModel) bool {
	return state != nil && plan.WaitForVerification.ValueBool() && state.Status.ValueString() == onboarding.StatusSubmitted
}

// stringList turns strings into a Terraform list.
func stringList(values []string) types.List {
	elems := make([]attr.Value, 0, len(values))
	for _, v := range values {
		elems = append(elems, types.StringValue(v))
	}
	return types.ListValueMust(types.StringType, elems)
}
