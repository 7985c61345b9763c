// Package diagnostics builds every diagnostic the provider reports, so that
// summaries, details and fixes read the same everywhere. No function here takes
// a secret value.
package diagnostics

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/modernretail/terraform-provider-modernretail/internal/credentialsfile"
	"github.com/modernretail/terraform-provider-modernretail/internal/onboarding"
	"github.com/modernretail/terraform-provider-modernretail/internal/scopecheck"
	"github.com/modernretail/terraform-provider-modernretail/internal/scopes"
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

// CredentialsFindings reports the parser's findings on the argument that holds
// the file. Every finding passes through the file's redactor first, so no
// secret of the file reaches a diagnostic, whatever label it stood under.
func CredentialsFindings(src CredentialsSource, findings credentialsfile.Findings, redactor credentialsfile.Redactor) diag.Diagnostics {
	var diags diag.Diagnostics
	for _, f := range redactor.Findings(findings) {
		detail := fmt.Sprintf("In %s, %s: %s", src.describe(), f.Where(), f.Detail)
		if f.Severity == credentialsfile.SeverityError {
			diags.AddAttributeError(src.Attribute, "Invalid credentials file: "+f.Summary, detail)
		} else {
			diags.AddAttributeWarning(src.Attribute, "Credentials file: "+f.Summary, detail)
		}
	}
	return diags
}

