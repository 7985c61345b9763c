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

// entry says how the configuration gives the credentials: the upload, the
// form with its secrets in state, or the form with write-only secrets.
type entry int

const (
	entryUnknown entry = iota
	entryUpload
	entryForm
	entryWriteOnlyForm
)

func (m *onboardingModel) entry() entry {
	switch {
	case !m.CredentialsWO.IsNull():
		return entryUpload
	case !m.AccessTokenWO.IsNull() || !m.ClientSecretWO.IsNull():
		return entryWriteOnlyForm
	case !m.AccessToken.IsNull() || !m.ClientSecret.IsNull():
		return entryForm
	}
	return entryUnknown
}

// secretAttribute is the argument that holds the secret, for diagnostics.
func (m *onboardingModel) secretAttribute() path.Path {
	switch m.entry() {
	case entryUpload:
		return path.Root("credentials_wo")
	case entryWriteOnlyForm:
		return path.Root("access_token_wo")
	default:
		return path.Root("access_token")
	}
}

// fieldAttributes maps the parser's labels to the arguments that hold each field.
func (m *onboardingModel) fieldAttributes() map[string]path.Path {
	token, secret := "access_token", "client_secret"
	if m.entry() == entryWriteOnlyForm {
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

// registered is the registration as state records it.
func (m *onboardingModel) registered() *registered {
	return &registered{StoreHash: m.StoreHash.ValueString(), ClientID: m.ClientID.ValueString(), ClientName: m.ClientName.ValueString(),
		APIPath: m.APIPath.ValueString(), Fingerprint: m.Fingerprint.ValueString(), Status: m.Status.ValueString(), Revision: m.Revision.ValueInt64()}
}

// configuredOf is what a submission registers.
func configuredOf(sub onboarding.Submission) *registered {
	return &registered{StoreHash: sub.StoreHash, ClientID: sub.ClientID, ClientName: sub.ClientName, APIPath: sub.APIPath, Fingerprint: sub.Fingerprint()}
}

// bumped reports a credentials_wo_version changed between two versions; a
// version that appears or goes, as when the form changes, is no change.
func bumped(plan, state *onboardingModel) bool {
	return state != nil && !state.CredentialsWOVersion.IsNull() && !plan.CredentialsWOVersion.IsNull() &&
		!plan.CredentialsWOVersion.Equal(state.CredentialsWOVersion)
}

// decisionInput is what the decision depends on, as the plan and state hold it.
func decisionInputOf(plan, state *onboardingModel, configured, found *registered, missing []string) decisionInput {
	in := decisionInput{Configured: configured, Bumped: bumped(plan, state), Wait: plan.WaitForVerification.ValueBool(), Found: found, Missing: missing}
	if state != nil {
		in.State = state.registered()
	}
	return in
}

// stringList turns strings into a Terraform list.
func stringList(values []string) types.List {
	elems := make([]attr.Value, 0, len(values))
	for _, v := range values {
		elems = append(elems, types.StringValue(v))
	}
	return types.ListValueMust(types.StringType, elems)
}
