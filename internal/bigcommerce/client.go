// Package bigcommerce is the provider's one HTTP client for the BigCommerce
// store API. It sends the access token to the configured API host only, never
// follows a redirect, retries rate limits and server errors as BigCommerce
// documents, and logs through tflog with the token masked.
package bigcommerce

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/modernretail/terraform-provider-modernretail/internal/apiclient"
	"github.com/modernretail/terraform-provider-modernretail/internal/credentialsfile"
)

// LogSubsystem names the client's tflog subsystem.
const LogSubsystem = "bigcommerce"

// The request and rate-limit headers the client sends or reads.
const (
	HeaderAuthToken        = "X-Auth-Token"
	HeaderRetryAfter       = "X-Retry-After"
	HeaderRateLimitResetMs = "X-Rate-Limit-Time-Reset-Ms"
	HeaderRateLimitLeft    = "X-Rate-Limit-Requests-Left"
)

var storeHashPattern = regexp.MustCompile(credentialsfile.StoreHashPattern)

// Options tune retries; see apiclient.Options.
type Options = apiclient.Options

// Response is a BigCommerce answer, read whole.
type Response = apiclient.Response

// Client sends requests to one BigCommerce API host.
type Client struct {
	api *apiclient.Client
}

// New returns a client for the API at base, such as https://api.bigcommerce.com.
func New(base *url.URL, userAgent string, opts Options) *Client {
	return &Client{api: apiclient.New(apiclient.Config{
		BaseURL:          base,
		UserAgent:        userAgent,
		Subsystem:        LogSubsystem,
		CredentialHeader: HeaderAuthToken,
		RateLimitWait:    RateLimitWait,
		RateLimitHeaders: []string{HeaderRetryAfter, HeaderRateLimitResetMs},
		LoggedHeaders:    []string{HeaderRateLimitLeft, HeaderRateLimitResetMs, HeaderRetryAfter},
		Options:          opts,
	})}
}

// Do sends a request to a store's API. path starts with the API version, such
// as "/v2/time", and may carry a query. A non-nil body is sent as JSON.
func (c *Client) Do(ctx context.Context, storeHash, token, method, path string, body []byte) (*Response, error) {
	if !storeHashPattern.MatchString(storeHash) {
		return nil, fmt.Errorf("store hash %q is not %s", storeHash, credentialsfile.StoreHashRule)
	}
	rawPath, query, _ := strings.Cut(path, "?")
	return c.api.Do(ctx, apiclient.Request{
		Method:     method,
		Path:       "/stores/" + storeHash + rawPath,
		Query:      query,
		Credential: token,
		Body:       body,
	})
}

// RateLimitWait returns the wait a 429 asks for: the longer of X-Retry-After
// and X-Rate-Limit-Time-Reset-Ms, as BigCommerce asks, when either is present.
func RateLimitWait(h http.Header) (time.Duration, bool) {
	wait, found := apiclient.SecondsHeader(h, HeaderRetryAfter)
	if ms, err := strconv.ParseInt(strings.TrimSpace(h.Get(HeaderRateLimitResetMs)), 10, 64); err == nil && ms >= 0 {
		if d := time.Duration(ms) * time.Millisecond; d > wait {
			wait = d
		}
		found = true
	}
	return wait, found
}
