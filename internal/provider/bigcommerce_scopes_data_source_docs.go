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
		"- A scope is **granted** only when BigCommerce answers its probe with one of the probe's granted answers below, status and body " +
		"both, after a baseline request has shown that the token works on the store. Any other answer proves nothing.\n" +
		"- A scope is **missing** when its probe gets 403 with BigCommerce's missing-scope body after that baseline. For a missing modify " +
		"scope one more read tells read-only from none.\n" +
		"- A scope is **unverified** when only the level below the required one can be proven: Order Transactions: modify, since every write " +
		"endpoint for transactions also accepts Orders: modify. Its read access is proven, it is listed in `unverified`, and it gets one warning.\n" +
		"- A scope is **inconclusive** when the answers settle nothing, and the plan **fails** with a diagnostic naming the store and the reason. " +
		"Planning again later is safe, since the check changes nothing. The reasons are:\n" +
		"  - BigCommerce unreachable, or server errors and rate limits that outlast the retries, or a redirect, which is never followed " +
		"(`BigCommerce scope check inconclusive`);\n" +
		"  - an answer whose body is HTML, or JSON of a shape BigCommerce never sends, such as a proxy's or gateway's error page: the answer " +
		"did not come from BigCommerce (`Answer not from BigCommerce`);\n" +
		"  - a `403` without BigCommerce's missing-scope body, which BigCommerce also sends for a wrong URL or a platform limit, and which a " +
		"gateway may send: it says nothing about the account's scopes, so the diagnostic quotes the answer's title and never sends you to the " +
		"control panel (`BigCommerce refused a probe for another reason`);\n" +
		"  - an answer in one of BigCommerce's error shapes but with a status the operation does not document (`BigCommerce scope check inconclusive`).\n\n" +
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
		"no probe is a `DELETE`. An answer counts only when its status **and** its body match one listed here; a `403` counts as missing only " +
		"with BigCommerce's missing-scope body. *Documented* answers come from BigCommerce's reference (D, `github.com/bigcommerce/docs`); " +
		"*recorded* answers were recorded from live stores by a third party (`Space48/bigcommerce-token-validator`, 2023), sometimes for a " +
		"related request, as noted; *observed* answers are backed by an evidence file recorded from `api.bigcommerce.com` and committed to this " +
		"repository. See the README for the opt-in live test that records one.\n\n" +
		"| Proves | Request | Counts as missing (for the baseline: an invalid token) | Counts as granted |\n|---|---|---|---|\n")
	row := func(proves string, p scopecheck.Probe) {
		request := fmt.Sprintf("`%s %s`", p.Method, p.Path)
		if p.EmptyBody {
			request += " `{}`"
		}
		granted := make([]string, len(p.Granted))
		for i, a := range p.Granted {
			granted[i] = answerMarkdown(p, a)
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", proves, request, answerMarkdown(p, p.Denied), strings.Join(granted, "<br>"))
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

// answerMarkdown renders one answer with its evidence.
func answerMarkdown(p scopecheck.Probe, a scopecheck.Answer) string {
	escape := func(s string) string { return strings.ReplaceAll(strings.ReplaceAll(s, "`", "'"), "|", "\\|") }
	var evidence []string
	if a.Documented != "" {
		evidence = append(evidence, fmt.Sprintf("*%s*: %s", scopecheck.Documented, escape(a.Documented)))
	}
	if a.Recorded != "" {
		evidence = append(evidence, fmt.Sprintf("*%s*: %s", scopecheck.Recorded, escape(a.Recorded)))
	}
	if files := p.ObservedIn(a); len(files) > 0 {
		evidence = append(evidence, fmt.Sprintf("*%s*: %s", scopecheck.Observed, escape(strings.Join(files, ", "))))
	}
	return fmt.Sprintf("%s, `%s`. %s", strconv.Itoa(a.Status), escape(a.Body.String()), strings.Join(evidence, "; "))
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
