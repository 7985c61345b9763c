package onboardingcenter

import (
	"fmt"
	"strings"
	"time"

	"github.com/modernretail/terraform-provider-modernretail/internal/sandbox/standin"
)

// verify checks a submission after the delay, as the Onboarding Center does,
// unless a newer revision replaced it meanwhile.
func (o *Center) verify(p *project, revision int64, sub submission, delay time.Duration) {
	defer o.wg.Done()
	select {
	case <-time.After(delay):
	case <-o.ctx.Done():
		return
	}
	status, missing, message := o.check(sub)
	o.mu.Lock()
	defer o.mu.Unlock()
	if p.reg == nil || p.reg.revision != revision || p.reg.status != statusSubmitted {
		return
	}
	p.reg.status = status
	p.reg.verification = verification{Status: status, MissingScopes: missing, Message: message}
}

// check compares what BigCommerce granted the token with the required scopes.
func (o *Center) check(sub submission) (string, []string, string) {
	granted, ok := o.accounts.GrantedScopes(sub.StoreHash, sub.AccessToken)
	if !ok {
		return statusRejected, []string{}, fmt.Sprintf("BigCommerce does not accept this access token on store %s.", sub.StoreHash)
	}
	missing, labels := []string{}, []string(nil)
	for _, r := range requiredScopes {
		if !standin.Holds(granted, append([]string{r.scope}, r.also...)...) {
			missing = append(missing, r.scope)
			labels = append(labels, r.label)
		}
	}
	if len(missing) > 0 {
		return statusRejected, missing, "The API account lacks required scopes: " + strings.Join(labels, ", ") + "."
	}
	return statusVerified, []string{}, "The credentials work and hold every required scope."
}

// requiredScope is one scope of the "Modern Retail Integration" account, with
// the control-panel label the Onboarding Center names it by.
type requiredScope struct {
	scope, label string
	// also are other scope strings that satisfy it: a higher level, or another
	// scope that BigCommerce accepts for what the integration does with it.
	also []string
}

// requiredScopes are the ten scopes of Modern Retail's help article
// "BigCommerce API Credentials" (reference §7), in its order. The Onboarding
// Center reads BigCommerce as the provider's scope check does: Get Payment
// Methods is satisfied by Create Payments too, since getPaymentMethods
// accepts either (reference §10, accepted-methods_payments.v3.yml), so an
// account that passes the plan is never rejected for it at apply.
var requiredScopes = []requiredScope{
	{"store_v2_customers", "Customers: modify", nil},
	{"store_v2_information_read_only", "Information & Settings: read-only", []string{"store_v2_information"}},
	{"store_v2_marketing", "Marketing: modify", nil},
	{"store_v2_orders", "Orders: modify", nil},
	{"store_v2_transactions", "Order Transactions: modify", nil},
	{"store_payments_methods_read", "Get Payment Methods: read-only", []string{"store_payments_access_token_create"}},
	{"store_v2_products", "Products: modify", nil},
	{"store_cart", "Carts: modify", nil},
	{"store_storefront_api", "Storefront API Tokens: manage", nil},
	{"store_storefront_api_customer_impersonation", "Storefront API Customer Impersonation Tokens: manage", nil},
}
