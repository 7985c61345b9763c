// Package provider implements the modernretail Terraform provider.
package provider

import (
	"context"
	"github.com/modernretail/terraform-provider-modernretail/internal/credentialsfile"
	"net/url"
	"os"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/modernretail/terraform-provider-modernretail/internal/apiclient"
	"github.com/modernretail/terraform-provider-modernretail/internal/bigcommerce"
	"github.com/modernretail/terraform-provider-modernretail/internal/diagnostics"
	"github.com/modernretail/terraform-provider-modernretail/internal/endpoint"
	"github.com/modernretail/terraform-provider-modernretail/internal/onboarding"
	"github.com/modernretail/terraform-provider-modernretail/internal/scopecheck"
)

// DefaultBigCommerceAPIURL is BigCommerce's API, at the only host an API PATH may name.
const DefaultBigCommerceAPIURL = "https://" + credentialsfile.APIHost

// Environment variables read when the matching argument is not set.
const (
	EnvBigCommerceAPIURL = "BIGCOMMERCE_API_URL"
	EnvOnboardingURL     = "MODERNRETAIL_ONBOARDING_URL"
	EnvOnboardingToken   = "MODERNRETAIL_ONBOARDING_TOKEN"
)

var (
	_ provider.Provider                       = (*modernRetailProvider)(nil)
	_ provider.ProviderWithEphemeralResources = (*modernRetailProvider)(nil)
	_ provider.ProviderWithFunctions          = (*modernRetailProvider)(nil)
)

// modernRetailProvider is the provider implementation.
type modernRetailProvider struct {
	// version is the provider's release version, "dev" for local builds and "test" in tests.
	version string
}

// providerModel is the provider block.
type providerModel struct {
	BigCommerceAPIURL types.String `tfsdk:"bigcommerce_api_url"`
	OnboardingURL     types.String `tfsdk:"onboarding_url"`
	OnboardingToken   types.String `tfsdk:"onboarding_token"`
	MaxRetries        types.Int64  `tfsdk:"max_retries"`
}

// providerData is the resolved configuration handed to resources and data sources.
type providerData struct {
	// ScopeChecker checks tokens against BigCommerce; nil when bigcommerce_api_url is unknown.
	ScopeChecker *scopecheck.Checker
	// OnboardingClient talks to the Onboarding Center; nil when its URL or token is unset or unknown.
	OnboardingClient *onboarding.Client
	// OnboardingUnknown is set when the Onboarding Center's URL or token is not known yet.
	OnboardingUnknown bool
	// OnboardingMissing names the Onboarding Center's settings that are not set, when OnboardingClient is nil.
	OnboardingMissing []string
}

// onboardingMissing names the missing Onboarding Center settings; data may be nil.
func (d *providerData) onboardingMissing() []string {
	if d == nil {
		return nil
	}
	return d.OnboardingMissing
}

// New returns a provider factory for the given version.
func New(version string) func() provider.Provider {
	return func() provider.Provider {
		return &modernRetailProvider{version: version}
	}
}

func (p *modernRetailProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "modernretail"
	resp.Version = p.version
}

func (p *modernRetailProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The Modern Retail provider onboards merchants' BigCommerce stores into Modern Retail. " +
			"It reads the credentials file that BigCommerce downloads for the store's \"Modern Retail Integration\" API account, " +
			"checks the account's OAuth scopes against BigCommerce during `terraform plan`, before anything is applied, and " +
			"registers the credentials with the store's project in Modern Retail's Onboarding Center.",
		Attributes: map[string]schema.Attribute{
			"bigcommerce_api_url": schema.StringAttribute{
				MarkdownDescription: "Base URL of the BigCommerce API. Defaults to `" + DefaultBigCommerceAPIURL + "`, or the `" + EnvBigCommerceAPIURL + "` environment variable. " +
					"Store access tokens are sent to this host only. It must use https, except plain http to a loopback host for the local sandbox.",
				Optional:   true,
				Validators: []validator.String{endpointValidator},
			},
			"onboarding_url": schema.StringAttribute{
				MarkdownDescription: "Base URL of Modern Retail's Onboarding Center API, or the `" + EnvOnboardingURL + "` environment variable. " +
					"It must use https, except plain http to a loopback host for the local sandbox. An empty value counts as not set.",
				Optional:   true,
				Validators: []validator.String{endpointValidator},
			},
			"max_retries": schema.Int64Attribute{
				MarkdownDescription: "How many times a request is retried after a rate limit (429), a server error (5xx) or a connection error. " +
					"Rate-limited requests wait as long as BigCommerce's headers or a `Retry-After` ask; others back off linearly with jitter, so that many stores do not retry in step. Defaults to 5.",
				Optional:   true,
				Validators: []validator.Int64{int64validator.Between(0, 20)},
			},
			"onboarding_token": schema.StringAttribute{
				MarkdownDescription: "API token for the Onboarding Center, or the `" + EnvOnboardingToken + "` environment variable. It is sent to `onboarding_url`'s host only. An empty value counts as not set.",
				Optional:            true,
				Sensitive:           true,
			},
		},
	}
}

