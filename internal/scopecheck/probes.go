package scopecheck

import (
	"net/http"

	"github.com/modernretail/terraform-provider-modernretail/internal/scopes"
)

// Evidence says how an answer of BigCommerce is known.
type Evidence int

// The kinds of evidence.
const (
	// Documented: BigCommerce's reference says so; nobody has recorded it from a live store yet.
	Documented Evidence = iota + 1
	// Observed: recorded from a live store's answers.
	Observed
)

func (e Evidence) String() string {
	if e == Observed {
		return "observed"
	}
	return "documented"
}

// Answer is what BigCommerce sends a probe in one case, and how that is known.
type Answer struct {
	// Statuses are the statuses of this answer.
	Statuses []int
	// Body describes the answer's body.
	Body string
	// Evidence and Source say how the answer is known.
	Evidence Evidence
	Source   string
}

// Probe is one request that proves a level of a resource without changing data.
// Reads are GETs. Writes send the body "{}", which no BigCommerce write endpoint
// accepts, or name id 0, which cannot exist. No probe is a DELETE.
type Probe struct {
	// Resource is the control-panel resource it proves a level of.
	Resource scopes.ResourceName
	// Level is the level a granted answer proves.
	Level scopes.Level
	// Method and Path form the request below /stores/{store_hash}.
	Method, Path string
	// EmptyBody sends "{}" as a JSON body.
	EmptyBody bool
	// Granted is the answer to a token with the scope; only its statuses count as proof.
	Granted Answer
	// Denied is the answer to a token without it.
	Denied Answer
}

// The sources that the probe table cites. D is BigCommerce's docs repository
// (github.com/bigcommerce/docs, reference/ and docs/); S48 is the snapshot of
// live answers in Space48/bigcommerce-token-validator (2023-01-22).
const (
	sourceS48 = "Space48/bigcommerce-token-validator, spec/__snapshots__/index.test.ts.snap"
	// scopeDeniedBody is the body BigCommerce sends with a missing scope.
	scopeDeniedBody = `{"status":403,"title":"You don't have a required scope to access the endpoint",…}`
)

func observedDenied(what string) Answer {
	return Answer{Statuses: []int{http.StatusForbidden}, Body: scopeDeniedBody, Evidence: Observed, Source: sourceS48 + " (" + what + ")"}
}

func documentedDenied(source string) Answer {
	return Answer{Statuses: []int{http.StatusForbidden}, Body: "missing scope", Evidence: Documented, Source: source}
}

// BaselineProbe needs no scope, so it tells an invalid token (401) and an
// unknown store (403 or 404) apart from a missing scope.
var BaselineProbe = Probe{
	Method: http.MethodGet, Path: "/v2/time",
	Granted: Answer{Statuses: []int{http.StatusOK}, Body: `{"time": <unix seconds>}`, Evidence: Observed,
		Source: sourceS48 + " (200 with a token holding no store scope); D reference/store_information.v2.yml getSystemTimestamp lists it under Information & Settings, which the observation contradicts"},
	Denied: Answer{Statuses: []int{http.StatusUnauthorized}, Body: "invalid token", Evidence: Documented,
		Source: "D docs/start/about/status-codes.mdx (401: credentials missing or invalid)"},
}

// storeInformationPath is also the Information & Settings probe.
const storeInformationPath = "/v2/store"

