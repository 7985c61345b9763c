package storeapi

import "fmt"

// knownScopes are the store-level OAuth scope strings of BigCommerce's API
// accounts article ("Token creation scopes" and "Store resource scopes"),
// as ../shared/reference/bigcommerce.md §2.1 transcribes them. The stand-in
// keeps its own list, so that a fixture naming a scope the provider's catalog
// lacks still works, and a misspelt one fails.
var knownScopes = map[string]bool{
	"store_payments_access_token_create": true, "store_storefront_api": true, "store_storefront_api_customer_impersonation": true,
	"store_app_extensions_manage": true,
	"store_cart":                  true, "store_cart_read_only": true,
	"store_channel_settings": true, "store_channel_settings_read_only": true,
	"store_channel_listings": true, "store_channel_listings_read_only": true,
	"store_checkout": true, "store_checkout_read_only": true,
	"store_content_checkout": true, "store_content_checkout_read_only": true,
	"store_v2_content": true, "store_v2_content_read_only": true,
	"store_v2_customers": true, "store_v2_customers_read_only": true,
	"store_v2_customers_login":         true,
	"store_fulfillment_methods_manage": true, "store_fulfillment_methods_read_only": true,
	"store_v2_information": true, "store_v2_information_read_only": true,
	"store_v2_marketing": true, "store_v2_marketing_read_only": true,
	"store_metafield_change_owner": true,
	"store_metafield_write":        true, "store_metafield_write_all": true,
	"store_v2_orders": true, "store_v2_orders_read_only": true,
	"store_order_fulfillment_manage": true, "store_order_fulfillment_read_only": true,
	"store_v2_transactions": true, "store_v2_transactions_read_only": true,
	"store_payments_methods_read": true,
	"store_v2_products":           true, "store_v2_products_read_only": true,
	"store_sites": true, "store_sites_read_only": true,
	"store_inventory": true, "store_inventory_read_only": true,
	"store_locations": true, "store_locations_read_only": true,
	"store_stored_payment_instruments": true, "store_stored_payment_instruments_read_only": true,
	"store_translations": true, "store_translations_read_only": true,
	"store_themes_manage": true, "store_themes_read_only": true,
	"store_logs_read_only": true,
}

func checkScopes(list []string) error {
	for _, s := range list {
		if !knownScopes[s] {
			return fmt.Errorf("unknown scope %q", s)
		}
	}
	return nil
}
