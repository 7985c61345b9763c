package provider

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/modernretail/terraform-provider-modernretail/internal/scopecheck"
	"github.com/modernretail/terraform-provider-modernretail/internal/scopes"
)

// scopesDataSourceDescription is the data source's documentation, with the
// probe table and the scope catalog generated from the code.
func scopesDataSourceDescription() string {
	return "Asserts that a store-level BigCommerce API account holds the OAuth scopes Modern Retail needs, against the live " +
		"BigCommerce API, without changing any store data. BigCommerce has no endpoint that lists a token's scopes, so each scope is " +
		"proven with a request that BigCommerce refuses with 403 when the scope is missing and otherwise rejects as invalid or not found.\n\n" +
		"With scopes missing, `terraform plan` fails and names each control-panel change that fixes it, such as " +
		"`Change Orders from none to modify`.\n\n" +
		"Point `filename` at the credentials file itself, not at `modernretail_bigcommerce_credentials`: Terraform reads a data source " +
		"that depends on a resource with pending changes only during apply, so a new store's missing scopes would escape its first plan.\n\n" +
		"## What the check concludes\n\n" +
		"- A scope is **granted** only when BigCommerce answers its probe with one of the probe's granted statuses below, after a baseline " +
		"request has shown that the token works on the store. Any other answer proves nothing.\n" +
		"- A scope is **missing** when its probe gets 403 after that baseline. For a missing modify scope one more read tells read-only from none.\n" +
		"- A scope is **unverified** when only the level below the required one can be proven: Order Transactions: modify, since every write " +
		"endpoint for transactions also accepts Orders: modify. Its read access is proven, it is listed in `unverified`, and it gets one warning.\n" +
		"- When the answers settle nothing (BigCommerce unreachable, server errors after retries, a redirect, which is never followed, or an " +
		"answer the check cannot read), the plan **fails** with a diagnostic naming the store and the reason. Planning again later is safe.\n\n" +
		"`satisfied` is true only when every required scope is granted at its level. With the default `required` it is therefore false even " +
		"for a correct account, because of Order Transactions: modify; a correct account has an empty `missing` and `unverified = " +
		"[\"store_v2_transactions\"]`.\n\n" +
		"Get Payment Methods: BigCommerce's reference says that `GET /v3/payments/methods` also answers to Create Payments " +
		"(`store_payments_access_token_create`). The check proves the capability the integration uses, reading a store's accepted payment " +
		"methods; an account that has Create Payments instead of Get Payment Methods passes it.\n\n" +
		"Results are shared within one Terraform run, so a store is probed once however many resources ask.\n\n" +
		probeEvidenceMarkdown() + "\n" + scopeCatalogMarkdown()
}

// probeEvidenceMarkdown renders the probe table, with the evidence behind each answer.
func probeEvidenceMarkdown() string {
	var b strings.Builder
	b.WriteString("## The probes and their evidence\n\n" +
		"Every request goes to `https://api.bigcommerce.com/stores/{store_hash}`. Writes send the body `{}`, which no endpoint accepts, and " +
		"no probe is a `DELETE`. *Documented* answers come from BigCommerce's reference (`github.com/bigcommerce/docs`); *observed* answers " +
		"were recorded from live stores. Answers that are documented only are still to be observed on a live store; see the README for the " +
		"opt-in live test that records them.\n\n" +
		"| Proves | Request | Denied answer | Granted answer |\n|---|---|---|---|\n")
	row := func(proves string, p scopecheck.Probe) {
		request := fmt.Sprintf("`%s %s`", p.Method, p.Path)
		if p.EmptyBody {
			request += " `{}`"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", proves, request, answerMarkdown(p.Denied), answerMarkdown(p.Granted))
	}
	row("the token works on the store (baseline; needs no scope)", scopecheck.BaselineProbe)
	for _, p := range scopecheck.Probes {
		res := resourceByName(p.Resource)
		scope := res.ReadOnly
		if p.Level == scopes.LevelModify {
			scope = res.Modify
		}
		row(fmt.Sprintf("%s: %s (`%s`)", p.Resource, res.Word(p.Level), scope), p)
	}
	return b.String()
}

func answerMarkdown(a scopecheck.Answer) string {
	statuses := make([]string, len(a.Statuses))
	for i, s := range a.Statuses {
		statuses[i] = strconv.Itoa(s)
	}
	body := strings.ReplaceAll(strings.ReplaceAll(a.Body, "`", "'"), "|", "\\|")
	if strings.HasPrefix(body, "{") || strings.HasPrefix(body, "[") {
		body = "`" + body + "`"
	}
	return fmt.Sprintf("%s, %s. *%s*: %s", strings.Join(statuses, " or "), body, a.Evidence, strings.ReplaceAll(a.Source, "|", "\\|"))
}

func resourceByName(name scopes.ResourceName) scopes.Resource {
	for _, r := range scopes.Resources {
		if r.Name == name {
			return r
		}
	}
	return scopes.Resource{Name: name}
}

// scopeCatalogMarkdown renders the scope catalog as a Markdown table for the docs.
func scopeCatalogMarkdown() string {
	var b strings.Builder
	b.WriteString("## Store-level OAuth scopes\n\nBigCommerce's control-panel names; the last column says whether `required` accepts the scope.\n\n" +
		"| Control panel | Level | Scope string | Checkable |\n|---|---|---|---|\n")
	row := func(r scopes.Resource, level scopes.Level, scope string) {
		_, full, ok := scopecheck.Checkable(scope)
		checkable := "no"
		switch {
		case full:
			checkable = "yes"
		case ok:
			checkable = "read-only proven; listed in `unverified`"
		}
		fmt.Fprintf(&b, "| %s | %s | `%s` | %s |\n", r.Name, r.Word(level), scope, checkable)
	}
	for _, r := range scopes.Resources {
		if r.Modify != "" {
			row(r, scopes.LevelModify, r.Modify)
		}
		if r.ReadOnly != "" {
			row(r, scopes.LevelReadOnly, r.ReadOnly)
		}
	}
	return b.String()
}
