package sandbox

import (
	"os/exec"
	"strings"
	"testing"
)

// clientPackages are the provider's API clients and prober. The stand-ins
// must not use them, or a wrong probe or a misspelt header would look right
// on both sides.
var clientPackages = []string{
	"github.com/modernretail/terraform-provider-modernretail/internal/apiclient",
	"github.com/modernretail/terraform-provider-modernretail/internal/bigcommerce",
	"github.com/modernretail/terraform-provider-modernretail/internal/onboarding",
	"github.com/modernretail/terraform-provider-modernretail/internal/scopecheck",
}

// TestStandInsShareNoCodeWithTheClients lists every package the sandbox, its
// stand-ins and its command build from, directly or not. The test helpers in
// sandboxtest, which start the sandbox for the provider's tests, are exempt.
func TestStandInsShareNoCodeWithTheClients(t *testing.T) {
	for _, pkg := range []string{".", "./cmd/sandbox", "./storeapi", "./onboardingcenter", "./standin"} {
		out, err := exec.Command("go", "list", "-deps", pkg).CombinedOutput()
		if err != nil {
			t.Fatalf("go list -deps %s: %v\n%s", pkg, err, out)
		}
		deps := strings.Fields(string(out))
		if len(deps) < 10 {
			t.Fatalf("go list -deps %s listed only %v, so the check proves nothing", pkg, deps)
		}
		for _, dep := range deps {
			for _, client := range clientPackages {
				if dep == client {
					t.Errorf("%s builds from the client package %s", pkg, client)
				}
			}
		}
	}
}
