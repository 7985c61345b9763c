// Package bigcommerce is the provider's one HTTP client for the BigCommerce
// store API. It sends the access token to the configured API host only, never
// follows a redirect, retries rate limits and server errors as BigCommerce
// documents, and logs through tflog with the token masked.
package bigcommerce

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/go-cleanhttp"
	"github.com/hashicorp/go-retryablehttp"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// LogSubsystem names the client's tflog subsystem.
const LogSubsystem = "bigcommerce"

// maxBodySize bounds how much of a response is read.
const maxBodySize = 1 << 20

// The request and rate-limit headers BigCommerce documents.
const (
	HeaderAuthToken        = "X-Auth-Token"
	HeaderRetryAfter       = "X-Retry-After"
	HeaderRateLimitResetMs = "X-Rate-Limit-Time-Reset-Ms"
	HeaderRateLimitWindow  = "X-Rate-Limit-Time-Window-Ms"
	HeaderRateLimitQuota   = "X-Rate-Limit-Requests-Quota"
	HeaderRateLimitLeft    = "X-Rate-Limit-Requests-Left"
)

var storeHashPattern = regexp.MustCompile(`^[0-9a-z]{1,64}$`)

// Options tune retries; the zero value takes the defaults.
type Options struct {
	// MaxRetries is how many times a request is retried after a 429, a 5xx or a connection error.
	// Zero means the default of 5; a negative number means no retry.
	MaxRetries int
	// MinWait and MaxWait bound the exponential backoff between retries that no header paces. Defaults 250ms and 8s.
	MinWait, MaxWait time.Duration
}

// Client sends requests to one BigCommerce API host.
type Client struct {
	base      *url.URL
	userAgent string
	http      *retryablehttp.Client
}

// Response is a BigCommerce answer, read whole.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// UserAgent builds the User-Agent header, with TF_APPEND_USER_AGENT appended when set.
func UserAgent(providerVersion, terraformVersion string) string {
	ua := fmt.Sprintf("terraform-provider-modernretail/%s Terraform/%s", providerVersion, terraformVersion)
	if extra := strings.TrimSpace(os.Getenv("TF_APPEND_USER_AGENT")); extra != "" {
		ua += " " + extra
	}
	return ua
}

// New returns a client for the API at base, such as https://api.bigcommerce.com.
func New(base *url.URL, userAgent string, opts Options) *Client {
	switch {
	case opts.MaxRetries == 0:
		opts.MaxRetries = 5
	case opts.MaxRetries < 0:
		opts.MaxRetries = 0
	}
	if opts.MinWait == 0 {
		opts.MinWait = 250 * time.Millisecond
	}
	if opts.MaxWait == 0 {
		opts.MaxWait = 8 * time.Second
	}
	httpClient := cleanhttp.DefaultPooledClient()
	// The token header would follow a redirect to any host, so none is followed.
	httpClient.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	rc := &retryablehttp.Client{
		HTTPClient:      httpClient,
		RetryMax:        opts.MaxRetries,
		RetryWaitMin:    opts.MinWait,
		RetryWaitMax:    opts.MaxWait,
		CheckRetry:      retryablehttp.DefaultRetryPolicy,
		Backoff:         Backoff,
		ErrorHandler:    retryablehttp.PassthroughErrorHandler,
		RequestLogHook:  logRequest,
		ResponseLogHook: logResponse,
	}
	b := *base
	return &Client{base: &b, userAgent: userAgent, http: rc}
}

// Host is the only host the client sends tokens to.
func (c *Client) Host() string {
	return c.base.Host
}

