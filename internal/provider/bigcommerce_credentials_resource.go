package provider

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"strconv"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/modernretail/terraform-provider-modernretail/internal/diagnostics"
	"github.com/modernretail/terraform-provider-modernretail/internal/redact"
	"github.com/modernretail/terraform-provider-modernretail/internal/scopecheck"
)

var (
	_ resource.Resource                     = (*credentialsResource)(nil)
	_ resource.ResourceWithConfigure        = (*credentialsResource)(nil)
	_ resource.ResourceWithConfigValidators = (*credentialsResource)(nil)
	_ resource.ResourceWithModifyPlan       = (*credentialsResource)(nil)
)

// credentialsResource ingests the credentials file of a store-level API account.
type credentialsResource struct {
	data *providerData
}

// credentialsModel is the plan and state of the resource, and the result of the ephemeral resource.
type credentialsModel struct {
	Filename      types.String `tfsdk:"filename"`
	Content       types.String `tfsdk:"content"`
	ID            types.String `tfsdk:"id"`
	StoreHash     types.String `tfsdk:"store_hash"`
	ClientID      types.String `tfsdk:"client_id"`
	ClientName    types.String `tfsdk:"client_name"`
	APIPath       types.String `tfsdk:"api_path"`
	AccessToken   types.String `tfsdk:"access_token"`
	ClientSecret  types.String `tfsdk:"client_secret"`
	ContentSHA256 types.String `tfsdk:"content_sha256"`
}

func (m *credentialsModel) input() credentialsInput {
	return credentialsInput{Filename: m.Filename, Content: m.Content}
}

// setCredentials fills the computed attributes from parsed credentials.
func (m *credentialsModel) setCredentials(c *loadedCredentials) {
	m.ID = types.StringValue(c.ID())
	m.StoreHash = types.StringValue(c.StoreHash)
	m.ClientID = types.StringValue(c.ClientID)
	m.ClientName = types.StringValue(c.ClientName)
	m.APIPath = types.StringValue(c.APIPath)
	m.AccessToken = types.StringValue(c.AccessToken)
	m.ClientSecret = types.StringValue(c.ClientSecret)
	m.ContentSHA256 = types.StringValue(c.ContentSHA256)
}

// setUnknown marks the computed attributes as known only after apply.
func (m *credentialsModel) setUnknown() {
	for _, v := range []*types.String{&m.ID, &m.StoreHash, &m.ClientID, &m.ClientName, &m.APIPath, &m.AccessToken, &m.ClientSecret, &m.ContentSHA256} {
		*v = types.StringUnknown()
	}
}

func newCredentialsResource() resource.Resource {
	return &credentialsResource{}
}

func (r *credentialsResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_bigcommerce_credentials"
}

func (r *credentialsResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	attrs := credentialsComputedAttributes()
	attrs["filename"] = schema.StringAttribute{
		MarkdownDescription: filenameDescription,
		Optional:            true,
		Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
	}
	attrs["content"] = schema.StringAttribute{
		MarkdownDescription: contentDescription,
		Optional:            true,
		Sensitive:           true,
	}
	attrs["id"] = schema.StringAttribute{
		MarkdownDescription: "`{store_hash}/{client_id}`. It holds no secret.",
		Computed:            true,
	}
	attrs["content_sha256"] = schema.StringAttribute{
		MarkdownDescription: "Hex SHA-256 of the credentials the file holds, in one canonical layout: the file's line endings, a byte order " +
			"mark, whitespace and line order do not change it. New credentials plan a replacement.",
		Computed: true,
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads the credentials file that BigCommerce downloads when a store owner creates a store-level " +
			"\"V2/V3 API token\" API account, and exposes its values. The file is parsed during `terraform plan`, so every " +
			"attribute is known at plan and a malformed file fails the plan with the line and label at fault.\n\n" +
			"On create and on refresh, the token is confirmed with a BigCommerce request that needs no scope: a token BigCommerce " +
			"rejects fails the create, and at refresh it leaves state with a warning, so the plan shows the credentials anew. " +
			"The same request runs during plan, shared with any scope check of the store, to catch swapped ACCESS TOKEN and CLIENT ID " +
			"lines: both are 31 lowercase letters and digits, so only BigCommerce can tell them apart. When it refuses the token and " +
			"accepts the client ID's value in its place, the plan fails before any value is shown. The request waits at most " +
			strconv.Itoa(int(planCheckLimit/time.Minute)) + " minutes during plan. With BigCommerce unreachable during " +
			"plan, swapped values cannot be told apart: the parser still refuses a secret, or 16 or more of its characters, under " +
			"any other label, and a client ID shaped like a client secret. " +
			"To check the account's scopes during plan, use the `modernretail_bigcommerce_scopes` data source on the same file.\n\n" +
			"The access token and client secret are stored in state (marked sensitive). To keep them out of state, use the " +
			"ephemeral resource of the same name (Terraform 1.10 and later) and pass its values to write-only arguments.\n\n" +
			"**Rotation:** when the store owner creates a new API account, point `filename` at its file (or replace the file). The plan " +
			"replaces this resource and warns with the old client ID: the old account's token keeps working until the account is deleted, " +
			"so delete it in the control panel once the new credentials are registered. Deleting the old API account is what revokes the " +
			"old token; nothing in Terraform does.\n\n" +
			"Destroying this resource only forgets the credentials. To revoke them, delete the API account in the BigCommerce " +
			"control panel under Settings › Store-level API accounts.",
		Attributes: attrs,
	}
}

