// Package diagnostics builds every diagnostic the provider reports, so that
// summaries, details and fixes read the same everywhere. No function here takes
// a secret value.
package diagnostics

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/modernretail/terraform-provider-modernretail/internal/credentialsfile"
)

// reportMsg closes details of errors that only a provider bug can cause.
const reportMsg = "This is a bug in the provider. Please report it to the provider developers."

// CredentialsSource names where credentials came from, for messages.
type CredentialsSource struct {
	// Attribute is the argument that holds the file name or content.
	Attribute path.Path
	// Filename is the file's path, or empty when the content was given inline.
	Filename string
}

func (s CredentialsSource) describe() string {
	if s.Filename != "" {
		return fmt.Sprintf("credentials file %q", s.Filename)
	}
	return "the credentials content"
}

// CredentialsFindings reports the parser's findings on the argument that holds the file.
func CredentialsFindings(src CredentialsSource, findings credentialsfile.Findings) diag.Diagnostics {
	var diags diag.Diagnostics
	for _, f := range findings {
		detail := fmt.Sprintf("In %s, %s: %s", src.describe(), f.Where(), f.Detail)
		if f.Severity == credentialsfile.SeverityError {
			diags.AddAttributeError(src.Attribute, "Invalid credentials file: "+f.Summary, detail)
		} else {
			diags.AddAttributeWarning(src.Attribute, "Credentials file: "+f.Summary, detail)
		}
	}
	return diags
}

// CredentialsFileUnreadable reports a credentials file that cannot be read.
func CredentialsFileUnreadable(src CredentialsSource, err error) diag.Diagnostics {
	var diags diag.Diagnostics
	diags.AddAttributeError(src.Attribute, "Cannot read credentials file",
		fmt.Sprintf("The %s cannot be read: %s.\n\nCheck the path. Relative paths are resolved from the directory Terraform runs in; use \"${path.module}/...\" for a file beside the configuration.",
			src.describe(), err))
	return diags
}

// CredentialsFileTooLarge reports a file over the parser's limit before it is read whole.
func CredentialsFileTooLarge(src CredentialsSource, size int64) diag.Diagnostics {
	var diags diag.Diagnostics
	diags.AddAttributeError(src.Attribute, "Invalid credentials file: Credentials file too large",
		fmt.Sprintf("The %s is %d bytes; a BigCommerce credentials file is a few hundred bytes, and at most %d are read. Check that the path names the .txt file BigCommerce downloaded.",
			src.describe(), size, credentialsfile.MaxSize))
	return diags
}

// CredentialsFileWorldReadable warns that other users of the machine can read the secrets.
func CredentialsFileWorldReadable(src CredentialsSource) diag.Diagnostics {
	var diags diag.Diagnostics
	diags.AddAttributeWarning(src.Attribute, "Credentials file readable by every user",
		fmt.Sprintf("The %s holds an access token and client secret, and every user of this machine can read it. Restrict it to its owner: chmod 600 %q.",
			src.describe(), src.Filename))
	return diags
}

// CredentialsFileGone warns that a file recorded in state no longer exists.
func CredentialsFileGone(filename string) diag.Diagnostics {
	var diags diag.Diagnostics
	diags.AddWarning("Credentials file no longer exists",
		fmt.Sprintf("The credentials file %q recorded in state no longer exists, so the credentials are planned anew. Restore the file, or point filename at the new download.", filename))
	return diags
}

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
