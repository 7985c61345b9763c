package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/modernretail/terraform-provider-modernretail/internal/credentialsfile"
	"github.com/modernretail/terraform-provider-modernretail/internal/diagnostics"
)

var _ function.Function = parseCredentialsFunction{}

// parseCredentialsFunction parses a credentials file's text with the
// resource's parser and returns its non-secret fields.
type parseCredentialsFunction struct{}

func newParseCredentialsFunction() function.Function { return parseCredentialsFunction{} }

// parsedCredentialsTypes are the attribute types of the function's result.
var parsedCredentialsTypes = map[string]attr.Type{
	"store_hash":     types.StringType,
	"client_id":      types.StringType,
	"client_name":    types.StringType,
	"api_path":       types.StringType,
	"content_sha256": types.StringType,
}

func (parseCredentialsFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "parse_credentials"
}

func (parseCredentialsFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Parse a BigCommerce credentials file's text",
		MarkdownDescription: "Parses the text of the credentials file BigCommerce downloads for a store-level API account, with exactly the " +
			"parser of `modernretail_bigcommerce_credentials`, and returns its non-secret fields: `store_hash`, `client_id`, " +
			"`client_name`, `api_path` and `content_sha256`. It never returns the access token or the client secret. A malformed " +
			"file fails with the same line-numbered message as the resource, and no secret. Terraform 1.8 and later, OpenTofu 1.7 " +
			"and later.\n\n" +
			"Use it for `for_each` keys from a directory of files, to refuse a malformed file early, and for outputs. To refuse a " +
			"malformed file, call the function in a local, as below, not in a `variable` validation with `can()`: a failed validation " +
			"prints the variable's value, which is the whole file with its secrets, and `can()` hides the function's own message.\n\n" +
			"The function reads the text only and makes no request, so it cannot tell an ACCESS TOKEN and a CLIENT ID that were " +
			"swapped: both are 31 lowercase letters and digits. The resource, the data source and the registration ask BigCommerce " +
			"during plan, and fail when the value given as the client ID works as a token. The per-store module " +
			"keeps `modernretail_bigcommerce_credentials` for the form: the form needs the access token and client secret, which " +
			"this function never returns, and the resource also confirms the token with BigCommerce and notices a revoked one.",
		Parameters: []function.Parameter{
			function.StringParameter{
				Name:                "text",
				MarkdownDescription: "The credentials file's text, for example `file(\"acme-outdoor.txt\")`.",
			},
		},
		Return: function.ObjectReturn{AttributeTypes: parsedCredentialsTypes},
	}
}

func (parseCredentialsFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var text string
	resp.Error = function.ConcatFuncErrors(resp.Error, req.Arguments.Get(ctx, &text))
	if resp.Error != nil {
		return
	}
	data := []byte(text)
	creds, findings := credentialsfile.Parse(data)
	if creds == nil {
		// Terraform ends a function's error with its own full stop.
		text := strings.TrimRight(diagnostics.CredentialsFindingsText(findings, credentialsfile.SecretsOf(data)), ".")
		resp.Error = function.NewArgumentFuncError(0, text)
		return
	}
	result, diags := types.ObjectValue(parsedCredentialsTypes, map[string]attr.Value{
		"store_hash":     types.StringValue(creds.StoreHash),
		"client_id":      types.StringValue(creds.ClientID),
		"client_name":    types.StringValue(creds.ClientName),
		"api_path":       types.StringValue(creds.APIPath),
		"content_sha256": types.StringValue(credentialsfile.ContentSHA256(*creds)),
	})
	resp.Error = function.ConcatFuncErrors(resp.Error, function.FuncErrorFromDiags(ctx, diags))
	if resp.Error == nil {
		resp.Error = resp.Result.Set(ctx, result)
	}
}