// credentialsComputedAttributes are the values read from the file, shared in meaning with the ephemeral resource.
func credentialsComputedAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"store_hash":    schema.StringAttribute{MarkdownDescription: storeHashDescription, Computed: true},
		"client_id":     schema.StringAttribute{MarkdownDescription: clientIDDescription, Computed: true},
		"client_name":   schema.StringAttribute{MarkdownDescription: clientNameDescription, Computed: true},
		"api_path":      schema.StringAttribute{MarkdownDescription: apiPathDescription, Computed: true},
		"access_token":  schema.StringAttribute{MarkdownDescription: accessTokenDescription, Computed: true, Sensitive: true},
		"client_secret": schema.StringAttribute{MarkdownDescription: clientSecretDescription, Computed: true, Sensitive: true},
	}
}

func (r *credentialsResource) ConfigValidators(_ context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{
		resourcevalidator.ExactlyOneOf(path.MatchRoot("filename"), path.MatchRoot("content")),
	}
}

func (r *credentialsResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	data, diags := providerDataFrom(req.ProviderData)
	resp.Diagnostics.Append(diags...)
	r.data = data
}

// ModifyPlan parses the file, so that every value is known at plan and new
// content plans a replacement. It sends the baseline request, shared with any
// scope check of the same operation, to catch swapped ACCESS TOKEN and CLIENT
// ID lines; other answers are left to create and refresh.
func (r *credentialsResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var plan credentialsModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var prior *credentialsModel
	var priorSHA, priorClientID types.String
	if !req.State.Raw.IsNull() {
		prior = &credentialsModel{}
		resp.Diagnostics.Append(req.State.Get(ctx, prior)...)
		priorSHA, priorClientID = prior.ContentSHA256, prior.ClientID
	}
	if !plan.input().known() {
		plan.setUnknown()
	} else {
		creds, diags := loadCredentials(ctx, plan.input())
		resp.Diagnostics.Append(diags...)
		if creds == nil {
			return
		}
		plan.setCredentials(creds)
		// Swapped ACCESS TOKEN and CLIENT ID lines would show a working token as the client id: fail before any value is shown.
		var swapped *scopecheck.SwappedError
		checkCtx, cancel := context.WithTimeout(ctx, planCheckLimit)
		err := r.confirmToken(checkCtx, &plan)
		cancel()
		if errors.As(err, &swapped) {
			resp.Diagnostics.Append(diagnostics.BigCommerceCheckFailed(plan.input().source().Attribute, swapped.StoreHash, creds.ClientName, err)...)
			return
		}
	}
	if prior != nil && sameCredentials(&plan, prior) {
		// The same credentials, as a state from before content_sha256 followed the credentials rather than the bytes recorded them.
		plan.ContentSHA256 = priorSHA
	}
	if !priorSHA.IsNull() && !plan.ContentSHA256.Equal(priorSHA) {
		resp.RequiresReplace = append(resp.RequiresReplace, path.Root("content_sha256"))
	}
	if !priorClientID.IsNull() && !plan.ClientID.IsUnknown() && !plan.ClientID.Equal(priorClientID) {
		resp.Diagnostics.Append(diagnostics.CredentialsRotated(plan.input().source().Attribute, plan.StoreHash.ValueString(),
			priorClientID.ValueString(), plan.ClientID.ValueString())...)
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
}

// sameCredentials reports whether a plan holds the credentials that state records.
func sameCredentials(plan, state *credentialsModel) bool {
	for _, pair := range [][2]types.String{{plan.StoreHash, state.StoreHash}, {plan.ClientID, state.ClientID}, {plan.ClientName, state.ClientName},
		{plan.APIPath, state.APIPath}, {plan.AccessToken, state.AccessToken}, {plan.ClientSecret, state.ClientSecret}} {
		if pair[0].IsUnknown() || !pair[0].Equal(pair[1]) {
			return false
		}
	}
	return true
}

func (r *credentialsResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	r.storePlan(ctx, req.Plan, &resp.State, &resp.Diagnostics)
}

func (r *credentialsResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	r.storePlan(ctx, req.Plan, &resp.State, &resp.Diagnostics)
}

// Read notices a credentials file that has gone, the way local_file does, and
// a token that BigCommerce no longer accepts.
func (r *credentialsResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state credentialsModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !state.Filename.IsNull() {
		if _, err := os.Stat(state.Filename.ValueString()); errors.Is(err, fs.ErrNotExist) {
			tflog.Info(ctx, "Credentials file no longer exists; removing it from state", map[string]any{"filename": state.Filename.ValueString()})
			resp.Diagnostics.Append(diagnostics.CredentialsFileGone(state.Filename.ValueString())...)
			resp.State.RemoveResource(ctx)
			return
		}
	}
	err := r.confirmToken(ctx, &state)
	var invalid *scopecheck.InvalidTokenError
	if errors.As(err, &invalid) {
		resp.Diagnostics.Append(diagnostics.TokenRevoked(state.StoreHash.ValueString(), state.ClientID.ValueString())...)
		resp.State.RemoveResource(ctx)
		return
	}
	resp.Diagnostics.Append(r.tokenDiagnostics(&state, err)...)
}

// confirmToken sends the baseline request, which needs no scope, for the credentials.
func (r *credentialsResource) confirmToken(ctx context.Context, m *credentialsModel) error {
	if r.data == nil || r.data.ScopeChecker == nil {
		return nil
	}
	ctx = redact.New(m.AccessToken.ValueString(), m.ClientSecret.ValueString()).MaskLogs(ctx)
	return r.data.ScopeChecker.Baseline(ctx, scopecheck.Account{StoreHash: m.StoreHash.ValueString(), AccessToken: m.AccessToken.ValueString(), ClientID: m.ClientID.ValueString()})
}

// tokenDiagnostics turns the baseline's result into an error, a warning, or nothing.
func (r *credentialsResource) tokenDiagnostics(m *credentialsModel, err error) diag.Diagnostics {
	attribute := m.input().source().Attribute
	var unavailable *scopecheck.UnavailableError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &unavailable):
		return diagnostics.BigCommerceUnavailable(attribute, err)
	default:
		return diagnostics.BigCommerceCheckFailed(attribute, m.StoreHash.ValueString(), m.ClientName.ValueString(), err)
	}
}

// Delete only forgets the credentials; the API account lives on in BigCommerce.
func (r *credentialsResource) Delete(ctx context.Context, _ resource.DeleteRequest, _ *resource.DeleteResponse) {
	tflog.Info(ctx, "Forgetting BigCommerce credentials; delete the API account in the BigCommerce control panel to revoke them")
}

// storePlan confirms the token with BigCommerce and records the planned values, which ModifyPlan made known.
func (r *credentialsResource) storePlan(ctx context.Context, plan tfsdk.Plan, state *tfsdk.State, diags *diag.Diagnostics) {
	var m credentialsModel
	diags.Append(plan.Get(ctx, &m)...)
	if diags.HasError() {
		return
	}
	diags.Append(r.tokenDiagnostics(&m, r.confirmToken(ctx, &m))...)
	if diags.HasError() {
		return
	}
	tflog.Debug(ctx, "Recording BigCommerce credentials", map[string]any{"id": m.ID.ValueString()})
	diags.Append(state.Set(ctx, &m)...)
}
