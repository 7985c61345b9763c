package provider

import (
	"context"
	"net/http"
	"regexp"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/modernretail/terraform-provider-modernretail/internal/credentialsfile"
	"github.com/modernretail/terraform-provider-modernretail/internal/diagnostics"
	"github.com/modernretail/terraform-provider-modernretail/internal/onboarding"
	"github.com/modernretail/terraform-provider-modernretail/internal/scopes"
)

// defaultVerificationTimeout bounds the wait for verification when timeouts sets none.
const defaultVerificationTimeout = 10 * time.Minute

var (
	_ resource.Resource                   = (*onboardingCredentialsResource)(nil)
	_ resource.ResourceWithConfigure      = (*onboardingCredentialsResource)(nil)
	_ resource.ResourceWithValidateConfig = (*onboardingCredentialsResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*onboardingCredentialsResource)(nil)
	_ resource.ResourceWithImportState    = (*onboardingCredentialsResource)(nil)
)

// onboardingCredentialsResource registers credentials with an onboarding project.
type onboardingCredentialsResource struct {
	data *providerData
}

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

func newOnboardingCredentialsResource() resource.Resource {
	return &onboardingCredentialsResource{}
}

func (r *onboardingCredentialsResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_onboarding_credentials"
}

func (r *onboardingCredentialsResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	formField := func(description string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: description, Optional: true, Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Registers a store's BigCommerce API credentials with the \"API Credentials\" task of its project in Modern Retail's " +
			"Onboarding Center, as the merchant would by uploading the credentials file or typing its fields into the form, and waits for the " +
			"Onboarding Center to verify them.\n\n" +
			"Give the credentials in one of two forms:\n\n" +
			"- **The file upload:** write-only `credentials_wo` with the downloaded file's text, for example `file(\"acme-outdoor.txt\")`, and " +
			"`credentials_wo_version`. The file is parsed during plan, so `store_hash`, `client_id`, `client_name` and `api_path` are known at plan, " +
			"and state holds no secret at all (Terraform 1.11 and later).\n" +
			"- **The form:** `store_hash`, `client_id`, `client_name` and `api_path`, with `access_token` and `client_secret` (stored in state, " +
			"marked sensitive), or write-only `access_token_wo` and `client_secret_wo` with `credentials_wo_version`. Wire them from " +
			"`modernretail_bigcommerce_credentials`, or from its ephemeral counterpart for the write-only arguments.\n\n" +
			"During plan, once the credentials are known, the project is read (an unknown project, or one bound to another store, fails the plan " +
			"on `project_id`) and the account's OAuth scopes are checked as `modernretail_bigcommerce_scopes` does, failing the plan with the " +
			"same diagnostics; `require_scopes = false` turns the check off. An inconclusive check (BigCommerce unreachable, failing or " +
			"answering in a way that proves nothing) fails the plan too: a scope never counts as granted without proof.\n\n" +
			"Every submission carries an `Idempotency-Key` derived from what it submits, so a retried or re-run apply never makes a second " +
			"registration. Credentials withdrawn in the Onboarding Center, other credentials uploaded there, or a rejection there show up at the " +
			"next plan and are submitted anew. Bumping `credentials_wo_version` submits the same credentials again.\n\n" +
			"**Change made elsewhere is never overwritten blindly.** Every write is conditional on the registration's revision (its `ETag`):\n\n" +
			"- **Create:** when the project already holds the same credentials, for example uploaded by hand, they are adopted without a " +
			"new revision. Other credentials fail the plan (or, where the plan could not read the project, the apply), naming the " +
			"registered client ID: import the registration or withdraw it in the Onboarding Center. Of two configurations that create " +
			"the same project's registration at once, exactly one succeeds.\n" +
			"- **Update:** only the revision that state knows is replaced. If someone registered other credentials since the last " +
			"refresh, the apply fails and asks to plan again, which shows the change.\n" +
			"- **Destroy:** only the revision this state wrote is withdrawn. Newer credentials registered elsewhere are left in place, " +
			"with a warning, and the resource leaves state.\n" +
			"- State only ever holds what the apply wrote or adopted.\n\n" +
			"**Rotation:** a new credentials file, at the same path or another, or a new `credentials_wo` text, plans an in-place " +
			"update that shows the new `client_id` and `fingerprint`, and warns that deleting the old API account in the BigCommerce " +
			"control panel is what revokes the old token. With `credentials_wo`, the file's text is read during plan, so a new file is " +
			"seen by its fingerprint even when `credentials_wo_version` stays the same. Switching between the form and `credentials_wo` " +
			"with the same credentials is an in-place update that submits nothing.\n\n" +
			"Import by project id: `terraform import modernretail_onboarding_credentials.acme acme-outdoor`. Import cannot recover the secrets, " +
			"which the Onboarding Center never returns. When the registered fingerprint matches the configuration, the next apply only records " +
			"`access_token` and `client_secret`, or `credentials_wo_version`, in state, without submitting again.",
		Attributes: map[string]schema.Attribute{
			"project_id": schema.StringAttribute{
				MarkdownDescription: "The onboarding project's id. Changing it plans a replacement.",
				Required:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators: []validator.String{stringvalidator.RegexMatches(regexp.MustCompile(onboarding.ProjectIDPattern),
					"must be 1 to 64 letters, digits, '_' or '-'")},
			},
			"store_hash":  formField("The store hash. Set it in the form; with `credentials_wo` it is read from the file at plan."),
			"client_id":   formField("The API account's client ID. Set it in the form; with `credentials_wo` it is read from the file at plan."),
			"client_name": formField("The API account's name. Optional in the form; with `credentials_wo` it is read from the file at plan."),
			"api_path": formField("The API path, `https://api.bigcommerce.com/stores/{store_hash}/v3/`. In the form it defaults to that path; " +
				"with `credentials_wo` it is read from the file at plan."),
			"access_token": schema.StringAttribute{
				MarkdownDescription: "The access token, in the form. Stored in state, marked sensitive; prefer `access_token_wo`.",
				Optional:            true,
				Sensitive:           true,
			},
			"client_secret": schema.StringAttribute{
				MarkdownDescription: "The client secret, in the form. Stored in state, marked sensitive; prefer `client_secret_wo`.",
				Optional:            true,
				Sensitive:           true,
			},
			"access_token_wo": schema.StringAttribute{
				MarkdownDescription: "The access token, in the form, kept out of plan and state. Needs `credentials_wo_version`.",
				Optional:            true,
				Sensitive:           true,
				WriteOnly:           true,
			},
			"client_secret_wo": schema.StringAttribute{
				MarkdownDescription: "The client secret, in the form, kept out of plan and state. Needs `credentials_wo_version`.",
				Optional:            true,
				Sensitive:           true,
				WriteOnly:           true,
			},
			"credentials_wo": schema.StringAttribute{
				MarkdownDescription: "The downloaded credentials file's text, as uploaded in the Onboarding Center, kept out of plan and state. " +
					"Parsed at plan like `modernretail_bigcommerce_credentials`. Needs `credentials_wo_version`.",
				Optional:  true,
				Sensitive: true,
				WriteOnly: true,
			},
			"credentials_wo_version": schema.Int64Attribute{
				MarkdownDescription: "Version of the write-only credentials. Required with `credentials_wo`, `access_token_wo` and `client_secret_wo`; " +
					"bump it to submit the same credentials again.",
				Optional: true,
			},
			"require_scopes": schema.BoolAttribute{
				MarkdownDescription: "Check the account's OAuth scopes during plan and fail it when one is missing. Defaults to `true`.",
				Optional:            true,
				Computed:            true,
				Default:             booldefault.StaticBool(true),
			},
			"wait_for_verification": schema.BoolAttribute{
				MarkdownDescription: "Wait, within `timeouts`, until the Onboarding Center has verified or rejected the credentials; a rejection is an error. Defaults to `true`.",
				Optional:            true,
				Computed:            true,
				Default:             booldefault.StaticBool(true),
			},
			"timeouts": timeouts.Attributes(ctx, timeouts.Opts{Create: true, Update: true}),
			"id": schema.StringAttribute{
				MarkdownDescription: "The project id.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"status": schema.StringAttribute{
				MarkdownDescription: "The API Credentials task's status: `pending`, `submitted`, `verified` or `rejected`.",
				Computed:            true,
			},
			"fingerprint": schema.StringAttribute{
				MarkdownDescription: "SHA-256 over the registered secrets, as the Onboarding Center reports it; it changes when other credentials are registered.",
				Computed:            true,
			},
			"revision": schema.Int64Attribute{
				MarkdownDescription: "The registration's revision; each accepted submission adds one.",
				Computed:            true,
			},
			"submitted_at": schema.StringAttribute{
				MarkdownDescription: "When the registered credentials were submitted (RFC 3339).",
				Computed:            true,
			},
			"verification_message": schema.StringAttribute{
				MarkdownDescription: "The Onboarding Center's verification message.",
				Computed:            true,
			},
			"missing_scopes": schema.ListAttribute{
				MarkdownDescription: "Scopes the Onboarding Center found missing when it rejected the credentials.",
				ElementType:         types.StringType,
				Computed:            true,
			},
			"unverified": schema.ListAttribute{
				MarkdownDescription: "Required scopes that the plan-time check proved only in part, as `modernretail_bigcommerce_scopes` reports them: " +
					"the level below the required one is proven, and the required level cannot be proven without changing store data. " +
					"For a correct account this is `[\"store_v2_transactions\"]`. Null when `require_scopes` is false.",
				ElementType: types.StringType,
				Computed:    true,
			},
		},
	}
}

