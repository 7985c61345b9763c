package scopecheck

import (
	"net/http"

	"github.com/modernretail/terraform-provider-modernretail/internal/scopes"
)

// Evidence says how an answer of BigCommerce is known.
type Evidence int

// The kinds of evidence.
const (
	// Documented: BigCommerce's reference documents the answer for the operation.
	Documented Evidence = iota + 1
	// Recorded: a third party recorded it from live stores.
	Recorded
	// Observed: an evidence file in this repository recorded it from api.bigcommerce.com.
	Observed
)

func (e Evidence) String() string {
	switch e {
	case Recorded:
		return "recorded"
	case Observed:
		return "observed"
	}
	return "documented"
}

// Answer is one answer BigCommerce gives a probe: its status and body, and
// how it is known.
type Answer struct {
	Status int
	Body   Body
	// Documented cites BigCommerce's reference for the answer; empty when it documents none.
	Documented string
	// Recorded names a third party's recording of it from live stores; empty when there is none.
	Recorded string
}

// Probe is one request that proves a level of a resource without changing data.
// Reads are GETs. Writes send the body "{}", which no BigCommerce write endpoint
// accepts. No probe is a DELETE.
type Probe struct {
	// Resource is the control-panel resource it proves a level of.
	Resource scopes.ResourceName
	// Level is the level a granted answer proves.
	Level scopes.Level
	// Method and Path form the request below /stores/{store_hash}.
	Method, Path string
	// EmptyBody sends "{}" as a JSON body.
	EmptyBody bool
	// Accepts are the scope strings the operation accepts, as BigCommerce documents them.
	Accepts []string
	// Granted are every answer BigCommerce documents, or was recorded sending, to a token with the scope.
	Granted []Answer
	// Denied is the answer to a token without it.
	Denied Answer
}

// AcceptedBy reports whether a token holding the granted scope strings passes the operation's scope check.
func (p Probe) AcceptedBy(granted []string) bool {
	for _, g := range granted {
		for _, a := range p.Accepts {
			if g == a {
				return true
			}
		}
	}
	return false
}

// The sources that the probe table cites. D is BigCommerce's docs repository
// (github.com/bigcommerce/docs, reference/ and docs/); S48 is the snapshot of
// live answers in Space48/bigcommerce-token-validator (2023-01-22), which
// recorded statuses for two tokens.
const (
	sourceS48 = "Space48/bigcommerce-token-validator (2023)"
	// sourceScopeMissing is where the missing-scope body comes from (reference §11).
	sourceScopeMissing = "D docs/start/about/status-codes.mdx (403); the body as " + sourceS48 + " recorded it on v2 and v3 routes"
)

// denied is the missing-scope answer; recorded names S48's recording of it for this request, if any.
func denied(recorded string) Answer {
	a := Answer{Status: http.StatusForbidden, Body: BodyScopeMissing, Documented: sourceScopeMissing}
	if recorded != "" {
		a.Recorded = sourceS48 + ": " + recorded
	}
	return a
}

func v3Error(status int, documented, recorded string) Answer {
	return Answer{Status: status, Body: BodyV3Error, Documented: documented, Recorded: recorded}
}

// accepts lists the scope strings of a resource at a level and above.
func accepts(name scopes.ResourceName, level scopes.Level, also ...string) []string {
	for _, r := range scopes.Resources {
		if r.Name != name {
			continue
		}
		out := []string{r.Modify}
		if level == scopes.LevelReadOnly {
			out = []string{r.ReadOnly, r.Modify}
		}
		return append(out, also...)
	}
	return also
}

// BaselineProbe needs no scope, so it tells an invalid token (401) and an
// unknown store (403 or 404) apart from a missing scope.
var BaselineProbe = Probe{
	Method: http.MethodGet, Path: "/v2/time",
	Granted: []Answer{{Status: http.StatusOK, Body: BodyTime,
		Documented: "D reference/store_information.v2.yml getSystemTimestamp",
		Recorded:   sourceS48 + ": 200 to a token holding no store scope, although D lists the operation under Information & Settings"}},
	Denied: Answer{Status: http.StatusUnauthorized, Body: BodyV3Error, Documented: "D docs/start/about/status-codes.mdx (401: credentials missing or invalid); only the status is reliable"},
}

// storeInformationPath is also the Information & Settings probe.
const storeInformationPath = "/v2/store"

