package diagnostics

import (
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/modernretail/terraform-provider-modernretail/internal/credentialsfile"
	"github.com/modernretail/terraform-provider-modernretail/internal/scopecheck"
	"github.com/modernretail/terraform-provider-modernretail/internal/scopes"
)

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
