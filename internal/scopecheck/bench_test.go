package scopecheck_test

import (
	"context"
	"testing"

	"github.com/modernretail/terraform-provider-modernretail/internal/bigcommerce"
	"github.com/modernretail/terraform-provider-modernretail/internal/sandbox"
	"github.com/modernretail/terraform-provider-modernretail/internal/scopecheck"
	"github.com/modernretail/terraform-provider-modernretail/internal/scopes"
)

// BenchmarkCheck proves the ten required scopes of one store against the
// in-process sandbox, with a fresh checker each time, so nothing is cached,
// over one client, as the provider has.
func BenchmarkCheck(b *testing.B) {
	sb := startSandbox(b, scopes.Required)
	// The benchmark measures the checker, not BigCommerce's quota.
	sb.SetFaults(sandbox.Faults{RateLimitQuota: 1 << 30})
	token := sb.Account(storeHash).AccessToken
	client := bigcommerce.New(sb.URL, "bench", bigcommerce.Options{})
	b.ReportAllocs()
	for b.Loop() {
		if _, err := scopecheck.NewChecker(client).Check(context.Background(), scopecheck.Account{StoreHash: storeHash, AccessToken: token}, scopes.Required); err != nil {
			b.Fatal(err)
		}
	}
}