func (r *onboardingCredentialsResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	data, diags := providerDataFrom(req.ProviderData)
	resp.Diagnostics.Append(diags...)
	r.data = data
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

// ValidateConfig checks that exactly one form of the credentials is given, whole.
func (r *onboardingCredentialsResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m onboardingModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// Values that depend on what is not known yet, such as a module's
	// variables during terraform validate, are checked again during plan.
	for _, v := range []attr.Value{m.StoreHash, m.ClientID, m.ClientName, m.APIPath, m.AccessToken, m.ClientSecret,
		m.AccessTokenWO, m.ClientSecretWO, m.CredentialsWO, m.CredentialsWOVersion} {
		if v.IsUnknown() {
			return
		}
	}
	set := func(v attr.Value) bool { return !v.IsNull() }
	fail := func(attribute, detail string) {
		resp.Diagnostics.Append(diagnostics.OnboardingConfigInvalid(path.Root(attribute), detail)...)
	}
	upload := set(m.CredentialsWO)
	writeOnly := set(m.AccessTokenWO) || set(m.ClientSecretWO)
	inState := set(m.AccessToken) || set(m.ClientSecret)
	switch {
	case upload:
		for name, v := range map[string]attr.Value{"store_hash": m.StoreHash, "client_id": m.ClientID, "client_name": m.ClientName, "api_path": m.APIPath,
			"access_token": m.AccessToken, "client_secret": m.ClientSecret, "access_token_wo": m.AccessTokenWO, "client_secret_wo": m.ClientSecretWO} {
			if set(v) {
				fail(name, "credentials_wo gives every field of the credentials, so "+name+" must not be set with it.")
			}
		}
	case writeOnly && inState:
		fail("access_token", "The secrets are given both as access_token/client_secret and as access_token_wo/client_secret_wo; use one pair.")
	case writeOnly:
		for name, v := range map[string]attr.Value{"access_token_wo": m.AccessTokenWO, "client_secret_wo": m.ClientSecretWO} {
			if !set(v) {
				fail(name, "access_token_wo and client_secret_wo go together; "+name+" is missing.")
			}
		}
	case inState:
		for name, v := range map[string]attr.Value{"access_token": m.AccessToken, "client_secret": m.ClientSecret} {
			if !set(v) {
				fail(name, "access_token and client_secret go together; "+name+" is missing.")
			}
		}
	default:
		fail("credentials_wo", "No credentials are given.")
		return
	}
	if !upload {
		for name, v := range map[string]attr.Value{"store_hash": m.StoreHash, "client_id": m.ClientID} {
			if !set(v) {
				fail(name, "The form needs "+name+".")
			}
		}
	}
	if (upload || writeOnly) && !set(m.CredentialsWOVersion) {
		fail("credentials_wo_version", "Write-only credentials need credentials_wo_version, which Terraform can see change.")
	}
	if !upload && !writeOnly && set(m.CredentialsWOVersion) {
		fail("credentials_wo_version", "credentials_wo_version only applies to write-only credentials.")
	}
}

// submission is what the configuration submits; ok is false while any of it is unknown.
func (r *onboardingCredentialsResource) submission(ctx context.Context, config *onboardingModel) (onboarding.Submission, bool, diag.Diagnostics) {
	var sub onboarding.Submission
	switch config.form() {
	case formUpload:
		if config.CredentialsWO.IsUnknown() {
			return sub, false, nil
		}
		creds, diags := loadCredentials(ctx, credentialsInput{Filename: types.StringNull(), Content: config.CredentialsWO, ContentAttribute: "credentials_wo"})
		if creds == nil {
			return sub, false, diags
		}
		return onboarding.Submission{StoreHash: creds.StoreHash, ClientID: creds.ClientID, ClientName: creds.ClientName,
			APIPath: creds.APIPath, AccessToken: creds.AccessToken, ClientSecret: creds.ClientSecret}, true, diags
	case formState, formWriteOnly:
		token, secret := config.AccessToken, config.ClientSecret
		if config.form() == formWriteOnly {
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
		diags := diagnostics.CredentialFieldFindings(config.formAttributes(), findings, credentialsfile.NewFieldRedactor(fields))
		if creds == nil {
			return sub, false, diags
		}
		return onboarding.Submission{StoreHash: creds.StoreHash, ClientID: creds.ClientID, ClientName: creds.ClientName,
			APIPath: creds.APIPath, AccessToken: creds.AccessToken, ClientSecret: creds.ClientSecret}, true, diags
	}
	return sub, false, nil
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
	m.Status, m.SubmittedAt, m.VerificationMessage = types.StringUnknown(), types.StringUnknown(), types.StringUnknown()
	m.Revision = types.Int64Unknown()
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

// ModifyPlan makes the credentials' fields known at plan, shows drift as an
// update, and runs the plan-time gates: the project, and the OAuth scopes.
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
	if r.data != nil && r.data.Onboarding == nil && !r.data.OnboardingUnknown {
		resp.Diagnostics.Append(diagnostics.OnboardingUnconfigured(path.Root("project_id"))...)
		return
	}
	sub, known, diags := r.submission(ctx, &config)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	plan.ID = plan.ProjectID
	if known {
		plan.setSubmitted(sub)
	} else {
		plan.Fingerprint = types.StringUnknown()
		if config.form() == formUpload {
			plan.StoreHash, plan.ClientID, plan.ClientName, plan.APIPath = types.StringUnknown(), types.StringUnknown(), types.StringUnknown(), types.StringUnknown()
		}
	}
	if !known || needsSubmission(&plan, state) {
		plan.setRegistrationUnknown()
	} else {
		plan.copyRegistration(state)
	}
	var gateDiags diag.Diagnostics
	plan.Unverified = types.ListUnknown(types.StringType)
	if !plan.RequireScopes.ValueBool() {
		plan.Unverified = types.ListNull(types.StringType)
	}
	if known && state != nil && !state.ClientID.IsNull() && !plan.ClientID.Equal(state.ClientID) {
		gateDiags.Append(diagnostics.CredentialsRotated(config.secretAttribute(), sub.StoreHash, state.ClientID.ValueString(), sub.ClientID)...)
	}
	if known && !plan.ProjectID.IsUnknown() {
		var unverified types.List
		var diags diag.Diagnostics
		diags, unverified = r.gates(ctx, &plan, &config, state == nil, sub)
		gateDiags.Append(diags...)
		if !unverified.IsUnknown() {
			plan.Unverified = unverified
		}
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
	resp.Diagnostics.Append(gateDiags...)
}

// gates reads the project and checks the scopes, at once, when the provider
// can reach both services. For a create, a project that already holds other
// credentials fails the plan. It returns the scopes proven only in part,
// unknown when the scopes were not checked.
func (r *onboardingCredentialsResource) gates(ctx context.Context, plan, config *onboardingModel, create bool, sub onboarding.Submission) (diag.Diagnostics, types.List) {
	unverified := types.ListUnknown(types.StringType)
	if r.data == nil {
		return nil, unverified
	}
	var projectDiags, scopeDiags diag.Diagnostics
	var wg sync.WaitGroup
	projectID := plan.ProjectID.ValueString()
	if r.data.Onboarding != nil {
		wg.Add(1)
		go func() {
			defer wg.Done()
			project, err := r.data.Onboarding.GetProject(ctx, projectID)
			switch {
			case err != nil:
				projectDiags = diagnostics.OnboardingRequestFailed(path.Root("project_id"), projectID, err)
			case project.StoreHash != nil && *project.StoreHash != sub.StoreHash:
				projectDiags = diagnostics.ProjectBoundElsewhere(path.Root("project_id"), projectID, *project.StoreHash, sub.StoreHash)
			case create && project.CredentialsTaskStatus() != onboarding.StatusPending:
				projectDiags = r.otherCredentials(ctx, projectID, sub)
			}
		}()
	}
	if plan.RequireScopes.ValueBool() && r.data.Scopes != nil {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx := tflog.MaskAllFieldValuesStrings(ctx, sub.AccessToken, sub.ClientSecret)
			report, err := r.data.Scopes.Check(ctx, sub.StoreHash, sub.AccessToken, scopes.Required)
			if err != nil {
				scopeDiags = diagnostics.BigCommerceCheckFailed(config.secretAttribute(), sub.StoreHash, sub.ClientName, err)
				return
			}
			scopeDiags = diagnostics.ScopeReport(config.secretAttribute(), sub.StoreHash, sub.ClientName, report, true)
			unverified = stringList(scopeStrings(report.Unverified()))
		}()
	}
	wg.Wait()
	return append(projectDiags, scopeDiags...), unverified
}

// otherCredentials fails the plan of a create when the project holds other
// credentials than the configuration's; the same credentials are adopted at apply.
func (r *onboardingCredentialsResource) otherCredentials(ctx context.Context, projectID string, sub onboarding.Submission) diag.Diagnostics {
	reg, err := r.data.Onboarding.GetCredentials(ctx, projectID)
	switch {
	case onboarding.IsStatus(err, http.StatusNotFound):
		return nil
	case err != nil:
		return diagnostics.OnboardingRequestFailed(path.Root("project_id"), projectID, err)
	case reg.Fingerprint != sub.Fingerprint():
		return diagnostics.RegistrationTaken(path.Root("project_id"), projectID, reg)
	}
	return nil
}

// stringList turns strings into a Terraform list.
func stringList(values []string) types.List {
	elems := make([]attr.Value, 0, len(values))
	for _, v := range values {
		elems = append(elems, types.StringValue(v))
	}
	return types.ListValueMust(types.StringType, elems)
}
