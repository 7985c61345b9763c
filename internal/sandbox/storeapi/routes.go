package storeapi

import (
	"net/http"
	"strconv"

	"github.com/modernretail/terraform-provider-modernretail/internal/sandbox/standin"
)

// route is one endpoint of the store API, relative to /stores/{store_hash}.
// A request is accepted when the token holds any one of the accepted scope
// strings, listed literally: a read needs the read-only or the modify string,
// as BigCommerce's API accounts article says of every scope. An empty list
// means no scope is needed. A granted token gets one of the route's answers:
// every answer BigCommerce documents for the operation, the first by default
// (see Answers). Each source cites ../shared/reference/bigcommerce.md (§
// numbers) and the BigCommerce document behind it.
type route struct {
	method   string
	pattern  string
	accepted []string
	source   string
	answers  []answer
}

// answer is one answer of a route to a granted token, with its citation.
type answer struct {
	source string
	write  func(w http.ResponseWriter, r *http.Request, st *storeState)
}

// key names the route as Gateway.Routes and the stats do.
func (rt *route) key() string {
	return rt.method + " " + rt.pattern
}

// routes is the sandbox's scope table. No answer writes anything: each write
// fails validation or names an id that does not exist, as on a real store.
var routes = []route{
	{"GET", "/v2/time", nil,
		"§10: getSystemTimestamp (store_information.v2.yml); 200 with no scope observed (Space48 snapshot)",
		[]answer{{"§6: {\"time\": <unix seconds>}", func(w http.ResponseWriter, _ *http.Request, st *storeState) {
			standin.WriteJSON(w, http.StatusOK, map[string]int64{"time": st.clock})
		}}}},
	{"GET", "/v2/store", []string{"store_v2_information_read_only", "store_v2_information"},
		"§6, §10: getStoreInformation (store_information.v2.yml) needs Information & Settings; documented only",
		[]answer{{"§6: the store information object", func(w http.ResponseWriter, _ *http.Request, st *storeState) {
			standin.WriteJSON(w, http.StatusOK, storeInformation(st.store))
		}}}},
	{"GET", "/v2/payments/methods", []string{"store_v2_information_read_only", "store_v2_information"},
		"§11: payments/methods_payments.v2.yml (deprecated) is labelled Information & Settings (api-specs PR #469), and PR #756 found that Get Payment Methods does not work there",
		[]answer{{"§3.6: 200 with the methods", func(w http.ResponseWriter, _ *http.Request, _ *storeState) {
			standin.WriteJSON(w, http.StatusOK, []any{})
		}}}},
	{"POST", "/v3/customers", []string{"store_v2_customers"},
		"§3.1, §10, §11: createCustomers (customers.v3.yml) needs Customers modify and an array body; 403 for read-only observed (Space48)",
		[]answer{
			{"§11: 422 Create customers failed (missing required fields)", func(w http.ResponseWriter, _ *http.Request, _ *storeState) {
				writeV3Error(w, http.StatusUnprocessableEntity, "Create customers failed.", map[string]string{"0": "array expected"})
			}},
			{"§11: 413, with no body documented", func(w http.ResponseWriter, _ *http.Request, _ *storeState) {
				w.WriteHeader(http.StatusRequestEntityTooLarge)
			}},
		}},
	{"GET", "/v3/customers", []string{"store_v2_customers_read_only", "store_v2_customers"},
		"§3, §10, §11: getCustomers (customers.v3.yml); 200 and 403 observed (Space48) without a filter",
		[]answer{
			{"§11: 200 with a collection", func(w http.ResponseWriter, _ *http.Request, _ *storeState) {
				standin.WriteJSON(w, http.StatusOK, map[string]any{"data": []any{}, "meta": map[string]any{"pagination": map[string]int{"total": 0, "count": 0}}})
			}},
			{"§11: 422 The optional filter parameter was not valid", func(w http.ResponseWriter, r *http.Request, _ *storeState) {
				writeV3Error(w, http.StatusUnprocessableEntity, "The optional filter parameter was not valid", map[string]string{"id:in": "invalid"})
			}},
		}},
	{"POST", "/v2/banners", []string{"store_v2_marketing"},
		"§3.3, §10: createBanner (marketing.v2.yml) needs Marketing modify; 400 and 403 observed (Space48)",
		[]answer{{"§10: 400, v2 error array", func(w http.ResponseWriter, _ *http.Request, _ *storeState) {
			writeV2Error(w, http.StatusBadRequest, "The field 'name' is invalid.")
		}}}},
	{"GET", "/v2/banners/{id}", []string{"store_v2_marketing_read_only", "store_v2_marketing"},
		"§3.3, §11: getBanner (marketing.v2.yml) needs Marketing read-only and documents 200 only",
		[]answer{{"§11: 200 with a banner, the one documented answer", func(w http.ResponseWriter, r *http.Request, _ *storeState) {
			id, _ := strconv.Atoi(r.PathValue("id"))
			standin.WriteJSON(w, http.StatusOK, map[string]any{"id": id, "name": "Sale Banner", "content": "<p>Sale!</p>", "page": "home_page",
				"item_id": "0", "location": "top", "date_created": "1522169082", "date_type": "always", "date_from": "0", "date_to": "0", "visible": "1"})
		}}}},
	{"PUT", "/v2/coupons/{id}", []string{"store_v2_marketing"},
		"§3.3: updateCoupon (marketing.v2.yml) needs Marketing modify",
		[]answer{{"§4.2: v2 not found", notFoundV2}}},
	{"POST", "/v2/orders", []string{"store_v2_orders"},
		"§3.4, §10: createOrder (orders.v2.oas2.yml) needs Orders modify; 400 and 403 observed (Space48)",
		[]answer{{"§10: 400, v2 error array", func(w http.ResponseWriter, _ *http.Request, _ *storeState) {
			writeV2Error(w, http.StatusBadRequest, "The field 'billing_address' is invalid.")
		}}}},
	{"GET", "/v2/orders/{id}", []string{"store_v2_orders_read_only", "store_v2_orders"},
		"§10, §11: getOrder (orders.v2.oas2.yml) needs Orders read-only; 404 body documented",
		[]answer{{"§11: 404 The requested resource was not found.", notFoundV2}}},
	{"PUT", "/v2/orders/{id}", []string{"store_v2_orders"},
		"§3.4: updateOrder (orders.v2.oas2.yml) needs Orders modify",
		[]answer{{"§4.2: v2 not found", notFoundV2}}},
	{"GET", "/v3/orders/{id}/transactions", []string{"store_v2_transactions_read_only", "store_v2_transactions"},
		"§3.5, §10, §11: getOrderTransactions (orders.v3.yml) requires one of store_v2_transactions_read_only, store_v2_transactions; 404 and 403 observed with id 1 (Space48)",
		[]answer{
			{"§11: 404", notFoundV3},
			{"§11: 204, no content", func(w http.ResponseWriter, _ *http.Request, _ *storeState) {
				w.WriteHeader(http.StatusNoContent)
			}},
			{"§11: 200 with a collection", func(w http.ResponseWriter, _ *http.Request, _ *storeState) {
				standin.WriteJSON(w, http.StatusOK, map[string]any{"data": []any{}, "meta": map[string]any{}})
			}},
		}},
	{"POST", "/v3/orders/{id}/payment_actions/{action}", []string{"store_v2_orders", "store_v2_transactions"},
		"§3.5: payment actions (orders.v3.yml) require one of store_v2_orders, store_v2_transactions",
		[]answer{{"§4.2: v3 not found", notFoundV3}}},
	{"GET", "/v3/payments/methods", []string{"store_payments_methods_read", "store_payments_access_token_create"},
		"§3.6, §10, §11: getPaymentMethods (payments/accepted-methods_payments.v3.yml) accepts Get Payment Methods or Create Payments; 400 without an id",
		[]answer{
			{"§11: 404 for an unknown order", paymentMethods(http.StatusNotFound, "The resource at that URL is not found.")},
			{"§11: 422 missing or invalid data", paymentMethods(http.StatusUnprocessableEntity, "Request has been rejected due to missing or invalid data")},
			{"§11: 400 request rejected", paymentMethods(http.StatusBadRequest, "Request has been rejected")},
		}},
	{"POST", "/v3/catalog/products", []string{"store_v2_products"},
		"§3.7, §10, §11: createProduct (catalog/products_catalog.v3.yml) needs Products modify; 422 and 403 observed (Space48)",
		[]answer{
			{"§11: 422", func(w http.ResponseWriter, _ *http.Request, _ *storeState) {
				writeV3Error(w, http.StatusUnprocessableEntity, "The request payload is invalid.", map[string]string{"name": "name is required"})
			}},
			{"§11: 409", func(w http.ResponseWriter, _ *http.Request, _ *storeState) {
				writeV3Error(w, http.StatusConflict, "The product conflicts with another product.", nil)
			}},
		}},
	{"GET", "/v3/catalog/products/{id}", []string{"store_v2_products_read_only", "store_v2_products"},
		"§3.7, §11: getProduct (catalog/products_catalog.v3.yml) needs Products read-only",
		[]answer{{"§11: 404", notFoundV3}}},
	{"PUT", "/v3/catalog/products/{id}", []string{"store_v2_products"},
		"§3.7: updateProduct (catalog/products_catalog.v3.yml) needs Products modify",
		[]answer{{"§4.2: v3 not found", notFoundV3}}},
	{"POST", "/v3/carts", []string{"store_cart"},
		"§3.8, §10, §11: createCart (carts.v3.yml) needs Carts modify; 422 and 403 observed (Space48)",
		[]answer{{"§11: 422", func(w http.ResponseWriter, _ *http.Request, _ *storeState) {
			writeV3Error(w, http.StatusUnprocessableEntity, "Missing Required Fields", map[string]string{"line_items": "line_items is required"})
		}}}},
	{"GET", "/v3/carts/{id}", []string{"store_cart_read_only", "store_cart"},
		"§3.8, §10, §11: getCart (carts.v3.yml); 404 and 403 observed with id 1 (Space48)",
		[]answer{{"§11: 404 Cart not found.", func(w http.ResponseWriter, _ *http.Request, _ *storeState) {
			writeV3Error(w, http.StatusNotFound, "Cart not found.", nil)
		}}}},
	{"POST", "/v3/storefront/api-token", []string{"store_storefront_api"},
		"§3.9, §10, §11: createToken (storefront_tokens.v3.yml) needs Storefront API Tokens manage; 403 and 422 documented only",
		[]answer{{"§11: 422 Invalid JSON request body", func(w http.ResponseWriter, _ *http.Request, _ *storeState) {
			writeV3Error(w, http.StatusUnprocessableEntity, "The following fields are invalid: expires_at:required", map[string]string{"expires_at": "required"})
		}}}},
	{"POST", "/v3/storefront/api-token-customer-impersonation", []string{"store_storefront_api_customer_impersonation"},
		"§3.10, §10, §11: createTokenWithCustomerImpersonation (storefront_tokens.v3.yml) needs Storefront API Customer Impersonation Tokens manage; documented only",
		[]answer{{"§11: 422", func(w http.ResponseWriter, _ *http.Request, _ *storeState) {
			writeV3Error(w, http.StatusUnprocessableEntity, "The following fields are invalid: expires_at:required", map[string]string{"expires_at": "required"})
		}}}},
}

// paymentMethods answers GET /v3/payments/methods: 400 without an order or
// checkout id, as documented, and otherwise status with a v3 error.
func paymentMethods(status int, title string) func(http.ResponseWriter, *http.Request, *storeState) {
	return func(w http.ResponseWriter, r *http.Request, _ *storeState) {
		q := r.URL.Query()
		if q.Get("order_id") == "" && q.Get("checkout_id") == "" {
			writeV3Error(w, http.StatusBadRequest, "An order_id or checkout_id is required.", nil)
			return
		}
		writeV3Error(w, status, title, nil)
	}
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
