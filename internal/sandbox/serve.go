package sandbox

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/url"
	"sync"
	"time"
)

// Running is both stand-ins serving on loopback.
type Running struct {
	Admin
	// OnboardingToken is the Onboarding Center's API token.
	OnboardingToken string
	// Fixture holds the generated secrets.
	Fixture Fixture
	servers []*http.Server
	center  *Onboarding
	closing sync.Once
	closed  error
}

// Listen serves the fixture's stand-ins on the given addresses, such as
// 127.0.0.1:0 for a free port each, until Close.
func Listen(f Fixture, bigcommerceAddr, onboardingAddr string) (*Running, error) {
	bc, ob, f, err := Start(f)
	if err != nil {
		return nil, err
	}
	run := &Running{OnboardingToken: ob.Token(), Fixture: f, center: ob}
	for _, s := range []struct {
		addr    string
		handler http.Handler
		url     **url.URL
	}{{bigcommerceAddr, bc, &run.BigCommerceURL}, {onboardingAddr, ob, &run.OnboardingURL}} {
		ln, err := net.Listen("tcp", s.addr)
		if err != nil {
			run.Close()
			return nil, err
		}
		*s.url = &url.URL{Scheme: "http", Host: ln.Addr().String()}
		server := &http.Server{Handler: s.handler, ReadHeaderTimeout: 10 * time.Second}
		run.servers = append(run.servers, server)
		go func() { _ = server.Serve(ln) }()
	}
	return run, nil
}

// shutdownGrace is how long Close lets requests in flight finish. A client's
// pool may hold connections it dialled but never used, which a graceful
// shutdown would wait seconds for; past the grace they are closed.
const shutdownGrace = 250 * time.Millisecond

// Close stops both stand-ins and their background verifications; later calls do nothing.
func (r *Running) Close() error {
	r.closing.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
		defer cancel()
		var errs []error
		for _, s := range r.servers {
			if err := s.Shutdown(ctx); errors.Is(err, context.DeadlineExceeded) {
				errs = append(errs, s.Close())
			} else {
				errs = append(errs, err)
			}
		}
		r.center.Close()
		r.closed = errors.Join(errs...)
	})
	return r.closed
}
