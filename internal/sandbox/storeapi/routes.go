package storeapi

import (
	"net/http"

	"github.com/modernretail/terraform-provider-modernretail/internal/sandbox/standin"
)

// route is one endpoint of the store API, relative to /stores/{store_hash}.
// A request is accepted when the token holds any one of the accepted scope
// strings, listed literally: a read needs the read-only or the modify string,
// as BigCommerce's API accounts article says of every scope. An empty list
// means no scope is needed. Each source cites ../shared/reference/bigcommerce.md
// (§ numbers) and the BigCommerce document behind it.
type route struct {
	method   string
	pattern  string
	accepted []string
	source   string
	handle   func(w http.ResponseWriter, r *http.Request, st *storeState)
}

// routes is the sandbox's scope table. No handler writes anything: each write
// fails validation or names an id that does not exist, as on a real store.
var routes = []route{
	{"GET", "/v2/time", nil,
		"§10: getSystemTimestamp (store_information.v2.yml); 200 with no scope observed (Space48 snapshot)",
		func(w http.ResponseWriter, _ *http.Request, st *storeState) {
			standin.WriteJSON(w, http.StatusOK, map[string]int64{"time": st.clock})
		}},
	{"GET", "/v2/store", []string{"store_v2_information_read_only", "store_v2_information"},
		"§6, §10: getStoreInformation (store_information.v2.yml) needs Information & Settings; documented only",
		func(w http.ResponseWriter, _ *http.Request, st *storeState) {
			standin.WriteJSON(w, http.StatusOK, storeInformation(st.store))
		}},
	{"GET", "/v2/payments/methods", []string{"store_v2_information_read_only", "store_v2_information", "store_payments_methods_read"},
		"§3.6: payments.v2.yml (deprecated) is labelled Information & Settings since bigcommerce/api-specs PR #756",
		func(w http.ResponseWriter, _ *http.Request, _ *storeState) {
			standin.WriteJSON(w, http.StatusOK, []any{})
		}},
	{"POST", "/v3/customers", []string{"store_v2_customers"},
		"§3.1, §10: createCustomers (customers.v3.yml) needs Customers modify and an array body; 403 for read-only observed (Space48)",
		func(w http.ResponseWriter, r *http.Request, _ *storeState) {
			writeV3Error(w, http.StatusUnprocessableEntity, "The request body must be an array of customer objects.", map[string]string{"0": "array expected"})
		}},
	{"GET", "/v3/customers", []string{"store_v2_customers_read_only", "store_v2_customers"},
		"§3, §10: getCustomers (customers.v3.yml); 200 and 403 observed (Space48)",
		func(w http.ResponseWriter, _ *http.Request, _ *storeState) {
			standin.WriteJSON(w, http.StatusOK, map[string]any{"data": []any{}, "meta": map[string]any{"pagination": map[string]int{"total": 0, "count": 0}}})
		}},
	{"POST", "/v2/banners", []string{"store_v2_marketing"},
		"§3.3, §10: createBanner (marketing.v2.yml) needs Marketing modify; 400 and 403 observed (Space48)",
		func(w http.ResponseWriter, _ *http.Request, _ *storeState) {
			writeV2Error(w, http.StatusBadRequest, "The field 'name' is invalid.")
		}},
	{"GET", "/v2/banners/{id}", []string{"store_v2_marketing_read_only", "store_v2_marketing"},
		"§3.3: getBanner (marketing.v2.yml) needs Marketing read-only",
		notFoundV2},
	{"PUT", "/v2/coupons/{id}", []string{"store_v2_marketing"},
		"§3.3: updateCoupon (marketing.v2.yml) needs Marketing modify",
		notFoundV2},
	{"POST", "/v2/orders", []string{"store_v2_orders"},
		"§3.4, §10: createOrder (orders.v2.oas2.yml) needs Orders modify; 400 and 403 observed (Space48)",
		func(w http.ResponseWriter, _ *http.Request, _ *storeState) {
			writeV2Error(w, http.StatusBadRequest, "The field 'billing_address' is invalid.")
		}},
	{"GET", "/v2/orders/{id}", []string{"store_v2_orders_read_only", "store_v2_orders"},
		"§10: getOrder (orders.v2.oas2.yml) needs Orders read-only; 404 body documented",
		notFoundV2},
	{"PUT", "/v2/orders/{id}", []string{"store_v2_orders"},
		"§3.4: updateOrder (orders.v2.oas2.yml) needs Orders modify",
		notFoundV2},
	{"GET", "/v3/orders/{id}/transactions", []string{"store_v2_transactions_read_only", "store_v2_transactions"},
		"§3.5, §10: getOrderTransactions (orders.v3.yml) requires one of store_v2_transactions_read_only, store_v2_transactions; 404 and 403 observed (Space48)",
		notFoundV3},
	{"POST", "/v3/orders/{id}/payment_actions/{action}", []string{"store_v2_orders", "store_v2_transactions"},
		"§3.5: payment actions (orders.v3.yml) require one of store_v2_orders, store_v2_transactions",
		notFoundV3},
	{"GET", "/v3/payments/methods", []string{"store_payments_methods_read", "store_payments_access_token_create"},
		"§3.6, §10: getPaymentMethods (payments/accepted-methods_payments.v3.yml) accepts Get Payment Methods or Create Payments; 400 without an id, 404 for an unknown one, documented",
		func(w http.ResponseWriter, r *http.Request, _ *storeState) {
			q := r.URL.Query()
			if q.Get("order_id") == "" && q.Get("checkout_id") == "" {
				writeV3Error(w, http.StatusBadRequest, "An order_id or checkout_id is required.", nil)
				return
			}
			notFoundV3(w, r, nil)
		}},
	{"POST", "/v3/catalog/products", []string{"store_v2_products"},
		"§3.7, §10: createProduct (catalog/products_catalog.v3.yml) needs Products modify; 422 and 403 observed (Space48)",
		func(w http.ResponseWriter, _ *http.Request, _ *storeState) {
			writeV3Error(w, http.StatusUnprocessableEntity, "The request payload is invalid.", map[string]string{"name": "name is required"})
		}},
	{"GET", "/v3/catalog/products/{id}", []string{"store_v2_products_read_only", "store_v2_products"},
		"§3.7: getProduct (catalog/products_catalog.v3.yml) needs Products read-only",
		notFoundV3},
	{"PUT", "/v3/catalog/products/{id}", []string{"store_v2_products"},
		"§3.7: updateProduct (catalog/products_catalog.v3.yml) needs Products modify",
		notFoundV3},
	{"POST", "/v3/carts", []string{"store_cart"},
		"§3.8, §10: createCart (carts.v3.yml) needs Carts modify; 422 and 403 observed (Space48)",
		func(w http.ResponseWriter, _ *http.Request, _ *storeState) {
			writeV3Error(w, http.StatusUnprocessableEntity, "Missing Required Fields", map[string]string{"line_items": "line_items is required"})
		}},
	{"GET", "/v3/carts/{id}", []string{"store_cart_read_only", "store_cart"},
		"§3.8, §10: getCart (carts.v3.yml); 404 and 403 observed with id 1 (Space48)",
		notFoundV3},
	{"POST", "/v3/storefront/api-token", []string{"store_storefront_api"},
		"§3.9, §10: createToken (storefront_tokens.v3.yml) needs Storefront API Tokens manage; 403 and 422 documented only",
		func(w http.ResponseWriter, _ *http.Request, _ *storeState) {
			writeV3Error(w, http.StatusUnprocessableEntity, "The following fields are invalid: expires_at:required", map[string]string{"expires_at": "required"})
		}},
	{"POST", "/v3/storefront/api-token-customer-impersonation", []string{"store_storefront_api_customer_impersonation"},
		"§3.10, §10: createTokenWithCustomerImpersonation (storefront_tokens.v3.yml) needs Storefront API Customer Impersonation Tokens manage; documented only",
		func(w http.ResponseWriter, _ *http.Request, _ *storeState) {
			writeV3Error(w, http.StatusUnprocessableEntity, "The following fields are invalid: expires_at:required", map[string]string{"expires_at": "required"})
		}},
}

