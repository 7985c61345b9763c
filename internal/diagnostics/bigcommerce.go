package diagnostics

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"

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

// ScopeChange words a missing scope the way the setup guide does: "Change
// Orders from none to modify". It never asks for a level the account already
// has: where BigCommerce's answers prove the level, or leave the lower level
// unknown, it says so instead.
func ScopeChange(r scopecheck.Result) string {
	res := r.Scope.Resource
	switch {
	case r.Granted >= r.Scope.Level:
		return fmt.Sprintf("Check that %s is %s: BigCommerce's answers show this access, so compare the account with the setup guide", res.Name, res.Word(r.Scope.Level))
	case r.Cause != scopecheck.CauseNone:
		return fmt.Sprintf("Set %s to %s", res.Name, res.Word(r.Scope.Level))
	}
	return fmt.Sprintf("Change %s from %s to %s", res.Name, res.Word(r.Granted), res.Word(r.Scope.Level))
}

// quoteAnswer shows a title or message a server sent: secret-shaped runs
// redacted, control characters dropped, and cut short.
func quoteAnswer(text string) string {
	text = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, text)
	text = credentialsfile.SecretsOf([]byte(text)).Text(text)
	if runes := []rune(text); len(runes) > maxQuoteLength {
		text = string(runes[:maxQuoteLength]) + "…"
	}
	return strconv.Quote(text)
}

// maxQuoteLength is how much of a server's text a diagnostic quotes.
const maxQuoteLength = 80

// ScopeReport turns a finished scope check into diagnostics: an error when a
// scope is inconclusive, since nothing counts as granted without proof; an
// error for missing scopes when failOnMissing is set; a warning for each scope
// proven only in part, and for odd store information.
func ScopeReport(attribute path.Path, storeHash, accountName string, report *scopecheck.Report, failOnMissing bool) diag.Diagnostics {
	var diags diag.Diagnostics
	for _, r := range report.Unverified() {
		diags.AddAttributeWarning(attribute, "BigCommerce scope unverified: "+r.Scope.Label(),
			fmt.Sprintf("For store %s, %s (%s): %s. It is listed in unverified. Check in the control panel that the account has %s.",
				storeHash, r.Scope.Label(), r.Scope.String, r.Detail, r.Scope.Label()))
	}
	for _, w := range report.Warnings {
		diags.AddAttributeWarning(attribute, "Unexpected BigCommerce store information", fmt.Sprintf("Store %s: %s.", storeHash, w))
	}
	diags.Append(inconclusiveResults(attribute, storeHash, report.Inconclusive())...)
	if missing := report.Missing(); len(missing) > 0 && failOnMissing {
		diags.Append(MissingScopes(attribute, storeHash, accountName, missing)...)
	}
	return diags
}

// inconclusiveResults reports the scopes that BigCommerce's answers did not
// settle, one error per kind of cause: answers that did not come from
// BigCommerce, 403s for another reason than a missing scope, and the rest.
func inconclusiveResults(attribute path.Path, storeHash string, results []scopecheck.Result) diag.Diagnostics {
	groups := map[string][]scopecheck.Result{}
	for _, r := range results {
		summary := inconclusiveSummary
		switch r.Cause {
		case scopecheck.CauseNotBigCommerce:
			summary = notBigCommerceSummary
		case scopecheck.CauseForbidden:
			summary = forbiddenSummary
		}
		groups[summary] = append(groups[summary], r)
	}
	var diags diag.Diagnostics
	for _, summary := range []string{forbiddenSummary, notBigCommerceSummary, inconclusiveSummary} {
		group := groups[summary]
		if len(group) == 0 {
			continue
		}
		var b strings.Builder
		fmt.Fprintf(&b, "For store %s, BigCommerce's answers prove neither a granted nor a missing scope for:\n\n", storeHash)
		for _, r := range group {
			fmt.Fprintf(&b, "  - %s (%s): %s", r.Scope.Label(), r.Scope.String, r.Detail)
			if r.Quote != "" {
				fmt.Fprintf(&b, "; the answer's title: %s", quoteAnswer(r.Quote))
			}
			b.WriteString("\n")
		}
		switch summary {
		case forbiddenSummary:
			b.WriteString("\nBigCommerce sends 403 for a missing scope only with its missing-scope body. Another 403 comes from an incorrect URL, " +
				"a platform limit, or something between Terraform and BigCommerce, such as a proxy, gateway or firewall. It says nothing about the " +
				"account's scopes, so do not change them in the control panel. " + notFromBigCommerceMsg)
		case notBigCommerceSummary:
			b.WriteString("\nBigCommerce answers with JSON error bodies, never with HTML or JSON of another shape, so something between Terraform and " +
				"BigCommerce answered in its place, such as a proxy, gateway or captive portal, or bigcommerce_api_url does not point at BigCommerce's API. " +
				"These answers say nothing about the account's scopes, so do not change them in the control panel. " + notFromBigCommerceMsg)
		default:
			b.WriteString("\nA scope counts as granted only when BigCommerce's answer proves it, so the plan stops here. " + planAgainMsg)
		}
		diags.AddAttributeError(attribute, summary, b.String())
	}
	return diags
}