// Probes is the probe table, one row per resource and level. Each lists every
// answer of a granted token that BigCommerce documents for its operation, or
// that was recorded from live stores (reference §10 and §11).
var Probes = []Probe{
	{Resource: scopes.Customers, Level: scopes.LevelModify, Method: http.MethodPost, Path: "/v3/customers", EmptyBody: true,
		Accepts: accepts(scopes.Customers, scopes.LevelModify),
		Granted: []Answer{
			v3Error(http.StatusUnprocessableEntity, "D reference/customers.v3.yml createCustomers (422: missing required fields)", ""),
			{Status: http.StatusRequestEntityTooLarge, Body: BodyNone, Documented: "D reference/customers.v3.yml createCustomers (413, no body documented)"},
		},
		Denied: denied("POST /v3/customers, also for a token with Customers read-only")},
	{Resource: scopes.Customers, Level: scopes.LevelReadOnly, Method: http.MethodGet, Path: "/v3/customers?id:in=0",
		Accepts: accepts(scopes.Customers, scopes.LevelReadOnly),
		Granted: []Answer{
			{Status: http.StatusOK, Body: BodyCollection, Documented: "D reference/customers.v3.yml getCustomers", Recorded: sourceS48 + ": 200 for GET /v3/customers without the filter"},
			v3Error(http.StatusUnprocessableEntity, "D reference/customers.v3.yml getCustomers (422: the optional filter parameter was not valid)", ""),
		},
		Denied: denied("GET /v3/customers without the filter")},
	{Resource: scopes.InformationAndSettings, Level: scopes.LevelReadOnly, Method: http.MethodGet, Path: storeInformationPath,
		Accepts: accepts(scopes.InformationAndSettings, scopes.LevelReadOnly),
		Granted: []Answer{{Status: http.StatusOK, Body: BodyStore, Documented: "D reference/store_information.v2.yml getStoreInformation"}},
		Denied:  denied("")},
	{Resource: scopes.Marketing, Level: scopes.LevelModify, Method: http.MethodPost, Path: "/v2/banners", EmptyBody: true,
		Accepts: accepts(scopes.Marketing, scopes.LevelModify),
		Granted: []Answer{{Status: http.StatusBadRequest, Body: BodyV2Error, Documented: "D docs/start/about/status-codes.mdx (400); v2 error bodies as in D reference/orders.v2.oas2.yml",
			Recorded: sourceS48 + ": 400 for POST /v2/banners {}"}},
		Denied: denied("POST /v2/banners")},
	{Resource: scopes.Marketing, Level: scopes.LevelReadOnly, Method: http.MethodGet, Path: "/v2/banners/0",
		Accepts: accepts(scopes.Marketing, scopes.LevelReadOnly),
		Granted: []Answer{{Status: http.StatusOK, Body: BodyBanner, Documented: "D reference/marketing.v2.yml getBanner (200 only; no 404 is documented)"}},
		Denied:  denied("")},
	{Resource: scopes.Orders, Level: scopes.LevelModify, Method: http.MethodPost, Path: "/v2/orders", EmptyBody: true,
		Accepts: accepts(scopes.Orders, scopes.LevelModify),
		Granted: []Answer{{Status: http.StatusBadRequest, Body: BodyV2Error, Documented: "D docs/start/about/status-codes.mdx (400); v2 error bodies as in D reference/orders.v2.oas2.yml",
			Recorded: sourceS48 + ": 400 for POST /v2/orders {}"}},
		Denied: denied("POST /v2/orders")},
	{Resource: scopes.Orders, Level: scopes.LevelReadOnly, Method: http.MethodGet, Path: "/v2/orders/0",
		Accepts: accepts(scopes.Orders, scopes.LevelReadOnly),
		Granted: []Answer{{Status: http.StatusNotFound, Body: BodyV2Error, Documented: "D reference/orders.v2.oas2.yml getOrder (404: The requested resource was not found.)"}},
		Denied:  denied("")},
	{Resource: scopes.OrderTransactions, Level: scopes.LevelReadOnly, Method: http.MethodGet, Path: "/v3/orders/0/transactions",
		Accepts: accepts(scopes.OrderTransactions, scopes.LevelReadOnly),
		Granted: []Answer{
			v3Error(http.StatusNotFound, "D reference/orders.v3.yml getOrderTransactions (404)", sourceS48+": 404 with order id 1, not 0"),
			{Status: http.StatusNoContent, Body: BodyNone, Documented: "D reference/orders.v3.yml getOrderTransactions (204: no content found)"},
			{Status: http.StatusOK, Body: BodyCollection, Documented: "D reference/orders.v3.yml getOrderTransactions (200)"},
		},
		Denied: denied("GET /v3/orders/1/transactions")},
	{Resource: scopes.GetPaymentMethods, Level: scopes.LevelReadOnly, Method: http.MethodGet, Path: "/v3/payments/methods?order_id=0",
		Accepts: accepts(scopes.GetPaymentMethods, scopes.LevelReadOnly, "store_payments_access_token_create"),
		Granted: []Answer{
			v3Error(http.StatusNotFound, "D reference/payments/accepted-methods_payments.v3.yml getPaymentMethods (404: resource not found)", ""),
			v3Error(http.StatusUnprocessableEntity, "D reference/payments/accepted-methods_payments.v3.yml getPaymentMethods (422: missing or invalid data)", ""),
			v3Error(http.StatusBadRequest, "D reference/payments/accepted-methods_payments.v3.yml getPaymentMethods (400: request rejected)", ""),
		},
		Denied: denied("")},
	{Resource: scopes.Products, Level: scopes.LevelModify, Method: http.MethodPost, Path: "/v3/catalog/products", EmptyBody: true,
		Accepts: accepts(scopes.Products, scopes.LevelModify),
		Granted: []Answer{
			v3Error(http.StatusUnprocessableEntity, "D reference/catalog/products_catalog.v3.yml createProduct (422)", sourceS48+": 422 for POST /v3/catalog/products {}"),
			v3Error(http.StatusConflict, "D reference/catalog/products_catalog.v3.yml createProduct (409)", ""),
		},
		Denied: denied("POST /v3/catalog/products")},
	{Resource: scopes.Products, Level: scopes.LevelReadOnly, Method: http.MethodGet, Path: "/v3/catalog/products/0",
		Accepts: accepts(scopes.Products, scopes.LevelReadOnly),
		Granted: []Answer{v3Error(http.StatusNotFound, "D reference/catalog/products_catalog.v3.yml getProduct (404)", "")},
		Denied:  denied("")},
	{Resource: scopes.Carts, Level: scopes.LevelModify, Method: http.MethodPost, Path: "/v3/carts", EmptyBody: true,
		Accepts: accepts(scopes.Carts, scopes.LevelModify),
		Granted: []Answer{v3Error(http.StatusUnprocessableEntity, "D reference/carts.v3.yml createCart (422)", sourceS48+": 422 for POST /v3/carts {}")},
		Denied:  denied("POST /v3/carts")},
	{Resource: scopes.Carts, Level: scopes.LevelReadOnly, Method: http.MethodGet, Path: "/v3/carts/0",
		Accepts: accepts(scopes.Carts, scopes.LevelReadOnly),
		Granted: []Answer{v3Error(http.StatusNotFound, "D reference/carts.v3.yml getCart (404: Cart not found.)", sourceS48+": 404 with cart id 1, not 0")},
		Denied:  denied("GET /v3/carts/1")},
	{Resource: scopes.StorefrontAPITokens, Level: scopes.LevelModify, Method: http.MethodPost, Path: "/v3/storefront/api-token", EmptyBody: true,
		Accepts: accepts(scopes.StorefrontAPITokens, scopes.LevelModify),
		Granted: []Answer{v3Error(http.StatusUnprocessableEntity, "D reference/storefront_tokens.v3.yml createToken (422: invalid JSON request body); a real 422 body in bigcommerce/docs issue #377", "")},
		Denied:  denied("")},
	{Resource: scopes.StorefrontAPICustomerImpersonationTokens, Level: scopes.LevelModify, Method: http.MethodPost, Path: "/v3/storefront/api-token-customer-impersonation", EmptyBody: true,
		Accepts: accepts(scopes.StorefrontAPICustomerImpersonationTokens, scopes.LevelModify),
		Granted: []Answer{v3Error(http.StatusUnprocessableEntity, "D reference/storefront_tokens.v3.yml createTokenWithCustomerImpersonation (422)", "")},
		Denied:  denied("")},
}