// The error type URL every v3 error body carries.
const errorTypeURL = "https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes"

// scopeMissingBody is BigCommerce's 403 body, exactly as observed.
const scopeMissingBody = `{"status":403,"title":"You don't have a required scope to access the endpoint","type":"https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes","errors":{}}`

// writeV2Error writes the v2 error shape: an array of {status, message}.
func writeV2Error(w http.ResponseWriter, status int, message string) {
	standin.WriteJSON(w, status, []map[string]any{{"status": status, "message": message}})
}

// writeV3Error writes the v3 error shape: {status, title, type, errors}.
func writeV3Error(w http.ResponseWriter, status int, title string, errs map[string]string) {
	if errs == nil {
		errs = map[string]string{}
	}
	standin.WriteJSON(w, status, map[string]any{"status": status, "title": title, "type": errorTypeURL, "errors": errs})
}

func notFoundV2(w http.ResponseWriter, _ *http.Request, _ *storeState) {
	writeV2Error(w, http.StatusNotFound, "The requested resource was not found.")
}

func notFoundV3(w http.ResponseWriter, _ *http.Request, _ *storeState) {
	writeV3Error(w, http.StatusNotFound, "The resource at that URL is not found.", nil)
}

// storeInformation is the GET /v2/store object. A store without a logo has
// "logo": [], the type quirk BigCommerce is known for.
func storeInformation(st Store) map[string]any {
	var logo any = []any{}
	if st.LogoURL != "" {
		logo = map[string]string{"url": st.LogoURL}
	}
	return map[string]any{
		"id":                        st.StoreHash,
		"account_uuid":              "00000000-0000-4000-8000-000000000000",
		"domain":                    st.Domain,
		"secure_url":                "https://" + st.Domain,
		"control_panel_base_url":    "https://store-" + st.StoreHash + ".mybigcommerce.com",
		"status":                    "live",
		"name":                      st.Name,
		"first_name":                "Store",
		"last_name":                 "Owner",
		"address":                   "",
		"country":                   "United States",
		"country_code":              "US",
		"phone":                     "",
		"admin_email":               "owner@" + st.Domain,
		"order_email":               "orders@" + st.Domain,
		"favicon_url":               "",
		"timezone":                  map[string]any{"name": "America/Chicago", "raw_offset": -21600, "dst_offset": -18000, "dst_correction": true, "date_format": map[string]string{"display": "jS M Y", "export": "M jS Y", "extended_display": "M jS Y @ g:i A"}},
		"language":                  "en",
		"currency":                  "USD",
		"currency_symbol":           "$",
		"decimal_separator":         ".",
		"thousands_separator":       ",",
		"decimal_places":            2,
		"currency_symbol_location":  "left",
		"weight_units":              "LBS",
		"dimension_units":           "Inches",
		"plan_name":                 "Standard",
		"plan_level":                "Standard",
		"plan_is_trial":             false,
		"industry":                  "Outdoor",
		"logo":                      logo,
		"is_price_entered_with_tax": false,
		"store_id":                  1001,
		"default_channel_id":        1,
		"default_site_id":           1000,
		"active_comparison_modules": []any{},
		"features":                  map[string]any{"stencil_enabled": true, "sitewidehttps_enabled": true, "checkout_type": "optimized", "wishlists_enabled": true, "graphql_storefront_api_enabled": true, "multi_storefront_enabled": false},
	}
}
