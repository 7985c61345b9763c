// Package scopes is the catalog of BigCommerce store-level OAuth scopes: each
// control-panel resource, its levels, and the scope string of each level.
//
// Source: BigCommerce's "API accounts" article, tables "Token creation scopes"
// and "Store resource scopes"
// (https://developer.bigcommerce.com/docs/start/authentication/api-accounts#oauth-scopes).
package scopes

import (
	"fmt"
	"sort"
)

// Level is how much access a scope grants on its resource.
type Level int

// The levels, in increasing order of access.
const (
	LevelNone Level = iota
	LevelReadOnly
	LevelModify
)

// String returns the level as a plain word.
func (l Level) String() string {
	switch l {
	case LevelReadOnly:
		return "read-only"
	case LevelModify:
		return "modify"
	default:
		return "none"
	}
}

// ResourceName is the control-panel label of a resource, such as "Orders".
type ResourceName string

// The control panel's resources.
const (
	Content                                  ResourceName = "Content"
	CheckoutContent                          ResourceName = "Checkout Content"
	Customers                                ResourceName = "Customers"
	CustomersLogin                           ResourceName = "Customers Login"
	InformationAndSettings                   ResourceName = "Information & Settings"
	Marketing                                ResourceName = "Marketing"
	Orders                                   ResourceName = "Orders"
	OrderTransactions                        ResourceName = "Order Transactions"
	CreatePayments                           ResourceName = "Create Payments"
	GetPaymentMethods                        ResourceName = "Get Payment Methods"
	StoredPaymentInstruments                 ResourceName = "Stored Payment Instruments"
	Products                                 ResourceName = "Products"
	Themes                                   ResourceName = "Themes"
	Carts                                    ResourceName = "Carts"
	Checkouts                                ResourceName = "Checkouts"
	SitesAndRoutes                           ResourceName = "Sites & Routes"
	ChannelSettings                          ResourceName = "Channel Settings"
	ChannelListings                          ResourceName = "Channel Listings"
	StoreLogs                                ResourceName = "Store Logs"
	StoreLocations                           ResourceName = "Store Locations"
	StoreInventory                           ResourceName = "Store Inventory"
	StoreTranslations                        ResourceName = "Store Translations"
	FulfillmentMethods                       ResourceName = "Fulfillment Methods"
	OrderFulfillment                         ResourceName = "Order Fulfillment"
	MetafieldOwnership                       ResourceName = "Metafield Ownership"
	MetafieldsAccess                         ResourceName = "Metafields Access"
	AppExtensions                            ResourceName = "App Extensions"
	StorefrontAPITokens                      ResourceName = "Storefront API Tokens"
	StorefrontAPICustomerImpersonationTokens ResourceName = "Storefront API Customer Impersonation Tokens"
)

// Resource is one row of the control panel's OAuth scope list.
type Resource struct {
	// Name is the control-panel label, such as "Orders".
	Name ResourceName
	// Modify is the scope string of the modify level, or empty.
	Modify string
	// ModifyWord is the control panel's word for the modify level when it is not "modify": manage, full.
	ModifyWord string
	// ReadOnly is the scope string of the read-only level, or empty.
	ReadOnly string
	// ReadOnlyWord is the control panel's word for the lower level when it is not "read-only": standard.
	ReadOnlyWord string
}

// Word returns the control panel's word for a level of this resource.
func (r Resource) Word(l Level) string {
	switch {
	case l == LevelModify && r.ModifyWord != "":
		return r.ModifyWord
	case l == LevelReadOnly && r.ReadOnlyWord != "":
		return r.ReadOnlyWord
	}
	return l.String()
}

// Scope is one scope string with its resource and level.
type Scope struct {
	String   string
	Resource Resource
	Level    Level
}

// Label is the control-panel wording of the scope, such as "Orders: modify".
func (s Scope) Label() string {
	return fmt.Sprintf("%s: %s", s.Resource.Name, s.Resource.Word(s.Level))
}