func (p *modernRetailProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var config providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// An empty string is as good as leaving the argument out: the environment variable, or the default, applies.
	for _, v := range []*types.String{&config.BigCommerceAPIURL, &config.OnboardingURL, &config.OnboardingToken} {
		if !v.IsUnknown() && !v.IsNull() && strings.TrimSpace(v.ValueString()) == "" {
			*v = types.StringNull()
		}
	}
	data := &providerData{}
	userAgent := apiclient.UserAgent(p.version, req.TerraformVersion)
	options := apiclient.Options{MaxRetries: maxRetries(config.MaxRetries)}

	apiURL, diags := resolveEndpoint(config.BigCommerceAPIURL, path.Root("bigcommerce_api_url"), EnvBigCommerceAPIURL, DefaultBigCommerceAPIURL)
	resp.Diagnostics.Append(diags...)
	if apiURL != nil {
		data.ScopeChecker = scopecheck.NewChecker(bigcommerce.New(apiURL, userAgent, options))
	}

	onboardingURL, diags := resolveEndpoint(config.OnboardingURL, path.Root("onboarding_url"), EnvOnboardingURL, "")
	resp.Diagnostics.Append(diags...)

	var onboardingToken string
	switch {
	case config.OnboardingToken.IsUnknown():
	case !config.OnboardingToken.IsNull():
		onboardingToken = config.OnboardingToken.ValueString()
	default:
		onboardingToken = os.Getenv(EnvOnboardingToken)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	data.OnboardingUnknown = config.OnboardingURL.IsUnknown() || config.OnboardingToken.IsUnknown()
	if onboardingURL != nil && onboardingToken != "" {
		data.OnboardingClient = onboarding.New(onboardingURL, onboardingToken, userAgent, options)
	}
	if onboardingURL == nil && !config.OnboardingURL.IsUnknown() {
		data.OnboardingMissing = append(data.OnboardingMissing, "onboarding_url (or "+EnvOnboardingURL+")")
	}
	if onboardingToken == "" && !config.OnboardingToken.IsUnknown() {
		data.OnboardingMissing = append(data.OnboardingMissing, "onboarding_token (or "+EnvOnboardingToken+")")
	}
	tflog.Debug(ctx, "Configured the Modern Retail provider", map[string]any{
		"bigcommerce_api_url":  urlString(apiURL),
		"onboarding_url":       urlString(onboardingURL),
		"onboarding_token_set": onboardingToken != "",
	})
	resp.DataSourceData = data
	resp.ResourceData = data
	resp.EphemeralResourceData = data
}

// providerDataFrom is what Configure of a resource or data source does with
// the provider's data; nil data means the provider is not configured yet.
func providerDataFrom(raw any) (*providerData, diag.Diagnostics) {
	if raw == nil {
		return nil, nil
	}
	data, ok := raw.(*providerData)
	if !ok {
		return nil, diagnostics.UnexpectedProviderData(raw)
	}
	return data, nil
}

// resolveEndpoint takes a URL from the argument, else the environment, else the default.
// An unknown argument yields nil, so that resources needing it can say so later.
func resolveEndpoint(value types.String, attribute path.Path, envVar, fallback string) (*url.URL, diag.Diagnostics) {
	if value.IsUnknown() {
		return nil, nil
	}
	raw, fromEnv := value.ValueString(), false
	if value.IsNull() {
		raw, fromEnv = os.Getenv(envVar), true
		if raw == "" {
			raw, fromEnv = fallback, false
		}
	}
	if raw == "" {
		return nil, nil
	}
	u, err := endpoint.Parse(raw)
	if err != nil {
		return nil, diagnostics.InvalidEndpoint(attribute, envVar, fromEnv, err)
	}
	return u, nil
}

// maxRetries turns the argument into the client option, where a negative number means none.
func maxRetries(v types.Int64) int {
	switch {
	case v.IsNull() || v.IsUnknown():
		return 0
	case v.ValueInt64() == 0:
		return -1
	default:
		return int(v.ValueInt64())
	}
}

func urlString(u *url.URL) string {
	if u == nil {
		return ""
	}
	return u.String()
}

func (p *modernRetailProvider) Resources(_ context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		newCredentialsResource,
		newOnboardingCredentialsResource,
	}
}

func (p *modernRetailProvider) EphemeralResources(_ context.Context) []func() ephemeral.EphemeralResource {
	return []func() ephemeral.EphemeralResource{
		newCredentialsEphemeralResource,
	}
}

func (p *modernRetailProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		newScopesDataSource,
	}
}

func (p *modernRetailProvider) Functions(_ context.Context) []func() function.Function {
	return []func() function.Function{
		newParseCredentialsFunction,
	}
}