// The summaries of inconclusive scope checks, one per kind of cause.
const (
	inconclusiveSummary   = "BigCommerce scope check inconclusive"
	notBigCommerceSummary = "Answer not from BigCommerce"
	forbiddenSummary      = "BigCommerce refused a probe for another reason"
)

// notFromBigCommerceMsg closes details of answers that were not BigCommerce's verdict on a scope.
const notFromBigCommerceMsg = "Check that bigcommerce_api_url is https://api.bigcommerce.com, or a proxy that passes BigCommerce's answers " +
	"through unchanged, and that nothing on the way answers in its place; then plan again, which is safe: the check changes no store data."

// planAgainMsg closes details of a scope check that could not finish.
const planAgainMsg = "BigCommerce may be busy or down, or something else answered in its place. " +
	"Planning again later is safe: the check changes no store data. If it keeps failing, check that bigcommerce_api_url is reachable from where Terraform runs."

// BigCommerceCheckFailed reports an error from the BigCommerce token or scope check.
func BigCommerceCheckFailed(attribute path.Path, storeHash, accountName string, err error) diag.Diagnostics {
	var diags diag.Diagnostics
	var invalid *scopecheck.InvalidTokenError
	var unknown *scopecheck.UnknownStoreError
	var swapped *scopecheck.SwappedError
	switch {
	case errors.As(err, &swapped):
		diags.AddAttributeError(attribute, "ACCESS TOKEN and CLIENT ID swapped",
			fmt.Sprintf("%s. The value given as the client ID works as this store's access token, so it is never shown, stored or sent "+
				"as a client ID, and neither value is quoted here. In the credentials file, exchange the values of the ACCESS TOKEN and "+
				"CLIENT ID lines so they stand as BigCommerce wrote them; in a form, exchange access_token and client_id. If the file was "+
				"shared with the values swapped, treat the token as exposed: %s, create a new account, use its file, and delete the old one.",
				err, strings.ToLower(accountLocation(accountName)[:1])+accountLocation(accountName)[1:]))
	case errors.As(err, &invalid):
		diags.AddAttributeError(attribute, "BigCommerce rejected the access token",
			fmt.Sprintf("%s. %s to see whether it still exists; if it was deleted, create a new one and use its credentials file.", err, accountLocation(accountName)))
	case errors.As(err, &unknown):
		quote := ""
		if unknown.Quote != "" {
			quote = " The answer's title: " + quoteAnswer(unknown.Quote) + "."
		}
		diags.AddAttributeError(attribute, "Unknown BigCommerce store",
			fmt.Sprintf("%s.%s Check the store hash in the API PATH line: it is the part after /stores/ in https://api.bigcommerce.com/stores/{store_hash}/v3/. "+
				"BigCommerce's reference lists GET /v2/time under Information & Settings, although it answers without any scope; should it ever "+
				"require that scope, a correct store hash gets this answer when the account lacks Information & Settings: read-only.", err, quote))
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