// Do sends a request to a store's API. path starts with the API version, such
// as "/v2/time", and may carry a query. A non-nil body is sent as JSON.
func (c *Client) Do(ctx context.Context, storeHash, token, method, path string, body []byte) (*Response, error) {
	if !storeHashPattern.MatchString(storeHash) {
		return nil, fmt.Errorf("store hash %q is not lowercase letters and digits", storeHash)
	}
	target := *c.base
	rawPath, query, _ := strings.Cut(path, "?")
	target.Path = strings.TrimRight(c.base.Path, "/") + "/stores/" + storeHash + rawPath
	target.RawQuery = query

	ctx = tflog.NewSubsystem(ctx, LogSubsystem)
	ctx = tflog.SubsystemMaskFieldValuesWithFieldKeys(ctx, LogSubsystem, HeaderAuthToken)
	if token != "" {
		ctx = tflog.SubsystemMaskAllFieldValuesStrings(ctx, LogSubsystem, token)
		ctx = tflog.SubsystemMaskMessageStrings(ctx, LogSubsystem, token)
	}
	var reqBody any
	if body != nil {
		reqBody = body
	}
	req, err := retryablehttp.NewRequestWithContext(ctx, method, target.String(), reqBody)
	if err != nil {
		return nil, fmt.Errorf("building the request: %w", err)
	}
	req.Header.Set(HeaderAuthToken, token)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.userAgent)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.http.Do(req)
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return nil, ctxErr
		}
		return nil, describeTransportError(method, rawPath, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxBodySize+1))
	if err != nil {
		return nil, fmt.Errorf("%s %s: reading the response: %w", method, rawPath, err)
	}
	if len(data) > maxBodySize {
		return nil, fmt.Errorf("%s %s: the response is larger than %d bytes", method, rawPath, maxBodySize)
	}
	return &Response{Status: resp.StatusCode, Header: resp.Header, Body: data}, nil
}

// describeTransportError drops the URL, which names the store's endpoint but adds nothing to the cause.
func describeTransportError(method, path string, err error) error {
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		err = urlErr.Err
	}
	return fmt.Errorf("%s %s: %w", method, path, err)
}

// Backoff paces retries. On 429 it waits the longer of X-Retry-After and
// X-Rate-Limit-Time-Reset-Ms, as BigCommerce asks; otherwise it backs off
// exponentially from min to max.
func Backoff(minWait, maxWait time.Duration, attempt int, resp *http.Response) time.Duration {
	if resp != nil && resp.StatusCode == http.StatusTooManyRequests {
		if wait, ok := RateLimitWait(resp.Header); ok {
			return wait
		}
	}
	wait := time.Duration(float64(minWait) * math.Pow(2, float64(attempt)))
	if wait > maxWait || wait <= 0 {
		wait = maxWait
	}
	return wait
}

// RateLimitWait returns the wait a 429 asks for, when its headers give one.
func RateLimitWait(h http.Header) (time.Duration, bool) {
	var wait time.Duration
	found := false
	if s, err := strconv.ParseFloat(strings.TrimSpace(h.Get(HeaderRetryAfter)), 64); err == nil && s >= 0 {
		wait, found = time.Duration(s*float64(time.Second)), true
	}
	if ms, err := strconv.ParseInt(strings.TrimSpace(h.Get(HeaderRateLimitResetMs)), 10, 64); err == nil && ms >= 0 {
		if d := time.Duration(ms) * time.Millisecond; d > wait {
			wait = d
		}
		found = true
	}
	return wait, found
}

func logRequest(_ retryablehttp.Logger, req *http.Request, retry int) {
	tflog.SubsystemDebug(req.Context(), LogSubsystem, "Sending BigCommerce request", map[string]any{
		"method":          req.Method,
		"path":            req.URL.Path,
		"retry":           retry,
		HeaderAuthToken:   req.Header.Get(HeaderAuthToken),
		"user_agent":      req.UserAgent(),
		"content_present": req.ContentLength > 0,
	})
}

func logResponse(_ retryablehttp.Logger, resp *http.Response) {
	fields := map[string]any{
		"method": resp.Request.Method,
		"path":   resp.Request.URL.Path,
		"status": resp.StatusCode,
	}
	for _, h := range []string{HeaderRateLimitLeft, HeaderRateLimitResetMs, HeaderRetryAfter} {
		if v := resp.Header.Get(h); v != "" {
			fields[h] = v
		}
	}
	tflog.SubsystemDebug(resp.Request.Context(), LogSubsystem, "Received BigCommerce response", fields)
}
