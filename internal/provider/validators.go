package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/modernretail/terraform-provider-modernretail/internal/diagnostics"
	"github.com/modernretail/terraform-provider-modernretail/internal/endpoint"
	"github.com/modernretail/terraform-provider-modernretail/internal/scopes"
)

// stringCheck is a string validator made of a description and a check of known values.
type stringCheck struct {
	description string
	check       func(attribute path.Path, value string) diag.Diagnostics
}

var _ validator.String = stringCheck{}

func (v stringCheck) Description(_ context.Context) string {
	return v.description
}

func (v stringCheck) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v stringCheck) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	resp.Diagnostics.Append(v.check(req.Path, req.ConfigValue.ValueString())...)
}

// endpointValidator checks a provider URL argument at validate time.
var endpointValidator = stringCheck{
	description: "must be an https URL, or an http URL to a loopback host",
	check: func(attribute path.Path, value string) diag.Diagnostics {
		if _, err := endpoint.Parse(value); err != nil {
			return diagnostics.InvalidEndpoint(attribute, "", false, err)
		}
		return nil
	},
}

// scopeStringValidator accepts the scope strings of the catalog.
var scopeStringValidator = stringCheck{
	description: "must be a BigCommerce store-level OAuth scope string",
	check: func(attribute path.Path, value string) diag.Diagnostics {
		if _, ok := scopes.Lookup(value); !ok {
			return diagnostics.UnknownScope(attribute, value)
		}
		return nil
	},
}
