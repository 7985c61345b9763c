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
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"syscall"
	"time"

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
	bc, ob, fixture, err := sandbox.Start(fixture)
	if err != nil {
		return err
	}
	defer ob.Close()
	if *credentialsDir != "" {
		if err := sandbox.WriteCredentialsFiles(fixture, *credentialsDir); err != nil {
			return fmt.Errorf("writing credentials files: %w", err)
		}
	}
	bcListener, err := net.Listen("tcp", *bigcommerceAddr)
	if err != nil {
		return err
	}
	bcURL := &url.URL{Scheme: "http", Host: bcListener.Addr().String()}
	obListener, err := net.Listen("tcp", *onboardingAddr)
	if err != nil {
		return err
	}
	servers := []*http.Server{
		{Handler: bc, ReadHeaderTimeout: 10 * time.Second},
		{Handler: ob, ReadHeaderTimeout: 10 * time.Second},
	}
	served := make(chan error, len(servers))
	for i, ln := range []net.Listener{bcListener, obListener} {
		go func() { served <- servers[i].Serve(ln) }()
	}

	ready, err := json.Marshal(map[string]string{
		"bigcommerce_url":  bcURL.String(),
		"onboarding_url":   "http://" + obListener.Addr().String(),
		"onboarding_token": ob.Token(),
	})
	if err != nil {
		return err
	}
	if _, err := fmt.Fprintln(stdout, string(ready)); err != nil {
		return err
	}

	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return errors.Join(servers[0].Shutdown(shutdown), servers[1].Shutdown(shutdown))
}
