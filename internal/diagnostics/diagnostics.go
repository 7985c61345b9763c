// Package diagnostics builds every diagnostic the provider reports, so that
// summaries, details and fixes read the same everywhere. No function here takes
// a secret value.
package diagnostics

import (
	"fmt"
	"strings"
	"time"

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

// TimedOut reports work that did not finish within its timeout, and how to give it longer.
func TimedOut(attribute path.Path, what string, waited time.Duration, setting string) diag.Diagnostics {
	var diags diag.Diagnostics
	diags.AddAttributeError(attribute, "Timed out",
		fmt.Sprintf("%s did not finish within %s. The service may be slow or rate limiting; running the Terraform command again is safe. "+
			"To wait longer, raise %s.", capitalize(what), waited, setting))
	return diags
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
