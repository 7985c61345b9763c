package provider

import (
	"context"
	"errors"
	"regexp"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/modernretail/terraform-provider-modernretail/internal/credentialsfile"
	"github.com/modernretail/terraform-provider-modernretail/internal/diagnostics"
	"github.com/modernretail/terraform-provider-modernretail/internal/scopecheck"
	"github.com/modernretail/terraform-provider-modernretail/internal/scopes"
)

var (
	_ datasource.DataSource                     = (*scopesDataSource)(nil)
	_ datasource.DataSourceWithConfigure        = (*scopesDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*scopesDataSource)(nil)
)

// scopesDataSource asserts a token's OAuth scopes against the live BigCommerce API.
type scopesDataSource struct {
	data *providerData
}

// scopesModel is the data source's configuration and result.
type scopesModel struct {
	Filename      types.String       `tfsdk:"filename"`
	Content       types.String       `tfsdk:"content"`
	StoreHash     types.String       `tfsdk:"store_hash"`
	AccessToken   types.String       `tfsdk:"access_token"`
	Required      []string           `tfsdk:"required"`
	FailOnMissing types.Bool         `tfsdk:"fail_on_missing"`
	Satisfied     types.Bool         `tfsdk:"satisfied"`
	Missing       []string           `tfsdk:"missing"`
	Unverified    []string           `tfsdk:"unverified"`
	Scopes        []scopeResultModel `tfsdk:"scopes"`
	StoreName     types.String       `tfsdk:"store_name"`
	StoreDomain   types.String       `tfsdk:"store_domain"`
	Timeouts      timeouts.Value     `tfsdk:"timeouts"`
}

// scopeResultModel is one entry of the scopes list.
type scopeResultModel struct {
	Name          string `tfsdk:"name"`
	Scope         string `tfsdk:"scope"`
	RequiredLevel string `tfsdk:"required_level"`
	GrantedLevel  string `tfsdk:"granted_level"`
	Verified      bool   `tfsdk:"verified"`
}

func newScopesDataSource() datasource.DataSource {
	return &scopesDataSource{}
}

func (d *scopesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_bigcommerce_scopes"
}

func (d *scopesDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: scopesDataSourceDescription(),
		Attributes: map[string]schema.Attribute{
			"filename": schema.StringAttribute{
				MarkdownDescription: filenameDescription + " Recommended: only the path lands in state.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"content": schema.StringAttribute{
				MarkdownDescription: contentDescription + " Data source arguments are stored in state.",
				Optional:            true,
				Sensitive:           true,
			},
			"store_hash": schema.StringAttribute{
				MarkdownDescription: "The store hash. Set it with `access_token` for credentials that come from elsewhere; otherwise it is read from the file.",
				Optional:            true,
				Computed:            true,
				Validators: []validator.String{stringvalidator.RegexMatches(regexp.MustCompile(credentialsfile.StoreHashPattern),
					"must be the store hash: "+credentialsfile.StoreHashRule+", the part after /stores/ in the API path")},
			},
			"access_token": schema.StringAttribute{
				MarkdownDescription: "The access token, with `store_hash`. Data source arguments are stored in state.",
				Optional:            true,
				Sensitive:           true,
			},
			"required": schema.ListAttribute{
				MarkdownDescription: "The scope strings to assert, each once. Defaults to the " + scopes.CountWord(len(scopes.Required)) + " of the \"Modern Retail Integration\" account: `" +
					strings.Join(scopes.Required, "`, `") + "`. A modify scope also satisfies its read-only scope. Only scopes the check can prove are " +
					"accepted (see the probe table below): `" + strings.Join(scopecheck.CheckableScopes(), "`, `") + "`.",
				ElementType: types.StringType,
				Optional:    true,
				Computed:    true,
				Validators: []validator.List{
					requiredScopesValidator,
					listvalidator.ValueStringsAre(scopeStringValidator),
				},
			},
			"fail_on_missing": schema.BoolAttribute{
				MarkdownDescription: "Fail with an error when a required scope is missing. Defaults to `true`; with `false`, inspect `satisfied` and `missing` instead. " +
					"An inconclusive check fails whatever this says.",
				Optional: true,
			},
			"satisfied": schema.BoolAttribute{
				MarkdownDescription: "True only when every required scope was proven granted at its required level by a request that changes no data. " +
					"A scope listed in `unverified` makes it false: with the default `required`, Order Transactions: modify is proven only up to " +
					"read-only, so `satisfied` is false even for a correct account, and the gate to rely on is `missing` being empty with " +
					"`unverified` holding only `store_v2_transactions`. A check that cannot reach a conclusion fails the plan instead of answering.",
				Computed: true,
			},
			"missing": schema.ListAttribute{
				MarkdownDescription: "The required scope strings the account is proven to lack.",
				ElementType:         types.StringType,
				Computed:            true,
			},
			"unverified": schema.ListAttribute{
				MarkdownDescription: "The required scope strings proven only in part: the level below the required one is proven, and the required " +
					"level cannot be proven without changing store data. Each also gets a warning. Check these in the control panel.",
				ElementType: types.StringType,
				Computed:    true,
			},
			"scopes": schema.ListNestedAttribute{
				MarkdownDescription: "The result for each required scope.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"name":           schema.StringAttribute{MarkdownDescription: "Control-panel name, such as `Orders`.", Computed: true},
					"scope":          schema.StringAttribute{MarkdownDescription: "Scope string, such as `store_v2_orders`.", Computed: true},
					"required_level": schema.StringAttribute{MarkdownDescription: "Level required, in the control panel's words: `read-only`, `modify` or `manage`.", Computed: true},
					"granted_level":  schema.StringAttribute{MarkdownDescription: "Highest level proven: `none`, `read-only`, `modify` or `manage`; a lower bound when `verified` is false.", Computed: true},
					"verified":       schema.BoolAttribute{MarkdownDescription: "Whether the required level was proven, or proven missing.", Computed: true},
				}},
			},
			"store_name": schema.StringAttribute{
				MarkdownDescription: "The store's name, from `GET /v2/store`, when Information & Settings is required and granted.",
				Computed:            true,
			},
			"timeouts": timeouts.AttributesWithOpts(ctx, timeouts.Opts{ReadDescription: "How long the scope check may take, " +
				"retries and rate-limit waits included; past it the plan fails, and planning again is safe. " + defaultsTo(defaultScopeCheckTimeout)}),
			"store_domain": schema.StringAttribute{
				MarkdownDescription: "The store's primary domain, from `GET /v2/store`, when Information & Settings is required and granted.",
				Computed:            true,
			},
		},
	}
}