// partialProofs are the scopes whose level no request proves without
// changing data, each with why; the level below is proven instead.
var partialProofs = map[string]string{
	"store_v2_transactions": "every write endpoint for transactions also accepts Orders: modify (D reference/orders.v3.yml payment actions), " +
		"and the only ones that need Order Transactions alone are beta payment endpoints that create records",
}

// ProbeFor returns the probe that proves exactly the level of a resource.
func ProbeFor(resource scopes.ResourceName, level scopes.Level) (Probe, bool) {
	for _, p := range Probes {
		if p.Resource == resource && p.Level == level {
			return p, true
		}
	}
	return Probe{}, false
}

// Checkable reports whether the prober can check a scope, and whether it
// proves the scope's own level (full) or only the level below.
func Checkable(s string) (sc scopes.Scope, full, ok bool) {
	sc, ok = scopes.Lookup(s)
	if !ok {
		return sc, false, false
	}
	if _, found := ProbeFor(sc.Resource.Name, sc.Level); found {
		return sc, true, true
	}
	if _, partial := partialProofs[s]; partial {
		_, found := ProbeFor(sc.Resource.Name, scopes.LevelReadOnly)
		return sc, false, found
	}
	return sc, false, false
}

// CheckableScopes lists every scope string the prober can check, sorted.
func CheckableScopes() []string {
	var out []string
	for _, s := range scopes.All() {
		if _, _, ok := Checkable(s); ok {
			out = append(out, s)
		}
	}
	return out
}

// key identifies a probe's request, for caching.
func (p Probe) key() string {
	return p.Method + " " + p.Path
}

// Observation is an answer to a probe that an evidence file under
// testdata/evidence recorded from api.bigcommerce.com.
type Observation struct {
	Method, Path string
	Status       int
	Body         Body
	// File is the evidence file's name.
	File string
}

// ObservedIn lists the evidence files that recorded the answer to the probe.
func (p Probe) ObservedIn(a Answer) []string {
	var files []string
	for _, o := range observations {
		if o.Method == p.Method && o.Path == p.Path && o.Status == a.Status && o.Body == a.Body {
			files = append(files, o.File)
		}
	}
	return files
}
