package acctest

import (
	"fmt"
	"strings"

	"github.com/modernretail/terraform-provider-modernretail/internal/sandbox/sandboxtest"
)

// Expr is an HCL expression written as it is, such as a reference.
type Expr string

// File is the expression that reads a file's text.
func File(path string) Expr {
	return Expr(fmt.Sprintf("file(%q)", path))
}

// Block is one HCL block, such as a resource, with its arguments in order.
type Block struct {
	header string
	args   [][2]string
}

// Resource starts a resource block.
func Resource(typ, name string) Block {
	return Block{header: fmt.Sprintf("resource %q %q", typ, name)}
}

// DataSource starts a data block.
func DataSource(typ, name string) Block {
	return Block{header: fmt.Sprintf("data %q %q", typ, name)}
}

// Module starts a module block.
func Module(name string) Block {
	return Block{header: fmt.Sprintf("module %q", name)}
}

// Variable starts a variable block.
func Variable(name string) Block {
	return Block{header: fmt.Sprintf("variable %q", name)}
}

// Provider starts the provider's configuration block.
func Provider() Block {
	return Block{header: `provider "modernretail"`}
}

// ProviderFor configures the provider for a sandbox. The onboarding token is
// read from a file, as from a secret store, so the configuration holds no secret.
func ProviderFor(sb *sandboxtest.Sandbox) Block {
	return Provider().
		Set("bigcommerce_api_url", sb.URL.String()).
		Set("onboarding_url", sb.OnboardingURL.String()).
		Set("onboarding_token", File(sb.OnboardingTokenFile))
}

// Set adds an argument: a string is quoted, an Expr, number or bool written as it is.
func (b Block) Set(name string, value any) Block {
	var expr string
	switch v := value.(type) {
	case string:
		expr = fmt.Sprintf("%q", v)
	case Expr:
		expr = string(v)
	case []string:
		quoted := make([]string, len(v))
		for i, s := range v {
			quoted[i] = fmt.Sprintf("%q", s)
		}
		expr = "[" + strings.Join(quoted, ", ") + "]"
	default:
		expr = fmt.Sprint(v)
	}
	b.args = append(append([][2]string(nil), b.args...), [2]string{name, expr})
	return b
}

// String writes the block as terraform fmt would, arguments aligned.
func (b Block) String() string {
	width := 0
	for _, a := range b.args {
		width = max(width, len(a[0]))
	}
	var s strings.Builder
	s.WriteString(b.header + " {\n")
	for _, a := range b.args {
		fmt.Fprintf(&s, "  %-*s = %s\n", width, a[0], a[1])
	}
	s.WriteString("}\n")
	return s.String()
}

// Config joins blocks into a configuration.
func Config(blocks ...Block) string {
	parts := make([]string, len(blocks))
	for i, b := range blocks {
		parts[i] = b.String()
	}
	return strings.Join(parts, "\n")
}
