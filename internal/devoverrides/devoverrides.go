// Package devoverrides prepares a local build of the provider for the
// terraform CLI. It runs examples/dev-overrides.sh, the one place that builds
// the provider and writes a CLI configuration with dev_overrides, which the
// demo and the example checks use too.
package devoverrides

import (
	"bytes"
	"fmt"
	"os/exec"
	"path/filepath"
)

// Setup builds the provider into dir/bin and writes a CLI configuration in
// dir whose dev_overrides use that build. root is the repository's top
// directory; package, when given, is another provider of the same address to
// build, such as the fleet benchmark's no-op provider. It returns the
// configuration's path, for TF_CLI_CONFIG_FILE.
func Setup(root, dir string, pkg ...string) (string, error) {
	args := append([]string{"-c", `source "$1/examples/dev-overrides.sh" && dev_overrides_setup "$2" "$3" >&2 && printf %s "$TF_CLI_CONFIG_FILE"`,
		"dev-overrides", root, dir}, append(pkg, ".")[0])
	cmd := exec.Command("bash", args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("examples/dev-overrides.sh: %v\n%s", err, stderr.String())
	}
	return string(out), nil
}

// Provider is where Setup put the provider's build.
func Provider(dir string) string {
	return filepath.Join(dir, "bin", "terraform-provider-modernretail")
}
