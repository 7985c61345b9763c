package scopecheck

import "fmt"

// InvalidTokenError reports a token BigCommerce does not accept.
type InvalidTokenError struct{ StoreHash string }

func (e *InvalidTokenError) Error() string {
	return fmt.Sprintf("BigCommerce rejected the access token for store %s (401): it is wrong, or its API account was deleted", e.StoreHash)
}

// SwappedError reports an access token that BigCommerce refuses while it
// accepts the client ID as a token: the two values are swapped. It never
// holds either value.
type SwappedError struct{ StoreHash string }

func (e *SwappedError) Error() string {
	return fmt.Sprintf("BigCommerce refuses the access token of store %s (401), and accepts the value given as the client ID as a token: the two values are swapped", e.StoreHash)
}

// UnknownStoreError reports a store hash the token does not belong to.
type UnknownStoreError struct {
	StoreHash string
	Status    int
	// Quote is the answer's title or message, as sent; redact it before showing it.
	Quote string
}

func (e *UnknownStoreError) Error() string {
	return fmt.Sprintf("BigCommerce answered %d for store %s on GET /v2/time, a request that needs no scope: the store hash is wrong, or the token belongs to another store", e.Status, e.StoreHash)
}

// WriteSucceededError reports a write probe that BigCommerce accepted.
type WriteSucceededError struct{ Probe Probe }

func (e *WriteSucceededError) Error() string {
	return fmt.Sprintf("BigCommerce accepted the probe %s with a success status, which no store does for that request; data may have changed. Please report this to the provider developers", e.Probe.key())
}

// UnavailableError reports a baseline request without a clear answer: no
// answer, a server error after retries, a redirect, or a body the prober
// cannot read.
type UnavailableError struct {
	Cause  Cause
	Detail string
}

func (e *UnavailableError) Error() string {
	return "BigCommerce gave no answer that the check can rely on: " + e.Detail
}

// UncheckableScopeError reports a scope that no probe can check.
type UncheckableScopeError struct{ Scope string }

func (e *UncheckableScopeError) Error() string {
	return fmt.Sprintf("no request can check the scope %q without changing store data", e.Scope)
}
