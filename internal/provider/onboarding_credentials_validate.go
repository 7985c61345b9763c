package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/modernretail/terraform-provider-modernretail/internal/diagnostics"
)

// The forms' arguments.
var (
	formFields       = []string{"store_hash", "client_id", "client_name", "api_path"}
	stateSecrets     = []string{"access_token", "client_secret"}
	writeOnlySecrets = []string{"access_token_wo", "client_secret_wo"}
)

// ConfigValidators check that exactly one form of the credentials is given,
// whole. The rules run in this order, each with its own message; a value not
// known yet, such as a module's variable during terraform validate, is
// checked again during plan.
func (r *onboardingCredentialsResource) ConfigValidators(_ context.Context) []resource.ConfigValidator {
	var rules []resource.ConfigValidator
	rules = append(rules, explained(resourcevalidator.AtLeastOneOf(roots("credentials_wo", "access_token", "client_secret", "access_token_wo", "client_secret_wo")...),
		"credentials_wo", "No credentials are given."))
	for _, name := range append(append(append([]string{}, formFields...), stateSecrets...), writeOnlySecrets...) {
		rules = append(rules, explained(resourcevalidator.Conflicting(roots("credentials_wo", name)...),
			name, "credentials_wo gives every field of the credentials, so "+name+" must not be set with it."))
	}
	for _, inState := range stateSecrets {
		for _, writeOnly := range writeOnlySecrets {
			rules = append(rules, explained(resourcevalidator.Conflicting(roots(inState, writeOnly)...), inState,
				"The secrets are given both as access_token/client_secret and as access_token_wo/client_secret_wo; use one pair."))
		}
	}
	for _, pair := range [][]string{stateSecrets, writeOnlySecrets} {
		for i := range pair {
			// On the argument that is set, so that Terraform points at its line.
			rules = append(rules, explained(resourcevalidator.RequiredTogether(roots(pair...)...), pair[i],
				pair[0]+" and "+pair[1]+" go together; "+pair[1-i]+" is missing.", whenNull(pair[1-i])))
		}
	}
	return append(rules, formNeedsItsFields{}, versionRule{})
}

func roots(names ...string) []path.Expression {
	out := make([]path.Expression, len(names))
	for i, n := range names {
		out[i] = path.MatchRoot(n)
	}
	return out
}

// explainedRule runs a rule and, when it fails, reports the custom message on
// the attribute instead of the rule's generic one.
type explainedRule struct {
	rule      resource.ConfigValidator
	attribute string
	detail    string
	// applies, when set, limits the message to configurations it accepts.
	applies func(context.Context, resource.ValidateConfigRequest) bool
}

func explained(rule resource.ConfigValidator, attribute, detail string, applies ...func(context.Context, resource.ValidateConfigRequest) bool) explainedRule {
	e := explainedRule{rule: rule, attribute: attribute, detail: detail}
	if len(applies) > 0 {
		e.applies = applies[0]
	}
	return e
}

func (e explainedRule) Description(ctx context.Context) string { return e.rule.Description(ctx) }
func (e explainedRule) MarkdownDescription(ctx context.Context) string {
	return e.rule.MarkdownDescription(ctx)
}

func (e explainedRule) ValidateResource(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var inner resource.ValidateConfigResponse
	e.rule.ValidateResource(ctx, req, &inner)
	if inner.Diagnostics.HasError() && (e.applies == nil || e.applies(ctx, req)) {
		resp.Diagnostics.Append(diagnostics.OnboardingConfigInvalid(path.Root(e.attribute), e.detail)...)
	}
}

// whenNull limits a message to configurations where the attribute is null.
func whenNull(name string) func(context.Context, resource.ValidateConfigRequest) bool {
	return func(ctx context.Context, req resource.ValidateConfigRequest) bool {
		var v types.String
		req.Config.GetAttribute(ctx, path.Root(name), &v)
		return v.IsNull()
	}
}

// decidedForm reads the form of a configuration; known is false while a value that decides it is unknown.
func decidedForm(ctx context.Context, req resource.ValidateConfigRequest) (m onboardingModel, known bool) {
	if req.Config.Get(ctx, &m).HasError() {
		return m, false
	}
	for _, v := range []interface{ IsUnknown() bool }{m.StoreHash, m.ClientID, m.AccessToken, m.ClientSecret,
		m.AccessTokenWO, m.ClientSecretWO, m.CredentialsWO, m.CredentialsWOVersion} {
		if v.IsUnknown() {
			return m, false
		}
	}
	return m, true
}

// formNeedsItsFields asks the form for store_hash and client_id.
type formNeedsItsFields struct{}

func (formNeedsItsFields) Description(context.Context) string {
	return "the form needs store_hash and client_id"
}

func (v formNeedsItsFields) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (formNeedsItsFields) ValidateResource(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	m, known := decidedForm(ctx, req)
	if !known || m.entry() == entryUpload || m.entry() == entryUnknown {
		return
	}
	for _, f := range []struct {
		name  string
		value types.String
	}{{"store_hash", m.StoreHash}, {"client_id", m.ClientID}} {
		if f.value.IsNull() {
			// On the secret that is set: Terraform points at the line of an argument that is there.
			resp.Diagnostics.Append(diagnostics.OnboardingConfigInvalid(m.secretAttribute(), "The form needs "+f.name+".")...)
		}
	}
}

// versionRule asks write-only credentials, and only them, for credentials_wo_version.
type versionRule struct{}

func (versionRule) Description(context.Context) string {
	return "credentials_wo_version goes with write-only credentials"
}

func (v versionRule) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (versionRule) ValidateResource(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	m, known := decidedForm(ctx, req)
	if !known || m.entry() == entryUnknown {
		return
	}
	writeOnly := m.entry() == entryUpload || m.entry() == entryWriteOnlyForm
	switch {
	case writeOnly && m.CredentialsWOVersion.IsNull():
		resp.Diagnostics.Append(diagnostics.OnboardingConfigInvalid(path.Root("credentials_wo_version"),
			"Write-only credentials need credentials_wo_version, which Terraform can see change.")...)
	case !writeOnly && !m.CredentialsWOVersion.IsNull():
		resp.Diagnostics.Append(diagnostics.OnboardingConfigInvalid(path.Root("credentials_wo_version"),
			"credentials_wo_version only applies to write-only credentials.")...)
	}
}
