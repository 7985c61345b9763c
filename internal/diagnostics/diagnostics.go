// Package diagnostics builds every diagnostic the provider reports, so that
// summaries, details and fixes read the same everywhere. No function here takes
// a secret value.
package diagnostics

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
)

// reportMsg closes details of errors that only a provider bug can cause.
const reportMsg = "This is a bug in the provider. Please report it to the provider developers."

// InvalidEndpoint reports a provider URL argument that breaks the endpoint rules.
func InvalidEndpoint(attribute path.Path, envVar string, fromEnv bool, err error) diag.Diagnostics {
	var diags diag.Diagnostics
	source := fmt.Sprintf("The %s argument", attribute)
	if fromEnv {
		source = fmt.Sprintf("The %s environment variable, used for %s,", envVar, attribute)
	}
	diags.AddAttributeError(attribute, "Invalid provider URL",
		fmt.Sprintf("%s is not usable: %s.", source, err))
	return diags
}

// UnexpectedProviderData reports provider data of the wrong type.
func UnexpectedProviderData(got any) diag.Diagnostics {
	var diags diag.Diagnostics
	diags.AddError("Unexpected provider data",
		fmt.Sprintf("Expected the provider's configuration, got %T. %s", got, reportMsg))
	return diags
}
