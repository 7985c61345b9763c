// Command noopprovider is the fleet benchmark's fair lower bound: a
// plugin-framework provider with the real one's address and shape, whose data
// source and resources read the credentials file and do no network work. The
// time Terraform and the framework spend on it is what the real provider
// cannot save by sending fewer requests.
package main

import (
	"context"
	"log"
	"os"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	pschema "github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/modernretail/terraform-provider-modernretail/internal/credentialsfile"
)

func main() {
	err := providerserver.Serve(context.Background(), func() provider.Provider { return noop{} },
		providerserver.ServeOpts{Address: "registry.terraform.io/modernretail/modernretail"})
	if err != nil {
		log.Fatal(err)
	}
}

type noop struct{}

func (noop) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "modernretail"
}

func (noop) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = pschema.Schema{}
}

func (noop) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {}

var _ provider.ProviderWithFunctions = noop{}

func (noop) Functions(context.Context) []func() function.Function {
	return []func() function.Function{func() function.Function { return parseCredentials{} }}
}

// parseCredentials has the real function's signature; it returns the same
// fields for any text, as the module's validation needs a store hash.
type parseCredentials struct{}

var parsedTypes = map[string]attr.Type{
	"store_hash": types.StringType, "client_id": types.StringType, "client_name": types.StringType,
	"api_path": types.StringType, "content_sha256": types.StringType,
}

func (parseCredentials) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "parse_credentials"
}

func (parseCredentials) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Parameters: []function.Parameter{function.StringParameter{Name: "text"}},
		Return:     function.ObjectReturn{AttributeTypes: parsedTypes},
	}
}

func (parseCredentials) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var text string
	resp.Error = req.Arguments.Get(ctx, &text)
	if resp.Error != nil {
		return
	}
	values := map[string]attr.Value{}
	for name := range parsedTypes {
		values[name] = types.StringValue("noop")
	}
	result, diags := types.ObjectValue(parsedTypes, values)
	resp.Error = function.FuncErrorFromDiags(ctx, diags)
	if resp.Error == nil {
		resp.Error = resp.Result.Set(ctx, result)
	}
}

func (noop) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{func() datasource.DataSource { return scopes{} }}
}

func (noop) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		func() resource.Resource {
			return &fileResource{name: "_bigcommerce_credentials", schema: credentialsSchema()}
		},
		func() resource.Resource {
			return &fileResource{name: "_onboarding_credentials", schema: registrationSchema()}
		},
	}
}

// readFile reads a credentials file, as the real provider does during plan.
func readFile(name string) {
	if data, err := os.ReadFile(name); err == nil {
		credentialsfile.Parse(data)
	}
}

// scopes is the scopes data source's shape.
type scopes struct{}

func (scopes) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_bigcommerce_scopes"
}

func (scopes) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = dschema.Schema{Attributes: map[string]dschema.Attribute{
		"filename": dschema.StringAttribute{Optional: true},
		"required": dschema.ListAttribute{ElementType: types.StringType, Optional: true, Computed: true},
		"missing":  dschema.ListAttribute{ElementType: types.StringType, Computed: true},
	}}
}

func (scopes) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var filename types.String
	var required types.List
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, tfpath("filename"), &filename)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, tfpath("required"), &required)...)
	readFile(filename.ValueString())
	if required.IsNull() {
		required = types.ListValueMust(types.StringType, []attr.Value{})
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, struct {
		Filename types.String `tfsdk:"filename"`
		Required types.List   `tfsdk:"required"`
		Missing  []string     `tfsdk:"missing"`
	}{filename, required, []string{}})...)
}

// fileResource is a resource of the real one's shape: its plan reads the
// file, and its apply records the plan with the computed values filled.
type fileResource struct {
	name   string
	schema rschema.Schema
}

func (r *fileResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + r.name
}

func (r *fileResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = r.schema
}

func (r *fileResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, _ *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var filename types.String
	if req.Plan.GetAttribute(ctx, tfpath("filename"), &filename) == nil {
		readFile(filename.ValueString())
	}
}

func (r *fileResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	record(ctx, req.Plan, &resp.State)
}

func (r *fileResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}

func (r *fileResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	record(ctx, req.Plan, &resp.State)
}

func (r *fileResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}

// record stores the plan, with every unknown value made known.
func record(ctx context.Context, plan tfsdk.Plan, state *tfsdk.State) {
	state.Raw = plan.Raw
	for name, a := range plan.Schema.GetAttributes() {
		var v types.String
		if _, ok := a.GetType().(basetypes.StringType); ok {
			if plan.GetAttribute(ctx, tfpath(name), &v) == nil && v.IsUnknown() {
				state.SetAttribute(ctx, tfpath(name), "verified")
			}
		}
	}
	for _, name := range []string{"missing_scopes", "unverified"} {
		if _, ok := plan.Schema.GetAttributes()[name]; ok {
			state.SetAttribute(ctx, tfpath(name), []string{})
		}
	}
}

func credentialsSchema() rschema.Schema {
	attrs := map[string]rschema.Attribute{"filename": rschema.StringAttribute{Optional: true}}
	for _, name := range []string{"id", "store_hash", "client_id", "client_name", "api_path", "content_sha256"} {
		attrs[name] = rschema.StringAttribute{Computed: true}
	}
	for _, name := range []string{"access_token", "client_secret"} {
		attrs[name] = rschema.StringAttribute{Computed: true, Sensitive: true}
	}
	return rschema.Schema{Attributes: attrs}
}

func registrationSchema() rschema.Schema {
	attrs := map[string]rschema.Attribute{
		"project_id":             rschema.StringAttribute{Required: true},
		"credentials_wo":         rschema.StringAttribute{Optional: true, Sensitive: true, WriteOnly: true},
		"credentials_wo_version": rschema.Int64Attribute{Optional: true},
		"require_scopes":         rschema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(true)},
		"status":                 rschema.StringAttribute{Computed: true},
		"missing_scopes":         rschema.ListAttribute{ElementType: types.StringType, Computed: true},
		"unverified":             rschema.ListAttribute{ElementType: types.StringType, Computed: true},
	}
	for _, name := range []string{"store_hash", "client_id", "client_name", "api_path"} {
		attrs[name] = rschema.StringAttribute{Optional: true, Computed: true}
	}
	for _, name := range []string{"access_token", "client_secret"} {
		attrs[name] = rschema.StringAttribute{Optional: true, Sensitive: true}
	}
	return rschema.Schema{Attributes: attrs}
}

func tfpath(name string) path.Path { return path.Root(name) }