func (d *scopesDataSource) ConfigValidators(_ context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("filename"), path.MatchRoot("content"), path.MatchRoot("store_hash")),
		datasourcevalidator.RequiredTogether(path.MatchRoot("store_hash"), path.MatchRoot("access_token")),
	}
}

func (d *scopesDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	data, diags := providerDataFrom(req.ProviderData)
	resp.Diagnostics.Append(diags...)
	d.data = data
}

func (d *scopesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var model scopesModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &model)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// The credentials: from the file, or given directly.
	attribute := path.Root("access_token")
	storeHash, token, accountName, clientID := model.StoreHash.ValueString(), model.AccessToken.ValueString(), "", ""
	if model.StoreHash.IsNull() {
		in := credentialsInput{Filename: model.Filename, Content: model.Content}
		attribute = in.source().Attribute
		creds, diags := loadCredentials(ctx, in)
		resp.Diagnostics.Append(diags...)
		if creds == nil {
			return
		}
		storeHash, token, accountName, clientID = creds.StoreHash, creds.AccessToken, creds.ClientName, creds.ClientID
	} else {
		// Credentials given directly get the file parser's checks too.
		fields := credentialsfile.Credentials{StoreHash: storeHash, AccessToken: token}
		_, findings := credentialsfile.CheckFields(fields)
		resp.Diagnostics.Append(diagnostics.CredentialFieldFindings(map[string]path.Path{
			credentialsfile.LabelStoreHash:   path.Root("store_hash"),
			credentialsfile.LabelAccessToken: path.Root("access_token"),
		}, findings, credentialsfile.FieldSecrets(fields))...)
		if resp.Diagnostics.HasError() {
			return
		}
	}
	if d.data == nil || d.data.ScopeChecker == nil {
		resp.Diagnostics.Append(diagnostics.BigCommerceUnconfigured(attribute)...)
		return
	}
	if model.Required == nil {
		model.Required = append([]string(nil), scopes.Required...)
	}
	sortScopes(model.Required)

	timeout, diags := model.Timeouts.Read(ctx, defaultScopeCheckTimeout)
	resp.Diagnostics.Append(diags...)
	checkCtx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	report, err := d.data.ScopeChecker.Check(checkCtx, scopecheck.Account{StoreHash: storeHash, AccessToken: token, ClientID: clientID}, model.Required)
	if errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil {
		resp.Diagnostics.Append(diagnostics.TimedOut(attribute, "the scope check of store "+storeHash, timeout, "timeouts.read")...)
		return
	}
	if err != nil {
		resp.Diagnostics.Append(diagnostics.BigCommerceCheckFailed(attribute, storeHash, accountName, err)...)
		return
	}
	failOnMissing := model.FailOnMissing.IsNull() || model.FailOnMissing.ValueBool()
	resp.Diagnostics.Append(diagnostics.ScopeReport(attribute, storeHash, accountName, report, failOnMissing)...)
	if resp.Diagnostics.HasError() {
		return
	}
	model.StoreHash = types.StringValue(storeHash)
	model.StoreName, model.StoreDomain = types.StringNull(), types.StringNull()
	if report.Store != nil {
		model.StoreName, model.StoreDomain = types.StringValue(report.Store.Name), types.StringValue(report.Store.Domain)
	}
	model.Scopes = []scopeResultModel{}
	for _, r := range report.Results {
		model.Scopes = append(model.Scopes, scopeResultModel{
			Name:          string(r.Scope.Resource.Name),
			Scope:         r.Scope.String,
			RequiredLevel: r.Scope.Resource.Word(r.Scope.Level),
			GrantedLevel:  r.Scope.Resource.Word(r.Granted),
			Verified:      r.Verdict == scopecheck.Granted || r.Verdict == scopecheck.Missing,
		})
	}
	model.Missing, model.Unverified = scopeStrings(report.Missing()), scopeStrings(report.Unverified())
	model.Satisfied = types.BoolValue(report.Satisfied())
	resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
}

// scopeStrings lists the scope strings of results, never nil.
func scopeStrings(results []scopecheck.Result) []string {
	out := []string{}
	for _, r := range results {
		out = append(out, r.Scope.String)
	}
	return out
}

// sortScopes orders scope strings as the setup guide lists them, then the rest alphabetically.
func sortScopes(list []string) {
	rank := map[string]int{}
	for i, s := range scopes.Required {
		rank[s] = i + 1
	}
	sort.SliceStable(list, func(i, j int) bool {
		ri, rj := rank[list[i]], rank[list[j]]
		switch {
		case ri != 0 && rj != 0:
			return ri < rj
		case ri != 0 || rj != 0:
			return ri != 0
		default:
			return list[i] < list[j]
		}
	})
}
