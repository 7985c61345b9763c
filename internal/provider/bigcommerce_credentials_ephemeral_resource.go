package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/ephemeralvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

var (
	_ ephemeral.EphemeralResource                     = (*credentialsEphemeralResource)(nil)
	_ ephemeral.EphemeralResourceWithConfigValidators = (*credentialsEphemeralResource)(nil)
)

// credentialsEphemeralResource reads the credentials file without writing anything to state.
type credentialsEphemeralResource struct{}

func newCredentialsEphemeralResource() ephemeral.EphemeralResource {
	return &credentialsEphemeralResource{}
}

func (e *credentialsEphemeralResource) Metadata(_ context.Context, req ephemeral.MetadataRequest, resp *ephemeral.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_bigcommerce_credentials"
}

func (e *credentialsEphemeralResource) Schema(_ context.Context, _ ephemeral.SchemaRequest, resp *ephemeral.SchemaResponse) {
	computed := func(description string, sensitive bool) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: description, Computed: true, Sensitive: sensitive}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads the credentials file that BigCommerce downloads for a store-level API account, like the managed " +
			"resource of the same name, but keeps every value out of plan and state (Terraform 1.10 and later). " +
			"Pass its values to write-only arguments or provider blocks.\n\n" +
			"**Rotation:** a new file is read at the next run, and `modernretail_onboarding_credentials` warns that the store moves to " +
			"another API account, naming the old client ID. Deleting the old API account in the BigCommerce control panel " +
			"(Settings › Store-level API accounts) is what revokes the old token; nothing in Terraform does.",
		Attributes: map[string]schema.Attribute{
			"filename":       schema.StringAttribute{MarkdownDescription: filenameDescription, Optional: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
			"content":        schema.StringAttribute{MarkdownDescription: contentDescription, Optional: true, Sensitive: true},
			"id":             computed("`{store_hash}/{client_id}`. It holds no secret.", false),
			"store_hash":     computed(storeHashDescription, false),
			"client_id":      computed(clientIDDescription, false),
			"client_name":    computed(clientNameDescription, false),
			"api_path":       computed(apiPathDescription, false),
			"access_token":   computed(accessTokenDescription, true),
			"client_secret":  computed(clientSecretDescription, true),
			"content_sha256": computed("Hex SHA-256 of the credentials the file holds, in one canonical layout: line endings, a byte order mark, whitespace and line order do not change it.", false),
		},
	}
}

func (e *credentialsEphemeralResource) ConfigValidators(_ context.Context) []ephemeral.ConfigValidator {
	return []ephemeral.ConfigValidator{
		ephemeralvalidator.ExactlyOneOf(path.MatchRoot("filename"), path.MatchRoot("content")),
	}
}

func (e *credentialsEphemeralResource) Open(ctx context.Context, req ephemeral.OpenRequest, resp *ephemeral.OpenResponse) {
	var data credentialsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &data)...)
	if resp.Diagnostics.HasError() {
		return
	}
	creds, diags := loadCredentials(ctx, data.input())
	resp.Diagnostics.Append(diags...)
	if creds == nil {
		return
	}
	data.setCredentials(creds)
	resp.Diagnostics.Append(resp.Result.Set(ctx, &data)...)
}
