// Command terraform-provider-modernretail serves the modernretail Terraform provider.
package main

import (
	"context"
	"flag"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/modernretail/terraform-provider-modernretail/internal/provider"
)

// version is set at release through -ldflags "-X main.version=...".
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()

	err := providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address: "registry.terraform.io/modernretail/modernretail",
		Debug:   debug,
	})
	if err != nil {
		log.Fatal(err.Error())
	}
}
