// Command sandbox runs the local BigCommerce stand-in for the demo and CI.
//
// It prints one JSON line when ready, such as {"bigcommerce_url": "http://127.0.0.1:PORT"},
// and stops cleanly on SIGINT or SIGTERM.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/modernretail/terraform-provider-modernretail/internal/sandbox"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "sandbox:", err)
		os.Exit(1)
	}
}

func run() error {
	fixturePath := flag.String("fixture", "", "fixture `file` (JSON) with the stores and API accounts to serve")
	credentialsDir := flag.String("credentials-dir", "", "`directory` to write each API account's credentials file into")
	bigcommerceAddr := flag.String("bigcommerce-addr", "127.0.0.1:0", "`host:port` for the BigCommerce API; port 0 picks a free port")
	flag.Parse()
	if *fixturePath == "" {
		return errors.New("-fixture is required")
	}
	fixture, err := sandbox.LoadFixture(*fixturePath)
	if err != nil {
		return err
	}
	bc, err := sandbox.NewBigCommerce(fixture)
	if err != nil {
		return err
	}
	if *credentialsDir != "" {
		if err := sandbox.WriteCredentialsFiles(bc.Fixture(), *credentialsDir); err != nil {
			return fmt.Errorf("writing credentials files: %w", err)
		}
	}
	ln, err := net.Listen("tcp", *bigcommerceAddr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: bc, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	ready, err := json.Marshal(map[string]string{"bigcommerce_url": "http://" + ln.Addr().String()})
	if err != nil {
		return err
	}
	fmt.Println(string(ready))

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return srv.Shutdown(shutdown)
}
