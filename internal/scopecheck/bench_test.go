package scopecheck_test

import (
	"context"
	"testing"

	"github.com/modernretail/terraform-provider-modernretail/internal/sandbox"
	"github.com/modernretail/terraform-provider-modernretail/internal/scopes"
)

// BenchmarkCheck proves the ten required scopes of one store against the
// in-process sandbox, with a fresh checker each time, so nothing is cached.
func BenchmarkCheck(b *testing.B) {
	sb := startSandbox(b, scopes.Required)
	// The benchmark measures the checker, not BigCommerce's quota.
	sb.SetFaults(sandbox.Faults{RateLimitQuota: 1 << 30})
	token := sb.Account(storeHash).AccessToken
	b.ReportAllocs()
	for b.Loop() {
		if _, err := newChecker(sb).Check(context.Background(), storeHash, token, scopes.Required); err != nil {
			b.Fatal(err)
		}
	}
}