// Probes is the probe table, one row per resource and level.
var Probes = []Probe{
	{Resource: scopes.Customers, Level: scopes.LevelModify, Method: http.MethodPost, Path: "/v3/customers", EmptyBody: true,
		Granted: Answer{Statuses: []int{http.StatusUnprocessableEntity}, Body: "validation error: the body must be an array of customers", Evidence: Documented,
			Source: "D reference/customers.v3.yml createCustomers"},
		Denied: observedDenied("also for a token with Customers read-only")},
	{Resource: scopes.Customers, Level: scopes.LevelReadOnly, Method: http.MethodGet, Path: "/v3/customers?id:in=0",
		Granted: Answer{Statuses: []int{http.StatusOK}, Body: "an empty list", Evidence: Observed, Source: sourceS48},
		Denied:  observedDenied("GET /v3/customers")},
	{Resource: scopes.InformationAndSettings, Level: scopes.LevelReadOnly, Method: http.MethodGet, Path: storeInformationPath,
		Granted: Answer{Statuses: []int{http.StatusOK}, Body: "the store's information, with id equal to the store hash", Evidence: Documented,
			Source: "D reference/store_information.v2.yml getStoreInformation"},
		Denied: documentedDenied("D reference/store_information.v2.yml (the scope table of the file)")},
	{Resource: scopes.Marketing, Level: scopes.LevelModify, Method: http.MethodPost, Path: "/v2/banners", EmptyBody: true,
		Granted: Answer{Statuses: []int{http.StatusBadRequest}, Body: "v2 validation error", Evidence: Observed, Source: sourceS48},
		Denied:  observedDenied("POST /v2/banners")},
	{Resource: scopes.Marketing, Level: scopes.LevelReadOnly, Method: http.MethodGet, Path: "/v2/banners/0",
		Granted: Answer{Statuses: []int{http.StatusNotFound}, Body: "v2 not found: id 0 cannot exist", Evidence: Documented,
			Source: "D reference/marketing.v2.yml getBanner"},
		Denied: documentedDenied("D reference/marketing.v2.yml (the scope table of the file)")},
	{Resource: scopes.Orders, Level: scopes.LevelModify, Method: http.MethodPost, Path: "/v2/orders", EmptyBody: true,
		Granted: Answer{Statuses: []int{http.StatusBadRequest}, Body: "v2 validation error", Evidence: Observed, Source: sourceS48},
		Denied:  observedDenied("POST /v2/orders")},
	{Resource: scopes.Orders, Level: scopes.LevelReadOnly, Method: http.MethodGet, Path: "/v2/orders/0",
		Granted: Answer{Statuses: []int{http.StatusNotFound}, Body: `[{"status":404,"message":"The requested resource was not found."}]`, Evidence: Documented,
			Source: "D reference/orders.v2.oas2.yml getOrder"},
		Denied: documentedDenied("D reference/orders.v2.oas2.yml (the scope table of the file)")},
	{Resource: scopes.OrderTransactions, Level: scopes.LevelReadOnly, Method: http.MethodGet, Path: "/v3/orders/0/transactions",
		Granted: Answer{Statuses: []int{http.StatusNotFound}, Body: "v3 not found", Evidence: Observed,
			Source: sourceS48 + " (with order id 1); D reference/orders.v3.yml getOrderTransactions accepts store_v2_transactions_read_only or store_v2_transactions"},
		Denied: observedDenied("GET /v3/orders/1/transactions")},
	{Resource: scopes.GetPaymentMethods, Level: scopes.LevelReadOnly, Method: http.MethodGet, Path: "/v3/payments/methods?order_id=0",
		Granted: Answer{Statuses: []int{http.StatusNotFound, http.StatusBadRequest}, Body: "no such order", Evidence: Documented,
			Source: "D reference/payments/accepted-methods_payments.v3.yml getPaymentMethods, which also accepts Create Payments"},
		Denied: documentedDenied("D reference/payments/accepted-methods_payments.v3.yml (the scope table of the file)")},
	{Resource: scopes.Products, Level: scopes.LevelModify, Method: http.MethodPost, Path: "/v3/catalog/products", EmptyBody: true,
		Granted: Answer{Statuses: []int{http.StatusUnprocessableEntity}, Body: "v3 validation error", Evidence: Observed, Source: sourceS48},
		Denied:  observedDenied("POST /v3/catalog/products")},
	{Resource: scopes.Products, Level: scopes.LevelReadOnly, Method: http.MethodGet, Path: "/v3/catalog/products/0",
		Granted: Answer{Statuses: []int{http.StatusNotFound}, Body: "v3 not found: id 0 cannot exist", Evidence: Documented,
			Source: "D reference/catalog/products_catalog.v3.yml getProduct"},
		Denied: documentedDenied("D reference/catalog/products_catalog.v3.yml (the scope table of the file)")},
	{Resource: scopes.Carts, Level: scopes.LevelModify, Method: http.MethodPost, Path: "/v3/carts", EmptyBody: true,
		Granted: Answer{Statuses: []int{http.StatusUnprocessableEntity}, Body: "v3 validation error", Evidence: Observed, Source: sourceS48},
		Denied:  observedDenied("POST /v3/carts")},
	{Resource: scopes.Carts, Level: scopes.LevelReadOnly, Method: http.MethodGet, Path: "/v3/carts/0",
		Granted: Answer{Statuses: []int{http.StatusNotFound}, Body: "v3 not found", Evidence: Observed, Source: sourceS48 + " (with cart id 1)"},
		Denied:  observedDenied("GET /v3/carts/1")},
	{Resource: scopes.StorefrontAPITokens, Level: scopes.LevelModify, Method: http.MethodPost, Path: "/v3/storefront/api-token", EmptyBody: true,
		Granted: Answer{Statuses: []int{http.StatusUnprocessableEntity}, Body: "v3 validation error: expires_at and a channel are required", Evidence: Documented,
			Source: "D reference/storefront_tokens.v3.yml createToken; a real 422 body in bigcommerce/docs issue #377"},
		Denied: documentedDenied("D reference/storefront_tokens.v3.yml createToken (403: missing scope)")},
	{Resource: scopes.StorefrontAPICustomerImpersonationTokens, Level: scopes.LevelModify, Method: http.MethodPost, Path: "/v3/storefront/api-token-customer-impersonation", EmptyBody: true,
		Granted: Answer{Statuses: []int{http.StatusUnprocessableEntity}, Body: "v3 validation error", Evidence: Documented,
			Source: "D reference/storefront_tokens.v3.yml createTokenWithCustomerImpersonation"},
		Denied: documentedDenied("D reference/storefront_tokens.v3.yml createTokenWithCustomerImpersonation (403: missing scope)")},
}

// partialProofs are the scopes whose level no request proves without
// changing data, each with why; the level below is proven instead.
var partialProofs = map[string]string{
	"store_v2_transactions": "every write endpoint for transactions also accepts Orders: modify (D reference/orders.v3.yml payment actions), " +
		"and the only ones that need Order Transactions alone are beta payment endpoints whose answers nobody has recorded",
}

// probeFor returns the probe that proves exactly the level of a resource.
func probeFor(resource scopes.ResourceName, level scopes.Level) (Probe, bool) {
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
	if _, found := probeFor(sc.Resource.Name, sc.Level); found {
		return sc, true, true
	}
	if _, partial := partialProofs[s]; partial {
		_, found := probeFor(sc.Resource.Name, scopes.LevelReadOnly)
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

// RequestsWhenGranted is how many requests a check of the scopes sends when
// every one is granted: the baseline and one probe per distinct request.
func RequestsWhenGranted(required []string) (int, error) {
	keys := map[string]bool{BaselineProbe.key(): true}
	for _, s := range required {
		sc, err := newScopeCheck(s)
		if err != nil {
			return 0, err
		}
		keys[sc.first.key()] = true
	}
	return len(keys), nil
}
