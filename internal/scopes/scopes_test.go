package scopes

import "testing"

func TestRequiredSetIsInTheCatalog(t *testing.T) {
	want := map[string]string{
		"store_v2_customers":                          "Customers: modify",
		"store_v2_information_read_only":              "Information & Settings: read-only",
		"store_v2_marketing":                          "Marketing: modify",
		"store_v2_orders":                             "Orders: modify",
		"store_v2_transactions":                       "Order Transactions: modify",
		"store_payments_methods_read":                 "Get Payment Methods: read-only",
		"store_v2_products":                           "Products: modify",
		"store_cart":                                  "Carts: modify",
		"store_storefront_api":                        "Storefront API Tokens: manage",
		"store_storefront_api_customer_impersonation": "Storefront API Customer Impersonation Tokens: manage",
	}
	if len(Required) != len(want) {
		t.Fatalf("%d required scopes, want %d", len(Required), len(want))
	}
	for _, s := range Required {
		sc, ok := Lookup(s)
		if !ok {
			t.Errorf("%s is not in the catalog", s)
			continue
		}
		if sc.Label() != want[s] {
			t.Errorf("%s is %q, want %q", s, sc.Label(), want[s])
		}
	}
}

func TestCatalogHasEachScopeOnce(t *testing.T) {
	seen := map[string]bool{}
	names := map[ResourceName]bool{}
	for _, r := range Resources {
		if names[r.Name] {
			t.Errorf("resource %q appears twice", r.Name)
		}
		names[r.Name] = true
		for _, s := range []string{r.Modify, r.ReadOnly} {
			if s == "" {
				continue
			}
			if seen[s] {
				t.Errorf("%s appears twice", s)
			}
			seen[s] = true
		}
	}
	if len(All()) != len(seen) {
		t.Errorf("All() has %d scopes, the catalog %d", len(All()), len(seen))
	}
}

func TestWords(t *testing.T) {
	sf, _ := Lookup("store_storefront_api")
	if sf.Resource.Word(LevelModify) != "manage" || sf.Resource.Word(LevelNone) != "none" {
		t.Errorf("storefront words: %s, %s", sf.Resource.Word(LevelModify), sf.Resource.Word(LevelNone))
	}
	orders, _ := Lookup("store_v2_orders")
	if orders.Resource.Word(LevelReadOnly) != "read-only" || orders.Resource.Word(LevelModify) != "modify" {
		t.Error("orders words")
	}
}

func TestCountWord(t *testing.T) {
	for n, want := range map[int]string{0: "no", 1: "one", 10: "ten", 11: "eleven", 21: "21"} {
		if got := CountWord(n); got != want {
			t.Errorf("CountWord(%d) = %q, want %q", n, got, want)
		}
	}
}
