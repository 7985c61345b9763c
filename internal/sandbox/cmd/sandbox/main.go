// Command sandbox runs the local BigCommerce stand-in for the demo and CI.
//
// It serves the BigCommerce API and the Onboarding Center API, each on its own
// listener, prints one JSON line when ready, such as
// {"bigcommerce_url": "http://127.0.0.1:PORT", "onboarding_url": "http://127.0.0.1:PORT", "onboarding_token": "..."},
// and stops cleanly on SIGINT or SIGTERM.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/modernretail/terraform-provider-modernretail/internal/sandbox"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "sandbox:", err)
		os.Exit(1)
	}
}

// run serves until ctx ends, then shuts down gracefully.
func run(ctx context.Context, args []string, stdout io.Writer) error {
	flags := flag.NewFlagSet("sandbox", flag.ContinueOnError)
	fixturePath := flags.String("fixture", "", "fixture `file` (JSON) with the stores and API accounts to serve")
	credentialsDir := flags.String("credentials-dir", "", "`directory` to write each API account's credentials file into")
	bigcommerceAddr := flags.String("bigcommerce-addr", "127.0.0.1:0", "`host:port` for the BigCommerce API; port 0 picks a free port")
	onboardingAddr := flags.String("onboarding-addr", "127.0.0.1:0", "`host:port` for the Onboarding Center API; port 0 picks a free port")
	if err := flags.Parse(args); err != nil {
		return err
	}
	if *fixturePath == "" {
		return errors.New("-fixture is required")
	}
	fixture, err := sandbox.LoadFixture(*fixturePath)
	if err != nil {
		return err
	}
	run, err := sandbox.Listen(fixture, *bigcommerceAddr, *onboardingAddr)
	if err != nil {
		return err
	}
	defer run.Close()
	if *credentialsDir != "" {
		if err := sandbox.WriteCredentialsFiles(run.Fixture, *credentialsDir); err != nil {
			return fmt.Errorf("writing credentials files: %w", err)
		}
	}
	ready, err := json.Marshal(map[string]string{
		"bigcommerce_url":  run.BigCommerceURL.String(),
		"onboarding_url":   run.OnboardingURL.String(),
		"onboarding_token": run.OnboardingToken,
	})
	if err != nil {
		return err
	}
	if _, err := fmt.Fprintln(stdout, string(ready)); err != nil {
		return err
	}
	<-ctx.Done()
	return run.Close()
}
