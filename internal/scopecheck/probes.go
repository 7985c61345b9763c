package scopecheck

import (
	"net/http"

	"github.com/modernretail/terraform-provider-modernretail/internal/scopes"
)

// Probe is one request that proves a level of a resource without changing data.
// Reads are GETs. Writes send the body "{}", which no BigCommerce write endpoint
// accepts, or name id 0, which cannot exist. No probe is a DELETE.
type Probe struct {
	// Resource is the control-panel resource, such as "Orders".
	Resource string
	// Level is the level a granted answer proves.
	Level scopes.Level
	// Method and Path form the request below /stores/{store_hash}.
	Method, Path string
	// EmptyBody sends "{}" as a JSON body.
	EmptyBody bool
	// Expected are the statuses a token with the scope gets; any 400, 404, 405, 409 or 422 also counts.
	Expected []int
	// Source backs the probe: where its scope and statuses are documented or observed.
	Source string
}

// BaselineProbe needs no scope, so it tells an invalid token (401) and an
// unknown store (403 or 404) apart from a missing scope.
var BaselineProbe = Probe{
	Method: http.MethodGet, Path: "/v2/time", Expected: []int{http.StatusOK},
	Source: "store_information.v2.yml getTime; 200 without any scope observed (Space48 bigcommerce-token-validator, 2023)",
}

// storeInformationPath is also the Information & Settings probe.
const storeInformationPath = "/v2/store"

// Probes is the probe table, one row per resource and level.
var Probes = []Probe{
	{Resource: "Customers", Level: scopes.LevelModify, Method: http.MethodPost, Path: "/v3/customers", EmptyBody: true,
		Expected: []int{http.StatusUnprocessableEntity, http.StatusBadRequest},
		Source:   "customers.v3.yml createCustomers needs Customers modify and an array body; 403 for read-only observed (Space48)"},
	{Resource: "Customers", Level: scopes.LevelReadOnly, Method: http.MethodGet, Path: "/v3/customers?id:in=0",
		Expected: []int{http.StatusOK},
		Source:   "customers.v3.yml getCustomers needs Customers read-only; 200 observed (Space48); id 0 matches no customer"},
	{Resource: "Information & Settings", Level: scopes.LevelReadOnly, Method: http.MethodGet, Path: storeInformationPath,
		Expected: []int{http.StatusOK},
		Source:   "store_information.v2.yml getStoreInformation needs Information & Settings"},
	{Resource: "Marketing", Level: scopes.LevelModify, Method: http.MethodPost, Path: "/v2/banners", EmptyBody: true,
		Expected: []int{http.StatusBadRequest},
		Source:   "marketing.v2.yml createBanner needs Marketing modify; 400 granted and 403 missing observed (Space48)"},
	{Resource: "Marketing", Level: scopes.LevelReadOnly, Method: http.MethodGet, Path: "/v2/banners/0",
		Expected: []int{http.StatusNotFound},
		Source:   "marketing.v2.yml getBanner needs Marketing read-only; id 0 cannot exist"},
	{Resource: "Orders", Level: scopes.LevelModify, Method: http.MethodPost, Path: "/v2/orders", EmptyBody: true,
		Expected: []int{http.StatusBadRequest},
		Source:   "orders.v2.oas2.yml createOrder needs Orders modify; 400 granted and 403 missing observed (Space48)"},
	{Resource: "Orders", Level: scopes.LevelReadOnly, Method: http.MethodGet, Path: "/v2/orders/0",
		Expected: []int{http.StatusNotFound},
		Source:   "orders.v2.oas2.yml getOrder needs Orders read-only; id 0 cannot exist"},
	{Resource: "Order Transactions", Level: scopes.LevelReadOnly, Method: http.MethodGet, Path: "/v3/orders/0/transactions",
		Expected: []int{http.StatusNotFound},
		Source:   "orders.v3.yml getTransactions needs store_v2_transactions_read_only or store_v2_transactions; 404 granted observed with id 1 (Space48). No write endpoint needs the modify level alone, so modify cannot be proven without changing data"},
	{Resource: "Get Payment Methods", Level: scopes.LevelReadOnly, Method: http.MethodGet, Path: "/v3/payments/methods?order_id=0",
		Expected: []int{http.StatusNotFound, http.StatusBadRequest},
		Source:   "payments/accepted-methods_payments.v3.yml getPaymentMethods needs Get Payment Methods read-only; 400/404 for a missing order documented"},
	{Resource: "Products", Level: scopes.LevelModify, Method: http.MethodPost, Path: "/v3/catalog/products", EmptyBody: true,
		Expected: []int{http.StatusUnprocessableEntity},
		Source:   "catalog/products_catalog.v3.yml createProduct needs Products modify; 422 granted and 403 missing observed (Space48)"},
	{Resource: "Products", Level: scopes.LevelReadOnly, Method: http.MethodGet, Path: "/v3/catalog/products/0",
		Expected: []int{http.StatusNotFound},
		Source:   "catalog/products_catalog.v3.yml getProduct needs Products read-only; id 0 cannot exist"},
	{Resource: "Carts", Level: scopes.LevelModify, Method: http.MethodPost, Path: "/v3/carts", EmptyBody: true,
		Expected: []int{http.StatusUnprocessableEntity},
		Source:   "carts.v3.yml createCart needs Carts modify; 422 granted and 403 missing observed (Space48)"},
	{Resource: "Carts", Level: scopes.LevelReadOnly, Method: http.MethodGet, Path: "/v3/carts/0",
		Expected: []int{http.StatusNotFound},
		Source:   "carts.v3.yml getCart needs Carts read-only; 404 granted observed with id 1 (Space48)"},
	{Resource: "Storefront API Tokens", Level: scopes.LevelModify, Method: http.MethodPost, Path: "/v3/storefront/api-token", EmptyBody: true,
		Expected: []int{http.StatusUnprocessableEntity},
		Source:   "storefront_tokens.v3.yml createToken needs Storefront API Tokens manage; 422 for a body without expires_at documented"},
	{Resource: "Storefront API Customer Impersonation Tokens", Level: scopes.LevelModify, Method: http.MethodPost, Path: "/v3/storefront/api-token-customer-impersonation", EmptyBody: true,
		Expected: []int{http.StatusUnprocessableEntity},
		Source:   "storefront_tokens.v3.yml createTokenWithCustomerImpersonation needs Storefront API Customer Impersonation Tokens manage; 422 documented"},
}

// probeFor returns the probe that proves exactly the level of a resource.
func probeFor(resource string, level scopes.Level) (Probe, bool) {
	for _, p := range Probes {
		if p.Resource == resource && p.Level == level {
			return p, true
		}
	}
	return Probe{}, false
}

// key identifies a probe's request, for caching.
func (p Probe) key() string {
	return p.Method + " " + p.Path
}
