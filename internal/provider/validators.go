package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/modernretail/terraform-provider-modernretail/internal/diagnostics"
	"github.com/modernretail/terraform-provider-modernretail/internal/endpoint"
	"github.com/modernretail/terraform-provider-modernretail/internal/scopecheck"
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

// endpointValidator checks a provider URL argument at validate time. An
// empty value counts as not set, so the environment variable or the default applies.
var endpointValidator = stringCheck{
	description: "must be an https URL, or an http URL to a loopback host; empty means not set",
	check: func(attribute path.Path, value string) diag.Diagnostics {
		if strings.TrimSpace(value) == "" {
			return nil
		}
		if _, err := endpoint.Parse(value); err != nil {
			return diagnostics.InvalidEndpoint(attribute, "", false, err)
		}
		return nil
	},
}

// scopeStringValidator accepts the scope strings the prober can check.
var scopeStringValidator = stringCheck{
	description: "must be a BigCommerce store-level OAuth scope string that the check can prove",
	check: func(attribute path.Path, value string) diag.Diagnostics {
		if _, _, ok := scopecheck.Checkable(value); !ok {
			return diagnostics.UnknownScope(attribute, value)
		}
		return nil
	},
}

// requiredScopesValidator refuses an empty list, or one that names a scope twice.
var requiredScopesValidator = listCheck{
	description: "must list at least one scope, each once",
	check: func(attribute path.Path, values []types.String) diag.Diagnostics {
		if len(values) == 0 {
			return diagnostics.RequiredScopesInvalid(attribute, "")
		}
		seen := map[string]bool{}
		for _, v := range values {
			if v.IsUnknown() || v.IsNull() {
				continue
			}
			if seen[v.ValueString()] {
				return diagnostics.RequiredScopesInvalid(attribute, v.ValueString())
			}
			seen[v.ValueString()] = true
		}
		return nil
	},
}

// listCheck is a list validator made of a description and a check of its known elements.
type listCheck struct {
	description string
	check       func(attribute path.Path, values []types.String) diag.Diagnostics
}

var _ validator.List = listCheck{}

func (v listCheck) Description(_ context.Context) string {
	return v.description
}

func (v listCheck) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v listCheck) ValidateList(ctx context.Context, req validator.ListRequest, resp *validator.ListResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	var values []types.String
	resp.Diagnostics.Append(req.ConfigValue.ElementsAs(ctx, &values, false)...)
	if !resp.Diagnostics.HasError() {
		resp.Diagnostics.Append(v.check(req.Path, values)...)
	}
}