// CredentialFieldFindings reports the parser's findings on credentials given
// field by field, each on the argument of its field, through the redactor.
func CredentialFieldFindings(attributes map[string]path.Path, findings credentialsfile.Findings, redactor credentialsfile.Redactor) diag.Diagnostics {
	var diags diag.Diagnostics
	for _, f := range redactor.Findings(findings) {
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

// accountLocation tells the store owner where the API account lives.
func accountLocation(accountName string) string {
	if accountName == "" {
		accountName = credentialsfile.RecommendedAccountName
	}
	return fmt.Sprintf("In the BigCommerce control panel, open Settings › Store-level API accounts › the %q account", accountName)
}

// MissingScopes reports the scopes an API account lacks, each as the control-panel change that fixes it.
func MissingScopes(attribute path.Path, storeHash, accountName string, missing []scopecheck.Result) diag.Diagnostics {
	var b strings.Builder
	account := "The API account"
	if accountName != "" {
		account = fmt.Sprintf("The %q API account", accountName)
	}
	fmt.Fprintf(&b, "%s of store %s lacks %d of the required OAuth scopes. %s, and:\n\n", account, storeHash, len(missing), accountLocation(accountName))
	for _, m := range missing {
		fmt.Fprintf(&b, "  - %s (%s)\n", ScopeChange(m), m.Scope.String)
	}
	b.WriteString("\nSave the account, then run terraform plan again; the token and the credentials file stay the same. " +
		"If the control panel does not let you change the account's scopes, create a new account with the required scopes, " +
		"use its credentials file, and delete the old account.")
	var diags diag.Diagnostics
	diags.AddAttributeError(attribute, "Missing BigCommerce OAuth scopes", b.String())
	return diags
}

// ScopeChange words a missing scope the way the setup guide does: "Change Orders from none to modify".
func ScopeChange(r scopecheck.Result) string {
	res := r.Scope.Resource
	return fmt.Sprintf("Change %s from %s to %s", res.Name, res.Word(r.Granted), res.Word(r.Scope.Level))
}

// ScopeReport turns a finished scope check into diagnostics: an error when a
// scope is inconclusive, since nothing counts as granted without proof; an
// error for missing scopes when failOnMissing is set; a warning for each scope
// proven only in part, and for odd store information.
func ScopeReport(attribute path.Path, storeHash, accountName string, report *scopecheck.Report, failOnMissing bool) diag.Diagnostics {
	var diags diag.Diagnostics
	for _, r := range report.Unverified() {
		diags.AddAttributeWarning(attribute, "BigCommerce scope not verifiable: "+r.Scope.Label(),
			fmt.Sprintf("For store %s, %s (%s): %s. It is listed in unverified. Check in the control panel that the account has %s.",
				storeHash, r.Scope.Label(), r.Scope.String, r.Detail, r.Scope.Label()))
	}
	for _, w := range report.Warnings {
		diags.AddAttributeWarning(attribute, "Unexpected BigCommerce store information", fmt.Sprintf("Store %s: %s.", storeHash, w))
	}
	if inconclusive := report.Inconclusive(); len(inconclusive) > 0 {
		var b strings.Builder
		fmt.Fprintf(&b, "For store %s, BigCommerce's answers prove neither a granted nor a missing scope for:\n\n", storeHash)
		for _, r := range inconclusive {
			fmt.Fprintf(&b, "  - %s (%s): %s\n", r.Scope.Label(), r.Scope.String, r.Detail)
		}
		b.WriteString("\nA scope counts as granted only when BigCommerce's answer proves it, so the plan stops here. " + planAgainMsg)
		diags.AddAttributeError(attribute, "BigCommerce scope check inconclusive", b.String())
	}
	if missing := report.Missing(); len(missing) > 0 && failOnMissing {
		diags.Append(MissingScopes(attribute, storeHash, accountName, missing)...)
	}
	return diags
}

// planAgainMsg closes details of a scope check that could not finish.
const planAgainMsg = "BigCommerce may be busy or down, or something else answered in its place. " +
	"Planning again later is safe: the check changes no store data. If it keeps failing, check that bigcommerce_api_url is reachable from where Terraform runs."

// BigCommerceCheckFailed reports an error from the BigCommerce token or scope check.
func BigCommerceCheckFailed(attribute path.Path, storeHash, accountName string, err error) diag.Diagnostics {
	var diags diag.Diagnostics
	var invalid *scopecheck.InvalidTokenError
	var unknown *scopecheck.UnknownStoreError
	switch {
	case errors.As(err, &invalid):
		diags.AddAttributeError(attribute, "BigCommerce rejected the access token",
			fmt.Sprintf("%s. %s to see whether it still exists; if it was deleted, create a new one and use its credentials file.", err, accountLocation(accountName)))
	case errors.As(err, &unknown):
		diags.AddAttributeError(attribute, "Unknown BigCommerce store",
			fmt.Sprintf("%s. Check the store hash in the API PATH line: it is the part after /stores/ in https://api.bigcommerce.com/stores/{store_hash}/v3/.", err))
	default:
		diags.AddAttributeError(attribute, "Cannot check the credentials with BigCommerce",
			fmt.Sprintf("The OAuth scopes of store %s could not be checked. Original Error: %s\n\nNothing counts as granted without BigCommerce's answer, so the plan stops here. %s",
				storeHash, err, planAgainMsg))
	}
	return diags
}

// BigCommerceUnavailable warns that the token could not be confirmed because BigCommerce gave no clear answer.
func BigCommerceUnavailable(attribute path.Path, err error) diag.Diagnostics {
	var diags diag.Diagnostics
	diags.AddAttributeWarning(attribute, "Cannot confirm the credentials with BigCommerce",
		fmt.Sprintf("%s. The credentials are kept as they are; they are checked again at the next plan.", err))
	return diags
}

// TokenRevoked warns that a token in state no longer works, so the credentials leave state.
func TokenRevoked(storeHash, clientID string) diag.Diagnostics {
	var diags diag.Diagnostics
	diags.AddWarning("BigCommerce credentials revoked",
		fmt.Sprintf("BigCommerce no longer accepts the access token of API account %s on store %s (401), so the credentials are removed from state and planned anew. "+
			"If the API account was deleted, create a new one and point the configuration at its credentials file.", clientID, storeHash))
	return diags
}

// BigCommerceUnconfigured reports a BigCommerce API URL that is not known yet.
func BigCommerceUnconfigured(attribute path.Path) diag.Diagnostics {
	var diags diag.Diagnostics
	diags.AddAttributeError(attribute, "BigCommerce API URL unknown",
		"The provider's bigcommerce_api_url depends on a value that is not known until apply, so the scopes cannot be checked now. Set it to a known value.")
	return diags
}

// UnknownScope reports a required scope that the prober cannot check, or that is not a scope at all.
func UnknownScope(attribute path.Path, value string) diag.Diagnostics {
	var diags diag.Diagnostics
	checkable := "The scopes that can be checked are: " + strings.Join(scopecheck.CheckableScopes(), ", ") + "."
	if _, known := scopes.Lookup(value); !known {
		diags.AddAttributeError(attribute, "Unknown OAuth scope",
			fmt.Sprintf("%q is not a BigCommerce store-level OAuth scope. %s", value, checkable))
		return diags
	}
	diags.AddAttributeError(attribute, "OAuth scope cannot be checked",
		fmt.Sprintf("%q is a BigCommerce scope, but no request proves it without changing store data, so the check could never say that it is granted. "+
			"Leave it out of required and check it in the control panel. %s", value, checkable))
	return diags
}

// RequiredScopesInvalid reports a required list that is empty or names a scope twice.
func RequiredScopesInvalid(attribute path.Path, duplicate string) diag.Diagnostics {
	var diags diag.Diagnostics
	if duplicate == "" {
		diags.AddAttributeError(attribute, "No OAuth scopes required",
			"required is empty, so there is nothing to check. List the scopes to assert, or leave required out to check the "+
				scopes.CountWord(len(scopes.Required))+" of the \"Modern Retail Integration\" account.")
		return diags
	}
	diags.AddAttributeError(attribute, "OAuth scope required twice",
		fmt.Sprintf("required lists %q more than once. List each scope once.", duplicate))
	return diags
}

// OnboardingConfigInvalid reports arguments of modernretail_onboarding_credentials that do not fit together.
func OnboardingConfigInvalid(attribute path.Path, detail string) diag.Diagnostics {
	var diags diag.Diagnostics
	diags.AddAttributeError(attribute, "Invalid onboarding credentials configuration", detail+
		"\n\nGive the credentials in one of two forms: credentials_wo with the downloaded file's text and credentials_wo_version; "+
		"or store_hash and client_id with access_token and client_secret, or with access_token_wo, client_secret_wo and credentials_wo_version.")
	return diags
}

// OnboardingUnconfigured reports a provider without the Onboarding Center's URL or token.
func OnboardingUnconfigured(attribute path.Path) diag.Diagnostics {
	var diags diag.Diagnostics
	diags.AddAttributeError(attribute, "Onboarding Center not configured",
		"Registering credentials needs the provider's onboarding_url and onboarding_token, or the MODERNRETAIL_ONBOARDING_URL and "+
			"MODERNRETAIL_ONBOARDING_TOKEN environment variables.")
	return diags
}

// OnboardingRequestFailed reports an Onboarding Center error, on the argument it concerns.
func OnboardingRequestFailed(attribute path.Path, projectID string, err error) diag.Diagnostics {
	var diags diag.Diagnostics
	var apiErr *onboarding.APIError
	status := 0
	if errors.As(err, &apiErr) {
		status = apiErr.Status
	}
	switch status {
	case http.StatusUnauthorized:
		diags.AddError("Onboarding Center rejected the API token",
			fmt.Sprintf("%s.\n\nCheck the provider's onboarding_token (or MODERNRETAIL_ONBOARDING_TOKEN).", err))
	case http.StatusNotFound:
		diags.AddAttributeError(attribute, "Unknown onboarding project",
			fmt.Sprintf("The Onboarding Center has no project %q (%s). Check project_id against the project's address in the Onboarding Center.", projectID, err))
	case http.StatusConflict:
		diags.AddAttributeError(attribute, "Onboarding project bound to another store",
			fmt.Sprintf("%s.\n\nA project onboards one store. Check that project_id and the credentials file belong to the same store.", err))
	case http.StatusUnprocessableEntity:
		diags.AddAttributeError(attribute, "Onboarding Center refused the credentials", err.Error()+".")
	default:
		diags.AddAttributeError(attribute, "Onboarding Center request failed", fmt.Sprintf("Original Error: %s\n\n%s", err,
			"Check that the Onboarding Center URL is reachable, then run the Terraform command again; a repeated submission makes no second registration."))
	}
	return diags
}

// ProjectBoundElsewhere reports, at plan, a project bound to another store hash.
func ProjectBoundElsewhere(attribute path.Path, projectID, boundTo, storeHash string) diag.Diagnostics {
	var diags diag.Diagnostics
	diags.AddAttributeError(attribute, "Onboarding project bound to another store",
		fmt.Sprintf("Project %q is bound to store %s, but these credentials are for store %s. A project onboards one store: "+
			"check that project_id and the credentials belong to the same store.", projectID, boundTo, storeHash))
	return diags
}

// RegistrationRejected reports credentials the Onboarding Center rejected, with the changes that fix them.
func RegistrationRejected(attribute path.Path, projectID, message string, changes []string) diag.Diagnostics {
	var b strings.Builder
	fmt.Fprintf(&b, "The Onboarding Center rejected the credentials of project %q: %s", projectID, message)
	if len(changes) > 0 {
		fmt.Fprintf(&b, "\n\n%s, and:\n\n", accountLocation(""))
		for _, c := range changes {
			fmt.Fprintf(&b, "  - %s\n", c)
		}
		b.WriteString("\nThen run terraform apply again to submit them anew.")
	} else {
		b.WriteString("\n\nFix the cause, then run terraform apply again to submit them anew.")
	}
	var diags diag.Diagnostics
	diags.AddAttributeError(attribute, "Credentials rejected by the Onboarding Center", b.String())
	return diags
}

// VerificationTimedOut reports a submission or verification that did not finish within the timeout.
// revision is 0 when the submission itself did not finish.
func VerificationTimedOut(projectID string, revision int64, waited string) diag.Diagnostics {
	var diags diag.Diagnostics
	what := fmt.Sprintf("The credentials of project %q could not be submitted within %s.", projectID, waited)
	if revision > 0 {
		what = fmt.Sprintf("The credentials of project %q were submitted (revision %d), but the Onboarding Center had not verified them after %s.", projectID, revision, waited)
	}
	diags.AddError("Timed out waiting for verification", what+
		" Run terraform apply again to keep waiting: the same submission makes no new revision. To wait longer, raise timeouts.create and timeouts.update; "+
		"to not wait at all, set wait_for_verification = false.")
	return diags
}

// RegistrationGone warns that the registration disappeared, so it is planned anew.
func RegistrationGone(projectID string) diag.Diagnostics {
	var diags diag.Diagnostics
	diags.AddWarning("Onboarding registration withdrawn",
		fmt.Sprintf("Project %q has no registered API credentials any more (withdrawn in the Onboarding Center, or the project is gone), so they are planned anew.", projectID))
	return diags
}

// describeRegistration names a registration by what people see of it in the Onboarding Center.
func describeRegistration(reg *onboarding.Registration) string {
	if reg == nil {
		return "nothing is registered now"
	}
	return fmt.Sprintf("it now holds client ID %s of store %s, submitted %s (revision %d, %s)", reg.ClientID, reg.StoreHash, reg.SubmittedAt, reg.Revision, reg.Status)
}

// RegistrationTaken reports a project that holds other credentials than the
// configuration's, found at plan or when a create's precondition failed.
func RegistrationTaken(attribute path.Path, projectID string, current *onboarding.Registration) diag.Diagnostics {
	var diags diag.Diagnostics
	diags.AddAttributeError(attribute, "Onboarding project already has other credentials",
		fmt.Sprintf("Project %q already has API credentials that differ from this configuration's: %s. They were uploaded in the Onboarding Center or by "+
			"another configuration, and are never overwritten blindly.\n\nIf this configuration should manage them, import the registration "+
			"(terraform import <address> %s), then plan again to see what would change. Otherwise withdraw them in the Onboarding Center, "+
			"or leave the project to the configuration that manages it.", projectID, describeRegistration(current), projectID))
	return diags
}

// RegistrationChanged reports a registration that changed outside this
// configuration between the plan and the write.
func RegistrationChanged(attribute path.Path, projectID, when string, current *onboarding.Registration) diag.Diagnostics {
	var diags diag.Diagnostics
	diags.AddAttributeError(attribute, "Onboarding registration changed outside this configuration",
		fmt.Sprintf("The registration of project %q changed %s, so this apply did not write over it: %s. Someone uploaded or withdrew credentials in "+
			"the Onboarding Center, or another configuration did.\n\nRun terraform plan again to see the registration as it is now and what this "+
			"configuration would change.", projectID, when, describeRegistration(current)))
	return diags
}

// RegistrationLeftInPlace warns that destroy found a registration newer than the one this state wrote.
func RegistrationLeftInPlace(projectID string, written int64, current *onboarding.Registration) diag.Diagnostics {
	var diags diag.Diagnostics
	diags.AddWarning("Onboarding registration left in place",
		fmt.Sprintf("This state wrote revision %d of project %q's registration, but %s. The newer credentials were registered elsewhere, so they "+
			"are left in place and only removed from this state. Withdraw them in the Onboarding Center if they should go too.",
			written, projectID, describeRegistration(current)))
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