// Resources lists every store-level resource in the control panel's order.
// The level words are those of BigCommerce's docs (reference §2.1 and §11):
// modify, except manage for the two storefront token scopes, App Extensions
// and Metafield Ownership, and standard and full for Metafields Access.
var Resources = []Resource{
	{Name: Content, Modify: "store_v2_content", ReadOnly: "store_v2_content_read_only"},
	{Name: CheckoutContent, Modify: "store_content_checkout", ReadOnly: "store_content_checkout_read_only"},
	{Name: Customers, Modify: "store_v2_customers", ReadOnly: "store_v2_customers_read_only"},
	{Name: CustomersLogin, Modify: "store_v2_customers_login"},
	{Name: InformationAndSettings, Modify: "store_v2_information", ReadOnly: "store_v2_information_read_only"},
	{Name: Marketing, Modify: "store_v2_marketing", ReadOnly: "store_v2_marketing_read_only"},
	{Name: Orders, Modify: "store_v2_orders", ReadOnly: "store_v2_orders_read_only"},
	{Name: OrderTransactions, Modify: "store_v2_transactions", ReadOnly: "store_v2_transactions_read_only"},
	{Name: CreatePayments, Modify: "store_payments_access_token_create"},
	{Name: GetPaymentMethods, ReadOnly: "store_payments_methods_read"},
	{Name: StoredPaymentInstruments, Modify: "store_stored_payment_instruments", ReadOnly: "store_stored_payment_instruments_read_only"},
	{Name: Products, Modify: "store_v2_products", ReadOnly: "store_v2_products_read_only"},
	{Name: Themes, Modify: "store_themes_manage", ReadOnly: "store_themes_read_only"},
	{Name: Carts, Modify: "store_cart", ReadOnly: "store_cart_read_only"},
	{Name: Checkouts, Modify: "store_checkout", ReadOnly: "store_checkout_read_only"},
	{Name: SitesAndRoutes, Modify: "store_sites", ReadOnly: "store_sites_read_only"},
	{Name: ChannelSettings, Modify: "store_channel_settings", ReadOnly: "store_channel_settings_read_only"},
	{Name: ChannelListings, Modify: "store_channel_listings", ReadOnly: "store_channel_listings_read_only"},
	{Name: StoreLogs, ReadOnly: "store_logs_read_only"},
	{Name: StoreLocations, Modify: "store_locations", ReadOnly: "store_locations_read_only"},
	{Name: StoreInventory, Modify: "store_inventory", ReadOnly: "store_inventory_read_only"},
	{Name: StoreTranslations, Modify: "store_translations", ReadOnly: "store_translations_read_only"},
	{Name: FulfillmentMethods, Modify: "store_fulfillment_methods_manage", ReadOnly: "store_fulfillment_methods_read_only"},
	{Name: OrderFulfillment, Modify: "store_order_fulfillment_manage", ReadOnly: "store_order_fulfillment_read_only"},
	{Name: MetafieldOwnership, Modify: "store_metafield_change_owner", ModifyWord: "manage"},
	{Name: MetafieldsAccess, Modify: "store_metafield_write_all", ModifyWord: "full", ReadOnly: "store_metafield_write", ReadOnlyWord: "standard"},
	{Name: AppExtensions, Modify: "store_app_extensions_manage", ModifyWord: "manage"},
	{Name: StorefrontAPITokens, Modify: "store_storefront_api", ModifyWord: "manage"},
	{Name: StorefrontAPICustomerImpersonationTokens, Modify: "store_storefront_api_customer_impersonation", ModifyWord: "manage"},
}

// Required is the scope set of the "Modern Retail Integration" API account, in
// the order of Modern Retail's setup guide.
var Required = []string{
	"store_v2_customers",
	"store_v2_information_read_only",
	"store_v2_marketing",
	"store_v2_orders",
	"store_v2_transactions",
	"store_payments_methods_read",
	"store_v2_products",
	"store_cart",
	"store_storefront_api",
	"store_storefront_api_customer_impersonation",
}

var byString = func() map[string]Scope {
	m := map[string]Scope{}
	for _, r := range Resources {
		if r.Modify != "" {
			m[r.Modify] = Scope{String: r.Modify, Resource: r, Level: LevelModify}
		}
		if r.ReadOnly != "" {
			m[r.ReadOnly] = Scope{String: r.ReadOnly, Resource: r, Level: LevelReadOnly}
		}
	}
	return m
}()

// Lookup returns the scope with the given string.
func Lookup(s string) (Scope, bool) {
	sc, ok := byString[s]
	return sc, ok
}

// All returns every scope string, sorted.
func All() []string {
	out := make([]string, 0, len(byString))
	for s := range byString {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

// CountWord writes a count of scopes or requests as prose does, such as "ten".
func CountWord(n int) string {
	words := []string{"no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
		"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"}
	if n >= 0 && n < len(words) {
		return words[n]
	}
	return fmt.Sprint(n)
}
