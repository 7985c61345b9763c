package scopecheck

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"sync"
	"time"
)

// storeCache holds the probe calls for one store and token.
type storeCache struct {
	mu    sync.Mutex
	calls map[string]*call
}

// sharedProbeLimit bounds a probe request that several callers share: it runs
// under its own context, so that one caller's timeout or cancellation never
// cancels the proof another caller waits for, and each caller waits under its
// own. When the last caller gives up, the request is cancelled.
const sharedProbeLimit = 10 * time.Minute

// call is one probe request, shared by everyone who asks for it.
type call struct {
	done   chan struct{}
	status int
	shape  Shape
	body   []byte
	err    error
	// waiters counts the callers that still want the answer; the last to give up cancels the request.
	waiters int
	cancel  context.CancelFunc
}

// claims are the calls one caller asked for, released when it returns.
type claims []claim

type claim struct {
	cache *storeCache
	key   string
	call  *call
}

// release tells each call that this caller no longer waits: a call nobody
// waits for any more is cancelled before it finishes, and forgotten.
func (cs claims) release() {
	for _, c := range cs {
		c.cache.mu.Lock()
		c.call.waiters--
		select {
		case <-c.call.done:
		default:
			if c.call.waiters == 0 {
				c.call.cancel()
				if c.cache.calls[c.key] == c.call {
					delete(c.cache.calls, c.key)
				}
			}
		}
		c.cache.mu.Unlock()
	}
}

// read reads the call's answer to the probe.
func (cl *call) read(p Probe) Reading {
	if cl.err != nil {
		return Reading{Cause: CauseNoAnswer}
	}
	return Read(p, Received{Status: cl.status, Shape: cl.shape})
}

func (c *Checker) cache(storeHash, token string) *storeCache {
	sum := sha256.Sum256([]byte(token))
	key := storeHash + "/" + hex.EncodeToString(sum[:])
	c.mu.Lock()
	defer c.mu.Unlock()
	sc := c.stores[key]
	if sc == nil {
		sc = &storeCache{calls: map[string]*call{}}
		c.stores[key] = sc
	}
	return sc
}

// start runs a probe unless an answer or a running request is already there,
// and claims it for the caller. Inconclusive answers are forgotten, so a later
// check asks again.
func (c *Checker) start(ctx context.Context, sc *storeCache, storeHash, token string, p Probe, held *claims) *call {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	key := p.key()
	if cl, ok := sc.calls[key]; ok {
		cl.waiters++
		*held = append(*held, claim{sc, key, cl})
		return cl
	}
	shared, cancel := context.WithTimeout(context.WithoutCancel(ctx), sharedProbeLimit)
	cl := &call{done: make(chan struct{}), waiters: 1, cancel: cancel}
	sc.calls[key] = cl
	*held = append(*held, claim{sc, key, cl})
	go func() {
		defer close(cl.done)
		defer cancel()
		var body []byte
		if p.EmptyBody {
			body = []byte("{}")
		}
		resp, err := c.client.Do(shared, storeHash, token, p.Method, p.Path, body)
		if err != nil {
			cl.err = err
		} else {
			cl.status, cl.body = resp.Status, resp.Body
			cl.shape = ShapeOf(resp.Header.Get("Content-Type"), resp.Body)
		}
		if reading := cl.read(p); reading.Verdict == Inconclusive && !reading.InvalidToken && !reading.WriteSucceeded {
			sc.mu.Lock()
			if sc.calls[key] == cl {
				delete(sc.calls, key)
			}
			sc.mu.Unlock()
		}
	}()
	return cl
}

func wait(ctx context.Context, cl *call) error {
	select {
	case <-cl.done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
