package provider

import (
	"strconv"
	"time"
)

// The timeouts' defaults, used when a configuration's timeouts block sets none.
const (
	// defaultScopeCheckTimeout bounds a scope check, with its retries and rate-limit waits.
	defaultScopeCheckTimeout = 5 * time.Minute
	// defaultVerificationTimeout bounds a create or update, the wait for verification included.
	defaultVerificationTimeout = 10 * time.Minute
	defaultReadTimeout         = 2 * time.Minute
	defaultDeleteTimeout       = 5 * time.Minute
	// planCheckLimit bounds the plan-time request of modernretail_bigcommerce_credentials, which has no timeouts block.
	planCheckLimit = 2 * time.Minute
)

// defaultsTo states a timeout's default for its description, as "Defaults to 10m.".
func defaultsTo(d time.Duration) string {
	text := d.String()
	switch {
	case d%time.Hour == 0:
		text = strconv.Itoa(int(d/time.Hour)) + "h"
	case d%time.Minute == 0:
		text = strconv.Itoa(int(d/time.Minute)) + "m"
	}
	return "Defaults to " + text + "."
}
