package diagnostics

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/modernretail/terraform-provider-modernretail/internal/credentialsfile"
	"github.com/modernretail/terraform-provider-modernretail/internal/redact"
)

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

// CredentialsFindings reports the parser's findings on the argument that holds
// the file. Every finding passes through the file's secrets first, so no
// secret of the file reaches a diagnostic, whatever label it stood under.
func CredentialsFindings(src CredentialsSource, findings credentialsfile.Findings, secrets redact.Set) diag.Diagnostics {
	var diags diag.Diagnostics
	for _, f := range findings.Redacted(secrets) {
		detail := fmt.Sprintf("In %s, %s: %s", src.describe(), f.Where(), f.Detail)
		if f.Severity == credentialsfile.SeverityError {
			diags.AddAttributeError(src.Attribute, "Invalid credentials file: "+f.Summary, detail)
		} else {
			diags.AddAttributeWarning(src.Attribute, "Credentials file: "+f.Summary, detail)
		}
	}
	return diags
}

// CredentialsFindingsText words the errors among the parser's findings as one
// message, for a function error, without the file's secrets.
func CredentialsFindingsText(findings credentialsfile.Findings, secrets redact.Set) string {
	var b strings.Builder
	b.WriteString("Invalid credentials file:")
	for _, f := range findings.Errors().Redacted(secrets) {
		fmt.Fprintf(&b, "\n- %s: %s: %s", f.Where(), f.Summary, f.Detail)
	}
	return b.String()
}

// CredentialFieldFindings reports the parser's findings on credentials given
// field by field, each on the argument of its field, without their secrets.
func CredentialFieldFindings(attributes map[string]path.Path, findings credentialsfile.Findings, secrets redact.Set) diag.Diagnostics {
	var diags diag.Diagnostics
	for _, f := range findings.Redacted(secrets) {
		attribute, ok := attributes[f.Label]
		if !ok {
			attribute = path.Root("store_hash")
		}
		detail := fmt.Sprintf("In %s: %s The form takes the same values as the credentials file BigCommerce downloads.", attribute, f.Detail)
		if f.Severity == credentialsfile.SeverityError {
			diags.AddAttributeError(attribute, "Invalid credentials: "+f.Summary, detail)
		} else {
			diags.AddAttributeWarning(attribute, "Credentials: "+f.Summary, detail)
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
		credentialsfile.TooLarge("The "+src.describe(), size))
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
		fmt.Sprintf("The credentials file %q recorded in state no longer exists, so the credentials leave state. While filename names a file "+
			"that does not exist, the plan fails to read it; restore the file, or point filename at the new download, and the credentials "+
			"are planned anew from it.", filename))
	return diags
}

// CredentialsRotated warns that credentials move to another API account, whose old token lives on until the account is deleted.
func CredentialsRotated(attribute path.Path, storeHash, oldClientID, newClientID string) diag.Diagnostics {
	var diags diag.Diagnostics
	diags.AddAttributeWarning(attribute, "BigCommerce credentials rotated",
		fmt.Sprintf("Store %s moves from the API account with client ID %s to the one with client ID %s. The old account's access token keeps "+
			"working until the account is deleted: once the new credentials are registered and verified, delete the old account in the "+
			"BigCommerce control panel (Settings › Store-level API accounts) to revoke it.", storeHash, oldClientID, newClientID))
	return diags
}
